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
    // From a focused turn, Escape gives the focus back to it (it went to the page).
    await page.focus('article.turn[data-start="19"]');
    await page.keyboard.press('/');
    await page.keyboard.type('AI');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.start), '19');
    // From there, Enter went to a match screens below: Escape leaves the focus on its turn, in
    // view, not on the turn left behind.
    await page.keyboard.press('/');
    await page.keyboard.type('vector database');
    await page.keyboard.press('Enter');
    await h.waitForActive(page, 280);
    await h.waitForTurnInView(page, 280);
    await page.keyboard.press('Escape');
    await h.waitFor(page, () => document.activeElement.dataset.start === '280');
    assert.ok(await h.turnInView(page, 280), 'the focused turn is in view');
    assert.deepEqual(errors, []);
  });
});

test('a screen reader hears the search count in words, tied to the box; each message without its button\'s "Dismiss"; the end of a transcript read without audio', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    // No audio: the transcripts run on the clock of their own.
    await h.openApp(page, app.url());
    const heard = () =>
      page.evaluate(() => {
        const box = document.querySelector('#search');
        const describedBy = box.getAttribute('aria-describedby');
        return {
          description: describedBy && document.getElementById(describedBy)?.textContent.trim(),
          describedLive: describedBy && document.getElementById(describedBy)?.getAttribute('aria-live'),
          shownHidden: document.querySelector('#search-count').closest('[aria-hidden="true"]') !== null,
          // What any live region holds of a control is read with what it says.
          liveControls: [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')]
            .filter((r) => r.querySelector('button, input, select, a'))
            .map((r) => r.id || r.className),
          said: document.querySelector('#messages-said').textContent,
        };
      });
    assert.equal(await search(page, '新闻'), '1 / 7');
    let now = await heard();
    assert.equal(now.description, 'match 1 of 7, Chip Huyen at 0:00', 'the count in words, and where the match is, describing the box');
    assert.equal(now.describedLive, 'polite');
    assert.ok(now.shownHidden, 'the count shown is not read as "1 slash 7"');
    // The icon buttons' names once, with their keys: not again as a description.
    for (const [button, name] of [['#search-previous', 'Previous match (Shift+Enter)'], ['#search-next', 'Next match (Enter)'], ['#help-open', 'Keyboard shortcuts (?)']]) {
      assert.deepEqual(await h.heard(page, button), { role: 'button', name, description: '' }, button);
    }
    await page.press('#search', 'Enter');
    await page.press('#search', 'Enter');
    await h.waitFor(page, () => /^match 2 of 7, [^,]+ at \d+:\d\d$/.test(document.querySelector('#search-said').textContent), undefined, { what: 'the next match said' });
    assert.equal(await search(page, 'zzzqqq'), 'no match');
    assert.equal((await heard()).description, 'no match');
    await page.fill('#search', '');

    // Another transcript, still without audio: its clock runs to the end, and says so.
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => /two-cues\.vtt\u2069: 2 turns/.test(document.querySelector('#messages-said').textContent), undefined, { what: 'the drop said' });
    now = await heard();
    assert.deepEqual(now.liveControls, [], 'no live region holds a control');
    assert.doesNotMatch(now.said, /Dismiss|\u00d7/, 'no button\'s name among the words said');
    await page.click('article.turn[data-start="4"]');
    await h.waitFor(page, () => /^The transcript ended\. Choose any line to read on from there\.\u200b?$/.test(document.querySelector('#messages-said').textContent), undefined, { what: 'the end said', timeout: 20_000 });
    assert.ok(await page.evaluate(() => /The transcript ended/.test(document.querySelector('#messages').textContent)), 'and shown');
    // The same refusal twice is told twice: the region's text changes though its words do not.
    const refused = async () => {
      const before = await page.textContent('#messages-said');
      await h.dropFiles(page, null, [h.fileOf('cover.png', 'image/png', h.PIXEL_PNG)]);
      await h.waitFor(page, (before) => document.querySelector('#messages-said').textContent !== before && /cover\.png/.test(document.querySelector('#messages-said').textContent), before, { what: 'the refusal told' });
      return (await page.textContent('#messages-said')).replace('\u200b', '');
    };
    assert.equal(await refused(), await refused());
  });
});

test('typing Chinese through an input method searches what is committed, not the pinyin being composed', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    // A query there already (its first hit minutes in), replaced by Chinese typed in pinyin.
    assert.equal(await search(page, 'vector database'), '1 / 2');
    await page.click('#search', { clickCount: 3 });
    // The input method's own events, as Chromium's sends them: composing "gongcheng"
    // (each letter an input event, marked as composing), Enter to pick a candidate, then 工程
    // committed.
    const ime = await page.context().newCDPSession(page);
    for (const typed of ['g', 'gong', 'gongc', 'gongcheng']) {
      await ime.send('Input.imeSetComposition', { text: typed, selectionStart: typed.length, selectionEnd: typed.length });
      await h.frames(page, 2);
      assert.equal((await page.textContent('#search-count')).trim(), '1 / 2', `composing "${typed}": not searched`);
      assert.deepEqual((await painted(page)).current, ['vector database'], `composing "${typed}": the last query's hits stay`);
    }
    await ime.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
    await ime.send('Input.insertText', { text: '工程' });
    await h.waitFor(page, () => document.querySelector('#search-count').textContent.trim() === '1 / 1', undefined, { what: 'the committed 工程 found' });
    assert.equal(await page.inputValue('#search'), '工程');
    await h.frames(page, 2);
    assert.equal(await page.evaluate(() => document.querySelector('audio').currentTime), 0, 'the Enter that picked a candidate did not go to a hit');
    // The next Enter is the reader's: it goes to the sentence of 工程, in the turn at 1:11.
    await page.press('#search', 'Enter');
    await h.waitFor(page, () => document.querySelector('audio').currentTime >= 71, undefined, { what: 'Enter going to the hit' });
  });
});

