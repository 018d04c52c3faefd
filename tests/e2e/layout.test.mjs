// Layouts, theme and screenshots (saved to test-artifacts/ to look at).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as h from './harness.mjs';

// Playwright's own PNG reader, to look at pixels of a screenshot.
const { PNG } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle');

h.requireBuiltApp();

const T = { timeout: 60_000 };

const app = h.suite({ [h.WAV_PATH]: h.makeWav(17 * 60) }, { before, after });
const withPage = app.withPage;

const layoutOf = (page) => page.evaluate(() => document.querySelector('#transcript').dataset.layout);

/** Rectangles of the English and Chinese blocks of the turn with `index` (0-based, in order). */
const blocks = (page, index = 0) =>
  page.evaluate((index) => {
    const turn = document.querySelectorAll('article.turn')[index];
    const r = (el) => {
      if (!el) return null;
      const b = el.getBoundingClientRect();
      return { left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height };
    };
    return { en: r(turn.querySelector('div.text[lang="en"]')), zh: r(turn.querySelector('div.text[lang="zh"]')) };
  }, index);

/** The width of a select and of the text of its chosen option, or of its longest; and `need`,
 *  the width the select would take to show that option whole (its text, padding and arrow, at
 *  any text size): a twin holding that option alone, as wide as it wants to be. */
const fitOf = (page, id, longest = false) =>
  page.evaluate(([id, longest]) => {
    const select = document.querySelector(id);
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(select).font;
    probe.style.whiteSpace = 'pre';
    document.body.append(probe);
    const widthOf = (option) => {
      probe.textContent = option.text;
      return probe.getBoundingClientRect().width;
    };
    const options = longest ? [...select.options] : [select.options[select.selectedIndex]];
    const widths = options.map(widthOf);
    const text = Math.max(...widths);
    probe.remove();
    const twin = select.cloneNode(false);
    twin.append(new Option(options[widths.indexOf(text)].text));
    Object.assign(twin.style, { position: 'absolute', width: 'auto', minWidth: '0', maxWidth: 'none', visibility: 'hidden' });
    select.after(twin);
    const need = twin.getBoundingClientRect().width;
    twin.remove();
    return { text, select: select.clientWidth, width: select.getBoundingClientRect().width, need };
  }, [id, longest]);

/** How many rows the bar's controls take: the distinct middles of its visible children (the
 *  bar centres each row). */
const rowsOf = (page, selector) =>
  page.evaluate((selector) => {
    const middles = [...document.querySelector(selector).children]
      .filter((c) => c.getClientRects().length > 0 && getComputedStyle(c).position !== 'absolute')
      .map((c) => {
        const box = c.getBoundingClientRect();
        return box.top + box.height / 2;
      })
      .sort((a, b) => a - b);
    return middles.filter((m, i) => i === 0 || m - middles[i - 1] > 10).length;
  }, selector);

/** How far the page is wider than the window. */
const overflowOf = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Each select shows its chosen option whole, not cut to "Expo…" and "Interl…": as wide as
 *  the option's text and its arrow. */
async function assertWholeChoices(page, ids, where) {
  for (const id of ids) {
    const fit = await fitOf(page, id);
    assert.ok(fit.width >= fit.need - 0.5, `${where} ${id} shows its chosen option whole: ${JSON.stringify(fit)}`);
  }
}

/** The layouts the select offers (its options not hidden), value → label. */
const offeredLayouts = async (page) =>
  new Map(await page.$$eval('select#layout option', (os) => os.filter((o) => !o.hidden).map((o) => [o.value, o.text])));

async function hidden(page, selector) {
  const loc = page.locator(selector);
  return (await loc.count()) === 0 || !(await loc.first().isVisible());
}

test('6. layouts: side by side, one language only, remembered across reloads', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    assert.deepEqual([...(await offeredLayouts(page)).keys()].sort(), ['interleaved', 'only-en', 'only-zh', 'side']);
    assert.deepEqual(
      await page.$$eval('select#layout option', (os) => os.map((o) => [o.value, o.lang])),
      [['interleaved', ''], ['side', ''], ['only-en', 'en'], ['only-zh', 'zh']],
      'a language named in itself is in that language ("中文" said in a Chinese voice)',
    );

    await page.selectOption('select#layout', 'side');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'side');
    await h.frames(page, 2);
    const side = await blocks(page, 0);
    assert.ok(side.en && side.zh && side.en.width > 0 && side.zh.width > 0, `both blocks shown: ${JSON.stringify(side)}`);
    assert.ok(side.zh.left > side.en.left, `zh to the right of en: ${JSON.stringify(side)}`);
    assert.ok(side.zh.left >= side.en.right - 2, `the columns do not overlap: ${JSON.stringify(side)}`);
    assert.ok(Math.abs(side.zh.top - side.en.top) <= 24, `tops roughly equal: ${JSON.stringify(side)}`);
    await h.screenshot(page, 'side-by-side');

    await page.selectOption('select#layout', 'interleaved');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'interleaved');
    await h.frames(page, 2);
    const inter = await blocks(page, 0);
    assert.ok(
      inter.zh.top >= inter.en.bottom - 2 || inter.en.top >= inter.zh.bottom - 2,
      `interleaved: the two languages are stacked: ${JSON.stringify(inter)}`,
    );

    await page.selectOption('select#layout', 'only-en');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-en');
    await h.frames(page, 2);
    assert.ok(await hidden(page, 'article.turn div.text[lang="zh"]'), 'only-en hides Chinese');
    assert.ok(await page.locator('article.turn div.text[lang="en"]').first().isVisible(), 'only-en shows English');

    await page.selectOption('select#layout', 'only-zh');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-zh');
    await h.frames(page, 2);
    assert.ok(await hidden(page, 'article.turn div.text[lang="en"]'), 'only-zh hides English');
    assert.ok(await page.locator('article.turn div.text[lang="zh"]').first().isVisible(), 'only-zh shows Chinese');

    await page.reload();
    await h.waitForTurns(page, 13);
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-zh').catch(
      async (e) => {
        throw new Error(`after a reload the layout is ${await layoutOf(page)}, not only-zh: ${e.message}`);
      },
    );
    assert.equal(await page.inputValue('select#layout'), 'only-zh', 'the select shows the remembered layout');
    assert.ok(await hidden(page, 'article.turn div.text[lang="en"]'), 'English stays hidden after the reload');
  });
});

