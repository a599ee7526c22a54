use glabella_core::assessment::words::{prediction, reading_icon, reading_word, shows, title};
use glabella_core::assessment::{Assessment, Reading};
use yew::prelude::*;

use crate::markup::{escape, raw};
use crate::shared::Shared;

#[derive(Properties, PartialEq)]
pub struct ScorecardProps {
    pub assessment: Shared<Assessment>,
}

/// The class that styles a reading; the word and the icon carry the meaning, not the colour.
fn reading_class(reading: Reading) -> &'static str {
    match reading {
        Reading::Supports => "reading-supports",
        Reading::Consistent => "reading-consistent",
        Reading::Against => "reading-against",
        Reading::CannotTell => "reading-cannot_tell",
        Reading::NotTestable => "reading-not_testable",
    }
}

/// One row per explanation: what it predicts, what these data show, and the reading.
/// Built as escaped markup: static structure costs far less wasm as a string than as `html!`.
#[function_component]
pub fn Scorecard(props: &ScorecardProps) -> Html {
    let assessment = &props.assessment;
    let mut rows = String::new();
    for finding in &assessment.findings {
        let h = finding.hypothesis;
        rows.push_str(&format!(
            "<li class=\"score-row {class}\" data-hypothesis=\"{id}\" data-reading=\"{code}\">\
             <h3 class=\"score-title\">{title}</h3>\
             <p class=\"score-reading\"><span class=\"score-icon\" aria-hidden=\"true\">{icon}</span> {word}</p>\
             <p class=\"score-predicts\"><span class=\"score-label\">Predicts: </span>{predicts}</p>\
             <p class=\"score-shows\"><span class=\"score-label\">These data: </span>{shows}</p></li>",
            class = reading_class(finding.reading),
            id = h.id(),
            code = finding.reading.code(),
            title = escape(title(h)),
            icon = reading_icon(finding.reading),
            word = escape(reading_word(finding.reading)),
            predicts = escape(prediction(h)),
            shows = escape(&shows(finding, assessment)),
        ));
    }
    html! {
        <div class="scorecard" id="scorecard-rows" aria-live="polite">
            { raw(format!("<ol class=\"score-list\">{rows}</ol>")) }
        </div>
    }
}
