import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Lit decorators as the rest of the project compiles them.
    viteConfig.esbuild = {
      ...(typeof viteConfig.esbuild === 'object' ? viteConfig.esbuild : {}),
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    };
    return viteConfig;
  },
};
export default config;
