// Shared helpers for the end-to-end browser tests (node --test tests/e2e/).
//
// A static server with Range support, a WAV generator, a headless Debian Chromium driven by
// playwright-core, and helpers for console errors, screenshots and real drag-and-drop.

import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root (/work/main). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built app: $DIST (absolute, or relative to the repository root) or dist/. */
export const DIST = path.resolve(REPO_ROOT, process.env.DIST || 'dist');

/** The build that panics when asked (`trunk build --release --features panic-on-purpose`). */
export const PANIC_DIST = path.resolve(REPO_ROOT, process.env.PANIC_DIST || 'dist-panic');

/** Where screenshots go. */
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

/** Generous default for every wait. */
export const TIMEOUT = 10_000;

/** Fails fast, with a clear message, when the app has not been built. */
export function requireBuiltApp(dist = DIST) {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `${index} is missing: build the app first (scripts/install-tools, then \`trunk build --release\` ` +
        `from ${REPO_ROOT}), or point DIST at a built app, then run \`node --test tests/e2e/\`.`,
    );
  }
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentType(name) {
  return CONTENT_TYPES[path.extname(name).toLowerCase()] || 'application/octet-stream';
}

/**
 * Parses one `Range: bytes=...` header against a body of `size` bytes.
 * Returns null when there is no usable range (serve the whole body), 'unsatisfiable', or {start, end}
 * (inclusive). Multiple ranges are answered with the first one only.
 */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*(?:,.*)?$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {
    // Suffix range: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/**
 * A static HTTP server on 127.0.0.1 with a random free port.
 * `root`: the folder to serve (the built app by default). `extraRoutes`: URL path → Buffer (or
 * string), served before the files, with the Content-Type of the path's extension. `headers`: sent
 * with every file (a Content-Security-Policy, say). Supports GET/HEAD, `Accept-Ranges: bytes` and 206 partial responses. Returns {url, close, requests}.
 */
export async function startServer(root = DIST, extraRoutes = {}, { headers: extraHeaders = {} } = {}) {
  const rootDir = path.resolve(root);
  // A route is a body (served with ranges) or a function (req, res) that answers itself.
  const routes = new Map(
    Object.entries(extraRoutes).map(([p, body]) => [
      p,
      typeof body === 'function' || Buffer.isBuffer(body) ? body : Buffer.from(body),
    ]),
  );
  const requests = [];

  const send = (req, res, body, type) => {
    const size = body.length;
    const headers = {
      'Content-Type': type,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      ...extraHeaders,
    };
    const range = req.headers.range ? parseRange(req.headers.range, size) : null;
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    let status = 200;
    let start = 0;
    let end = size - 1;
    if (range) {
      status = 206;
      ({ start, end } = range);
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    res.end(body.subarray(start, end + 1));
  };

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, range: req.headers.range || null });
    res.on('error', () => {});
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (routes.has(pathname)) {
      const route = routes.get(pathname);
      if (typeof route === 'function') route(req, res);
      else send(req, res, route, contentType(pathname));
      return;
    }
    let file = path.normalize(path.join(rootDir, pathname));
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) {
      res.writeHead(403);
      res.end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
      }
      fs.readFile(file, (err2, body) => {
        if (err2) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`not found: ${pathname}\n`);
          return;
        }
        send(req, res, body, contentType(file));
      });
    });
  });
  // Media elements keep connections open; do not let them hold the process.
  server.keepAliveTimeout = 1000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
  return { url, close, requests, server };
}

/**
 * A real PCM WAV file: 8-bit unsigned, mono, `sampleRate` Hz, `seconds` long, holding a quiet
 * 220 Hz tone with a little deterministic noise (not digital silence). 17 minutes ≈ 8 MB.
 */
