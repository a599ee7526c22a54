// The page under its own Content Security Policy, offline after one visit, and inert to markup
// and script carried by links and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, launchedBrowser, base, ready } from './harness.mjs';

useBrowser();

/** A fresh page that records console errors and every CSP violation. */
async function openRecorded(options = {}) {
  const context = await launchedBrowser().newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('dialog', (dialog) => { errors.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
    window.__executed = false;
  });
  return { context, page, errors };
}

test('the page declares a strict policy and works under it, with no violation', async () => {
  const { context, page, errors } = await openRecorded();
  await page.goto(base());
  await ready(page);
  await page.waitForSelector('#forest-plot svg');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(policy, /[^-]unsafe-eval|script-src[^;]*'unsafe-inline'/);
  assert.match(policy, /img-src 'self' data: blob:/);
  // Every script and the wasm carry subresource integrity.
  const unprotected = await page.evaluate(() => [
    ...document.querySelectorAll('script[src]:not([integrity]), link[rel=modulepreload]:not([integrity]), link[rel=preload]:not([integrity])'),
  ].map((node) => node.outerHTML));
  assert.deepEqual(unprotected, []);
  // Use the page: settings, a regroup, a preset.
  await page.click('details.settings summary');
  await page.selectOption('#ci-level', { index: 2 });
  await page.locator('#adjust').check();
  await page.selectOption('li[data-cohort="migraine"] select', 'no_facial');
  await page.locator('.preset-apply').nth(1).click();
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one visit, a reload with the network off shows the page, fully interactive', async () => {
  const { context, page, errors } = await openRecorded();
  await page.goto(`${base()}?ci=99`);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 10000 });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#forest-plot svg');
  assert.match(await page.textContent('#answer'), /99% CI/);
  await page.click('details.settings summary');
  await page.selectOption('#ci-level', { index: 1 });
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('95% CI'));
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});

test('the service worker caches what the page loads, and the compute worker once it is used, never the preview image', async () => {
  const { context, page, errors } = await openRecorded();
  await page.goto(base());
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 10000 });
  const cached = () => page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) {
      for (const request of await (await caches.open(key)).keys()) names.push(new URL(request.url).pathname.split('/').pop());
    }
    return names;
  });
  const before = await cached();
  assert.ok(before.some((name) => name.endsWith('_bg.wasm') && name.startsWith('glabella-web')), before.join(' '));
  assert.ok(!before.includes('preview.png'), 'the link-preview image is not cached');
  assert.ok(!before.some((name) => name.startsWith('glabella-worker-')), 'the compute worker is not cached before it is used');
  // Used once online, it is cached, and works offline after a reload.
  const online = await page.evaluate(async () => (await window.glabella.analysis()).cohorts.length);
  assert.equal(online, 8);
  await page.waitForFunction(async () => {
    for (const key of await caches.keys()) {
      const names = (await (await caches.open(key)).keys()).map((request) => request.url);
      if (names.filter((url) => /glabella-worker-/.test(url)).length === 3) return true;
    }
    return false;
  }, null, { timeout: 10000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#forest-plot svg');
  assert.equal(await page.evaluate(async () => (await window.glabella.analysis()).cohorts.length), 8);
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});

test('inside an iframe of another site the page registers no service worker and raises no error', async () => {
  const { context, page, errors } = await openRecorded();
  // A parent page of its own (about:blank is another origin than the explainer's).
  await page.setContent(`<iframe id="framed" src="${base()}?embed=dose" width="600" height="800"></iframe>`);
  const frame = await (await page.waitForSelector('#framed')).contentFrame();
  await frame.waitForSelector('#dose-view svg', { state: 'attached' });
  assert.equal(await frame.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
  assert.deepEqual(errors, []);
  await context.close();
});

const PAYLOADS = [
  '<img src=x onerror="window.__executed=true">',
  '"><svg onload="window.__executed=true">',
  'javascript:window.__executed=true',
  '<svg><script>window.__executed=true</script></svg>',
  "'><script>window.__executed=true</script>",
];

test('markup and script in a link stay text, in every place a link can put text', async () => {
  const { context, page, errors } = await openRecorded();
  for (const payload of PAYLOADS) {
    const value = encodeURIComponent(payload);
    for (const query of [`${value}=1`, `ci=${value}`, `frown=${value}`, `data=${value}`, `embed=${value}`, `theme=${value}&lang=${value}`]) {
      await page.goto(`${base()}?${query}`);
      await ready(page);
      await page.waitForSelector('#answer');
      const found = await page.evaluate(() => ({
        executed: window.__executed,
        injected: document.querySelectorAll('#app img, #app script, #app iframe, #app [onerror], #app [onload], #app a[href^="javascript:"]').length,
      }));
      assert.deepEqual(found, { executed: false, injected: 0 }, `${query}`);
      assert.ok((await page.textContent('#notices')).length > 0, `a notice for ${query}`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('markup and script in a message stay text', async () => {
  const { context, page, errors } = await openRecorded();
  await page.goto(base());
  await ready(page);
  await page.waitForSelector('#forest-plot svg');
  for (const payload of PAYLOADS) {
    await page.evaluate((text) => {
      window.postMessage({ type: 'glabella:set-scenario', scenario: { [text]: text, ci: text } }, '*');
      window.postMessage(text, '*');
      window.postMessage({ type: text }, '*');
    }, payload);
  }
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => ({
    executed: window.__executed,
    injected: document.querySelectorAll('#app img, #app script, #app iframe, #app [onerror], #app [onload]').length,
  }));
  assert.deepEqual(found, { executed: false, injected: 0 });
  assert.deepEqual(errors, []);
  await context.close();
});
