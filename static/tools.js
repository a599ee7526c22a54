// What the page needs only when a reader or a script asks for it, fetched then (static/page.js
// imports it): the compute workers behind analysis(), a reader's file, the scorecard's shares and
// the what-if's reading flips, and the downloads. Kept out of the first load, like the workers.
// Nothing here puts text from a URL, a message or a file into the page as markup.

/**
 * Starts the tools with what page.js shares: `phrase` (the page's words), `ready` (a Promise of
 * the app's start), `wasm` (the app's exports) and `today` (the reader's date).
 */
export default ({ phrase, ready, wasm, today }) => {
  // A compute worker (worker/): started when first needed; it says when it is ready, and requests
  // wait for that. ask(message, progress) gives its final answer; progress hears the others.
  const makeWorker = () => {
    let started;
    let nextId = 0;
    const pending = new Map();
    const start = () => new Promise((resolve, reject) => {
      const meta = document.querySelector('meta[name="glabella-worker"]');
      if (!meta) return reject(new Error(phrase('no_worker')));
      const instance = new Worker(meta.content);
      const fail = (why) => {
        for (const request of pending.values()) request.reject(new Error(why));
        pending.clear();
        started = undefined;
        instance.terminate();
        reject(new Error(why));
      };
      const slow = setTimeout(() => fail(phrase('worker_slow')), 30000);
      instance.onerror = () => { clearTimeout(slow); fail(phrase('worker_failed')); };
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
          instance.postMessage({ id: nextId, lang: document.documentElement.lang, ...message });
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
    status.textContent = phrase('reading', { file: file.name });
    try {
      const answer = await ask({ op: 'import', file, name: file.name }, ({ progress }) => {
        status.textContent = phrase('reading_progress', { file: file.name, percent: Math.floor(progress * 100) });
      });
      const error = answer.error ?? wasm().glabellaLoadDataset(answer.text, file.name);
      if (error) throw new Error(error);
      status.textContent = phrase('loaded', { file: file.name, reports: answer.reports, strata: answer.strata });
    } catch (error) {
      status.textContent = '';
      problem.textContent = phrase('load_failed', { file: file.name, error: error.message });
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


  // Downloads (src/components/downloads.rs gives the buttons): built from what the page shows.
  // SVG: the chart on white with its title, what it shows, the source, the dataset version, the
  // link to this view and the words "Illustrative reconstruction", made with DOM methods and an
  // XML serialiser, so every text is escaped. PNG: that SVG drawn at twice its size on white.
  // CSV: the part's table, after `#` lines giving the dataset version, the link and the date.
  // No escapes in string literals here: Trunk's minifier doubles their backslashes.
  const newline = String.fromCharCode(10);
  const source = phrase('source');
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
    const names = { frown: phrase('group_frown'), other_facial: phrase('group_other_facial'), no_facial: phrase('group_no_facial') };
    return [phrase('group_columns', { level }).split('|'),
      ...groups.map((group) => [names[group.name] ?? group.name, group.cohorts.join(' '), group.left_out.join(' '),
        ...[group.pooled_ror, group.ci_low, group.ci_high, group.tau2, group.i2, group.q_p, ''].map(number), group.model]),
      ...(contrast ? [[phrase('contrast_row', { first: names[contrast.first] ?? contrast.first, reference: names[contrast.reference] ?? contrast.reference }), '', '',
        ...[contrast.ratio, contrast.ci_low, contrast.ci_high, contrast.tau2, '', '', contrast.p].map(number), contrast.model]] : [])];
  };
  // A part's rows, the column names first: its data table, the workbench's groups or the
  // scorecard's rows.
  const rows = async (section) => {
    // Without the compute worker (offline before its first use), the groups as shown.
    if (section.id === 'workbench') {
      return groupRows().catch(() => [phrase('group_columns_shown').split('|'),
        ...[...section.querySelectorAll('section.group')].map((group) => [text(group.querySelector('h3')), text(group.querySelector('.pooled'))])]);
    }
    const table = section.querySelector('.data-table table');
    if (table) return [...table.rows].map((row) => [...row.cells].map(text));
    return [phrase('scorecard_columns').split('|'), ...[...section.querySelectorAll('.score-row')].map((row) => {
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
    write(words(about.file ? phrase('own_file_note', { file: about.file }) : phrase('reconstruction_note')), 12, '#1a1a1a', true);
    write(words(`${source} ${phrase('dataset_downloaded', { version: about.version, date: about.date })}`), 12, '#555');
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
  const download = async (button) => {
    const scenario = window.glabella.scenario();
    if (!scenario) return;
    const section = button.closest('section[id]');
    const format = button.dataset.download;
    // glabella-forest-adjusted.svg, glabella-dose.csv: what the file holds.
    const variant = section.id === 'forest' ? (scenario.adjust ? '-adjusted' : '-crude') : '';
    const name = `glabella-${section.id}${variant}.${format}`;
    const about = { version: scenario.data, link: window.glabella.link(), date: today(), file: window.wasmBindings.glabellaDatasetFile() };
    if (format === 'csv') {
      const head = [`Glabella: ${text(section.querySelector('h2'))}`,
        about.file ? phrase('csv_own_dataset', { version: about.version || phrase('no_version'), file: about.file }) : phrase('csv_dataset', { version: about.version }),
        phrase('csv_scenario', { link: about.link }), phrase('csv_downloaded', { date: about.date }), source];
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
  };
  return {
    analysis,
    loadFile,
    download,
    // After every change of scenario: the shares, and the flips once the reader has asked.
    changed: () => {
      recount();
      findFlips();
    },
    showFlips: () => {
      flipsWanted = true;
      findFlips();
    },
  };
};
