// Playback: audio and internal clocks drive the active turn; clicking, keys, following, and
// fine-grained DOM updates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as h from './harness.mjs';

h.requireBuiltApp();

const T = { timeout: 60_000 };
const AUDIO = `audio=${h.WAV_PATH}`;

// Two voices' cues written at one time (Ann's the longer), and one later.
const VOICES_VTT = Buffer.from(
  'WEBVTT\n\n00:10.000 --> 00:20.000\n<v Ann>One\n\n00:10.000 --> 00:14.000\n<v Bob>Two\n\n' +
    '00:30.000 --> 00:31.000\n<v Cy>Three\n',
);
const VOICES_PATH = '/test-media/voices.vtt';

// The layout with links and code in its text, and links that must stay text.
const LINKS_PATH = '/test-media/links.md';
const LINKS_MD = fs.readFileSync(path.join(h.REPO_ROOT, 'tests/fixtures/links-and-code.md'));

const app = h.suite(
  { [h.WAV_PATH]: h.makeWav(17 * 60), [VOICES_PATH]: VOICES_VTT, [LINKS_PATH]: LINKS_MD },
  { before, after },
);
const withPage = app.withPage;

/** Opens the sample with the generated 17-minute WAV and waits until the audio drives the clock. */
async function openWithAudio(page) {
  await h.openApp(page, app.url(), AUDIO);
  await h.waitForClockMode(page, 'audio');
  await h.waitForAudioReady(page);
}

test('2. the audio drives the active turn, which is scrolled into view; none is active in a gap', T, async (t) => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await openWithAudio(page);
    const a = await h.audioState(page);
    assert.ok(Math.abs(a.duration - 1020) < 1, `audio duration ${a.duration} ≈ 1020`);
    if (await h.turnInView(page, 330)) t.diagnostic('turn 330 was already in view before seeking');

    // Set the time and measure, inside the page, how long the app takes to mark the turn.
    const elapsed = await page.evaluate(async () => {
      const audio = document.querySelector('#audio');
      const t0 = performance.now();
      audio.currentTime = 340;
      const ok = () => {
        const cur = document.querySelectorAll('article.turn[aria-current="true"]');
        return cur.length === 1 && cur[0].dataset.start === '330';
      };
      while (!ok()) {
        if (performance.now() - t0 > 10_000) return -1;
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - t0;
    });
    const state = await h.activeTurns(page);
    assert.ok(elapsed >= 0, `turn 330 never became the one active turn at 5:40: ${JSON.stringify(state)}`);
    assert.ok(elapsed <= 1000, `turn 330 became active after ${Math.round(elapsed)} ms (> 1 s)`);
    assert.deepEqual(state.marked, ['330'], 'no other turn carries aria-current');
    await h.waitForTurnInView(page, 330);
    await h.waitFor(page, () => document.querySelector('#time-current')?.textContent.trim() === '5:40');

    await h.setAudioTime(page, 200); // between 1:41 (ends ≈ 2:07) and 4:40
    await h.waitForActive(page, null);
    await h.frames(page, 3);
    assert.deepEqual((await h.activeTurns(page)).marked, [], 'no turn carries aria-current in the gap');
    assert.deepEqual(errors, [], 'no console errors');
  });
});

test('the speed chosen survives a reload with the audio given by address, and audio dropped later plays at it', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    const rate = () => page.evaluate(() => document.querySelector('#audio').playbackRate);
    await openWithAudio(page);
    await page.selectOption('#speed', '1.5');
    await page.reload();
    await h.waitForTurns(page, 13);
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    // The element's own events about its rate (set, then reset by its source) have come by now.
    await h.frames(page, 5);
    assert.equal(await page.inputValue('#speed'), '1.5');
    assert.equal(await rate(), 1.5, 'the audio plays at the speed shown');

    // Chosen with no audio yet: audio dropped afterwards plays at it.
    await h.openApp(page, app.url());
    await h.waitForClockMode(page, 'internal');
    await page.selectOption('#speed', '0.75');
    await h.dropFiles(page, null, [h.fileOf('talk.wav', 'audio/wav', h.makeWav(60))]);
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    await h.frames(page, 5);
    assert.equal(await page.inputValue('#speed'), '0.75');
    assert.equal(await rate(), 0.75);
  });
});

test('a link to a moment after the end shows the last turn, and says so', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url(), `${AUDIO}#t=1:05:30`);
    await h.waitForActive(page, 957);
    await h.waitForTurnInView(page, 957);
    await h.waitFor(page, () => /The link points after the end of this transcript/.test(document.querySelector('#messages').textContent), undefined, { what: 'the message' });
  });
});

test('a link whose moment is no time says so, on load and followed on the page, and moves nothing', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    const said = (written) => h.waitFor(page, (written) => document.querySelector('#messages').textContent.includes(`The link's time \u2068${written}\u2069 is not a time like 5:30 or 330, so the link was not followed.`), written, { what: `"${written}" said` });
    await h.openApp(page, app.url(), `${AUDIO}#t=5:70`);
    await said('5:70');
    await h.waitForAudioReady(page);
    assert.equal(await page.evaluate(() => document.querySelector('#audio').currentTime), 0, 'the start');
    await h.setAudioTime(page, 101);
    await h.waitForActive(page, 101);
    await page.evaluate(() => { location.hash = '#t=banana'; });
    await said('banana');
    await h.frames(page, 3);
    assert.ok(Math.abs((await page.evaluate(() => document.querySelector('#audio').currentTime)) - 101) < 0.5, 'nothing moved');
  });
});

