use crate::lang::LANG;
use glabella_core::analysis::{Analysis, GroupModel};
use glabella_core::assessment::words::{
    level_label, ratio_with_ci, reading_icon, reading_word, shows,
};
use glabella_core::assessment::{Assessment, Hypothesis};
use glabella_core::format::fixed;
use glabella_core::scenario::{Scenario, Site};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::shared::Shared;
use crate::text::{cohort_name, p_label, site_label};

/// The three readings the workbench moves, with short names for the result strip.
const WORKBENCH_READINGS: [(Hypothesis, &str); 3] = [
    (Hypothesis::FfOnly, "Facial feedback alone"),
    (Hypothesis::FfAdds, "Facial feedback adds"),
    (Hypothesis::Systemic, "Beyond the injection site"),
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
        Site::Frown => "Corrugator and procerus, the glabella: cosmetic use, and 7 of the 31 migraine injection sites.",
        Site::OtherFacial => "Facial expression muscles, but not the frown muscles: the eyelids in blepharospasm.",
        Site::NoFacial => "Limbs, neck, bladder wall, sweat and salivary glands.",
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
                    <span class="pooled-ror">{ format!("Pooled ROR {}", ratio_with_ci(LANG, pooled.ratio(), pooled.ci(), level)) }</span>
                    <span class="pooled-het">{ format!(
                        "{} cohort{} · within the group I² {}%{}",
                        pooled.k,
                        if pooled.k == 1 { "" } else { "s" },
                        fixed(LANG, pooled.i2 * 100.0, 0),
                        pooled.q_p.map_or(String::new(), |p| format!(", heterogeneity {}", p_label(LANG, p)))
                    ) }</span>
                </p>
            },
            None if cohorts.is_empty() => html! { <p class="pooled empty">{ "No cohort here yet." }</p> },
            None => html! { <p class="pooled empty">{ "No cohort here has a defined ROR." }</p> },
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
                " (ROR not defined, left out of the pool)"
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
                        <select id={select_id(slug)} aria-label={format!("Group for {name}")} onchange={on_change}>
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
                { format!(
                    "Frown muscles against no facial muscles: ratio of pooled RORs {}. ",
                    ratio_with_ci(LANG, contrast.contrast.ratio, contrast.contrast.ci, level)
                ) }
                { format!(
                    "Test of the difference across the {} groups: Q = {} on {} df, {}.",
                    difference.test.df + 1,
                    fixed(LANG, difference.test.q_between, 2),
                    difference.test.df,
                    p_label(LANG, difference.test.p)
                ) }
            </p>
        },
        _ => html! {},
    };
    let model_note = match (&analysis.shared_model, props.scenario.pooling) {
        (Some(model), _) => format!(
            "Pooling: one random-effects model for all groups, log ROR ~ group, with a shared between-cohort variance τ² = {} (DerSimonian–Laird; residual I² {}%). {} intervals.",
            fixed(LANG, model.tau2, 3),
            fixed(LANG, model.i2 * 100.0, 0),
            level_label(LANG, level)
        ),
        (None, GroupModel::Separate) => "Pooling: each group on its own (DerSimonian–Laird random effects, its own τ²), a sensitivity check: with two or three cohorts a group's own τ² is unstable.".to_owned(),
        (None, _) => "Pooling: fixed effect within each group.".to_owned(),
    };
    // The readings the groups move, kept in view while the reader works (sticky at the bottom).
    let strip = WORKBENCH_READINGS.iter().map(|&(hypothesis, label)| {
        let finding = assessment.finding(hypothesis);
        html! {
            <li class={classes!("strip-item", format!("reading-{}", finding.reading.code()))} data-hypothesis={hypothesis.id()}>
                <span class="strip-label">{ label }{ ": " }</span>
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
            <p class="fineprint">{ model_note }{ " Migraine injections include the frown muscles; try moving it to see how much the readings depend on that." }</p>
            <div class="result-strip" role="status" aria-live="polite" aria-label="Readings for your groups">
                <ul>{ for strip }</ul>
            </div>
        </div>
    }
}
