import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = {
  title: 'Elements/visit-provider',
  component: 'visit-provider',
  args: { apiBase: 'https://visits.example.org', lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'cy'] } },
};
export default meta;

/** The provider renders nothing itself: it shares the client and language with what is inside. */
export const Default: StoryObj = {
  render: (args) => html`
    <visit-provider api-base=${args.apiBase} lang=${args.lang}>
      <p>Elements placed here share one backend client and the language “${args.lang}”.</p>
    </visit-provider>
  `,
};
