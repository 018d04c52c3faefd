// The error panel, in JavaScript: the release build aborts at a panic without running Rust's
// panic hook (its panics carry no message, which keeps 26 KB of formatting code out), and the
// trap that ends the call reaches the page as a WebAssembly.RuntimeError, which only JavaScript
// sees. After it the WebAssembly's state may be anything, so nothing here calls back into it.

/** Shows the panel with `detail` (once: a later error keeps the first panel). */
export function showErrorPanel(detail) {
  if (document.getElementById('panic-panel')) return;
  const element = (tag, text) => {
    const made = document.createElement(tag);
    made.textContent = text;
    return made;
  };
  const panel = element('div', '');
  panel.id = 'panic-panel';
  panel.setAttribute('role', 'alert');
  const reload = element('button', 'Reload');
  reload.addEventListener('click', () => location.reload());
  panel.append(
    element('h2', 'Something went wrong'),
    element('p', 'Your transcript and settings are kept. Reloading the page usually fixes this.'),
    element('pre', detail),
    reload,
  );
  document.body.append(panel);
}

/** From now on, a trap of the WebAssembly, in a handler or a task, shows the panel. */
export function panelOnTraps() {
  const shown = (error) => {
    // The error and where it stopped (the first lines of its stack, each place by its file's
    // name alone): enough for a bug report.
    if (!(error instanceof WebAssembly.RuntimeError)) return;
    const stack = String(error.stack || error).split('\n').slice(0, 4).join('\n');
    showErrorPanel(stack.replace(/\(?[a-z]+:\/\/[^\s()]*\/([^/\s()]+)\)?/g, '$1'));
  };
  addEventListener('error', (event) => shown(event.error));
  addEventListener('unhandledrejection', (event) => shown(event.reason));
}
