// Untrusted text never runs: transcripts full of markup, handlers, script URLs, SVG, frames, CSS
// and Unicode direction tricks render as inert text — no dialog, no script-set global, no element
// of theirs, no request anywhere — and addresses that are not http(s), relative or blob: are
// refused with a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 60_000 };
const app = h.suite({}, { before, after });
const withPage = app.withPage;

/** Each payload sets window.__pwned (or opens a dialog, or fetches evil.example) if it ever runs. */
const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"><circle r=5 /></svg>',
  '<iframe src="javascript:window.top.__pwned = \'iframe\'"></iframe>',
  '[click me](javascript:window.__pwned="link")',
  '[data](data:text/html,<script>alert(1)</script>)',
  '<a href="javascript:alert(1)">a link</a>',
  '<style>body { display: none }</style>',
  '<link rel=stylesheet href="http://evil.example/x.css">',
  '<img src="http://evil.example/pixel.png">',
  '</p></div><script>window.__pwned = "break-out"</script>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '"><body onload=alert(1)>',
  '{{constructor.constructor("window.__pwned = \'template\'")()}}',
  '\u202Egnp.exe — right-to-left override, \u2066isolate\u2069 and a zero\u200Bwidth space',
];

function hostileTranscript() {
  const hms = (s) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  let md = '# <script>window.__pwned = "title"</script> <img src=x onerror=alert(1)>\n\n**<svg onload=alert(1)>** show\n\n---\n\n';
  PAYLOADS.forEach((payload, i) => {
    md += `[${hms(i * 10)}] <img src=x onerror="window.__pwned='speaker'"> ${i}\n\nEnglish: ${payload}\n\n中文翻译: 中文 ${payload}\n\n---\n\n`;
  });
  return md;
}

async function guard(page) {
  const seen = { dialogs: [], elsewhere: [] };
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('request', (r) => { if (!r.url().startsWith(app.url()) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) seen.elsewhere.push(r.url()); });
  return seen;
}

test('markup, handlers, script URLs, SVG, frames and CSS in a transcript are inert text', T, async () => {
  await withPage({}, async (page) => {
    const seen = await guard(page);
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('hostile.md', 'text/markdown', Buffer.from(hostileTranscript()))]);
    await h.waitForTurns(page, PAYLOADS.length);
    await h.frames(page, 10);
    const state = await page.evaluate(() => {
      const transcript = document.querySelector('#transcript');
      return {
        pwned: window.__pwned ?? null,
        // Our own links (a web address in the text, opened in a new tab) are not the transcript's.
        foreign: [...transcript.querySelectorAll('script, img, iframe, style, link, meta, object, embed, a[href]:not(.text a[target="_blank"][rel~="noopener"]), [onload], [onerror], [style*="display"]')].map((e) => e.outerHTML.slice(0, 80)),
        links: [...transcript.querySelectorAll('a[href]')].map((a) => [a.getAttribute('href'), a.textContent, a.className]),
        svgs: [...transcript.querySelectorAll('svg')].filter((s) => !s.closest('button')).length,
        bodyShown: getComputedStyle(document.body).display !== 'none',
        title: document.querySelector('.doc-title')?.textContent ?? '',
        text: transcript.textContent,
      };
    });
    assert.equal(state.pwned, null, 'no payload ran');
    assert.deepEqual(state.foreign, [], 'no element of the transcript\'s');
    // The only links are the web addresses written in it (each twice, in English and Chinese),
    // links to themselves: never a script's, a data: one, nor anything its markup asked for.
    assert.deepEqual(state.links, ['http://evil.example/x.css', 'http://evil.example/x.css', 'http://evil.example/pixel.png', 'http://evil.example/pixel.png'].map((url) => [url, url, 'bare']));
    assert.equal(state.svgs, 0, 'the only SVGs are our buttons\' icons');
    assert.ok(state.bodyShown);
    assert.match(state.title, /<script>window.__pwned = "title"<\/script>/, 'the title shows its markup as text');
    for (const payload of ['<svg onload=', '<iframe src="javascript:', 'onerror=', '<style>body', '{{constructor']) {
      assert.ok(state.text.includes(payload), `"${payload}" is shown as text`);
    }
    assert.ok(state.text.includes('\u202Egnp.exe'), 'direction marks are kept as characters, inside the text');
    // Direction overrides cannot spill out: speakers, titles and paragraphs are bidi-isolated.
    const isolated = await page.evaluate(() => [...document.querySelectorAll('#transcript :is(.speaker, .doc-title, .text p)')].every((e) => getComputedStyle(e).unicodeBidi === 'isolate'));
    assert.ok(isolated, 'each speaker, title and paragraph is bidi-isolated');
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.elsewhere, [], 'no request left the page\'s own server');
    assert.deepEqual(errors, []);
  });
});