test('a transcript in Arabic, Hebrew and English: a layout for each language, right-to-left text set so, and one language kept that it lacks shows them all', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    await page.selectOption('select#layout', 'only-zh');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-zh');
    const vtt = readFileSync(new URL('../fixtures/arabic-hebrew-english.vtt', import.meta.url));
    await h.dropFiles(page, null, [h.fileOf('arabic-hebrew-english.vtt', 'text/vtt', vtt)]);
    await h.waitForTurns(page, 3);
    // Chinese only, kept from the sample, would leave every row without text here.
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'interleaved');
    assert.equal(await page.inputValue('select#layout'), 'interleaved', 'the select says what is shown');
    assert.deepEqual(
      [...(await offeredLayouts(page))].sort(),
      [['interleaved', 'Interleaved'], ['only-ar', 'العربية'], ['only-en', 'English'], ['only-he', 'עברית'], ['side', 'Side by side']],
    );
    // Only those are options: one hidden would still widen the select (at 320 px the top bar
    // took three rows).
    assert.equal(await page.$$eval('select#layout option', (os) => os.length), 5);
    const directions = await page.$$eval('article.turn div.text:not(.missing)', (ts) =>
      ts.map((t) => [t.lang, t.getAttribute('dir'), getComputedStyle(t).direction]));
    assert.deepEqual(directions, [
      ['en', null, 'ltr'], ['ar', 'rtl', 'rtl'],
      ['en', null, 'ltr'], ['he', 'rtl', 'rtl'],
      ['en', null, 'ltr'], ['ar', 'rtl', 'rtl'],
    ]);
    // Right to left: the Arabic line ends at its block's left edge, the English at its right.
    const edges = await page.evaluate(() => {
      const first = document.querySelector('article.turn');
      const line = (lang) => {
        const block = first.querySelector(`div.text[lang="${lang}"]`);
        const text = block.querySelector('p').getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(block.querySelector('p'));
        const words = range.getBoundingClientRect();
        return { block: block.getBoundingClientRect().toJSON(), text: text.toJSON(), words: words.toJSON() };
      };
      return { en: line('en'), ar: line('ar') };
    });
    assert.ok(Math.abs(edges.ar.words.right - edges.ar.block.right) <= 2, `Arabic starts at the right: ${JSON.stringify(edges.ar)}`);
    assert.ok(edges.ar.words.left > edges.ar.block.left + 100, `and ends short of the left: ${JSON.stringify(edges.ar)}`);
    assert.ok(Math.abs(edges.en.words.left - edges.en.block.left) <= 2, `English starts at the left: ${JSON.stringify(edges.en)}`);
    await page.selectOption('select#layout', 'side');
    await h.frames(page, 2);
    // The turn in English and Hebrew: Hebrew in the second column, where its Arabic would be.
    const beside = await page.evaluate(() => {
      const turn = document.querySelectorAll('article.turn')[1];
      const r = (lang) => turn.querySelector(`div.text[lang="${lang}"]`).getBoundingClientRect().toJSON();
      return { en: r('en'), he: r('he') };
    });
    assert.ok(Math.abs(beside.he.top - beside.en.top) <= 4 && beside.he.left >= beside.en.right - 2, JSON.stringify(beside));
    await h.screenshot(page, 'arabic-hebrew-english-side');

    await page.selectOption('select#layout', 'only-ar');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-ar');
    await h.frames(page, 2);
    assert.ok(await hidden(page, 'article.turn div.text[lang="en"]'), 'only-ar hides English');
    assert.ok(await hidden(page, 'article.turn div.text[lang="he"]'), 'and Hebrew');
    assert.equal(await page.locator('article.turn div.text[lang="ar"]').first().isVisible(), true, 'only-ar shows Arabic');

    await page.reload();
    await h.waitForTurns(page, 3);
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-ar');
    assert.equal(await page.inputValue('select#layout'), 'only-ar', 'kept across a reload, with the transcript');
  });
});

test('a Chinese lesson of characters, Pinyin and English: three rows a turn, Pinyin in the Latin type, a layout of Pinyin alone, and a veil of its own', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    const srt = readFileSync(new URL('../fixtures/pinyin.srt', import.meta.url));
    await h.dropFiles(page, null, [h.fileOf('pinyin.srt', 'application/x-subrip', srt)]);
    await h.waitForTurns(page, 4);
    const rows = await page.$$eval('article.turn', (turns) =>
      turns.map((t) => [...t.querySelectorAll('div.text:not(.missing)')].map((b) => b.lang)));
    assert.deepEqual(rows, Array(4).fill(['zh', 'zh-Latn-pinyin', 'en']));
    // (The CJK scripts are set with more space between lines.)
    const spacing = await page.evaluate(() => {
      const of = (lang) => getComputedStyle(document.querySelector(`div.text[lang="${lang}"]`)).lineHeight;
      return { zh: of('zh'), pinyin: of('zh-Latn-pinyin'), en: of('en') };
    });
    assert.ok(spacing.pinyin === spacing.en && spacing.zh !== spacing.en, `Pinyin is set as English is: ${JSON.stringify(spacing)}`);
    assert.equal((await offeredLayouts(page)).get('only-zh-Latn-pinyin'), '拼音');
    await page.selectOption('select#layout', 'only-zh-Latn-pinyin');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-zh-Latn-pinyin');
    await h.frames(page, 2);
    assert.ok(await hidden(page, 'article.turn div.text[lang="zh"]'), 'Pinyin alone hides the characters');
    assert.ok(await hidden(page, 'article.turn div.text[lang="en"]'), 'and English');
    assert.ok(await page.locator('article.turn div.text[lang="zh-Latn-pinyin"]').first().isVisible(), 'and shows Pinyin');
    await page.selectOption('select#layout', 'interleaved');
    await h.screenshot(page, 'pinyin-interleaved');
    // Pinyin has a veil of its own, apart from the translation's: hidden, English stays.
    await page.click('#view-open');
    await page.selectOption('#veil-pinyin', 'hidden');
    await h.frames(page, 2);
    assert.ok(await hidden(page, 'article.turn div.text[lang="zh-Latn-pinyin"]'), 'Pinyin veiled');
    assert.ok(await page.locator('article.turn div.text[lang="en"]').first().isVisible(), 'the translation not');
    await page.selectOption('#veil-pinyin', 'shown');
    await page.selectOption('#veil-second', 'hidden');
    await h.frames(page, 2);
    assert.ok(await hidden(page, 'article.turn div.text[lang="en"]'), 'the translation veiled');
    assert.ok(await page.locator('article.turn div.text[lang="zh-Latn-pinyin"]').first().isVisible(), 'Pinyin not');
    await page.selectOption('#veil-second', 'shown');
    // A transcript without Pinyin offers no veil for it.
    await h.dropFiles(page, null, [h.fileOf('two.vtt', 'text/vtt', h.twoCueVtt())]);
    await h.waitForTurns(page, 2);
    await h.waitFor(page, () => !document.querySelector('#veil-pinyin').checkVisibility());
    assert.ok(await page.locator('#veil-second').isVisible(), 'the translation\'s veil stays');
  });
});

test('a blurred translation is read under the pointer, on the turn the keyboard is on, and (if chosen) in the sentence being said', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    const settles = (turn, blurred, what) =>
      h.waitFor(page, ([turn, blurred]) => {
        const filter = getComputedStyle(document.querySelectorAll('article.turn')[turn].querySelector('div.text[lang="zh"] .sentence')).filter;
        return (filter !== 'none') === blurred;
      }, [turn, blurred], { what });
    await page.click('#view-open');
    await page.selectOption('#veil-second', 'blurred');
    await page.keyboard.press('Escape');
    await settles(1, true, 'the translation blurred');
    await settles(0, true, 'every turn alike');
    assert.equal((await page.evaluate(() => getComputedStyle(document.querySelector('article.turn div.text[lang="en"] .sentence')).filter)), 'none', 'the spoken language not');
    await page.locator('article.turn').nth(1).locator('div.text[lang="zh"] .sentence').first().hover();
    await settles(1, false, 'the sentence under the pointer read');
    await page.mouse.move(0, 0);
    await settles(1, true, 'blurred again once the pointer leaves');
    await page.locator('article.turn').nth(1).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await settles(1, false, 'the turn the keyboard is on read');
    await page.evaluate(() => document.activeElement.blur());
    await page.click('#view-open');
    await page.selectOption('#veil-second', 'blurred-but-current');
    await page.keyboard.press('Escape');
    await settles(0, false, 'the sentence being said read');
    await settles(1, true, 'the others not');
  });
});

