//! "Use your own data": a reader's dataset in the page, and the way back to the embedded one.
//!
//! The picker, the drop zone and the two message lines are static markup; `static/page.js` gives
//! the file to the compute worker (`worker/`), which reads it off the main thread, aggregates
//! report-level rows and hands the v1 text to `window.glabellaLoadDataset` (`src/api.rs`), where
//! the command's parser reads it. So a large file never blocks the page, and the page and the
//! command read a file the same way.

use crate::lang::LANG;
use yew::prelude::*;

use crate::charts::count_label;
use crate::state::LoadedFile;

/// What a file must hold, the picker, the drop zone, and where page.js says how loading goes (as
/// text, never markup). Static markup: far less wasm than `html!`.
const LOADER: &str = "<p class=\"lede\">Load a dataset in this page's format (CSV, version 1): \
one row per group of reports with a <code>reports</code> count, such as the file \
<code>glabella build-faers</code> makes from FDA's quarterly FAERS files, or one row per report \
without that column. The file is read on this device and never uploaded: a link you share opens \
the embedded reconstruction (and, when your file has a <code># version:</code> line, says it was \
made with other data).</p><div class=\"loader\">\
<label class=\"load-label\" for=\"load-file\">Load a dataset (CSV file)</label>\
<input type=\"file\" id=\"load-file\" accept=\".csv,.txt,text/csv,text/plain\">\
<div id=\"data-drop\" class=\"drop-zone\">or drop a file here</div>\
<p id=\"load-status\" role=\"status\" aria-live=\"polite\"></p>\
<p id=\"load-error\" class=\"error\" role=\"alert\"></p></div>";

/// Names the loaded file, with the way back to the embedded reconstruction. A plain function,
/// not a component: it has no state of its own, and each component costs wasm.
pub fn file_banner(file: &LoadedFile, on_back: &Callback<()>) -> Html {
    let onclick = on_back.reform(|_: MouseEvent| ());
    html! {
        <p class="banner data-banner file-banner" role="note">
            <strong>{ format!("Showing your file {}: ", file.name) }</strong>
            { format!("{} reports, read on this device. ", count_label(LANG, file.reports)) }
            <button type="button" class="action back-to-embedded" {onclick}>{ "Back to the embedded reconstruction" }</button>
        </p>
    }
}

/// The section: what a file must hold, the picker, and the loaded file's banner.
pub fn your_data(file: Option<&LoadedFile>, on_back: &Callback<()>) -> Html {
    html! {
        <section id="your-data" aria-labelledby="your-data-title">
            <h2 id="your-data-title">{ "Use your own data" }</h2>
            { Html::from_html_unchecked(AttrValue::Static(LOADER)) }
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
        for id in ["load-file", "data-drop", "load-status", "load-error"] {
            assert!(LOADER.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(LOADER.contains("for=\"load-file\""));
        assert!(LOADER.contains("role=\"alert\""));
    }
}
