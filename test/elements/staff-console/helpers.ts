import { fixture, html, waitUntil } from '@open-wc/testing';
import type { VisitStaffConsole } from '../../../src/elements/staff-console/staff-console.js';
import '../../../src/elements/staff-console/visit-staff-console.js';
import { DAY, staffBackend, type StaffBackend } from '../../support/fake-staff-api.js';

export interface Mounted extends StaffBackend {
  el: VisitStaffConsole;
  /** Text of the console and all its panels (shadow roots included). */
  text(): string;
  /** querySelector across the console's nested shadow roots. */
  find<T extends Element = HTMLElement>(selector: string): T | null;
  findAll<T extends Element = HTMLElement>(selector: string): T[];
}

/** Every shadow root below `root`, depth first, including `root` itself. */
export function roots(root: Element | ShadowRoot): (Element | ShadowRoot)[] {
  const found: (Element | ShadowRoot)[] = [root];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.querySelectorAll('*')) {
      if (child.shadowRoot) {
        found.push(child.shadowRoot);
        walk(child.shadowRoot);
      }
    }
  };
  walk(root);
  return found;
}

export function deepText(node: Element | ShadowRoot): string {
  // innerText respects `hidden`; shadow roots need walking.
  const parts: string[] = [];
  const visit = (current: Node) => {
    if (current instanceof HTMLElement && current.hidden) return;
    if (
      current instanceof HTMLElement &&
      current.localName === 'dialog' &&
      !(current as HTMLDialogElement).open
    )
      return;
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof Element && current.shadowRoot) current.shadowRoot.childNodes.forEach(visit);
    current.childNodes.forEach(visit);
  };
  visit(node);
  return parts.join(' ').replace(/\s+/g, ' ');
}

export async function mount(
  options: Parameters<typeof staffBackend>[0] & { tab?: string; lang?: string } = {},
): Promise<Mounted> {
  const backend = staffBackend(options);
  const el = await fixture<VisitStaffConsole>(html`
    <visit-staff-console
      .client=${backend.client}
      date=${DAY}
      tab=${options.tab ?? 'today'}
      lang=${options.lang ?? 'en'}
    ></visit-staff-console>
  `);
  const mounted: Mounted = {
    ...backend,
    el,
    text: () => deepText(el.shadowRoot!),
    find: <T extends Element>(selector: string) => {
      for (const root of roots(el.shadowRoot!)) {
        const hit = root.querySelector<T>(selector);
        if (hit) return hit;
      }
      return null;
    },
    findAll: <T extends Element>(selector: string) =>
      roots(el.shadowRoot!).flatMap((root) => [...root.querySelectorAll<T>(selector)]),
  };
  await waitUntil(() => backend.api.callsTo('GET /staff/visits').length > 0, 'console loads the day');
  await settle(el);
  return mounted;
}

/** Waits for the console and every panel inside it to finish rendering. */
export async function settle(el: VisitStaffConsole): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const elements = [el, ...roots(el.shadowRoot!).flatMap((root) => [...root.querySelectorAll('*')])].filter(
      (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
    );
    await Promise.all(elements.map((node) => node.updateComplete));
  }
}

/** Finds a button by its visible text (or aria-label) across shadow roots. */
export function button(m: Mounted, label: string | RegExp): HTMLButtonElement {
  const match = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
  const found = m
    .findAll<HTMLButtonElement>('button')
    .find(
      (each) =>
        match(each.textContent!.trim().replace(/\s+/g, ' ')) || match(each.getAttribute('aria-label') ?? ''),
    );
  if (!found) throw new Error(`no button ${String(label)}`);
  return found;
}

export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
