// <interlinear-transcript>: a bilingual transcript that follows the host page's audio player.
//
//   <script type="module" src="https://example.com/interlinear/interlinear-embed.js"></script>
//   <interlinear-transcript src="episode-12.md" audio="#player"></interlinear-transcript>
//
// This module defines the element and exports `parseTranscript`, and nothing else (no globals).
// The build writes the names of the WebAssembly, its glue, the reader's (parseTranscript's, a
// module of its own, imported on the first call) and the stylesheet into the @…@ placeholders;
// everything is loaded relative to this file, so the build's folder can be hosted anywhere.
import init, { mountTranscript } from './@GLUE@';

const here = import.meta.url;
const TAG = 'interlinear-transcript';
/** Attributes that take effect in place; a new src is loaded (and the old transcript kept if it
 * fails); a new audio or audio-src remounts. */
const LIVE = ['layout', 'languages', 'theme', 'follow', 'height', 'listen'];
const REMOUNT = ['audio', 'audio-src'];

let code, loaded, reader;
/**
 * Until its transcript is shown (or cannot be), the element keeps the room the transcript will
 * take, so the page below it does not jump down as it arrives (a layout shift): a float as high
 * as the transcript's box (its `height`, or the default, `min(32em, 80vh)` as the WebAssembly's
 * options say, and the box's 1px borders), of no width, which the element, a block formatting
 * context, grows to hold. Its em are the transcript's (`--interlinear-font-size`).
 */
const reserving = new CSSStyleSheet();
reserving.replaceSync(
  ':host{display:flow-root}.reserve{float:left;height:min(32em,80vh);margin-bottom:2px;font-size:var(--interlinear-font-size,medium)}',
);
/** The trap that stopped the element's WebAssembly, once one has (see the class's static block). */
let stopped = null;
/** The elements on the page with a transcript mounted. */
const mounted = new Set();
/** The WebAssembly, loaded once. */
const loadCode = () => (code ??= init({ module_or_path: new URL('./@WASM@', here) }));
/** The WebAssembly and the one stylesheet every instance's shadow root adopts, loaded once. */
function load() {
  loaded ??= Promise.all([
    loadCode(),
    fetch(new URL('./@CSS@', here))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`stylesheet: ${r.status}`))))
      .then((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return sheet;
      }),
  ]).then(([, sheet]) => sheet);
  return loaded;
}

