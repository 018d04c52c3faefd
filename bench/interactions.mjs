// How long the app takes to answer a learner's taps and keys on a slow phone, as Interaction to
// Next Paint counts it: the release build in headless Chromium as a phone (390×844, touch, device
// pixel ratio 3) with its CPU slowed RATE times (CDP; default 4, as Lighthouse's mobile audit
// assumes), for the sample and for the 10 MB season (shared/bench/gen.py), with audio. Each
// interaction is done ROUNDS times (default 5), each from an idle page:
//   - a tap on a sentence in view (it plays from there);
//   - a six-letter word typed into the search box letter by letter, Enter (to the first hit) and
//     Enter again (the next);
//   - the View menu opened and closed; the Outline opened and an entry tapped (a jump);
//   - ↓ and ↑ (the next and previous turn), Space (play, then pause).
// Each figure is the Event Timing API's (a `PerformanceObserver` of type `event`, durations of
// 16 ms and more, in steps of 8 ms): the longest event of the interaction (its events share an
// `interactionId`), from the input until the next frame is painted, as INP takes it. Per
// interaction: the median and the worst of the rounds; the medians of its input delay (a task in
// the way), processing (the page's handlers) and presentation (style, layout, paint), as
// web-vitals splits INP; and the tasks over 50 ms (Long Tasks API) from the input until the page
// was idle again (those after the paint delay only what the learner does next).
// Run: node bench/interactions.mjs     (RATE=6 another slowdown, ROUNDS=9 more rounds; DIST=
// another build). About 80 s at 4× on two cores.
import * as h from '../tests/e2e/harness.mjs';
import { serveGzipped } from './host.mjs';
import { generated } from './inputs.mjs';
import { median } from './trace.mjs';

h.requireBuiltApp();
const rate = Number(process.env.RATE || 4);
const rounds = Number(process.env.ROUNDS || 5);
// In both languages' text often, so that every prefix has hits (10,000+ in the season) and the
// whole word a few in the sample.
const WORD = 'people';
// A quiet tone of an hour and two minutes, served as a podcast host serves audio (in ranges): it
// reaches the season's second Outline entry (1:00:00), so that a jump there lands there and is
// not stopped at the audio's end, and it is listened to (the sentences timed by its pauses) in
// two seconds at 4×. The season's 90 hours would be a 2.6 GB WAV.
const AUDIO = '/bench-audio.wav';
const AUDIO_MINUTES = 62;

const season = generated(10);
const server = await serveGzipped({
  [AUDIO]: { type: 'audio/wav', body: h.makeWav(AUDIO_MINUTES * 60) },
  '/bench-input.md': { type: 'text/markdown', body: season },
});
const browser = await h.launch();

