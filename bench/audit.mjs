// Lighthouse (mobile, its default: simulated slow 4G and a 4× slower CPU) on the release build,
// served as a host would (gzip), for the app and for the example episode page with the embed;
// then axe-core inside the app and inside the embed's shadow root (on the episode page and on the
// iframe page), which Lighthouse does not enter. Prints the scores and every failing audit; numbers, not pass/fail.
// Run: AUDIT_TOOLS=dir node bench/audit.mjs, where dir/node_modules holds lighthouse@12.2.3 and
// axe-core (scripts/bench-app installs them in a temporary directory). AUDIT_RUNS=N audits each
// page N times, the pages taking turns, and ends with each page's spread: on a shared machine
// one run says little, since the blocking time is the page's tasks as the machine runs them,
// scaled four times.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as h from '../tests/e2e/harness.mjs';
import { serveGzipped } from './host.mjs';
import { median } from './trace.mjs';

h.requireBuiltApp();
const tools = createRequire(path.join(path.resolve(process.env.AUDIT_TOOLS || '.'), 'node_modules', 'x.js'));
const lighthouse = (await import(pathToFileURL(tools.resolve('lighthouse')).href)).default;
const chromeLauncher = await import(pathToFileURL(tools.resolve('chrome-launcher')).href);
const axeSource = fs.readFileSync(tools.resolve('axe-core/axe.min.js'), 'utf8');

const episodeAudio = h.makeWav(17 * 60);
const server = await serveGzipped({ '/examples/episode.wav': { type: 'audio/wav', body: episodeAudio } });
const base = server.url;

const pages = [
  ['app', `${base}/`],
  ['episode page with the embed', `${base}/examples/episode.html`],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const runs = Number(process.env.AUDIT_RUNS || 1);
const scores = new Map(pages.map(([name]) => [name, []]));
for (let run = 1; run <= runs; run++) for (const [name, url] of pages) {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });
  const { categories, audits } = result.lhr;
  const score = (c) => (categories[c].score === null ? '–' : categories[c].score.toFixed(2));
  scores.get(name).push([categories.performance.score, audits['total-blocking-time'].numericValue, audits['largest-contentful-paint'].numericValue]);
  console.log(`== Lighthouse${runs > 1 ? ` (run ${run} of ${runs})` : ''}, ${name}: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}`);
  for (const key of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    console.log(`   ${audits[key].title}: ${audits[key].displayValue}`);
  }
  const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable');
  for (const a of failing) console.log(`   below 1: ${a.id} (${a.score}) ${a.displayValue || ''}`);
}
await chrome.kill();
if (runs > 1) {
  // "a–b", or "a" when every run gave the same.
  const spread = (xs, show) => [...new Set([Math.min(...xs), Math.max(...xs)].map(show))].join('–');
  for (const [name, runScores] of scores) {
    const [perf, blocking, largest] = [0, 1, 2].map((i) => runScores.map((r) => r[i]));
    const [score, ms, s] = [(x) => x.toFixed(2), (x) => Math.round(x), (x) => (x / 1000).toFixed(1)];
    console.log(
      `== Lighthouse, ${name}, ${runs} runs: performance ${spread(perf, score)}, median ${score(median(perf))}, ` +
        `0.95 or more in ${perf.filter((p) => p >= 0.95).length}; blocking time ${spread(blocking, ms)} ms, ` +
        `median ${ms(median(blocking))}; largest paint ${spread(largest, s)} s`,
    );
  }
}

// axe-core where Lighthouse does not look: the app's page, and the embed's shadow root on a
// host page and on the iframe page.
const browser = await h.launch();
for (const [name, url, ready] of [
  ['app', `${base}/`, () => document.querySelectorAll('article.turn').length === 13],
  ['episode page with the embed', `${base}/examples/episode.html`, () => document.querySelector('interlinear-transcript')?.shadowRoot?.querySelector('article.turn')],
  ['the iframe page', `${base}/embed.html?transcript=/samples/chip-huyen-lennys-podcast.md&audio=/examples/episode.wav`, () => document.querySelector('interlinear-transcript')?.shadowRoot?.querySelector('#play')],
]) {
  for (const scheme of ['light', 'dark']) {
    const page = await h.newPage(browser, { colorScheme: scheme });
    await page.goto(url);
    await h.waitFor(page, ready, undefined, { timeout: 20_000 });
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.help} — ${v.nodes[0]?.target?.join(' ')}`);
    });
    console.log(`== axe-core, ${name}, ${scheme}: ${violations.length} violations`);
    for (const v of violations) console.log(`   ${v}`);
    await page.context().close();
  }
}
await browser.close();
server.close();
