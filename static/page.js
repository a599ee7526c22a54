// Browser plumbing that costs less as a few lines of JavaScript than as WebAssembly: copying
// text, the native share sheet, and telling a parent page how tall an embedded page is.
// Nothing here puts text from a URL, a message or a file into the page as markup.

// Copy: a button with data-copy="ID" copies the value of the field with that id.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(`${button.dataset.copy}-status`);
  if (!field) return;
  const say = (text) => { if (status) status.textContent = text; };
  try {
    await navigator.clipboard.writeText(field.value);
    say('Copied.');
  } catch {
    // No clipboard access (an insecure page or an iframe without permission): select the text
    // so the reader can copy it, and try the old command.
    field.focus();
    field.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch { copied = false; }
    say(copied ? 'Copied.' : 'Selected: press Ctrl+C (⌘C on a Mac) to copy.');
  }
});

// Share: shown only where the browser has a share sheet.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-share]');
  if (!button || !navigator.share) return;
  const field = document.getElementById(button.dataset.share);
  navigator.share({ title: document.title, url: field ? field.value : location.href }).catch(() => {});
});
const showShareButtons = () => {
  if (!navigator.share) return;
  for (const button of document.querySelectorAll('[data-share][hidden]')) button.hidden = false;
};
new MutationObserver(showShareButtons).observe(document.documentElement, { childList: true, subtree: true });

// Inside an iframe, report the page's height to the parent on load and on every size change:
// as the message news sites already handle, and as our own for the embed snippet.
if (window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
    window.parent.postMessage({ type: 'glabella:height', height }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
}

// Reset disables itself: keep the keyboard focus in the settings rather than losing it.
document.addEventListener('click', (event) => {
  if (!event.target.closest('#reset')) return;
  requestAnimationFrame(() => requestAnimationFrame(() => document.querySelector('#settings summary')?.focus()));
});

// Offline after the first visit: the service worker caches this build's files. Not inside an
// iframe, where another site's page decides, nor where it is unavailable; never an error.
if ('serviceWorker' in navigator && window.parent === window && location.hash !== '#dev') {
  addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  });
}
