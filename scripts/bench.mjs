// Measures the built page in Debian's Chromium through the DevTools protocol: time to the first
// chart and to interactive under Lighthouse's "slow 4G" mobile profile, and the latency of the
// controls, unthrottled and at 4x CPU throttling. Prints Markdown tables (docs/benchmarks.md).
//
//   node scripts/bench.mjs [--runs N] [--changes N] [--only load,interaction,profile] [--no-gzip]
//
// Serves dist/ (or GLABELLA_DIST) on 127.0.0.1 only, with a copy of its index.html stripped of
// every script at /static.html. Every wait is bounded and the whole run has a deadline.
import http from 'node:http';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { TYPES } from './serve-dist.mjs';

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
if (argv.includes('--help')) {
  console.log('node scripts/bench.mjs [--runs N] [--changes N] [--only load,interaction,profile] [--no-gzip]');
  process.exit(0);
}
const RUNS = Math.max(1, Number.parseInt(option('--runs', '10'), 10) || 10);
const CHANGES = Math.max(2, Number.parseInt(option('--changes', '20'), 10) || 20);
const ONLY = new Set(option('--only', 'load,interaction,profile').split(','));
const GZIP = !argv.includes('--no-gzip');
const DIST = process.env.GLABELLA_DIST
  ? `${resolve(process.env.GLABELLA_DIST)}/`
  : new URL('../dist/', import.meta.url).pathname;

// Lighthouse's mobile defaults: "slow 4G" (150 ms RTT x 3.75, 1.6 Mbit/s down and 750 kbit/s up,
// both x 0.9 for DevTools throttling) and a 412 x 823 screen at 1.75 device pixels per CSS pixel.
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: Math.floor((1.6 * 1024 * 0.9 * 1024) / 8),
  uploadThroughput: Math.floor((750 * 0.9 * 1024) / 8),
};
const CPU_SLOWDOWN = 4;
const VIEWPORT = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const QUIET_MS = 2000; // "interactive": no long task for this long
const LOAD_TIMEOUT_MS = 60_000;
const DEADLINE_MS = 20 * 60_000 + RUNS * 120_000;

const watchdog = setTimeout(() => {
  console.error(`bench: stopped after ${DEADLINE_MS / 1000} s (deadline)`);
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();

const sleep = (ms) => new Promise((done) => { setTimeout(done, ms); });
/** Rejects after `ms` so that no wait can hang the run. */
const bounded = (promise, ms, what) => Promise.race([
  promise,
  new Promise((_, reject) => { setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref(); }),
]);

// ---------------------------------------------------------------------------------------------
// Server: dist/ on 127.0.0.1, gzip as static hosts do, and /static.html without scripts.


/** index.html with every <script> and every <link rel=modulepreload|preload> removed. */
export function stripScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)\b[^>]*>/gi, '');
}

function serve() {
  const cache = new Map();
  const body = (path) => {
    if (!cache.has(path)) {
      const raw = path === '/static.html'
        ? Buffer.from(stripScripts(readFileSync(join(DIST, 'index.html'), 'utf8')))
        : readFileSync(path);
      cache.set(path, { raw, gz: gzipSync(raw, { level: 9 }) });
    }
    return cache.get(path);
  };
  const server = http.createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = path === '/static.html' ? path : join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    if (file !== '/static.html' && !file.startsWith(DIST)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const { raw, gz } = body(file);
      const zipped = GZIP && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(zipped ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(zipped ? gz : raw);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => done({ server, base: `http://127.0.0.1:${server.address().port}/` }));
  });
}

// ---------------------------------------------------------------------------------------------
// In the page, before any of its scripts: marks, long tasks, event timing.

