// What is kept across reloads and browser restarts — the last transcript, the place in it, the
// settings — and what happens when what was kept is damaged, from an earlier version, or cannot
// be written (storage full): it is discarded with a message, once, and everything else works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 90_000 };
const app = h.suite({ [h.WAV_PATH]: h.makeWav(60) }, { before, after });
const withPage = app.withPage;

const messageTexts = (page) =>
  page.evaluate(() => [...document.querySelectorAll('#messages .message')].map((m) => m.textContent));

/** Waits for a message matching `pattern` (information fades after 4 s: polled every frame). */
const waitForMessage = (page, pattern) =>
  h.waitFor(page, (source) => [...document.querySelectorAll('#messages .message')].some((m) => new RegExp(source).test(m.textContent)), pattern.source, { what: `a message matching ${pattern}` })
    .catch(async (e) => { throw new Error(`${e.message}; messages: ${JSON.stringify(await messageTexts(page))}`); });

const layout = (page) => page.evaluate(() => document.querySelector('#transcript').dataset.layout);

test('damaged settings, place and transcript are discarded with a message, once; the app starts clean', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    // A place in the demo, so that there is a place to damage.
    await page.locator('article.turn[data-start="330"] .turn-time').click();
    await h.waitForActive(page, 330);
    await page.click('#play');
    // Damaged between visits: from a page of the site that is not the app (the app keeps its
    // place as it is left, which would mend the damage).
    await page.goto(new URL(h.SAMPLE_PATH, app.url()).href);
    await page.evaluate(async () => {
      const place = Object.keys(localStorage).find((k) => k.startsWith('interlinear.position.v1.'));
      localStorage.setItem(place, 'five and a half minutes');
      localStorage.setItem('interlinear.settings.v1', '{"layout": "side", "theme": ');
      const cache = await caches.open('interlinear.last.v2');
      await cache.put('/.interlinear/last-transcript', new Response('no name kept with it'));
    });
    await page.goto(app.url());
    await waitForMessage(page, /The saved settings could not be read \(damaged, or from another version\), so the defaults are used\./);
    await waitForMessage(page, /The last transcript could not be restored: its stored copy is damaged\./);
    await waitForMessage(page, /The saved place in this transcript could not be read, so it starts at the beginning\./);
    await h.waitForTurns(page, 13);
    assert.equal(await layout(page), 'interleaved', 'default settings');
    assert.equal((await page.textContent('#time-current')).trim(), '0:00', 'from the beginning');
    // Discarded, so not said again; and what is kept now works again.
    await h.choose(page, '#layout', 'side');
    await page.reload();
    await h.waitForTurns(page, 13);
    await page.waitForTimeout(500);
    assert.deepEqual((await messageTexts(page)).filter((m) => /could not/.test(m)), [], 'said once');
    assert.equal(await layout(page), 'side', 'settings are kept again');
    assert.deepEqual(errors, []);
  });
});

test('a kept transcript that no longer reads, or one kept by an earlier version: said, forgotten, the demo shown', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    await page.evaluate(async (png) => {
      const cache = await caches.open('interlinear.last.v2');
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      await cache.put('/.interlinear/last-transcript', new Response(bytes, { headers: { 'x-interlinear-name': 'notes.png' } }));
    }, h.PIXEL_PNG.toString('base64'));
    await page.reload();
    await waitForMessage(page, /^\u2068notes\.png\u2069: /);
    await h.waitForTurns(page, 13);
    await page.reload();
    await h.waitForTurns(page, 13);
    await page.waitForTimeout(500);
    assert.deepEqual((await messageTexts(page)).filter((m) => /notes\.png/.test(m)), [], 'forgotten: not tried again');

    await page.evaluate(async () => {
      await caches.delete('interlinear.last.v2');
      localStorage.setItem('interlinear.last.v1', JSON.stringify(['old.md', '[00:00] A\nEnglish: hi']));
    });
    await page.reload();
    await waitForMessage(page, /The transcript an earlier version kept could not be restored: please open it again\./);
    await h.waitForTurns(page, 13);
    assert.equal(await page.evaluate(() => localStorage.getItem('interlinear.last.v1')), null, 'deleted');
    assert.deepEqual(errors, []);
  });
});

test('storage full (quota): everything works, nothing is remembered, nothing in the console', T, async () => {
  await withPage({}, async (page) => {
    await page.addInitScript(() => {
      const full = () => new DOMException('the quota has been exceeded', 'QuotaExceededError');
      Storage.prototype.setItem = function setItem() { throw full(); };
      Cache.prototype.put = function put() { return Promise.reject(full()); };
    });
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.choose(page, '#layout', 'side');
    await page.locator('article.turn').nth(1).locator('.turn-time').click();
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]'), undefined, { what: 'a turn playing' });
    await page.click('#play');
    await page.reload();
    await h.waitForTurns(page, 13);
    assert.equal(await layout(page), 'interleaved', 'nothing was kept');
    assert.deepEqual(errors, []);
  });
});

