// Loading transcripts and audio: the sample, addresses, drag and drop, the file picker, paste,
// and files that are not transcripts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 60_000 };
const TWO_VTT = h.twoCueVtt();
const OTHER_VTT = h.twoCueVtt({ en: ['First dropped cue.', 'Second dropped cue.'], zh: ['第一条字幕。', '第二条字幕。'] });
// Two turns; line 23 holds a time that does not exist, which the reader reports and keeps as text.
const PASTED = [
  '[00:00:00] Alice', '', 'English:', '', 'Hello there.', '', '中文翻译:', '', '你好。', '', '---', '',
  '[00:00:05] Bob', '', 'English:', '', 'Goodbye, [00:61:00] friends.', '', '中文翻译:', '', '再见。', '',
  '[00:61:00] Carol', '',
].join('\n');

const wav = h.makeWav(17 * 60);
const app = h.suite({ [h.WAV_PATH]: wav, '/test-media/two.vtt': TWO_VTT }, { before, after });
const withPage = app.withPage;

async function sampleBytes() {
  const res = await fetch(app.url() + h.SAMPLE_PATH);
  assert.equal(res.status, 200, `the app serves ${h.SAMPLE_PATH}`);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.match(buf.toString('utf8'), /\[00:00:00\] Chip Huyen/);
  return buf;
}

function errorTexts(page) {
  return page.evaluate(() => [...document.querySelectorAll('#messages .message.error')].map((m) => m.textContent));
}

test('1. the sample transcript loads: 13 bilingual turns, its title, no console errors', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), '', { waitUntil: 'networkidle' });
    assert.equal(await page.locator('h1.doc-title').textContent().then((s) => s.trim()), 'CHIP HUYEN');
    const header = await page.locator('p.doc-meta').allTextContents();
    assert.ok(header.includes('ORIGINAL BY Lenny Rachitsky'), `a credit's label beside its name: ${JSON.stringify(header)}`);
    // Nobody asked for the demo: no "13 turns" notice over its title.
    assert.equal(await page.locator('#messages .message').count(), 0, 'no message for the demo');
    const turns = await page.evaluate(() =>
      [...document.querySelectorAll('#transcript article.turn')].map((t) => ({
        start: t.dataset.start,
        index: t.dataset.index,
        tabindex: t.getAttribute('tabindex'),
        time: t.querySelector('button.turn-time')?.textContent.trim(),
        speaker: t.querySelector('span.speaker')?.textContent.trim(),
        en: t.querySelectorAll('div.text[lang="en"]').length,
        zh: t.querySelectorAll('div.text[lang="zh"]').length,
        enText: t.querySelector('div.text[lang="en"]')?.textContent.trim().length ?? 0,
        zhText: t.querySelector('div.text[lang="zh"]')?.textContent.trim().length ?? 0,
      })),
    );
    assert.equal(turns.length, 13);
    assert.deepEqual(turns.map((t) => Number(t.start)), h.SAMPLE_STARTS, 'data-start of each turn, in seconds');
    turns.forEach((t, i) => {
      assert.equal(t.en, 1, `turn ${i} has one div.text[lang=en]`);
      assert.equal(t.zh, 1, `turn ${i} has one div.text[lang=zh]`);
      assert.ok(t.enText > 0 && t.zhText > 0, `turn ${i} has text in both languages`);
      assert.equal(Number(t.index), Number(turns[0].index) + i, `turn ${i} data-index counts up by one`);
      // Every turn focusable; one, the first (in view, and said at 0:00), in the Tab order.
      assert.equal(t.tabindex, i === 0 ? '0' : '-1', `turn ${i} tabindex`);
    });
    assert.equal(turns[0].speaker, 'Chip Huyen');
    assert.equal(turns[0].time, '0:00');
    assert.equal(turns[9].time, '7:34');
    assert.ok(
      ['interleaved', 'side', 'only-en', 'only-zh'].includes(
        await page.evaluate(() => document.querySelector('#transcript').dataset.layout),
      ),
      '#transcript has a data-layout',
    );
    assert.deepEqual(errors, [], 'no console errors');
  });
});

