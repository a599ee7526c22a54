//! "Use your own data": a reader's dataset in the page, and the way back to the embedded one.
//!
//! The picker, the drop zone and the two message lines are static markup; `static/page.js` gives
//! the file to the compute worker (`worker/`), which reads it off the main thread, aggregates
//! report-level rows and hands the v1 text to `window.glabellaLoadDataset` (`src/api.rs`), where
//! the command's parser reads it. So a large file never blocks the page, and the page and the
//! command read a file the same way.

use crate::lang::LANG;
use glabella_core::i18n;
use yew::prelude::*;

use crate::markup::{escape_text, with_markup};
use crate::state::LoadedFile;

/// What a file must hold, the picker, the drop zone, and where page.js says how loading goes (as
/// text, never markup). Static markup: far less wasm than `html!`.
fn loader() -> String {
    let intro = with_markup(
        |code| i18n::your_data::intro(LANG, code[0], code[1], code[2]),
        &[
            "<code>reports</code>",
            "<code>glabella build-faers</code>",
            "<code># version:</code>",
        ],
    );
    format!(
        "<p class=\"lede\">{intro}</p><div class=\"loader\">\
<label class=\"load-label\" for=\"load-file\">{}</label>\
<input type=\"file\" id=\"load-file\" accept=\".csv,.txt,text/csv,text/plain\">\
<div id=\"data-drop\" class=\"drop-zone\">{}</div>\
<p id=\"load-status\" role=\"status\" aria-live=\"polite\"></p>\
<p id=\"load-error\" class=\"error\" role=\"alert\"></p></div>",
        escape_text(i18n::your_data::load(LANG)),
        escape_text(i18n::your_data::drop(LANG)),
    )
}

/// Names the loaded file, with the way back to the embedded reconstruction. A plain function,
/// not a component: it has no state of its own, and each component costs wasm.
pub fn file_banner(file: &LoadedFile, on_back: &Callback<()>) -> Html {
    let onclick = on_back.reform(|_: MouseEvent| ());
    html! {
        <p class="banner data-banner file-banner" role="note">
            <strong>{ i18n::your_data::showing(LANG, &file.name) }</strong>
            { i18n::your_data::read_here(LANG, file.reports) }
            <button type="button" class="action back-to-embedded" {onclick}>{ i18n::your_data::back(LANG) }</button>
        </p>
    }
}

/// The section: what a file must hold, the picker, and the loaded file's banner.
pub fn your_data(file: Option<&LoadedFile>, on_back: &Callback<()>) -> Html {
    html! {
        <section id="your-data" aria-labelledby="your-data-title">
            <h2 id="your-data-title">{ i18n::your_data::title(LANG) }</h2>
            { Html::from_html_unchecked(AttrValue::from(loader())) }
            if let Some(file) = file {
                { file_banner(file, on_back) }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_has_the_picker_the_drop_zone_and_both_message_lines() {
        let loader = loader();
        for id in ["load-file", "data-drop", "load-status", "load-error"] {
            assert!(loader.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(loader.contains("for=\"load-file\""));
        assert!(loader.contains("role=\"alert\""));
        for code in ["reports", "glabella build-faers", "# version:"] {
            assert!(loader.contains(&format!("<code>{code}</code>")), "{code}");
        }
    }
}
