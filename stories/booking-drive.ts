// Drives <visit-booking> / <visit-my-visits> in stories the way a person would (no test framework), so each
// story can open on a given step or error state of the real element against the fake backend.
import type { LitElement } from 'lit';

type Host = LitElement;

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ');

export async function waitFor(check: () => boolean, timeout = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error('Timed out while preparing the story');
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

export function shadowText(host: Host): string {
  return squash(host.shadowRoot?.textContent);
}

export async function onHeading(host: Host, text: string): Promise<void> {
  await waitFor(
    () =>
      squash(host.shadowRoot?.querySelector('h2[data-heading]')?.textContent).includes(text) &&
      !host.shadowRoot?.querySelector('.spinner'),
  );
  await host.updateComplete;
}

function control(host: Host, label: string): HTMLInputElement {
  const found = [...host.shadowRoot!.querySelectorAll('label')].find((item) =>
    squash(item.textContent).includes(label),
  );
  if (!found) throw new Error(`No field “${label}”`);
  return host.shadowRoot!.getElementById(found.htmlFor) as HTMLInputElement;
}

export function fill(host: Host, label: string, value: string): void {
  control(host, label).value = value;
}

export function tick(host: Host, label: string, on = true): void {
  const input = control(host, label);
  if (input.checked !== on) input.click();
}

export async function press(host: Host, label: string): Promise<void> {
  const found = [...host.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((item) =>
    squash(item.textContent).includes(label),
  );
  if (!found) throw new Error(`No button “${label}”`);
  found.click();
  await host.updateComplete;
}

/** Picks the first day with free times and its first time in the calendar inside `host`. */
export async function pickTime(host: Host, skip = 0): Promise<void> {
  await waitFor(() => Boolean(host.shadowRoot?.querySelector('visit-session-calendar')));
  const calendar = host.shadowRoot!.querySelector('visit-session-calendar') as LitElement;
  await calendar.updateComplete;
  let days = calendar.shadowRoot!.querySelectorAll<HTMLButtonElement>('.day[data-state="available"]');
  if (days.length <= skip) {
    calendar.shadowRoot!.querySelectorAll<HTMLButtonElement>('.month button')[1]?.click();
    await calendar.updateComplete;
    days = calendar.shadowRoot!.querySelectorAll<HTMLButtonElement>('.day[data-state="available"]');
  }
  days[Math.min(skip, days.length - 1)]!.click();
  await calendar.updateComplete;
  calendar.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"]:not([disabled])')?.click();
  await host.updateComplete;
}

export type BookingStop =
  'sign-in' | 'code' | 'prisoner' | 'visitors' | 'slot' | 'details' | 'check' | 'confirmation';

/** From a signed-in start (no presets), walks to `stop`. */
export async function walkTo(host: Host, stop: BookingStop): Promise<void> {
  if (stop === 'sign-in') return;
  if (shadowText(host).includes('Sign in to book a visit')) {
    fill(host, 'Email address', 'sam@example.org');
    await press(host, 'Continue');
    await onHeading(host, 'Check your email');
    if (stop === 'code') return;
    fill(host, 'Code', '123456');
    await press(host, 'Continue');
  }
  await onHeading(host, 'Who are you visiting?');
  if (stop === 'prisoner') return;
  tick(host, 'Alex Smith');
  await press(host, 'Continue');
  await onHeading(host, 'Visit type and visitors');
  if (stop === 'visitors') return;
  tick(host, 'Video visit');
  tick(host, 'Jo Taylor');
  await press(host, 'Continue');
  await onHeading(host, 'Choose a date and time');
  if (stop === 'slot') return;
  await pickTime(host);
  await press(host, 'Continue');
  await onHeading(host, 'Support and contact');
  if (stop === 'details') return;
  fill(host, 'Does anyone need support', 'Step-free access');
  await press(host, 'Continue');
  await onHeading(host, 'Check your answers');
  if (stop === 'check') return;
  await press(host, 'Book visit');
  await waitFor(() => Boolean(host.shadowRoot?.querySelector('[part="confirmation"]')));
}
