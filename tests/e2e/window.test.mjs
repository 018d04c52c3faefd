// Windowed rendering: an 11,000-turn transcript (about 10 MB) keeps a bounded number of rows in
// the DOM, and everything that reaches a row still does when the row is not rendered: following
// a deep link, the keyboard, clicking after a scroll, search, printing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

h.requireBuiltApp();

const app = h.suite({ '/season-400.md': h.season(400) }, { before, after });
const withPage = app.withPage;
const TURNS = 11_000;
/** Rows in the DOM at most, whatever the transcript's length. */
const BOUND = 300;

const rowCount = (page) => h.turnCount(page);

/** Drops a season of `turns` turns; returns what the loading indicator said meanwhile. */
async function dropSeason(page, turns) {
  await h.openApp(page, app.url());
  assert.equal(await rowCount(page), 13, 'the 13-turn sample is rendered whole');
  await page.evaluate(() => {
    window.__loadingSaid = [];
    const loading = document.querySelector('#loading');
    // What the progress bar is named (by its words, which a progress bar's name is not taken from).
    const name = () => document.getElementById(loading.getAttribute('aria-labelledby'))?.textContent.trim();
    new MutationObserver(() => window.__loadingSaid.push(name())).observe(loading, { childList: true, subtree: true, characterData: true });
  });
  await h.dropFiles(page, null, [h.fileOf('season.md', 'text/markdown', h.season(turns))]);
  await h.waitFor(page, () => document.querySelector('article.turn[data-start="10"]'), undefined, { timeout: 60_000, what: 'the dropped transcript' });
  await h.waitFor(page, () => document.querySelector('article.turn .sentence'), undefined, { timeout: 60_000, what: 'sentences split' });
  return page.evaluate(() => window.__loadingSaid);
}

async function activeStart(page) {
  return page.evaluate(() => document.querySelector('article.turn[aria-current="true"]')?.dataset.start ?? null);
}

test('11,000 turns: bounded rows; deep link, keys, click, search all reach rows not rendered', { timeout: 180_000 }, async (t) => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    const said = await dropSeason(page, TURNS);
    t.diagnostic(`the loading indicator said: ${[...new Set(said)].join(' | ')}`);
    assert.ok(said.some((s) => /Reading \u2068season\.md\u2069 \(\d+%\)/.test(s)), 'reading 10 MB shows how far it is');
    const first = await rowCount(page);
    t.diagnostic(`rows rendered at the top: ${first}`);
    assert.ok(first > 0 && first <= BOUND, `${first} rows`);
    const height = await page.evaluate(() => document.querySelector('#transcript').scrollHeight);
    assert.ok(height > TURNS * 100, `the scroll range stands for every turn (${height}px)`);

    // A deep link far down: the turn becomes current, is rendered and comes into view.
    await page.evaluate(() => { location.hash = '#t=50005'; });
    await h.waitForActive(page, 50000);
    await h.waitForTurnInView(page, 50000);
    assert.ok((await rowCount(page)) <= BOUND);

    // The keyboard moves on a turn; following keeps it in view.
    await page.keyboard.press('ArrowDown');
    await h.waitForActive(page, 50010);
    await h.waitForTurnInView(page, 50010);

    // Scrolled by hand to a third of the way, a click on a row plays from it.
    await page.evaluate(() => {
      const c = document.querySelector('#transcript');
      c.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true }));
      c.scrollTop = c.scrollHeight / 3;
    });
    await h.waitForScrollToSettle(page);
    await h.frames(page, 5);
    const clicked = await page.evaluate(() => {
      const c = document.querySelector('#transcript').getBoundingClientRect();
      const row = [...document.querySelectorAll('article.turn')].find((a) => a.getBoundingClientRect().top >= c.top);
      row.querySelector('.turn-time').click();
      return Number(row.dataset.start);
    });
    assert.ok(clicked > 25_000 && clicked < 50_000, `a row about a third of the way down (${clicked} s of 110,000)`);
    await h.waitForActive(page, clicked);

    // Search: the one hit is far from the rendered rows; Enter brings it, painted.
    await page.fill('#search', 'Turn 9000 on');
    await h.waitFor(page, () => document.querySelector('#search-count').textContent.trim() === '1 / 1', undefined, { what: 'one hit' });
    await page.press('#search', 'Enter');
    await h.waitForTurnInView(page, 90000);
    await h.waitFor(page, () => [...(CSS.highlights.get('search-current') ?? [])].map(String).join() === 'Turn 9000 on', undefined, { what: 'the hit painted' });
    assert.equal(await activeStart(page), '90000');
    const rows = await rowCount(page);
    t.diagnostic(`rows rendered after the search: ${rows}`);
    assert.ok(rows <= BOUND, `${rows} rows`);
    await h.screenshot(page, 'window-11000-search');
    assert.deepEqual(errors, []);
  });
});

