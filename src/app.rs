//! The page: the reader's scenario in, every section out.

use glabella_core::analysis::analyze;
use glabella_core::assessment::{assess, words, Basis};
use glabella_core::data::default_dataset;
use glabella_core::format::ratio_label;
use glabella_core::scenario::{Scenario, Site};
use yew::prelude::*;

use crate::components::{
    Controls, DataBanner, DoseView, ForestPlot, Headline, Scorecard, Workbench,
};
use crate::shared::Shared;
use crate::state::{Action, State};
use crate::text::{plain_meaning, short_name};

/// Turns an [`Action`] constructor into a callback that dispatches it.
fn make_callback<T: 'static>(
    state: &UseReducerHandle<State>,
    action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(action(value)))
}

#[function_component]
pub fn App() -> Html {
    let dataset = use_memo((), |_| default_dataset());
    let start = use_memo((), {
        let dataset = dataset.clone();
        move |_| Scenario::for_dataset(&dataset)
    });
    let state = use_reducer({
        let start = start.clone();
        move || State((*start).clone())
    });
    let scenario = &state.0;
    // Results are derived, never stored: recomputed when the scenario changes.
    let analysis = use_memo(scenario.clone(), {
        let dataset = dataset.clone();
        move |scenario| analyze(&dataset, &scenario.settings()).map(Shared::new)
    });

    let on_set_adjusted = make_callback(&state, Action::SetAdjusted);
    let on_set_zero_cell = make_callback(&state, Action::SetZeroCell);
    let on_set_level = make_callback(&state, Action::SetCiLevel);
    let on_set_pooling = make_callback(&state, Action::SetPooling);
    let on_reset = make_callback(&state, {
        let start = start.clone();
        move |()| Action::Reset((*start).clone())
    });
    let on_move_cohort = make_callback(&state, |(slug, site): (String, Site)| Action::MoveCohort {
        slug,
        site,
    });

    let analysis = match analysis.as_ref() {
        Ok(analysis) => analysis.clone(),
        Err(err) => {
            return html! { <p class="error" role="alert">{ format!("These settings cannot be analysed: {err}") }</p> };
        }
    };
    let level = scenario.ci_level;
    let adjusted = scenario.adjusted;
    let assessment = Shared::new(assess(&analysis, level, Basis::Reconstruction));
    let (first, second) = words::headline(&assessment);
    let shared_scenario = Shared::new(scenario.clone());
    // The plain meaning of an ROR, on the cohort with the lowest one.
    let example = analysis
        .cohorts
        .iter()
        .filter_map(|c| Some((c.shown().0?, c.indication.as_str())))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(ratio, slug)| {
            format!(
                "For example, the ROR of {} for {} means depression was mentioned {} in its Botox reports than in the other reports for the same condition (in odds).",
                ratio_label(ratio),
                short_name(slug),
                plain_meaning(ratio)
            )
        })
        .unwrap_or_default();

    html! {
        <>
            <Headline {first} {second} />
            <Controls
                {adjusted}
                zero_cell={scenario.zero_cell}
                {level}
                pooling={scenario.pooling}
                changed={*scenario != *start}
                {on_set_adjusted}
                {on_set_zero_cell}
                {on_set_level}
                {on_set_pooling}
                {on_reset}
            />
            <section id="scorecard" aria-labelledby="scorecard-title">
                <h2 id="scorecard-title">{ "Seven explanations, one scorecard" }</h2>
                <p class="lede">
                    { "Each explanation predicts a pattern in the reports. A reading says whether these data show it, using only intervals: " }
                    { "“lower” means the whole interval lies below 1, and an interval that includes 1 is never read as “no difference”." }
                </p>
                <DataBanner {adjusted} />
                <Scorecard assessment={assessment.clone()} />
            </section>
            <section id="forest" aria-labelledby="forest-title">
                <h2 id="forest-title">{ "Eight matched comparisons" }</h2>
                <p class="lede">
                    { "Each row compares reports of patients given Botox with reports of patients who had the same condition but another treatment. " }
                    { "A reporting odds ratio (ROR) below 1 means depression was mentioned less often in the Botox reports. " }
                    { example }
                </p>
                <DataBanner {adjusted} />
                <ForestPlot analysis={analysis.clone()} {level} {adjusted} />
            </section>
            <section id="workbench" aria-labelledby="workbench-title">
                <h2 id="workbench-title">{ "Hypothesis workbench" }</h2>
                <p class="lede">
                    { "Facial feedback predicts less depression only where facial expression muscles are relaxed. " }
                    { "Systemic explanations predict it wherever Botox is injected. Move cohorts between groups and watch the readings." }
                </p>
                <DataBanner {adjusted} />
                <Workbench
                    analysis={analysis.clone()}
                    scenario={shared_scenario.clone()}
                    assessment={assessment.clone()}
                    {on_move_cohort}
                />
            </section>
            <section id="dose" aria-labelledby="dose-title">
                <h2 id="dose-title">{ "Does a larger dose matter?" }</h2>
                <p class="lede">
                    { "If Botox acted on the brain directly, larger doses should go with lower RORs. " }
                    { "Here each cohort sits at the typical labelled dose of its indication." }
                </p>
                <DataBanner {adjusted} />
                <DoseView {analysis} scenario={shared_scenario} {assessment} />
            </section>
        </>
    }
}
