// Browser plumbing that costs less as a few lines of JavaScript than as WebAssembly: copying
// text, the native share sheet, and telling a parent page how tall an embedded page is.
// Nothing here puts text from a URL, a message or a file into the page as markup.

// What this script says, in the page's language: the build writes the `[script]` messages of
// i18n/<lang>.toml into the page as JSON. `{name}` is a value; `{name|one|other}` (Russian
// `{name|one|few|many}`) the word that agrees with the count `name`; counts get the language's
// digit groups. `words` is another table of such messages (static/lesson.js has its own).
function phrase(key, values = {}, words = undefined) {
  phrase.words ??= JSON.parse(document.getElementById('page-words')?.textContent || '{}');
  const table = words ?? phrase.words;
  const lang = document.documentElement.lang;
  const count = (value) => String(value).replace(/\B(?=(\d{3})+$)/g, phrase.words.digit_group ?? ',');
  const form = (value, forms) => {
    const index = { one: 0, few: 1, many: 2 }[new Intl.PluralRules(lang).select(value)] ?? forms.length - 1;
    return forms[Math.min(index, forms.length - 1)];
  };
  return (table[key] ?? key).replace(/\{(\w+)(?:\|([^}]*))?\}/g, (whole, name, forms) => {
    const value = values[name];
    if (forms) return form(value, forms.split('|'));
    return typeof value === 'number' ? count(value) : String(value ?? whole);
  });
}

// The pre-rendered page (scripts/prerender.mjs) until the app takes it over. What a reader did
// to it meanwhile, the app's fresh markup would undo: the panels they opened (by their place
// among the page's <details>, the same in both) and the element they focused (by its id) are
// given back once the app is ready. If the app cannot start, the default page stays, and says
// so, rather than a link's loading line staying forever.
{
  const root = document.documentElement;
  const app = document.getElementById('app');
  const panels = () => [...app.querySelectorAll('details')];
  let opened = [];
  let focused = null;
  const watch = () => {
    opened = panels().flatMap((details, index) => (details.open ? [index] : []));
    focused = app.contains(document.activeElement) ? document.activeElement.id || null : null;
  };
  document.addEventListener('toggle', watch, true);
  document.addEventListener('focusin', watch);
  new MutationObserver((changes, observer) => {
    if (!root.hasAttribute('data-ready')) return;
    observer.disconnect();
    document.removeEventListener('toggle', watch, true);
    document.removeEventListener('focusin', watch);
    const now = panels();
    for (const index of opened) if (now[index]) now[index].open = true;
    if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
  }).observe(root, { attributes: true, attributeFilter: ['data-ready'] });
  const failed = () => {
    if (root.hasAttribute('data-ready')) return;
    root.removeAttribute('data-pending');
    document.getElementById('no-wasm').hidden = false;
  };
  // An exception (not a ResizeObserver notice, which has no error object) or a rejected
  // promise, such as the loader's when the wasm cannot be fetched or compiled.
  addEventListener('error', (event) => { if (event.error) failed(); });
  addEventListener('unhandledrejection', failed);
}