test('a long transcript, opened by its address or dropped in place of another: Tab from before the list stops at a turn', { timeout: 120_000 }, async () => {
  const tabIntoList = async (page, how) => {
    await page.focus('.skip-transcript');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const row = document.activeElement.closest('article.turn');
      return row ? `turn ${row.dataset.start}` : `${document.activeElement.tagName} ${document.activeElement.className}`;
    });
    assert.match(focused, /^turn \d+$/, `${how}: the keyboard's focus`);
  };
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await page.goto(`${app.url()}/?transcript=/season-400.md`);
    await h.waitFor(page, () => document.querySelector('article.turn[data-start="10"]'), undefined, { what: 'the season' });
    await h.frames(page, 5);
    await tabIntoList(page, 'opened by its address');
  });
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await dropSeason(page, 400);
    await h.frames(page, 5);
    await tabIntoList(page, 'dropped');
  });
});

test('the focus on a row scrolled far away moves to a row in view, and Tab goes on from there', { timeout: 120_000 }, async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await dropSeason(page, 400);
    await page.evaluate(() => document.querySelector('article.turn[data-start="0"]').focus());
    await page.evaluate(() => {
      const c = document.querySelector('#transcript');
      c.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true }));
      c.scrollTop = c.scrollHeight / 2;
    });
    await h.waitForScrollToSettle(page);
    await h.frames(page, 5);
    assert.equal(await page.evaluate(() => document.querySelector('article.turn[data-start="0"]')), null, 'the first row left the DOM');
    const focusInView = () => page.evaluate(() => {
      const c = document.querySelector('#transcript').getBoundingClientRect();
      const row = document.activeElement.closest('article.turn');
      if (!row) return `the focus on ${document.activeElement.tagName}`;
      const r = row.getBoundingClientRect();
      return r.bottom > c.top && r.top < c.bottom ? 'in view' : `row ${row.dataset.start} out of view`;
    });
    assert.equal(await focusInView(), 'in view', 'the focus moved to a row in view');
    const scrolled = () => page.evaluate(() => document.querySelector('#transcript').scrollTop);
    const before = await scrolled();
    // Its buttons, then past the transcript (one place in the Tab order), the view staying.
    for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
    await h.frames(page, 3);
    assert.equal(await focusInView(), 'in view', 'Tab goes on from the row in view');
    await page.keyboard.press('Tab');
    // ("Back to current", offered since the list was scrolled away from the turn being said.)
    assert.equal(await page.evaluate(() => document.activeElement.id), 'back-to-current', 'then past the transcript');
    assert.ok(Math.abs((await scrolled()) - before) < 900, `the view stays (${before} → ${await scrolled()})`);
  });
});

test('printing renders every row, then the window again', { timeout: 120_000 }, async () => {
  await withPage({ width: 1000, height: 800 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await dropSeason(page, 1_000);
    assert.ok((await rowCount(page)) < 1_000);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await h.waitForTurns(page, 1_000);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await h.waitFor(page, () => document.querySelectorAll('article.turn').length < 1_000, undefined, { what: 'the window back' });
    assert.deepEqual(errors, []);
  });
});

