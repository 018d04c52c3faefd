// Under a strict Content-Security-Policy — no inline script or style, no eval but WebAssembly's —
// the app and the embed load, read a dropped file, play, search and paint, parseTranscript reads,
// and the browser reports no violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

h.requireBuiltApp();

const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

let server;
let browser;
before(async () => {
  server = await h.startServer(h.DIST, { '/examples/episode.wav': h.makeWav(17 * 60) }, { headers: { 'Content-Security-Policy': POLICY } });
  browser = await h.launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records every CSP violation the browser reports. */
async function watchedPage() {
  const page = await h.newPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return page;
}

test('the app works under a strict Content-Security-Policy', { timeout: 60_000 }, async () => {
  const page = await watchedPage();
  try {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, server.url);
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await page.locator('article.turn').nth(1).click();
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]'), undefined, { what: 'a turn playing' });
    await page.fill('#search', 'welcome');
    await h.waitFor(page, () => (CSS.highlights.get('search-hit')?.size ?? 0) + (CSS.highlights.get('search-current')?.size ?? 0) > 0, undefined, { what: 'the hit painted' });
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    // The policy is in force: an inline script is refused.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 50));
      return { ran: window.__inlineRan === true, violations: window.__violations.length };
    });
    assert.deepEqual(ran, { ran: false, violations: 1 });
  } finally {
    await page.context().close();
  }
});

test('the embed works under the same policy', { timeout: 60_000 }, async () => {
  const page = await watchedPage();
  try {
    const errors = h.collectConsoleErrors(page);
    await page.goto(`${server.url}/examples/episode.html`);
    await h.waitFor(page, () => document.querySelector('interlinear-transcript')?.shadowRoot?.querySelectorAll('article.turn').length === 13, undefined, { timeout: 20_000, what: 'the 13 turns of the embed' });
    // Its stylesheet applied inside the shadow root (the rows have their padding).
    const padding = await page.evaluate(() => getComputedStyle(document.querySelector('interlinear-transcript').shadowRoot.querySelector('article.turn')).paddingLeft);
    assert.notEqual(padding, '0px');
    // parseTranscript's reader, WebAssembly of its own imported on the first call, runs too.
    const turns = await page.evaluate(async () => {
      const { parseTranscript } = await import('/interlinear-embed.js');
      return (await parseTranscript('[00:00] Ann\nEnglish: Hello.\n中文: 你好。\n')).segments.length;
    });
    assert.equal(turns, 1);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
