// The parts of the app a visitor may never use (src/app/parts.rs) are WebAssembly of their own:
// none is downloaded with the page, each comes the first time it is asked for, once; one that
// cannot be fetched is said so, loses nothing, and is tried again when asked for again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 60_000 };
const app = h.suite({ [h.WAV_PATH]: h.makeWav(17 * 60) }, { before, after });
const withPage = app.withPage;

/** The WebAssembly files the page has asked for so far, by name, in order. */
function wasmFetched(page) {
  const names = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith('.wasm')) names.push(name);
  });
  return names;
}

test('each part comes the first time it is asked for, once, and none with the page', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    const fetched = wasmFetched(page);
    await h.openApp(page, app.url());
    await page.waitForSelector('.player-bar');
    await h.frames(page, 10);
    assert.deepEqual(fetched, ['interlinear-web_bg.wasm'], 'the page alone: the main WebAssembly only');

    const asks = [
      ['split_view_card.wasm', '#veil-first', () => page.click('#view-open')],
      ['split_outline.wasm', '.outline-entry', () => page.click('#outline-open')],
      ['split_help.wasm', '#help .help-close', () => page.keyboard.press('?')],
      ['split_paste.wasm', '#paste-text', () => page.click('#paste-open')],
    ];
    for (const [part, shown, ask] of asks) {
      await page.keyboard.press('Escape');
      await ask();
      await page.waitForSelector(shown, { state: 'visible' });
      assert.ok(fetched.includes(part), `${part} fetched once asked for (${fetched})`);
    }
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.selectOption('#export', 'vtt')]);
    assert.match(download.suggestedFilename(), /\.vtt$/);
    assert.ok(fetched.includes('split_export.wasm'), `the export's part fetched (${fetched})`);

    // Asked for again (the View menu was closed by Escape, or by the press on the next button):
    // what came stays.
    const before = fetched.length;
    assert.equal(await page.evaluate(() => document.querySelector('#view-open').parentElement.open), false);
    await page.click('#view-open');
    await page.waitForSelector('#veil-first', { state: 'visible' });
    await Promise.all([page.waitForEvent('download'), page.selectOption('#export', 'srt')]);
    assert.deepEqual(fetched.slice(before), [], 'nothing fetched twice');
    const parts = fetched.filter((n) => n.startsWith('split_'));
    assert.equal(new Set(parts).size, parts.length, `each part once (${parts})`);
    assert.deepEqual(errors, []);
  });
});

test('network audio is listened to once it has played, not before: the part and the audio come then, with the media controls\' part', T, async () => {
  await withPage({}, async (page) => {
    const fetched = wasmFetched(page);
    // The media element's own requests are "media"; listening's fetch of the whole file is "fetch".
    const refetched = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'fetch' && new URL(r.url()).pathname === h.WAV_PATH) refetched.push(r.url());
    });
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForAudioReady(page);
    await h.frames(page, 30);
    assert.deepEqual(refetched, [], 'the audio not fetched again before it plays');
    assert.ok(!fetched.includes('split_hearing.wasm'), `the listening's part not fetched yet (${fetched})`);
    assert.ok(!fetched.includes('split_media_session.wasm'), `the media controls' part not fetched yet (${fetched})`);
    assert.equal(await page.evaluate(() => document.querySelector('#sentence-timing').dataset.state), 'estimated');

    await h.playOnce(page);
    await h.waitFor(page, () => document.querySelector('#sentence-timing')?.dataset.state === 'heard', undefined, { timeout: 30_000, what: 'the sentences timed by ear' });
    assert.ok(fetched.includes('split_hearing.wasm'), `the listening's part fetched (${fetched})`);
    assert.equal(refetched.length, 1, 'the audio fetched once, to be listened to');
    // Played again: what was heard stays, nothing is fetched again.
    await h.playOnce(page);
    await h.frames(page, 30);
    assert.equal(refetched.length, 1);
    assert.deepEqual(fetched.filter((name) => name === 'split_media_session.wasm'), ['split_media_session.wasm'], 'the media controls\' part fetched once, when the audio first played');
  });
});

test('a dropped audio file, already in memory, is listened to at once', T, async () => {
  await withPage({}, async (page) => {
    const fetched = wasmFetched(page);
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('quiet.wav', 'audio/wav', h.makeWav(5 * 60))]);
    await h.waitForAudioReady(page);
    await h.waitFor(page, () => document.querySelector('#sentence-timing')?.dataset.state === 'heard', undefined, { timeout: 30_000, what: 'the sentences timed by ear' });
    assert.equal(await page.evaluate(() => document.querySelector('#audio').paused), true, 'without playing');
    assert.ok(fetched.includes('split_hearing.wasm'), `the listening's part fetched (${fetched})`);
  });
});