test('a #t= link to the moment already in the address still seeks when followed again', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await h.openApp(page, app.url(), `${AUDIO}#t=101`);
    await h.waitForActive(page, 101);
    await h.setAudioTime(page, 600);
    await h.waitForActive(page, 575);
    await page.evaluate(() => {
      const a = Object.assign(document.createElement('a'), { href: '#t=101', textContent: 'Back to 1:41', id: 'again' });
      document.querySelector('.toolbar').append(a);
    });
    await page.click('#again');
    await h.waitForActive(page, 101);
  });
});

test('a phone held sideways: following a long turn, the sentence being said stays in view', T, async () => {
  await withPage({ width: 740, height: 360 }, async (page) => {
    await openWithAudio(page);
    await h.setAudioTime(page, 455);
    await h.waitForActive(page, 454);
    await h.waitForTurnInView(page, 454);
    // Sentence by sentence through the turn (the key `.`), each in view once the view has moved.
    const seen = () => page.evaluate(() => {
      const view = document.querySelector('#transcript').getBoundingClientRect();
      const bar = document.querySelector('.player-bar')?.getBoundingClientRect();
      const foot = Math.min(view.bottom, bar ? bar.top : Infinity);
      const said = [...document.querySelectorAll('.turn[aria-current="true"] .sentence[aria-current="true"]')];
      if (!said.length) return 'no sentence said';
      const top = said[0].getBoundingClientRect().top, bottom = said.at(-1).getBoundingClientRect().bottom;
      // (One taller than the view stands from its top.)
      const tall = bottom - top > foot - view.top;
      const fits = top >= view.top - 1 && (bottom <= foot + 1 || (tall && top - view.top < 0.1 * (foot - view.top)));
      return fits ? 'in view' : `${Math.round(top)}–${Math.round(bottom)} outside ${Math.round(view.top)}–${Math.round(foot)}`;
    });
    const saying = () => page.evaluate(() => document.querySelector('.sentence[aria-current="true"]')?.textContent ?? '');
    let steps = 0;
    while (steps < 12 && (await page.evaluate(() => document.querySelector('.turn[aria-current="true"]')?.dataset.start)) === '454') {
      const before = await saying();
      await page.keyboard.press('.');
      steps++;
      // Once the audio is there and the next sentence said, and the view has moved.
      await h.waitFor(page, (before) => (document.querySelector('.sentence[aria-current="true"]')?.textContent ?? '') !== before, before, { what: `sentence ${steps + 1} said` });
      await h.frames(page, 2);
      await h.waitForScrollToSettle(page);
      await h.frames(page, 3);
      if ((await page.evaluate(() => document.querySelector('.turn[aria-current="true"]')?.dataset.start)) !== '454') break;
      assert.equal(await seen(), 'in view', `sentence ${steps + 1} of the turn`);
    }
    assert.ok(steps >= 4, `the turn has sentences enough to run past the view (${steps})`);
  });
});

test('the keyboard skips the transcript in one press: from the top bar to the player', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await openWithAudio(page);
    // The top bar's last control: the search's "Next match".
    await page.focus('#search-next');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-transcript');
    const box = await page.locator('.skip-transcript').boundingBox();
    assert.ok(box.y >= 0 && box.y < 100, `seen while focused (${JSON.stringify(box)})`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-back', 'the next Tab is in the player');
  });
});

test('the transcript is one place in the Tab order: the turn being said, or the one the keyboard was last on, and its buttons; ↑ and ↓ go between turns', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await openWithAudio(page);
    const focused = () => page.evaluate(() => {
      const f = document.activeElement;
      const turn = f.closest('article.turn');
      return turn ? `${turn.dataset.start} ${f === turn ? 'turn' : f.className}` : f.id || f.className;
    });
    const tabFrom = async (selector, presses) => {
      await page.focus(selector);
      const seen = [];
      for (let i = 0; i < presses; i++) {
        await page.keyboard.press('Tab');
        seen.push(await focused());
      }
      return seen;
    };
    await h.setAudioTime(page, 335);
    await h.waitForActive(page, 330);
    // Past the skip link: the turn being said, its two buttons, then the player.
    assert.deepEqual(
      (await tabFrom('#search-next', 5)).slice(1),
      ['330 turn', '330 turn-quote', '330 turn-link', 'skip-back'],
    );
    // ↓: the keyboard's turn is the list's place now, wherever the audio goes.
    await page.focus('article.turn[data-start="330"]');
    await page.keyboard.press('ArrowDown');
    await h.waitFor(page, () => document.activeElement.dataset.start === '454', undefined, { what: 'the next turn' });
    await h.setAudioTime(page, 16);
    await h.waitForActive(page, 15);
    assert.deepEqual((await tabFrom('#search-next', 4)).slice(1), ['454 turn', '454 turn-quote', '454 turn-link']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'skip-transcript', 'Shift+Tab back out the same three places');
  });
});