test('search finds what is shown: not a language the layout leaves out or the translation veil hides', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const both = await search(page, '模型');
    assert.match(both, /^1 \/ \d+$/, 'both languages shown: the Chinese found');
    const placeholder = () => page.getAttribute('#search', 'placeholder');
    assert.equal(await placeholder(), 'Search both languages');
    const countIs = (expected, what) =>
      h.waitFor(page, (expected) => document.querySelector('#search-count').textContent.trim() === expected, expected, { what });
    await page.selectOption('select#layout', 'only-en');
    await countIs('no match', 'English alone: the Chinese not found');
    assert.equal(await placeholder(), 'Search the transcript');
    await page.selectOption('select#layout', 'only-zh');
    await countIs(both, 'Chinese alone: found again');
    await page.selectOption('select#layout', 'interleaved');
    // The translation (Chinese, in this English-first transcript) hidden by the View menu.
    await page.click('#view-open');
    await page.selectOption('#veil-second', 'hidden');
    await countIs('no match', 'the translation hidden: the Chinese not found');
    await page.selectOption('#veil-second', 'blurred');
    await countIs(both, 'blurred, it is there to be read: found');
    await page.selectOption('#veil-second', 'shown');
  });
});

test('a search kept while another transcript is loaded is run again on it', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    assert.equal(await search(page, 'welcome to the show'), 'no match');
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => document.querySelector('#search-count').textContent.trim() === '1 / 1', undefined, { what: 'the query found in the new transcript' });
    await h.frames(page, 3);
    assert.deepEqual((await painted(page)).current, ['welcome to the show']);
    // The same file again: found again.
    await page.evaluate(() => document.querySelectorAll('#messages .message').forEach((m) => { m.dataset.seen = ''; }));
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitFor(page, () => [...document.querySelectorAll('#messages .message:not([data-seen])')].some((m) => /two-cues\.vtt\u2069: 2 turns/.test(m.textContent)), undefined, { what: 'the second load said' });
    await h.frames(page, 3);
    assert.equal((await page.textContent('#search-count')).trim(), '1 / 1', 'the query found again');
  });
});

test('a search with hits in a long transcript, kept while a shorter one is loaded: its hits go with it, nothing stops', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    assert.equal(await search(page, 'news'), '1 / 6');
    // Hits in turns the next transcript has not: the seek bar's marks and the painting read
    // them before the search is cleared for it (a hit in turn 12 of a transcript of two
    // stopped the app).
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => document.querySelector('#search-count').textContent.trim() === 'no match', undefined, { what: 'the query searched again' });
    await h.frames(page, 3);
    assert.equal(await page.evaluate(() => document.querySelector('.ticks path.hit-marks').getAttribute('d')), '', 'no marks on the seek bar');
    assert.deepEqual(await painted(page), { hits: [], current: [] });
    assert.deepEqual(errors, []);
  });
});

test('search stays fast on a 10 MB transcript', { timeout: 300_000 }, async (t) => {
  // About 10 MB: 11,000 bilingual turns of some 900 bytes each.
  const turns = 11_000;
  const big = h.season(turns);
  t.diagnostic(`transcript: ${(big.length / 1e6).toFixed(1)} MB, ${turns} turns`);
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const dropped = Date.now();
    await h.dropFiles(page, null, [h.fileOf('season.md', 'text/markdown', big)]);
    await h.waitFor(page, () => document.querySelector('article.turn[data-start="10"]'), undefined, { timeout: 60_000, what: 'the new rows' });
    t.diagnostic(`dropped → rows shown: ${Date.now() - dropped} ms`);
    const timing = await page.evaluate(async () => {
      const input = document.querySelector('#search');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      // As a person does: the box is focused (its index is built meanwhile, in slices), and the
      // first key comes a moment later.
      input.focus();
      await new Promise((r) => setTimeout(r, 400));
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
    assert.equal(counts['t'], '1 / 10,000+', 'a hit limit keeps a one-letter query bounded (its thousands grouped)');
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
      assert.deepEqual(offered, ['vtt', 'srt', 'vtt-sentences', 'srt-sentences', 'md', 'json-en', 'json-zh']);
      const [download] = await Promise.all([page.waitForEvent('download'), page.selectOption('#export', format)]);
      const name = download.suggestedFilename();
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      assert.match(name, /^chip-huyen-lennys-podcast\.(vtt|srt|md|en\.json|zh\.json)$/);
      // Read back by the app: dropped on the page like any file.
      await h.dropFiles(page, 'body', [h.fileOf(name, '', bytes)]);
      await h.waitFor(page, (name) => [...document.querySelectorAll('#messages .message')].some((m) => m.textContent.startsWith(`\u2068${name}\u2069: 13 turns`)), name, { what: `${name} read back` });
      await h.waitForTurns(page, 13); // the rows out of view are rendered a few per task
      const back = await page.evaluate(() =>
        [...document.querySelectorAll('article.turn')].map((a) => ({ start: a.dataset.start, speaker: a.querySelector('.speaker')?.textContent ?? null })),
      );
      assert.deepEqual(back.map((x) => x.start), original.map((x) => x.start), `${name}: same turn starts`);
      assert.deepEqual(back, original, `${name}: same speakers (SRT's named before each caption)`);
      const languages = await page.evaluate(() => [...new Set([...document.querySelectorAll('.text:not(.missing)')].map((x) => x.lang))]);
      const expected = format === 'json-en' ? ['en'] : format === 'json-zh' ? ['zh'] : ['en', 'zh'];
      assert.deepEqual(languages.sort(), expected, `${name}: languages`);
    });
  }
});

test('captions a cue a sentence: each sentence and its translation a cue, timed inside its turn, read back as those cues', T, async () => {
  for (const [format, extension] of [['vtt-sentences', 'vtt'], ['srt-sentences', 'srt']]) {
    await withPage({ acceptDownloads: true }, async (page) => {
      await open(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.selectOption('#export', format)]);
      const name = download.suggestedFilename();
      assert.equal(name, `chip-huyen-lennys-podcast.sentences.${extension}`);
      const text = fs.readFileSync(await download.path(), 'utf8');
      // The sample's 13 turns as 55 cues, the first turn's first sentence the first (estimated
      // by its length, as the command line's `--cue sentence` does: no audio has played).
      assert.equal(text.match(/ --> /g).length, 55, text);
      const first = extension === 'vtt' ? '00:00:00.000 --> 00:00:04.435\n<v Chip Huyen>A question' : '00:00:00,000 --> 00:00:04,435\nChip Huyen: A question';
      assert.ok(text.includes(first), text.slice(0, 400));
      await h.dropFiles(page, 'body', [h.fileOf(name, '', Buffer.from(text))]);
      await h.waitFor(page, (name) => [...document.querySelectorAll('#messages .message')].some((m) => m.textContent.startsWith(`\u2068${name}\u2069: 55 turns`)), name, { what: `${name} read back` });
    });
  }
});

