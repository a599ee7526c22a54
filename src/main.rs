//! The Glabella explainer, compiled to WebAssembly.
//!
//! Implementation notes:
//! - No statistics here: every number comes from `glabella-core`, the crate the `glabella`
//!   command also uses. The app holds one [`glabella_core::scenario::Scenario`] (the reader's
//!   controls) and derives everything else from it.
//! - Charts are pure functions in `charts/` (SVG strings, tested natively); components only lay
//!   them out next to their tables and text alternatives.
//! - A panic shows the `#fatal` panel of `index.html` instead of leaving a blank page.
//! - Run natively, the same app prints the default page as HTML: the build writes it into
//!   `dist/index.html` (scripts/prerender.mjs), so the page is readable before the wasm has
//!   loaded, and without JavaScript. The app then replaces it with identical markup.

#[cfg(test)]
mod about;
mod api;
mod app;
mod browser;
mod charts;
mod components;
mod lang;
mod markup;
mod shared;
mod state;
mod text;

#[cfg(target_arch = "wasm32")]
fn main() {
    install_panic_panel();
    let document = web_sys::window().and_then(|window| window.document());
    match document.and_then(|document| document.get_element_by_id("app")) {
        Some(root) => {
            // The pre-rendered page goes, and Yew renders in a microtask of this same task: the
            // browser paints no frame between the two, so nothing on screen moves.
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

/// Prints the default page, as the app first renders it, for the build to pre-render.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime starts");
    let page = yew::LocalServerRenderer::<app::App>::new()
        .hydratable(false)
        .render();
    print!("{}", tokio::task::LocalSet::new().block_on(&runtime, page));
}

/// Panics on purpose, so the browser tests can check that a panic shows the error panel
/// (`window.wasmBindings.glabellaPanicForTest()`). Nothing in the page calls it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = "glabellaPanicForTest")]
pub fn panic_for_test() {
    panic!("a deliberate panic, for the browser tests");
}

/// Shows the panic message in the page's error panel; without this a panic leaves a blank page.
#[cfg(target_arch = "wasm32")]
fn install_panic_panel() {
    // Through Yew, which otherwise installs its own console-only hook when it starts rendering.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        let panel = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("fatal"));
        if let Some(panel) = panel {
            panel.set_text_content(Some(&format!(
                "Sorry, the explainer stopped working. Reloading the page usually helps. Details: {message}"
            )));
            let _ = panel.remove_attribute("hidden");
        }
        web_sys::console::error_1(&message.into());
    }));
}