/** A phone's page with its CPU slowed, watching interactions and long tasks from the start. */
async function phone() {
  const page = await h.newPage(browser, { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  // Waits for what a slowed page does (a 10 MB drop, Playwright's checks before a tap) take longer.
  page.context().setDefaultTimeout(60_000);
  await page.addInitScript(() => {
    window.__events = [];
    window.__longTasks = [];
    // Every event over 16 ms, of an interaction (a tap, a key: what INP counts) or not (`input`,
    // whose handlers run in the frame of the key that typed it: their time is the key's).
    const keep = (list) => {
      for (const e of list) {
        window.__events.push({
          id: e.interactionId,
          start: e.startTime,
          duration: e.duration,
          processingStart: e.processingStart,
          processingEnd: e.processingEnd,
        });
      }
    };
    const events = new PerformanceObserver((list) => keep(list.getEntries()));
    events.observe({ type: 'event', durationThreshold: 16, buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // An observer's entries come in a task of their own: taken at once when asked.
    window.__takeRecords = () => keep(events.takeRecords());
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return page;
}

/** Opens the sample with the audio, plays it a moment and waits until it has been listened to:
 *  audio over the network is listened to once played, and the interactions are measured after
 *  that, not in its slices. */
async function openWithAudio(page) {
  await h.openApp(page, server.url, `audio=${AUDIO}`);
  await h.waitForAudioReady(page);
  await h.playOnce(page);
  await heard(page);
}

function heard(page) {
  return h.waitFor(page, () => document.querySelector('#sentence-timing')?.dataset.state === 'heard', undefined, {
    timeout: 60_000,
    what: 'the audio listened to',
  });
}

/** The page idle (the app's work after the last interaction done): its time then. */
function quiet() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestIdleCallback(() => resolve(performance.now()), { timeout: 2000 })),
  );
}

/** Once the page is idle again after an interaction begun at `t0` (or after two seconds without
 *  an event over 16 ms): the longest event of the interactions since (one input is one
 *  interaction), split as web-vitals splits INP: the input delay until the first handler of its
 *  frame ran, the processing until the last one ended, and the presentation, the rest until the
 *  paint (style, layout, paint: the duration is rounded to 8 ms, so this may be a little off).
 *  And the long tasks since. */
async function settled(t0) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const idle = () => new Promise((r) => requestIdleCallback(() => r(), { timeout: 1000 }));
  const since = () => {
    window.__takeRecords();
    return window.__events.filter((e) => e.start >= t0);
  };
  const giveUp = performance.now() + 2000;
  do {
    await frame();
    await idle();
  } while (!since().some((e) => e.id) && performance.now() < giveUp);
  // A key's keyup comes after its keydown's frame: one more frame for it.
  await frame();
  await idle();
  const events = since();
  const longest = events.filter((e) => e.id).sort((a, b) => b.duration - a.duration)[0];
  const longTasks = window.__longTasks.filter((t) => t.start >= t0).map((t) => t.duration);
  if (!longest) return { worst: null, longTasks };
  const painted = (e) => e.start + e.duration;
  const inFrame = events.filter((e) => Math.abs(painted(e) - painted(longest)) <= 8).sort((a, b) => a.start - b.start);
  const processed = Math.max(...inFrame.map((e) => e.processingEnd));
  const worst = {
    duration: longest.duration,
    delay: inFrame[0].processingStart - inFrame[0].start,
    processing: processed - inFrame[0].processingStart,
    presentation: Math.max(0, painted(longest) - processed),
  };
  return { worst, longTasks };
}

/** Does `act` once the page is idle and keeps what it cost under `label`. */
async function timed(page, results, label, act) {
  const t0 = await page.evaluate(quiet);
  await act();
  const { worst, longTasks } = await page.evaluate(settled, t0);
  if (!results.has(label)) results.set(label, { runs: [], longTasks: [] });
  const r = results.get(label);
  // No event over 16 ms: the interaction took at most that (its split unknown).
  r.runs.push(worst ?? { duration: 16, delay: null, processing: null, presentation: null });
  r.longTasks.push(...longTasks);
}

/** Until the player says it is playing (or, `false`, paused). */
function playing(page, yes) {
  return h.waitFor(page, (yes) => document.querySelector('#play')?.getAttribute('aria-label') === (yes ? 'Pause' : 'Play'), yes, {
    timeout: 30_000,
    what: yes ? 'the player playing' : 'the player paused',
    state: () => ({ focus: document.activeElement?.outerHTML.slice(0, 80), audio: document.querySelector('#audio').currentTime }),
  });
}

/** The middle of a sentence in view, not the one being said: the `n`th of those well inside the
 *  list's visible part (clear of the bars and the messages over its edges). */
function sentenceInView(n) {
  const list = document.querySelector('#transcript').getBoundingClientRect();
  const top = Math.max(list.top, 0) + list.height / 4;
  const bottom = Math.min(list.bottom, innerHeight) - list.height / 4;
  const points = [];
  for (const s of document.querySelectorAll('article.turn .sentence:not([aria-current="true"])')) {
    const r = s.getClientRects()[0];
    if (!r || r.top < top || r.bottom > bottom) continue;
    const at = { x: r.left + Math.min(r.width, 40) / 2, y: r.top + r.height / 2 };
    if (document.elementFromPoint(at.x, at.y)?.closest('.sentence') === s) points.push(at);
  }
  if (points.length === 0) throw new Error('no sentence in view to tap');
  // Another each round.
  return points[(n * 3) % points.length];
}

/** Every interaction, `rounds` times, on the transcript shown. `farEntry`: the Outline entry
 *  jumped to in every other round (the first in the others); a turn with one after it, so that
 *  ↓ and then ↑ both move. */
async function interact(page, farEntry) {
  const results = new Map();
  const time = (label, act) => timed(page, results, label, act);
  for (let round = 0; round < rounds; round++) {
    // It plays from there (each round begins paused); paused again, so that the rest of the
    // round finds the page as a reader does, and Space plays.
    await time('tap a sentence (plays it)', async () => {
      const at = await page.evaluate(sentenceInView, round);
      await page.touchscreen.tap(at.x, at.y);
    });
    await playing(page, true);
    await page.evaluate(() => document.querySelector('#audio').pause());
    await playing(page, false);

    // The box focused (which starts its index) is not one of the measured: the letters are.
    await page.tap('#search');
    for (let i = 1; i <= WORD.length; i++) {
      await time(`search: type "${WORD.slice(0, i)}"`, () => page.keyboard.type(WORD[i - 1]));
    }
    await time('search: Enter (first hit)', () => page.keyboard.press('Enter'));
    await time('search: Enter again (next)', () => page.keyboard.press('Enter'));
    // Emptied, for the next round to type again.
    await page.keyboard.press('Escape');

    await time('View menu: open', () => page.tap('#view-open'));
    await time('View menu: close', () => page.tap('#view-open'));

    await time('Outline: open', () => page.tap('#outline-open'));
    // The list is a download of its own the first time: there before it is tapped.
    await page.locator('.outline-entry').first().waitFor();
    await time('Outline: tap an entry (jump)', () =>
      page.tap(round % 2 === 0 ? farEntry : '.outline-entry:first-child'),
    );

    // Keys from nowhere in particular: Space on a button (the menus') would press it.
    await page.evaluate(() => document.activeElement?.blur());
    await time('key ↓ (next turn)', () => page.keyboard.press('ArrowDown'));
    await time('key ↑ (previous turn)', () => page.keyboard.press('ArrowUp'));
    await time('key Space (play)', () => page.keyboard.press('Space'));
    await playing(page, true);
    await page.waitForTimeout(500);
    await time('key Space (pause)', () => page.keyboard.press('Space'));
    await playing(page, false);
  }
  return results;
}

const tables = [];

// The sample, as the app shows it on start (13 turns).
{
  const page = await phone();
  const errors = h.collectConsoleErrors(page);
  await openWithAudio(page);
  tables.push(['sample (13 turns)', await interact(page, '.outline-entry:nth-last-child(2)'), errors]);
  await page.context().close();
}

// The season dropped on the app with the audio open (it plays along), read into a File before
// it is dropped as bench/tasks.mjs does: the harness's dropFiles decodes base64 in the page, a
// task of seconds at 4× of its own.
{
  const page = await phone();
  const errors = h.collectConsoleErrors(page);
  await openWithAudio(page);
  await page.evaluate(async () => {
    const file = new File([await (await fetch('/bench-input.md')).blob()], 'season.md', { type: 'text/markdown' });
    const dt = new DataTransfer();
    dt.items.add(file);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  });
  await h.waitFor(page, () => document.title.includes('BIG') && document.querySelector('article.turn .sentence') && document.querySelector('#loading')?.hidden, undefined, {
    timeout: 120_000,
    what: 'the season shown with its sentences',
  });
  // As the app says it (before the message goes).
  const turns = await page.evaluate(() => /season\.md\u2069?: ([\d,]+) turns/.exec(document.querySelector('.messages')?.textContent)?.[1]);
  // Listened to again for the new transcript.
  await heard(page);
  // Its entries are hours; the second (1:00:00) is the farthest the audio reaches.
  const name = `10 MB (${(season.length / 1048576).toFixed(1)} MB${turns ? `, ${turns} turns` : ''})`;
  tables.push([name, await interact(page, '.outline-entry:nth-child(2)'), errors]);
  await page.context().close();
}

console.log(`Chromium ${browser.version()}; CPU ${rate}× slower; 390×844 phone (touch, DPR 3); ${rounds} rounds`);
console.log('ms from the input to the next paint of the interaction\'s longest event (Event Timing, in steps of 8 ms; an');
console.log('interaction with no event of 16 ms or more counts as 16); input delay, processing, presentation: medians of its parts');
const ms = (x) => (x === null || x === undefined ? '–' : x.toFixed(0));
for (const [name, results, errors] of tables) {
  console.log(`\n${name}`);
  console.log(`${'interaction'.padEnd(30)} median  worst  input delay  processing  presentation  long tasks > 50 ms`);
  for (const [label, { runs, longTasks }] of results) {
    const of = (key) => {
      const xs = runs.map((r) => r[key]).filter((x) => x !== null);
      return xs.length ? median(xs) : null;
    };
    const [least, most] = [Math.min(...longTasks), Math.max(...longTasks)];
    const tasks = !longTasks.length ? '0' : `${longTasks.length} (${ms(least)}${most > least ? `–${ms(most)}` : ''} ms)`;
    console.log(
      `${label.padEnd(30)} ${ms(of('duration')).padStart(6)} ${ms(Math.max(...runs.map((r) => r.duration))).padStart(6)} ` +
        `${ms(of('delay')).padStart(12)} ${ms(of('processing')).padStart(11)} ${ms(of('presentation')).padStart(13)}  ${tasks}`,
    );
  }
  if (errors.length) console.log(`console errors: ${errors.join('; ')}`);
}
await browser.close();
await server.close();