/** Holds the WebAssembly back until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('while the WebAssembly arrives the page shows its frame and says so; the app replaces it', T, async () => {
  for (const colorScheme of ['light', 'dark']) {
    await withPage({ width: 360, height: 740, colorScheme }, async (page) => {
      const errors = h.collectConsoleErrors(page);
      const release = await holdWasm(page);
      await page.goto(app.url() + '/', { waitUntil: 'domcontentloaded' });
      const boot = page.locator('body > .boot[role="status"]');
      await boot.waitFor({ state: 'visible' });
      assert.match(await boot.innerText(), /Loading the player…/);
      assert.equal(await boot.locator('header.toolbar .brand').textContent(), 'interlinear');
      assert.equal(await page.locator('article.turn').count(), 0, 'no app yet: the WebAssembly is held back');
      // The "still loading" line waits 20 s (a CSS animation's delay, no script): skip to it.
      const slow = page.locator('.boot-slow');
      assert.equal(await slow.evaluate((e) => getComputedStyle(e).visibility), 'hidden');
      await h.screenshot(page, `boot-phone-${colorScheme}`);
      await slow.evaluate((e) => e.getAnimations().forEach((a) => (a.currentTime = 20_000)));
      assert.equal(await slow.evaluate((e) => getComputedStyle(e).visibility), 'visible', 'shown after 20 s');
      release();
      await h.waitForTurns(page, 13);
      assert.equal(await page.locator('body > .boot').count(), 0, 'the frame is gone once the app is there');
      assert.equal(await page.locator('header.toolbar').count(), 1, 'one toolbar: the app\'s');
      assert.deepEqual(errors, [], 'no console errors');
    });
  }
});

test('the loading frame\'s top bar, and the place kept for the toolbar until it is mounted, are as high as the app\'s toolbar, from a phone to a wide screen: nothing moves as the app replaces the frame and fills in its toolbar', T, async () => {
  for (const width of [320, 360, 700, 1024, 1400]) {
    await withPage({ width, height: 740 }, async (page) => {
      const release = await holdWasm(page);
      await page.goto(app.url() + '/', { waitUntil: 'domcontentloaded' });
      const bar = () => page.evaluate(() => document.querySelector('header.toolbar').getBoundingClientRect().height);
      await page.locator('body > .boot').waitFor({ state: 'visible' });
      const frame = await bar();
      release();
      await h.waitForTurns(page, 13);
      const mounted = await bar();
      assert.ok(Math.abs(frame - mounted) < 1, `at ${width} px: the frame's bar ${frame} px, the app's ${mounted} px`);
      // The toolbar is mounted a task after the rest of the app: what keeps its place until then
      // (measured here in the app's own frame) is as high as it.
      const kept = await page.evaluate(() => {
        const slot = Object.assign(document.createElement('div'), { className: 'slot' });
        slot.innerHTML = '<header class="toolbar placeholder"><span class="brand">interlinear</span></header>';
        document.querySelector('.app').prepend(slot);
        const height = slot.firstChild.getBoundingClientRect().height;
        slot.remove();
        return height;
      });
      assert.ok(Math.abs(kept - mounted) < 1, `at ${width} px: the toolbar's place ${kept} px, the toolbar ${mounted} px`);
    });
  }
});

test('addresses: ?transcript=URL&audio=URL load a VTT and a WAV', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), `transcript=/test-media/two.vtt&audio=${h.WAV_PATH}`, { turns: 2 });
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    const a = await h.audioState(page);
    assert.ok(Math.abs(a.duration - 1020) < 1, `audio duration ${a.duration} ≈ 1020 s`);
    const en = await page.locator('article.turn div.text[lang="en"]').allTextContents();
    assert.match(en[0], /Hello and welcome to the show\./);
    assert.deepEqual(errors, [], 'no console errors');
  });
});

test('4. dropping files: a VTT, then the sample and the WAV together', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await h.waitForClockMode(page, 'internal');

    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', OTHER_VTT)]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068two-cues.vtt\u2069: 2 turns'), undefined, { what: 'a dropped file says how many turns it has' });
    const en = await page.locator('article.turn div.text[lang="en"]').allTextContents();
    const zh = await page.locator('article.turn div.text[lang="zh"]').allTextContents();
    assert.match(en[0], /First dropped cue\./);
    assert.match(en[1], /Second dropped cue\./);
    assert.match(zh[1], /第二条字幕/);

    const sample = await sampleBytes();
    await h.dropFiles(page, null, [
      h.fileOf('chip-huyen-lennys-podcast.md', 'text/markdown', sample),
      h.fileOf('quiet.wav', 'audio/wav', wav),
    ]);
    await h.waitForTurns(page, 13);
    assert.equal(await page.locator('h1.doc-title').textContent().then((s) => s.trim()), 'CHIP HUYEN');
    // The notice floats over the foot of the transcript, above the player: never over the title
    // of what was just loaded.
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068chip-huyen-lennys-podcast.md\u2069: 13 turns'), undefined, { what: 'the sample read' });
    const boxes = await page.evaluate(() => {
      const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
      return {
        notices: [...document.querySelectorAll('#messages .message')].map(box),
        title: box(document.querySelector('h1.doc-title')),
        bar: box(document.querySelector('.player-bar')),
      };
    });
    const apart = (a, b) => a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left;
    for (const notice of boxes.notices) {
      assert.ok(apart(notice, boxes.title), `a notice is clear of the title: ${JSON.stringify(boxes)}`);
      assert.ok(notice.bottom <= boxes.bar.top, `a notice is above the player bar: ${JSON.stringify(boxes)}`);
    }
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    const a = await h.audioState(page);
    assert.ok(Math.abs(a.duration - 1020) < 1, `the dropped WAV drives the audio element (duration ${a.duration})`);
  });
});

test('a dropped file says how many turns and notes it has, in the singular for one', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const one = Buffer.from('[00:00:01] Alice\n\nEnglish:\n\nHello there.\n\n[00:61:00] not a time\n');
    await h.dropFiles(page, null, [h.fileOf('one.md', 'text/markdown', one)]);
    await h.waitForTurns(page, 1);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068one.md\u2069: 1 turn (1 note on reading the file)'), undefined, { what: 'one turn, one note' });
    assert.equal(await page.textContent('#diagnostics summary'), '1 note on reading the file', 'named as in the message');
    // Another transcript shown: the news of the first, no longer shown, goes with it (it would
    // otherwise stay for its four seconds, above the new one's).
    const dropped = Date.now();
    await h.dropFiles(page, null, [h.fileOf('two.vtt', 'text/vtt', Buffer.from(h.twoCueVtt()))]);
    await h.waitForTurns(page, 2);
    const said = await page.textContent('#messages');
    assert.ok(Date.now() - dropped < 3500, 'shown before the first message would have faded anyway');
    assert.match(said, /\u2068two\.vtt\u2069: 2 turns/);
    assert.doesNotMatch(said, /one\.md/);
  });
});

test('a bilingual transcript without times shows its turns, speakers and both languages, its starts marked as estimates', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const untimed = Buffer.from([
      '# No times', '', '## Alice', '', 'English: Hello there, and welcome.', '', '中文翻译: 你好，欢迎。', '',
      '**Bob**', '', 'English: Thanks for having me.', '', '中文翻译: 谢谢邀请。', '',
    ].join('\n'));
    await h.dropFiles(page, null, [h.fileOf('untimed.md', 'text/markdown', untimed)]);
    await h.waitForTurns(page, 2);
    const turns = await page.evaluate(() => [...document.querySelectorAll('article.turn')].map((t) => ({
      time: t.querySelector('.turn-time').textContent,
      label: t.querySelector('.turn-time').getAttribute('aria-label'),
      speaker: t.querySelector('.speaker').textContent.trim(),
      text: t.querySelector('.texts').textContent,
    })));
    // Bob starts when Alice's 22 letters, at 17 a second after 2 s for any turn, are said: 3.3 s.
    assert.deepEqual(turns.map((t) => [t.time, t.speaker]), [['\u22480:00', 'Alice'], ['\u22480:03', 'Bob']]);
    assert.equal(turns[1].label, 'Play from about 0:03');
    assert.match(turns[1].text, /Thanks for having me\.[^]*谢谢邀请。/);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068untimed.md\u2069: 2 turns (1 note on reading the file)'), undefined, { what: 'the count' });
    assert.match(await page.textContent('#diagnostics ul'), /no turn has a time; each start is estimated/);
    // With audio, the estimates stretch to its length: Bob's 3.294 s of 6.352 (his 18 letters
    // take 3.058 s) is 32.7 s of 63.
    await h.dropFiles(page, null, [h.fileOf('talk.wav', 'audio/wav', h.makeWav(63))]);
    await h.waitForAudioReady(page);
    await h.waitFor(page, () => document.querySelectorAll('.turn-time')[1].textContent === '\u22480:32', undefined, { what: 'Bob at about 0:32' });
    assert.equal(await page.getAttribute('article.turn:nth-of-type(2) .turn-time', 'aria-label'), 'Play from about 0:32');
    assert.equal(await page.getAttribute('article.turn:nth-of-type(2) .turn-quote', 'aria-label'), 'Copy the turn at about 0:32 as a quote');
    assert.equal(await page.getAttribute('article.turn:nth-of-type(2) .turn-link', 'aria-label'), 'Copy link to about 0:32');
    await page.click('article.turn:nth-of-type(2) .turn-time');
    await h.waitForAudioTime(page, 32.67);
    // A quote cites the moment as an estimate too (copied, or shown where it cannot be).
    await page.locator('article.turn:nth-of-type(2)').hover();
    await page.click('article.turn:nth-of-type(2) .turn-quote');
    await h.waitFor(page, () => /Quote from \u22480:32 copied|\u2014 Bob, \u22480:32/.test(document.querySelector('#messages').textContent), undefined, { what: 'the quote at about 0:32' });
  });
});

test('transcripts as services export them (Otter, Rev, YouTube\'s transcript panel and captions as SubViewer, a podcast host\'s HTML, a dialogue without times, TTML and DFXP captions, ASS subtitles, LRC lyrics, SAMI captions, MicroDVD and MPL2 subtitles, Whisper\'s and a spreadsheet\'s tables, a dialogue translated line by line, the JSON of speech-to-text services and of YouTube\'s captions, YouTube\'s timed-text XML) show their turns, speakers and times', T, async () => {
  const fixture = (name) => h.fileOf(name, 'text/plain', readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
  const rows = (page) => page.evaluate(() => [...document.querySelectorAll('article.turn')].map((t) =>
    [t.querySelector('.turn-time').textContent, t.querySelector('.speaker')?.textContent.trim() ?? '']));
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const expected = {
      'otter.txt': [['0:03', 'Speaker 1'], ['0:10', 'Jane Smith'], ['1:02:15', 'Speaker 1']],
      'rev.txt': [['0:00', 'Lex Fridman'], ['0:04', 'Sam Altman'], ['1:02:07', 'Lex Fridman']],
      'youtube-panel.txt': [['0:00', ''], ['0:04', ''], ['1:02', ''], ['1:05:09', '']],
      'dialogue.txt': [['\u22480:00', 'Lex Fridman'], ['\u22480:03', 'Sam Altman'], ['\u22480:06', 'Lex Fridman'], ['\u22480:10', 'Sam Altman'], ['\u22480:16', 'Guest Host'], ['\u22480:21', 'Lex Fridman']],
      'youtube.sbv': [['0:00', ''], ['0:02', ''], ['0:05', ''], ['0:09', ''], ['1:02', '']],
      'netflix.dfxp': [['0:01', ''], ['0:03', ''], ['0:06', ''], ['0:09', '']],
      'ebu-tt.xml': [['0:01', 'Alice Smith'], ['0:03', 'Bob Lee'], ['0:05', 'Alice Smith']],
      // An event a language at the same times is one turn; a sign is a turn, its shape not;
      // an event written out of order (last, at 0:02) in its place in time.
      'fansub.ass': [['0:01', 'Chip Huyen'], ['0:02', ''], ['0:04', 'Lenny'], ['0:07', ''], ['0:09', ''], ['0:12', '']],
      // A song's lines in time order, a chorus at each of its times, half a second early.
      'song.lrc': [['0:00', ''], ['0:01', ''], ['0:05', ''], ['0:13', ''], ['0:19', '']],
      // Korean and English at each moment, a `<SYNC>` each or one for both: a turn.
      'korean-english.smi': [['0:01', ''], ['0:04', ''], ['0:08', '']],
      // Frames at the rate its first line gives, and tenths of a second.
      'microdvd-bilingual.sub': [['0:01', ''], ['0:04', ''], ['0:08', ''], ['0:16', '']],
      'mpl2.txt': [['0:01', ''], ['0:03', ''], ['0:06', '']],
      // A row a turn; the row whose start cannot be read at the start of the row above.
      'whisper-tsv.tsv': [['0:00', ''], ['0:04', ''], ['0:09', ''], ['0:12', ''], ['0:15', '']],
      'timed-sheet.csv': [['0:01', 'Host'], ['0:04', 'Guest'], ['0:04', 'Host'], ['0:04', 'Host']],
      // Each line and its translation one turn, its speaker named in both languages.
      'translated-dialogue.txt': [['\u22480:00', 'Host / 主持人'], ['\u22480:04', 'Guest / 嘉宾'], ['\u22480:07', 'Host / 主持人'], ['\u22480:10', 'Guest / 嘉宾'], ['\u22480:13', 'Guest / 嘉宾']],
      // A speaker's utterances or paragraphs a turn, the speaker as the service labels them.
      'assemblyai.json': [['0:00', 'Speaker A'], ['0:04', 'Speaker B']],
      'deepgram.json': [['0:00', 'Speaker 0'], ['0:05', 'Speaker 1'], ['0:08', 'Speaker 0']],
      'speechmatics.json': [['0:00', 'Speaker 1'], ['0:02', 'Speaker 2'], ['0:04', 'Unknown Speaker']],
      'youtube-json3.json': [['0:00', ''], ['0:02', ''], ['0:05', '']],
      // YouTube's timed-text XML, as srv3 (milliseconds, words) and srv1 (seconds).
      'youtube-srv3.xml': [['0:00', ''], ['0:02', ''], ['0:06', '']],
      'youtube-srv1.xml': [['0:00', ''], ['0:04', ''], ['0:08', '']],
      // Last: its first turn is looked at below.
      'podcast-transcript.html': [['0:00', 'Kevin'], ['0:09', 'Alban'], ['\u22480:14', 'Kevin']],
    };
    for (const [name, turns] of Object.entries(expected)) {
      await h.dropFiles(page, null, [fixture(name)]);
      await h.waitFor(page, (n) => document.querySelector('#messages').textContent.includes(`\u2068${n}\u2069: `), name, { what: `${name} read` });
      assert.deepEqual(await rows(page), turns, name);
    }
    // The HTML transcript's first turn, in both languages, its <i> kept as emphasis; no script
    // or style of the page shown as text.
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('article.turn')[0].querySelectorAll('div.text')].map((t) => t.lang)), ['en', 'zh']);
    assert.equal(await page.textContent('article.turn em'), 'upload');
    assert.doesNotMatch(await page.textContent('#transcript'), /color: red/);
    // A line is played from where the service says it starts.
    await h.dropFiles(page, null, [fixture('otter.txt'), h.fileOf('sync.wav', 'audio/wav', h.makeWav(20))]);
    await h.waitForAudioReady(page);
    await page.click('article.turn:nth-of-type(2) .turn-time');
    await h.waitForAudioTime(page, 10);
    assert.match(await page.textContent('article.turn:nth-of-type(2) .texts'), /hiring\.[^]*We have two offers out\./);
  });
});

test('a Word document shows the transcript it holds (unpacked by the browser, its reader a part of its own), and is kept for the next visit; so does an OpenDocument text; an archive of other files is refused, and what was shown stays', T, async () => {
  const word = readFileSync(new URL('../documents/sample.docx', import.meta.url));
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', OTHER_VTT)]);
    await h.waitForTurns(page, 2);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await h.dropFiles(page, null, [h.fileOf('sample.docx', docx, word)]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068sample.docx\u2069: 13 turns'), undefined, { what: 'the Word document read' });
    await h.waitForTurns(page, 13);
    assert.deepEqual(await page.$$eval('#transcript article.turn', (t) => t.map((e) => Number(e.dataset.start))), h.SAMPLE_STARTS, 'the sample\'s starts');
    assert.equal(await page.locator('h1.doc-title').textContent().then((s) => s.trim()), 'CHIP HUYEN');
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('article.turn')[0].querySelectorAll('div.text')].map((t) => t.lang)), ['en', 'zh']);
    // Read without a note: the text's line numbers, which a note would explain, are in none.
    assert.equal(await page.locator('#diagnostics').count(), 0, 'no notes on reading the file');
    assert.ok(fetched.some((p) => p.endsWith('/split_documents.wasm')), `the documents' reader's part fetched: ${fetched}`);
    assert.ok(!fetched.some((p) => p.endsWith('/split_readers.wasm')), 'the other formats\' readers not fetched for the layout');
    // Kept for the next visit, as any dropped transcript is.
    await page.reload();
    await h.waitForTurns(page, 13);
    assert.equal(await page.locator('h1.doc-title').textContent().then((s) => s.trim()), 'CHIP HUYEN');
    // An OpenDocument text (LibreOffice's), read the same way by the same part.
    await h.dropFiles(page, null, [h.fileOf('sample.odt', 'application/vnd.oasis.opendocument.text', readFileSync(new URL('../documents/sample.odt', import.meta.url)))]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068sample.odt\u2069: 13 turns'), undefined, { what: 'the OpenDocument text read' });
    // A Word document whose reading has notes: the first says what their line numbers count.
    await h.dropFiles(page, null, [h.fileOf('forgotten-time.docx', docx, readFileSync(new URL('../documents/forgotten-time.docx', import.meta.url)))]);
    await h.waitForTurns(page, 5);
    const notes = await page.$$eval('#diagnostics li', (l) => l.map((e) => e.textContent));
    assert.match(notes[0], /^read from a word processor's document, each paragraph a line and a blank line after it/);
    assert.match(notes[1], /line 11: the turn of Chip Huyen has no time/);
    // An archive with no Word document in it: said, and the transcript stays.
    const other = Buffer.from(word);
    for (let at = other.indexOf('word/document.xml'); at >= 0; at = other.indexOf('word/document.xml', at + 1)) other.write('word/documenz.xml', at);
    await h.dropFiles(page, null, [h.fileOf('other.docx', docx, other)]);
    await h.waitFor(page, () => [...document.querySelectorAll('#messages .message.error')].some((m) => m.textContent.includes('other.docx') && m.textContent.includes('not a Word or OpenDocument text document')), undefined, { what: 'the refusal' });
    assert.equal(await h.turnCount(page), 5, 'the transcript before stays');
    // A Word document whose body is damaged: the browser's inflater fails, and that is said.
    const damaged = Buffer.from(word);
    const body = damaged.indexOf('word/document.xml') + 'word/document.xml'.length;
    damaged.fill(0xff, body + 40, body + 240);
    await h.dropFiles(page, null, [h.fileOf('damaged.docx', docx, damaged)]);
    await h.waitFor(page, () => [...document.querySelectorAll('#messages .message.error')].some((m) => m.textContent.includes('damaged.docx') && m.textContent.includes('a damaged document')), undefined, { what: 'the damaged body said' });
    assert.equal(await h.turnCount(page), 5, 'the transcript before stays');
  });
});

test('a turn whose time was left out shows the estimate it starts from, and the reader says so', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const file = readFileSync(new URL('../fixtures/forgotten-time.md', import.meta.url));
    await h.dropFiles(page, null, [h.fileOf('forgotten-time.md', 'text/markdown', file)]);
    await h.waitForTurns(page, 5);
    const times = await page.evaluate(() => [...document.querySelectorAll('article.turn .turn-time')].map((t) => [t.textContent, t.getAttribute('aria-label')]));
    assert.deepEqual(times.map((t) => t[0]), ['0:00', '\u22480:03', '0:15', '\u22480:16', '0:18']);
    assert.equal(times[1][1], 'Play from about 0:03');
    assert.equal(times[2][1], 'Play from 0:15');
    assert.equal(await page.getAttribute('article.turn:nth-of-type(3) .turn-link', 'aria-label'), 'Copy link to 0:15');
    assert.match(await page.textContent('#diagnostics ul'), /line 11: the turn of Chip Huyen has no time; its start is estimated/);
  });
});

test('text and links dragged in from another page: a transcript\'s text, a link to a transcript, a link to audio; the page\'s own text dragged about is not opened', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [{ text: PASTED }]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068Dragged text\u2069: 2 turns'), undefined, { what: 'the dragged text read' });
    assert.deepEqual(await page.$$eval('article.turn .speaker', (s) => s.map((e) => e.textContent.trim())), ['Alice', 'Bob']);
    // Text that is no transcript: said so, and the transcript stays.
    await h.dropFiles(page, null, [{ text: 'Just a sentence someone dragged.' }]);
    await h.waitFor(page, () => /Dragged text.*no timed turns found/.test(document.querySelector('#messages').textContent), undefined, { what: 'the refusal' });
    assert.equal(await page.locator('article.turn').count(), 2, 'the transcript before stays');
    // A link to a transcript is fetched; a link to audio plays.
    await h.dropFiles(page, null, [{ text: `${app.url()}/test-media/two.vtt` }]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068two.vtt\u2069: 2 turns'), undefined, { what: 'the linked transcript' });
    await h.dropFiles(page, null, [{ text: `${app.url()}${h.WAV_PATH}` }]);
    await h.waitForAudioReady(page);
    assert.ok((await h.audioState(page)).src.endsWith(h.WAV_PATH), 'the linked audio plays');
    // Text selected on this page and dragged about is not opened as a transcript.
    const before = await page.textContent('article.turn');
    await page.evaluate(() => document.querySelector('article.turn').dispatchEvent(new DragEvent('dragstart', { bubbles: true })));
    const dropped = await h.dropFiles(page, null, [{ text: PASTED }]);
    assert.equal(dropped.dropCancelled, false, 'the page leaves its own drag to the browser');
    assert.equal(await page.textContent('article.turn'), before);
    await page.evaluate(() => document.querySelector('article.turn').dispatchEvent(new DragEvent('dragend', { bubbles: true })));

    // Text dropped into a field goes in it, the browser's doing: the search box's, the paste
    // dialog's. (It was opened as a transcript.)
    const messages = await page.textContent('#messages');
    assert.equal((await h.dropFiles(page, '#search', [{ text: 'model' }])).dropCancelled, false, 'into the search box');
    await page.click('button#paste-open');
    await page.waitForSelector('textarea#paste-text', { state: 'visible' });
    assert.equal((await h.dropFiles(page, 'textarea#paste-text', [{ text: PASTED }])).dropCancelled, false, 'into the paste dialog\'s');
    await h.frames(page, 2);
    assert.equal(await page.textContent('article.turn'), before, 'the transcript stays');
    assert.equal(await page.textContent('#messages'), messages, 'and nothing is said');
    // A file dropped while the dialog waits for text is opened, and the dialog closes.
    await h.dropFiles(page, 'textarea#paste-text', [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068two-cues.vtt\u2069: 2 turns'), undefined, { what: 'the dropped file read' });
    assert.equal(await page.locator('#paste-dialog').isVisible(), false, 'the dialog closed');
  });
});

test('a reload keeps the last dropped transcript and the position in it', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', OTHER_VTT)]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068two-cues.vtt\u2069: 2 turns'), undefined, { what: 'a dropped file says how many turns it has' });
    // Into the second cue, on the internal clock.
    const second = await page.locator('article.turn').nth(1).getAttribute('data-start');
    await page.locator('article.turn').nth(1).click();
    await h.waitForActive(page, Number(second));
    await page.click('#play'); // pause: the position is saved when playback stops
    await page.reload();
    await h.waitForTurns(page, 2);
    assert.match(await page.locator('article.turn div.text[lang="en"]').first().textContent(), /First dropped cue\./);
    await h.waitForActive(page, Number(second));
  });
});

test('a large transcript shows the loading indicator while it is read, then its turns', T, async () => {
  const turns = 2000;
  const hms = (t) => [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60].map((n) => String(n).padStart(2, '0')).join(':');
  let big = '# A long episode\n\n---\n\n';
  for (let i = 0; i < turns; i++) {
    big += `[${hms(i * 20)}] Speaker ${i % 3}\n\nEnglish:\n\nTurn ${i}: ${'a sentence of some length, said at a steady pace. '.repeat(6)}\n\n`;
    big += `中文翻译:\n\n第${i}轮：${'一句不短不长、语速平稳的话。'.repeat(6)}\n\n---\n\n`;
  }
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await page.evaluate(() => {
      window.__loadingShown = false;
      const el = document.querySelector('#loading');
      new MutationObserver(() => { if (!el.hidden) window.__loadingShown = true; }).observe(el, { attributes: true });
    });
    await h.dropFiles(page, null, [h.fileOf('long-episode.md', 'text/markdown', Buffer.from(big))]);
    // Its first rows (only those near the view are rendered), and its count.
    await h.waitFor(page, () => document.querySelector('article.turn[data-start="20"]'), undefined, { what: 'the new rows' });
    // Its thousands grouped: "2,000 turns".
    await h.waitFor(page, (n) => document.querySelector('#messages').textContent.includes(`\u2068long-episode.md\u2069: ${n} turns`), turns.toLocaleString('en-US'), { what: `${turns} turns read` });
    assert.equal(await page.evaluate(() => window.__loadingShown), true, 'the indicator was shown');
    await h.waitFor(page, () => document.querySelector('#loading').hidden);
    assert.equal(await page.locator('h1.doc-title').textContent().then((t) => t.trim()), 'A long episode');
  });
});

test('5. files that are not transcripts: an error message, and the transcript stays', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    assert.equal(await page.getAttribute('#messages-said', 'role'), 'status');
    const firstText = await page.locator('article.turn div.text[lang="en"]').first().textContent();

    await h.dropFiles(page, null, [h.fileOf('pixel.png', 'image/png', h.PIXEL_PNG)]);
    await h.waitFor(page, () =>
      [...document.querySelectorAll('#messages .message.error')].some((m) => m.textContent.includes('pixel.png')),
    ).catch(async (e) => {
      throw new Error(`no error message naming pixel.png: ${JSON.stringify(await errorTexts(page))}: ${e.message}`);
    });
    await h.frames(page, 3);
    assert.equal(await h.turnCount(page), 13, 'the 13 sample turns stay');
    assert.equal(await page.locator('h1.doc-title').textContent().then((s) => s.trim()), 'CHIP HUYEN');
    assert.equal(await page.locator('article.turn div.text[lang="en"]').first().textContent(), firstText);
    await h.screenshot(page, 'error-message');

    await h.dropFiles(page, null, [h.fileOf('empty.md', 'text/markdown', Buffer.alloc(0))]);
    await h.waitFor(page, () =>
      [...document.querySelectorAll('#messages .message.error')].some((m) => /empty/i.test(m.textContent)),
    ).catch(async (e) => {
      throw new Error(`no error message saying "empty": ${JSON.stringify(await errorTexts(page))}: ${e.message}`);
    });
    await h.frames(page, 3);
    assert.equal(await h.turnCount(page), 13, 'the 13 sample turns stay after an empty file');
    assert.equal(await page.locator('article.turn div.text[lang="en"]').first().textContent(), firstText);

    // Refused one after another, the last three are said (nine covered a phone's transcript).
    for (const n of [1, 2, 3, 4, 5]) {
      await h.dropFiles(page, null, [h.fileOf(`photo${n}.png`, 'image/png', h.PIXEL_PNG)]);
      await h.waitFor(page, (n) => document.querySelector('#messages').textContent.includes(`photo${n}.png`), n);
    }
    const said = await errorTexts(page);
    assert.deepEqual(said.map((m) => m.match(/photo\d/)?.[0]), ['photo3', 'photo4', 'photo5'], JSON.stringify(said));
  });
});

test('a cover image dropped just after a long transcript leaves its reading alone', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    const season = h.season(3000);
    // Both drops in one task: the image arrives while the transcript is still being read.
    await page.evaluate(({ text, png }) => {
      const drop = (file) => {
        const dt = new DataTransfer();
        dt.items.add(file);
        for (const type of ['dragenter', 'dragover', 'drop']) {
          document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        }
      };
      drop(new File([text], 'season.md', { type: 'text/markdown' }));
      drop(new File([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], 'cover.png', { type: 'image/png' }));
    }, { text: season.toString(), png: h.PIXEL_PNG.toString('base64') });
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('\u2068season.md\u2069: 3,000 turns'), undefined, { what: 'the season read', timeout: 20_000 });
    assert.ok((await errorTexts(page)).some((m) => m.includes('cover.png')), 'the image said to be none');
  });
});

test('several files dropped at once: a cover image beside a transcript; two transcripts and two audio files', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    // The image is no transcript; the transcript beside it is read all the same.
    await h.dropFiles(page, null, [h.fileOf('cover.png', 'image/png', h.PIXEL_PNG), h.fileOf('episode.vtt', 'text/vtt', OTHER_VTT)]);
    await h.waitForTurns(page, 2);
    assert.match(await page.locator('article.turn div.text[lang="en"]').first().textContent(), /First dropped cue\./);
    // One of each is used, in the order given; the others are named.
    const other = h.makeWav(60);
    await h.dropFiles(page, null, [
      h.fileOf('chip-huyen-lennys-podcast.md', 'text/markdown', await sampleBytes()),
      h.fileOf('two.vtt', 'text/vtt', TWO_VTT),
      h.fileOf('quiet.wav', 'audio/wav', wav),
      h.fileOf('other.wav', 'audio/wav', other),
    ]);
    await h.waitForTurns(page, 13);
    // A transcript in a language the first has is no translation of it.
    for (const said of ['\u2068two.vtt\u2069: not opened, both are in English, and only transcripts in different languages are joined', '\u2068other.wav\u2069: not opened, one audio file plays at a time']) {
      await h.waitFor(page, (said) => document.querySelector('#messages').textContent.includes(said), said, { what: said });
    }
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    assert.ok(Math.abs((await h.audioState(page)).duration - 1020) < 1, 'the first audio file plays');
  });
});

test('another transcript dropped without audio says it plays along with the audio already open; dropped with its audio, not', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    const messages = () => page.evaluate(() => document.querySelector('#messages').textContent);
    const still = '\u2068two-cues.vtt\u2069: playing along with the audio already open (drop another audio file to change it)';
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, (said) => document.querySelector('#messages').textContent.includes(said), still, { what: still });
    // With its own audio: that one plays along, and nothing says the one before does.
    await h.dropFiles(page, null, [h.fileOf('other.vtt', 'text/vtt', h.twoCueVtt({ en: ['Another episode.', 'Its second line.'] })), h.fileOf('other.wav', 'audio/wav', h.makeWav(20))]);
    await h.waitFor(page, () => /other\.wav\u2069: playing along/.test(document.querySelector('#messages').textContent), undefined, { what: 'other.wav playing along' });
    await h.waitFor(page, () => /Another episode/.test(document.querySelector('article.turn')?.textContent ?? ''), undefined, { what: 'other.vtt shown' });
    assert.ok(!(await messages()).includes('already open'), await messages());
  });
});

test('a transcript dropped while the audio plays, or is paused past its start, plays along from there: the audio neither stops nor goes back to its start; one dropped with audio starts at its own', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    await h.setAudioTime(page, 340);
    await page.click('#play');
    await h.waitFor(page, () => !document.querySelector('#audio').paused, undefined, { what: 'playing' });
    await h.dropFiles(page, null, [h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.frames(page, 3);
    const audio = await h.audioState(page);
    assert.equal(audio.paused, false, 'still playing');
    assert.ok(audio.currentTime > 339, `from where it was (${audio.currentTime})`);
    // Paused, it stays where it was paused.
    await page.click('#play');
    await h.waitFor(page, () => document.querySelector('#audio').paused, undefined, { what: 'paused' });
    await h.setAudioTime(page, 200);
    await h.dropFiles(page, null, [h.fileOf('better.vtt', 'text/vtt', h.twoCueVtt({ en: ['Hello, and welcome to the show.', 'Thank you for having me.'] }))]);
    await h.waitFor(page, () => /Hello, and welcome/.test(document.querySelector('article.turn')?.textContent ?? ''), undefined, { what: 'better.vtt shown' });
    await h.frames(page, 3);
    const paused = await h.audioState(page);
    assert.equal(paused.paused, true, 'still paused');
    assert.ok(Math.abs(paused.currentTime - 200) < 0.5, `where it was paused (${paused.currentTime})`);
    // Dropped with its own audio, another episode: at its start, not this one's place, whether
    // this one plays or not.
    const another = async (name, playing) => {
      if (playing) {
        await page.click('#play');
        await h.waitFor(page, () => !document.querySelector('#audio').paused, undefined, { what: 'playing' });
      }
      const seconds = name === 'other' ? 600 : 500;
      await h.dropFiles(page, null, [h.fileOf(`${name}.vtt`, 'text/vtt', h.twoCueVtt({ en: [`Another episode: ${name}.`, 'Its second line.'] })), h.fileOf(`${name}.wav`, 'audio/wav', h.makeWav(seconds))]);
      await h.waitFor(page, (name) => new RegExp(`${name}\\.wav\u2069: playing along`).test(document.querySelector('#messages').textContent), name, { what: `${name}.wav playing along` });
      await h.waitFor(page, (seconds) => Math.abs(document.querySelector('#audio').duration - seconds) < 1, seconds, { what: `${name}.wav loaded` });
      const other = await h.audioState(page);
      assert.ok(other.currentTime < 1, `${name}, another episode, from its start (${other.currentTime})`);
    };
    await another('other', true);
    assert.equal((await h.audioState(page)).paused, true, 'what played stopped');
    await h.setAudioTime(page, 300);
    await another('third', false);
  });
});

test('subtitles in two files, one a language, dropped together: one bilingual transcript, saved under both names, kept across a reload as it was', T, async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    const joined = (name) => readFileSync(new URL(`../joined/${name}`, import.meta.url));
    await h.dropFiles(page, null, [
      h.fileOf('english.srt', 'application/x-subrip', joined('english.srt')),
      h.fileOf('chinese.srt', 'application/x-subrip', joined('chinese.srt')),
    ]);
    await h.waitForTurns(page, 5);
    const rows = () => page.evaluate(() => [...document.querySelectorAll('article.turn')].map((row) =>
      ['en', 'zh'].map((lang) => row.querySelector(`.text[lang="${lang}"]`)?.textContent.trim() ?? '')));
    const expected = [
      ['Welcome back to the show.', '欢迎回到节目。'],
      ["Today we're talking about how to learn a language by listening to real conversations.", '今天我们聊聊如何通过听真实的对话来学一门语言。'],
      ['Really?', '真的吗？'],
      ['', '（音乐）'],
      ["Let's start.", '我们开始吧。'],
    ];
    assert.deepEqual(await rows(), expected, 'each Chinese cue beside the English it overlaps; the music at its own time');
    const said = '\u2068english.srt + chinese.srt\u2069: 5 turns (1 note on reading the file)';
    await h.waitFor(page, (said) => document.querySelector('#messages').textContent.includes(said), said, { what: said });
    await h.screenshot(page, 'joined-files');
    // Titled as it is saved, by what the names share (it was both names whole, four lines of a
    // phone's heading for a video's two subtitle files).
    assert.equal((await page.textContent('h1.doc-title')).trim(), 'english+chinese');
    assert.equal(await page.title(), 'english+chinese — interlinear');
    const [download] = await Promise.all([page.waitForEvent('download'), page.selectOption('#export', 'md')]);
    assert.equal(download.suggestedFilename(), 'english+chinese.md', 'exported under both names, not as "english.srt + chinese.md"');
    // A place in it, kept by the two files together.
    await page.locator('article.turn[data-start="3.4"] .turn-time').click();
    await h.waitForActive(page, 3.4);
    await page.click('#play');
    // Kept as the two files, and joined again.
    await page.reload();
    await h.waitForTurns(page, 5);
    assert.deepEqual(await rows(), expected, 'the same transcript after a reload');
    assert.equal((await page.textContent('#time-current')).trim(), '0:03', 'at the place reached');
    // A second copy of a file is named as one, not joined, and the first shown (it was said to be
    // "in Chinese, as the other").
    await h.dropFiles(page, null, [
      h.fileOf('chinese.srt', 'application/x-subrip', joined('chinese.srt')),
      h.fileOf('again.srt', 'application/x-subrip', joined('chinese.srt')),
    ]);
    await h.waitForTurns(page, 6);
    const notJoined = '\u2068again.srt\u2069: not opened, it is the same transcript as \u2068chinese.srt\u2069';
    await h.waitFor(page, (said) => document.querySelector('#messages').textContent.includes(said), notJoined, { what: notJoined });
    assert.deepEqual(errors, []);
  });
});

test('subtitles saved in a legacy encoding (Russian in Windows-1251 and KOI8-R, Japanese in Shift_JIS and EUC-JP) show their text as written, decoded by the browser, and the reader says which encoding', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    const legacy = (name) => readFileSync(new URL(`../legacy/${name}`, import.meta.url));
    const cases = [
      ['russian.srt', 'ru', ['Привет, как дела?', 'Хорошо, спасибо. А ты?', 'Я иду домой.'], 'Windows-1251 (Cyrillic)'],
      ['japanese.srt', 'ja', ['こんにちは。', '今日はいい天気ですね。', 'どうもありがとうございます。'], 'Shift_JIS (Japanese)'],
    ];
    cases.push([cases[0][0].replace('.srt', '-koi8-r.srt'), ...cases[0].slice(1, 3), 'KOI8-R (Russian)']);
    cases.push([cases[1][0].replace('.srt', '-euc-jp.srt'), ...cases[1].slice(1, 3), 'EUC-JP (Japanese)']);
    for (const [name, lang, lines, encoding] of cases) {
      await h.dropFiles(page, null, [h.fileOf(name, 'application/x-subrip', legacy(name))]);
      const said = `\u2068${name}\u2069: 3 turns (1 note on reading the file)`;
      await h.waitFor(page, (said) => document.querySelector('#messages').textContent.includes(said), said, { what: said });
      const shown = await page.evaluate((lang) => [...document.querySelectorAll(`article.turn .text[lang="${lang}"]`)].map((t) => t.textContent.trim()), lang);
      assert.deepEqual(shown, lines, `${name} as written`);
      await page.click('#diagnostics summary');
      assert.match(await page.textContent('#diagnostics'), new RegExp(`decoded as ${encoding.replace(/[()]/g, '\\$&')}`));
    }
    assert.deepEqual(errors, []);
  });
});

/** Opens the reader's notes and waits for the list offered beside one of them (another
 * encoding, another frame rate); its selector. */
