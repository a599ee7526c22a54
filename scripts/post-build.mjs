// Trunk post-build hook. Trunk starts the hooks of one stage at the same time, and these steps
// must run in order: minify the JS (and fix its integrity hashes), name the compute worker's
// files after their contents, make the link-preview addresses absolute (when the public URL is
// known), write the default page into index.html, fetch the wasm with its integrity hash, then hash the final inline
// scripts into the Content Security Policy, then list the final files in the service worker.
for (const step of ['minify-js.mjs', 'on-demand-names.mjs', 'public-url.mjs', 'prerender.mjs', 'wasm-integrity.mjs', 'csp.mjs', 'make-sw.mjs']) {
  await import(new URL(step, import.meta.url));
}
