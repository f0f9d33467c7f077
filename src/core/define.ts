/**
 * Registers an element unless that name is already taken (two copies of visit-kit on one portal page,
 * or a page loading the CDN bundle and an npm build, must not throw).
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(name, constructor);
}
