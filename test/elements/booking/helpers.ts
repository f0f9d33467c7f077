// Helpers to drive an element's shadow DOM the way a person would: type into labelled fields, click buttons.
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';

export function shadow(element: LitElement): ShadowRoot {
  return element.shadowRoot!;
}

export function q<T extends Element = HTMLElement>(element: LitElement, selector: string): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector} in <${element.localName}>`);
  return found;
}

export function text(element: LitElement): string {
  return (shadow(element).textContent ?? '').replace(/\s+/g, ' ');
}

export function heading(element: LitElement): string {
  return q(element, 'h2[data-heading]').textContent!.replace(/\s+/g, ' ').trim();
}

/** The input whose <label> text contains `label`. */
export function field<T extends HTMLElement = HTMLInputElement>(element: LitElement, label: string): T {
  const labelElement = [...shadow(element).querySelectorAll('label')].find((item) =>
    item.textContent!.replace(/\s+/g, ' ').includes(label),
  );
  if (!labelElement) throw new Error(`No field labelled “${label}”`);
  return shadow(element).getElementById(labelElement.htmlFor) as T;
}

export function fill(element: LitElement, label: string, value: string): void {
  const input = field(element, label);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function check(element: LitElement, label: string, checked = true): void {
  const input = field(element, label);
  if (input.checked !== checked) input.click();
}

/** The button whose visible text contains `label`. */
export function button(element: LitElement, label: string): HTMLButtonElement {
  const found = [...shadow(element).querySelectorAll<HTMLButtonElement>('button')].find((item) =>
    item.textContent!.replace(/\s+/g, ' ').includes(label),
  );
  if (!found) throw new Error(`No button “${label}” in: ${text(element).slice(0, 400)}`);
  return found;
}

export async function click(element: LitElement, label: string): Promise<void> {
  button(element, label).click();
  await element.updateComplete;
}

export async function until(
  element: LitElement,
  predicate: () => boolean,
  message: string,
  timeout = 4000,
): Promise<void> {
  try {
    await waitUntil(predicate, message, { timeout });
  } catch {
    throw new Error(`${message}; page says: ${text(element).slice(0, 500)}`);
  }
  await element.updateComplete;
}

export async function untilHeading(element: LitElement, expected: string, timeout = 4000): Promise<void> {
  await until(
    element,
    () => {
      const node = shadow(element).querySelector('h2[data-heading]');
      return Boolean(node?.textContent?.includes(expected)) && !shadow(element).querySelector('.spinner');
    },
    `heading “${expected}”`,
    timeout,
  );
}

export function activeInShadow(element: LitElement): Element | null {
  return shadow(element).activeElement;
}

export function errorSummaryLinks(element: LitElement): string[] {
  return [...shadow(element).querySelectorAll('.error-summary a')].map((link) => link.textContent!.trim());
}

export async function expectFocusOnHeading(element: LitElement): Promise<void> {
  await element.updateComplete;
  expect(activeInShadow(element)?.matches('h2[data-heading]'), 'focus moved to the heading').to.equal(true);
}