test('[ and ] move the transcript\'s times to put it in step with its audio: said, kept for the file, exported as moved, never before 0:00', T, async () => {
  await withPage({ width: 1280, height: 800, acceptDownloads: true }, async (page) => {
    await openWithAudio(page);
    const said = () => page.evaluate(() => document.querySelector('#messages').textContent);
    const starts = () => page.evaluate(() => [...document.querySelectorAll('article.turn')].slice(0, 2).map((t) => t.dataset.start));
    await h.setAudioTime(page, 16);
    await h.waitForActive(page, 15);
    // Shift+] twice: ten seconds later; the audio stays where it is, and the turn said there
    // is the one that now spans it.
    await page.locator('body').press('}');
    await page.locator('body').press('}');
    await h.waitFor(page, () => document.querySelector('article.turn').dataset.start === '10', undefined, { what: 'the first turn at 0:10' });
    assert.deepEqual(await starts(), ['10', '25']);
    await h.waitForActive(page, 10);
    assert.ok(Math.abs((await h.audioState(page)).currentTime - 16) < 0.5, 'the audio where it was');
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('Lines 10 s later than the file\'s times ([ and ] move them)'), undefined, { what: 'the shift said' });
    // [: half a second back, three times, pressed before the first was shown: the steps add up.
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) dispatchEvent(new KeyboardEvent('keydown', { key: '[', bubbles: true }));
    });
    await h.waitFor(page, () => document.querySelector('article.turn').dataset.start === '8.5', undefined, { what: 'the first turn at 0:08.5', state: () => document.querySelector('article.turn').dataset.start });
    await h.waitFor(page, () => /Lines 8\.5 s later than the file's times/.test(document.querySelector('#messages').textContent), undefined, { what: 'said', state: said });
    assert.doesNotMatch(await said(), /Lines 10 s/, 'the message replaced');
    // A turn clicked plays from its time as moved.
    await page.click('article.turn[data-start="23.5"] .turn-head');
    await h.waitForAudioTime(page, 23.5, 1);
    await page.click('#play');
    // Exported as moved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.selectOption('#export', 'srt')]);
    const srt = fs.readFileSync(await download.path(), 'utf8');
    assert.match(srt, /^1\r?\n00:00:08,500 --> /m, `the export's first cue at 0:08.5: ${srt.slice(0, 80)}`);
    // Kept for the file: the next visit shows it moved, and says so.
    await page.reload();
    await h.waitForTurns(page, 13);
    assert.deepEqual(await starts(), ['8.5', '23.5']);
    // Back fifteen seconds: no further than its first turn at 0:00.
    for (let i = 0; i < 3; i++) await page.locator('body').press('{');
    await h.waitFor(page, () => document.querySelector('article.turn').dataset.start === '0', undefined, { what: 'the first turn back at 0:00' });
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('Lines at the file\'s times'), undefined, { what: 'back at the file\'s times' });
    assert.deepEqual(await starts(), ['0', '15']);
    // The View menu moves them too (a mouse, a phone without keys), and shows how far. Its
    // buttons are found by the words they show, as speech input finds them (WCAG 2.5.3).
    await page.click('#view-open');
    await page.getByRole('button', { name: '+½ s' }).click();
    await h.waitFor(page, () => document.querySelector('article.turn').dataset.start === '0.5', undefined, { what: 'moved from the View menu' });
    await h.waitFor(page, () => document.querySelector('#lines-shift').textContent === '+0.5 s', undefined, { what: 'the menu shows +0.5 s', state: () => document.querySelector('#lines-shift').textContent });
    // The menu's readout says where they are: the key's message, with its figure of a moment
    // ago, goes.
    assert.doesNotMatch(await said(), /Lines at the file's times/, 'the key\'s message withdrawn');
    await page.getByRole('button', { name: '−½ s' }).click();
    await h.waitFor(page, () => document.querySelector('#lines-shift').textContent === '0 s', undefined, { what: 'the menu shows 0 s' });
    assert.deepEqual(await starts(), ['0', '15']);
    await page.keyboard.press('Escape');
    // A file of the reader's, moved and opened again: its message says it is moved.
    const vtt = h.fileOf('two-cues.vtt', 'text/vtt', h.twoCueVtt());
    await h.dropFiles(page, null, [vtt]);
    await h.waitForTurns(page, 2);
    await page.locator('body').press(']');
    await h.waitFor(page, () => document.querySelector('article.turn').dataset.start === '0.5', undefined, { what: 'the dropped file moved' });
    await h.dropFiles(page, null, [vtt]);
    await h.waitFor(page, () => document.querySelector('#messages').textContent.includes('two-cues.vtt\u2069: 2 turns; lines 0.5 s later than the file\'s times, as you set them'), undefined, { what: 'said on opening', state: said });
  });
});

test('3. clicking a turn seeks there and plays', T, async () => {
  await withPage({}, async (page) => {
    await openWithAudio(page);
    assert.equal((await h.audioState(page)).paused, true, 'paused before the click');
    // The turn's head (time, speaker) plays the turn; a sentence plays that sentence.
    await page.click('article.turn[data-start="575"] .turn-head');
    // Playing from 575 (on a busy machine it may have played on a little before this looks).
    await h.waitFor(page, () => {
      const a = document.querySelector('#audio');
      return a.currentTime >= 574 && a.currentTime < 581 && !a.paused;
    }).catch(async (e) => {
      throw new Error(`after the click: ${JSON.stringify(await h.audioState(page))}: ${e.message}`);
    });
    await h.waitForActive(page, 575);
    await h.waitFor(page, () => document.querySelector('button#play')?.getAttribute('aria-label') === 'Pause');
    // The audio really plays: its time moves on.
    const t0 = (await h.audioState(page)).currentTime;
    await h.waitFor(page, (t0) => document.querySelector('#audio').currentTime > t0 + 0.3, t0);

    // The time button of another turn seeks there too.
    await page.click('article.turn[data-start="846"] button.turn-time');
    await h.waitForAudioTime(page, 846, 1);
    await h.waitForActive(page, 846);
  });
});