async function openNoteChoice(page) {
  const list = '#diagnostics .note-choice select';
  await page.click('#diagnostics summary');
  await page.waitForSelector(list);
  return list;
}

test('a file whose bytes told its encoding wrong is read in the one chosen beside the note, which stays chosen at the next visit; one its bytes are not in is refused, and what is shown stays', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    // One Polish caption in Windows-1250: too few letters to tell, read as Western European.
    const name = 'polish-one-line.srt';
    const bytes = readFileSync(new URL(`../legacy/${name}`, import.meta.url));
    await h.dropFiles(page, null, [h.fileOf(name, 'application/x-subrip', bytes)]);
    const shown = () => page.evaluate(() => document.querySelector('article.turn .text').textContent.trim());
    const waitForText = (text) => h.waitFor(page, (text) => document.querySelector('article.turn .text')?.textContent.trim() === text, text, { what: text });
    await waitForText('Dziêkujê bardzo.');
    const list = await openNoteChoice(page);
    assert.equal(await page.inputValue(list), 'Windows-1252 (Western European)');
    await page.selectOption(list, 'Windows-1250 (Central European)');
    await waitForText('Dziękuję bardzo.');
    assert.match(await page.textContent('#diagnostics'), /decoded as Windows-1250 \(Central European\)/);
    // The notes stay open, the list in them; EUC-KR has no character of 0xEA and `k`: refused,
    // said, and the Polish stays.
    await page.waitForSelector(list);
    await page.selectOption(list, 'EUC-KR (Korean)');
    const refused = `\u2068${name}\u2069: it holds bytes that EUC-KR (Korean) does not have`;
    await h.waitFor(page, (said) => document.querySelector('#messages').textContent.includes(said), refused, { what: refused });
    assert.equal(await shown(), 'Dziękuję bardzo.');
    assert.equal(await page.inputValue(list), 'Windows-1250 (Central European)', 'the list says what is shown');
    // Kept for the next visit, in the encoding chosen.
    await page.reload();
    await waitForText('Dziękuję bardzo.');
    assert.deepEqual(errors, []);
  });
});

