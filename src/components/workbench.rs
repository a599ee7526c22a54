use crate::lang::LANG;
use glabella_core::analysis::{Analysis, GroupModel};
use glabella_core::assessment::words::{
    level_label, ratio_with_ci, reading_icon, reading_word, shows,
};
use glabella_core::assessment::{Assessment, Hypothesis};
use glabella_core::format::{fixed, percent_label};
use glabella_core::i18n;
use glabella_core::scenario::{Scenario, Site};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::shared::Shared;
use crate::text::{cohort_name, p_label, site_label};

/// A message without values.
type Message = fn(i18n::Lang) -> &'static str;

/// The three readings the workbench moves, with short names for the result strip.
const WORKBENCH_READINGS: [(Hypothesis, Message); 3] = [
    (Hypothesis::FfOnly, i18n::workbench::strip_ff_only),
    (Hypothesis::FfAdds, i18n::workbench::strip_ff_adds),
    (Hypothesis::Systemic, i18n::workbench::strip_systemic),
];

#[derive(Properties, PartialEq)]
pub struct WorkbenchProps {
    pub analysis: Shared<Analysis>,
    pub scenario: Shared<Scenario>,
    pub assessment: Shared<Assessment>,
    /// `false` for a static figure: groups are listed, not chosen.
    pub editable: bool,
    /// A cohort's slug and its new group.
    pub on_move_cohort: Callback<(String, Site)>,
}

fn site_hint(site: Site) -> &'static str {
    match site {
        Site::Frown => i18n::workbench::hint_frown(LANG),
        Site::OtherFacial => i18n::workbench::hint_other_facial(LANG),
        Site::NoFacial => i18n::workbench::hint_no_facial(LANG),
    }
}

/// The id of a cohort's group control; `index.html` gives it the focus back after a move.
fn select_id(slug: &str) -> String {
    format!("group-of-{slug}")
}

/// Groups of cohorts the reader can rearrange, each pooled, then compared.
#[function_component]
pub fn Workbench(props: &WorkbenchProps) -> Html {
    let level = props.scenario.ci_level;
    let groups = Site::ALL.iter().map(|&site| {
        let cohorts = props.scenario.cohorts_in(site);
        let result = props.analysis.groups.iter().find(|g| g.name == site.code());
        let pooled = result.and_then(|g| g.pooled);
        let summary = match pooled {
            Some(pooled) => html! {
                <p class="pooled">
                    <span class="pooled-ror">{ i18n::workbench::pooled(LANG, &ratio_with_ci(LANG, pooled.ratio(), pooled.ci(), level)) }</span>
                    <span class="pooled-het">{ match pooled.q_p {
                        Some(p) => i18n::workbench::pooled_spread_heterogeneity(LANG, pooled.k, &percent_label(LANG, pooled.i2), &p_label(LANG, p)),
                        None => i18n::workbench::pooled_spread(LANG, pooled.k, &percent_label(LANG, pooled.i2)),
                    } }</span>
                </p>
            },
            None if cohorts.is_empty() => html! { <p class="pooled empty">{ i18n::workbench::empty(LANG) }</p> },
            None => html! { <p class="pooled empty">{ i18n::workbench::none_defined(LANG) }</p> },
        };
        let left_out = result.map(|g| g.left_out.clone()).unwrap_or_default();
        let items = cohorts.iter().map(|slug| {
            let on_change = {
                let slug = slug.clone();
                props.on_move_cohort.reform(move |event: Event| {
                    let code = event.target_unchecked_into::<HtmlSelectElement>().value();
                    (slug.clone(), Site::from_code(&code).unwrap_or(Site::NoFacial))
                })
            };
            let name = cohort_name(LANG, slug);
            let note = if left_out.contains(slug) {
                i18n::workbench::left_out(LANG)
            } else {
                ""
            };
            if !props.editable {
                return html! {
                    <li class="cohort-chip" key={slug.clone()} data-cohort={slug.clone()}>
                        <span class="chip-name">{ &name }{ note }</span>
                    </li>
                };
            }
            html! {
                <li class="cohort-chip" key={slug.clone()} data-cohort={slug.clone()}>
                    <label>
                        <span class="chip-name">{ &name }{ note }</span>
                        <select id={select_id(slug)} aria-label={i18n::workbench::group_for(LANG, &name)} onchange={on_change}>
                            { for Site::ALL.iter().map(|&option| html! {
                                <option value={option.code()} selected={option == site}>{ site_label(LANG, option) }</option>
                            }) }
                        </select>
                    </label>
                </li>
            }
        });
        html! {
            <section class={classes!("group", format!("group-{}", site.code()))} data-group={site.code()} aria-label={site_label(LANG, site)}>
                <h3>{ site_label(LANG, site) }</h3>
                <p class="hint">{ site_hint(site) }</p>
                <ul>{ for items }</ul>
                { summary }
            </section>
        }
    });

    let assessment = &props.assessment;
    let analysis = &props.analysis;
    let comparison = match (&analysis.contrast, &analysis.group_difference) {
        (Some(contrast), Some(difference)) => html! {
            <p class="comparison" id="group-comparison">
                { i18n::workbench::contrast(
                    LANG,
                    &ratio_with_ci(LANG, contrast.contrast.ratio, contrast.contrast.ci, level),
                ) }
                { i18n::workbench::difference(
                    LANG,
                    difference.test.df + 1,
                    &fixed(LANG, difference.test.q_between, 2),
                    difference.test.df,
                    &p_label(LANG, difference.test.p),
                ) }
            </p>
        },
        _ => html! {},
    };
    let model_note = match (&analysis.shared_model, props.scenario.pooling) {
        (Some(model), _) => i18n::workbench::model_shared(
            LANG,
            &fixed(LANG, model.tau2, 3),
            &percent_label(LANG, model.i2),
            &level_label(LANG, level),
        ),
        (None, GroupModel::Separate) => i18n::workbench::model_separate(LANG).to_owned(),
        (None, _) => i18n::workbench::model_fixed(LANG).to_owned(),
    };
    // The readings the groups move, kept in view while the reader works (sticky at the bottom).
    let strip = WORKBENCH_READINGS.iter().map(|&(hypothesis, label)| {
        let finding = assessment.finding(hypothesis);
        html! {
            <li class={classes!("strip-item", format!("reading-{}", finding.reading.code()))} data-hypothesis={hypothesis.id()}>
                <span class="strip-label">{ label(LANG) }{ ": " }</span>
                <span class="strip-reading"><span aria-hidden="true">{ reading_icon(finding.reading) }{ " " }</span>{ reading_word(LANG, finding.reading) }</span>
            </li>
        }
    });
    let verdict = [Hypothesis::FfOnly, Hypothesis::FfAdds]
        .map(|hypothesis| shows(LANG, assessment.finding(hypothesis), assessment))
        .join(" ");

    html! {
        <div class="workbench">
            <div class="groups">{ for groups }</div>
            { comparison }
            <p class="verdict" id="verdict">{ verdict }</p>
            <p class="fineprint">{ model_note }{ i18n::workbench::migraine_note(LANG) }</p>
            <div class="result-strip" role="status" aria-live="polite" aria-label={i18n::workbench::strip_label(LANG)}>
                <ul>{ for strip }</ul>
            </div>
        </div>
    }
}
