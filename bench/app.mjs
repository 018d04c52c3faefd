// The app's budgets, measured on the release build (dist/) in headless Chromium, printed as
// numbers (not pass/fail). For the sample, a ~1 MB and a ~10 MB transcript (shared/bench/gen.py):
//   - dropped → first rows painted, → interactive (rows shown and no task over 50 ms since:
//     Long Tasks API), → sentences shown (split between frames), and the longest task on the
//     page's main thread meanwhile (from a trace, so tasks under 50 ms count too);
//   - the DOM: rendered rows and elements in the transcript;
//   - WebAssembly memory and JS heap after loading (after a garbage collection);
//   - playing: the app's script time per frame (CPU profile samples in its WebAssembly and glue),
//     DOM mutations in frames inside a turn and at turn changes (state attributes apart from rows
//     the window adds or removes).
// Run: node bench/app.mjs   (needs dist/: `trunk build --release`; scripts/bench-app runs it with
// the payload sizes and the parser comparison).
import fs from 'node:fs';
import path from 'node:path';
import * as h from '../tests/e2e/harness.mjs';
import { generated } from './inputs.mjs';
import { traced } from './trace.mjs';

h.requireBuiltApp();

/** The longest task on the page's main thread between the marks `bench-drop` and `bench-shown`
 *  in a trace (ms). */
function longestTask(events) {
  const mark = (name) => events.find((e) => e.name === name);
  const [from, to] = [mark('bench-drop'), mark('bench-shown')];
  if (!from || !to) return null;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.pid === from.pid && e.tid === from.tid
    && e.ts + e.dur >= from.ts && e.ts <= to.ts);
  return Math.max(0, ...tasks.map((e) => e.dur / 1000));
}

const inputs = [
  ['sample', fs.readFileSync(path.join(h.REPO_ROOT, 'samples/chip-huyen-lennys-podcast.md'))],
  ['1 MB', generated(1)],
  ['10 MB', generated(10)],
];

const routes = Object.fromEntries(inputs.map(([name, bytes], i) => [`/bench-input-${i}.md`, bytes]));
const server = await h.startServer(h.DIST, routes);
const browser = await h.launch();
const rows = [];