test('a search held while the text is read again in another encoding is searched in the new text, not with the old one\'s index (the same bytes)', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    const name = 'russian.srt';
    await h.dropFiles(page, null, [h.fileOf(name, 'application/x-subrip', readFileSync(new URL(`../legacy/${name}`, import.meta.url)))]);
    const first = () => page.evaluate(() => document.querySelector('article.turn .text[lang="ru"]')?.textContent.trim());
    await h.waitFor(page, () => document.querySelector('article.turn .text[lang="ru"]')?.textContent.trim() === 'Привет, как дела?', undefined, { what: 'the Russian read' });
    const count = (expected) => h.waitFor(page, (expected) => document.querySelector('#search-count').textContent.trim() === expected, expected, { what: `the count ${expected}` });
    await page.fill('#search', 'привет');
    await count('1 / 1');
    const list = await openNoteChoice(page);
    await page.selectOption(list, 'KOI8-R (Russian)');
    await h.waitFor(page, () => document.querySelector('article.turn .text[lang="ru"]')?.textContent.trim() !== 'Привет, как дела?', undefined, { what: 'read again in KOI8-R' });
    await count('no match');
    const again = (await first()).slice(0, 6).toLowerCase();
    await page.fill('#search', again);
    await count('1 / 1');
    assert.deepEqual(errors, []);
  });
});

