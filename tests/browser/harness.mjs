// Shared by the browser tests: serves dist/ on 127.0.0.1, launches Debian's Chromium once per
// test file, and opens the page in a fresh context for every test. Not a test file itself.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDist } from '../../scripts/serve-dist.mjs';

export const SHOTS = new URL('../../target/browser-screenshots/', import.meta.url).pathname;

const state = { server: null, base: null, browser: null };

/** Registers the hooks that start the server and the browser for the tests of one file. */
export function useBrowser() {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ server: state.server, url: state.base } = await serveDist());
    state.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
  });
  after(async () => {
    await state.browser?.close();
    state.server?.close();
  });
}

/** The address dist/ is served at, ending in a slash. */
export const base = () => state.base;

/**
 * Opens the page in a new context and records console errors and every request.
 * `options.height` sets the viewport height (900 unless given), `options.path` is appended to
 * the served address, `options.until(page)` is what to wait for once the app is ready (the
 * forest plot unless given); the other options go to `browser.newContext`.
 */
export async function open(width, options = {}) {
  const { height = 900, path = '', until = (page) => page.waitForSelector('#forest-plot .chart-frame:visible svg'), ...contextOptions } = options;
  const context = await state.browser.newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(state.base + path);
  await ready(page);
  await until(page);
  return { context, page, errors, requests };
}

/**
 * Waits until the app has replaced the pre-rendered page (`<html data-ready>`): before that the
 * default page is already in the DOM, but it is static markup and may not be the link's scenario.
 */
export const ready = (page) => page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 30000 });

// textContent, not innerText: tables inside a closed <details> have no rendered text.
export const text = (page, selector) => page.locator(selector).first().evaluate((node) => node.textContent);

/** Opens the settings panel the way a reader does, by clicking its summary. */
export async function openSettings(page) {
  if (!(await page.locator('details.settings').evaluate((details) => details.open))) {
    await page.locator('details.settings > summary').click();
  }
  await page.locator('#adjust').waitFor({ state: 'visible' });
}

/** Waits until the page has re-rendered and painted (Yew renders after the event). */
export const settle = (page) => page.evaluate(
  () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
);

/** The scorecard rows in order: id, reading, and the text of "These data". */
export const scorecard = (page) => page.locator('#scorecard li.score-row').evaluateAll((rows) => rows.map((row) => ({
  id: row.dataset.hypothesis,
  reading: row.dataset.reading,
  shows: row.querySelector('.score-shows')?.textContent ?? '',
})));

/** The Chromium that `useBrowser` launched, for tests that set up their own contexts. */
export const launchedBrowser = () => state.browser;

/**
 * Asserts that two JSON documents have the same keys in the same order, the same strings and
 * nulls, and numbers equal to 12 significant digits. Not bit for bit: the page's WebAssembly and
 * the native `glabella` command link different implementations of exp and log, whose results may
 * differ in the last bit (about 1e-16 relative); every number the page prints is the same.
 */
export function assertSameDocument(actual, expected, path = '$') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), Number.MIN_VALUE);
    assert.ok(actual === expected || Math.abs(actual - expected) / scale < 1e-12, `${path}: ${actual} against ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object') {
    assert.equal(actual, expected, path);
    return;
  }
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${path}: array or object`);
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `${path}: keys`);
  for (const key of Object.keys(expected)) assertSameDocument(actual[key], expected[key], `${path}.${key}`);
}

/** A small seeded PRNG (mulberry32): random inputs that are the same on every run. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The `glabella` command, the page's reference: built (release) if it is missing or out of date,
 * once per test file; returns the binary's path.
 */
export function commandBinary() {
  const root = new URL('../../', import.meta.url).pathname;
  try {
    execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'glabella'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30 * 60 * 1000 });
  } catch (error) {
    throw new Error(`cargo build --release --bin glabella failed:\n${error.stderr ?? error}`);
  }
  const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return `${metadata.target_directory}/release/glabella`;
}