test('the keys that would step the closed Export choice open its list instead, downloading nothing', T, async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.evaluate(() => {
      window.stepped = [];
      // (On the window: after the app's own listener, which may be the document's.)
      window.addEventListener('keydown', (e) => { if (e.target.id === 'export' && e.key !== 'Escape') stepped.push(e.defaultPrevented); });
    });
    for (const key of ['ArrowDown', 's', 'End']) {
      await page.focus('#export');
      await page.keyboard.press(key);
      await page.keyboard.press('Escape'); // the list closed again, nothing chosen
    }
    await page.waitForTimeout(500);
    assert.equal(downloads, 0, 'nothing downloaded');
    assert.equal(await page.evaluate(() => document.querySelector('#export').value), '', 'still at its title');
    assert.deepEqual(await page.evaluate(() => stepped), [true, true, true], 'each key kept from stepping the choice');
  });
});

test('the keyboard\'s focus stays where the reader is: ↑/↓ on a turn take it along; a message dismissed at the transcript\'s foot gives it to a turn in view; the help, open, takes no other key; R says what it did', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const focused = () => page.evaluate(() => {
      const turn = document.activeElement.closest('article.turn');
      if (!turn) return { tag: document.activeElement.tagName };
      const [box, view] = [turn.getBoundingClientRect(), document.querySelector('#transcript').getBoundingClientRect()];
      return { start: turn.dataset.start, inView: box.bottom > view.top && box.top < view.bottom };
    });
    const active = () => page.evaluate(() => document.querySelector('article.turn[aria-current="true"]')?.dataset.start);
    // ↓ three times from the first turn: the focus goes with the current turn (it stayed on the
    // first, out of sight, and Enter played it again).
    await page.keyboard.press('Tab');
    await page.focus('article.turn');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]')?.dataset.start === '33', undefined, { what: 'the fourth turn current' });
    await h.waitFor(page, () => document.activeElement.closest('article.turn')?.dataset.start === '33', undefined, { what: 'the focus on it' });
    await page.keyboard.press('ArrowUp');
    await h.waitFor(page, () => document.activeElement.closest('article.turn')?.dataset.start === '19', undefined, { what: 'and back up' });
    assert.equal(await active(), '19');
    // From a turn the keyboard went on to, not the one being said: the step is from there (↓
    // went back up to the turn after the one playing).
    await page.focus('article.turn[data-start="330"]');
    await page.keyboard.press('ArrowDown');
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]')?.dataset.start === '454', undefined, { what: 'the turn after the focused one current' });
    await h.waitFor(page, () => document.activeElement.closest('article.turn')?.dataset.start === '454', undefined, { what: 'the focus with it' });
    await page.focus('article.turn[data-start="101"]');
    await page.keyboard.press('ArrowUp');
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]')?.dataset.start === '71', undefined, { what: 'the turn before the focused one current' });
    await h.waitFor(page, () => document.activeElement.closest('article.turn')?.dataset.start === '71', undefined, { what: 'the focus with it' });
    // The focus left on a turn as the audio went on (here, moved on): from the turn being said.
    await h.setAudioTime(page, 340);
    await h.waitForActive(page, 330);
    await page.keyboard.press('ArrowDown');
    await h.waitFor(page, () => document.querySelector('article.turn[aria-current="true"]')?.dataset.start === '454', undefined, { what: 'the turn after the one being said current (not back to 101)' });
    await h.waitFor(page, () => document.activeElement.closest('article.turn')?.dataset.start === '454', undefined, { what: 'the focus with it' });
    // At the last turn, gone to: nothing further, and the focus stays.
    await page.focus('article.turn[data-start="957"]');
    await page.keyboard.press('ArrowDown');
    await h.frames(page, 3);
    assert.equal(await active(), '454', 'nothing after the last turn');
    assert.equal(await page.evaluate(() => document.activeElement.closest('article.turn')?.dataset.start), '957', 'the focus stays on it');
    // At the transcript's foot, a message dismissed from the keyboard: the focus on a turn there.
    await page.evaluate(() => { const t = document.querySelector('#transcript'); t.scrollTop = t.scrollHeight; });
    await h.waitForScrollToSettle(page);
    await page.keyboard.press('>');
    await page.waitForSelector('#messages .dismiss');
    await page.focus('#messages .dismiss');
    await page.keyboard.press('Enter');
    await h.waitFor(page, () => document.activeElement.closest('article.turn'), undefined, { what: 'the focus on a turn after the message went' });
    const after = await focused();
    assert.ok(after.inView, `the turn with the focus is in view: ${JSON.stringify(after)}`);
    // The help open, K neither plays nor ↓ moves on behind it; Escape closes it.
    await page.keyboard.press('?');
    await page.waitForSelector('#help:not([hidden])');
    const before = await active();
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowDown');
    await h.frames(page, 3);
    assert.equal(await page.evaluate(() => document.querySelector('#audio').paused), true, 'K behind the help does not play');
    assert.equal(await active(), before, '↓ behind the help does not move on');
    await page.keyboard.press('Escape');
    // R says what it did (the player goes out of sight, and the Follow button is no help).
    await page.keyboard.press('r');
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('Reading mode on'), undefined, { what: 'reading mode said' });
    await page.keyboard.press('r');
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('Reading mode off'), undefined, { what: 'and its end' });
  });
});

