//! The page's prose that no scenario changes, between the live results: the story's context,
//! method and explanations, and the sections' ledes.
//!
//! Natively (the pre-render) it comes from the message files. In the browser it is read back from
//! the pre-rendered page before the app replaces it (`keep_prerendered`, src/main.rs): the first
//! load already carries these words once, in the HTML, and the wasm does not carry them again.

use crate::markup::raw;
use yew::Html;

/// One piece of prose, each an element with an id of its own.
#[derive(Clone, Copy)]
pub enum Prose {
    /// Why the question is asked (step 1).
    Intro,
    /// What FAERS and a matched comparison are (step 2).
    Method,
    /// The explanations in plain words (step 4).
    Explanations,
    ForestLede,
    WorkbenchLede,
    ScorecardLede,
    DoseLede,
}

const IDS: [&str; 7] = [
    "prose-intro",
    "prose-method",
    "prose-explanations",
    "prose-forest",
    "prose-workbench",
    "prose-scorecard",
    "prose-dose",
];

#[cfg(target_arch = "wasm32")]
thread_local! {
    static KEPT: std::cell::RefCell<[String; 7]> = Default::default();
}

/// Keeps each piece's element, as the pre-render wrote it, for the app's first and every later
/// render. A piece the page lacks (a build without the pre-render) stays empty.
#[cfg(target_arch = "wasm32")]
pub fn keep_prerendered(document: &web_sys::Document) {
    KEPT.with(|kept| {
        for (slot, id) in kept.borrow_mut().iter_mut().zip(IDS) {
            if let Some(element) = document.get_element_by_id(id) {
                *slot = element.outer_html();
            }
        }
    });
}

/// The piece's element.
pub fn prose(part: Prose) -> Html {
    #[cfg(target_arch = "wasm32")]
    let element = KEPT.with(|kept| kept.borrow()[part as usize].clone());
    #[cfg(not(target_arch = "wasm32"))]
    let element = prerendered(part);
    raw(element)
}

/// The piece's element as the pre-render writes it: the message, escaped, in its element.
#[cfg(not(target_arch = "wasm32"))]
fn prerendered(part: Prose) -> String {
    use crate::lang::LANG;
    use crate::markup::escape_text;
    use glabella_core::i18n::{app, story};

    let id = IDS[part as usize];
    let text = |message: &str| escape_text(message);
    match part {
        Prose::Intro => format!(
            "<p id=\"{id}\" class=\"lede intro\">{}</p>",
            text(story::intro(LANG))
        ),
        Prose::Method => format!(
            "<div id=\"{id}\"><p>{}</p><p>{}</p></div>",
            text(story::how_faers(LANG)),
            text(story::how_matched(LANG))
        ),
        Prose::Explanations => format!(
            "<div id=\"{id}\">{}</div>",
            crate::components::explanations()
        ),
        Prose::ForestLede => format!("<span id=\"{id}\">{}</span>", text(app::forest_lede(LANG))),
        Prose::WorkbenchLede => {
            format!(
                "<span id=\"{id}\">{}</span>",
                text(app::workbench_lede(LANG))
            )
        }
        Prose::ScorecardLede => format!(
            "<p id=\"{id}\" class=\"lede\">{}</p>",
            text(app::scorecard_lede(LANG))
        ),
        Prose::DoseLede => format!(
            "<p id=\"{id}\" class=\"lede\">{}</p>",
            text(app::dose_lede(LANG))
        ),
    }
}