test('side by side with one language (a one-language transcript) takes the whole width, as interleaved does; its search box says what it searches', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    assert.equal(await page.getAttribute('#search', 'placeholder'), 'Search both languages');
    const oneLanguage = '[00:00:01] Ann\n\nOnly English here, a line long enough to wrap if it had half the width of the row it is in.\n';
    await h.dropFiles(page, null, [h.fileOf('one.md', 'text/markdown', Buffer.from(oneLanguage))]);
    await h.waitForTurns(page, 1);
    const width = async (layout) => {
      await page.selectOption('select#layout', layout);
      await h.waitFor(page, (l) => document.querySelector('#transcript').dataset.layout === l, layout);
      await h.frames(page, 2);
      return (await blocks(page, 0)).en.width;
    };
    const interleaved = await width('interleaved');
    assert.ok(Math.abs((await width('side')) - interleaved) <= 1, 'the same width side by side');
    assert.equal(await page.getAttribute('#search', 'placeholder'), 'Search the transcript');
    assert.equal(await page.getAttribute('#search', 'aria-label'), 'Search the transcript');
  });
});

test('a turn in one of two languages shows it in the main colour; a turn\'s second language is the quieter; printed in black, from either theme', T, async () => {
  const transcript = Buffer.from(
    '[00:00:10] Ann\n\nEnglish:\n\nHello there.\n\n中文翻译:\n\n你好。\n\n' +
      '[00:00:20] Bob\n\n中文翻译:\n\n只有中文的一句话。\n\n[00:00:30] Ann\n\nEnglish:\n\nOnly English.\n',
  );
  for (const colorScheme of ['light', 'dark']) {
    await withPage({ width: 1280, height: 800, colorScheme }, async (page) => {
      await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
      await h.waitForAudioReady(page);
      await h.dropFiles(page, null, [h.fileOf('one-of-two.md', 'text/markdown', transcript)]);
      await h.waitForTurns(page, 3);
      // The Chinese-only turn is the one being said: the first keeps its quieter second language.
      await h.setAudioTime(page, 21);
      await h.waitForActive(page, 20);
      const marks = () =>
        page.evaluate(() => {
          const sentence = getComputedStyle(document.querySelector('.turn[aria-current="true"] .sentence[aria-current="true"]'));
          const link = getComputedStyle(document.querySelector('.turn[aria-current="true"] .turn-link'));
          return { sentence: sentence.backgroundColor, underline: sentence.textDecorationLine, link: link.display };
        });
      const colours = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('article.turn')].map((turn) =>
            [...turn.querySelectorAll('div.text:not(.missing)')].map((t) => `${t.lang} ${getComputedStyle(t).color}`),
          ),
        );
      for (const media of ['screen', 'print']) {
        await page.emulateMedia({ media });
        const [both, chineseOnly, englishOnly] = await colours();
        const at = `${colorScheme} theme, ${media}`;
        const main = both[0].replace(/^en /, '');
        assert.notEqual(both[1], `zh ${main}`, `${at}: the second language is the quieter: ${both}`);
        assert.deepEqual(chineseOnly, [`zh ${main}`], `${at}: the Chinese of a turn without English`);
        assert.deepEqual(englishOnly, [`en ${main}`], `${at}: the English of a turn without Chinese`);
        const marked = await marks();
        if (media === 'print') {
          assert.equal(main, 'rgb(0, 0, 0)', `${at}: black on paper`);
          assert.deepEqual(marked, { sentence: 'rgba(0, 0, 0, 0)', underline: 'none', link: 'none' }, `${at}: no sentence marked, no buttons`);
          const times = await page.evaluate(() => [...document.querySelectorAll('.turn-time')].map((t) => `${getComputedStyle(t).color} ${getComputedStyle(t).fontWeight}`));
          assert.equal(new Set(times).size, 1, `${at}: the current turn's time printed as the others' are: ${times}`);
        } else {
          assert.notEqual(marked.sentence, 'rgba(0, 0, 0, 0)', `${at}: the sentence being said is marked`);
        }
      }
      // Printed while the turn in two languages is the current one: its second language is as
      // quiet as any other's.
      await h.setAudioTime(page, 11);
      await h.waitForActive(page, 10);
      assert.notEqual((await colours())[0][1], `zh rgb(0, 0, 0)`, `${colorScheme} theme, print: the current turn's second language is the quieter`);
      await page.emulateMedia({ media: 'screen' });
    });
  }
});

test('a long address, or a word longer than the line (in the text, or a speaker\'s name), wraps inside its turn in every layout', T, async () => {
  const url = 'https://www.example.com/blog/2024/05/how-we-built-our-evaluation-pipeline-for-large-language-models?utm_source=podcast';
  const word = 'x'.repeat(600);
  const transcript = Buffer.from(
    `# Links\n\n[00:00:00] ${'Host'.repeat(40)}\n\nEnglish:\n\nRead it at ${url} today. ${word}\n\n中文翻译:\n\n在 ${url} 阅读全文。${word}\n`,
  );
  for (const [width, layout] of [[390, 'interleaved'], [1280, 'side']]) {
    await withPage({ width, height: 800 }, async (page) => {
      await h.openApp(page, app.url());
      await page.selectOption('#layout', layout);
      await h.dropFiles(page, null, [h.fileOf('links.md', 'text/markdown', transcript)]);
      await h.waitForTurns(page, 1);
      const overflow = await page.evaluate(() => {
        const turn = document.querySelector('article.turn').getBoundingClientRect();
        return [...document.querySelectorAll('article.turn :is(.text, .turn-head > *)')].map((t) => Math.round(t.getBoundingClientRect().right - turn.right));
      });
      assert.ok(overflow.every((past) => past <= 0), `${width} px, ${layout}: texts and the turn's head run past their turn by ${overflow} px`);
    });
  }
});

test('the header\'s lines that share a row share a baseline, Chinese beside Latin', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    // Each line's text box, grouped into the rows they wrap into (a row's lines start within
    // half a line of each other, however they are aligned in it).
    const rows = await page.evaluate(() => {
      const rows = [];
      for (const line of document.querySelectorAll('.doc-meta')) {
        const range = document.createRange();
        range.selectNodeContents(line);
        const text = range.getClientRects()[0];
        const top = line.getBoundingClientRect().top;
        const row = rows.at(-1);
        const entry = { line: line.textContent, bottom: text.bottom };
        if (row && top - row.top < text.height / 2) row.lines.push(entry);
        else rows.push({ top, lines: [entry] });
      }
      return rows.map((row) => row.lines);
    });
    const mixed = rows.find((row) => row.some((l) => /\p{Script=Han}/u.test(l.line)) && row.some((l) => !/\p{Script=Han}/u.test(l.line)));
    assert.ok(mixed, `a row holds a Chinese line beside Latin ones at 1,280 px: ${JSON.stringify(rows)}`);
    const bottoms = mixed.map((l) => l.bottom);
    assert.ok(Math.max(...bottoms) - Math.min(...bottoms) < 0.5, `their text stands on one line: ${JSON.stringify(mixed)}`);
  });
});

