// Server rendering with @lit-labs/ssr (issue #11): every element renders its English text on the server,
// never a message key such as `booking.signIn.title`, under Lit's own Node shim and under SSR's global DOM shim.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { en } from '../../src/i18n/en.js';
import { renderCases, ssrCases } from '../support/ssr-render.js';

const root = resolve(import.meta.dirname, '../..');
const keys = Object.keys(en);

/** The text a person would see: no styles, comments or tags. */
function visibleText(markup: string): string {
  return markup
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
}

function check(rendered: Record<string, string>): void {
  assert.deepEqual(Object.keys(rendered).sort(), Object.keys(ssrCases).sort());
  for (const [name, markup] of Object.entries(rendered)) {
    assert.match(
      markup.replace(/<!--[\s\S]*?-->/g, '').trimStart(),
      new RegExp(`^<${name}[\\s>]`),
      `${name} is the outer element`,
    );
    assert.match(markup, /<template shadowroot(mode)?="open"/, `${name} renders a declarative shadow root`);
    const text = visibleText(markup);
    for (const expected of ssrCases[name]!.text) {
      assert.ok(text.includes(expected), `${name} shows “${expected}” on the server; it shows: ${text}`);
    }
    // No key anywhere: not in the text, and not in attributes (aria-label, placeholder, title…) either.
    const shown = keys.filter((key) => markup.includes(key));
    assert.deepEqual(shown, [], `${name} shows message keys instead of text`);
    assert.doesNotMatch(text, /\b[a-z]+\.[a-z]+[A-Z]?[A-Za-z]*\.[A-Za-z.]+\b/, `${name}: key-like text`);
  }
}

test('every element renders English text, not message keys, under @lit-labs/ssr', async () => {
  check(await renderCases());
});

test('…and the same with SSR’s global DOM shim installed (window/document as a server has them)', () => {
  const printed = execFileSync(
    process.execPath,
    [
      '--import',
      '@lit-labs/ssr/lib/install-global-dom-shim.js',
      '--import',
      'tsx',
      'test/support/ssr-render.ts',
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  check(JSON.parse(printed) as Record<string, string>);
});