test('a long transcript (2.7 MB) is still there after a reload', { timeout: 120_000 }, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await dropSeason(page, 3_000);
    await page.waitForTimeout(500); // kept in the background (the Cache API), after it is shown
    await page.reload();
    await h.waitFor(page, () => document.querySelector('article.turn[data-start="10"]'), undefined, { timeout: 30_000, what: 'the dropped transcript again' });
    assert.match(await page.locator('article.turn[data-start="10"] .text[lang="en"]').textContent(), /^Turn 1 on topic 1\./);
    assert.deepEqual(errors, []);
  });
});

/** The row at the top of the transcript's view: its start, and how far down it the view's top is (0–1). */
const placeAtTop = (page) =>
  page.evaluate(() => {
    const top = document.querySelector('#transcript').getBoundingClientRect().top;
    const row = [...document.querySelectorAll('article.turn')].find((r) => r.getBoundingClientRect().bottom > top);
    const rect = row.getBoundingClientRect();
    return { start: row.dataset.start, fraction: Math.max(0, (top - rect.top) / rect.height) };
  });

test('a phone turned, a window resized: the view stays on its turn, followed or read', { timeout: 180_000 }, async (t) => {
  // The sample is rendered whole (rows off screen skipped by the browser), the season in a window.
  for (const [turns, at] of [[13, 575], [3_000, 15_000]]) {
    await withPage({ width: 1280, height: 900 }, async (page) => {
      const errors = h.collectConsoleErrors(page);
      if (turns === 13) await h.openApp(page, app.url());
      else await dropSeason(page, turns);
      const sizes = [{ width: 375, height: 800 }, { width: 1280, height: 900 }, { width: 375, height: 800 }];

      // Following: the current turn stays in view as the width changes, both ways.
      await page.evaluate((at) => { location.hash = `#t=${at + 5}`; }, at);
      await h.waitForActive(page, at);
      await h.waitForTurnInView(page, at);
      await h.waitForScrollToSettle(page);
      for (const size of sizes) {
        await page.setViewportSize(size);
        await h.frames(page, 5);
        await h.waitForScrollToSettle(page);
        const where = await page.evaluate((at) => {
          const view = document.querySelector('#transcript').getBoundingClientRect();
          const turn = document.querySelector(`article.turn[data-start="${at}"]`)?.getBoundingClientRect();
          return { view: [view.top, view.bottom], turn: turn?.top };
        }, at);
        assert.ok(where.turn >= where.view[0] && where.turn < where.view[1] - 20,
          `${turns} turns, ${size.width} px wide: turn ${at} starts in view: ${JSON.stringify(where)}`);
      }

      // Reading elsewhere (the wheel pauses following): the same text stays at the top.
      await page.mouse.move(180, 400);
      for (let i = 0; i < 5; i++) {
        await page.mouse.wheel(0, -600);
        await h.frames(page, 3);
      }
      await h.waitForScrollToSettle(page);
      const read = await placeAtTop(page);
      t.diagnostic(`${turns} turns: reading turn ${read.start}, ${Math.round(read.fraction * 100)}% down it at the top`);
      assert.notEqual(read.start, String(at), 'scrolled away from the current turn');
      for (const size of sizes.slice(1)) {
        await page.setViewportSize(size);
        await h.frames(page, 5);
        await h.waitForScrollToSettle(page);
        const now = await placeAtTop(page);
        assert.equal(now.start, read.start, `${turns} turns, ${size.width} px wide: the row at the top`);
        assert.ok(Math.abs(now.fraction - read.fraction) < 0.05, `${turns} turns, ${size.width} px wide: ${JSON.stringify(now)} against ${JSON.stringify(read)}`);
      }
      // Another layout, another text size: every height changes, and the row at the top stays.
      // (The text sizes are in the View menu's card, there once the menu has been opened.)
      const toggleViewMenu = () => page.evaluate(() => document.querySelector('#view-open').click());
      await toggleViewMenu();
      await page.waitForSelector('#size-latin', { state: 'attached' });
      await toggleViewMenu();
      // Last, the view moved in the task that changes the layout, as the browser's own scroll
      // anchoring does when something lays the page out before the next frame: the rows rendered
      // for that scroll left the top row out of the page, and the view stayed where it was.
      const steps = [['#layout', 'side'], ['#layout', 'only-en'], ['#size-latin', '150'], ['#layout', 'only-zh'], ['#layout', 'interleaved'], ['#layout', 'only-en', 3_000]];
      for (const [select, value, scrolled = 0] of steps) {
        await page.evaluate(([select, value, scrolled]) => {
          const s = document.querySelector(select);
          s.value = value;
          s.dispatchEvent(new Event('change', { bubbles: true }));
          document.querySelector('#transcript').scrollTop += scrolled;
        }, [select, value, scrolled]);
        await h.frames(page, 5);
        await h.waitForScrollToSettle(page);
        const now = await placeAtTop(page);
        assert.equal(now.start, read.start, `${turns} turns, ${select} ${value}: the row at the top (${JSON.stringify(now)} against ${JSON.stringify(read)})`);
      }
      assert.deepEqual(errors, []);
    });
  }
});