function probe() {
  const marks = {};
  const bench = { marks, longtasks: [], events: [] };
  window.__bench = bench;
  const note = (name, time = performance.now()) => {
    if (!(name in marks)) marks[name] = time;
  };
  const laidOut = (selector) => [...document.querySelectorAll(selector)]
    .some((node) => { const box = node.getBoundingClientRect(); return box.width > 0 && box.height > 0; });
  // A mark is taken when its element exists and has a box, in the frame that first shows it
  // (checked in requestAnimationFrame); "painted" is a task posted from that frame, so it runs
  // after the frame's style, layout and paint.
  const watch = (name, selector) => {
    let asked = false;
    return () => {
      if (name in marks || asked || !document.querySelector(selector)) return;
      note(`${name}InDom`);
      asked = true;
      const frame = () => {
        if (!laidOut(selector)) { requestAnimationFrame(frame); return; }
        note(`${name}Frame`);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => note(name);
        channel.port2.postMessage(0);
      };
      requestAnimationFrame(frame);
    };
  };
  const watchers = [
    watch('chart', '#forest-plot svg'),
    watch('control', 'details.settings #ci-level'),
  ];
  const observer = new MutationObserver(() => {
    for (const check of watchers) check();
    if ('chart' in marks && 'control' in marks) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  const observe = (type, push, extra = {}) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(push))
        .observe({ type, buffered: true, ...extra });
    } catch { /* not supported: the figure stays empty */ }
  };
  observe('longtask', (entry) => bench.longtasks.push({ start: entry.startTime, end: entry.startTime + entry.duration }));
  observe('event', (entry) => bench.events.push({
    name: entry.name,
    id: entry.interactionId,
    start: entry.startTime,
    duration: entry.duration,
  }), { durationThreshold: 16 });
}

// ---------------------------------------------------------------------------------------------
// Statistics