test('7. the internal clock plays, changes speed, seeks and pauses without audio', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url());
    await h.waitForClockMode(page, 'internal');
    const timeText = () => page.locator('#time-current').textContent().then((s) => s.trim());
    assert.equal(await timeText(), '0:00');
    assert.equal(await page.getAttribute('button#play', 'aria-label'), 'Play');

    await page.click('button#play');
    await h.waitFor(page, () => document.querySelector('button#play').getAttribute('aria-label') === 'Pause');
    await page.waitForTimeout(1500); // let the clock run
    const shown = await timeText();
    assert.notEqual(shown, '0:00', 'time-current advanced past 0:00 after 1.5 s');
    assert.match(shown, /^0:0[1-4]$/, `after 1.5 s at 1× the clock shows ${shown}`);
    await h.waitForActive(page, 0);

    // Rate of the clock, from the edges of #seek's value (works for whole or fractional seconds).
    const rate = () =>
      page.evaluate(async () => {
        const seek = document.querySelector('#seek');
        const read = () => parseFloat(seek.value);
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const start = read();
        const limit = performance.now() + 5000;
        while (read() === start) {
          if (performance.now() > limit) return { rate: 0, note: 'seek value did not move' };
          await frame();
        }
        const t0 = performance.now();
        const v0 = read();
        let t1 = t0;
        let v1 = v0;
        while (performance.now() - t0 < 6000) {
          await frame();
          const v = read();
          if (v !== v1) {
            t1 = performance.now();
            v1 = v;
            if (t1 - t0 >= 1000) break;
          }
        }
        return { rate: (v1 - v0) / ((t1 - t0) / 1000), dt: t1 - t0, dv: v1 - v0 };
      });
    const r1 = await rate();
    assert.ok(r1.rate > 0.75 && r1.rate < 1.3, `at 1× the clock runs at ${JSON.stringify(r1)}`);

    await page.selectOption('select#speed', '2');
    const r2 = await rate();
    assert.ok(r2.rate >= 1.6 && r2.rate < 2.6, `at 2× the clock runs at ${JSON.stringify(r2)}`);

    await h.setRange(page, 'input#seek', 335);
    await h.waitForActive(page, 330);
    await h.waitFor(page, () => /^5:3\d$/.test(document.querySelector('#time-current').textContent.trim()));

    await page.click('button#play');
    await h.waitFor(page, () => document.querySelector('button#play').getAttribute('aria-label') === 'Play');
    const before = await page.evaluate(() => [document.querySelector('#seek').value, document.querySelector('#time-current').textContent]);
    await page.waitForTimeout(1200); // nothing may move while paused
    const later = await page.evaluate(() => [document.querySelector('#seek').value, document.querySelector('#time-current').textContent]);
    assert.deepEqual(later, before, 'paused: the clock stands still');
    await h.waitForActive(page, 330);
  });
});