test('addresses that are not http(s), relative or blob: are refused with a message', T, async () => {
  for (const query of ['transcript=javascript:alert(1)', 'transcript=data:text/plain,%5B00:00:01%5D%20A', 'audio=javascript:alert(1)']) {
    await withPage({}, async (page) => {
      const seen = await guard(page);
      await page.goto(`${app.url()}/?${query}`);
      await h.waitFor(page, () => /not allowed|refused|only http/i.test(document.querySelector('#messages')?.textContent ?? ''), undefined, { what: `a refusal for ${query}` });
      await h.waitForTurns(page, 13); // the demo transcript instead
      assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
      assert.deepEqual(seen.dialogs, []);
    });
  }
});

test('a file over the size limit is refused before it is read, and what was shown stays', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await page.goto(`${app.url()}/?max-file-mb=1`);
    await h.waitForTurns(page, 13);
    const big = h.season(1_700); // about 1.5 MB
    await h.dropFiles(page, null, [h.fileOf('season.md', 'text/markdown', big)]);
    await h.waitFor(page, () => /\u2068season\.md\u2069: 1\.5 MB is more than the 1 MB a transcript may be/.test(document.querySelector('#messages').textContent), undefined, { what: 'the refusal' });
    await h.frames(page, 5);
    assert.equal(await h.turnCount(page), 13, 'the sample is still shown');
    assert.equal(await page.evaluate(() => document.querySelector('#loading').hidden), true, 'nothing is being read');
    assert.deepEqual(errors, []);
  });
});

test('with storage refused (private mode, a policy), everything works without remembering', T, async () => {
  await withPage({}, async (page) => {
    await page.addInitScript(() => {
      const refuse = () => { throw new DOMException('storage is disabled', 'SecurityError'); };
      Object.defineProperty(window, 'localStorage', { get: refuse });
      Object.defineProperty(window, 'caches', { get: refuse });
    });
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.choose(page, '#layout', 'side');
    await page.locator('article.turn').nth(1).click();
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]'), undefined, { what: 'a turn playing' });
    await page.reload();
    await h.waitForTurns(page, 13); // nothing was remembered: the demo again
    assert.deepEqual(errors, []);
  });
});

test('a file name with direction controls cannot reorder the message that names it', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    // Shown as "exe.txt" with the override, were it not isolated: "\u202Etxt.exe" reads backwards.
    const name = 'report\u202Etxt.exe';
    await h.dropFiles(page, null, [h.fileOf(name, 'text/plain', Buffer.from('no turns here'))]);
    await h.waitFor(page, () => document.querySelector('#messages .message.error'), undefined, { what: 'the refusal' });
    const text = await page.textContent('#messages .message.error span');
    assert.equal(text, `\u2068${name}\u2069: no timed turns found; is it a transcript?`);
    // The words after the name are laid out left to right, after it, as written.
    const order = await page.evaluate(() => {
      const span = document.querySelector('#messages .message.error span');
      const range = document.createRange();
      const node = span.firstChild;
      const at = (i) => { range.setStart(node, i); range.setEnd(node, i + 1); return range.getBoundingClientRect().left; };
      const colon = node.textContent.indexOf('\u2069:') + 1;
      return { name: at(1), colon: at(colon), last: at(node.textContent.length - 1) };
    });
    assert.ok(order.name < order.colon && order.colon < order.last, `the message reads in order: ${JSON.stringify(order)}`);
    assert.equal(await h.turnCount(page), 13, 'the demo stays');
    assert.deepEqual(errors, []);
  });
});
