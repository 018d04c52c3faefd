// Audio faults: the network stalls or breaks mid-play, the audio ends, the host page changes its
// source, replaces or removes its player, or adds one late. The transcript stays usable and says
// what happened — in the app and in the embed — with nothing else in the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 60_000 };
const SAMPLE_RATE = 44100; // bytes per second, too: makeWav's audio is 8-bit mono
const STALLING_WAV = h.makeWav(60, { sampleRate: SAMPLE_RATE });
// Chromium wants a few hundred kilobytes before it reports a length or lands a seek: the first
// 8 seconds (350 KB) come, and the tests start playing half-way through them.
const HEAD_SECONDS = 8;
const PLAY_FROM = 4;

/**
 * Answers a request for `wav` (ranges allowed) with what lies before byte `head` at once, then
 * `rest(res, from)` for what lies after it.
 */
function cutAt(wav, head, rest) {
  return (req, res) => {
    const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const headers = { 'Content-Type': 'audio/wav', 'Accept-Ranges': 'bytes', 'Content-Length': wav.length - start, 'Cache-Control': 'no-store' };
    if (req.headers.range) headers['Content-Range'] = `bytes ${start}-${wav.length - 1}/${wav.length}`;
    res.writeHead(req.headers.range ? 206 : 200, headers);
    if (start < head) res.write(wav.subarray(start, head));
    rest(res, Math.max(start, head));
  };
}
const HEAD_BYTES = 44 + HEAD_SECONDS * SAMPLE_RATE;

/** The network stops delivering at the cut, until the test opens the gate. */
let openGate = () => {};
let gate = Promise.resolve();
function closeGate() {
  gate = new Promise((resolve) => { openGate = resolve; });
}
const stallingAudio = cutAt(STALLING_WAV, HEAD_BYTES, (res, from) => gate.then(() => res.end(STALLING_WAV.subarray(from))));

/** The connection breaks at the cut, and the server is gone for what comes after it. */
const breakingAudio = (req, res) => {
  const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
  if (start >= HEAD_BYTES) {
    res.writeHead(503, { 'Content-Type': 'text/plain' });
    res.end('gone');
    return;
  }
  cutAt(STALLING_WAV, HEAD_BYTES, (res) => setTimeout(() => res.destroy(), 50))(req, res);
};

