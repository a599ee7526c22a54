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
mod prose;
mod shared;
mod state;
mod text;
#[cfg(not(target_arch = "wasm32"))]
mod trials;

// talc instead of the standard dlmalloc: kilobytes less wasm at about the same speed. Its
// lock-free cell is sound because the page runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    install_panic_panel();
    let document = web_sys::window().and_then(|window| window.document());
    if let Some(document) = &document {
        prose::keep_prerendered(document);
    }
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

/// Prints the default page in the build's language, as the app first renders it, and the static
/// parts of the page around it, for the build to write into `index.html`
/// (scripts/prerender.mjs): each part after a line `<!--glabella:NAME-->`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use glabella_core::i18n::{page, script};
    use lang::LANG;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime starts");
    let app = yew::LocalServerRenderer::<app::App>::new()
        .hydratable(false)
        .render();
    let app = tokio::task::LocalSet::new().block_on(&runtime, app);
    // The story's last steps: what the reports cannot show, what trials show, the sources and
    // how to cite; the glossary is for looking things up.
    let sections = [
        page::limits(LANG),
        // The trials' forest plot goes where the section's placeholder marks it.
        &trials::with_chart(page::trials(LANG), LANG),
        page::about_data(LANG),
        page::cite(LANG),
        page::glossary(LANG),
    ]
    .concat();
    let parts = [
        ("lang", LANG.code().to_owned()),
        ("title", page::title(LANG).to_owned()),
        ("description", page::description(LANG).to_owned()),
        ("og_title", page::og_title(LANG).to_owned()),
        ("og_image_alt", page::og_image_alt(LANG).to_owned()),
        ("switch", page::switch(LANG).to_owned()),
        ("loading", page::loading(LANG).to_owned()),
        ("no_wasm", page::no_wasm(LANG).to_owned()),
        ("noscript", page::noscript(LANG).to_owned()),
        ("sections", sections),
        ("words", script_words(script::TEMPLATES)),
        ("lesson", lesson_words()),
        ("app", app),
    ];
    for (name, text) in parts {
        println!("<!--glabella:{name}-->\n{text}");
    }
}

/// The messages static/page.js shows, in the build's language, as a JSON object for a
/// `<script type="application/json">` block: `<` is escaped, so no text can close the block.
#[cfg(not(target_arch = "wasm32"))]
fn script_words(templates: &[(&str, [&str; 2])]) -> String {
    let index = usize::from(lang::LANG == glabella_core::i18n::Lang::Ru);
    let quote = |text: &str| {
        let mut res = String::from('"');
        for ch in text.chars() {
            match ch {
                '"' => res.push_str("\\\""),
                '\\' => res.push_str("\\\\"),
                '<' => res.push_str("\\u003c"),
                ch if (ch as u32) < 0x20 => res.push_str(&format!("\\u{:04x}", ch as u32)),
                ch => res.push(ch),
            }
        }
        res.push('"');
        res
    };
    let entries: Vec<String> = templates
        .iter()
        .map(|(key, texts)| format!("{}:{}", quote(key), quote(texts[index])))
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// What static/lesson.js shows, in the build's language, as JSON: the `[lesson]` messages and the
/// names it borrows from the page (hypotheses and their predictions, cohorts, injection sites).
/// The build writes it into the lesson's script (scripts/on-demand-names.mjs), never into the
/// default page.
#[cfg(not(target_arch = "wasm32"))]
fn lesson_words() -> String {
    use glabella_core::i18n::{cohort, hypothesis, lesson, site};
    format!(
        r#"{{"lesson":{},"hypothesis":{},"cohort":{},"site":{},"steps":{}}}"#,
        script_words(lesson::TEMPLATES),
        script_words(hypothesis::TEMPLATES),
        script_words(cohort::TEMPLATES),
        script_words(site::TEMPLATES),
        glabella_core::scenario::link::LESSON_STEPS,
    )
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
