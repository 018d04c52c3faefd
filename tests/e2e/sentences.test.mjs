// Sentence by sentence: the current sentence and its aligned translation are highlighted inside
// the active turn, clicking a sentence in either language seeks to its group's start, and
// listening to a spoken episode (target/spoken-episode/, made by `cargo test --test listening`
// with espeak-ng) moves the sentence times to what is heard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 90_000 };
const SPOKEN = path.join(h.REPO_ROOT, 'target', 'spoken-episode');
if (!fs.existsSync(path.join(SPOKEN, 'truth.json'))) {
  execFileSync('cargo', ['test', '-q', '--test', 'listening'], { cwd: h.REPO_ROOT, stdio: 'inherit' });
}
const truth = JSON.parse(fs.readFileSync(path.join(SPOKEN, 'truth.json'), 'utf8'));

const app = h.suite(
  {
    [h.WAV_PATH]: h.makeWav(17 * 60),
    '/spoken/episode.wav': fs.readFileSync(path.join(SPOKEN, 'episode.wav')),
    '/spoken/episode.md': fs.readFileSync(path.join(SPOKEN, 'episode.md')),
    '/timed.vtt':
      'WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Alice><00:00:01.000>Hello <00:00:01.600>and <00:00:02.000>welcome. ' +
      '<00:00:05.000>Here <00:00:05.500>we <00:00:06.000>go.\n大家好，欢迎。我们开始吧。\n',
    '/whisper.json': fs.readFileSync(path.join(h.REPO_ROOT, 'tests/fixtures/whisper.json')),
    '/agents.ttml': fs.readFileSync(path.join(h.REPO_ROOT, 'tests/fixtures/agents.ttml')),
  },
  { before, after },
);
const withPage = app.withPage;

/** The highlighted sentences of the active turn, per language: [{start, text}]. */
const highlighted = (page) =>
  page.evaluate(() => {
    const turn = document.querySelector('article.turn[aria-current="true"]');
    const of = (lang) =>
      [...(turn?.querySelectorAll(`.text[lang="${lang}"] .sentence[aria-current="true"]`) ?? [])].map((s) => ({
        start: Number(s.dataset.sentenceStart),
        text: s.textContent,
      }));
    return { turn: turn?.dataset.start ?? null, en: of('en'), zh: of('zh'), all: document.querySelectorAll('.sentence[aria-current="true"]').length };
  });

test('1. the sentence highlight moves with currentTime, in both languages at once', T, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForAudioReady(page);
    const contract = await page.evaluate(() => ({
      sentences: document.querySelectorAll('.sentence').length,
      withStart: document.querySelectorAll('.sentence[data-sentence-start]').length,
      withTurnStart: document.querySelectorAll('.sentence[data-start]').length,
    }));
    assert.ok(contract.sentences >= 120, `${contract.sentences} sentence elements`);
    assert.equal(contract.withStart, contract.sentences, 'every sentence carries data-sentence-start');
    assert.equal(contract.withTurnStart, 0, 'no sentence carries data-start');

    // Turn 330 (5:30) is said until about 5:55 (the excerpt then jumps to 7:34): walk through it.
    const seen = [];
    for (let t = 331; t < 355; t += 2) {
      await h.setAudioTime(page, t);
      await h.waitForActive(page, 330);
      await h.frames(page, 2);
      const now = await highlighted(page);
      assert.ok(now.en.length >= 1 && now.zh.length >= 1, `at ${t} s a sentence is highlighted in each language: ${JSON.stringify(now)}`);
      assert.equal(new Set([...now.en, ...now.zh].map((s) => s.start)).size, 1, 'the highlighted sentences are one aligned group');
      assert.ok(now.en[0].start <= t, `the group started by ${t} s`);
      seen.push(now.en[0].start);
    }
    for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1], 'the highlight only moves forward as time does');
    assert.ok(new Set(seen).size >= 4, `the highlight moved through ${new Set(seen).size} sentence groups`);
    await page.locator('article.turn[aria-current="true"] .sentence[aria-current="true"]').first().scrollIntoViewIfNeeded();
    await h.screenshot(page, 'sentences-desktop-light');
    assert.deepEqual(errors, []);
  });
});

test('2. clicking a Chinese sentence seeks to its English counterpart\'s start', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForAudioReady(page);
    const target = await page.evaluate(() => {
      const turn = document.querySelector('article.turn[data-start="575"]');
      const zh = turn.querySelectorAll('.text[lang="zh"] .sentence')[2];
      const start = zh.dataset.sentenceStart;
      const en = [...turn.querySelectorAll('.text[lang="en"] .sentence')].filter((s) => s.dataset.sentenceStart === start);
      return { start: Number(start), en: en.map((s) => s.textContent) };
    });
    assert.ok(target.en.length >= 1, 'the Chinese sentence has an English counterpart with the same start');
    await page.locator('article.turn[data-start="575"] .text[lang="zh"] .sentence').nth(2).click();
    await h.waitForAudioTime(page, target.start, 0.3);
    await h.waitFor(page, () => !document.querySelector('#audio').paused);
    const now = await highlighted(page);
    assert.equal(now.turn, '575');
    assert.deepEqual(now.en.map((s) => s.text), target.en, 'the English counterpart is highlighted');
    assert.equal(now.zh.length, 1);
  });
});