test('the title, header lines and speakers are each in their own language and direction: an Arabic title set right to left', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    const transcript = Buffer.from('# حلقة تجريبية\n\n## 双语对照\n\nA pilot episode\n\n[00:00:00] Ann\n\nEnglish:\n\nHello.\n\n中文翻译:\n\n你好。\n\n[00:00:05] 主持人\n\nEnglish:\n\nWelcome.\n\n中文翻译:\n\n欢迎。\n');
    await h.dropFiles(page, null, [h.fileOf('pilot.md', 'text/markdown', transcript)]);
    await h.waitFor(page, () => document.querySelector('.doc-title')?.textContent === 'حلقة تجريبية', undefined, { what: 'the Arabic title' });
    const header = await page.evaluate(() =>
      [...document.querySelectorAll('.doc-title, .doc-meta')].map((e) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const [box, words] = [e.getBoundingClientRect(), range.getBoundingClientRect()];
        return [e.textContent, e.lang, getComputedStyle(e).direction, Math.round(box.right - words.right)];
      }),
    );
    assert.deepEqual(header.map(([text, lang, direction]) => [text, lang, direction]), [
      ['حلقة تجريبية', 'ar', 'rtl'],
      ['双语对照', 'zh', 'ltr'],
      ['A pilot episode', 'en', 'ltr'],
    ]);
    assert.ok(header[0][3] <= 1, `the title starts at the right: ${header[0]}`);
    const speakers = await page.evaluate(() => [...document.querySelectorAll('article.turn .speaker')].map((s) => [s.textContent, s.lang]));
    assert.deepEqual(speakers, [['Ann', 'en'], ['主持人', 'zh']]);
  });
});

test('Chinese in traditional characters is tagged zh-Hant (the shapes and voice of Taiwan\'s and Hong Kong\'s), set as Chinese, and shown alone by Chinese only', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    // The font each glyph is drawn in, as Chromium says (the names in the stylesheet only say
    // which are asked for).
    const devtools = await page.context().newCDPSession(page);
    const drawnIn = async (selector = 'article.turn div.text:not([lang="en"]) p') => {
      const { root } = await devtools.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await devtools.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      await devtools.send('CSS.enable');
      const { fonts } = await devtools.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts.map((f) => f.familyName);
    };
    const look = async () => ({
      ...await page.evaluate(() => {
        const text = document.querySelector('article.turn div.text:not([lang="en"])');
        const style = getComputedStyle(text);
        return { lang: text.lang, fontSize: style.fontSize, lineHeight: style.lineHeight };
      }),
      drawnIn: await drawnIn(),
    });
    const simplified = await look();
    assert.equal(simplified.lang, 'zh', 'the sample is simplified: zh');
    assert.deepEqual(simplified.drawnIn, ['Noto Sans CJK SC'], 'in the simplified font');
    const vtt = readFileSync(new URL('../fixtures/traditional-chinese.vtt', import.meta.url));
    await h.dropFiles(page, null, [h.fileOf('traditional-chinese.vtt', 'text/vtt', vtt)]);
    await h.waitFor(page, () => document.querySelector('article.turn .speaker')?.textContent === '陳美玲', undefined, { what: 'the dropped transcript' });
    const tags = await page.$$eval('article.turn div.text', (ts) => ts.map((t) => t.lang));
    assert.deepEqual(tags, ['en', 'zh-Hant', 'en', 'zh-Hant', 'en', 'zh-Hant']);
    const speakers = await page.$$eval('article.turn .speaker', (ss) => ss.map((s) => [s.textContent, s.lang]));
    assert.deepEqual(speakers, [['陳美玲', 'zh-Hant'], ['Tom Lee', 'en'], ['陳美玲', 'zh-Hant']]);
    assert.deepEqual(await look(), { ...simplified, lang: 'zh-Hant', drawnIn: ['Noto Sans CJK TC'] },
      'drawn in the traditional font, at the Chinese type\'s size and leading');
    assert.deepEqual(await drawnIn('article.turn .speaker'), ['Noto Sans CJK TC'], 'and so is a name in it');
    await page.selectOption('select#layout', 'only-zh');
    await h.waitFor(page, () => document.querySelector('#transcript').dataset.layout === 'only-zh');
    assert.ok(await hidden(page, 'article.turn div.text[lang="en"]'), 'Chinese only hides English');
    assert.ok(await page.locator('article.turn div.text[lang="zh-Hant"]').first().isVisible(), 'and shows the traditional Chinese');
  });
});

test('in forced colours (a Windows contrast theme) the current turn still has its bar, the others none, and Follow shows whether it is on', T, async () => {
  for (const colorScheme of ['light', 'dark']) await withPage({ colorScheme }, async (page) => {
    await page.emulateMedia({ forcedColors: 'active', colorScheme });
    await h.openApp(page, app.url());
    const look = () =>
      page.evaluate(() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector));
        const turns = [...document.querySelectorAll('article.turn')];
        return {
          page: getComputedStyle(document.body).backgroundColor,
          current: turns.filter((t) => t.getAttribute('aria-current') === 'true').map((t) => getComputedStyle(t).borderLeftColor),
          others: [...new Set(turns.filter((t) => t.getAttribute('aria-current') !== 'true').map((t) => getComputedStyle(t).borderLeftColor))],
          follow: { background: style('#follow-toggle').backgroundColor, color: style('#follow-toggle').color },
          button: style('#open-file').backgroundColor,
        };
      });
    const on = await look();
    const where = `${colorScheme}: ${JSON.stringify(on)}`;
    assert.equal(on.current.length, 1, `one current turn, ${where}`);
    assert.deepEqual(on.others, [on.page], `the other turns' bars are the page's colour, ${where}`);
    assert.notEqual(on.current[0], on.page, `the current turn's bar shows, ${where}`);
    assert.notEqual(on.follow.background, on.button, `Follow on looks unlike a button that is not, ${where}`);
    assert.notEqual(on.follow.color, on.follow.background, `and its name shows, ${where}`);
    await page.click('#follow-toggle');
    await h.waitFor(page, () => document.querySelector('#follow-toggle').getAttribute('aria-pressed') === 'false', undefined, { what: 'Follow off' });
    assert.equal((await look()).follow.background, on.button, `Follow off looks like the other buttons (${colorScheme})`);
    await h.screenshot(page, `forced-colors-${colorScheme}`);
    // The search box waiting as an icon (on a phone): its magnifier shows, not a sliver of its
    // placeholder ("Se").
    await page.setViewportSize({ width: 390, height: 800 });
    const search = await page.evaluate(() => {
      const input = document.querySelector('.search input');
      return {
        icon: getComputedStyle(input.parentElement, '::before').backgroundColor,
        field: getComputedStyle(input).backgroundColor,
        placeholder: getComputedStyle(input, '::placeholder').color,
      };
    });
    assert.notEqual(search.icon, search.field, `the magnifier shows on its field (${colorScheme}): ${JSON.stringify(search)}`);
    assert.equal(search.placeholder, 'rgba(0, 0, 0, 0)', `the placeholder does not (${colorScheme})`);
    await h.screenshot(page, `forced-colors-${colorScheme}-390`);
  });
});

test('theme toggle switches <html data-theme> and the colours', T, async () => {
  await withPage({ colorScheme: 'light' }, async (page) => {
    await h.openApp(page, app.url());
    const look = () =>
      page.evaluate(() => {
        const c = (el) => {
          const s = getComputedStyle(el);
          return `${s.backgroundColor}|${s.color}`;
        };
        return {
          theme: document.documentElement.dataset.theme,
          colours: [document.documentElement, document.body, document.querySelector('#transcript'),
            document.querySelector('article.turn div.text')].map(c).join(' '),
        };
      });
    const first = await look();
    assert.ok(['light', 'dark'].includes(first.theme), `data-theme is light or dark: ${first.theme}`);
    await page.click('button#theme-toggle');
    const other = first.theme === 'light' ? 'dark' : 'light';
    await h.waitFor(page, (other) => document.documentElement.dataset.theme === other, other);
    await h.frames(page, 2);
    const second = await look();
    assert.notEqual(second.colours, first.colours, 'the colours change with the theme');
    await page.click('button#theme-toggle');
    await h.waitFor(page, (t) => document.documentElement.dataset.theme === t, first.theme);
  });
  // On a dark system too, the first press changes what is seen (automatic went to dark, and
  // nothing changed); then the system's look, then automatic. A screen reader hears the button's
  // name once (not again as its description).
  await withPage({ colorScheme: 'dark' }, async (page) => {
    await h.openApp(page, app.url());
    const shown = async () => {
      const { name, description } = await h.heard(page, '#theme-toggle');
      return [await page.evaluate(() => document.documentElement.dataset.theme), name, description];
    };
    assert.deepEqual(await shown(), ['dark', 'Theme: automatic', '']);
    for (const expected of [['light', 'Theme: light', ''], ['dark', 'Theme: dark', ''], ['dark', 'Theme: automatic', '']]) {
      await page.click('button#theme-toggle');
      await h.waitFor(page, (title) => document.querySelector('#theme-toggle').title === title, expected[1]);
      assert.deepEqual(await shown(), expected);
    }
  });
});