export function makeWav(seconds, { sampleRate = 8000 } = {}) {
  const samples = Math.round(seconds * sampleRate);
  const header = 44;
  const buf = Buffer.alloc(header + samples + (samples % 2)); // RIFF chunks are padded to even sizes
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples + (samples % 2), 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate, 28); // byte rate = rate * channels * bytes per sample
  buf.writeUInt16LE(1, 32); // block align
  buf.writeUInt16LE(8, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples, 40);
  let seed = 0x2545f491;
  const step = (2 * Math.PI * 220) / sampleRate;
  for (let i = 0; i < samples; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const noise = (seed >>> 24) / 255 - 0.5; // -0.5 .. 0.5
    const v = 128 + Math.round(3 * Math.sin(i * step) + noise * 2);
    buf[header + i] = v;
  }
  return buf;
}

/** The Chromium flags every test runs with (root, no GPU, no network chatter, autoplay allowed). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/** Headless Debian Chromium ($CHROMIUM or /usr/bin/chromium). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Headless Chromium keeping its profile (storage, caches) in `userDataDir`, as a browser installed
 * on a computer does: closing it and launching it again on the same directory is a browser restart.
 */
export function launchPersistent(userDataDir, { width = 1280, height = 800 } = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
  });
}

/**
 * A page in a fresh browser context (so localStorage starts empty). Close it with
 * `page.context().close()`.
 */
export async function newPage(browser, { width = 1280, height = 800, colorScheme = 'light', ...rest } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, ...rest });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  return page;
}

/**
 * An array that fills with the page's console errors and uncaught page errors.
 * The one thing left out: the 404 of the browser's own implicit `/favicon.ico` request (not the
 * app's doing; a favicon the app links to under another name still counts).
 */
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      if (loc && /^https?:\/\/[^/]+\/favicon\.ico$/.test(loc.url || '') && /404/.test(msg.text())) return;
      errors.push(`console.error: ${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err && err.stack ? err.stack : err}`));
  return errors;
}

/** Saves a PNG of the viewport to test-artifacts/NAME.png and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Drops files on the page the way a person does: a real DataTransfer holding real File objects,
 * and real `dragenter`, `dragover` and `drop` DragEvents (bubbling, cancelable) dispatched on
 * `document.body` — or on the element matched by `selectorOrWindow` when that is a CSS selector
 * (pass null, 'body', 'document' or 'window' for the body; the events bubble to document and window).
 * `files`: [{ name, type, base64 }] (or { name, type, buffer } as a Node Buffer).
 * Returns whether `drop` was cancelled (defaultPrevented) by the page.
 */
export async function dropFiles(page, selectorOrWindow, files) {
  // `{ text }` is text dragged in (from another page): the DataTransfer's text/plain.
  const payload = files.map((f) => f.text !== undefined ? { text: f.text } : ({
    name: f.name,
    type: f.type || '',
    base64: f.base64 !== undefined ? f.base64 : Buffer.from(f.buffer || '').toString('base64'),
  }));
  const target =
    typeof selectorOrWindow === 'string' && !['body', 'document', 'window'].includes(selectorOrWindow)
      ? selectorOrWindow
      : null;
  return page.evaluate(
    ({ target, payload }) => {
      const el = target ? document.querySelector(target) : document.body;
      if (!el) throw new Error(`dropFiles: no element matches ${target}`);
      const dt = new DataTransfer();
      for (const f of payload) {
        if (f.text !== undefined) {
          dt.setData('text/plain', f.text);
          continue;
        }
        const bin = atob(f.base64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const rect = el.getBoundingClientRect();
      const at = {
        clientX: Math.round(rect.left + Math.min(rect.width, window.innerWidth) / 2),
        clientY: Math.round(rect.top + Math.min(rect.height, window.innerHeight) / 2),
      };
      const fire = (type) =>
        el.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt, ...at }),
        );
      fire('dragenter');
      fire('dragover');
      const notCancelled = fire('drop');
      return { dropCancelled: !notCancelled, files: dt.files.length };
    },
    { target, payload },
  );
}

/** A file argument for dropFiles from a Buffer. */
export function fileOf(name, type, buffer) {
  return { name, type, base64: Buffer.from(buffer).toString('base64') };
}