test('a part that cannot be fetched is said so, the transcript stays, and asking again tries again', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await h.openApp(page, app.url());
    await page.waitForSelector('.player-bar');
    const offline = (route) => route.abort('internetdisconnected');
    await page.route('**/split_view_card.wasm', offline);
    await page.click('#view-open');
    await page.waitForSelector('#messages :text("The View menu could not be loaded")');
    assert.equal(await h.turnCount(page), 13, 'the transcript stays');
    assert.equal(await page.locator('#veil-first').count(), 0, 'no card');
    assert.equal(await page.locator('#view-open + .slot[aria-busy]').count(), 0, 'no "Loading…" left behind');
    await h.screenshot(page, 'parts-missing');

    await page.unroute('**/split_view_card.wasm', offline);
    await page.click('#view-open');
    await page.click('#view-open');
    await page.waitForSelector('#veil-first', { state: 'visible' });
  });
});

test('while a part comes, its menu says "Loading…" and the cursor shows progress; the card fits a phone', T, async () => {
  for (const [width, height, colorScheme] of [[1280, 900, 'light'], [390, 844, 'dark']]) {
    await withPage({ width, height, colorScheme }, async (page) => {
      await h.openApp(page, app.url());
      await page.waitForSelector('.player-bar');
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route('**/split_view_card.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.evaluate(() => document.querySelector('#view-open').click());
      await page.waitForSelector('#view-open + .slot[aria-busy="true"]', { state: 'attached' });
      const shown = await page.evaluate(() => ({
        text: getComputedStyle(document.querySelector('#view-open + .slot'), '::after').content,
        cursor: getComputedStyle(document.querySelector('.toolbar')).cursor,
      }));
      assert.deepEqual(shown, { text: '"Loading…"', cursor: 'progress' });
      await h.screenshot(page, `parts-loading-${width}-${colorScheme}`);
      release();
      await page.waitForSelector('#veil-first', { state: 'visible' });
      assert.equal(await page.locator('#view-open + .slot[aria-busy]').count(), 0);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.toolbar')).cursor), 'auto');
      // Inside the window, wherever the wrapped bar put the menu.
      const [left, right] = await page.evaluate(() => {
        const r = document.querySelector('.view-card').getBoundingClientRect();
        return [r.left, r.right];
      });
      assert.ok(left >= 0 && right <= width, `the card from ${left} to ${right} px, the window ${width} px wide`);
      await h.screenshot(page, `parts-view-card-${width}-${colorScheme}`);
    });
  }
});

test('↓ pressed on the Outline while its list is on its way goes into the list once it comes', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await h.openApp(page, app.url());
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/split_outline.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.focus('#outline-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#outline-open + .slot[aria-busy="true"]', { state: 'attached' });
    await page.keyboard.press('ArrowDown');
    release();
    await page.waitForSelector('.outline-entry');
    await h.waitFor(page, () => document.activeElement?.matches('.outline-entry:first-child'), undefined, { what: 'the first entry focused' });
    // Only the menu's own keys moved: no turn behind it.
    assert.equal(await page.evaluate(() => document.querySelector('#audio')?.currentTime ?? 0), 0);
  });
});

test('a transcript in WebVTT, SRT or JSON brings its readers, once; one that cannot come is said so, and the transcript shown stays', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    const fetched = wasmFetched(page);
    await h.openApp(page, app.url());
    await page.waitForSelector('.player-bar');
    assert.ok(!fetched.includes('split_readers.wasm'), `the demo, in the bilingual layout, needs no other reader (${fetched})`);

    const offline = (route) => route.abort('internetdisconnected');
    await page.route('**/split_readers.wasm', offline);
    await h.dropFiles(page, null, [h.fileOf('two cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await page.waitForSelector('#messages :text("The WebVTT reader could not be loaded")');
    assert.equal(await h.turnCount(page), 13, 'the transcript shown stays');

    await page.unroute('**/split_readers.wasm', offline);
    await h.dropFiles(page, null, [h.fileOf('two cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    const srt = '1\n00:00:00,000 --> 00:00:02,000\nHello.\n你好。\n\n2\n00:00:02,000 --> 00:00:04,000\nBye.\n再见。\n';
    await h.dropFiles(page, null, [h.fileOf('two.srt', 'application/x-subrip', Buffer.from(srt))]);
    await page.waitForSelector('#messages :text("two.srt")');
    const readers = fetched.filter((name) => name === 'split_readers.wasm');
    assert.equal(readers.length, 2, `fetched when first needed, again after the failure, then kept (${fetched})`);
  });
});
