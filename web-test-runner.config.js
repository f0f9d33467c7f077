// Browser tests: real headless Chromium with fake camera and microphone; TypeScript through esbuild.
// a11ySnapshot() reads Chromium's accessibility tree (names, roles, descriptions as a screen reader gets them).
// A plugin starts a real LiveKit server on first use and mints test tokens for media tests (executeServerCommand).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/ensure.mjs';
import { livekitPlugin } from './test/support/wtr-livekit-plugin.mjs';

export default {
  // Node-side suites (end-to-end, reliability) run under node:test, not in the browser.
  // VISIT_KIT_NO_LIVEKIT=1 leaves out the files that need a real LiveKit server (the clock-shifted run).
  files: [
    'test/**/*.test.ts',
    '!test/e2e/**',
    '!test/reliability/**',
    // node suites run by npm run test:cluster
    '!test/cluster/**',
    ...(process.env.VISIT_KIT_NO_LIVEKIT ? ['!test/**/*-livekit.test.ts'] : []),
  ],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    livekitPlugin(),
    a11ySnapshotPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
