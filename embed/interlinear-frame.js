// The iframe page (embed.html) for hosts that cannot run scripts: one <interlinear-transcript>
// with its own player bar, configured by the page's query, talking to the parent page by
// postMessage.
//
//   embed.html?transcript=URL&audio=URL&t=330&layout=side&theme=dark&languages=zh+en&follow=false&listen=false
//
// To the parent:   {source: 'interlinear', type: 'ready' | 'turnchange' | 'timeupdate' | 'error', ...detail}
// From the parent: {type: 'seek', seconds} · {type: 'play'} · {type: 'pause'}
// To the other frames of this origin (BroadcastChannel 'interlinear-voice'): 'play'.
import './interlinear-embed.js';

const query = new URLSearchParams(location.search);
const element = document.createElement('interlinear-transcript');
const attributes = { transcript: 'src', audio: 'audio-src', layout: 'layout', theme: 'theme', languages: 'languages', follow: 'follow', listen: 'listen' };
for (const [param, attribute] of Object.entries(attributes)) {
  const value = query.get(param);
  if (value !== null) element.setAttribute(attribute, value);
}
element.setAttribute('height', 'auto'); // the frame's height is the box's height

const parentWindow = window.parent !== window ? window.parent : null;
for (const type of ['ready', 'turnchange', 'timeupdate', 'error']) {
  element.addEventListener(type, (e) => {
    parentWindow?.postMessage({ source: 'interlinear', type, ...e.detail }, '*');
  });
}

const start = query.get('t');
if (start !== null && !/(^#|&)t=/.test(location.hash)) {
  // The element reads #t= like any page; the query's t= becomes this page's fragment, unless
  // the address has one already (a link to a moment copied inside the frame).
  history.replaceState(null, '', `${location.pathname}${location.search}#t=${encodeURIComponent(start)}`);
}

// One voice at a time across frames, as among elements on one page: this frame's player starting
// pauses the players of the other frames of this origin (a page of episodes, a frame each; and
// another tab's). A play event does not leave the shadow root: caught there on its way down.
if (typeof BroadcastChannel === 'function') {
  const voices = new BroadcastChannel('interlinear-voice');
  element.shadowRoot.addEventListener('play', (e) => e.target.muted || voices.postMessage('play'), true);
  voices.onmessage = () => element.pause();
}

window.addEventListener('message', (e) => {
  if (!parentWindow || e.source !== parentWindow || !e.data || typeof e.data !== 'object') return;
  const { type, seconds } = e.data;
  if (type === 'seek') element.seek(seconds);
  else if (type === 'play') element.play();
  else if (type === 'pause') element.pause();
});

// A landmark and a heading, by which a screen reader's user finds their way in a page; the
// heading and the page's title name the episode once its transcript is read.
const main = document.createElement('main');
const heading = document.createElement('h1');
heading.className = 'visually-hidden';
heading.textContent = 'Transcript';
element.addEventListener('ready', (e) => {
  heading.textContent = e.detail.title ?? 'Transcript';
  document.title = `${e.detail.title ? `${e.detail.title}: transcript` : 'Transcript'} — interlinear`;
});
main.append(heading, element);
document.body.append(main);