for (const [i, [name, bytes]] of inputs.entries()) {
  const page = await h.newPage(browser);
  await page.addInitScript(() => {
    // The app's WebAssembly memory, to read its size.
    for (const key of ['instantiateStreaming', 'instantiate']) {
      const original = WebAssembly[key];
      WebAssembly[key] = async (...args) => {
        const result = await original.apply(WebAssembly, args);
        const instance = result.instance || result;
        if (instance.exports && instance.exports.memory) window.__wasmMemory = instance.exports.memory;
        return result;
      };
    }
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await h.openApp(page, server.url);
  await h.frames(page, 10);
  // A trace of the drop: every task on the page's main thread, however short (the Long Tasks
  // API above sees only those over 50 ms).
  const { result: load, events } = await traced(page, () => page.evaluate(async (url) => {
    const blob = await (await fetch(url)).blob();
    const file = new File([blob], 'season.md', { type: 'text/markdown' });
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    // The dropped transcript's rows: the first row elements added after the drop.
    let rowsAdded = null;
    const watcher = new MutationObserver((records) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n.nodeName === 'ARTICLE'))) rowsAdded ??= performance.now();
    });
    watcher.observe(document.querySelector('#transcript'), { childList: true, subtree: true });
    window.__longTasks.length = 0;
    const dt = new DataTransfer();
    dt.items.add(file);
    const t0 = performance.now();
    performance.mark('bench-drop');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
    let firstRows = null;
    let sentences = null;
    while (sentences === null && performance.now() - t0 < 60_000) {
      await frame();
      const shown = rowsAdded !== null;
      if (shown && firstRows === null) {
        // Painted at the end of this frame: the next task runs after it.
        await new Promise((r) => setTimeout(r));
        firstRows = performance.now() - t0;
      }
      const loading = !document.querySelector('#loading')?.hidden;
      if (shown && !loading && document.querySelector('article.turn .sentence')) sentences = performance.now() - t0;
    }
    performance.mark('bench-shown');
    watcher.disconnect();
    const tasks = window.__longTasks.filter((t) => t.start >= t0);
    // Interactive: rows shown and no long task since (the main thread answers within 50 ms).
    const quiet = Math.max(firstRows ?? 0, ...tasks.map((t) => t.start + t.duration - t0));
    const transcript = document.querySelector('#transcript');
    return {
      firstRows,
      interactive: quiet,
      sentences,
      longTasks: window.__longTasks.filter((t) => t.start >= t0).length,
      rows: document.querySelectorAll('article.turn').length,
      elements: transcript.querySelectorAll('*').length,
      turns: Number([...(document.querySelector('.messages')?.textContent || '').matchAll(/season\.md\u2069?: ([\d,]+) turns/g)].pop()?.[1].replaceAll(',', '')) || null,
      wasm: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null,
    };
  }, `${server.url}/bench-input-${i}.md`));
  load.longestTraced = longestTask(events);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');

  // A turn change to watch: for a long transcript, halfway through it (by a `#t=` link).
  const target = await page.evaluate(async (long) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const frames = async (n) => { for (let k = 0; k < n; k++) await frame(); };
    const scroller = document.querySelector('#transcript');
    if (long) {
      scroller.scrollTop = scroller.scrollHeight;
      await frames(20);
      const rows = document.querySelectorAll('article.turn');
      location.hash = `#t=${Math.round(Number(rows[rows.length - 1].dataset.start) / 2)}`;
      await frames(20);
    }
    const active = document.querySelector('article.turn[aria-current="true"]') ?? document.querySelectorAll('article.turn')[3];
    const next = active.nextElementSibling?.tagName === 'ARTICLE' ? active.nextElementSibling : active;
    return Number(next.dataset.start);
  }, load.turns > 100);
  await page.evaluate((t) => { location.hash = `#t=${Math.max(0, t - 1.5)}`; }, target);
  await h.frames(page, 20);
  const play = await page.evaluate(async () => {
    const transcript = document.querySelector('#transcript');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const perFrame = [];
    let current = { state: 0, window: 0, change: null };
    // What is being said: the turn, and the sentence group in it.
    const saying = () => {
      const row = document.querySelector('article.turn[aria-current="true"]');
      return [row?.dataset.index, row?.querySelector('.sentence[aria-current="true"]')?.dataset.group];
    };
    let was = saying();
    const count = (records) => {
      for (const r of records) {
        const rowAddedOrRemoved = r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].some((n) => n.nodeName === 'ARTICLE');
        const spacer = r.type === 'attributes' && r.attributeName === 'style' && String(r.target.className).startsWith('rows-');
        if (rowAddedOrRemoved || spacer) current.window += 1;
        else current.state += 1;
      }
    };
    const observer = new MutationObserver(count);
    observer.observe(transcript, { subtree: true, childList: true, attributes: true, characterData: true });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    for (let f = 0; f < 150; f++) {
      await frame();
      count(observer.takeRecords());
      const now = saying();
      current.change = now[0] !== was[0] ? 'turn' : now[1] !== was[1] ? 'sentence' : null;
      was = now;
      perFrame.push(current);
      current = { state: 0, window: 0, change: null };
    }
    observer.disconnect();
    return perFrame;
  });
  // The app's own script time per frame (its WebAssembly and JavaScript glue, sampled every
  // 50 µs), while playing, then while paused.
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const appScriptPerFrame = async (frames) => {
    await cdp.send('Profiler.start');
    await h.frames(page, frames);
    const { profile } = await cdp.send('Profiler.stop');
    const ours = new Set(
      profile.nodes
        .filter((n) => /interlinear-web/.test(n.callFrame.url) || /^(wasm-to-js|js-to-wasm)/.test(n.callFrame.functionName))
        .map((n) => n.id),
    );
    let us = 0;
    profile.samples.forEach((id, i) => { if (ours.has(id)) us += profile.timeDeltas[i] || 0; });
    return us / 1000 / frames;
  };
  const playingMs = await appScriptPerFrame(300);
  await page.evaluate(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true })));
  await h.frames(page, 10);
  const pausedMs = await appScriptPerFrame(300);
  const still = play.filter((f) => !f.change).slice(1);
  const per = (kind) => play.filter((f) => f.change === kind).map((f) => `${f.state}+${f.window}`).join(' ') || 'none seen';
  rows.push({
    name,
    mb: bytes.length / 1048576,
    ...load,
    heap: heap.usedSize,
    playingMs,
    pausedMs,
    stillMax: Math.max(0, ...still.map((f) => f.state + f.window)),
    sentenceChanges: per('sentence'),
    turnChanges: per('turn'),
  });
  await page.context().close();
}
await browser.close();
await server.close();

const f = (n, d = 0) => (n === null || n === undefined ? '–' : n.toFixed(d));
console.log('input    MB    turns  first rows  interactive  sentences  longest task  rows  elements  wasm MB  heap MB  script/frame playing (paused)  mutations: frames with no change; sentence changes; turn changes (state+window)');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(7)} ${f(r.mb, 1).padStart(5)} ${String(r.turns).padStart(7)} ${f(r.firstRows).padStart(8)} ms ${f(r.interactive).padStart(8)} ms ${f(r.sentences).padStart(7)} ms ${f(r.longestTraced).padStart(9)} ms ${String(r.rows).padStart(6)} ${String(r.elements).padStart(8)} ${f(r.wasm / 1048576, 1).padStart(8)} ${f(r.heap / 1048576, 1).padStart(8)}  ${f(r.playingMs, 3).padStart(8)} ms (${f(r.pausedMs, 3)} ms)      ${r.stillMax}; ${r.sentenceChanges}; ${r.turnChanges}`,
  );
}
