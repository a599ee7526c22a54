//! The page: the reader's scenario in, every section out.

use glabella_core::analysis::analyze;
use glabella_core::data::default_dataset;
use glabella_core::scenario::{assess, Scenario, Site};
use yew::prelude::*;

use crate::components::{Controls, DataBanner, DoseView, ForestPlot, Headline, Workbench};
use crate::shared::Shared;
use crate::state::{Action, State};
use crate::text;

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
    let state = use_reducer({
        let dataset = dataset.clone();
        move || State(Scenario::for_dataset(&dataset))
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
    let assessment = Shared::new(assess(&analysis, level));
    let (first, second) = text::headline(&analysis, &assessment);
    let shared_scenario = Shared::new(scenario.clone());

    html! {
        <>
            <Headline {first} {second} />
            <Controls
                adjusted={scenario.adjusted}
                zero_cell={scenario.zero_cell}
                level={level.get()}
                {on_set_adjusted}
                {on_set_zero_cell}
                {on_set_level}
            />
            <section id="forest" aria-labelledby="forest-title">
                <h2 id="forest-title">{ "Eight matched comparisons" }</h2>
                <p class="lede">
                    { "Each row compares reports of patients given Botox with reports of patients who had the same condition but another treatment. " }
                    { "A reporting odds ratio (ROR) below 1 means depression was mentioned less often in the Botox reports." }
                </p>
                <DataBanner />
                <ForestPlot analysis={analysis.clone()} {level} adjusted={scenario.adjusted} />
            </section>
            <section id="workbench" aria-labelledby="workbench-title">
                <h2 id="workbench-title">{ "Hypothesis workbench" }</h2>
                <p class="lede">
                    { "Facial feedback predicts less depression only where facial expression muscles are relaxed. " }
                    { "Systemic explanations predict it wherever Botox is injected. Move cohorts between groups and watch the verdict." }
                </p>
                <DataBanner />
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
                <DataBanner />
                <DoseView {analysis} scenario={shared_scenario} />
            </section>
        </>
    }
}
