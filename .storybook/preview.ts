import type { Preview } from '@storybook/web-components-vite';
import '../src/define.js';

// An English/Welsh toggle in the toolbar: sets `lang` on the story root, which every element follows.
const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language of the elements',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'cy', title: 'Cymraeg' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals.locale ?? 'en');
      return story();
    },
  ],
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};
export default preview;