test('the keyboard: the seek bar takes the player\'s keys; a dismissed message and reading mode leave the focus on the page\'s text, not nowhere', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const time = () => page.evaluate(() => document.querySelector('#audio').currentTime);
    await h.setAudioTime(page, 20);
    await page.focus('#seek');
    await page.keyboard.press('ArrowRight');
    await h.waitFor(page, () => Math.abs(document.querySelector('#audio').currentTime - 25) < 0.5, undefined, { what: '→ on the seek bar: 5 s on' });
    await page.keyboard.press('l');
    await h.waitFor(page, () => Math.abs(document.querySelector('#audio').currentTime - 35) < 0.5, undefined, { what: 'L on the seek bar: 10 s on' });
    assert.match(await page.getAttribute('#seek', 'aria-valuetext'), /^0:35 of 1[0-9]:[0-9]{2}$/, 'the time said with the length');
    await page.keyboard.press('k');
    await h.waitFor(page, () => !document.querySelector('#audio').paused, undefined, { what: 'K on the seek bar plays' });
    await page.keyboard.press('k');
    await h.waitFor(page, () => document.querySelector('#audio').paused, undefined, { what: 'and pauses' });
    assert.ok(Math.abs((await time()) - 35) < 2);
    const focusedTurn = () => page.evaluate(() => document.activeElement.closest('article.turn')?.dataset.start ?? document.activeElement.tagName);
    // A message that goes by itself in 4 s stays while the keyboard's focus is on it (gone, it
    // took the focus with it), and goes once the focus has left.
    await page.keyboard.press('>');
    await page.waitForSelector('#messages .dismiss');
    await page.focus('#messages .dismiss');
    await page.waitForTimeout(5000);
    assert.equal(await page.evaluate(() => document.activeElement.className), 'dismiss', 'the message stays while the focus is on it');
    await page.focus('#seek');
    await h.waitFor(page, () => !document.querySelector('#messages .dismiss'), undefined, { timeout: 9000, what: 'the message gone once the focus left' });
    // A message dismissed from the keyboard.
    await page.keyboard.press('>');
    await page.waitForSelector('#messages .dismiss');
    await page.focus('#messages .dismiss');
    await page.keyboard.press('Enter');
    await h.waitFor(page, () => document.activeElement.closest('article.turn'), undefined, { what: 'the focus on a turn after the message went' });
    // Reading mode from a button it hides (not the play button, which stays).
    await page.focus('#skip-back');
    await page.keyboard.press('r');
    await h.waitFor(page, () => document.activeElement.closest('article.turn'), undefined, { what: 'the focus on a turn in reading mode' });
    assert.notEqual(await focusedTurn(), 'BODY');
    // The paste dialog is named by its heading.
    await page.keyboard.press('r');
    await page.click('#paste-open');
    await page.waitForSelector('#paste-dialog[open]');
    assert.equal(await page.evaluate(() => document.getElementById(document.querySelector('#paste-dialog').getAttribute('aria-labelledby')).textContent), 'Paste a transcript');
  });
});

// ---- learning ----------------------------------------------------------------------------------