test('a MicroDVD file that gives no frame rate is read at another chosen beside its note, which stays chosen at the next visit', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url());
    // Made for PAL video (25 frames a second), read at film's 23.976: 25 s late by ten minutes.
    const name = 'pal.sub';
    const sub = '{1000}{1100}The first line.\n{15000}{15100}A line ten minutes in.\n';
    await h.dropFiles(page, null, [h.fileOf(name, 'text/plain', Buffer.from(sub))]);
    const times = () => page.evaluate(() => [...document.querySelectorAll('article.turn .turn-time')].map((t) => t.textContent));
    const waitForTimes = (expected) => h.waitFor(page, (expected) => JSON.stringify([...document.querySelectorAll('article.turn .turn-time')].map((t) => t.textContent)) === expected, JSON.stringify(expected), { what: expected.join(' ') });
    await waitForTimes(['0:41', '10:25']);
    const list = await openNoteChoice(page);
    assert.equal(await page.inputValue(list), '23.976');
    await page.selectOption(list, '25');
    await waitForTimes(['0:40', '10:00']);
    assert.match(await page.textContent('#diagnostics'), /frames read as times at 25 a second, as chosen/);
    await page.reload();
    await waitForTimes(['0:40', '10:00']);
    assert.deepEqual(await times(), ['0:40', '10:00']);
    assert.deepEqual(errors, []);
  });
});