test('8. time updates inside a sentence do not touch the transcript; a turn change touches two rows', T, async () => {
  await withPage({}, async (page) => {
    await openWithAudio(page);
    await h.setAudioTime(page, 340);
    await h.waitForActive(page, 330);
    await h.waitForTurnInView(page, 330);
    await h.waitForScrollToSettle(page);
    await page.waitForTimeout(300);

    await page.evaluate(() => {
      const root = document.querySelector('#transcript');
      window.__e2eMutations = [];
      window.__e2eObserver = new MutationObserver((records) => window.__e2eMutations.push(...records));
      window.__e2eObserver.observe(root, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    const take = () =>
      page.evaluate(() => {
        window.__e2eMutations.push(...window.__e2eObserver.takeRecords());
        const a = document.querySelector('article.turn[data-start="330"]');
        const b = document.querySelector('article.turn[data-start="454"]');
        const describe = (n) =>
          n.nodeType === 1 ? `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.className ? `.${String(n.className).trim().replace(/\s+/g, '.')}` : ''}` : n.nodeName;
        const out = window.__e2eMutations.map((m) => ({
          type: m.type,
          attr: m.attributeName,
          target: describe(m.target),
          inRows: !!(a && a.contains(m.target)) || !!(b && b.contains(m.target)),
        }));
        window.__e2eMutations = [];
        return out;
      });

    for (const t of [341, 342, 343]) {
      await h.setAudioTime(page, t);
      await h.waitFor(page, (t) => Math.abs(parseFloat(document.querySelector('#seek').value) - t) < 0.5, t);
      await h.frames(page, 2);
    }
    await page.waitForTimeout(200);
    const inside = await take();
    assert.deepEqual(inside, [], 'moving within turn 330 changes nothing in #transcript');

    await h.setAudioTime(page, 460);
    await h.waitForActive(page, 454);
    await h.waitFor(page, () => Math.abs(parseFloat(document.querySelector('#seek').value) - 460) < 0.5);
    await h.frames(page, 2);
    await page.waitForTimeout(200);
    const crossing = await take();
    assert.ok(crossing.length > 0, 'the active row changed');
    assert.ok(
      crossing.every((m) => m.inRows),
      `every mutation is within the rows of 330 and 454: ${JSON.stringify(crossing)}`,
    );
    // Each row's aria-current and part, aria-current on the sentences of the group left and
    // the group entered, and (the keyboard not yet in the transcript, its place in the Tab order
    // going with the turn being said) tabindex on each row and its two buttons.
    assert.ok(crossing.every((m) => m.type === 'attributes' && ['aria-current', 'part', 'tabindex'].includes(m.attr)), JSON.stringify(crossing));
    assert.ok(crossing.length <= 16, `at most 16 mutations, got ${crossing.length}: ${JSON.stringify(crossing)}`);
  });
});

test('9. keyboard: J/L, arrows, K, Space, < / > for the speed and ? for help', T, async () => {
  await withPage({}, async (page) => {
    await openWithAudio(page);
    await h.setAudioTime(page, 100);
    await page.evaluate(() => document.activeElement?.blur());

    // [key, the audio time it leads to, tolerance, the turn then active (if checked)].
    // 100 s is inside the turn at 1:11; the next turns start at 1:41 and 4:40.
    for (const [key, t, tol, active] of [
      ['l', 110, 1], ['ArrowRight', 115, 1], ['ArrowLeft', 110, 1], ['j', 100, 1],
      ['ArrowDown', 101, 0.5], ['ArrowDown', 280, 0.5, 280], ['ArrowUp', 101, 0.5, 101],
    ]) {
      await page.keyboard.press(key);
      await h.waitForAudioTime(page, t, tol);
      if (active !== undefined) await h.waitForActive(page, active);
    }

    // Each press waits for what a person sees (the play button's label) as well as the audio
    // element, as a person would before pressing again.
    const playing = (want) =>
      h.waitFor(
        page,
        (want) =>
          document.querySelector('#audio').paused === !want &&
          document.querySelector('button#play').getAttribute('aria-label') === (want ? 'Pause' : 'Play'),
        want,
        { what: want ? 'the audio to play (and #play to say "Pause")' : 'the audio to pause (and #play to say "Play")' },
      );
    await page.keyboard.press('k');
    await playing(true);
    await page.keyboard.press('k');
    await playing(false);
    await page.keyboard.press('Space');
    await playing(true);
    await page.keyboard.press('Space');
    await playing(false);

    // < and > step through the speeds the player offers, no further than either end; each press
    // says the speed in one message, which the next replaces.
    for (const [key, rate] of [['>', 1.25], ['>', 1.5], ['<', 1.25], ['<', 1], ['<', 0.75], ['<', 0.5], ['<', 0.5], ['>', 0.75]]) {
      await page.keyboard.press(key);
      await h.waitFor(
        page,
        (rate) => {
          const said = [...document.querySelectorAll('#messages p')].map((p) => p.textContent).filter((t) => t.startsWith('Speed'));
          return document.querySelector('#audio').playbackRate === rate && document.querySelector('#speed').value === String(rate) &&
            said.length === 1 && said[0].startsWith(`Speed ${rate}×`);
        },
        rate,
        { what: `${key}: the audio at ${rate}×, the speed choice showing it, and one message saying it` },
      );
    }

    assert.equal(await page.locator('#help').isVisible(), false, 'help is hidden at first');
    await page.focus('article.turn[data-start="330"]');
    await page.keyboard.press('Shift+Slash'); // "?"
    await page.waitForSelector('#help', { state: 'visible' });
    assert.equal(await page.getAttribute('#help', 'role'), 'dialog');
    await h.waitFor(page, () => document.activeElement?.matches('#help .help-close'), undefined, { what: 'the focus on the help\'s Close button' });
    for (const key of ['Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      assert.ok(await page.evaluate(() => document.activeElement?.matches('#help .help-close')), `${key} stays in the help`);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('#help', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.start), '330', 'the focus back on the turn it was on');
  });
});

test('a menu chosen from with the mouse keeps the player\'s keys: L skips, not choosing "Loop turns A–B"; a menu come to by the keyboard keeps its own', T, async () => {
  await withPage({}, async (page) => {
    await openWithAudio(page);
    await h.setAudioTime(page, 100);
    // The mouse opens the menu; its choice made in the list the browser shows.
    await page.click('#practice');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await h.waitFor(page, () => document.querySelector('#practice').value === 'pause-after-sentence', undefined, { what: 'the choice made in the list' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'practice', 'the focus left on the menu');
    await page.keyboard.press('l');
    await h.waitForAudioTime(page, 110, 1);
    assert.equal(await page.inputValue('#practice'), 'pause-after-sentence', 'L skipped, and chose nothing');
    await page.keyboard.press('ArrowRight');
    await h.waitForAudioTime(page, 115, 1);
    assert.equal(await page.inputValue('#practice'), 'pause-after-sentence');
    // Tabbed to and back by the keyboard, the menu takes its keys again.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'practice');
    await page.keyboard.press('ArrowUp');
    await h.waitFor(page, () => document.querySelector('#practice').value === 'play-on', undefined, { what: '↑ choosing in the menu' });
    await h.waitForAudioTime(page, 115, 1);
  });
});

test('the media controls outside the page (a lock screen, a headset) show the title and who speaks, and play, pause, skip, seek and step through turns', T, async () => {
  await withPage({}, async (page) => {
    // A browser calls the handlers a page gave setActionHandler when its media controls are
    // pressed; headless, there are none to press. So the page's real setActionHandler is also
    // made to keep each handler where the test can call it, as the browser would.
    await page.addInitScript(() => {
      const session = navigator.mediaSession;
      const setActionHandler = session.setActionHandler.bind(session);
      window.mediaHandlers = {};
      session.setActionHandler = (action, handler) => {
        window.mediaHandlers[action] = handler;
        setActionHandler(action, handler);
      };
    });
    const errors = h.collectConsoleErrors(page);
    await openWithAudio(page);
    assert.equal(await page.title(), 'CHIP HUYEN — interlinear', 'the tab names the transcript');
    assert.deepEqual(await page.evaluate(() => Object.keys(window.mediaHandlers)), [], 'nothing taken before the audio plays');
    await h.setAudioTime(page, 100);
    await h.playOnce(page);
    // What the controls show: the title, and the speaker of the turn being said.
    const shows = (start) =>
      h.waitFor(
        page,
        (start) => {
          const turn = document.querySelector(`article.turn[data-start="${start}"][aria-current="true"]`);
          const shown = navigator.mediaSession.metadata;
          return turn && shown?.title === 'CHIP HUYEN' && shown.artist === turn.querySelector('.speaker').textContent;
        },
        start,
        { what: `the controls showing the title and the speaker of the turn at ${start}`, state: () => ({ title: navigator.mediaSession.metadata?.title, artist: navigator.mediaSession.metadata?.artist }) },
      );
    await shows(71);
    assert.deepEqual(
      (await page.evaluate(() => Object.keys(window.mediaHandlers))).sort(),
      ['nexttrack', 'pause', 'play', 'previoustrack', 'seekbackward', 'seekforward', 'seekto'],
    );
    const press = (action, details = {}) => page.evaluate(({ action, details }) => window.mediaHandlers[action]({ action, ...details }), { action, details });
    // [the action, its details, the audio time it leads to, the turn then active (if checked)].
    for (const [action, details, t, turn] of [
      ['nexttrack', {}, 101, 101],
      ['nexttrack', {}, 280, 280],
      ['previoustrack', {}, 101, 101],
      ['seekto', { seekTime: 330 }, 330, 330],
      ['seekforward', {}, 340],
      ['seekbackward', { seekOffset: 5 }, 335],
    ]) {
      await press(action, details);
      await h.waitForAudioTime(page, t, 0.5);
      if (turn !== undefined) await shows(turn);
    }
    await press('play');
    await h.waitFor(page, () => !document.querySelector('#audio').paused && document.querySelector('#play').getAttribute('aria-label') === 'Pause', undefined, { what: 'play from the controls' });
    await press('pause');
    await h.waitFor(page, () => document.querySelector('#audio').paused && document.querySelector('#play').getAttribute('aria-label') === 'Play', undefined, { what: 'pause from the controls' });
    assert.deepEqual(errors, []);
  });
});

test('of turns starting together, the one clicked or stepped to is the one followed', T, async () => {
  await withPage({}, async (page) => {
    await h.openApp(page, app.url(), `transcript=${VOICES_PATH}&${AUDIO}`, { turns: 3 });
    await h.waitForClockMode(page, 'audio');
    await h.waitForAudioReady(page);
    assert.equal(await page.title(), 'voices.vtt — interlinear', 'a transcript without a title is named by its file');
    const speakers = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('article.turn[aria-current="true"] .speaker')].map((s) => s.textContent),
      );
    const waitForSpeaker = (name) =>
      h.waitFor(page, (name) => {
        const current = [...document.querySelectorAll('article.turn[aria-current="true"] .speaker')];
        return current.length === 1 && current[0].textContent === name;
      }, name).catch(async (e) => {
        throw new Error(`expected ${name}'s turn current, got ${JSON.stringify(await speakers())}: ${e.message}`);
      });
    // The first written, until Bob's is clicked; it is followed until it ends, then Ann's again.
    await h.setAudioTime(page, 11);
    await waitForSpeaker('Ann');
    await page.locator('article.turn', { hasText: 'Bob' }).locator('.turn-head').click();
    await h.waitForAudioTime(page, 10, 0.5);
    await waitForSpeaker('Bob');
    // Played on past Bob's end (0:14): Ann's again.
    await h.waitFor(page, () => document.querySelector('#audio').currentTime > 14.3, undefined, { timeout: 15_000 });
    await waitForSpeaker('Ann');
    await page.evaluate(() => document.querySelector('#audio').pause());

    // The arrows step to each in turn: Ann's, Bob's (the same moment), Cy's, and back.
    await page.evaluate(() => document.activeElement?.blur());
    await h.setAudioTime(page, 10.5);
    await page.locator('article.turn', { hasText: 'Ann' }).locator('.turn-head').click();
    await page.evaluate(() => document.querySelector('#audio').pause());
    await waitForSpeaker('Ann');
    await page.evaluate(() => document.activeElement?.blur());
    for (const [key, t, name] of [['ArrowDown', 10, 'Bob'], ['ArrowDown', 30, 'Cy'], ['ArrowUp', 10, 'Bob'], ['ArrowUp', 10, 'Ann']]) {
      await page.keyboard.press(key);
      await h.waitForAudioTime(page, t, 0.5);
      await waitForSpeaker(name);
    }
  });
});

test('focus and Enter on a turn seeks there', T, async () => {
  await withPage({}, async (page) => {
    await openWithAudio(page);
    await page.focus('article.turn[data-start="454"]');
    await page.keyboard.press('Enter');
    await h.waitForAudioTime(page, 454, 1);
    await h.waitForActive(page, 454);
  });
});

test('links in the text (bare addresses too) open in a new tab, by click or Enter, and neither seeks nor plays; code shows as code; a script\'s link stays text', T, async () => {
  await withPage({}, async (page) => {
    const errors = h.collectConsoleErrors(page);
    await h.openApp(page, app.url(), `transcript=${LINKS_PATH}&${AUDIO}`, { turns: 3 });
    await h.waitForAudioReady(page);
    const links = await page.$$eval('.text a', (as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel]));
    assert.deepEqual(
      links.map(([text, href]) => [text, href]),
      [
        ['AI Engineering', 'https://www.oreilly.com/library/view/ai-engineering/9781098166298/'],
        ['《AI 工程》', 'https://book.douban.com/subject/37099325/'],
        ['mailto:hello@example.com', 'mailto:hello@example.com'],
        ['https://example.com/faq', 'https://example.com/faq'],
        ['the wiki', 'https://en.wikipedia.org/wiki/Rust_(programming_language)'],
        ['a page', 'https://example.com/a page'],
        // A bare address is a link too, here in the text of a link written escaped.
        ['https://example.com', 'https://example.com'],
      ],
    );
    assert.ok(links.every(([, , target, rel]) => target === '_blank' && rel.includes('noopener')), JSON.stringify(links));
    assert.equal(await page.$eval('.text a em', (em) => em.textContent), 'AI Engineering', 'emphasis inside the link');
    const code = await page.$$eval('.text code', (cs) => cs.map((c) => c.textContent));
    assert.deepEqual(code, ['pip install -U openai', 'a `tick` inside', 'pip install -U openai']);
    const kept = await page.$eval('article.turn[data-start="40"]', (t) => t.textContent);
    assert.ok(kept.includes('[a script](javascript:alert(1))') && kept.includes('[next episode](/episodes/13)'), kept);

    // The pages linked to, answered here (the machine is offline).
    for (const site of ['https://example.com/**', 'https://en.wikipedia.org/**']) {
      await page.context().route(site, (r) => r.fulfill({ contentType: 'text/html', body: '<title>linked</title>' }));
    }
    const before = await h.audioState(page);
    const opened = page.context().waitForEvent('page');
    await page.click('.text a[href^="https://example.com/faq"]');
    const tab = await opened;
    await tab.waitForLoadState();
    assert.equal(tab.url(), 'https://example.com/faq');
    await tab.close();
    const opened2 = page.context().waitForEvent('page');
    await page.focus('.text a[href^="https://en.wikipedia.org"]');
    await page.keyboard.press('Enter');
    const tab2 = await opened2;
    await tab2.waitForLoadState();
    assert.equal(tab2.url(), 'https://en.wikipedia.org/wiki/Rust_(programming_language)');
    await tab2.close();
    await h.frames(page, 4);
    const after = await h.audioState(page);
    assert.equal(after.paused, true, 'the audio does not play');
    assert.equal(after.currentTime, before.currentTime, 'nor seek');
    // On paper a link's address follows its text, once: not after an address that is its text.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('.text a', (as) => as.map((a) => getComputedStyle(a, '::after').content));
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(printed, [
      '" (https://www.oreilly.com/library/view/ai-engineering/9781098166298/)"',
      '" (https://book.douban.com/subject/37099325/)"',
      'none',
      'none',
      '" (https://en.wikipedia.org/wiki/Rust_(programming_language))"',
      '" (https://example.com/a page)"',
      'none',
    ]);
    // The text beside a link still plays from its sentence.
    await page.click('article.turn[data-start="20"] .sentence');
    await h.waitFor(page, () => !document.querySelector('#audio').paused);
    assert.deepEqual(errors, []);
  });
});

test('following pauses on a user scroll; "back to current" resumes it', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await openWithAudio(page);
    assert.equal(await page.locator('#back-to-current').isVisible(), false, 'hidden while following');
    await h.setAudioTime(page, 340);
    await h.waitForActive(page, 330);
    await h.waitForTurnInView(page, 330);
    await h.waitForScrollToSettle(page);

    const box = await page.locator('#transcript').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 600) / 2);
    await page.mouse.wheel(0, -3000);
    await page.waitForSelector('#back-to-current', { state: 'visible' });
    await h.waitForScrollToSettle(page);
    const scrolled = await page.evaluate(() => document.querySelector('#transcript').scrollTop);

    await h.setAudioTime(page, 460);
    await h.waitForActive(page, 454);
    await page.waitForTimeout(500);
    assert.equal(
      await page.evaluate(() => document.querySelector('#transcript').scrollTop),
      scrolled,
      'while following is paused the transcript does not scroll by itself',
    );
    assert.equal(await h.turnInView(page, 454), false, 'the new active turn is out of view');

    // A message while the button shows stands above it, never over it.
    const shown = await page.evaluate(() => [...document.querySelectorAll('article.turn')].find((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= 60 && r.bottom <= innerHeight - 150;
    })?.dataset.start);
    await page.click(`article.turn[data-start="${shown}"] .turn-link`);
    await h.waitFor(page, () => /copied/.test(document.querySelector('#messages').textContent), undefined, { what: 'the link copied, and said' });
    const [message, button] = await page.evaluate(() => ['#messages .message', '#back-to-current'].map((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    }));
    assert.ok(message.bottom <= button.top, `the message (${message.top}–${message.bottom}) is above the button (${button.top}–${button.bottom})`);
    assert.equal(await page.locator('#back-to-current').isVisible(), true, 'copying a link does not resume following');

    // The button stands over the player bar, however high the bar is: on a phone its two rows,
    // and three with the loop's controls (it stood where the desktop's bar ends, over the seek
    // bar and the loop's buttons).
    const clear = async (where) => {
      const [over, bar] = await page.evaluate(() => ['#back-to-current', '.player-bar'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()));
      assert.ok(over.bottom <= bar.top && over.top >= 0, `${where}: the button (${over.top}–${over.bottom}) stands over the player bar (from ${bar.top})`);
    };
    await clear('1,280 px');
    await page.setViewportSize({ width: 360, height: 740 });
    await clear('360 px');
    await page.selectOption('#practice', 'loop-turns');
    await clear('360 px, looping');
    await page.selectOption('#practice', 'play-on');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.focus('#back-to-current');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#back-to-current', { state: 'hidden' });
    await h.waitForTurnInView(page, 454);
    // The button gone, the keyboard goes on from the turn it brought back (not the page's top).
    await h.waitFor(page, () => document.activeElement.matches('article.turn[data-start="454"]'), undefined, { what: 'the focus on the current turn' });

    // C does the same from the keyboard, wherever its focus is; and with Follow off, brings the
    // turn being said once.
    const awayAndBack = async (what) => {
      await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 600) / 2);
      await page.mouse.wheel(0, -3000);
      await h.waitForScrollToSettle(page);
      assert.equal(await h.turnInView(page, 454), false, `${what}: scrolled away`);
      await page.focus('#play');
      await page.keyboard.press('c');
      await h.waitForTurnInView(page, 454);
      await h.waitFor(page, () => document.activeElement.matches('article.turn[data-start="454"]'), undefined, { what: `${what}: the focus on the current turn` });
      assert.equal(await page.locator('#back-to-current').isVisible(), false, `${what}: no button offered`);
    };
    await awayAndBack('following');
    await page.keyboard.press('f');
    await h.waitFor(page, () => document.querySelector('#follow-toggle').getAttribute('aria-pressed') === 'false', undefined, { what: 'Follow off' });
    await awayAndBack('Follow off');
  });
});