test('a blurred language reveals on focus; hidden hides it; sizes and reading mode', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    await page.click('#view-open');
    await page.selectOption('#veil-second', 'blurred');
    const filterOf = (sel) => page.evaluate((sel) => getComputedStyle(document.querySelector(sel)).filter, sel);
    const zh = 'article.turn[data-start="575"] .text[lang="zh"] .sentence';
    const en = 'article.turn[data-start="575"] .text[lang="en"] .sentence';
    await h.waitFor(page, (zh) => getComputedStyle(document.querySelector(zh)).filter.startsWith('blur'), zh, { what: 'the translation blurred' });
    assert.equal(await filterOf(en), 'none', 'the spoken language stays clear');
    await page.keyboard.press('Escape');
    // A click on a sentence, to hear it, leaves its translation veiled (it uncovered the turn's
    // whole translation, for as long as the turn kept the focus)...
    await page.click(en);
    await h.waitFor(page, () => !document.querySelector('#audio').paused, undefined, { what: 'the sentence playing' });
    await page.evaluate(() => document.querySelector('#audio').pause());
    await page.mouse.move(5, 400);
    await page.waitForTimeout(300); // past the veil's 0.15 s transition either way
    assert.equal(await page.evaluate(() => document.activeElement.closest('article.turn')?.dataset.start), '575', 'the turn clicked has the focus');
    assert.ok((await filterOf(zh)).startsWith('blur'), 'and its translation stays veiled');
    // ...the keyboard's focus on the turn reveals it.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('article.turn')?.dataset.start), '575');
    await h.waitFor(page, (zh) => getComputedStyle(document.querySelector(zh)).filter === 'none', zh, { what: 'revealed on the keyboard\'s focus' });
    await page.evaluate(() => document.activeElement.blur());
    assert.equal(await page.evaluate(() => document.getElementById('view-open').parentElement.open), false);
    await page.click('#view-open');
    // Blurred but the current sentence: only the sentence being said is clear.
    await page.selectOption('#veil-second', 'blurred-but-current');
    await h.setAudioTime(page, 40);
    await h.waitForActive(page, 38);
    const veils = () => page.evaluate(() => [...document.querySelectorAll('article.turn[data-start="38"] .text[lang="zh"] .sentence')].map((s) => [s.getAttribute('aria-current') === 'true', getComputedStyle(s).filter === 'none']));
    // (The blur fades in 0.15 s.)
    await h.waitFor(page, () => [...document.querySelectorAll('article.turn[data-start="38"] .text[lang="zh"] .sentence')].every((s) => (s.getAttribute('aria-current') === 'true') === (getComputedStyle(s).filter === 'none')), undefined, { what: 'only the current sentence clear' }).catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify(await veils())}`);
    });
    assert.ok((await veils()).length > 1);
    await page.selectOption('#veil-first', 'hidden');
    assert.equal(await page.locator('article.turn[data-start="38"] .text[lang="en"]').isVisible(), false);
    await page.selectOption('#size-cjk', '150');
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.text[lang="zh"]')).fontSize));
    assert.ok(size > 24, `中文 at 150%: ${size}px`);
    await page.click('#reading-mode');
    // The player hidden but its play button, which a touch screen pauses with.
    const player = () => page.evaluate(() => ['#seek', '#speed', '#skip-back', '#play'].map((id) => document.querySelector(id).checkVisibility()));
    assert.deepEqual(await player(), [false, false, false, true], 'reading mode hides the player, but for play');
    await page.keyboard.press('Escape'); // (a press outside the open View menu only closes it)
    await page.click('#play');
    await h.waitFor(page, () => document.querySelector('#play').getAttribute('aria-label') === 'Pause', undefined, { what: 'playing from reading mode' });
    await page.click('#play');
    await h.waitFor(page, () => document.querySelector('#play').getAttribute('aria-label') === 'Play', undefined, { what: 'and paused' });
    await h.screenshot(page, 'tools-reading-mode');
    await page.reload();
    await h.waitForTurns(page, 13);
    assert.deepEqual(await player(), [false, false, false, true], 'the settings are remembered');
    await page.keyboard.press('r');
    assert.deepEqual(await player(), [true, true, true, true], 'R leaves reading mode');
    // While its message shows, the play button takes a press (the messages' column took it).
    await page.keyboard.press('r');
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('Reading mode on'), undefined, { what: 'reading mode said' });
    await page.click('#play', { timeout: 2000 }); // (under the column, it waited 4 s for the message to go)
    await h.waitFor(page, () => document.querySelector('#play').getAttribute('aria-label') === 'Pause', undefined, { what: 'playing, the message showing' });
    await page.click('#play');
  });
});

test('keys of one letter turned off in the View menu work only in the transcript and the player (WCAG 2.1.4), and stay off', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const playing = () => page.evaluate(() => !document.querySelector('#audio').paused);
    const pressOn = async (selector, key) => {
      await page.focus(selector);
      await page.keyboard.press(key);
      await h.frames(page, 2);
    };
    await pressOn('#open-file', 'k');
    assert.equal(await playing(), true, 'on: K plays from the toolbar');
    await pressOn('#open-file', 'k');
    assert.equal(await playing(), false, 'and pauses');
    await page.click('#view-open');
    await page.click('#single-keys');
    await page.keyboard.press('Escape');
    const state = () => page.evaluate(() => [!document.querySelector('#audio').paused, document.querySelector('#audio').currentTime, document.activeElement.id]);
    const [, time] = await state();
    for (const key of ['k', 'l', 'r', 'f', '/']) await pressOn('#open-file', key);
    assert.deepEqual(
      await state(),
      [false, time, 'open-file'],
      'off: K, L, R, F and / do nothing from the toolbar',
    );
    assert.equal(await page.locator('#seek').isVisible(), true, 'not in reading mode');
    await pressOn('article.turn[data-start="0"]', 'k');
    assert.equal(await playing(), true, 'off: K still plays from a turn');
    await pressOn('#play', 'k');
    assert.equal(await playing(), false, 'and pauses from the player');
    await page.reload();
    await h.waitForTurns(page, 13);
    await pressOn('#open-file', 'k');
    assert.equal(await playing(), false, 'still off after a reload');
  });
});

test('pause after each sentence stops at its end; repeat each turn plays it again', T, async (t) => {
  await withPage({}, async (page) => {
    await open(page);
    const ends = await page.evaluate(() =>
      [...new Set([...document.querySelectorAll('article.turn[data-start="38"] .text[lang="en"] .sentence')].map((s) => Number(s.dataset.sentenceStart)))],
    );
    const end = ends[2]; // the end of the second sentence group is where the third starts
    await page.selectOption('#practice', 'pause-after-sentence');
    await h.setAudioTime(page, end - 1.2);
    await page.click('#play');
    await h.waitFor(page, () => document.querySelector('#audio').paused && document.querySelector('#play').getAttribute('aria-label') === 'Play', undefined, { what: 'paused at the sentence end' });
    const at = await page.evaluate(() => document.querySelector('#audio').currentTime);
    t.diagnostic(`paused at ${at.toFixed(3)} s; the sentence ends at ${end.toFixed(3)} s`);
    assert.ok(Math.abs(at - end) <= 0.2, `paused ${(at - end).toFixed(3)} s from the end`);
    // E: the sentence again, heard (it went back to its start and waited there).
    await page.keyboard.press('e');
    await h.waitFor(page, (start) => !document.querySelector('#audio').paused && document.querySelector('#audio').currentTime < start + 0.5, ends[1], { what: 'the sentence playing again from its start' });
    await h.waitFor(page, () => document.querySelector('#audio').paused, undefined, { timeout: (end - ends[1] + 5) * 1000, what: 'paused at its end again' });
    assert.ok(Math.abs((await page.evaluate(() => document.querySelector('#audio').currentTime)) - end) <= 0.2, 'at the same end');
    // Play goes on to the next sentence, and pauses at its end (it paused at once, for ever).
    const next = ends[3];
    await page.click('#play');
    await h.waitFor(page, (end) => document.querySelector('#audio').currentTime > end + 0.3, end, { timeout: 6000, what: 'on into the next sentence' });
    await h.waitFor(page, () => document.querySelector('#audio').paused, undefined, { timeout: (next - end + 5) * 1000, what: 'paused at the next end' });
    const again = await page.evaluate(() => document.querySelector('#audio').currentTime);
    assert.ok(Math.abs(again - next) <= 0.2, `paused ${(again - next).toFixed(3)} s from the next end (${next.toFixed(3)})`);

    await page.selectOption('#practice', 'repeat-turn');
    await page.selectOption('#repeats', '2');
    await h.setAudioTime(page, 31.5); // turn 0:19 runs to 0:33
    await page.evaluate(() => {
      window.__times = [];
      const a = document.querySelector('#audio');
      a.addEventListener('seeked', () => window.__times.push(a.currentTime));
    });
    await page.click('#play');
    await h.waitFor(page, () => window.__times.some((x) => Math.abs(x - 19) < 0.3), undefined, { timeout: 6000, what: 'back to the turn start' });
    await h.waitForActive(page, 19);
    // Second time round it plays on into the next turn.
    await h.setAudioTime(page, 31.5);
    await h.waitFor(page, () => document.querySelector('#audio').currentTime > 33.3, undefined, { timeout: 6000, what: 'on past the turn after two plays' });
    await page.click('#play');
  });
});

test('a turn, or a selected passage, copies as a bilingual quote with a working link', T, async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    await open(page);
    await page.locator('article.turn[data-start="330"]').hover();
    await page.click('article.turn[data-start="330"] .turn-quote');
    await h.waitFor(page, () => [...document.querySelectorAll('#messages .message')].some((m) => /Quote from 5:30 copied/.test(m.textContent)));
    const quote = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(quote, /^“A question that get asked a lot/);
    assert.match(quote, /\n“我被问得最多的问题/);
    assert.match(quote, /\n— Chip Huyen, 5:30\n/);
    const link = quote.split('\n').at(-1);
    assert.equal(link, `${app.url()}/?audio=${h.WAV_PATH}#t=330`);

    // From the keyboard: Enter on the row's buttons copies, and leaves the audio where it was.
    const heard = () => page.evaluate(() => ({ at: document.querySelector('#audio').currentTime, paused: document.querySelector('#audio').paused }));
    const before = await heard();
    for (const [button, said] of [['.turn-quote', /Quote from 1:41 copied/], ['.turn-link', /Link to 1:41 copied/]]) {
      await page.focus(`article.turn[data-start="101"] ${button}`);
      await page.keyboard.press('Enter');
      await h.waitFor(page, (said) => [...document.querySelectorAll('#messages .message')].some((m) => new RegExp(said).test(m.textContent)), said.source, { what: said.source });
    }
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /#t=101$/);
    assert.deepEqual(await heard(), before, 'the audio neither moved nor played');

    // A selected Chinese sentence: copied with its English counterpart.
    await page.evaluate(() => {
      const s = document.querySelectorAll('article.turn[data-start="575"] .text[lang="zh"] .sentence')[1];
      const range = document.createRange();
      range.selectNodeContents(s);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
    await page.keyboard.press('Control+C');
    const passage = await page.evaluate(() => navigator.clipboard.readText());
    const [zh, en, cite, url] = passage.split('\n');
    const expected = await page.evaluate(() => {
      const zh = document.querySelectorAll('article.turn[data-start="575"] .text[lang="zh"] .sentence')[1];
      const group = zh.dataset.group;
      const en = [...document.querySelectorAll(`article.turn[data-start="575"] .text[lang="en"] .sentence[data-group="${group}"]`)].map((s) => s.textContent).join(' ');
      return { zh: zh.textContent, en, start: Number(zh.dataset.sentenceStart) };
    });
    assert.equal(zh, `“${expected.zh}”`);
    assert.equal(en, `“${expected.en}”`);
    assert.match(cite, /^— Chip Huyen, 9:\d\d$/);
    assert.match(url, /#t=\d+(\.\d+)?$/);
    // The link opens the app at that moment.
    await page.goto(link);
    await h.waitForTurns(page, 13);
    await h.waitForActive(page, 330);
  });
});

