// The reader's tools: search over both languages (literal, folded, Enter seeks), and export to
// every format, each file read back by the app to the same turns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 60_000 };
const app = h.suite({ [h.WAV_PATH]: h.makeWav(17 * 60) }, { before, after });
const withPage = app.withPage;

async function open(page) {
  await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
  await h.waitForAudioReady(page);
}

/** Types `query` into the search box and returns the count shown. */
async function search(page, query) {
  await page.fill('#search', query);
  await h.waitFor(page, () => document.querySelector('#search-count').textContent !== '', undefined, { what: 'a search count' });
  return (await page.textContent('#search-count')).trim();
}

/** The texts painted as hits (CSS Custom Highlight API), and the current one. */
const painted = (page) =>
  page.evaluate(() => {
    const texts = (name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString());
    return { hits: texts('search-hit'), current: texts('search-current') };
  });

test('search finds a Chinese phrase, an English phrase and regex characters, and Enter seeks', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await open(page);

    // Chinese, inside words, with no spaces around it.
    assert.equal(await search(page, '新闻'), '1 / 7');
    await h.frames(page, 3);
    let p = await painted(page);
    assert.equal(p.hits.length + p.current.length, 7);
    assert.ok([...p.hits, ...p.current].every((t) => t === '新闻'));

    // English, case-insensitive; Enter goes to the hit and seeks to the sentence it is in.
    assert.equal(await search(page, 'VECTOR DATABASE'), '1 / 2');
    await page.press('#search', 'Enter');
    await h.waitForActive(page, 280);
    const at = await page.evaluate(() => document.querySelector('#audio').currentTime);
    const sentence = await page.evaluate(() => {
      const s = [...document.querySelectorAll('article.turn[data-start="280"] .sentence')].find((x) => /vector database/i.test(x.textContent));
      return Number(s.dataset.sentenceStart);
    });
    assert.ok(Math.abs(at - sentence) < 0.05, `Enter seeks to the sentence holding the hit (${at} vs ${sentence})`);
    p = await painted(page);
    assert.match(p.current[0], /^vector databases?$/i);
    // The next Enter moves on to the next hit (the Chinese "向量数据库（Vector Database）").
    await page.press('#search', 'Enter');
    await h.waitFor(page, () => document.querySelector('#search-count').textContent.trim() === '2 / 2');
    await h.frames(page, 3);
    assert.equal((await painted(page)).current[0], 'Vector Database');

    // Regex characters are taken literally; full-width brackets match half-width ones.
    assert.equal(await search(page, '(Gap)'), '1 / 1');
    await h.frames(page, 3);
    assert.equal((await painted(page)).current[0], '（Gap）');
    assert.equal(await search(page, '.*'), 'no match');
    // Three hits, two in turn 0:00 and one in 5:30; the count starts at the first hit at or after
    // the turn being said (4:40, from the Enter above).
    assert.equal(await search(page, 'news?"'), '2 / 3');

    // The seek bar marks where the hits are.
    await search(page, 'AI');
    const marks = await page.evaluate(() => document.querySelector('.ticks path.hit-marks').getAttribute('d').split('M').length - 1);
    assert.ok(marks >= 8, `${marks} turns with "AI" marked on the seek bar`);

    // "/" focuses the box; Escape clears it.
    await page.click('#transcript');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search'), '');
    await h.frames(page, 3);
    assert.deepEqual(await painted(page), { hits: [], current: [] });
    assert.deepEqual(errors, []);
  });
});