test('an audio file that cannot be played leaves the audio before it playing, and says why', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    const before = await page.evaluate(() => document.querySelector('#audio').currentSrc);
    await h.dropFiles(page, null, [h.fileOf('broken.mp3', 'audio/mpeg', Buffer.from('not really an mp3 at all'.repeat(50)))]);
    await h.waitFor(page, () => [...document.querySelectorAll('#messages .message.error')].some((m) => m.textContent.includes('broken.mp3\u2069: not played')), undefined, { what: 'broken.mp3 said not to play' });
    await h.frames(page, 5);
    assert.equal(await page.evaluate(() => document.querySelector('#audio').currentSrc), before, 'the audio before stays');
    await h.waitForClockMode(page, 'audio');
    const said = await page.evaluate(() => document.querySelector('#messages').textContent);
    assert.doesNotMatch(said, /playing along|stopped/, 'no word of it playing, nor of the audio stopping');
    // An empty file: said so, and no network error in the console (the browser logs one for an
    // element asked to load it).
    const errors = h.collectConsoleErrors(page);
    await h.dropFiles(page, null, [h.fileOf('empty.wav', 'audio/wav', Buffer.alloc(0))]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('empty.wav\u2069: not played: the file is empty'), undefined, { what: 'empty.wav said to be empty' });
    await page.waitForTimeout(300);
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => document.querySelector('#audio').currentSrc), before, 'the audio before stays');
  });
});

