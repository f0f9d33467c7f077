// Every booking and my-visits story renders and reaches its state against the fake backend, axe clean.
import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import * as bookingStories from '../../../stories/booking.stories.js';
import * as visitsStories from '../../../stories/my-visits.stories.js';

type Story = {
  args?: Record<string, unknown>;
  render?: (args: Record<string, unknown>) => TemplateResult;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
};

for (const [title, module] of [
  ['booking', bookingStories],
  ['my-visits', visitsStories],
] as const) {
  const { default: meta, ...stories } = module as unknown as Record<string, Story> & { default: Story };
  describe(`${title} stories`, () => {
    for (const [name, story] of Object.entries(stories)) {
      if (name === 'HoldExpired') continue; // waits for a real expiry; covered by the failure tests
      it(name, async () => {
        const canvas = await fixture<HTMLDivElement>(html`<div></div>`);
        render(story.render!({ ...meta.args, ...story.args }), canvas);
        await story.play?.({ canvasElement: canvas });
        const element = canvas.querySelector('visit-booking, visit-my-visits') as HTMLElement & {
          updateComplete: Promise<boolean>;
        };
        await element.updateComplete;
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(element.shadowRoot!.textContent!.trim()).to.not.equal('');
        await expect(element).to.be.accessible();
      });
    }
  });
}