test('on the smallest phone the transcript opens at its title, the first turn under it; the next turn is followed', T, async () => {
  await withPage({ width: 320, height: 640 }, async (page) => {
    await openWithAudio(page);
    // Following had raised the first turn to a quarter of the view, hiding the title and
    // credits above it (the view 155 px down).
    await page.waitForTimeout(500);
    await h.waitForScrollToSettle(page);
    const view = () => page.evaluate(() => {
      const transcript = document.querySelector('#transcript');
      const title = document.querySelector('.doc-title').getBoundingClientRect();
      const first = document.querySelector('article.turn[data-start="0"]').getBoundingClientRect();
      return { scrollTop: transcript.scrollTop, title: title.top, first: first.top, bottom: transcript.getBoundingClientRect().bottom };
    });
    const opened = await view();
    assert.equal(opened.scrollTop, 0, `the view stays at the top: ${JSON.stringify(opened)}`);
    assert.ok(opened.title >= 0 && opened.first < opened.bottom - 40, `the title in view, and the first turn's head: ${JSON.stringify(opened)}`);
    assert.deepEqual((await h.activeTurns(page)).current, ['0'], 'the first turn is the current one');
    await h.setAudioTime(page, 16);
    await h.waitForActive(page, 15);
    await h.waitForTurnInView(page, 15);
    await h.waitForScrollToSettle(page);
    assert.ok((await view()).scrollTop > 0, 'the next turn is brought up');
  });
});