/**
 * Waits until `fn(arg)` is truthy in the page (polling every animation frame). `opts`: a timeout in
 * ms, or { timeout, what, state } where `what` describes the awaited state for the error message (by
 * default the function's source is quoted) and `state`, a function run in the page on timeout,
 * says what there was instead (so that a failure on a busy machine can be read from its message).
 */
export async function waitFor(page, fn, arg, opts = {}) {
  const { timeout = TIMEOUT, what, state } = typeof opts === 'number' ? { timeout: opts } : opts;
  try {
    return await page.waitForFunction(fn, arg, { timeout, polling: 'raf' });
  } catch (e) {
    const src = String(fn).replace(/\s+/g, ' ').slice(0, 300);
    const found = state ? `; found ${JSON.stringify(await page.evaluate(state).catch((err) => String(err)))}` : '';
    throw new Error(`timed out after ${timeout} ms waiting for ${what || src}${arg !== undefined ? ` (arg ${JSON.stringify(arg)})` : ''}${found}: ${e.message.split('\n')[0]}`);
  }
}

/**
 * Waits in Node until `check()` (which may be async) holds, or `timeout` ms: for what the test
 * itself collects (the requests the page made, say), which `waitFor` cannot see. Resolves to
 * whether it held; the caller asserts.
 */
export async function until(check, timeout = TIMEOUT) {
  for (const end = Date.now() + timeout; ; await new Promise((r) => setTimeout(r, 50))) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
  }
}

/** Runs `work()` while the page is traced; resolves to { result, events }: a Chromium trace
 * of its main thread's tasks, style, layout and paint, and the page's `performance.mark`s. */
export async function traced(page, work) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  const result = await work();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return { result, events };
}

/** What a screen reader is told of the element `selector` matches in the page's document (not
 * inside shadow roots): its role, name and description, from Chromium's accessibility tree. */
export async function heard(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    assert.ok(nodeId, `${selector} is in the page`);
    const { nodes: [node] } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    return { role: node.role?.value, name: node.name?.value ?? '', description: node.description?.value ?? '' };
  } finally {
    await cdp.detach();
  }
}

/** Waits for `n` animation frames in the page. */
export function frames(page, n = 2) {
  return page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const tick = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => tick(k - 1)));
        tick(n);
      }),
    n,
  );
}

/** A 1×1 RGBA PNG (real PNG bytes). */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** A small bilingual WebVTT file with two cues. */
export function twoCueVtt({ en = ['Hello and welcome to the show.', 'Thanks for having me.'], zh = ['大家好，欢迎收听本节目。', '谢谢你的邀请。'] } = {}) {
  return Buffer.from(
    'WEBVTT\n\n' +
      `00:00:00.000 --> 00:00:04.000\n<v Alice>${en[0]}\n${zh[0]}\n\n` +
      `00:00:04.000 --> 00:00:09.000\n<v Bob>${en[1]}\n${zh[1]}\n`,
    'utf8',
  );
}

// ---------------------------------------------------------------------------------------------
// The app's DOM contract, as helpers shared by the test files.

/** Start times (seconds) of the 13 turns of samples/chip-huyen-lennys-podcast.md. */
/**
 * A long bilingual transcript in the sample's layout: `turns` turns ten seconds apart, some 900
 * bytes each (11,000 turns make about 10 MB). Turn i says "Turn i on topic (i % 97)."
 */