/** The transcript written inside the element, without the indentation of the page's markup. */
function inlineText(element) {
  const holder = element.querySelector(':scope > script[type="text/plain"], :scope > template');
  if (!holder) return undefined;
  const text = holder instanceof HTMLTemplateElement ? holder.content.textContent : holder.textContent;
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const indent = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

class InterlinearTranscript extends HTMLElement {
  static observedAttributes = ['src', ...LIVE, ...REMOUNT];
  #shadow;
  #handle = null;
  #mounting = null;
  /** The room kept for the transcript (see `reserving`), until it is shown or cannot be. */
  #reserve = null;
  /** `load()` was asked for another transcript since `src` was read: `src` set again, even to
   *  the same address, brings it back (as a media element's `src` set again loads again). */
  #loadedOther = false;

  // The release build aborts at a panic: the trap reaches the page as a WebAssembly.RuntimeError.
  // One whose stack passes through the element's own modules (the build's folder, not the page's
  // other code) leaves every instance's state unknown, so each says so over what it shows, fires
  // `error`, and nothing calls into the WebAssembly again.
  static {
    const ours = new URL('./@WASM@', here).href.replace(/[^/]*$/, '');
    const trapped = (error) => {
      if (stopped || !(error instanceof WebAssembly.RuntimeError) || !String(error.stack).includes(ours)) return;
      stopped = error;
      console.error(`<${TAG}>: internal error, the transcript stopped (${error})`);
      for (const element of mounted) element.#stop();
    };
    addEventListener('error', (event) => trapped(event.error));
    addEventListener('unhandledrejection', (event) => trapped(event.reason));
    addEventListener('play', InterlinearTranscript.#oneVoice, true);
  }

  /**
   * One voice at a time: when an element's own player (`audio-src`) or an audible player of the
   * page starts, every other element's own player pauses, and so does the page's audible player
   * when an element's own starts: two players on one page never talk over each other. Media
   * events do not bubble: they are caught on their way down, on the window for the page's
   * players and on each element's shadow root for its own. A muted video (a page's moving
   * background) neither pauses nor is paused.
   */
  static #oneVoice(event) {
    const started = event.target;
    if (!(started instanceof HTMLMediaElement) || started.muted) return;
    for (const element of mounted) {
      const own = element.#shadow.querySelector('audio');
      if (own && own !== started) own.pause();
    }
    if (started.getRootNode() === document) return;
    for (const media of document.querySelectorAll('audio, video')) {
      if (media !== started && !media.muted) media.pause();
    }
  }

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.addEventListener('ready', this.#release);
    this.addEventListener('error', this.#failed);
  }

  connectedCallback() {
    if (!this.#mounting) {
      const reserve = (this.#reserve = document.createElement('div'));
      reserve.className = 'reserve';
      // Through the CSSOM: a value it refuses leaves the default, as the options do.
      reserve.style.height = this.getAttribute('height') ?? '';
      this.#shadow.adoptedStyleSheets = [reserving];
      this.#shadow.replaceChildren(reserve);
    }
    this.#mounting ??= this.#mount();
  }

  disconnectedCallback() {
    // Moved within the page: connectedCallback follows at once and keeps it; removed: unmount.
    queueMicrotask(() => {
      if (!this.isConnected) this.#unmount();
    });
  }

  /** The mounted transcript, to call into: none before it is mounted, nor after a trap. */
  get #live() {
    return stopped ? null : this.#handle;
  }

  attributeChangedCallback(name, previous, value) {
    const live = this.#live;
    if (!live || (previous === value && !(name === 'src' && this.#loadedOther))) return;
    if (name === 'src') {
      this.#loadedOther = false;
      if (value) live.load(value);
    } else if (LIVE.includes(name)) {
      live.setOption(name, value);
    } else {
      this.#unmount();
      this.#mounting = this.#mount();
    }
  }

  async #mount() {
    let sheet;
    try {
      sheet = await load();
    } catch (e) {
      this.#fail(`could not load its code (${e && e.message ? e.message : e})`);
      return null;
    }
    if (!this.isConnected || this.#handle) return this.#handle;
    this.#shadow.adoptedStyleSheets = [sheet, reserving];
    this.#shadow.replaceChildren(...(this.#reserve ? [this.#reserve] : []));
    if (stopped) {
      this.#stop();
      return null;
    }
    this.#shadow.addEventListener('play', InterlinearTranscript.#oneVoice, true);
    this.#handle = mountTranscript(this, this.#shadow, inlineText(this));
    mounted.add(this);
    return this.#handle;
  }

  /** Gives back the room kept (the element stays a block formatting context, which changes
   * nothing for what it holds). */
  #release = () => {
    this.#reserve?.remove();
    this.#reserve = null;
  };

  /** An error gives back the room once nothing is being read: the page's audio failing while the
   * transcript is on its way leaves it coming (its own failure, if it fails, says so in turn). */
  #failed = () => {
    requestAnimationFrame(() => {
      if (this.#shadow.querySelector('#loading')?.hidden !== false) this.#release();
    });
  };

  #unmount() {
    mounted.delete(this);
    this.#live?.free();
    this.#handle = null;
    this.#mounting = null;
    this.#shadow.replaceChildren();
  }

  /** Without the WebAssembly there is no transcript: say so in the element and once in the console. */
  #fail(reason) {
    const message = `The transcript ${reason}.`;
    console.warn(`<${TAG}>: ${message}`);
    this.#say(message, true);
  }

  /** After a trap: the rows shown stay to be read, below a message that says the rest stopped. */
  #stop() {
    this.#say('The transcript stopped after an internal error; reloading the page brings it back.', false);
  }

  /** A message in the element, alone (`alone`) or above what it shows, and the `error` event. */
  #say(message, alone) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = message;
    if (alone) this.#shadow.replaceChildren(p);
    else this.#shadow.prepend(p);
    this.dispatchEvent(new CustomEvent('error', { detail: { reason: message }, bubbles: true }));
  }

  async #ready() {
    if (stopped) return null;
    return (await (this.#mounting ?? this.#mount())) ?? null;
  }

  /** Moves to `at`, seconds or a moment as a link writes it ("5:30"), the page's audio too when the element follows it. */
  async seek(at) {
    (await this.#ready())?.seek(typeof at === 'string' ? at : Number(at));
  }

  async play() {
    (await this.#ready())?.play();
  }

  async pause() {
    (await this.#ready())?.pause();
  }

  /** Shows another transcript: its text, its address, or a File. Resolves to whether it is shown. */
  async load(source) {
    const handle = await this.#ready();
    this.#loadedOther = true;
    return handle ? handle.load(source) : false;
  }

  /** The turn being said now: {index, start, end, speaker, text: {en, zh}}, or null. */
  get currentTurn() {
    return this.#live ? this.#live.currentTurn : null;
  }

  /** The time in seconds. */
  get currentTime() {
    return this.#live ? this.#live.currentTime : 0;
  }

  /** The number of turns of the transcript shown (0 before it is ready). */
  get turns() {
    return this.#live ? this.#live.turns : 0;
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, InterlinearTranscript);

/**
 * Reads a transcript (a string, a Uint8Array or an ArrayBuffer) in any format the app reads,
 * and resolves to `{title, metadata, languages, segments, diagnostics}` (the README's JSON
 * shape). Problems with the content are in `diagnostics`; it rejects only input that is neither
 * text nor bytes, or when its code cannot be loaded (calling again tries again).
 */
export async function parseTranscript(input) {
  reader ??= import('./@READER@').then(async (module) => {
    await module.default({ module_or_path: new URL('./@READER_WASM@', here) });
    return module;
  });
  let module;
  try {
    module = await reader;
  } catch (e) {
    reader = undefined;
    throw new Error(`parseTranscript: its code could not be loaded (${e && e.message ? e.message : e}); check the connection and try again`);
  }
  return module.parseTranscript(input);
}
