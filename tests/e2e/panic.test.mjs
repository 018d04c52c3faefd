// A panic never leaves a dead page: the build made to panic on purpose (`trunk build --release
// --features panic-on-purpose --dist dist-panic`) panics as the app starts, or at a click on a
// turn, and the error panel shows what happened with a way to reload — which brings back what
// was loaded. A release build aborts at a panic without its message (scripts/build-wasm): the
// panel shows the trap the page sees, where the WebAssembly stopped. The embed, which must not
// cover its host page, says in the element that it stopped, above the rows it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

h.requireBuiltApp(h.PANIC_DIST);

const T = { timeout: 60_000 };
// The episode page's audio, as the embed's tests serve it (generated, not in the build).
const app = h.suite({ '/examples/episode.wav': h.makeWav(17 * 60) }, { before, after, root: h.PANIC_DIST });
const withPage = app.withPage;

/** The console's errors and uncaught errors, which a panic does produce: the trap. */
function problemsOf(page) {
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error') seen.push(m.text()); });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  return seen;
}

const panel = (page) =>
  page.evaluate(() => {
    const p = document.querySelector('#panic-panel');
    if (!p) return null;
    const r = p.getBoundingClientRect();
    return {
      role: p.getAttribute('role'),
      title: p.querySelector('h2')?.textContent,
      detail: p.querySelector('pre')?.textContent,
      button: p.querySelector('button')?.textContent,
      visible: r.width > 0 && r.height > 0 && getComputedStyle(p).visibility !== 'hidden',
    };
  });

/** The only console output a panic may cause: the trap that ends the call. */
const onlyThePanic = (seen) => seen.filter((e) => !/^pageerror: unreachable$/.test(e));

test('a panic as the app starts shows the error panel, not a blank page', T, async () => {
  await withPage({}, async (page) => {
    const seen = problemsOf(page);
    await page.goto(`${app.url()}/?panic=start`);
    await h.waitFor(page, () => document.querySelector('#panic-panel'), undefined, { what: 'the error panel' });
    const shown = await panel(page);
    assert.equal(shown.role, 'alert');
    assert.equal(shown.title, 'Something went wrong');
    assert.match(shown.detail, /^RuntimeError: unreachable\b.*\n\s+at .*wasm/);
    assert.equal(shown.button, 'Reload');
    assert.ok(shown.visible, 'the panel is on screen');
    await h.screenshot(page, 'panic-start-desktop-light');
    assert.ok(seen.includes('pageerror: unreachable'), 'the trap is reported');
    assert.deepEqual(onlyThePanic(seen), []);
  });
});

test('a panic at a click keeps the transcript on screen; Reload brings back what was loaded', T, async () => {
  await withPage({ colorScheme: 'dark', width: 390, height: 844 }, async (page) => {
    const seen = problemsOf(page);
    await h.openApp(page, app.url(), 'panic=click');
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-transcript')), undefined, { what: 'the transcript kept' });
    await page.locator('article.turn').nth(1).locator('.turn-time').click();
    await h.waitFor(page, () => document.querySelector('#panic-panel'), undefined, { what: 'the error panel' });
    assert.match((await panel(page)).detail, /^RuntimeError: unreachable\b/);
    assert.equal(await h.turnCount(page), 2, 'the transcript is still there to read');
    await h.screenshot(page, 'panic-click-phone-dark');
    await Promise.all([page.waitForNavigation(), page.click('#panic-panel button')]);
    await h.waitForTurns(page, 2);
    assert.equal(await panel(page), null, 'a fresh page');
    assert.deepEqual(onlyThePanic(seen), []);
  });
});

test('a panic in an embed keeps its rows under a message, fires error, and leaves the page alone', T, async () => {
  await withPage({ width: 390, height: 844 }, async (page) => {
    const seen = problemsOf(page);
    await page.goto(`${app.url()}/examples/episode.html?panic=click`);
    const rows = page.locator('interlinear-transcript article.turn');
    await rows.first().waitFor({ timeout: h.TIMEOUT });
    const shown = await rows.count();
    await page.evaluate(() => {
      window.heard = [];
      document.querySelector('interlinear-transcript')
        .addEventListener('error', (event) => window.heard.push(event.detail.reason));
    });
    await rows.nth(1).locator('.turn-time').click();
    const alert = page.locator('interlinear-transcript p[role="alert"]');
    await alert.waitFor({ timeout: h.TIMEOUT });
    const message = 'The transcript stopped after an internal error; reloading the page brings it back.';
    assert.equal(await alert.textContent(), message);
    // (The rows fill in a few a task: one more may have come before the click.)
    assert.ok((await rows.count()) >= shown, 'the rows shown stay to be read');
    assert.deepEqual(await page.evaluate(() => window.heard), [message], 'one error event');
    // Nothing calls into the stopped WebAssembly again: no second trap, answers as if not ready.
    assert.deepEqual(await page.evaluate(async () => {
      const element = document.querySelector('interlinear-transcript');
      await element.seek(30);
      element.setAttribute('layout', 'side-by-side');
      return { turns: element.turns, current: element.currentTurn, loaded: await element.load('# x') };
    }), { turns: 0, current: null, loaded: false });
    assert.equal(await page.locator('#panic-panel').count(), 0, 'no panel over the host page');
    await h.screenshot(page, 'panic-embed-phone-light');
    assert.deepEqual(onlyThePanic(seen), [
      '<interlinear-transcript>: internal error, the transcript stopped (RuntimeError: unreachable)',
    ]);
  });
});