test('a scroll by the reader just as the current turn changes is not undone by following', T, async () => {
  await withPage({ width: 1280, height: 800 }, async (page) => {
    await openWithAudio(page);
    await h.setAudioTime(page, 340);
    await h.waitForActive(page, 330);
    await h.waitForTurnInView(page, 330);
    await h.waitForScrollToSettle(page);
    // The turn at 454 becomes current; in the same moment (before the next frame, where
    // following scrolls) the reader scrolls to the top with the wheel.
    const top = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const transcript = document.querySelector('#transcript');
          const observer = new MutationObserver(() => {
            if (!document.querySelector('article.turn[data-start="454"][aria-current="true"]')) return;
            observer.disconnect();
            transcript.dispatchEvent(new WheelEvent('wheel', { deltaY: -3000, bubbles: true }));
            transcript.scrollTop = 0;
            let frames = 20;
            const wait = () => (--frames ? requestAnimationFrame(wait) : resolve(transcript.scrollTop));
            requestAnimationFrame(wait);
          });
          observer.observe(transcript, { attributes: true, subtree: true, attributeFilter: ['aria-current'] });
          document.querySelector('#audio').currentTime = 460;
        }),
    );
    assert.equal(top, 0, 'the transcript stays where the reader scrolled it');
    assert.equal(await h.turnInView(page, 454), false, 'the new current turn is left out of view');
    assert.equal(await page.locator('#back-to-current').isVisible(), true, '"Back to current" offers the way back');
    // No arrow, which pointed down whichever way the current turn was.
    assert.equal(await page.textContent('#back-to-current'), 'Back to current');
  });
});