test('search stays fast on a 10 MB transcript', { timeout: 300_000 }, async (t) => {
  // About 10 MB: 11,000 bilingual turns of some 900 bytes each.
  const turns = 11_000;
  const hms = (s) => [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  const parts = ['# A season\n\n---\n\n'];
  for (let i = 0; i < turns; i++) {
    parts.push(`[${hms(i * 10)}] Speaker ${i % 3}\n\nEnglish:\n\nTurn ${i} on topic ${i % 97}. ${'A sentence of some length, said at a steady pace. '.repeat(7)}\n\n`);
    parts.push(`中文翻译:\n\n第${i}轮，话题${i % 97}。${'一句不短不长、语速平稳的话。'.repeat(10)}\n\n---\n\n`);
  }
  const big = Buffer.from(parts.join(''));
  t.diagnostic(`transcript: ${(big.length / 1e6).toFixed(1)} MB, ${turns} turns`);
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const dropped = Date.now();
    await h.dropFiles(page, null, [h.fileOf('season.md', 'text/markdown', big)]);
    // Every row is rendered (windowed rendering is issue #7): generous time.
    await h.waitFor(page, (n) => document.querySelectorAll('article.turn').length === n, turns, { timeout: 120_000, what: `${turns} rows` });
    t.diagnostic(`dropped → ${turns} rows: ${Date.now() - dropped} ms`);
    const timing = await page.evaluate(async () => {
      const input = document.querySelector('#search');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const out = [];
      for (const q of ['t', 'to', 'top', 'topi', 'topic', 'topic 4', 'topic 42', '话题42', '语速']) {
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const handled = performance.now() - t0;
        await frame();
        await frame(); // the hits are painted in the frame after the input
        out.push({ q, handled, painted: performance.now() - t0, count: document.querySelector('#search-count').textContent });
      }
      return out;
    });
    for (const k of timing) t.diagnostic(`"${k.q}": ${k.count.padEnd(12)} search ${k.handled.toFixed(1)} ms, painted after ${k.painted.toFixed(0)} ms`);
    const counts = Object.fromEntries(timing.map((k) => [k.q, k.count]));
    const expected = Array.from({ length: turns }, (_, i) => i % 97 === 42).filter(Boolean).length;
    assert.equal(counts['topic 42'], `1 / ${expected}`, `topic 42 is in 1 of every 97 turns (${expected} of 11,000)`);
    assert.equal(counts['话题42'], `1 / ${expected}`);
    assert.equal(counts['t'], '1 / 10000+', 'a hit limit keeps a one-letter query bounded');
  });
});

test('each export downloads a file that reads back to the same turns', T, async () => {
  const formats = ['vtt', 'srt', 'md', 'json-en', 'json-zh'];
  for (const format of formats) {
    // A fresh page each time: the file read back replaces the transcript (and is remembered).
    await withPage({ acceptDownloads: true }, async (page) => {
      await open(page);
      const original = await page.evaluate(() =>
        [...document.querySelectorAll('article.turn')].map((a) => ({ start: a.dataset.start, speaker: a.querySelector('.speaker')?.textContent ?? null })),
      );
      const offered = await page.evaluate(() => [...document.querySelectorAll('#export option')].map((o) => o.value).filter(Boolean));
      assert.deepEqual(offered, formats);
      const [download] = await Promise.all([page.waitForEvent('download'), page.selectOption('#export', format)]);
      const name = download.suggestedFilename();
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      assert.match(name, /^chip-huyen-lennys-podcast\.(vtt|srt|md|en\.json|zh\.json)$/);
      // Read back by the app: dropped on the page like any file.
      await h.dropFiles(page, 'body', [h.fileOf(name, '', bytes)]);
      await h.waitFor(page, (name) => [...document.querySelectorAll('#messages .message')].some((m) => m.textContent.startsWith(`${name}: 13 turns`)), name, { what: `${name} read back` });
      const back = await page.evaluate(() =>
        [...document.querySelectorAll('article.turn')].map((a) => ({ start: a.dataset.start, speaker: a.querySelector('.speaker')?.textContent ?? null })),
      );
      assert.deepEqual(back.map((x) => x.start), original.map((x) => x.start), `${name}: same turn starts`);
      if (format !== 'srt') assert.deepEqual(back, original, `${name}: same speakers`);
      const languages = await page.evaluate(() => [...new Set([...document.querySelectorAll('.text:not(.missing)')].map((x) => x.lang))]);
      const expected = format === 'json-en' ? ['en'] : format === 'json-zh' ? ['zh'] : ['en', 'zh'];
      assert.deepEqual(languages.sort(), expected, `${name}: languages`);
    });
  }
});
