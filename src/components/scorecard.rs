use crate::lang::LANG;
use glabella_core::assessment::words::{
    lower_first, prediction, reading_icon, reading_word, shows, title,
};
use glabella_core::assessment::{Assessment, Reading};
use glabella_core::format::{fixed, percent_label};
use glabella_core::i18n::{self, Lang};
use yew::prelude::*;

use crate::markup::{escape, raw};
use crate::shared::Shared;
use crate::state::Shares;

#[derive(Properties, PartialEq)]
pub struct ScorecardProps {
    pub assessment: Shared<Assessment>,
    /// How often each reading came out over reconstructions of the study, once counted.
    #[prop_or_default]
    pub shares: Option<Shared<Shares>>,
}

/// A whole percentage of `count` in `total`: "<1%" and ">99%" where rounding would say 0 or 100
/// of a share that is not.
fn percent(count: u32, total: u32) -> String {
    let (count, total) = (u64::from(count), u64::from(total.max(1)));
    let whole = |percent: u64| percent_label(LANG, percent as f64 / 100.0);
    match (count * 100 + total / 2) / total {
        0 if count > 0 => format!("<{}", whole(1)),
        100 if count < total => format!(">{}", whole(99)),
        rounded => whole(rounded),
    }
}

/// The shares of one hypothesis's readings over the reconstructions: a stacked bar, and in words
/// the share of the reading shown, then the others.
fn shares_markup(shares: &Shares, index: usize, shown: Reading) -> String {
    let mut bar = String::new();
    let mut others = Vec::new();
    let mut own = String::new();
    for (slot, reading) in Reading::ALL.into_iter().enumerate() {
        let count = shares.count(index, slot);
        if count == 0 {
            continue;
        }
        let share = percent(count, shares.members);
        // A CSS width: a decimal point in every language.
        bar.push_str(&format!(
            "<span class=\"{}\" style=\"width:{}%\"></span>",
            reading_class(reading),
            fixed(
                Lang::En,
                f64::from(count) * 100.0 / f64::from(shares.members),
                2
            )
        ));
        if reading == shown {
            own = share;
        } else {
            others.push(i18n::scorecard::other_share(
                LANG,
                &lower_first(reading_word(LANG, reading)),
                &share,
            ));
        }
    }
    let own = if own.is_empty() {
        percent_label(LANG, 0.0)
    } else {
        own
    };
    let rest = if others.is_empty() {
        String::new()
    } else {
        i18n::scorecard::otherwise(LANG, &others.join(", "))
    };
    format!(
        "<p class=\"score-shares\"><span class=\"shares-bar\" aria-hidden=\"true\">{bar}</span>{}</p>",
        escape(&i18n::scorecard::shares(
            LANG,
            reading_word(LANG, shown),
            &own,
            u64::from(shares.members),
            &rest,
        ))
    )
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
    for (index, finding) in assessment.findings.iter().enumerate() {
        let h = finding.hypothesis;
        let shares = props
            .shares
            .as_ref()
            .map(|shares| shares_markup(shares, index, finding.reading))
            .unwrap_or_default();
        rows.push_str(&format!(
            "<li class=\"score-row {class}\" data-hypothesis=\"{id}\" data-reading=\"{code}\">\
             <h3 class=\"score-title\">{title}</h3>\
             <p class=\"score-reading\"><span class=\"score-icon\" aria-hidden=\"true\">{icon}</span> {word}</p>\
             <p class=\"score-predicts\"><span class=\"score-label\">{predicts_label}</span>{predicts}</p>\
             <p class=\"score-shows\"><span class=\"score-label\">{shows_label}</span>{shows}</p>{shares}</li>",
            class = reading_class(finding.reading),
            id = h.id(),
            code = finding.reading.code(),
            title = escape(title(LANG, h)),
            icon = reading_icon(finding.reading),
            word = escape(reading_word(LANG, finding.reading)),
            predicts_label = escape(i18n::scorecard::predicts(LANG)),
            shows_label = escape(i18n::scorecard::these_data(LANG)),
            predicts = escape(prediction(LANG, h)),
            shows = escape(&shows(LANG, finding, assessment)),
        ));
    }
    html! {
        <div class="scorecard" id="scorecard-rows" aria-live="polite">
            { raw(format!("<ol class=\"score-list\">{rows}</ol>")) }
        </div>
    }
}
