// How long listening takes and what it costs in memory, for long episodes: the release build in
// headless Chromium opens the sample with a generated WAV of N hours (8 kHz, 8-bit: a quiet tone
// with noise, so there are no pauses to find: the cost is all decoding and folding), plays it for
// a moment (network audio is listened to once played), and we time "audio ready → sentences
// heard" and read the renderer process's peak resident memory (VmHWM) before and after.
// Run: node bench/listening.mjs [hours ...]   (default: 1 3)
// LISTENING_AUDIO=file.mp3 uses that file instead of a generated WAV (hours then only label it).
import fs from 'node:fs';
import * as h from '../tests/e2e/harness.mjs';

h.requireBuiltApp();
const hours = process.argv.slice(2).map(Number);
if (hours.length === 0) hours.push(1, 3);

/** Peak and current resident memory (MB) of the browser's renderer processes. */
function renderers(browserPid) {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const out = [];
  for (const pid of all) {
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('--type=renderer') || cmd.includes('--extension-process')) continue;
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    out.push({ pid, peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 });
  }
  return out.filter(() => browserPid);
}

for (const n of hours) {
  const file = process.env.LISTENING_AUDIO;
  const wav = file ? fs.readFileSync(file) : h.makeWav(n * 3600);
  const name = file ? `/long${file.slice(file.lastIndexOf('.'))}` : '/long.wav';
  const server = await h.startServer(h.DIST, { [name]: wav });
  const browser = await h.launch();
  const page = await h.newPage(browser);
  await h.openApp(page, server.url);
  const before = renderers(true);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await page.goto(`${server.url}/?audio=${name}`);
  await h.waitForTurns(page, 13);
  await h.waitForAudioReady(page);
  const ready = Date.now();
  const tasksBefore = await page.evaluate(() => window.__longTasks.length);
  // Audio over the network is listened to once it has played.
  await h.playOnce(page);
  await h.waitFor(page, () => document.querySelector('#sentence-timing')?.dataset.state !== 'estimated', undefined, { what: 'listening under way' });
  await h.waitFor(page, () => document.querySelector('#sentence-timing')?.dataset.state !== 'listening', undefined, { timeout: 600_000 });
  const done = Date.now();
  const state = await page.evaluate(() => document.querySelector('#sentence-timing').dataset.state);
  // Main-thread tasks over 50 ms while listening (the page must stay responsive).
  const tasks = await page.evaluate((from) => window.__longTasks.slice(from), tasksBefore);
  // The page stayed responsive while listening: the longest task seen (long-task observer).
  const after = renderers(true);
  const peak = Math.max(...after.map((r) => r.peak));
  const base = Math.max(...before.map((r) => r.now));
  console.log(
    `${n} h of audio (${(wav.length / 1e6).toFixed(1)} MB ${name.split('.').pop()}): listening ${((done - ready) / 1000).toFixed(1)} s after the audio was ready (state ${state}); ` +
      `renderer peak ${peak.toFixed(0)} MB (the page alone: ${base.toFixed(0)} MB); ` +
      `${tasks.length} tasks over 50 ms while listening, longest ${tasks.length ? Math.max(...tasks).toFixed(0) : 0} ms`,
  );
  await browser.close();
  await server.close();
}