test('an A–B loop of turns goes round, slow first then at normal speed; then the reader\'s speed is back', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    await page.selectOption('#speed', '1.5');
    await page.selectOption('#practice', 'loop-turns');
    await page.selectOption('#loop-speeds', 'slow-then-normal');
    await h.setAudioTime(page, 20); // turn 0:19
    await h.waitForActive(page, 19);
    await page.click('#loop-a');
    await h.setAudioTime(page, 35); // turn 0:33, which runs to 0:38
    await h.waitForActive(page, 33);
    await page.click('#loop-b');
    assert.equal((await page.textContent('#loop-a')).trim(), 'A 0:19');
    assert.equal((await page.textContent('#loop-b')).trim(), 'B 0:38', 'B the end of its turn, where the loop goes back');
    assert.equal(await page.getAttribute('#loop-a', 'aria-label'), 'A 0:19, loop start', 'named for what it is');
    // Its stretch shaded on the seek bar: from 0:19 to 0:38 of the 17-minute audio (1020 s),
    // in the bar's 1000 units.
    const band = () => page.getAttribute('.ticks path.loop-band', 'd');
    const [from, to] = (await band()).match(/^M([\d.]+) 0H([\d.]+)V10H/).slice(1).map(Number);
    assert.ok(Math.abs(from - 19 / 1020 * 1000) < 0.2 && Math.abs(to - 38 / 1020 * 1000) < 0.2, `the band ${from}–${to}`);
    const rate = () => page.evaluate(() => document.querySelector('#audio').playbackRate);
    assert.equal(await rate(), 0.75, 'the first pass is slow');
    await h.setAudioTime(page, 37.3);
    await page.evaluate(() => {
      window.__seeks = [];
      const a = document.querySelector('#audio');
      a.addEventListener('seeked', () => window.__seeks.push(a.currentTime));
    });
    await page.click('#play');
    await h.waitFor(page, () => window.__seeks.some((x) => Math.abs(x - 19) < 0.3), undefined, { timeout: 8000, what: 'back to A after B' });
    await h.waitForActive(page, 19);
    assert.equal(await rate(), 1, 'the next pass at normal speed');
    // Speeds chosen again mid-loop start from their first (straight on at 1× skipped the slow pass).
    await page.selectOption('#loop-speeds', 'same');
    await page.selectOption('#loop-speeds', 'slower-then-normal');
    assert.equal(await rate(), 0.5, 'this pass at the first of the speeds chosen');
    await page.selectOption('#loop-speeds', 'slow-then-normal');
    await page.click('#play');
    // The passes' speeds were the loop's, not a choice of the reader's.
    const kept = () => page.evaluate(() => JSON.parse(localStorage['interlinear.settings.v1']).rate);
    assert.equal(await kept(), 1.5, 'the speed kept is the one chosen');
    await page.selectOption('#practice', 'play-on');
    await h.waitFor(page, () => document.querySelector('#audio').playbackRate === 1.5, undefined, { what: 'the chosen speed back' });
    assert.equal(await band(), '', 'no band when the practice is not the loop');
    assert.equal(await page.inputValue('#speed'), '1.5');
    // A set at a turn after B: A where it is set, B cleared to be set again (they swapped,
    // a loop from a turn no one chose); B set before A likewise.
    await page.selectOption('#practice', 'loop-turns');
    await h.setAudioTime(page, 40);
    await h.waitForActive(page, 38);
    await page.click('#loop-a');
    assert.equal((await page.textContent('#loop-a')).trim(), 'A 0:38');
    assert.equal((await page.textContent('#loop-b')).trim(), 'B');
    await h.setAudioTime(page, 20);
    await h.waitForActive(page, 19);
    await page.click('#loop-b');
    assert.equal((await page.textContent('#loop-a')).trim(), 'A');
    assert.equal((await page.textContent('#loop-b')).trim(), 'B 0:33');
    // Between two turns (the sample jumps from 1:41 to 4:40): A the next turn, B the last
    // (A, after it, cleared).
    await h.setAudioTime(page, 200);
    await h.waitForActive(page, null);
    await page.click('#loop-a');
    assert.equal((await page.textContent('#loop-a')).trim(), 'A 4:40');
    await page.click('#loop-b');
    assert.equal((await page.textContent('#loop-a')).trim(), 'A');
    assert.match((await page.textContent('#loop-b')).trim(), /^B (1:4[2-9]|1:5\d|2:\d\d)$/, 'the end of the turn at 1:41');
    // Another transcript: the loop's ends were turns of this one.
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => document.querySelector('#loop-a').textContent.trim() === 'A' && document.querySelector('#loop-b').textContent.trim() === 'B', undefined, { what: 'the loop cleared' });
  });
});