const hostPage = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>` +
  `<script type="module" src="/interlinear-embed.js"></script></head><body>${body}</body></html>`;

const app = h.suite(
  {
    [h.WAV_PATH]: h.makeWav(17 * 60),
    '/test-media/other.wav': h.makeWav(5 * 60),
    '/test-media/six.wav': h.makeWav(6),
    '/test-media/two.vtt': h.twoCueVtt(),
    '/test-media/later.vtt': Buffer.from('WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHello.\n\n00:00:30.000 --> 00:00:34.000\nLater on.\n'),
    '/test-media/stalling.wav': stallingAudio,
    '/test-media/breaking.wav': breakingAudio,
    '/test-pages/host.html': hostPage(
      `<div id="slot"><audio id="player" controls src="${h.WAV_PATH}"></audio></div>
       <interlinear-transcript src="${h.SAMPLE_PATH}" audio="#player"></interlinear-transcript>`,
    ),
    '/test-pages/late.html': hostPage(
      `<div id="slot"></div>
       <interlinear-transcript id="named" src="${h.SAMPLE_PATH}" audio="#late"></interlinear-transcript>`,
    ),
    '/test-pages/late-only.html': hostPage(
      `<div id="slot"></div><interlinear-transcript src="${h.SAMPLE_PATH}"></interlinear-transcript>`,
    ),
  },
  { before, after },
);
const withPage = app.withPage;

// ---- the app ---------------------------------------------------------------------------------

const messages = (page) =>
  page.evaluate(() => [...document.querySelectorAll('#messages .message')].map((m) => ({ kind: m.className, text: m.textContent })));

const waitForMessage = (page, pattern, what) =>
  h.waitFor(page, (source) => [...document.querySelectorAll('#messages .message')].some((m) => new RegExp(source).test(m.textContent)), pattern.source, { what, timeout: 20_000 })
    .catch(async (e) => { throw new Error(`${e.message}; messages: ${JSON.stringify(await messages(page))}`); });

/** Opens the app with the audio at `path` and plays it from `from` seconds; the console's errors. */
async function playFrom(page, path, from) {
  const errors = h.collectConsoleErrors(page);
  await h.openApp(page, app.url(), `audio=${path}`);
  await h.waitForAudioReady(page);
  await h.setAudioTime(page, from);
  await page.click('#play');
  return errors;
}

test('a stalled network: "waiting for the audio" while it waits, gone when the audio flows again', T, async () => {
  closeGate();
  await withPage({}, async (page) => {
    const errors = await playFrom(page, '/test-media/stalling.wav', PLAY_FROM);
    await waitForMessage(page, /Waiting for the audio/, 'the waiting message');
    await h.screenshot(page, 'audio-waiting-desktop-light');
    const waitedAt = (await h.audioState(page)).currentTime;
    assert.ok(waitedAt > HEAD_SECONDS - 1 && waitedAt <= HEAD_SECONDS + 0.1, `it waits where the data ends (${waitedAt} s)`);
    // The transcript is still there to read and search while it waits.
    assert.equal(await h.turnCount(page), 13);
    await page.fill('#search', 'vector database');
    await h.waitFor(page, () => document.querySelector('#search-count').textContent.trim() === '1 / 2', undefined, { what: 'search works' });
    openGate();
    await h.waitFor(page, (t) => document.querySelector('#audio').currentTime > t + 1, waitedAt, { what: 'the audio playing on' });
    await h.waitFor(page, () => ![...document.querySelectorAll('#messages .message')].some((m) => /Waiting for the audio/.test(m.textContent)), undefined, { what: 'the waiting message gone' });
    await page.click('#play'); // pause
    assert.deepEqual(errors, []);
  });
});

test('the network breaking mid-play: a message, and the transcript goes on with its own clock from there', T, async () => {
  await withPage({}, async (page) => {
    const errors = await playFrom(page, '/test-media/breaking.wav', PLAY_FROM);
    await waitForMessage(page, /The audio failed: a network error stopped it\. The transcript goes on with its own clock\./, 'the failure');
    await h.waitForClockMode(page, 'internal');
    const shown = await page.textContent('#time-current');
    assert.match(shown, /^0:0[4-8]$/, `the clock keeps the time the audio reached (${shown})`);
    // Usable: a click on a turn moves the (internal) clock there.
    await page.locator('article.turn[data-start="330"] .turn-time').click();
    await h.waitForActive(page, 330);
    // Chromium reports the broken download of the media itself; nothing else is in the console.
    assert.deepEqual(errors.filter((e) => !/breaking\.wav/.test(e)), []);
  });
});

test('the audio ending: said, and a click on a line plays it again from there', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), 'transcript=/test-media/two.vtt&audio=/test-media/six.wav', { turns: 2 });
    await h.waitForAudioReady(page);
    await page.locator('article.turn').nth(1).locator('.turn-time').click();
    await waitForMessage(page, /The audio ended\. Choose any line to hear it again\./, 'the end');
    assert.equal((await h.audioState(page)).paused, true);
    await page.locator('article.turn').nth(0).locator('.turn-time').click();
    await h.waitFor(page, () => { const a = document.querySelector('#audio'); return !a.paused && a.currentTime > 0.3 && a.currentTime < 4; }, undefined, { what: 'playing from the first line' });
    await h.waitForActive(page, 0);
    // Playing again, that it ended is no news: gone at once, not 4 s later.
    assert.ok(!/The audio ended/.test(await page.textContent('#messages')), 'the end no longer said');
    await page.click('#play');
    assert.deepEqual(errors, []);
  });
});

test('audio that ends before the transcript\'s last turn says so: it may be another episode\'s', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), 'transcript=/test-media/later.vtt&audio=/test-media/six.wav', { turns: 2 });
    await h.waitForAudioReady(page);
    await page.locator('article.turn').nth(0).locator('.turn-time').click();
    await waitForMessage(page, /The audio ended at 0:06, before the transcript does \(0:30\): is it this transcript's audio\?/, 'the end, said to come early');
  });
});

test('audio far shorter than its transcript says so as soon as its length is known, and the audio that fits withdraws it', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), 'audio=/test-media/six.wav');
    await h.waitForAudioReady(page);
    const said = /The audio is 0:06 long, but the transcript runs to 15:57: is it this transcript's audio\?/;
    await waitForMessage(page, said, 'the mismatch, before anything plays');
    assert.equal((await h.audioState(page)).paused, true);
    // The episode's own audio (17 minutes) dropped: the message goes.
    await h.dropFiles(page, null, [h.fileOf('episode.wav', 'audio/wav', h.makeWav(17 * 60))]);
    await h.waitFor(page, () => { const a = document.querySelector('#audio'); return a.duration > 1019 && a.duration < 1021; }, undefined, { what: 'the episode\'s audio loaded' });
    await h.waitFor(page, (source) => !new RegExp(source).test(document.querySelector('#messages').textContent), said.source, { what: 'the mismatch no longer said' });
    assert.deepEqual(errors, []);
  });
});

test('another audio dropped mid-play: it takes over where the transcript is, and says so', T, async () => {
  await withPage({}, async (page) => {
    const errors = await playFrom(page, h.WAV_PATH, 90);
    await h.waitFor(page, () => document.querySelector('#audio').currentTime > 90.3);
    await h.dropFiles(page, null, [h.fileOf('другой эпизод.wav', 'audio/wav', h.makeWav(5 * 60))]);
    await waitForMessage(page, /\u2068другой эпизод\.wav\u2069: playing along/, 'the new audio named');
    await h.waitFor(page, () => { const a = document.querySelector('#audio'); return a.currentSrc.startsWith('blob:') && a.duration > 299 && a.duration < 301; }, undefined, { what: 'the new audio loaded' });
    // Moved there once its metadata has loaded (`durationchange` may come a task earlier); the
    // audio before plays on while the new one is checked, so a moment later.
    await h.waitFor(page, () => { const t = document.querySelector('#audio').currentTime; return t > 90.3 && t < 93; }, undefined, { what: 'the new audio starting where the transcript was' })
      .catch(async (e) => { throw new Error(`${e.message}; currentTime ${(await h.audioState(page)).currentTime}`); });
    await h.waitForActive(page, 71);
    assert.equal(await h.turnCount(page), 13);
    assert.deepEqual(errors, []);
  });
});

test('a file that is not a transcript, dropped mid-play, stops nothing: the transcript and the audio go on', T, async () => {
  await withPage({}, async (page) => {
    const errors = await playFrom(page, h.WAV_PATH, 80);
    await h.dropFiles(page, null, [h.fileOf('cover.png', 'image/png', h.PIXEL_PNG)]);
    await waitForMessage(page, /\u2068cover\.png\u2069: /, 'the refusal');
    await h.waitFor(page, () => document.querySelector('#audio').currentTime > 81, undefined, { what: 'still playing' });
    assert.equal((await h.audioState(page)).paused, false);
    assert.equal(await h.turnCount(page), 13);
    await h.waitForActive(page, 71);
    await page.click('#play');
    assert.deepEqual(errors, []);
  });
});

// ---- the embed -------------------------------------------------------------------------------

const inShadow = (page, fn, arg) => page.evaluate(fn, arg);
const embedMessages = (page, sel = 'interlinear-transcript') =>
  inShadow(page, (sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll('#messages .message')].map((m) => ({ kind: m.className, text: m.textContent })), sel);
const waitForEmbedMessage = (page, pattern, what, sel = 'interlinear-transcript') =>
  h.waitFor(page, ({ source, sel }) => [...document.querySelector(sel).shadowRoot.querySelectorAll('#messages .message')].some((m) => new RegExp(source).test(m.textContent)), { source: pattern.source, sel }, { what, timeout: 20_000 })
    .catch(async (e) => { throw new Error(`${e.message}; messages: ${JSON.stringify(await embedMessages(page, sel))}`); });
const waitForEmbedTurns = (page, n, sel = 'interlinear-transcript') =>
  h.waitFor(page, ({ n, sel }) => document.querySelector(sel)?.shadowRoot?.querySelectorAll('article.turn').length === n, { n, sel }, { what: `${n} turns` });
const waitForEmbedActive = (page, start, sel = 'interlinear-transcript') =>
  h.waitFor(page, ({ start, sel }) => {
    const cur = document.querySelector(sel).shadowRoot.querySelectorAll('article.turn[aria-current="true"]');
    return cur.length === 1 && cur[0].dataset.start === String(start);
  }, { start, sel }, { what: `turn ${start} active` });
const setHostTime = (page, t, sel = '#player') =>
  page.evaluate(({ t, sel }) => { document.querySelector(sel).currentTime = t; }, { t, sel });

/** Console errors other than the browser's report of a request we made fail on purpose. */
const unexpected = (errors) => errors.filter((e) => !/missing\.wav|status of 404/.test(e));

/** Opens a host page and waits for the transcript; the console's errors. */
async function openHost(page, path = '/test-pages/host.html') {
  const errors = h.collectConsoleErrors(page);
  await page.goto(`${app.url()}${path}`);
  await waitForEmbedTurns(page, 13);
  return errors;
}

/** Plays the host page's player once it has loaded. */
async function playHost(page) {
  await h.waitFor(page, () => document.querySelector('#player').readyState >= 1);
  await page.evaluate(() => document.querySelector('#player').play());
}

test('embed: the host changing its source mid-play is said, and followed', T, async () => {
  await withPage({}, async (page) => {
    const errors = await openHost(page);
    await playHost(page);
    await page.evaluate(() => { document.querySelector('#player').src = '/test-media/other.wav'; });
    await waitForEmbedMessage(page, /The page's audio changed to \u2068other\.wav\u2069: the transcript follows it\./, 'the change');
    await setHostTime(page, 100);
    await waitForEmbedActive(page, 71);
    assert.deepEqual(errors, []);
  });
});

test('embed: the host\'s audio failing, then fixed: said while it lasts, followed again after', T, async () => {
  await withPage({}, async (page) => {
    const errors = await openHost(page);
    await page.evaluate(() => { document.querySelector('#player').src = '/test-media/missing.wav'; });
    await waitForEmbedMessage(page, /The page's audio failed: it could not be loaded/, 'the failure');
    assert.equal((await embedMessages(page)).length, 1);
    await page.evaluate((src) => { document.querySelector('#player').src = src; }, h.WAV_PATH);
    await h.waitFor(page, () => document.querySelector('#player').readyState >= 1);
    await h.waitFor(page, () => !document.querySelector('interlinear-transcript').shadowRoot.querySelector('#messages .message.error'), undefined, { what: 'the failure withdrawn' });
    await setHostTime(page, 335);
    await waitForEmbedActive(page, 330);
    assert.deepEqual(unexpected(errors), []);
  });
});

test('embed: the host replacing its player (a re-render) is followed; removing it leaves a working transcript', T, async () => {
  await withPage({ colorScheme: 'dark', width: 390, height: 844 }, async (page) => {
    const errors = await openHost(page);
    await playHost(page);
    // The page renders its player again: a new element, same id.
    await page.evaluate((src) => {
      const fresh = document.createElement('audio');
      fresh.id = 'player';
      fresh.controls = true;
      fresh.src = src;
      document.querySelector('#player').replaceWith(fresh);
    }, '/test-media/other.wav');
    await waitForEmbedMessage(page, /The page replaced its audio player: the transcript follows the new one\./, 'the replacement');
    await h.waitFor(page, () => document.querySelector('#player').readyState >= 1);
    await setHostTime(page, 280);
    await waitForEmbedActive(page, 280);
    // Clicking a turn moves the new player.
    await page.evaluate(() => document.querySelector('interlinear-transcript').shadowRoot.querySelector('article.turn[data-start="38"] .turn-time').click());
    await h.waitFor(page, () => Math.abs(document.querySelector('#player').currentTime - 38) < 1.5, undefined, { what: 'the new player moved to 0:38' });
    await page.evaluate(() => document.querySelector('#player').pause());

    // The page takes its player away for good.
    await page.evaluate(() => document.querySelector('#player').remove());
    await waitForEmbedMessage(page, /The page's audio player was taken away: the transcript stays, on its own clock\./, 'the removal');
    await h.screenshot(page, 'embed-player-removed-phone-dark');
    await waitForEmbedTurns(page, 13);
    await page.evaluate(() => document.querySelector('interlinear-transcript').shadowRoot.querySelector('article.turn[data-start="454"] .turn-time').click());
    await waitForEmbedActive(page, 454);
    assert.deepEqual(errors, []);
  });
});

test('embed: a player the page adds late is followed, and the "no player" message withdrawn', T, async () => {
  await withPage({}, async (page) => {
    const seen = []; // one collector per page opened
    for (const [path, id] of [['/test-pages/late.html', 'late'], ['/test-pages/late-only.html', 'only']]) {
      seen.push(await openHost(page, path));
      if (id === 'late') await waitForEmbedMessage(page, /No audio player matches audio="\u2068#late\u2069"/, 'no player yet');
      await page.evaluate(({ id, src }) => {
        const audio = document.createElement('audio');
        audio.id = id;
        audio.src = src;
        document.querySelector('#slot').append(audio);
      }, { id, src: h.WAV_PATH });
      await h.waitFor(page, (id) => document.getElementById(id).readyState >= 1, id);
      await setHostTime(page, 100, `#${id}`);
      await waitForEmbedActive(page, 71);
      assert.deepEqual(await embedMessages(page), [], `${path}: nothing left to say`);
    }
    assert.deepEqual(seen.flat(), []);
  });
});