test('an audio file opened with a transcript plays along again after a reload, at the place reached; one that no longer plays is forgotten, with a message', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    const audioKept = () => page.evaluate(async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-audio')));
    const audio = () => page.evaluate(() => ({ src: document.querySelector('audio').src, time: document.querySelector('audio').currentTime, duration: document.querySelector('audio').duration }));
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('a season.md', 'text/markdown', h.season(40)), h.fileOf('episode 7.wav', 'audio/wav', h.makeWav(420))]);
    await waitForMessage(page, /episode 7\.wav\u2069: playing along(?!, as)/);
    await h.waitForTurns(page, 40);
    await h.waitForClockMode(page, 'audio');
    await page.locator('article.turn[data-start="120"] .turn-time').click();
    await h.waitForActive(page, 120);
    await h.waitFor(page, () => Object.keys(localStorage).some((k) => k.startsWith('interlinear.position.v1.') && Number(localStorage.getItem(k)) >= 120_000), undefined, { what: 'the place kept' });
    await h.waitFor(page, async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-audio')), undefined, { what: 'the audio kept' });

    await page.reload();
    await h.waitForTurns(page, 40);
    await waitForMessage(page, /episode 7\.wav\u2069: playing along, as at your last visit/);
    await h.waitForClockMode(page, 'audio');
    await h.waitFor(page, () => Math.abs(document.querySelector('audio').duration - 420) < 0.01 && Math.abs(document.querySelector('audio').currentTime - 120) < 0.5, undefined, { what: 'the kept audio at the place reached' });
    assert.match((await audio()).src, /^blob:/);
    await h.waitForActive(page, 120);
    // A transcript asked for by its address is another episode: the kept audio is not its.
    await h.openApp(page, app.url(), `transcript=${encodeURIComponent(h.SAMPLE_PATH)}`);
    await page.waitForTimeout(500);
    assert.equal(await page.textContent('#clock-mode'), 'no audio');
    assert.equal(await audioKept(), true, 'nor forgotten');
    // Another audio file that cannot be kept (storage full): the next visit plays neither, not
    // the earlier episode's.
    await page.goto(app.url());
    await h.waitForTurns(page, 40);
    await h.waitForClockMode(page, 'audio');
    await page.evaluate(() => { Cache.prototype.put = () => Promise.reject(new DOMException('the quota has been exceeded', 'QuotaExceededError')); });
    await h.dropFiles(page, null, [h.fileOf('episode 8.wav', 'audio/wav', h.makeWav(60))]);
    await waitForMessage(page, /episode 8\.wav\u2069: playing along(?!, as)/);
    await h.waitFor(page, async () => !(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-audio')), undefined, { what: 'the earlier audio forgotten' });
    await page.reload();
    await h.waitForTurns(page, 40);
    await page.waitForTimeout(500);
    assert.equal(await page.textContent('#clock-mode'), 'no audio');

    // Damaged in storage (not audio any more): said, forgotten, the transcript's own clock.
    await page.evaluate(async () => {
      const cache = await caches.open('interlinear.last.v2');
      await cache.put('/.interlinear/last-audio', new Response('not audio', { headers: { 'x-interlinear-name': 'episode%207.wav' } }));
    });
    await page.goto(app.url());
    await h.waitForTurns(page, 40);
    await waitForMessage(page, /episode 7\.wav\u2069: not played/);
    await h.waitFor(page, async () => !(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-audio')), undefined, { what: 'the audio forgotten' });
    assert.equal(await page.textContent('#clock-mode'), 'no audio');
    // And with no name kept with it: said too.
    await page.evaluate(async () => (await caches.open('interlinear.last.v2')).put('/.interlinear/last-audio', new Response('no name')));
    await page.reload();
    await h.waitForTurns(page, 40);
    await waitForMessage(page, /The audio file kept from your last visit could not be restored: please open it again\./);
    assert.equal(await audioKept(), false);
    assert.deepEqual(errors, []);
  });
});

test('a transcript and audio of the reader\'s own, opened on a page whose address named others, are what a reload comes back to', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `transcript=${encodeURIComponent(h.SAMPLE_PATH)}&audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    await h.dropFiles(page, null, [h.fileOf('a season.md', 'text/markdown', h.season(40)), h.fileOf('mine.wav', 'audio/wav', h.makeWav(30))]);
    await waitForMessage(page, /mine\.wav\u2069: playing along(?!, as)/);
    await h.waitForTurns(page, 40);
    // The address names them no more (a link copied from the page would have named the others).
    assert.equal(await page.evaluate(() => location.search), '');
    await h.waitFor(page, async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-audio')), undefined, { what: 'the audio kept' });
    await h.waitFor(page, async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-transcript')), undefined, { what: 'the transcript kept' });
    await page.reload();
    await h.waitForTurns(page, 40);
    await waitForMessage(page, /mine\.wav\u2069: playing along, as at your last visit/);
    await h.waitFor(page, () => Math.abs(document.querySelector('audio').duration - 30) < 0.01, undefined, { what: 'the reader\'s audio, not the address\'s' });
  });
});

test('the place reached while playing inside a turn is kept as the page is left, not only the turn\'s start', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    // Turn 9:35 lasts four and a half minutes: its start was all a reload found again.
    await page.locator('article.turn[data-start="575"] .turn-time').click(); // plays from there
    await h.waitForActive(page, 575);
    await h.waitFor(page, () => document.querySelector('#time-current').textContent.trim() === '9:38', undefined, { timeout: 8000, what: 'three seconds played' });
    await page.reload();
    await h.waitForTurns(page, 13);
    await h.waitForActive(page, 575);
    const shown = (await page.textContent('#time-current')).trim();
    assert.ok(shown >= '9:38', `back at the place reached (9:38 or later), not the turn's start: ${shown}`);
  });
});