test('a loop or a repeat of the last turn goes round at the audio\'s end, playing on, with no "ended"', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const ended = () => page.evaluate(() => /The audio ended/.test(document.querySelector('#messages').textContent));
    const roundFromEnd = async (to, what) => {
      await page.evaluate(() => {
        window.__seeks = [];
        const a = document.querySelector('#audio');
        a.addEventListener('seeked', () => window.__seeks.push(a.currentTime));
      });
      // Playing, then a few seconds from the end.
      if (await page.evaluate(() => document.querySelector('#audio').paused)) await page.click('#play');
      const end = await page.evaluate(() => document.querySelector('#audio').duration);
      await h.setAudioTime(page, end - 3);
      await h.waitFor(page, (to) => window.__seeks.some((x) => Math.abs(x - to) < 0.3), to, { timeout: 8000, what });
      await h.waitFor(page, (to) => !document.querySelector('#audio').paused && document.querySelector('#audio').currentTime > to + 0.2, to, { what: `${what}, playing on` });
      await h.frames(page, 3);
      assert.equal(await ended(), false, `${what}: no "ended" said`);
    };
    await page.selectOption('#practice', 'loop-turns');
    await h.setAudioTime(page, 850);
    await h.waitForActive(page, 846);
    await page.click('#loop-a');
    await h.setAudioTime(page, 960);
    await h.waitForActive(page, 957);
    await page.click('#loop-b');
    await roundFromEnd(846, 'the loop back to A');
    await page.click('#play');
    await page.selectOption('#practice', 'repeat-turn');
    await page.selectOption('#repeats', '2');
    await roundFromEnd(957, 'the last turn again');
    // Played enough times (the second, playing on from the first), the audio ends as it would.
    await h.setAudioTime(page, (await page.evaluate(() => document.querySelector('#audio').duration)) - 1);
    await h.waitFor(page, () => /The audio ended/.test(document.querySelector('#messages').textContent), undefined, { what: '"ended" said once played enough' });
  });
});

test('the View and Outline menus close on Escape, the focus back on their button, on a press outside them, and when the focus leaves them', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const isOpen = (id) => page.evaluate((id) => document.getElementById(id).parentElement.open, id);
    for (const id of ['view-open', 'outline-open']) {
      await page.focus(`#${id}`);
      await page.keyboard.press('Enter');
      await h.waitFor(page, (id) => document.getElementById(id).parentElement.open, id, { what: `${id} open` });
      await page.keyboard.press('Escape');
      assert.equal(await isOpen(id), false, `${id}: Escape closes it`);
      assert.equal(await page.evaluate(() => document.activeElement.id), id, `${id}: the focus is back on its button`);
      await page.click(`#${id}`);
      await h.waitFor(page, (id) => document.getElementById(id).parentElement.open, id, { what: `${id} open again` });
      await page.mouse.click(5, 400); // the transcript's margin
      assert.equal(await isOpen(id), false, `${id}: a press outside closes it`);
      // A press on a line that closes the menu does only that; the next plays the line.
      await page.click(`#${id}`);
      await h.waitFor(page, (id) => document.getElementById(id).parentElement.open, id, { what: `${id} open for a line` });
      await page.click('article.turn[data-start="15"] .sentence');
      assert.equal(await isOpen(id), false, `${id}: a press on a line closes it`);
      await h.frames(page, 2);
      assert.equal((await h.audioState(page)).paused, true, `${id}: and plays nothing`);
      assert.deepEqual((await h.activeTurns(page)).current, ['0'], `${id}: nor goes to the line`);
      await page.click('article.turn[data-start="15"] .sentence');
      await h.waitForActive(page, 15);
      await h.waitFor(page, () => !document.querySelector('#audio').paused, undefined, { what: 'the line playing' });
      await page.click('#play');
      await h.waitFor(page, () => document.querySelector('#audio').paused, undefined, { what: 'paused again' });
      await h.setAudioTime(page, 0);
      await h.waitForActive(page, 0);
      // The focus leaving it, forward past its last item or back past its button.
      const inside = (id) => page.evaluate((id) => document.getElementById(id).parentElement.contains(document.activeElement), id);
      for (const key of ['Tab', 'Shift+Tab']) {
        await page.focus(`#${id}`);
        await page.keyboard.press('Enter');
        await h.waitFor(page, (id) => document.getElementById(id).parentElement.open, id, { what: `${id} open for ${key}` });
        let presses = 0;
        do { await page.keyboard.press(key); } while (await inside(id) && ++presses < 60);
        assert.equal(await inside(id), false, `${id}: ${key} leaves it`);
        assert.equal(await isOpen(id), false, `${id}: the focus leaving it by ${key} closes it`);
      }
    }
  });
});

