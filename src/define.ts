// Side-effect entry: registers every visit-kit element (safe to load twice).
import './elements/provider/visit-provider.js';
import './elements/staff-console/visit-staff-console.js';