test('a phone turned while reading near the end: the view stays on the text read, though the browser scrolls first (the rows shorter, the view at its end)', { timeout: 60_000 }, async () => {
  await withPage({ width: 390, height: 844, hasTouch: true, isMobile: true }, async (page) => {
    await h.openApp(page, app.url());
    await page.mouse.move(200, 400);
    // Turn 14:06 at the top, a little way down it (the view could go 600 px further).
    for (let i = 0; i < 60; i++) {
      const top = await page.evaluate(() => document.querySelector('article.turn[data-start="846"]').getBoundingClientRect().top);
      if (top < 50) break;
      await page.mouse.wheel(0, 300);
      await h.frames(page, 2);
    }
    await h.waitForScrollToSettle(page);
    const read = await placeAtTop(page);
    assert.equal(read.start, '846');
    for (const size of [{ width: 844, height: 390 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await h.frames(page, 5);
      await h.waitForScrollToSettle(page);
      const now = await placeAtTop(page);
      // (It went to the transcript's end: turn 15:57 at the top, 14:06 out of sight above.)
      assert.equal(now.start, read.start, `${size.width} × ${size.height}: the row at the top (${JSON.stringify(now)} against ${JSON.stringify(read)})`);
      assert.ok(Math.abs(now.fraction - read.fraction) < 0.05, `${size.width} × ${size.height}: ${JSON.stringify(now)} against ${JSON.stringify(read)}`);
    }
  });
});

// Every row the window puts in is restyled on its own. Rules with `:has()` make Chromium restyle
// more for each row put in: the app as their subject a few elements, and together with the search
// box's asking whether it showed its placeholder every element of the app (306 of them; on a
// phone, scrolling a long transcript spent 4–5 times as long on style).
test('a row put in restyles nothing else, on a phone and on a desktop', { timeout: 60_000 }, async () => {
  for (const width of [390, 1280]) {
    await withPage({ width, height: 800 }, async (page) => {
      await h.openApp(page, app.url());
      await h.frames(page, 5);
      // A copy of the last row, put in the way the window puts rows in, and styled at once.
      const { result: elements, events } = await h.traced(page, () => page.evaluate(() => {
        const rows = document.querySelector('article.turn').parentElement;
        const copy = rows.querySelector('article.turn:last-of-type').cloneNode(true);
        rows.append(copy);
        document.body.offsetHeight;
        return copy.querySelectorAll('*').length + 1;
      }));
      const restyled = events.filter((e) => e.name === 'UpdateLayoutTree').map((e) => e.args?.elementCount ?? 0);
      assert.ok(restyled.length > 0, 'the trace saw the row styled');
      // The new row's own elements are styled as they are attached, not counted here; what is
      // left is its parent and the spacer beside it.
      assert.ok(Math.max(...restyled) <= 3, `at ${width} px, putting in a row of ${elements} elements restyled ${restyled.join(', ')} elements`);
    });
  }
});