test('audio that fails (404, not audio): a message, and the transcript runs on its own clock', T, async () => {
  for (const [query, what] of [['audio=/test-media/missing.wav', 'a missing file'], ['audio=/test-media/two.vtt', 'a file that is not audio']]) {
    await withPage({}, async (page) => {
      await h.openApp(page, app.url(), query);
      await h.waitFor(page, () =>
        [...document.querySelectorAll('#messages .message.error')].some((m) => /audio/i.test(m.textContent)),
      ).catch(async (e) => {
        throw new Error(`${what}: no message about the audio: ${JSON.stringify(await errorTexts(page))}: ${e.message}`);
      });
      await h.waitForClockMode(page, 'internal');
      assert.equal(await h.turnCount(page), 13, `${what}: the transcript stays`);
      await page.click('#play');
      await h.waitFor(page, () => document.querySelector('#time-current').textContent.trim() !== '0:00');
      await h.waitForActive(page, 0);
    });
  }
});

test('file picker: a VTT and a WAV chosen together', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    assert.equal(await page.getAttribute('input#file-input', 'type'), 'file');
    assert.ok(await page.evaluate(() => document.querySelector('input#file-input').multiple), 'multiple');
    await page.setInputFiles('input#file-input', [
      { name: 'two.vtt', mimeType: 'text/vtt', buffer: TWO_VTT },
      { name: 'quiet.wav', mimeType: 'audio/wav', buffer: wav },
    ]);
    await h.waitForTurns(page, 2);
    await h.waitForClockMode(page, 'audio');
  });
});