test('3. a sentence change touches only the sentences whose state changed', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForAudioReady(page);
    const starts = await page.evaluate(() =>
      [...document.querySelectorAll('article.turn[data-start="330"] .text[lang="en"] .sentence')].map((s) => Number(s.dataset.sentenceStart)),
    );
    const groups = [...new Set(starts)];
    // A sentence group at least 2 s long, and the one after it.
    const k = groups.findIndex((g, i) => i + 1 < groups.length && groups[i + 1] - g >= 2);
    assert.ok(k >= 0, `a long sentence group in turn 330: ${groups}`);
    await h.setAudioTime(page, groups[k] + 0.2);
    await h.frames(page, 3);
    const count = (t) =>
      page.evaluate(async (t) => {
        const records = [];
        const observer = new MutationObserver((r) => records.push(...r));
        observer.observe(document.querySelector('#transcript'), { subtree: true, attributes: true, childList: true, characterData: true });
        document.querySelector('#audio').currentTime = t;
        await new Promise((r) => document.querySelector('#audio').addEventListener('seeked', r, { once: true }));
        for (let i = 0; i < 4; i++) await new Promise((r) => requestAnimationFrame(r));
        observer.disconnect();
        return records.map((m) => `${m.type}:${m.attributeName}:${m.target.className}`);
      }, t);
    assert.deepEqual(await count(groups[k] + 1.5), [], 'within a sentence: no DOM change');
    const change = await count(groups[k + 1] + 0.2);
    assert.ok(change.length >= 2 && change.length <= 6, `next sentence: ${change.length} changes`);
    assert.ok(change.every((c) => c === 'attributes:aria-current:sentence'), JSON.stringify(change));
  });
});

test('4. listening to a spoken episode times the sentences by its pauses', T, async (t) => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    const started = Date.now();
    await h.openApp(page, app.url(), 'transcript=/spoken/episode.md&audio=/spoken/episode.wav');
    await h.waitForAudioReady(page);
    // Audio over the network is listened to once it has played.
    const played = Date.now();
    await h.playOnce(page);
    await h.waitFor(page, () => document.querySelector('#sentence-timing')?.dataset.state === 'heard', undefined, { timeout: 30_000, what: 'sentences heard' });
    t.diagnostic(`sentences heard ${Date.now() - played} ms after the first play, ${Date.now() - started} ms after opening (${truth.length} sentences, 6 min of audio)`);
    let right = 0;
    const errorsS = [];
    for (const s of truth) {
      await h.setAudioTime(page, (s.start + s.end) / 2);
      await h.frames(page, 2);
      const got = await page.evaluate(({ turn, index }) => {
        const row = document.querySelector(`article.turn[data-index="${turn}"]`);
        const sentence = row.querySelectorAll('.text[lang="en"] .sentence')[index];
        return { current: row.getAttribute('aria-current') === 'true' && sentence.getAttribute('aria-current') === 'true', start: Number(sentence.dataset.sentenceStart) };
      }, s);
      if (got.current) right++;
      errorsS.push(Math.abs(got.start - s.start));
    }
    errorsS.sort((a, b) => a - b);
    const share = right / truth.length;
    t.diagnostic(`listening in the browser: ${right}/${truth.length} sentence middles highlighted right; median |start error| of their groups ${errorsS[Math.floor(errorsS.length / 2)].toFixed(2)} s`);
    assert.ok(share >= 0.95, `${(share * 100).toFixed(1)}% right`);
    await h.setAudioTime(page, truth[20].start + 0.5);
    await h.frames(page, 30);
    await h.screenshot(page, 'sentences-heard-desktop');
    assert.deepEqual(errors, []);
  });
});

test('5. audio that cannot be read leaves the estimate, silently', T, async () => {
  const other = await h.startServer(h.DIST, { '/elsewhere.wav': h.makeWav(17 * 60) });
  try {
    await withPage({}, async (page) => {
      const errors = h.collectConsoleErrors(page);
      const tried = [];
      page.on('requestfailed', (r) => {
        if (r.resourceType() === 'fetch' && r.url().endsWith('/elsewhere.wav')) tried.push(r.url());
      });
      await h.openApp(page, app.url(), `audio=${encodeURIComponent(`${other.url}/elsewhere.wav`)}`);
      await h.waitForClockMode(page, 'audio');
      await h.waitForAudioReady(page);
      await h.playOnce(page);
      await h.until(() => tried.length > 0);
      assert.equal(tried.length, 1, 'listening tried the audio once played, and was refused');
      await h.waitFor(page, () => document.querySelector('#sentence-timing').dataset.state === 'estimated', undefined, { what: 'back to estimated' });
      assert.equal(await page.locator('#messages .message.error').count(), 0, 'no message about it');
      // Playback and sentences still work.
      await h.setAudioTime(page, 340);
      await h.waitForActive(page, 330);
      assert.ok((await highlighted(page)).en.length >= 1);
      // The browser itself reports the refused fetch; nothing else is in the console.
      assert.deepEqual(errors.filter((e) => !/CORS policy|net::ERR_FAILED/.test(e)), []);
    });
  } finally {
    await other.close();
  }
});

