// Demo only: one-click sign-in as a seeded person, using the real code flow (request a code, read it from
// the reference backend's dev outbox, verify). A real portal signs people in itself and hands visit-kit a
// session or a token provider.
import type { Session, VisitClient } from '../../src/api/client.js';

interface OutboxMessage {
  to: string;
  text: string;
}

// Demo only: each person's last session, shared by every demo tab, so a click spends a sign-in code only when
// there is no session still valid for a minute more (codes are limited per email; sessions last 12 hours).
const remembered = (email: string) => `visit-kit-demo:session:${email}`;

function reusable(email: string, now: number): Session | undefined {
  try {
    const session = JSON.parse(localStorage.getItem(remembered(email)) ?? 'null') as Session | null;
    if (session?.token && session.expiresAt && Date.parse(session.expiresAt) > now + 60_000) return session;
  } catch {
    // nothing usable stored
  }
  return undefined;
}

/** The problem's own words (the backend writes them in the page's language), else the status. */
async function why(response: Response, what: string): Promise<Error> {
  const problem = (await response.json().catch(() => ({}))) as { detail?: string };
  return new Error(problem.detail ?? `${what} (${response.status})`);
}

export async function demoSignIn(client: VisitClient, email: string): Promise<Session> {
  const kept = reusable(email, client.clock.now());
  if (kept) {
    const check = await fetch(`${client.baseUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${kept.token}` },
    });
    if (check.ok) {
      client.session = kept;
      return kept;
    }
    localStorage.removeItem(remembered(email));
  }
  const api = client.baseUrl;
  const language = document.documentElement.lang || 'en';
  const post = (path: string, body: unknown) =>
    fetch(`${api}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify(body),
    });
  const requested = await post('/auth/code', { email });
  if (!requested.ok) throw await why(requested, 'Could not request a code');
  const outbox = (await (
    await fetch(`${api}/api/dev/outbox?to=${encodeURIComponent(email)}`)
  ).json()) as OutboxMessage[];
  const code = outbox.map((message) => /\b(\d{6})\b/.exec(message.text)?.[1]).find(Boolean);
  if (!code) throw new Error('No sign-in code in the dev outbox');
  const verified = await post('/auth/verify', { email, code });
  if (!verified.ok) throw await why(verified, 'Could not verify the code');
  const session = (await verified.json()) as Session;
  localStorage.setItem(remembered(email), JSON.stringify(session));
  client.session = session;
  return session;
}

export async function demoPairKiosk(client: VisitClient, pairingCode: string): Promise<Session> {
  const response = await fetch(`${client.baseUrl}/api/v1/auth/device`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pairingCode }),
  });
  if (!response.ok) throw new Error(`Could not pair the kiosk (${response.status})`);
  const session = (await response.json()) as Session;
  client.session = session;
  return session;
}

/**
 * Wires every `[data-demo-sign-in]` button inside `root` to sign the provider's client in as that email,
 * and shows who is signed in in `[data-demo-who]`.
 */
export function wireDemoSignIn(root: ParentNode = document): void {
  const provider = root.querySelector('visit-provider');
  const who = root.querySelector<HTMLElement>('[data-demo-who]');
  const client = () => provider?.activeClient;
  const show = () => {
    const user = client()?.session?.user as { email?: string } | undefined;
    if (who) who.textContent = user?.email ? `Signed in as ${user.email}` : 'Not signed in';
  };
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-demo-sign-in]')) {
    button.addEventListener('click', async () => {
      const target = client();
      if (!target) return;
      button.disabled = true;
      try {
        await demoSignIn(target, button.dataset.demoSignIn!);
      } catch (error) {
        if (who) who.textContent = error instanceof Error ? error.message : String(error);
      } finally {
        button.disabled = false;
        show();
      }
    });
  }
  // Demo only (STAFF_PASSKEYS=required): the operator's first set-up code for the signed-in officer, from the
  // dev route; a real prison gets it from a colleague or `npm run staff:enrolment-code`.
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-demo-enrolment-code]')) {
    button.addEventListener('click', async () => {
      const target = client();
      const user = target?.session?.user as { email?: string } | undefined;
      if (!target || !user?.email || !who) return;
      const response = await fetch(`${target.baseUrl}/api/dev/passkey-enrolment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email }),
      });
      who.textContent = response.ok
        ? `Set-up code for ${user.email}: ${((await response.json()) as { code: string }).code}`
        : (await why(response, 'Could not get a set-up code')).message;
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-demo-sign-out]')) {
    button.addEventListener('click', () => {
      const target = client();
      const user = target?.session?.user as { email?: string } | undefined;
      if (user?.email) localStorage.removeItem(remembered(user.email));
      if (target) target.session = undefined;
      show();
    });
  }
  customElements.whenDefined('visit-provider').then(() => {
    client()?.addEventListener('session-change', show);
    show();
  });
}