test('on a phone (a touch screen) the keyboard help\'s button gives its room to the rest; on a tablet it stays', T, async () => {
  for (const [width, height, shown] of [[390, 844, false], [320, 640, false], [1024, 768, true]]) {
    await withPage({ width, height, hasTouch: true, isMobile: true }, async (page) => {
      await h.openApp(page, app.url());
      assert.equal(await page.locator('#help-open').isVisible(), shown, `at ${width} px, touch: the button ${shown ? 'shows' : 'hidden'}`);
      assert.equal(await rowsOf(page, 'header.toolbar'), width < 641 ? 2 : 1, `at ${width} px, touch: the top bar's rows`);
    });
  }
});

test('the search box is as high as the top bar\'s buttons at every width, waiting or in use, and waiting as wide as an icon button', T, async () => {
  const heights = (page) =>
    page.evaluate(() => Object.fromEntries(['#search', '#open-file', '#view-open', '#search-next'].map((id) => [id, document.querySelector(id).getBoundingClientRect().height])));
  const widths = (page) => page.evaluate(() => ['#search', '#theme-toggle'].map((id) => document.querySelector(id).getBoundingClientRect().width));
  await withPage({ width: 320, height: 640 }, async (page) => {
    await h.openApp(page, app.url());
    for (const width of [320, 360, 412, 800, 1000, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await h.frames(page, 2);
      const waiting = await heights(page);
      assert.ok(Math.abs(waiting['#search'] - waiting['#open-file']) < 1, `at ${width} px the waiting box as high as a button: ${JSON.stringify(waiting)}`);
      if (width < 1241) {
        const [search, icon] = await widths(page);
        assert.ok(Math.abs(search - icon) < 1, `at ${width} px the waiting box ${search} px wide, an icon button ${icon} px`);
      }
      await page.fill('#search', 'news');
      await h.frames(page, 2);
      const used = await heights(page);
      assert.ok(Math.abs(used['#search'] - used['#search-next']) < 1, `at ${width} px, holding a query, the field as high as its arrows: ${JSON.stringify(used)}`);
      await page.fill('#search', '');
      await page.evaluate(() => document.activeElement.blur());
    }
  });
});

test('on a phone the bars take two rows each, and the top bar one in any wider window: search is a box until used, then a row of its own', T, async () => {
  await withPage({ width: 320, height: 640 }, async (page) => {
    await h.openApp(page, app.url());
    const searchWidth = () => page.evaluate(() => document.querySelector('#search').getBoundingClientRect().width);
    const wholeNames = (width) => assertWholeChoices(page, ['#export', '#layout'], `at ${width} px`);
    // The smallest phones too (at 320 px the bar took three rows, 116 px of 640).
    assert.equal(await rowsOf(page, 'header.toolbar'), 2, 'the top bar at 320 px: two rows');
    await wholeNames(320);
    await page.setViewportSize({ width: 360, height: 740 });
    await h.frames(page, 2);
    assert.equal(await rowsOf(page, 'header.toolbar'), 2, 'the top bar: two rows');
    assert.ok(await page.locator('#help-open').isVisible(), 'a computer\'s window this narrow keeps the keyboard help\'s button');
    await wholeNames(360);
    assert.ok((await searchWidth()) < 50, `search waits as a small box (${await searchWidth()} px)`);
    assert.equal(await page.locator('#search-next').isVisible(), false, 'its arrows wait too');
    // The player: the seek bar, then the buttons, the two times stacked, the speed and practice.
    const transport = await page.locator('.transport').boundingBox();
    for (const id of ['#time-current', '#time-duration', '#speed', '#practice']) {
      const box = await page.locator(id).boundingBox();
      const middle = box.y + box.height / 2;
      assert.ok(middle > transport.y && middle < transport.y + transport.height, `${id} beside the play button`);
    }
    assert.ok((await page.locator('.player-bar').boundingBox()).height < 110, 'the player bar is under 110 px high');
    // Every practice choice shows whole, the longest too ("Pause after each sentence": beside
    // the speed it was cut to "Pause a"; at 320 px, beside the buttons, "Repeat each sente…").
    for (const width of [320, 340, 359, 360, 390, 600]) {
      await page.setViewportSize({ width, height: 740 });
      await h.frames(page, 2);
      const fit = await fitOf(page, '#practice', true);
      assert.ok(fit.select >= fit.text + 16, `at ${width} px every practice choice shows whole: ${JSON.stringify(fit)}`);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await h.frames(page, 2);
    await page.click('#search');
    assert.ok((await searchWidth()) > 200, 'focused, search takes a row of its own');
    await page.keyboard.type('news');
    await h.waitFor(page, () => /\d/.test(document.querySelector('#search-count').textContent));
    await page.evaluate(() => document.activeElement.blur());
    assert.ok((await searchWidth()) > 150, 'holding a query, it keeps its row');
    assert.equal(await page.locator('#search-next').isVisible(), true, 'with its arrows');
    assert.equal(await overflowOf(page), 0, 'nothing sticks out of the page');
    await page.fill('#search', '');
    await page.evaluate(() => document.activeElement.blur());
    assert.ok((await searchWidth()) < 50, 'emptied and left, it is a small box again');
    // Wider than a phone (half a laptop's screen, a tablet either way up, a small laptop): the
    // top bar is one row, search waiting as a box there too; from 1,241 px it is a full field.
    for (const width of [641, 699, 700, 760, 779, 780, 900, 901, 1000, 1001, 1024, 1240]) {
      await page.setViewportSize({ width, height: 800 });
      await h.waitFor(page, () => document.querySelector('header.toolbar').getBoundingClientRect().height < 60, undefined, { what: `a one-row top bar at ${width} px` });
      assert.equal(await rowsOf(page, 'header.toolbar'), 1, `the top bar at ${width} px: one row`);
      await wholeNames(width);
      assert.ok((await searchWidth()) < 50, `at ${width} px search waits as a small box`);
    }
    await page.click('#search');
    assert.ok((await searchWidth()) > 500, 'at 1,240 px, focused, search takes a row of its own');
    await page.evaluate(() => document.activeElement.blur());
    await page.setViewportSize({ width: 1241, height: 800 });
    assert.equal(await rowsOf(page, 'header.toolbar'), 1, 'the top bar at 1,241 px: one row');
    assert.ok((await searchWidth()) > 100, 'at 1,241 px search is a field from the start');
    // Counting, it keeps its width, the count inside it: the bar stays one row (from 1,241 to
    // 1,291 px the count had sent the last button to a second one).
    const searchBox = () => page.evaluate(() => Math.round(document.querySelector('.search').getBoundingClientRect().width));
    const waiting = await searchBox();
    for (const width of [1241, 1280, 1291]) {
      await page.setViewportSize({ width, height: 800 });
      for (const [query, count] of [['model', /^\d+ \/ \d+$/], ['zzzq', /no match/]]) {
        await page.fill('#search', query);
        await h.waitFor(page, (count) => new RegExp(count).test(document.querySelector('#search-count').textContent.trim()), count.source, { what: `the count of "${query}"` });
        await page.evaluate(() => document.activeElement.blur());
        await h.frames(page, 2);
        assert.equal(await rowsOf(page, 'header.toolbar'), 1, `at ${width} px, searching "${query}": one row`);
        assert.equal(await searchBox(), waiting, `at ${width} px the search is as wide counting as waiting`);
      }
    }
    await page.fill('#search', '');
  });
});

test('the drop hint is centred on a phone, every line of it', T, async () => {
  for (const colorScheme of ['light', 'dark']) await withPage({ width: 360, height: 740, colorScheme }, async (page) => {
    await h.openApp(page, app.url());
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'talk.vtt', { type: 'text/vtt' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
    });
    await h.waitFor(page, () => !document.querySelector('.drop-overlay').hidden, undefined, { what: 'the drop hint shown' });
    const lines = await page.evaluate(() => {
      const overlay = document.querySelector('.drop-overlay').getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.drop-overlay p'));
      return [...range.getClientRects()].map((r) => ({ left: r.left - overlay.left, right: overlay.right - r.right }));
    });
    assert.ok(lines.length >= 2, `the hint wraps at 360 px (${lines.length} line)`);
    for (const line of lines)
      assert.ok(Math.abs(line.left - line.right) <= 2, `a line of the hint centred: ${JSON.stringify(lines)}`);
    await h.screenshot(page, `drop-hint-360-${colorScheme}`);
  });
});

test('the player bar shows all of itself at every width, its practice controls and every practice choice too', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    for (const practice of ['play-on', 'loop-turns']) {
      await page.selectOption('#practice', practice);
      for (let width = 360; width <= 1320; width += 40) {
        await page.setViewportSize({ width, height: 800 });
        await h.frames(page, 2);
        const cut = await page.evaluate(() => {
          const bar = document.querySelector('.player-bar');
          return bar.scrollWidth - bar.clientWidth;
        });
        assert.equal(cut, 0, `at ${width} px with "${practice}", ${cut} px of the player bar out of sight`);
        // Every choice whole, not only the one chosen ("Repeat each se" at 1,280 px once): the
        // longest fits, or (at a computer's width, the choice as wide as the one chosen) each,
        // chosen, shows whole.
        const sized = await page.evaluate(() => getComputedStyle(document.querySelector('#practice')).fieldSizing === 'content');
        if (!sized) {
          const fit = await fitOf(page, '#practice', true);
          assert.ok(fit.select >= fit.text + 16, `at ${width} px every practice choice shows whole: ${JSON.stringify(fit)}`);
          continue;
        }
        for (const choice of await page.$$eval('#practice option', (os) => os.map((o) => o.value))) {
          await page.selectOption('#practice', choice);
          await h.frames(page, 1);
          await assertWholeChoices(page, ['#practice'], `at ${width} px, "${choice}" chosen:`);
        }
        await page.selectOption('#practice', practice);
      }
      if (practice === 'loop-turns') {
        await page.setViewportSize({ width: 700, height: 800 });
        await h.frames(page, 2);
        await h.screenshot(page, 'player-bar-700-loop');
      }
    }
  });
});