/** The timed words shown: [text, start in seconds]. */
const markedWords = (page) =>
  page.evaluate(() => [...document.querySelectorAll('.word')].map((w) => [w.textContent, Number(w.dataset.wordStart)]));

/** Waits until `text` is the word marked as being said. */
const waitForCurrentWord = (page, text) =>
  h.waitFor(page, (text) => document.querySelector('.word.current-word')?.textContent === text, text, { what: `"${text}" the current word` });

test('5b. the source\'s word timings win: sentences start at their first word, words are marked', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `transcript=/timed.vtt&audio=${h.WAV_PATH}`, { turns: 1 });
    await h.waitForAudioReady(page);
    const words = await markedWords(page);
    assert.deepEqual(words, [['Hello', 1], ['and', 1.6], ['welcome.', 2], ['Here', 5], ['we', 5.5], ['go.', 6]]);
    const starts = await page.evaluate(() => [...document.querySelectorAll('.text[lang="en"] .sentence')].map((s) => Number(s.dataset.sentenceStart)));
    assert.deepEqual(starts, [1, 5], 'each sentence starts at its first timed word');
    const current = () => page.evaluate(() => [...document.querySelectorAll('.word.current-word')].map((w) => w.textContent));
    await h.setAudioTime(page, 5.7);
    await waitForCurrentWord(page, 'we');
    assert.deepEqual(await current(), ['we']);
    const zh = await page.evaluate(() => document.querySelector('.text[lang="zh"] .sentence[aria-current="true"]').textContent);
    assert.equal(zh, '我们开始吧。', 'the translation of the sentence with the current word is highlighted');
    // A word click seeks to that word.
    await page.locator('.word', { hasText: 'welcome.' }).click();
    await h.waitForAudioTime(page, 2, 0.3);
    await waitForCurrentWord(page, 'welcome.');
  });
});

test('5c. Whisper\'s word timestamps (and WhisperX\'s) are the words\' times: marked, followed, clicked', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `transcript=/whisper.json&audio=${h.WAV_PATH}`, { turns: 3 });
    await h.waitForAudioReady(page);
    const words = await markedWords(page);
    // The word WhisperX could not align (你的, no start) goes with the word before it.
    assert.deepEqual(words, [['Thanks', 2.56], ['for', 2.9], ['having', 3.1], ['me.', 3.5], ['谢谢你的', 4.1], ['邀请。', 5.2]]);
    await h.setAudioTime(page, 3.2);
    await waitForCurrentWord(page, 'having');
    await page.locator('.word', { hasText: '邀请。' }).click();
    await h.waitForAudioTime(page, 5.2, 0.3);
    await waitForCurrentWord(page, '邀请。');
  });
});

test('5d. TTML: a translation\'s <div> joins its cues, agents are speakers, timed spans are the words\' times', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `transcript=/agents.ttml&audio=${h.WAV_PATH}`, { turns: 6 });
    await h.waitForAudioReady(page);
    assert.equal(await page.textContent('.doc-title'), 'Chip Huyen on AI engineering');
    const first = await page.evaluate(() => {
      const turn = document.querySelector('article.turn');
      return [turn.querySelector('.speaker').textContent.trim(), ...[...turn.querySelectorAll('div.text')].map((t) => `${t.lang}: ${t.textContent}`)];
    });
    assert.deepEqual(first, ['Chip Huyen', 'en: A question that gets asked a lot.', 'zh: 我经常被问到一个问题。']);
    // Timed in the whole recording (the first turn's words), and from their cue's start (the third's).
    const words = await markedWords(page);
    assert.deepEqual(words, [['A', 10], ['question', 10.5], ['that gets asked a lot.', 11.2], ['It', 17.5], ['is', 18], ['hard.', 18.5]]);
    await h.setAudioTime(page, 10.7);
    await waitForCurrentWord(page, 'question');
    await page.locator('.word', { hasText: 'hard.' }).click();
    await h.waitForAudioTime(page, 18.5, 0.3);
    await waitForCurrentWord(page, 'hard.');
  });
});

test('6. screenshots: phone and dark, with a sentence highlighted', T, async () => {
  for (const [name, opts] of [
    ['sentences-phone-light', { width: 375, height: 800 }],
    ['sentences-desktop-dark', { width: 1280, height: 900, colorScheme: 'dark' }],
  ]) {
    await withPage(opts, async (page) => {
      await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
      await h.waitForAudioReady(page);
      await h.setAudioTime(page, 40);
      await h.waitForActive(page, 38);
      await page.locator('article.turn[aria-current="true"] .sentence[aria-current="true"]').first().scrollIntoViewIfNeeded();
      await h.frames(page, 20);
      await h.screenshot(page, name);
    });
  }
});