// A reader's change of one of the app's controls paints first: the select or the switch shows
// its new value in the next frame, and the app recomputes the page in a task after that frame,
// instead of holding the frame for the whole update (INP). The same change event reaches the app,
// re-sent; a script's own changes (untrusted events) go straight through.
{
  const root = document.documentElement;
  const app = document.getElementById('app');
  addEventListener('change', (event) => {
    if (!event.isTrusted || !root.hasAttribute('data-ready') || !app.contains(event.target)) return;
    event.stopImmediatePropagation();
    const { target } = event;
    requestAnimationFrame(() => setTimeout(() => target.dispatchEvent(new Event('change', { bubbles: true }))));
  }, true);
}

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
    say(phrase('copied'));
  } catch {
    // No clipboard access (an insecure page or an iframe without permission): select the text
    // so the reader can copy it, and try the old command.
    field.focus();
    field.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch { copied = false; }
    say(phrase(copied ? 'copied' : 'select_to_copy'));
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
    // Not while the link's scenario is loading: the parent would shrink the frame to one line.
    if (document.documentElement.hasAttribute('data-pending')) return;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
    window.parent.postMessage({ type: 'glabella:height', height }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
}

// The language switch opens the other language's page at the reader's scenario.
{
  const follow = () => {
    const anchor = document.querySelector('.lang-switch a');
    // A lesson goes on at its step in the other language; its address is the whole link.
    const link = document.documentElement.dataset.mode === 'lesson' ? location.href : window.glabella?.link();
    if (!anchor || !link) return;
    const query = new URL(link).searchParams;
    query.set('lang', anchor.hreflang);
    anchor.search = query.toString();
  };
  addEventListener('glabella:change', follow);
  addEventListener('glabella:lesson-step', follow);
  new MutationObserver((changes, observer) => {
    if (!document.documentElement.hasAttribute('data-ready')) return;
    observer.disconnect();
    follow();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-ready'] });
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

// Sharing and reuse: the citations' date, window.glabella, and what static/tools.js does when
// asked. One block: Trunk's minifier mishandles globals used by top-level declarations.
{
  // Today in the reader's time zone, 2026-11-29: the date of a download or of a citation.
  const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

  // Citations (src/components/cite.rs): the explainer at this view, with the reader's date,
  // written into its fields when the section appears and whenever the scenario changes.
  const cite = () => {
    const section = document.getElementById('cite');
    const scenario = window.glabella.scenario();
    if (!section || !scenario) return;
    const clean = (value) => value.replace(/[{}\\]/g, '');
    const [title, link, date, app, data] = [phrase('cite_title'), window.glabella.link(), today(), section.dataset.app, scenario.data];
    const texts = {
      'cite-apa': phrase('cite_apa', { title, app, data, date, link }),
      'cite-bibtex': `@misc{glabella,
  title = {${clean(title)}},
  note = {${clean(phrase('cite_note', { app, data }))}},
  url = {${clean(link)}},
  urldate = {${date}}
}`,
    };
    for (const [id, text] of Object.entries(texts)) {
      const field = document.getElementById(id);
      if (field.value !== text) field.value = text;
    }
  };
  // Also once the app is ready (data-ready), which may come after its last change of the page.
  new MutationObserver(cite).observe(document.documentElement, { childList: true, subtree: true, attributeFilter: ['data-ready'] });
  addEventListener('glabella:change', cite);

  // window.glabella: the scenario for other scripts (src/api.rs). scenario() returns it as a plain
  // object with the keys of the link contract; setScenario(obj) reads obj as a link's query is
  // read, applies it, and returns { scenario, notices }; analysis() (below) the numbers. A parent
  // page gets the same by postMessage; every change fires `glabella:change` with the scenario as
  // its detail.
  {
    const wasm = () => window.wasmBindings;
    const ready = new Promise((resolve) => {
      if (wasm()) resolve();
      else addEventListener('TrunkApplicationStarted', resolve, { once: true });
    });
    // The app's query with every key -> { v: 1, data, ci: 95, zero, adjust: false, pool, frown: [...], ... }.
    const read = (query) => {
      if (!query) return undefined;
      const params = new URLSearchParams(query);
      const get = (key) => params.get(key) ?? '';
      const scenario = { v: +get('v'), data: get('data'), ci: +get('ci'), zero: get('zero'), adjust: get('adjust') || false, pool: get('pool') };
      for (const key of ['frown', 'other_facial', 'no_facial']) scenario[key] = get(key).split(',').filter(Boolean);
      // A seed past 2^53 stays digits: a number would lose its last ones.
      for (const key of ['missed_bont', 'missed_control']) scenario[key] = +get(key);
      const seed = params.get('seed');
      scenario.seed = seed === null ? null : Number.isSafeInteger(+seed) ? +seed : seed;
      return scenario;
    };
    // And back: { ci: 99, frown: ['cosmetic'] } -> "ci=99&frown=cosmetic", decoded by the same code
    // as links (`adjust: false` is the crude comparison, which a link says by leaving it out).
    const query = (scenario) => (typeof scenario === 'string' ? scenario : Object.entries(Object(scenario))
      .filter(([key, value]) => value !== null && value !== undefined && !(key === 'adjust' && value === false))
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value))}`)
      .join('&'));
    // What the page needs only when asked for (static/tools.js: the compute workers, a reader's
    // file, the downloads): fetched the first time, named after its contents by the build
    // (<meta name="glabella-tools">).
    const tools = () => (tools.loading ??= import(document.querySelector('meta[name="glabella-tools"]').content)
      .then((module) => module.default({ phrase, ready, wasm, today })));
    const analysis = async () => (await tools()).analysis();
    // The scorecard's shares (`seed=` in the link) and the what-if's flips follow every change,
    // once the tools are there; a link with a seed fetches them at once.
    const changed = () => {
      if (tools.loading || window.glabella.scenario()?.seed != null) tools().then((loaded) => loaded.changed());
    };
    addEventListener('glabella:change', changed);
    // A lesson (mode=lesson, which the app writes as <html data-mode="lesson">): static/lesson.js,
    // fetched only then, with its words in it (<meta name="glabella-lesson">). It says when its
    // steps are there (data-lesson-ready); if it cannot load, the step's sections stay as they are.
    const lesson = () => {
      const root = document.documentElement;
      if (root.dataset.mode !== 'lesson') return;
      import(document.querySelector('meta[name="glabella-lesson"]').content)
        .then((module) => module.default({ phrase, analysis }))
        .catch(() => { root.dataset.lessonReady = ''; });
    };
    // And once the app is live (data-ready comes after it has published its scenario).
    new MutationObserver((records, observer) => {
      if (!document.documentElement.hasAttribute('data-ready')) return;
      observer.disconnect();
      changed();
      lesson();
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-ready'] });
    document.addEventListener('click', (event) => {
      if (event.target.closest('#flips-show')) tools().then((loaded) => loaded.showFlips());
      const button = event.target.closest('[data-download]');
      if (button) tools().then((loaded) => loaded.download(button));
    });
    const loadFile = (file) => tools().then((loaded) => loaded.loadFile(file));

    // Showing or hiding the counts replaces the button pressed: the keyboard focus goes to the
    // button that takes its place, not back to the top of the page.
    document.addEventListener('click', (event) => {
      const next = { 'shares-show': 'shares-hide', 'shares-hide': 'shares-show' }[event.target.closest('button')?.id];
      if (next) requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(next)?.focus()));
    });

    document.addEventListener('change', (event) => {
      if (event.target.id !== 'load-file') return;
      loadFile(event.target.files[0]);
      event.target.value = '';
    });
    for (const type of ['dragover', 'drop']) {
      document.addEventListener(type, (event) => {
        const zone = event.target.closest?.('#data-drop');
        if (!zone) return;
        event.preventDefault();
        zone.classList.toggle('dragging', type === 'dragover');
        if (type === 'drop') loadFile(event.dataTransfer.files[0]);
      });
    }
    document.addEventListener('dragleave', (event) => event.target.closest?.('#data-drop')?.classList.remove('dragging'));
    document.addEventListener('click', (event) => {
      if (!event.target.closest('.back-to-embedded')) return;
      for (const id of ['load-status', 'load-error']) {
        const node = document.getElementById(id);
        if (node) node.textContent = '';
      }
    });

    window.glabella = {
      analysis,
      scenario: () => read(wasm()?.glabellaScenario()),
      link: () => wasm()?.glabellaLink(),
      setScenario: (scenario) => {
        const [applied, ...notices] = (wasm()?.glabellaSetScenario(query(scenario)) ?? '').split(/\n/);
        return applied ? { scenario: read(applied), notices } : undefined;
      },
      _changed: (applied) => dispatchEvent(new CustomEvent('glabella:change', { detail: read(applied) })),
    };
    // Requests from any origin; the answer goes to the sender only. Message contents are read as
    // data, never run or shown as markup.
    addEventListener('message', async ({ data, source, origin }) => {
      const type = data?.type;
      if (!source || (type !== 'glabella:set-scenario' && type !== 'glabella:get-analysis')) return;
      await ready;
      let answer = { type: 'glabella:error' };
      try {
        // A reader's own file stays on this device: its numbers go to no other page.
        if (type === 'glabella:get-analysis' && origin !== location.origin && wasm().glabellaDatasetFile()) {
          throw new Error("the reader's own data is not shared with other pages");
        }
        answer = type === 'glabella:set-scenario'
          ? { type: 'glabella:scenario', ...window.glabella.setScenario(data.scenario ?? {}) }
          : { type: 'glabella:analysis', analysis: await analysis() };
      } catch (error) {
        answer.message = String(error?.message ?? error);
      }
      source.postMessage(answer, origin === 'null' ? '*' : origin);
    });
  }

}