test('in a short window (400% zoom, a phone on its side) the whole player bar is on the page and the transcript keeps room to read', T, async () => {
  await withPage({ width: 320, height: 256 }, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    for (const [width, height] of [[320, 256], [360, 300], [568, 320], [640, 360]]) {
      await page.setViewportSize({ width, height });
      await h.frames(page, 2);
      const at = `at ${width} × ${height} px`;
      const room = await page.evaluate(() => ({
        page: document.documentElement.scrollHeight - innerHeight,
        bar: document.querySelector('.player-bar').getBoundingClientRect().bottom - innerHeight,
        transcript: document.querySelector('#transcript').clientHeight,
        cut: (({ scrollWidth, clientWidth }) => scrollWidth - clientWidth)(document.querySelector('.player-bar')),
      }));
      assert.ok(room.page <= 0, `${at} the page does not scroll (${room.page} px over)`);
      assert.ok(room.bar <= 0, `${at} the player bar ends on the page (${room.bar} px under it)`);
      assert.equal(room.cut, 0, `${at} nothing of the player bar is cut off at its side`);
      // Two lines of text and more: at 320 × 256 it was the transcript's own padding (76 px).
      assert.ok(room.transcript >= 100, `${at} the transcript is ${room.transcript} px high`);
      for (const id of ['#play', '#seek', '#time-current', '#time-duration', '#speed', '#practice']) {
        const box = await page.locator(id).boundingBox();
        assert.ok(box && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, `${at} ${id} is on the page: ${JSON.stringify(box)}`);
      }
      await assertWholeChoices(page, ['#practice'], at);
    }
  });
});

test('with a larger text size set in the browser, the bars lay out as in a window that much narrower: a laptop\'s top bar stays one row, and a phone\'s player shows its speed and practice choice whole; a speaker\'s name breaks between words', T, async () => {
  // The browser's own text size setting (Chrome's "Font size": 20 px is "Large", 24 px "Very
  // large"), which sets the size of 1em in the page and in its media queries.
  const cases = [
    // 1,280 px at 24 px text is 853 px at 16: the compact top bar in one row (the full-size
    // one wrapped to two rows, 145 px).
    { width: 1280, height: 800, text: 24, toolbarRows: 1 },
    // Between the compact bar's widest (900 px at 16) and where the full-size bar drops the
    // product's name (901 px), there was no rule for 1,351 px at 24 px text (900.67 at 16):
    // the full-size bar with the name, in two rows.
    { width: 1351, height: 800, text: 24, toolbarRows: 1 },
    // A phone with large text (275 px at 16): the speed was a 32 px sliver showing nothing.
    { width: 412, height: 800, text: 24 },
    { width: 360, height: 740, text: 20 },
    // Twice the text (205 px at 16): the times over the buttons, the speed and practice under.
    { width: 390, height: 800, text: 32 },
    // A laptop at twice the text (640 px at 16): the keyboard help's button was hidden, as on a phone.
    { width: 1280, height: 800, text: 32, toolbarRows: 1 },
  ];
  for (const { width, height, text, toolbarRows } of cases) await withPage({ width, height }, async (page) => {
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Page.setFontSizes', { fontSizes: { standard: text, fixed: Math.round((text * 13) / 16) } });
    await h.openApp(page, app.url());
    const where = `at ${width} px with ${text} px text`;
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), `${text}px`, `${where}: the page's text follows the setting`);
    if (toolbarRows) assert.equal(await rowsOf(page, 'header.toolbar'), toolbarRows, `${where}: the top bar in one row`);
    assert.equal(await overflowOf(page), 0, `${where}: nothing sticks out of the page`);
    assert.ok(await page.locator('#help-open').isVisible(), `${where}: the keyboard help's button shows (a mouse, so a keyboard)`);
    const cut = await page.evaluate(() => {
      const bar = document.querySelector('.player-bar');
      return bar.scrollWidth - bar.clientWidth;
    });
    assert.equal(cut, 0, `${where}: the player bar shows all of itself`);
    await assertWholeChoices(page, ['#export', '#layout', '#speed', '#practice'], where);
    // A speaker's name breaks between its words, if at all ("Chip Huye / n" at 390 px with 32 px
    // text): a word on two lines has two boxes.
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('article.turn .speaker')].flatMap((speaker) => {
        const text = speaker.firstChild;
        const words = [...text.data.matchAll(/\S+/g)];
        return words.filter((word) => {
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          return range.getClientRects().length > 1;
        }).map((word) => word[0]);
      }),
    );
    assert.deepEqual(broken, [], `${where}: the speakers' names whole words`);
    for (const id of ['.transport', '#time-current', '#time-duration', '#speed', '#practice']) {
      const box = await page.locator(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width, `${where}: ${id} inside the window (${JSON.stringify(box)})`);
    }
    if (width < 500) {
      await h.screenshot(page, `large-text-${width}`);
      // The View menu's choices whole too ("100%" was cut to "10…" beside a wrapped label), and
      // inside its card (at twice the text, they ran off the screen).
      await page.click('#view-open');
      await h.waitFor(page, () => document.querySelector('#size-cjk') !== null, undefined, { what: 'the View menu' });
      await assertWholeChoices(page, ['#veil-first', '#veil-second', '#size-latin', '#size-cjk'], `${where}, the View menu:`);
      const outside = await page.evaluate(() => {
        const card = document.querySelector('.view-card').getBoundingClientRect();
        return [...document.querySelectorAll('.view-card *')]
          .filter((e) => e.tagName !== 'OPTION' && e.getClientRects().length > 0)
          .filter((e) => e.getBoundingClientRect().right > card.right + 0.5 || e.getBoundingClientRect().left < card.left - 0.5)
          .map((e) => e.id || e.className);
      });
      assert.deepEqual(outside, [], `${where}: the View menu's rows inside its card`);
      assert.equal(await overflowOf(page), 0, `${where}, the View menu open: nothing sticks out of the page`);
      await h.screenshot(page, `large-text-${width}-view`);
    }
  });
});

