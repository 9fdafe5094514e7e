// The preview page: the output shown in a frame, with a bar of the outputs and the script that
// reloads the frame when the file it shows is written again. The script lives here only: the
// briefs themselves stay as they are built (no script, their CSP intact).

/** Where the preview's own page and its events are served (nothing the build writes is named so). */
export const previewPrefix = '/__preview/';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The preview page showing `shown` (a path under the output folder, such as `/index.html`). */
export function previewPage(input: { readonly title: string; readonly shown: string; readonly outputs: readonly string[] }): string {
  const links = input.outputs
    .map((file) => `<a href="${previewPrefix}?show=${encodeURIComponent(`/${file}`)}" data-file="/${escape(file)}">${escape(file)}</a>`)
    .join(' ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview · ${escape(input.title)}</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 0.75rem; align-items: baseline; flex-wrap: wrap; padding: 0.4rem 0.75rem; background: #f3f3f3; border-bottom: 1px solid #ccc; }
  header strong { margin-right: 0.5rem; }
  header nav { display: flex; flex-wrap: wrap; gap: 0.2rem 0.75rem; }
  header a { color: #1a4f8b; white-space: nowrap; }
  header a[aria-current] { font-weight: 600; color: #000; }
  #state { margin-left: auto; color: #555; }
  #problem { display: none; margin: 0; padding: 0.5rem 0.75rem; background: #fde8e8; color: #7a1212; border-bottom: 1px solid #e0a0a0; white-space: pre-wrap; font: 12px/1.4 ui-monospace, monospace; max-height: 40vh; overflow: auto; }
  #problem.shown { display: block; }
  iframe { flex: 1; border: 0; width: 100%; }
</style>
</head>
<body>
<header><strong>${escape(input.title)}</strong><nav aria-label="Outputs">${links}</nav><span id="state" role="status">Watching for changes</span></header>
<pre id="problem" role="alert"></pre>
<iframe src="${escape(input.shown)}" title="${escape(input.shown)}"></iframe>
<script>
(() => {
  const frame = document.querySelector('iframe');
  const state = document.getElementById('state');
  const problem = document.getElementById('problem');
  const shown = () => {
    try { return decodeURIComponent(new URL(frame.contentWindow.location.href).pathname); } catch { return frame.getAttribute('src'); }
  };
  const mark = () => {
    const current = shown();
    for (const link of document.querySelectorAll('nav a')) {
      if (link.dataset.file === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    history.replaceState(null, '', '${previewPrefix}?show=' + encodeURIComponent(current + (frame.contentWindow.location.hash || '')));
  };
  frame.addEventListener('load', mark);
  const events = new EventSource('${previewPrefix}events');
  events.addEventListener('building', () => { state.textContent = 'Building …'; });
  events.addEventListener('written', (event) => {
    const files = JSON.parse(event.data);
    if (!files.includes(shown())) return;
    // Reloaded where the reader was: the same scroll position.
    const view = frame.contentWindow;
    const x = view.scrollX, y = view.scrollY;
    frame.addEventListener('load', () => frame.contentWindow.scrollTo(x, y), { once: true });
    view.location.reload();
  });
  events.addEventListener('built', (event) => {
    problem.classList.remove('shown');
    state.textContent = 'Built ' + new Date().toLocaleTimeString() + ' · ' + event.data;
  });
  events.addEventListener('failed', (event) => {
    problem.textContent = JSON.parse(event.data);
    problem.classList.add('shown');
    state.textContent = 'The last change did not build: the output shown is the last good one';
  });
  events.addEventListener('error', () => { state.textContent = 'The preview server stopped'; });
})();
</script>
</body>
</html>
`;
}