export function season(turns) {
  const hms = (s) => [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  const parts = ['# A season\n\n---\n\n'];
  for (let i = 0; i < turns; i++) {
    parts.push(`[${hms(i * 10)}] Speaker ${i % 3}\n\nEnglish:\n\nTurn ${i} on topic ${i % 97}. ${'A sentence of some length, said at a steady pace. '.repeat(7)}\n\n`);
    parts.push(`中文翻译:\n\n第${i}轮，话题${i % 97}。${'一句不短不长、语速平稳的话。'.repeat(10)}\n\n---\n\n`);
  }
  return Buffer.from(parts.join(''));
}

export const SAMPLE_STARTS = [0, 15, 19, 33, 38, 71, 101, 280, 330, 454, 575, 846, 957];
export const SAMPLE_PATH = '/samples/chip-huyen-lennys-podcast.md';
export const WAV_PATH = '/test-media/quiet.wav';

/** Opens the app (index.html at the server root) with a query string and waits for `turns` turns. */
export async function openApp(page, baseUrl, query = '', { turns = 13, waitUntil = 'load' } = {}) {
  await page.goto(`${baseUrl}/${query ? `?${query}` : ''}`, { waitUntil });
  await waitForTurns(page, turns);
}

export function waitForTurns(page, n) {
  return waitFor(page, (n) => document.querySelectorAll('article.turn').length === n, n).catch(async (e) => {
    const got = await page.evaluate(() => document.querySelectorAll('article.turn').length).catch(() => '?');
    throw new Error(`expected ${n} article.turn, found ${got}: ${e.message}`);
  });
}

export function turnCount(page) {
  return page.evaluate(() => document.querySelectorAll('article.turn').length);
}

/**
 * {current: data-start of turns with aria-current="true", marked: data-start of turns with any
 * aria-current attribute}.
 */
export function activeTurns(page) {
  return page.evaluate(() => ({
    current: [...document.querySelectorAll('article.turn[aria-current="true"]')].map((t) => t.dataset.start),
    marked: [...document.querySelectorAll('article.turn[aria-current]')].map((t) => t.dataset.start),
  }));
}

/** Waits until exactly the turn starting at `start` (seconds, or null for none) is active. */
export function waitForActive(page, start, timeout = TIMEOUT) {
  return waitFor(
    page,
    (start) => {
      const cur = document.querySelectorAll('article.turn[aria-current="true"]');
      if (start === null) return cur.length === 0;
      return cur.length === 1 && cur[0].dataset.start === String(start);
    },
    start,
    timeout,
  ).catch(async (e) => {
    const got = await activeTurns(page).catch(() => '?');
    throw new Error(`expected active turn ${start}, got ${JSON.stringify(got)}: ${e.message}`);
  });
}

export function waitForClockMode(page, mode) {
  return waitFor(page, (mode) => document.querySelector('#clock-mode')?.dataset.mode === mode, mode).catch(
    async (e) => {
      const got = await page.evaluate(() => document.querySelector('#clock-mode')?.dataset.mode).catch(() => '?');
      throw new Error(`expected #clock-mode data-mode=${mode}, got ${got}: ${e.message}`);
    },
  );
}

/** Waits until the audio element has metadata (a duration). */
export function waitForAudioReady(page) {
  return waitFor(page, () => {
    const a = document.querySelector('#audio');
    return a && a.readyState >= 1 && Number.isFinite(a.duration) && a.duration > 0;
  });
}

export function audioState(page) {
  return page.evaluate(() => {
    const a = document.querySelector('#audio');
    return { currentTime: a.currentTime, paused: a.paused, duration: a.duration, src: a.currentSrc || a.src };
  });
}

/**
 * Plays the app's audio until the player says it is playing, then pauses it: a visitor's first
 * play. Audio over the network is listened to (fetched whole again) only once it has played.
 */
export async function playOnce(page) {
  await page.evaluate(() => document.querySelector('#audio').play());
  await waitFor(page, () => document.querySelector('#play')?.getAttribute('aria-label') === 'Pause', undefined, { what: 'the player playing' });
  await page.evaluate(() => document.querySelector('#audio').pause());
}

/** Sets the audio element's currentTime and waits until the seek has landed there. */
export async function setAudioTime(page, t) {
  await page.evaluate((t) => {
    document.querySelector('#audio').currentTime = t;
  }, t);
  await waitFor(
    page,
    (t) => {
      const a = document.querySelector('#audio');
      return !a.seeking && Math.abs(a.currentTime - t) < 0.05;
    },
    t,
  );
}

/** Waits until the audio's currentTime is within `tol` seconds of `t`. */
export function waitForAudioTime(page, t, tol = 1) {
  return waitFor(
    page,
    ({ t, tol }) => Math.abs(document.querySelector('#audio').currentTime - t) <= tol,
    { t, tol },
  ).catch(async (e) => {
    const got = await audioState(page).catch(() => ({}));
    throw new Error(`expected audio currentTime ≈ ${t} (±${tol}), got ${got.currentTime}: ${e.message}`);
  });
}

/**
 * Whether the turn starting at `start` is in view inside #transcript: its rectangle lies within the
 * visible part of the container (the container's rectangle clipped to the window). A turn taller
 * than that visible part counts when its top edge is inside it or when it fills it.
 */
export function turnInView(page, start) {
  return page.evaluate(inViewInPage, start);
}

export function waitForTurnInView(page, start) {
  return waitFor(page, inViewInPage, start).catch(async (e) => {
    const geo = await page.evaluate((start) => {
      const c = document.querySelector('#transcript').getBoundingClientRect();
      const t = document.querySelector(`article.turn[data-start="${start}"]`)?.getBoundingClientRect();
      return { container: [c.top, c.bottom], turn: t && [t.top, t.bottom], innerHeight: window.innerHeight };
    }, start);
    throw new Error(`turn ${start} not in view of #transcript: ${JSON.stringify(geo)}: ${e.message}`);
  });
}

function inViewInPage(start) {
  const c = document.querySelector('#transcript');
  const t = document.querySelector(`article.turn[data-start="${start}"]`);
  if (!c || !t) return false;
  const cr = c.getBoundingClientRect();
  const tr = t.getBoundingClientRect();
  const top = Math.max(cr.top, 0);
  const bottom = Math.min(cr.bottom, window.innerHeight);
  if (bottom - top <= 0 || tr.height <= 0) return false;
  const visible = Math.min(tr.bottom, bottom) - Math.max(tr.top, top);
  if (tr.height <= bottom - top) return visible >= tr.height - 2; // fits: wholly inside
  return (tr.top >= top - 2 && tr.top < bottom - 20) || visible >= bottom - top - 2; // tall: its start shows, or it fills
}

/** Waits until neither #transcript nor the window has scrolled for `quietFrames` frames. */
export function waitForScrollToSettle(page, quietFrames = 10) {
  return page.waitForFunction(
    (quietFrames) => {
      const c = document.querySelector('#transcript');
      const now = `${c ? c.scrollTop : 0},${window.scrollY}`;
      const w = window;
      if (w.__e2eScroll !== now) {
        w.__e2eScroll = now;
        w.__e2eQuiet = 0;
        return false;
      }
      w.__e2eQuiet = (w.__e2eQuiet || 0) + 1;
      return w.__e2eQuiet >= quietFrames;
    },
    quietFrames,
    { polling: 'raf', timeout: TIMEOUT },
  );
}

/** Selects an option of a <select> the way a person does (fires input and change). */
export function choose(page, selector, value) {
  return page.selectOption(selector, value);
}

/** Sets a range input's value and fires `input` and `change`, as dragging its thumb does. */
export function setRange(page, selector, value) {
  return page.$eval(
    selector,
    (el, value) => {
      el.value = String(value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );
}

// ---------------------------------------------------------------------------------------------
// One server and one browser per test file.

/**
 * Starts a server on the built app (`root`, plus `extraRoutes`) and a browser before the file's tests,
 * and stops both after them. Returns `{ url(), withPage(opts, fn) }`: `withPage` gives `fn` a
 * fresh page in its own context (fresh storage), closed afterwards whatever happens.
 */
export function suite(extraRoutes = {}, { before, after, root = DIST }) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(root, extraRoutes);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    url: () => server.url,
    async withPage(opts, fn) {
      const page = await newPage(browser, opts);
      try {
        return await fn(page);
      } finally {
        await page.context().close();
      }
    },
  };
}