test('paste: the dialog loads pasted text, and the reader\'s warnings show as "line N: ..."', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await page.click('button#paste-open');
    await h.waitFor(page, () => document.querySelector('dialog#paste-dialog')?.open === true);
    // What is not loaded is said in the dialog, over which the page's messages cannot be read.
    const failure = () => page.evaluate(() => { const p = document.querySelector('#paste-failure'); return p.hidden ? null : p.textContent; });
    await page.click('button#paste-load');
    assert.match(await failure(), /Nothing to load/);
    // Pressed again, the same failure is said again: the alert's text changes (it did not).
    await page.evaluate(() => {
      window.__alerted = 0;
      new MutationObserver((m) => { window.__alerted += m.length; }).observe(document.querySelector('#paste-failure'), { subtree: true, childList: true, characterData: true });
    });
    await page.click('button#paste-load');
    await h.waitFor(page, () => window.__alerted > 0, undefined, { what: 'the alert said again' });
    assert.match(await failure(), /Nothing to load/);
    await page.fill('textarea#paste-text', 'just a shopping list\nmilk\neggs');
    await page.click('button#paste-load');
    assert.match(await failure(), /^\u2068Pasted text\u2069: /);
    assert.equal(await errorTexts(page).then((e) => e.length), 0, 'not said again under the dialog');
    assert.equal(await h.turnCount(page), 13, 'what was shown stays');
    // Ctrl+Enter in the field loads, as the button does; Enter alone is a new line.
    await page.fill('textarea#paste-text', PASTED);
    await page.focus('textarea#paste-text');
    await page.keyboard.press('Enter');
    assert.equal((await page.inputValue('textarea#paste-text')).length, PASTED.length + 1, 'Enter a line');
    assert.equal(await page.evaluate(() => document.querySelector('dialog#paste-dialog').open), true, 'and no more');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Enter');
    await h.waitForTurns(page, 2);
    assert.equal(await page.evaluate(() => document.querySelector('dialog#paste-dialog').open), false, 'the dialog closed');
    const speakers = await page.locator('article.turn span.speaker').allTextContents();
    assert.deepEqual(speakers.map((s) => s.trim()), ['Alice', 'Bob']);
    await h.waitFor(page, () =>
      [...document.querySelectorAll('details#diagnostics li')].some((li) => /line 23:/.test(li.textContent)),
    ).catch(async (e) => {
      const got = await page.evaluate(() =>
        [...document.querySelectorAll('details#diagnostics li')].map((li) => li.textContent),
      );
      throw new Error(`no "line 23: ..." diagnostic in details#diagnostics: ${JSON.stringify(got)}: ${e.message}`);
    });
  });
});
