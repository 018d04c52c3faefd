// The app's start as a visitor on a phone sees it: served with gzip (bench/host.mjs) over a
// network throttled like Lighthouse's slow 4G (150 ms, 1.6 Mbit/s down), the CPU 4× slower, no
// cache. Prints, run by run, the first paint, the largest paint and what it was, and when the
// demo transcript's rows were there. Lighthouse simulates these from an unthrottled load; this
// measures them. Run: node bench/start.mjs [RUNS]
import * as h from '../tests/e2e/harness.mjs';
import { serveGzipped } from './host.mjs';

h.requireBuiltApp();
const runs = Number(process.argv[2] || 3);
const server = await serveGzipped();
const browser = await h.launch();
console.log('run  first paint  largest paint  rows shown  (largest paint candidates: ms:element:px²)');
for (let run = 1; run <= runs; run++) {
  const page = await h.newPage(browser, { width: 412, height: 823 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // Lighthouse's slow 4G, with its 0.9 factor for the throughput actually reached.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.benchPaints = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.benchPaints.push([Math.round(e.startTime), e.element?.tagName.toLowerCase() ?? '(removed)', e.size]);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(server.url + '/');
  await h.waitForTurns(page, 13);
  const shown = await page.evaluate(() => Math.round(performance.now()));
  await page.waitForTimeout(1000);
  const paints = await page.evaluate(() => window.benchPaints);
  const first = await page.evaluate(() => Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime));
  console.log(`${String(run).padStart(3)}  ${String(first).padStart(8)} ms  ${String(paints.at(-1)[0]).padStart(10)} ms  ${String(shown).padStart(7)} ms  (${paints.map((p) => p.join(':')).join(' ')})`);
  await page.context().close();
}
await browser.close();
server.close();