test('a screen reader reads every Chinese, Japanese and Korean word of the menus in its own voice: the outline\'s speakers, the View menu\'s text size, the Export menu\'s languages, the paste dialog\'s hint', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v 主持人>大家好，欢迎收听本节目。\n\n00:00:05.000 --> 00:00:08.000\n<v Lenny>Thanks for having me.\n';
    await h.dropFiles(page, null, [h.fileOf('voices.vtt', 'text/vtt', Buffer.from(vtt))]);
    await h.waitForTurns(page, 2);
    // The words in those scripts anywhere in the page that would be read in the page's English.
    const inEnglish = () => page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(n.data);
        if (cjk && /^en\b/.test(n.parentElement.closest('[lang]').lang)) found.push(n.data.trim());
      }
      return found;
    });
    const exports = await page.evaluate(() => [...document.querySelectorAll('#export option')].map((o) => o.textContent));
    assert.ok(exports.includes('Podcasting 2.0 JSON, Chinese (.json)'), exports.join(' | '));
    assert.deepEqual(await inEnglish(), []);
    await page.click('#outline-open');
    await page.waitForSelector('.outline-entry');
    const speakers = await page.evaluate(() => [...document.querySelectorAll('.outline-speakers [lang]')].map((s) => `${s.textContent} ${s.lang}`));
    assert.deepEqual(speakers, ['主持人 zh', 'Lenny en']);
    assert.deepEqual(await inEnglish(), [], 'with the outline open');
    await page.click('#view-open');
    await page.waitForSelector('#size-cjk');
    assert.deepEqual(await inEnglish(), [], 'with the View menu open');
    await page.keyboard.press('Escape');
    await page.click('#paste-open');
    await page.waitForSelector('#paste-dialog[open]');
    assert.deepEqual(await inEnglish(), [], 'with the paste dialog open');
  });
});

test('the outline lists the episode in stretches with its speakers, and jumps', T, async () => {
  await withPage({}, async (page) => {
    await open(page);
    const count = () => page.evaluate(() => document.querySelectorAll('.outline-entry').length);
    assert.equal(await count(), 0, 'nothing is rendered for a closed outline');
    await page.click('#outline-open');
    // The first time, the list's part of the app comes first (tests/e2e/parts.test.mjs).
    await page.waitForSelector('.outline-entry');
    const entries = await page.evaluate(() => [...document.querySelectorAll('.outline-entry')].map((e) => e.querySelector('.outline-label').textContent));
    assert.equal(entries[0], '0:00–1:00');
    assert.equal(entries.length, 8);
    // The names a comma apart (the stylesheet's), as a screen reader hears them too.
    assert.match((await h.heard(page, '.outline-entry')).name, /^0:00–1:00 ?Chip Huyen, Lenny Rachitsky$/);
    await page.click('.outline-entry:has-text("4:00–5:00")');
    await h.waitForActive(page, 280);
    await h.waitForTurnInView(page, 280);
    assert.equal(await page.evaluate(() => document.querySelector('.outline-menu').open), false, 'the outline closes after a jump');
    await page.waitForFunction(() => document.querySelectorAll('.outline-entry').length === 0);
    await page.focus('#outline-open');
    await page.keyboard.press('Enter');
    // Once the part is there, in the task of the key itself, before the menu is painted open.
    assert.equal(await count(), 8, 'opened from the keyboard, it lists the episode again');
    // ↓ moves down the list (not the audio to the next turn); Enter jumps, and the focus goes
    // to the turn jumped to (it went to the page, and Tab started from its top).
    const time = await page.evaluate(() => document.querySelector('#audio').currentTime);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = await page.evaluate(() => document.activeElement === document.querySelectorAll('.outline-entry')[2] && document.activeElement.dataset.turn);
    assert.ok(third, 'the third entry focused');
    assert.equal(await page.evaluate(() => document.querySelector('#audio').currentTime), time, 'the audio stays');
    await page.keyboard.press('Enter');
    await h.waitFor(page, () => document.activeElement?.matches('article.turn'), undefined, { what: 'the focus on a turn' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), third, 'the turn jumped to');
    // ↓ on the open menu's button goes into the list, not to the next turn behind it.
    await page.focus('#outline-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.outline-entry');
    const before = await page.evaluate(() => document.querySelector('#audio').currentTime);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('.outline-entry')), true, 'the first entry focused');
    assert.equal(await page.evaluate(() => document.querySelector('#audio').currentTime), before, 'the audio stays');
    await page.keyboard.press('Escape');
    // With Follow off too, an entry shows the turn it goes to (the audio went there, and the
    // view stayed), as the search's Enter shows its match.
    await page.click('#follow-toggle');
    await page.evaluate(() => { document.querySelector('#transcript').scrollTop = 0; });
    await page.click('#outline-open');
    await page.click('.outline-entry:has-text("15:00")');
    await h.waitForActive(page, 846);
    await h.waitForTurnInView(page, 846);
    await page.evaluate(() => { document.querySelector('#transcript').scrollTop = 0; });
    await search(page, 'vector database');
    await page.press('#search', 'Enter');
    await h.waitForActive(page, 280);
    await h.waitForTurnInView(page, 280);
  });
});

test('in a turn taller than the view, Enter brings the match itself into view, with Follow off and in the turn being said', T, async () => {
  // A phone held sideways: the turn at 7:34 runs three views down, its "distillation" far below
  // its first lines, where the turn's top put in place had left the match.
  await withPage({ width: 740, height: 360 }, async (page) => {
    await open(page);
    const matchSeen = () => page.evaluate(() => {
      const match = [...(CSS.highlights.get('search-current') ?? [])][0];
      if (!match) return 'no match painted';
      const view = document.querySelector('#transcript').getBoundingClientRect();
      const bar = document.querySelector('.player-bar')?.getBoundingClientRect();
      const foot = Math.min(view.bottom, bar ? bar.top : Infinity);
      const m = match.getBoundingClientRect();
      return m.top >= view.top - 1 && m.bottom <= foot + 1 ? 'in view' : `${Math.round(m.top)}–${Math.round(m.bottom)} outside ${Math.round(view.top)}–${Math.round(foot)}`;
    });
    const goTo = async (query) => {
      await search(page, query);
      await page.press('#search', 'Enter');
      await h.waitForActive(page, 454);
      await h.frames(page, 2);
      await h.waitForScrollToSettle(page);
      await h.frames(page, 3);
    };
    await page.click('#follow-toggle');
    await h.waitFor(page, () => document.querySelector('#follow-toggle').getAttribute('aria-pressed') === 'false', undefined, { what: 'Follow off' });
    await goTo('by distillation');
    assert.equal(await matchSeen(), 'in view', 'Follow off: the English match');
    // Follow on, the match in the turn already being said, the view moved back to its top.
    await page.click('#follow-toggle');
    await page.evaluate(() => { const t = document.querySelector('#transcript'); t.scrollTop -= t.clientHeight * 2; });
    await goTo('（Distillation）');
    assert.equal(await matchSeen(), 'in view', 'the turn being said: the Chinese match');
  });
});
