// CustomStatesController with a minimal Lit host: `:state(name)` follows what the host computes after each
// update, and CSS can see it.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { CustomStatesController } from '../../src/core/custom-states.js';

class StatesHost extends LitElement {
  static override styles = css`
    :host {
      color: rgb(0, 0, 0);
    }
    :host(:state(busy)) {
      color: rgb(255, 0, 0);
    }
  `;
  static override properties = { busy: { type: Boolean } };
  busy = false;
  readonly states = new CustomStatesController(this, () => ({ busy: this.busy, idle: !this.busy }));
}
customElements.define('test-states-host', StatesHost);

describe('CustomStatesController', () => {
  it('adds and removes custom states after each update, visible to CSS', async () => {
    const element = await fixture<StatesHost>(html`<test-states-host></test-states-host>`);
    expect(element.states.has('idle')).to.equal(true);
    expect(element.states.has('busy')).to.equal(false);
    expect(element.matches(':state(idle)')).to.equal(true);
    element.busy = true;
    await element.updateComplete;
    expect(element.states.has('busy')).to.equal(true);
    expect(element.states.has('idle')).to.equal(false);
    expect(getComputedStyle(element).color).to.equal('rgb(255, 0, 0)');
    element.busy = false;
    await element.updateComplete;
    expect(element.matches(':state(busy)')).to.equal(false);
  });

  it('does nothing (and does not throw) when the host cannot attach internals', async () => {
    class Twice extends LitElement {
      readonly states: CustomStatesController;
      constructor() {
        super();
        this.attachInternals(); // taken already: the controller cannot have them
        this.states = new CustomStatesController(this, () => ({ on: true }));
      }
    }
    customElements.define('test-states-twice', Twice);
    const element = await fixture<Twice>(html`<test-states-twice></test-states-twice>`);
    expect(element.states.has('on')).to.equal(false);
  });
});
