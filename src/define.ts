// Side-effect entry: registers every visit-kit element (safe to load twice).
import './elements/provider/visit-provider.js';
import './elements/booking/visit-booking.js';
import './elements/my-visits/visit-my-visits.js';
import './elements/staff-console/visit-staff-console.js';
import './elements/waiting-room/visit-waiting-room.js';
import './elements/call/visit-call.js';
