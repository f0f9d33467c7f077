// The charity page's script: registers only the elements it uses, as a site would (`visit-kit/provider`,
// `visit-kit/booking`, `visit-kit/my-visits`), not every element as ./site.ts does.
import '../../src/elements/provider/visit-provider.js';
import '../../src/elements/booking/visit-booking.js';
import '../../src/elements/my-visits/visit-my-visits.js';
import './_page-common.js';
