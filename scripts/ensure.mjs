// Makes this machine ready to run visit-kit: a Chromium for tests and the demo, and a LiveKit server.
// Idempotent and quiet when there is nothing to do. Used by `npm start`, `npm test` and `npm run bench`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The LiveKit server version we build when none is installed. v1.13.6+ need forks the Go proxy does not serve. */
export const LIVEKIT_VERSION = 'v1.13.5';
export const CACHE_DIR = process.env.VISIT_KIT_CACHE ?? join(homedir(), '.cache', 'visit-kit');
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for headless Chromium here: root needs --no-sandbox; fake devices give a test pattern and a beep. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

const log = (message) => process.stderr.write(`[visit-kit setup] ${message}\n`);

function onPath(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Path of a Chrome or Chromium binary, or undefined. */
export function findChromium() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    log("installing Debian's chromium with apt-get (about a minute, once per machine)…");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    'No Chrome or Chromium found. Install one (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome) ' +
      'or set CHROME_PATH to its executable.',
  );
}

/**
 * Debian's `faketime` (libfaketime), for the test stage that runs the suites with the clock moved. Installed
 * with apt where that is possible; otherwise undefined (the stage then says it was skipped and why).
 */
export function ensureFaketime() {
  const found = onPath('faketime');
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) return undefined;
  log("installing Debian's faketime with apt-get (once per machine)…");
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'faketime'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    log(`could not install faketime: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  return onPath('faketime');
}

/** The Mailpit version the SMTP test builds (a local SMTP server with an HTTP API to read what arrived). */
export const MAILPIT_VERSION = 'v1.33.1';

/** Path of a Mailpit binary already here (on PATH, or built before), or undefined. */
export function findMailpit() {
  if (process.env.MAILPIT_PATH) return process.env.MAILPIT_PATH;
  const built = join(CACHE_DIR, 'bin', `mailpit-${MAILPIT_VERSION}`);
  if (existsSync(built)) return built;
  return onPath('mailpit');
}

/**
 * Mailpit for the SMTP delivery test, built with Go (`go install`, about two minutes once, cached beside
 * livekit-server). Undefined when it cannot be had here (no Go); the test then says it was skipped and why.
 */
export function ensureMailpit() {
  const found = findMailpit();
  if (found) return found;
  if (!onPath('go')) return undefined;
  log(`building mailpit ${MAILPIT_VERSION} with Go (a couple of minutes, once per machine)…`);
  const gobin = mkdtempSync(join(tmpdir(), 'visit-kit-gobin-'));
  const binary = join(CACHE_DIR, 'bin', `mailpit-${MAILPIT_VERSION}`);
  try {
    execFileSync('go', ['install', `github.com/axllent/mailpit@${MAILPIT_VERSION}`], {
      stdio: 'inherit',
      env: { ...process.env, GOBIN: gobin, GOFLAGS: '-mod=mod' },
    });
    mkdirSync(join(CACHE_DIR, 'bin'), { recursive: true });
    copyFileSync(join(gobin, 'mailpit'), `${binary}.partial`);
    chmodSync(`${binary}.partial`, 0o755);
    renameSync(`${binary}.partial`, binary);
  } catch (error) {
    log(`could not build mailpit: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
  log(`built ${binary}`);
  return binary;
}

/** The Helm version the chart test builds (`helm lint --strict`, `helm template` on deploy/helm/visit-kit). */
export const HELM_VERSION = 'v3.19.5';

/** Path of a Helm binary already here (HELM_PATH, built before, or on PATH), or undefined. */
export function findHelm() {
  if (process.env.HELM_PATH) return process.env.HELM_PATH;
  const built = join(CACHE_DIR, 'bin', `helm-${HELM_VERSION}`);
  if (existsSync(built)) return built;
  return onPath('helm');
}

/**
 * Helm for the chart test, built with Go from its module (`go install`, a few minutes once, cached beside
 * livekit-server). Undefined when it cannot be had here (no Go, or the build failed); the test then says it
 * was skipped and why.
 */
export function ensureHelm() {
  const found = findHelm();
  if (found) return found;
  if (!onPath('go')) return undefined;
  log(`building helm ${HELM_VERSION} with Go (a few minutes, once per machine)…`);
  const gobin = mkdtempSync(join(tmpdir(), 'visit-kit-gobin-'));
  const binary = join(CACHE_DIR, 'bin', `helm-${HELM_VERSION}`);
  try {
    execFileSync('go', ['install', `helm.sh/helm/v3/cmd/helm@${HELM_VERSION}`], {
      stdio: 'inherit',
      env: { ...process.env, GOBIN: gobin, GOFLAGS: '-mod=mod' },
    });
    mkdirSync(join(CACHE_DIR, 'bin'), { recursive: true });
    copyFileSync(join(gobin, 'helm'), `${binary}.partial`);
    chmodSync(`${binary}.partial`, 0o755);
    renameSync(`${binary}.partial`, binary);
  } catch (error) {
    log(`could not build helm: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
  log(`built ${binary}`);
  return binary;
}

/** The LiveKit server to use: { url, apiKey, apiSecret } for an external one, or { binary } to start locally. */
export function ensureLivekit() {
  if (process.env.LIVEKIT_URL) {
    const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = process.env;
    if (!apiKey || !apiSecret)
      throw new Error('LIVEKIT_URL is set: set LIVEKIT_API_KEY and LIVEKIT_API_SECRET too.');
    return { url, apiKey, apiSecret };
  }
  const onPathBinary = onPath('livekit-server');
  if (onPathBinary) return { binary: onPathBinary };
  const binary = join(CACHE_DIR, 'bin', `livekit-server-${LIVEKIT_VERSION}`);
  if (existsSync(binary)) return { binary };
  if (!onPath('go')) {
    throw new Error(
      'No LiveKit server available. Do one of: (1) set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET ' +
        '(e.g. LiveKit Cloud); (2) put `livekit-server` on your PATH (e.g. `brew install livekit`); ' +
        '(3) install Go 1.25+ so visit-kit can build the pinned server itself.',
    );
  }
  log(`building livekit-server ${LIVEKIT_VERSION} with Go (a few minutes, once per machine)…`);
  const gobin = mkdtempSync(join(tmpdir(), 'visit-kit-gobin-'));
  try {
    execFileSync('go', ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`], {
      stdio: 'inherit',
      env: { ...process.env, GOBIN: gobin, GOFLAGS: '-mod=mod' },
    });
    mkdirSync(join(CACHE_DIR, 'bin'), { recursive: true });
    // Copy then rename: the temp dir may be on another filesystem, and a half-copied binary must never be used.
    copyFileSync(join(gobin, 'server'), `${binary}.partial`);
    chmodSync(`${binary}.partial`, 0o755);
    renameSync(`${binary}.partial`, binary);
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
  log(`built ${binary}`);
  return { binary };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureChromium();
    ensureLivekit();
    ensureMailpit(); // optional: the SMTP test skips without it
    ensureHelm(); // optional: the Helm chart test skips without it
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
