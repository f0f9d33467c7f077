// The script of every demo page but the charity page (./charity.ts): registers visit-kit, wires the demo sign-in bar, and the few host-page
// behaviours a real site would add itself (where "Join" goes, which visit the kiosk shows).
import '../../src/define.js';
import type { VisitProvider } from '../../src/elements/provider/provider.js';
import { demoPairKiosk } from './_demo-session.js';
import './_page-common.js';

const page = document.body.dataset.page;
const provider = document.querySelector<VisitProvider>('visit-provider');

// Family portal: the visit to join comes from `?visit=` (an id or reference is not a secret).
if (page === 'portal') {
  const visit = new URLSearchParams(location.search).get('visit');
  const room = document.querySelector('visit-waiting-room');
  if (visit && room) room.setAttribute('visit', visit);
}

// Kiosk: pair the device with the seeded pairing code, then the elements show the prisoner's next visit.
if (page === 'kiosk' && provider) {
  customElements.whenDefined('visit-provider').then(async () => {
    await provider.updateComplete;
    const client = provider.activeClient;
    const status = document.querySelector<HTMLElement>('[data-demo-who]');
    if (!client) return;
    try {
      if (!client.session) await demoPairKiosk(client, 'KIOSK-A1234BC');
      if (status) status.textContent = 'Kiosk paired for prisoner A1234BC';
    } catch (error) {
      if (status) status.textContent = error instanceof Error ? error.message : String(error);
    }
  });
}