test('with Follow off, a reload opens the transcript at the place kept, not at its top', T, async () => {
  await withPage({ width: 1280, height: 720 }, async (page) => {
    await h.openApp(page, app.url());
    await page.click('#follow-toggle');
    await h.waitFor(page, () => document.querySelector('#follow-toggle').getAttribute('aria-pressed') === 'false', undefined, { what: 'Follow off' });
    await page.locator('article.turn[data-start="575"] .turn-time').click();
    await h.waitForActive(page, 575);
    await page.click('#play');
    await page.reload();
    await h.waitForTurns(page, 13);
    await h.waitForActive(page, 575);
    assert.equal(await page.getAttribute('#follow-toggle', 'aria-pressed'), 'false', 'Follow still off');
    await h.waitForTurnInView(page, 575);
  });
});

test('an A–B loop is kept with its transcript across a reload; another transcript has its own', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await page.selectOption('#practice', 'loop-turns');
    const ends = () => page.evaluate(() => ['#loop-a', '#loop-b'].map((id) => document.querySelector(id).textContent.trim()).join(' '));
    for (const [start, button] of [[19, '#loop-a'], [33, '#loop-b']]) {
      await page.locator(`article.turn[data-start="${start}"] .turn-time`).click();
      await h.waitForActive(page, start);
      await page.click(button);
    }
    assert.equal(await ends(), 'A 0:19 B 0:38');
    await page.reload();
    await h.waitForTurns(page, 13);
    await h.waitFor(page, () => document.querySelector('#loop-b')?.textContent.trim() === 'B 0:38', undefined, { what: 'the loop back' });
    assert.equal(await ends(), 'A 0:19 B 0:38', 'the loop kept, and the practice with it');
    assert.equal(await page.inputValue('#practice'), 'loop-turns');
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => document.querySelector('#loop-b').textContent.trim() === 'B', undefined, { what: 'no loop in the other transcript' });
    assert.equal(await ends(), 'A B');
    await h.openApp(page, app.url(), `transcript=${encodeURIComponent(h.SAMPLE_PATH)}`);
    await h.waitFor(page, () => document.querySelector('#loop-b')?.textContent.trim() === 'B 0:38', undefined, { what: 'the first transcript\'s loop, with it again' });
  });
});

test('the transcript, its audio, the place in it and the settings survive closing the browser', T, async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'interlinear-profile-'));
  try {
    let browser = await h.launchPersistent(profile);
    let page = browser.pages()[0] ?? (await browser.newPage());
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('a season.md', 'text/markdown', h.season(40)), h.fileOf('season.wav', 'audio/wav', h.makeWav(420))]);
    await h.waitForClockMode(page, 'audio');
    await h.waitFor(page, () => /40 turns/.test(document.querySelector('#messages').textContent), undefined, { what: 'the season read' });
    await h.choose(page, '#layout', 'side');
    await page.locator('article.turn[data-start="120"] .turn-time').click();
    await h.waitForActive(page, 120);
    await page.click('#play');
    // Closed once both are written: the place (on pause) and the transcript (in the cache).
    await h.waitFor(page, () => Object.keys(localStorage).some((k) => k.startsWith('interlinear.position.v1.') && Number(localStorage.getItem(k)) >= 120_000), undefined, { what: 'the place kept' });
    await h.waitFor(page, async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-transcript')), undefined, { what: 'the transcript kept' });
    await h.waitFor(page, async () => Boolean(await (await caches.open('interlinear.last.v2')).match('/.interlinear/last-audio')), undefined, { what: 'the audio kept' });
    await browser.close();

    browser = await h.launchPersistent(profile);
    page = browser.pages()[0] ?? (await browser.newPage());
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), '', { turns: 40 });
    assert.equal(await layout(page), 'side');
    await h.waitForActive(page, 120);
    await waitForMessage(page, /season\.wav\u2069: playing along, as at your last visit/);
    await h.waitFor(page, () => document.querySelector('audio').currentTime >= 120 && document.querySelector('audio').currentTime < 130, undefined, { what: 'the audio at the place reached' });
    assert.match(await page.textContent('.doc-title'), /A season/);
    await browser.close();
    assert.deepEqual(errors, []);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