test('the keyboard\'s focus ring shows whole on every control of the bars, on a computer and a phone', T, async () => {
  for (const width of [1280, 390]) await withPage({ width, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    await page.keyboard.press('Tab'); // the keyboard in use: a focus then shows its ring
    const cut = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('.toolbar :is(button, select, input, summary), .player-bar :is(button, select, input)')]
        .filter((c) => c.checkVisibility() && c.type !== 'file');
      return controls.flatMap((c) => {
        c.focus();
        const style = getComputedStyle(c);
        if (!c.matches(':focus-visible') || style.outlineStyle === 'none') return [`${c.id || c.className}: no ring`];
        const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
        const r = c.getBoundingClientRect();
        const ring = { left: r.left - reach, right: r.right + reach, top: r.top - reach, bottom: r.bottom + reach };
        // Each box between it and the page that cuts off what overflows it must hold the ring.
        for (let a = c.parentElement; a; a = a.parentElement) {
          const o = getComputedStyle(a);
          if (o.overflowX === 'visible' && o.overflowY === 'visible') continue;
          const b = a.getBoundingClientRect();
          if (ring.left < b.left - 0.5 || ring.right > b.right + 0.5 || ring.top < b.top - 0.5 || ring.bottom > b.bottom + 0.5) {
            return [`${c.id || c.className}: cut by ${a.id || a.className || a.tagName}`];
          }
        }
        return [];
      });
    });
    assert.deepEqual(cut, [], `at ${width} px`);
  });
});

test('Tab goes through the top bar in the order it reads, left to right and row by row, at every width', T, async () => {
  // (On a phone it went from Export to the search, at the second row's end, and back up to Layout.)
  for (const width of [1280, 1100, 700, 390]) await withPage({ width, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    await page.focus('#open-file');
    const visited = [];
    for (let i = 0; i < 30; i++) {
      const at = await page.evaluate(() => {
        const c = document.activeElement;
        if (!c?.closest('.toolbar')) return null;
        const r = c.getBoundingClientRect();
        return { name: c.id || c.className || c.tagName, left: r.left, top: r.top, bottom: r.bottom };
      });
      if (!at) break;
      visited.push(at);
      await page.keyboard.press('Tab');
    }
    assert.ok(visited.some((c) => c.name === 'search'), `at ${width} px the search is reached: ${visited.map((c) => c.name)}`);
    for (let i = 1; i < visited.length; i++) {
      const [a, b] = [visited[i - 1], visited[i]];
      const sameRow = b.top < a.bottom - 1 && a.top < b.bottom - 1;
      assert.ok(sameRow ? b.left > a.left : b.top > a.top, `at ${width} px, ${b.name} after ${a.name} reads backwards: ${JSON.stringify([a, b])}`);
    }
  });
});

test('the View menu on a computer and a phone: the text sizes beside their labels, the reading mode\'s box beside its words', T, async () => {
  for (const width of [1280, 390]) await withPage({ width, height: 800 }, async (page) => {
    await h.openApp(page, app.url());
    await page.click('#view-open');
    await h.waitFor(page, () => document.querySelector('#reading-mode') !== null, undefined, { what: 'the View menu' });
    // A control beside its label: their boxes side by side and level (at a 1,280 px window the
    // box stood alone over "Reading mode…", and the Chinese size under its label).
    const apart = await page.evaluate(() => ['#size-latin', '#size-cjk', '#reading-mode'].flatMap((id) => {
      const control = document.querySelector(id);
      const label = control.closest('label').querySelector('span').getBoundingClientRect();
      const box = control.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      return middle > label.top && middle < label.bottom ? [] : [`${id}: its middle ${Math.round(middle)}, its label ${Math.round(label.top)}–${Math.round(label.bottom)}`];
    }));
    assert.deepEqual(apart, [], `at ${width} px`);
    // The two languages' choices laid out alike, both beside their labels or both under them (at
    // 390 px "Spoken language" had its choice under it, "Translation" beside it).
    const beside = await page.evaluate(() => ['#veil-first', '#veil-second'].map((id) => {
      const control = document.querySelector(id);
      const label = control.closest('label').querySelector('span').getBoundingClientRect();
      return control.getBoundingClientRect().left >= label.right;
    }));
    assert.equal(beside[0], beside[1], `at ${width} px: the spoken language's choice beside its label ${beside[0]}, the translation's ${beside[1]}`);
  });
});

test('a turn becoming the current one keeps its time and speaker where they were (its marker in the margin)', T, async () => {
  for (const width of [1280, 390]) await withPage({ width, height: 800 }, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForAudioReady(page);
    const placeOf = () => page.evaluate(() => {
      const row = document.querySelectorAll('article.turn')[1];
      return ['.turn-time', '.speaker'].map((part) => Math.round(row.querySelector(part).getBoundingClientRect().left));
    });
    const before = await placeOf();
    await h.setAudioTime(page, 16);
    await h.waitForActive(page, 15);
    assert.deepEqual(await placeOf(), before, `at ${width} px: the time's and the name's left edges`);
    const marker = await page.evaluate(() => {
      const time = document.querySelector('article.turn[aria-current="true"] .turn-time');
      const style = getComputedStyle(time, '::before');
      return { content: style.content, position: style.position };
    });
    assert.deepEqual(marker, { content: '"▶"', position: 'absolute' }, `at ${width} px: the current turn still marked`);
  });
});

test('the time growing a figure (9:59 to 10:00) moves nothing beside it: the seek bar, the duration and the speed stay put', T, async () => {
  for (const width of [1280, 390]) await withPage({ width, height: 800 }, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForAudioReady(page);
    const placesAt = async (seconds, shown) => {
      await h.setAudioTime(page, seconds);
      await h.waitFor(page, (shown) => document.querySelector('#time-current').textContent === shown, shown, { what: `the time ${shown}` });
      return page.evaluate(() =>
        Object.fromEntries(['#time-current', '.seek', '#time-duration', '#speed', '#practice'].map((s) => {
          const box = document.querySelector(s).getBoundingClientRect();
          return [s, [box.left, box.right, box.top].map(Math.round)];
        })),
      );
    };
    const before = await placesAt(599.5, '9:59');
    const after = await placesAt(600.5, '10:00');
    assert.deepEqual(after, before, `at ${width} px: left, right and top of each`);
  });
});

