// What a visitor's browser transfers, counted on the wire (the DevTools protocol's encoded
// lengths: gzipped bodies and headers; nothing the cache answered), for the example episode page
// with the embed and for the app opened with the same audio: for a reader who never plays, after
// the audio has played for a moment, and after a second moment from the middle once the
// listening is done. The files' sizes (scripts/size) say what the code costs; this says what a
// visit costs, audio included. The page's own player fetches what it needs to play (and reads
// ahead), counted as the "media" it is.
// Run: node bench/visit.mjs [SECONDS_WATCHED]   (default 8; the release build in dist/, DIST=
// another)
import * as h from '../tests/e2e/harness.mjs';
import { serveGzipped } from './host.mjs';

h.requireBuiltApp();
const watched = Number(process.argv[2] || 8) * 1000;
const audio = h.makeWav(17 * 60);
const server = await serveGzipped({ '/examples/episode.wav': { type: 'audio/wav', body: audio } });
const browser = await h.launch();

/** Bytes on the wire by resource type while `act` runs and `watched` ms after. */
async function transferred(url, act) {
  const page = await h.newPage(browser, { width: 390, height: 844 });
  const cdp = await page.context().newCDPSession(page);
  // A first visit: a new context, its cache empty and on (what one request put there, the next
  // may take from it).
  await cdp.send('Network.enable');
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, type: e.type, encoded: 0, decoded: 0, finished: null }));
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) (r.encoded += e.encodedDataLength), (r.decoded += e.dataLength);
  });
  // What the cache answered crossed no wire.
  const cached = (e) => {
    const r = requests.get(e.requestId);
    if (r) r.cached = true;
  };
  cdp.on('Network.requestServedFromCache', cached);
  cdp.on('Network.responseReceived', (e) => e.response.fromDiskCache && cached(e));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.finished = e.encodedDataLength;
  });
  await page.goto(url);
  await act(page);
  await new Promise((r) => setTimeout(r, watched));
  await page.close();
  const byType = new Map();
  // A request cancelled part way (the player's, once it has what it wanted) has no length at its
  // end, only its chunks', whose encoded lengths may be 0: then the data received (audio is not
  // compressed) is what came.
  for (const { url: u, type, encoded, decoded, finished, cached: fromCache } of requests.values()) {
    const bytes = fromCache ? 0 : finished ?? (encoded || decoded);
    const kind = new URL(u).pathname.endsWith('.wav') ? `audio (${type.toLowerCase()})` : 'page and code';
    byType.set(kind, (byType.get(kind) || 0) + bytes);
  }
  return byType;
}

async function play(page, player) {
  await page.waitForFunction((p) => document.querySelector(p)?.readyState >= 1, player);
  await page.evaluate((p) => document.querySelector(p).play(), player);
  await new Promise((r) => setTimeout(r, 2000));
  await page.evaluate((p) => document.querySelector(p).pause(), player);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`; // KB and MB of 1,024, as the README
const opened = {
  'episode page with the embed': [`${server.url}/examples/episode.html`, '#player'],
  'the app with the same audio': [`${server.url}/?audio=/examples/episode.wav`, '#audio'],
};
console.log(`${(audio.length / 1048576).toFixed(1)} MB of audio (17 minutes of WAV); watched ${watched / 1000} s after each visit`);
for (const [name, [url, player]] of Object.entries(opened)) {
  for (const [visit, act] of [
    ['reads only', async () => {}],
    ['plays 2 s', (page) => play(page, player)],
    ['plays 2 s, then 2 s from the middle after the listening', async (page) => {
      await play(page, player);
      await new Promise((r) => setTimeout(r, watched));
      await page.evaluate((p) => { const a = document.querySelector(p); a.currentTime = a.duration / 2; }, player);
      await play(page, player);
    }],
  ]) {
    const byType = await transferred(url, act);
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    console.log(`${name}, ${visit}: ${kb(total)} in all; ${[...byType].map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`);
  }
}
await browser.close();
server.close();
