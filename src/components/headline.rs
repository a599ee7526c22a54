use crate::lang::LANG;
use crate::prose::{prose, Prose};
use glabella_core::i18n;
use yew::prelude::*;

/// The question, its two-sentence answer (a summary of the scorecard), `note` right under the
/// answer (what gets quoted: a what-if must be said beside it), and why the question is asked.
/// A plain function, not a component: it has no state, and each component costs wasm.
pub fn headline(first: String, second: String, note: Html) -> Html {
    html! {
        <header class="hero" id="question">
            <p class="kicker">{ i18n::ui::kicker(LANG) }</p>
            <h1>{ i18n::ui::question(LANG) }</h1>
            <p class="answer" id="answer" aria-live="polite">
                <span>{ first }</span>{ " " }<span>{ second }</span>
            </p>
            { note }
            { prose(Prose::Intro) }
            <p class="jump"><a href="#scorecard">{ i18n::ui::jump_scorecard(LANG) }</a>{ " · " }<a href="#workbench">{ i18n::ui::jump_workbench(LANG) }</a>{ " · " }<a href="#glossary">{ i18n::ui::jump_glossary(LANG) }</a>{ " · " }<a href="#about-data">{ i18n::ui::about_data(LANG) }</a></p>
        </header>
    }
}