test('on a phone held sideways the help fits the window, opens at its title and scrolls; the paste dialog keeps a margin on a phone', T, async () => {
  await withPage({ width: 740, height: 360 }, async (page) => {
    await h.openApp(page, app.url());
    await page.click('#help-open');
    await h.waitFor(page, () => document.querySelector('#help')?.hidden === false, undefined, { what: 'the help open' });
    const help = await page.evaluate(() => {
      const card = document.querySelector('.help-card').getBoundingClientRect();
      const title = document.querySelector('#help-title').getBoundingClientRect();
      return { top: card.top, bottom: card.bottom, titleTop: title.top, height: innerHeight, focus: document.activeElement.className };
    });
    assert.ok(help.top >= 0 && help.bottom <= help.height, `the card inside the window: ${JSON.stringify(help)}`);
    assert.ok(help.titleTop >= help.top, `it opens at its title: ${JSON.stringify(help)}`);
    assert.equal(help.focus, 'help-close', 'the focus on its Close button');
    // At its top, the Close button stands on a band of the card's colour across its width and
    // over its padding below: no text runs on beside the button or under it (as painted: the
    // band is a shadow, which a hit test would not see).
    const band = await page.evaluate(() => {
      const card = document.querySelector('.help-card');
      const box = card.getBoundingClientRect();
      const button = document.querySelector('.help-close').getBoundingClientRect();
      const colour = getComputedStyle(card).backgroundColor.match(/\d+/g).map(Number);
      // Clear of the focus ring, the card's border and its rounded corners.
      const beside = { x: button.right + 8, y: button.top, width: box.right - button.right - 16, height: button.height };
      const below = { x: box.left + 16, y: button.bottom + 6, width: box.width - 32, height: box.bottom - button.bottom - 10 };
      return { colour, areas: [beside, below] };
    });
    const notCard = async (colour) => {
      const counts = [];
      for (const clip of band.areas) {
        const png = PNG.sync.read(await page.screenshot({ clip }));
        let other = 0;
        for (let i = 0; i < png.data.length; i += 4) {
          if (colour.some((c, k) => Math.abs(png.data[i + k] - c) > 8)) other++;
        }
        counts.push(other);
      }
      return counts;
    };
    assert.deepEqual(await notCard(band.colour), [0, 0], `the band beside and below the Close button is the card's colour: ${JSON.stringify(band.areas)}`);
    // A press on the band beside the button is not a press on the button.
    const [x, y] = [band.areas[0].x + band.areas[0].width / 2, band.areas[0].y + band.areas[0].height / 2];
    assert.equal(await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y).closest('.help-close'), [x, y]), false, 'the band is not the button');
    // In forced colours (a Windows contrast theme) too, where shadows are not drawn.
    await page.emulateMedia({ forcedColors: 'active' });
    await h.frames(page, 2);
    const forced = await page.evaluate(() => getComputedStyle(document.querySelector('.help-card')).backgroundColor.match(/\d+/g).map(Number));
    assert.deepEqual(await notCard(forced), [0, 0], 'in forced colours, the band is the card\'s colour');
    await page.emulateMedia({ forcedColors: 'none' });
    await h.screenshot(page, 'help-740x360');
    const close = await page.evaluate(() => {
      const card = document.querySelector('.help-card');
      card.scrollTop = card.scrollHeight;
      const box = card.getBoundingClientRect();
      const button = document.querySelector('.help-close').getBoundingClientRect();
      return button.top >= box.top && button.bottom <= box.bottom;
    });
    assert.ok(close, 'scrolled, the card shows its Close button');
    await page.keyboard.press('Escape');
  });
  await withPage({ width: 320, height: 568 }, async (page) => {
    await h.openApp(page, app.url());
    await page.click('#paste-open');
    await page.waitForSelector('#paste-dialog[open]');
    const margins = await page.evaluate(() => {
      const box = document.querySelector('#paste-dialog').getBoundingClientRect();
      return { left: box.left, right: innerWidth - box.right };
    });
    assert.ok(margins.left >= 8 && margins.right >= 8, `the paste dialog clear of the edges: ${JSON.stringify(margins)}`);
  });
});

test('every control the pointer can reach is a target 24 px square at least (WCAG 2.5.8), on a computer and a phone', T, async () => {
  for (const [width, height] of [[1280, 800], [360, 740]]) await withPage({ width, height, hasTouch: width < 400 }, async (page) => {
    await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
    await h.waitForClockMode(page, 'audio');
    // A message, for its × (23 px high, it was).
    await h.dropFiles(page, '#transcript', [h.fileOf('cover.png', 'image/png', h.PIXEL_PNG)]);
    await page.waitForSelector('#messages .dismiss');
    const small = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('button, select, input, summary, a[href]')]
        .filter((c) => c.checkVisibility() && !c.closest('.visually-hidden, .skip-transcript') && c.type !== 'file');
      // The corners of a 23 px square around the middle land on the control itself (the time
      // over a turn, in small type, takes them with a box of its own that moves nothing).
      return controls.flatMap((c) => {
        const r = c.getBoundingClientRect();
        if (r.bottom < 0 || r.top > innerHeight) return [];
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        const corners = [[-11.5, -11.5], [11.5, -11.5], [-11.5, 11.5], [11.5, 11.5]];
        const missed = corners.filter(([dx, dy]) => document.elementFromPoint(x + dx, y + dy)?.closest('button, select, input, summary, a') !== c);
        return missed.length ? [`${c.id || c.className || c.tagName} (${Math.round(r.width)} × ${Math.round(r.height)})`] : [];
      });
    });
    assert.deepEqual([...new Set(small)], [], `at ${width} px, controls smaller than 24 px square`);
  });
});

test('10. screenshots: desktop and phone, light and dark, with a turn active', T, async (t) => {
  const shots = [
    { name: 'desktop-light', width: 1280, height: 800, colorScheme: 'light' },
    { name: 'desktop-dark', width: 1280, height: 800, colorScheme: 'dark' },
    { name: 'phone-light', width: 360, height: 740, colorScheme: 'light' },
    { name: 'phone-dark', width: 360, height: 740, colorScheme: 'dark' },
  ];
  for (const s of shots) {
    await withPage(s, async (page) => {
      await h.openApp(page, app.url(), `audio=${h.WAV_PATH}`);
      await h.waitForClockMode(page, 'audio');
      await h.waitForAudioReady(page);
      const theme = await page.evaluate(() => document.documentElement.dataset.theme);
      if (theme !== s.colorScheme) {
        t.diagnostic(`${s.name}: data-theme is ${theme} under prefers-color-scheme: ${s.colorScheme}; toggling`);
        await page.click('button#theme-toggle');
        await h.waitFor(page, (want) => document.documentElement.dataset.theme === want, s.colorScheme);
      }
      await h.setAudioTime(page, 340);
      await h.waitForActive(page, 330);
      await h.waitForTurnInView(page, 330);
      await h.waitForScrollToSettle(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) t.diagnostic(`${s.name}: the page is ${overflow}px wider than the window`);
      const file = await h.screenshot(page, s.name);
      t.diagnostic(`saved ${file}`);
    });
  }
});