const sorted = (values) => values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
/** Nearest-rank percentile. */
function percentile(values, p) {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const median = (values) => percentile(values, 50);
const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)}` : '–');
const ms1 = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');

/**
 * "Interactive": the end of the last long task before the first 2 s without one, counted from
 * the moment the app's control (or, in an embed, its chart) is on screen.
 */
function interactiveAt(ready, longtasks) {
  let t = ready;
  for (const task of [...longtasks].sort((a, b) => a.start - b.start)) {
    if (task.end <= t) continue;
    if (task.start - t >= QUIET_MS) break;
    t = Math.max(t, task.end);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Browser

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
      '--disable-default-apps', '--disable-extensions', '--metrics-recording-only',
      // Nothing but 127.0.0.1 resolves.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    timeout: 30_000,
  });
}

/** A fresh context and page with the probe, a CDP session, and a record of requests. */
async function freshPage(browser, { network = null, cpu = 1 } = {}) {
  const context = await browser.newContext(VIEWPORT);
  await context.addInitScript(probe);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return { context, page, cdp, requests, errors };
}

const offHost = (requests) => requests.filter((url) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(url));

/** One throttled load; waits until the page is interactive (or, for the static copy, painted). */
async function measureLoad(browser, base, path, kind) {
  const { context, page, requests, errors } = await freshPage(browser, { network: SLOW_4G, cpu: CPU_SLOWDOWN });
  try {
    await page.goto(base + path, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    const started = Date.now();
    let state;
    for (;;) {
      state = await bounded(page.evaluate(() => ({
        now: performance.now(),
        marks: window.__bench?.marks ?? {},
        longtasks: window.__bench?.longtasks ?? [],
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        loaded: document.readyState === 'complete',
        bytes: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
          .reduce((sum, entry) => sum + (entry.transferSize || 0), 0),
      })), 10_000, 'page state');
      if (kind === 'static') {
        if (state.fcp !== null && state.loaded) break;
      } else {
        const ready = kind === 'embed' ? state.marks.chart : state.marks.control;
        if (ready !== undefined && state.marks.chart !== undefined
          && state.now - interactiveAt(ready, state.longtasks) >= QUIET_MS) break;
      }
      if (Date.now() - started > LOAD_TIMEOUT_MS) throw new Error(`${kind}: not ready in ${LOAD_TIMEOUT_MS} ms`);
      await sleep(200);
    }
    const ready = kind === 'embed' ? state.marks.chart : state.marks.control;
    const blocking = state.longtasks.reduce((sum, t) => sum + Math.max(0, t.end - t.start - 50), 0);
    return {
      fcp: state.fcp,
      chart: state.marks.chart,
      chartFrame: state.marks.chartFrame,
      control: state.marks.control,
      interactive: kind === 'static' ? NaN : interactiveAt(ready, state.longtasks),
      longtasks: state.longtasks.length,
      blocking,
      kB: state.bytes / 1000,
      off: offHost(requests),
      errors,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Interactions

const settle = (page, extra = 30) => bounded(page.evaluate((pause) => new Promise((done) => {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, pause)));
}), extra), 10_000, 'settle');

async function openSettings(page) {
  if (!(await page.locator('details.settings').evaluate((details) => details.open))) {
    await page.locator('details.settings > summary').click();
  }
  await page.locator('#ci-level').waitFor({ state: 'visible', timeout: 10_000 });
}

const CONTROLS = {
  regroup: 'li[data-cohort="migraine"] select',
  level: '#ci-level',
  adjust: '#adjust',
  // A bare <select> that the harness adds outside the app, with no handler: the floor of each
  // measure (the wait for the next frame and the repaint of the select itself).
  floor: '#bench-floor',
};

/** Adds the floor's select, fixed at the top left corner of the screen. */
const addFloor = (page) => page.evaluate(() => {
  const select = document.createElement('select');
  select.id = 'bench-floor';
  select.setAttribute('aria-label', 'benchmark floor');
  select.innerHTML = '<option>a</option><option>b</option>';
  select.style.cssText = 'position:fixed;top:0;left:0;z-index:99';
  document.body.append(select);
});

/** One change made as a reader makes it (trusted input, so the Event Timing API sees it). */
async function trustedChange(page, control) {
  const target = page.locator(CONTROLS[control]);
  if (control === 'adjust') {
    await target.click({ timeout: 10_000 });
    return;
  }
  // A closed <select> with the focus changes its option on ArrowUp/ArrowDown (Linux, Windows).
  await target.focus({ timeout: 10_000 });
  await settle(page, 0);
  const index = await target.evaluate((select) => select.selectedIndex);
  await page.keyboard.press(index === 0 ? 'ArrowDown' : 'ArrowUp');
}

/**
 * The same change made by the page itself, timed with performance.now() from just before the
 * change event is dispatched: to a microtask queued after the dispatch ("render": Yew renders in
 * a microtask it queues during the dispatch, so this one runs after it), and to a task posted
 * from the next frame's requestAnimationFrame ("frame": also the wait for the frame and its
 * style, layout and paint).
 */
function directChanges(page, control, count) {
  return bounded(page.evaluate(async ({ selector, n }) => {
    const out = [];
    const frames = (k) => new Promise((done) => {
      const step = (left) => (left === 0 ? setTimeout(done, 30) : requestAnimationFrame(() => step(left - 1)));
      step(k);
    });
    for (let i = 0; i < n; i += 1) {
      const element = document.querySelector(selector);
      const t0 = performance.now();
      if (element.type === 'checkbox') {
        element.checked = !element.checked;
      } else {
        element.selectedIndex = element.selectedIndex === 0 ? 1 : element.selectedIndex - 1;
      }
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
      const sync = performance.now();
      const micro = new Promise((done) => { queueMicrotask(() => done(performance.now())); });
      const frame = new Promise((done) => {
        requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
      });
      const [t1, t2] = await Promise.all([micro, frame]);
      out.push({ dispatch: sync - t0, render: t1 - t0, frame: t2 - t0 });
      await frames(2);
    }
    return out;
  }, { selector: CONTROLS[control], n: count }), 120_000, `direct ${control}`);
}

/** Interaction latencies (max duration per interactionId); null for one under 16 ms. */
async function trustedSeries(page, control, count) {
  const from = await page.evaluate(() => window.__bench.events.length);
  for (let i = 0; i < count; i += 1) {
    const before = await page.evaluate(() => location.search);
    await trustedChange(page, control);
    await settle(page);
    if (control !== 'floor' && await page.evaluate(() => location.search) === before) throw new Error(`${control}: a change changed nothing`);
  }
  await sleep(300);
  const entries = await page.evaluate((start) => window.__bench.events.slice(start), from);
  const byInteraction = new Map();
  for (const entry of entries) {
    if (!entry.id) continue;
    byInteraction.set(entry.id, Math.max(byInteraction.get(entry.id) ?? 0, entry.duration));
  }
  const seen = [...byInteraction.values()];
  const below = Math.max(0, count - seen.length);
  return [...Array(below).fill(null), ...seen];
}

/** Open the page unthrottled, then change each control `changes` times at each CPU rate. */
async function measureInteractions(browser, base, changes) {
  const { context, page, cdp, errors } = await freshPage(browser);
  try {
    await page.goto(base, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await page.locator('#forest-plot svg').first().waitFor({ state: 'attached', timeout: 30_000 });
    await openSettings(page);
    await addFloor(page);
    await settle(page, 500);
    const result = {};
    for (const rate of [1, CPU_SLOWDOWN]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      for (const control of Object.keys(CONTROLS)) {
        const events = await trustedSeries(page, control, changes);
        const direct = await directChanges(page, control, changes);
        result[`${control}@${rate}`] = { events, direct };
      }
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Profile of regrouping, unthrottled

/** Self time of the complete trace events of one thread, by name. */
function traceSelfTimes(events) {
  const totals = new Map();
  const stack = [];
  const complete = events.filter((e) => e.ph === 'X' && Number.isFinite(e.dur)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop();
      totals.set(done.name, (totals.get(done.name) ?? 0) + done.self);
    }
  };
  for (const e of complete) {
    close(e.ts);
    const frame = { name: e.name, end: e.ts + e.dur, self: e.dur };
    if (stack.length) stack[stack.length - 1].self -= Math.min(e.dur, stack[stack.length - 1].end - e.ts);
    stack.push(frame);
  }
  close(Infinity);
  return totals;
}

/** The kind of work of a renderer trace event, from its name. */
function traceGroup(name) {
  if (/^(FunctionCall|RunMicrotasks|EvaluateScript|EventDispatch|TimerFire|FireAnimationFrame|FireIdleCallback|v8\.|V8\.|MinorGC|MajorGC|BlinkGC|ThreadState|CppGC)/.test(name)) return 'script (JS and wasm, GC)';
  if (name === 'ParseHTML') return 'HTML parsing (innerHTML)';
  if (/updateForSameDocumentNavigation|replaceState/.test(name)) return 'URL update (history.replaceState)';
  if (/Style|LayoutTree/.test(name)) return 'style';
  if (/Layout|Inline|Shape|Font/.test(name)) return 'layout';
  if (/Paint|Layeriz|Composit|[Cc]ommit|UpdateLayer|Raster|BeginMainFrame|Hit[Tt]est|Intersection/.test(name)) return 'paint and compositing';
  if (name === 'RunTask' || /^ThreadController|^SequenceManager|^ScheduleAnimation|Scheduler/.test(name)) return 'task scheduling (no finer event)';
  return 'other';
}

async function regroupTimes(page, count) {
  for (let i = 0; i < count; i += 1) {
    await trustedChange(page, 'regroup');
    await settle(page);
  }
}

async function profileRegroup(browser, base, count) {
  const { context, page, cdp } = await freshPage(browser);
  try {
    await page.goto(base, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await page.locator('#forest-plot svg').first().waitFor({ state: 'attached', timeout: 30_000 });
    await regroupTimes(page, 4); // warm up: let the wasm tier up before measuring
    await settle(page, 300);

    // 1. Renderer metrics (cumulative durations) before and after.
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    // The same loop with no change, to subtract what the measuring itself costs.
    const idle0 = await metrics();
    for (let i = 0; i < count; i += 1) {
      await page.locator(CONTROLS.regroup).focus();
      await settle(page, 0);
      await page.locator(CONTROLS.regroup).evaluate((select) => select.selectedIndex);
      await settle(page);
    }
    const idle1 = await metrics();
    await regroupTimes(page, count);
    const work1 = await metrics();
    const keys = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];
    const delta = (a, b) => Object.fromEntries(keys.map((k) => [k, (b[k] - a[k]) * 1000]));
    const idle = delta(idle0, idle1);
    const work = delta(idle1, work1);

    // 2. A trace of the renderer main thread: self time by event (script, style, layout, paint).
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc'],
    });
    await regroupTimes(page, count);
    const trace = JSON.parse((await bounded(browser.stopTracing(), 60_000, 'trace')).toString());
    const traceEvents = trace.traceEvents ?? trace;
    const mainThreads = traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    // The page's renderer: the main thread that ran the most FunctionCall time.
    let best = null;
    for (const t of mainThreads) {
      const calls = traceEvents.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X');
      const busy = calls.reduce((s, e) => s + (e.dur ?? 0), 0);
      if (!best || busy > best.busy) best = { pid: t.pid, tid: t.tid, busy };
    }
    const selfByName = best
      ? traceSelfTimes(traceEvents.filter((e) => e.pid === best.pid && e.tid === best.tid))
      : new Map();

    // 3. A sampling CPU profile: self time by function, and wasm against JS against the rest.
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await regroupTimes(page, count);
    const { profile } = await cdp.send('Profiler.stop');
    const selfUs = new Map();
    const byCrate = new Map();
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const builtin = (f) => f.url === '' && f.lineNumber < 0 && !f.functionName.startsWith('(') && !/^(js-to-wasm|wasm-to-js)/.test(f.functionName);
    const kindOf = (f) => {
      if (/^(js-to-wasm|wasm-to-js)/.test(f.functionName)) return 'calls between JS and wasm';
      if (f.url.startsWith('wasm://') || /\.wasm$/.test(f.url) || /^\$?wasm-function\[|^\$func\d+/.test(f.functionName)) return 'wasm';
      if (['(idle)', '(program)', '(garbage collector)', '(root)'].includes(f.functionName)) return f.functionName;
      if (f.url.includes('glabella-web')) return 'JS glue (wasm-bindgen)';
      if (/\/page-[^/]*\.js$/.test(f.url)) return 'JS static/page.js';
      if (f.url.startsWith(base)) return 'JS inline in index.html';
      if (f.url === '') return 'JS of the measuring harness';
      return 'JS other';
    };
    for (const node of profile.nodes) {
      const t = dt.get(node.id) ?? 0;
      if (!t) continue;
      const f = node.callFrame;
      let kind = kindOf(f);
      if (builtin(f)) {
        // A DOM or V8 built-in: count it for the code that called it.
        let up = parent.get(node.id);
        while (up !== undefined && builtin(nodes.get(up).callFrame)) up = parent.get(up);
        const caller = up === undefined ? '(root)' : kindOf(nodes.get(up).callFrame);
        kind = caller === '(root)' ? 'built-ins with no JS caller' : `built-ins called from ${caller}`;
      }
      const name = f.functionName || '(anonymous)';
      const where = kind === 'wasm' || f.lineNumber < 0 ? '' : `@${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      const key = `${kind}\u0000${name}${where}`;
      selfUs.set(key, (selfUs.get(key) ?? 0) + t);
      if (kind === 'wasm') {
        // "glabella_web::charts::dose::dose_svg::h…" -> "glabella_web::charts"
        const path = name.replace(/^<+/, '').replace(/\[[0-9a-f]+\]/g, '').split(/ as |[<>( ]/)[0];
        let crate = path.includes('::') ? path.split('::').slice(0, 2).join('::') : `${path} (trait impls)`;
        if (/^wasm-function|^\$func/.test(path)) crate = '(unnamed)';
        byCrate.set(crate, (byCrate.get(crate) ?? 0) + t);
      }
    }
    // Inclusive ("total") time of the app's functions and of the JS glue's imports: every sample
    // counts once for each distinct such function on its stack.
    const inclusiveUs = new Map();
    const appFrame = (f) => /\.wasm$|^wasm:\/\//.test(f.url) || (f.url.includes('glabella-web') && f.functionName.startsWith('__wbg_'))
      || (builtin(f) && f.functionName === 'focus');
    for (const node of profile.nodes) {
      const t = dt.get(node.id) ?? 0;
      if (!t) continue;
      const names = new Set();
      for (let up = node.id; up !== undefined; up = parent.get(up)) {
        const f = nodes.get(up).callFrame;
        if (appFrame(f)) names.add(f.functionName.startsWith('__wbg_') ? `JS glue ${f.functionName.replace(/_[0-9a-f]{16}$/, '')}` : f.functionName);
      }
      for (const name of names) inclusiveUs.set(name, (inclusiveUs.get(name) ?? 0) + t);
    }
    await cdp.send('Profiler.disable');
    return { idle, work, selfByName, selfUs, byCrate, inclusiveUs, count };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function machine(browserVersion) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try { nproc = execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch { /* keep the node figure */ }
  const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
  const memKb = Number(/^MemTotal:\s*(\d+)/m.exec(meminfo)?.[1] ?? os.totalmem() / 1024);
  return [
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Chromium: ${browserVersion} (headless, --disable-gpu)`,
    `- Machine: ${nproc} CPUs (nproc), ${model}, ${(memKb / 1024 / 1024).toFixed(1)} GiB memory, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `- Node ${process.version}; page served from ${DIST} by this script on 127.0.0.1${GZIP ? ', gzip' : ', uncompressed'}`,
  ].join('\n');
}

const loadAverage = () => `Load average (1, 5, 15 min) when this part started: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`;

const table = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

function below16(values, p) {
  const n = values.length;
  if (n === 0) return '–';
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  const under = values.filter((v) => v === null).length;
  if (rank <= under) return '<16';
  return ms(sorted(values.filter((v) => v !== null))[rank - under - 1]);
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`bench: ${DIST}index.html is missing; build the page first (trunk build --release)`);
    process.exit(1);
  }
  const { server, base } = await serve();
  const browser = await launch();
  const out = [];
  const say = (line = '') => { out.push(line); console.log(line); };
  try {
    say('## Machine');
    say();
    say(machine(browser.version()));
    say(`- Runs: ${RUNS} fresh browser contexts per figure; ${CHANGES} changes per control and context`);
    say();

    if (ONLY.has('load')) {
      const started = loadAverage();
      const loads = { page: [], static: [], scenario: [], embed: [] };
      const paths = { page: '', static: 'static.html', scenario: '?v=1&ci=99&no_facial=migraine', embed: '?embed=forest' };
      const failures = [];
      for (let run = 0; run < RUNS; run += 1) {
        for (const kind of Object.keys(paths)) {
          try {
            loads[kind].push(await measureLoad(browser, base, paths[kind], kind));
          } catch (error) {
            failures.push(`${kind} run ${run + 1}: ${error.message}`);
          }
        }
        process.stderr.write(`bench: load run ${run + 1}/${RUNS} done\n`);
      }
      const col = (kind, key, p = 50) => percentile(loads[kind].map((r) => r[key]), p);
      const staticFcp = col('static', 'fcp');
      say(`## Load: slow 4G (${SLOW_4G.latency} ms latency, ${Math.round(SLOW_4G.downloadThroughput / 1000)} kB/s down), ${CPU_SLOWDOWN}x CPU, 412x823 phone screen, cache disabled`);
      say();
      say(started);
      say();
      say(table(
        ['view', 'runs', 'FCP p50', 'first chart p50', 'first chart p95', 'first chart / static FCP', 'control on screen p50', 'interactive p50', 'interactive p95', 'long tasks p50', 'blocking p50', 'kB transferred'],
        Object.entries(paths).map(([kind, path]) => [
          `${kind} (\`${kind === 'static' ? '/static.html' : `/${path}`}\`)`,
          String(loads[kind].length),
          ms(col(kind, 'fcp')),
          kind === 'static' ? `(FCP) ${ms(col(kind, 'fcp'))}` : ms(col(kind, 'chart')),
          kind === 'static' ? `(FCP) ${ms(col(kind, 'fcp', 95))}` : ms(col(kind, 'chart', 95)),
          kind === 'static' ? '1.00' : (col(kind, 'chart') / staticFcp).toFixed(2),
          kind === 'static' ? '–' : ms(col(kind, kind === 'embed' ? 'chart' : 'control')),
          ms(col(kind, 'interactive')),
          ms(col(kind, 'interactive', 95)),
          String(median(loads[kind].map((r) => r.longtasks)) ?? '–'),
          ms(col(kind, 'blocking')),
          ms(col(kind, 'kB')),
        ]),
      ));
      say();
      say('Times in ms from navigation start. Goal: first chart / static FCP ≤ 1.1.');
      const off = Object.values(loads).flat().flatMap((r) => r.off);
      const errors = Object.values(loads).flat().flatMap((r) => r.errors);
      say(`Requests off 127.0.0.1: ${off.length ? off.join(', ') : 'none'}. Page errors: ${errors.length ? errors.join('; ') : 'none'}.`);
      if (failures.length) say(`Failed runs: ${failures.join('; ')}`);
      say();
    }

    if (ONLY.has('interaction')) {
      const started = loadAverage();
      const samples = {};
      const failures = [];
      for (let run = 0; run < RUNS; run += 1) {
        try {
          const result = await measureInteractions(browser, base, CHANGES);
          for (const [key, { events, direct }] of Object.entries(result)) {
            samples[key] ??= { events: [], render: [], frame: [] };
            samples[key].events.push(...events);
            samples[key].render.push(...direct.map((d) => d.render));
            samples[key].frame.push(...direct.map((d) => d.frame));
          }
        } catch (error) {
          failures.push(`run ${run + 1}: ${error.message}`);
        }
        process.stderr.write(`bench: interaction run ${run + 1}/${RUNS} done\n`);
      }
      say('## Interaction latency: 412x823 phone screen, page loaded, settings open');
      say();
      say(started);
      say();
      say(table(
        ['control', 'CPU', 'changes', 'Event Timing p50', 'Event Timing p95', 'direct: render p50', 'direct: render p95', 'direct: to next frame p50', 'direct: to next frame p95'],
        Object.entries(samples).map(([key, s]) => {
          const [control, rate] = key.split('@');
          return [control, rate === '1' ? 'unthrottled' : `${rate}x`, String(s.events.length),
            below16(s.events, 50), below16(s.events, 95),
            ms1(percentile(s.render, 50)), ms1(percentile(s.render, 95)),
            ms1(percentile(s.frame, 50)), ms1(percentile(s.frame, 95))];
        }),
      ));
      say();
      say('Times in ms. Goals: p95 ≤ 8 ms unthrottled, ≤ 33 ms at 4x.');
      if (failures.length) say(`Failed runs: ${failures.join('; ')}`);
      say();
    }

    if (ONLY.has('profile')) {
      const started = loadAverage();
      const p = await profileRegroup(browser, base, CHANGES);
      say(`## Where the time of ${p.count} regroups goes (unthrottled, after 4 warm-up regroups)`);
      say();
      say(started);
      say();
      say('Renderer metrics (Performance.getMetrics), ms, the loop with regroups minus the same loop without a change:');
      say();
      const keys = Object.keys(p.work);
      say(table(['metric', 'regroups', 'same loop, no change', 'difference', 'per regroup'],
        keys.map((k) => [k, ms1(p.work[k]), ms1(p.idle[k]), ms1(p.work[k] - p.idle[k]), ms1((p.work[k] - p.idle[k]) / p.count)])));
      say();
      const traceTotal = [...p.selfByName.values()].reduce((a, b) => a + b, 0);
      const groups = new Map();
      for (const [name, us] of p.selfByName) {
        const group = traceGroup(name);
        groups.set(group, (groups.get(group) ?? 0) + us);
      }
      say('Renderer main thread, self time by kind of work (Tracing; events grouped by name as listed in scripts/bench.mjs):');
      say();
      say(table(['work', 'self ms', 'share', 'per regroup ms'],
        [...groups.entries()].sort((a, b) => b[1] - a[1])
          .map(([group, us]) => [group, ms1(us / 1000), `${((100 * us) / traceTotal).toFixed(1)}%`, ms1(us / 1000 / p.count)])));
      say();
      say('Renderer main thread, self time by trace event, top 15:');
      say();
      say(table(['event', 'self ms', 'share', 'per regroup ms'],
        [...p.selfByName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
          .map(([name, us]) => [name, ms1(us / 1000), `${((100 * us) / traceTotal).toFixed(1)}%`, ms1(us / 1000 / p.count)])));
      say();
      const byKind = new Map();
      for (const [key, us] of p.selfUs) {
        const kind = key.split('\u0000')[0];
        byKind.set(kind, (byKind.get(kind) ?? 0) + us);
      }
      const busy = [...byKind.entries()].filter(([k]) => k !== '(idle)' && k !== '(root)').reduce((s, [, us]) => s + us, 0);
      say('CPU profile (Profiler, 100 µs sampling), self time by kind, idle left out ((program) is the browser\'s own work: style, layout, paint, event dispatch):');
      say();
      say(table(['kind', 'self ms', 'share of busy', 'per regroup ms'],
        [...byKind.entries()].filter(([k]) => k !== '(idle)' && k !== '(root)').sort((a, b) => b[1] - a[1])
          .map(([kind, us]) => [kind, ms1(us / 1000), `${((100 * us) / busy).toFixed(1)}%`, ms1(us / 1000 / p.count)])));
      say();
      const wasmTotal = [...p.byCrate.values()].reduce((a, b) => a + b, 0);
      if (wasmTotal > 0) {
        say('Wasm self time by module (unnamed in a release build; see docs/benchmarks.md for a build with names):');
        say();
        say(table(['module', 'self ms', 'share of wasm', 'per regroup ms'],
          [...p.byCrate.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
            .map(([crate, us]) => [`\`${crate}\``, ms1(us / 1000), `${((100 * us) / wasmTotal).toFixed(1)}%`, ms1(us / 1000 / p.count)])));
        say();
      }
      const wrapper = /^(js-to-wasm|wasm-to-js)|wasm_bindgen::convert::|js_sys::futures::|externref shim|\{\{closure\}\}/;
      const totals = [...p.inclusiveUs.entries()].filter(([name]) => !wrapper.test(name)).sort((a, b) => b[1] - a[1]);
      const totalRows = (rows) => rows.map(([name, us]) => [`\`${name.length > 100 ? `${name.slice(0, 97)}...` : name}\``,
        ms1(us / 1000), `${((100 * us) / busy).toFixed(1)}%`, ms1(us / 1000 / p.count)]);
      say('Top 20 of the app\'s functions by total time (self and callees; wasm, the JS glue\'s imports and focus(); wrappers between JS and wasm left out):');
      say();
      say(table(['function', 'total ms', 'share of busy', 'per regroup ms'], totalRows(totals.slice(0, 20))));
      say();
      const own = totals.filter(([name]) => name.startsWith('glabella_'));
      if (own.length) {
        say('Top 15 functions of glabella_web and glabella_core by total time:');
        say();
        say(table(['function', 'total ms', 'share of busy', 'per regroup ms'], totalRows(own.slice(0, 15))));
        say();
      }
      say('Top 25 functions by self time:');
      say();
      say(table(['function', 'kind', 'self ms', 'share of busy'],
        [...p.selfUs.entries()].filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(root)'))
          .sort((a, b) => b[1] - a[1]).slice(0, 25)
          .map(([key, us]) => {
            const [kind, name] = key.split('\u0000');
            return [`\`${name.length > 90 ? `${name.slice(0, 87)}...` : name}\``, kind, ms1(us / 1000), `${((100 * us) / busy).toFixed(1)}%`];
          })));
      say();
    }
    say(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  clearTimeout(watchdog);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(1);
  });
}
