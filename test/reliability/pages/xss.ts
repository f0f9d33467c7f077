// Reliability test page: every element that shows people's names or free text, fed by in-page fake backends
// whose names, notes and reasons are HTML/script payloads. Each payload, if it ever ran, would push to
// `window.xssRan`. The test reads the rendered text through every shadow root.
import '../../../src/elements/booking/visit-booking.js';
import '../../../src/elements/my-visits/visit-my-visits.js';
import '../../../src/elements/staff-console/visit-staff-console.js';
import type { Visit } from '../../../src/api/family.js';
import { familyBackend, links, TZ } from '../../elements/booking/family-backend.js';
import { DAY, staffBackend, visit as staffVisit } from '../../support/fake-staff-api.js';

const ran: string[] = [];
Object.assign(window, { xssRan: ran });
const payload = (tag: string) =>
  [
    `<img src=x onerror="xssRan.push('${tag}-img')">`,
    `<script>xssRan.push('${tag}-script')</script>`,
    `"><svg onload="xssRan.push('${tag}-svg')">`,
    `'><iframe srcdoc="<script>parent.xssRan.push('${tag}-iframe')</script>">`,
  ].join('');
export const PAYLOADS = { first: payload('first'), last: payload('last'), note: payload('note') };

// <visit-booking>: the prisoner names in "Who are you visiting?"
const booking = familyBackend({ signedIn: true });
const evil = links();
evil[0]!.prisoner.firstName = PAYLOADS.first;
evil[0]!.prisoner.lastName = PAYLOADS.last;
evil[0]!.relationship = PAYLOADS.note;
booking.api.route('GET /links', () => evil);
const bookingEl = document.createElement('visit-booking');
bookingEl.client = booking.client;

// <visit-my-visits>: prisoner and visitor names, support needs
const family = familyBackend({ signedIn: true });
const start = new Date(Date.now() + 3 * 86400_000).toISOString();
const v: Visit = {
  id: 'v1',
  reference: 'BK7Q2MXA',
  type: 'in-person',
  status: 'booked',
  subStatus: 'AUTO_APPROVED',
  start,
  end: new Date(Date.parse(start) + 3600_000).toISOString(),
  prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
  prisoner: { id: 'p1', firstName: PAYLOADS.first, lastName: PAYLOADS.last },
  visitors: [
    {
      id: 'v-sam',
      firstName: PAYLOADS.first,
      lastName: PAYLOADS.last,
      dateOfBirth: '1988-01-01',
      age: 38,
      lead: true,
    },
  ],
  supportNeeds: PAYLOADS.note,
  contact: { email: 'sam@example.org' },
} as Visit;
family.visits.push(v);
const myVisits = document.createElement('visit-my-visits');
myVisits.client = family.client;

// <visit-staff-console>: today's visits with prisoner and visitor names and relationships
const staff = staffBackend({
  visits: [
    staffVisit('x1', {
      prisoner: { id: 'p-x1', firstName: PAYLOADS.first, lastName: PAYLOADS.last, prisonNumber: 'A1234BC' },
      visitors: [
        {
          id: 'v-x1',
          firstName: PAYLOADS.first,
          lastName: PAYLOADS.last,
          dateOfBirth: '1990-01-01',
          age: 36,
          lead: true,
        },
      ],
      links: { 'v-x1': PAYLOADS.note },
    }),
  ],
});
const consoleEl = document.createElement('visit-staff-console');
consoleEl.client = staff.client;
consoleEl.setAttribute('date', DAY);
consoleEl.setAttribute('tab', 'today');

for (const el of [bookingEl, myVisits, consoleEl]) document.body.append(el);

/** All text under `node`, through shadow roots. */
function deepText(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof Element && current.shadowRoot) current.shadowRoot.childNodes.forEach(walk);
    current.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join('');
}
/** Elements created from markup anywhere under `node` that a payload would have made. */
function injected(node: Node): string[] {
  const found: string[] = [];
  const walk = (current: Node) => {
    if (current instanceof Element) {
      if (
        ['SCRIPT', 'IFRAME'].includes(current.tagName) ||
        current.hasAttribute('onerror') ||
        current.hasAttribute('onload')
      )
        found.push(current.outerHTML.slice(0, 80));
      if (current.tagName === 'IMG' && current.getAttribute('src') === 'x')
        found.push(current.outerHTML.slice(0, 80));
      if (current.shadowRoot) current.shadowRoot.childNodes.forEach(walk);
    }
    current.childNodes.forEach(walk);
  };
  walk(node);
  return found;
}

Object.assign(window, {
  xss: {
    payloads: PAYLOADS,
    texts: () => ({ booking: deepText(bookingEl), myVisits: deepText(myVisits), staff: deepText(consoleEl) }),
    injected: () => [bookingEl, myVisits, consoleEl].flatMap((el) => injected(el)),
    ran: () => [...ran],
  },
});
