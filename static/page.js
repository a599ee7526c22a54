// Browser plumbing that costs less as a few lines of JavaScript than as WebAssembly: copying
// text, the native share sheet, and telling a parent page how tall an embedded page is.
// Nothing here puts text from a URL, a message or a file into the page as markup.

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

// Sharing and reuse: the citations' date, window.glabella and the downloads. One block: Trunk's
// minifier mishandles globals used by top-level declarations.
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
    const [title, link, date, app, data] = ['Glabella: Does Botox lift mood only where it stops a frown?',
      window.glabella.link(), today(), section.dataset.app, scenario.data];
    const texts = {
      'cite-apa': `Glabella. (n.d.). ${title} (Version ${app}, dataset ${data}) [Interactive explainer]. Retrieved ${date}, from ${link}`,
      'cite-bibtex': `@misc{glabella,
  title = {${title}},
  note = {Interactive explainer, version ${app}, dataset ${clean(data)}},
  url = {${clean(link)}},
  urldate = {${date}}
}`,
    };
    for (const [id, text] of Object.entries(texts)) {
      const field = document.getElementById(id);
      if (field.value !== text) field.value = text;
    }
  };
  new MutationObserver(cite).observe(document.documentElement, { childList: true, subtree: true });
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
    // analysis(): a Promise of the analysis of the current view, the document `glabella analyze
    // --scenario LINK --json` prints, from the compute worker (worker/). The worker is started on
    // the first call and says when it is ready; requests wait for that.
    // A compute worker (worker/): started when first needed; it says when it is ready, and requests
    // wait for that. ask(message, progress) gives its final answer; progress hears the others.
    const makeWorker = () => {
      let started;
      let nextId = 0;
      const pending = new Map();
      const start = () => new Promise((resolve, reject) => {
        const meta = document.querySelector('meta[name="glabella-worker"]');
        if (!meta) return reject(new Error('this build of the page has no compute worker'));
        const instance = new Worker(meta.content);
        const fail = (why) => {
          for (const request of pending.values()) request.reject(new Error(why));
          pending.clear();
          started = undefined;
          instance.terminate();
          reject(new Error(why));
        };
        const slow = setTimeout(() => fail('the compute worker did not start within 30 seconds'), 30000);
        instance.onerror = () => { clearTimeout(slow); fail('the compute worker could not be loaded'); };
        instance.onmessage = ({ data }) => {
          if (data?.ready) {
            clearTimeout(slow);
            return resolve(instance);
          }
          const request = pending.get(data?.id);
          if (!request) return;
          if (data.progress !== undefined) return request.progress?.(data);
          pending.delete(data.id);
          request.resolve(data);
        };
      });
      return {
        ask: async (message, progress) => {
          await ready;
          const instance = await (started ??= start());
          return new Promise((resolve, reject) => {
            nextId += 1;
            pending.set(nextId, { resolve, reject, progress });
            instance.postMessage({ id: nextId, ...message });
          });
        },
        stop: () => {
          started?.then((instance) => instance.terminate(), () => {});
          for (const request of pending.values()) request.reject(new Error('stopped'));
          pending.clear();
        },
      };
    };
    // Analyses and files: one worker for the page's life.
    const worker = makeWorker();
    const ask = worker.ask;
    const analysis = async () => {
      await ready;
      const link = window.glabella.link();
      const file = wasm().glabellaDatasetFile() || undefined;
      const answer = await ask({ query: link.includes('?') ? link.slice(link.indexOf('?') + 1) : '', file });
      if (answer.error) throw new Error(answer.error);
      return answer.analysis;
    };

    // "Use your own data" (src/components/your_data.rs): the worker reads and parses the file,
    // the app shows it. Every message is text, never markup.
    const loadFile = async (file) => {
      const status = document.getElementById('load-status');
      const problem = document.getElementById('load-error');
      if (!file || !status || !problem) return;
      problem.textContent = '';
      status.textContent = `Reading ${file.name}`;
      try {
        const answer = await ask({ op: 'import', file, name: file.name }, ({ progress }) => {
          status.textContent = `Reading ${file.name}: ${Math.floor(progress * 100)}%`;
        });
        const error = answer.error ?? wasm().glabellaLoadDataset(answer.text, file.name);
        if (error) throw new Error(error);
        const count = (value) => value.toLocaleString('en-US');
        status.textContent = `Loaded ${file.name}: ${count(answer.reports)} reports in ${count(answer.strata)} strata.`;
      } catch (error) {
        status.textContent = '';
        problem.textContent = `${file.name} could not be loaded: ${error.message}`;
      }
    };
    // The scorecard's shares over reconstructions (`seed=` in the link): counted in a worker of
    // their own, restarted for every new scenario, so the page never waits for them.
    const MEMBERS = 500;
    let counting = { query: null, stop: () => {} };
    const countShares = async () => {
      await ready;
      const link = window.glabella.link();
      const query = link.includes('?') ? link.slice(link.indexOf('?') + 1) : '';
      const wanted = window.glabella.scenario()?.seed != null && !wasm().glabellaDatasetFile();
      if (counting.query === (wanted ? query : null)) return;
      counting.stop();
      counting = { query: null, stop: () => {} };
      if (!wanted) return;
      const run = makeWorker();
      counting = { query, stop: run.stop };
      const show = ({ members, counts }) => wasm().glabellaSetShares(query, members, MEMBERS, counts);
      try {
        const answer = await run.ask({ op: 'sensitivity', query, members: MEMBERS }, show);
        if (!answer.error) show(answer);
      } catch {}
    };
    let countLater;
    const recount = () => {
      clearTimeout(countLater);
      countLater = setTimeout(countShares, 250);
    };
    addEventListener('glabella:change', recount);
    recount();

    // Where each reading would change under the what-if (src/components/controls.rs): found by
    // the compute worker once the reader asks, then again after every change.
    let flipsWanted = false;
    let flipsRun = { stop: () => {} };
    // A file's runs cannot be stopped (the file lives in the shared worker): one at a time, and
    // one more after it if something changed meanwhile.
    let fileRun = null;
    const findFlips = async () => {
      if (!flipsWanted) return;
      await ready;
      const link = window.glabella.link();
      const query = link.includes('?') ? link.slice(link.indexOf('?') + 1) : '';
      const file = wasm().glabellaDatasetFile();
      flipsRun.stop();
      flipsRun = { stop: () => {} };
      if (file && fileRun) {
        fileRun.again = true;
        return;
      }
      // A reader's file lives in the worker that read it; the reconstruction, in a fresh one.
      const run = file ? { ask, stop: () => {} } : makeWorker();
      if (file) fileRun = { again: false };
      else flipsRun = run;
      try {
        const answer = await run.ask({ op: 'flips', query, file: file || undefined });
        // The app shows them only while this query and this dataset are on screen.
        if (answer.flips) wasm().glabellaSetFlips(query, file, answer.flips);
      } catch {}
      if (file) {
        const again = fileRun.again;
        fileRun = null;
        if (again) findFlips();
      }
    };
    addEventListener('glabella:change', findFlips);
    document.addEventListener('click', (event) => {
      if (!event.target.closest('#flips-show')) return;
      flipsWanted = true;
      findFlips();
    });

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

  // Downloads (src/components/downloads.rs gives the buttons): built from what the page shows.
  // SVG: the chart on white with its title, what it shows, the source, the dataset version, the
  // link to this view and the words "Illustrative reconstruction", made with DOM methods and an
  // XML serialiser, so every text is escaped. PNG: that SVG drawn at twice its size on white.
  // CSV: the part's table, after `#` lines giving the dataset version, the link and the date.
  {
    // No escapes in string literals here: Trunk's minifier doubles their backslashes.
    const newline = String.fromCharCode(10);
    const source = 'Source: Makunts, Wollmer and Abagyan, Sci Rep 10:12851 (2020). Chart: Glabella explainer.';
    const text = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : '');
    // A text a spreadsheet would run as a formula gets a ' first; a field with a comma, a quote or
    // a line break is quoted.
    const field = (value) => {
      const safe = /^[=+@\t\r]|^-(?![\d.]+$)/.test(value) ? `'${value}` : value;
      return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    };
    // The workbench's rows: each group and the contrast, at full precision from analysis().
    const groupRows = async () => {
      const { settings, groups, contrast } = await window.glabella.analysis();
      const level = `${Math.round(settings.ci_level * 100)}%`;
      const number = (value) => (value === null || value === undefined ? '' : String(value));
      const names = { frown: 'Frown muscles', other_facial: 'Other facial muscles', no_facial: 'No facial muscles' };
      return [['Group', 'Cohorts', 'Left out (ROR not defined)', 'Pooled ROR', `${level} CI low`, `${level} CI high`, 'tau2', 'I2', 'Heterogeneity p', 'Contrast p', 'Model'],
        ...groups.map((group) => [names[group.name] ?? group.name, group.cohorts.join(' '), group.left_out.join(' '),
          ...[group.pooled_ror, group.ci_low, group.ci_high, group.tau2, group.i2, group.q_p, ''].map(number), group.model]),
        ...(contrast ? [[`Ratio of pooled RORs, ${names[contrast.first] ?? contrast.first} to ${names[contrast.reference] ?? contrast.reference}`, '', '',
          ...[contrast.ratio, contrast.ci_low, contrast.ci_high, contrast.tau2, '', '', contrast.p].map(number), contrast.model]] : [])];
    };
    // A part's rows, the column names first: its data table, the workbench's groups or the
    // scorecard's rows.
    const rows = async (section) => {
      // Without the compute worker (offline before its first use), the groups as shown.
      if (section.id === 'workbench') {
        return groupRows().catch(() => [['Group', 'Pooled ROR (as shown)'],
          ...[...section.querySelectorAll('section.group')].map((group) => [text(group.querySelector('h3')), text(group.querySelector('.pooled'))])]);
      }
      const table = section.querySelector('.data-table table');
      if (table) return [...table.rows].map((row) => [...row.cells].map(text));
      return [['Explanation', 'Reading', 'Predicts', 'These data'], ...[...section.querySelectorAll('.score-row')].map((row) => {
        const copy = row.cloneNode(true);
        for (const node of copy.querySelectorAll('.score-label, .score-shares, [aria-hidden]')) node.remove();
        return [...copy.children].map(text);
      })];
    };
    const set = (node, attributes) => {
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
      return node;
    };
    const chartFile = (section, about) => {
      const chart = section.querySelector('.wide-only svg').cloneNode(true);
      const { width, height } = chart.viewBox.baseVal;
      for (const node of chart.querySelectorAll('[style*="Canvas"]')) node.removeAttribute('style');
      const svg = document.createElementNS(chart.namespaceURI, 'svg');
      const backdrop = svg.appendChild(set(document.createElementNS(chart.namespaceURI, 'rect'), { fill: '#fff' }));
      let y = 24;
      // Lines of text of at most the chart's width (estimated), broken before a piece.
      const write = (pieces, size, fill, bold) => {
        let line = '';
        for (const piece of [...pieces, null]) {
          if (line && (piece === null || (line + piece).length * size * 0.55 > width)) {
            y += Math.round(size * 1.35);
            svg.appendChild(set(document.createElementNS(chart.namespaceURI, 'text'),
              { x: 24, y, 'font-size': size, fill, 'font-weight': bold ? 700 : 400 })).textContent = line.trim();
            line = '';
          }
          line += piece;
        }
      };
      const words = (content) => content.split(/(?= )/);
      write(words(text(section.querySelector('h2'))), 20, '#1a1a1a', true);
      write(words(text(chart.querySelector('title'))), 13, '#555');
      svg.appendChild(set(chart, { x: 24, y: y += 12, width, height }));
      y += height + 4;
      write(words(about.file ? `Data: the reader's own file ${about.file}.`
        : 'Illustrative reconstruction: it reproduces every number the study publishes; the other counts are stated assumptions.'), 12, '#1a1a1a', true);
      write(words(`${source} Dataset ${about.version}, downloaded ${about.date}.`), 12, '#555');
      write(about.link.split(/(?=&)/), 12, '#555');
      const size = { width: width + 48, height: y + 24 };
      set(backdrop, size);
      set(svg, { ...size, viewBox: `0 0 ${size.width} ${size.height}`, 'font-family': 'system-ui, sans-serif' });
      return new XMLSerializer().serializeToString(svg);
    };
    const save = (blob, name) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    };
    document.addEventListener('click', async (event) => {
      const button = event.target.closest('[data-download]');
      const scenario = window.glabella.scenario();
      if (!button || !scenario) return;
      const section = button.closest('section[id]');
      const format = button.dataset.download;
      // glabella-forest-adjusted.svg, glabella-dose.csv: what the file holds.
      const variant = section.id === 'forest' ? (scenario.adjust ? '-adjusted' : '-crude') : '';
      const name = `glabella-${section.id}${variant}.${format}`;
      const about = { version: scenario.data, link: window.glabella.link(), date: today(), file: window.wasmBindings.glabellaDatasetFile() };
      if (format === 'csv') {
        const head = [`Glabella: ${text(section.querySelector('h2'))}`, about.file ? `Dataset: ${about.version || 'no version line'} (the reader's own file ${about.file})` : `Dataset: ${about.version} (illustrative reconstruction)`,
          `Scenario: ${about.link}`, `Downloaded: ${about.date}`, source];
        const lines = [...head.map((line) => `# ${line}`), ...(await rows(section)).map((row) => row.map(field).join(',')), ''];
        return save(new Blob([lines.join(newline)], { type: 'text/csv;charset=utf-8' }), name);
      }
      const svg = new Blob([chartFile(section, about)], { type: 'image/svg+xml' });
      if (format === 'svg') return save(svg, name);
      const image = new Image();
      image.src = URL.createObjectURL(svg);
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth * 2;
      canvas.height = image.naturalHeight * 2;
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(image.src);
      canvas.toBlob((blob) => save(blob, name), 'image/png');
    });
  }
}
