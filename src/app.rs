//! The page: the reader's scenario in, every section out.
//!
//! The scenario starts from the URL (`glabella_core::scenario::link`), and every change is
//! written back to it, so a link reproduces the exact view.

use crate::lang::LANG;
use glabella_core::analysis::{
    analyze_cohorts, analyze_groups, flip_points, Analysis, CohortResult, Missed,
};
use glabella_core::assessment::{assess, words, Assessment, Basis};
use glabella_core::data::Dataset;
use glabella_core::format::{count_label, ratio_label};
use glabella_core::i18n;
use glabella_core::scenario::link::{decode, encode, Embed, Lesson, Link, Theme, View};
use glabella_core::scenario::presets::presets;
use glabella_core::scenario::{Scenario, Site};
use yew::prelude::*;

use crate::api;
use crate::browser;
use crate::components::{
    data_banner, downloads, example_counts, file_banner, headline, notices as notice_list,
    your_data, Controls, DoseView, ForestPlot, PresetLink, Scorecard, SharePanel, Workbench,
};
use crate::markup::raw;
use crate::prose::{prose, Prose};
use crate::shared::Shared;
use crate::state::{Action, Flips, Shares, Source, State};
use crate::text::{flip_note, plain_meaning, reading_flips_markup, short_name};

/// Turns an [`Action`] constructor into a callback that dispatches it.
fn make_callback<T: 'static>(
    state: &UseReducerHandle<State>,
    action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(action(value)))
}

/// The address of a view of this page: the page's own address and the link's query.
fn address(link: &Link, dataset: &Dataset) -> String {
    let query = encode(link, dataset);
    let page = browser::page_address();
    if query.is_empty() {
        page
    } else {
        format!("{page}?{query}")
    }
}

/// Everything the sections need, computed once per scenario.
#[derive(Clone, PartialEq)]
struct Results {
    cohorts: Shared<Vec<CohortResult>>,
    analysis: Shared<Analysis>,
    assessment: Shared<Assessment>,
}

#[function_component]
pub fn App() -> Html {
    let embedded = use_memo((), |_| Source::embedded());
    // The link the page was opened with, read once before the first render.
    let opened = use_memo((), {
        let embedded = embedded.clone();
        move |_| decode(&browser::query(), &embedded.dataset)
    });
    let view = opened.0.view.clone();
    let state = use_reducer({
        let opened = opened.clone();
        let embedded = embedded.clone();
        move || State {
            source: (*embedded).clone(),
            scenario: opened.0.scenario.clone(),
        }
    });
    let source = state.source.clone();
    let dataset = source.dataset.clone();
    let file = source.file.clone();
    // Reset goes back to the default scenario of the dataset shown.
    let start = use_memo(dataset.clone(), |dataset| Scenario::for_dataset(dataset));
    let notices = use_state({
        let opened = opened.clone();
        move || {
            opened
                .1
                .iter()
                .map(|notice| AttrValue::from(notice.message(LANG)))
                .collect::<Vec<_>>()
        }
    });
    let scenario = &state.scenario;
    // Shares of the readings over reconstructions, and where each reading would change under the
    // what-if, as the compute worker finds them.
    let shares = use_state(|| None::<Shared<Shares>>);
    let flips = use_state(|| None::<Shared<Flips>>);

    // The URL follows the scenario, without a history entry per change. A lesson's step is the
    // lesson's (static/lesson.js moves it, in <html data-step> and the URL): kept as it is now.
    use_effect_with((scenario.clone(), view.clone()), {
        let dataset = dataset.clone();
        move |(scenario, view): &(Scenario, View)| {
            let mut view = view.clone();
            if let Some(lesson) = &mut view.lesson {
                let shown = browser::root_attribute("data-step");
                lesson.step = shown
                    .as_deref()
                    .and_then(Lesson::step_of)
                    .unwrap_or(lesson.step);
            }
            let link = Link {
                scenario: scenario.clone(),
                view,
            };
            browser::replace_query(&encode(&link, &dataset));
        }
    });
    // The theme, the embed mode and the lesson are read by the CSS from <html>; the lesson's
    // step only as the link opens it.
    use_effect_with(view.clone(), |view: &View| {
        let theme = match view.theme {
            Theme::Auto => None,
            theme => Some(theme.code()),
        };
        browser::set_root_attribute("data-theme", theme);
        browser::set_root_attribute("data-embed", view.embed.map(Embed::code));
        let lesson = view.lesson;
        browser::set_root_attribute("data-mode", lesson.map(|_| "lesson"));
        let step = lesson.map(|lesson| lesson.step.to_string());
        browser::set_root_attribute("data-step", step.as_deref());
        let teacher = lesson.filter(|lesson| lesson.teacher).map(|_| "1");
        browser::set_root_attribute("data-teacher", teacher);
    });

    // Results are derived, never stored. The per-cohort results depend on the dataset and four
    // settings only, so regrouping cohorts reuses them, and the forest plot is not redrawn.
    let per_cohort = (
        dataset.clone(),
        scenario.ci_level,
        scenario.zero_cell,
        scenario.adjusted,
        scenario.missed,
    );
    let cohorts = use_memo(per_cohort.clone(), {
        let settings = scenario.settings();
        move |(dataset, ..)| analyze_cohorts(dataset, &settings).map(Shared::new)
    });
    // Where each significant cohort would stop being so under the what-if: the same settings.
    let flip_note = use_memo(per_cohort, {
        let settings = scenario.settings();
        move |(dataset, ..)| {
            flip_points(dataset, &settings)
                .map(|flips| flip_note(&flips, settings.missed))
                .unwrap_or_default()
        }
    });
    let results = use_memo(
        (
            Shared::from(cohorts.clone()),
            scenario.clone(),
            file.is_some(),
        ),
        |(cohorts, scenario, own)| {
            let basis = if *own {
                Basis::OwnData
            } else {
                Basis::Reconstruction
            };
            let cohorts = match &**cohorts {
                Ok(cohorts) => cohorts.clone(),
                Err(err) => return Err(err.clone()),
            };
            analyze_groups(cohorts.to_vec(), &scenario.settings()).map(|analysis| {
                let assessment = assess(&analysis, scenario.ci_level, basis);
                Results {
                    cohorts,
                    analysis: Shared::new(analysis),
                    assessment: Shared::new(assessment),
                }
            })
        },
    );
    // window.glabella (src/api.rs) follows the scenario: it is published after every change, and
    // a scenario set from outside is applied as Reset applies one.
    use_effect_with((scenario.clone(), source.clone()), {
        let apply = make_callback(&state, Action::Reset);
        let load = make_callback(&state, Action::Load);
        let on_flips = {
            let flips = flips.clone();
            Callback::from(move |found: Flips| flips.set(Some(Shared::new(found))))
        };
        let shares = {
            let shares = shares.clone();
            Callback::from(move |counted: Shares| shares.set(Some(Shared::new(counted))))
        };
        move |(scenario, source): &(Scenario, Source)| {
            api::publish(api::Current {
                dataset: source.dataset.clone(),
                file: source.file.as_ref().map(|file| file.name.clone()),
                scenario: scenario.clone(),
                apply,
                load,
                shares,
                flips: on_flips,
            });
        }
    });
    // The app has replaced the pre-rendered page: the link's scenario may show now
    // (`data-pending`, index.html), and tests and static/page.js know the page is live
    // (`data-ready`), window.glabella included: effects run in order, so this one comes after
    // the one above that publishes the scenario.
    use_effect_with((), |_| {
        browser::set_root_attribute("data-pending", None);
        browser::set_root_attribute("data-ready", Some(""));
    });

    let Results {
        cohorts,
        analysis,
        assessment,
    } = match results.as_ref() {
        Ok(results) => results.clone(),
        Err(err) => {
            return html! { <p class="error" role="alert">{ i18n::app::cannot_analyse(LANG, &err.message(LANG)) }</p> };
        }
    };

    let on_set_adjusted = make_callback(&state, Action::SetAdjusted);
    let on_set_zero_cell = make_callback(&state, Action::SetZeroCell);
    let on_set_level = make_callback(&state, Action::SetCiLevel);
    let on_set_pooling = make_callback(&state, Action::SetPooling);
    let on_reset = make_callback(&state, {
        let start = start.clone();
        move |()| Action::Reset((*start).clone())
    });
    let on_apply = make_callback(&state, Action::Reset);
    let on_move_cohort = make_callback(&state, |(slug, site): (String, Site)| Action::MoveCohort {
        slug,
        site,
    });
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |idx: usize| {
            let mut rest = (*notices).clone();
            if idx < rest.len() {
                rest.remove(idx);
            }
            notices.set(rest);
        })
    };

    let file_name = file.as_ref().map(|file| AttrValue::from(file.name.clone()));
    let on_back = make_callback(&state, {
        let embedded = embedded.clone();
        move |()| Action::Load((*embedded).clone())
    });
    let level = scenario.ci_level;
    let adjusted = scenario.adjusted;
    let editable = view.controls;
    let shared_scenario = Shared::new(scenario.clone());
    let page_link = Link {
        scenario: scenario.clone(),
        view: View::page(),
    };
    let full_page = address(&page_link, &dataset);

    let forest = {
        // The plain meaning of an ROR, on the cohort with the lowest one.
        let example = analysis
            .cohorts
            .iter()
            // Not a cohort with a zero cell: its ratio rests on the half report added to each cell.
            .filter(|c| !c.table.has_zero())
            .filter_map(|c| Some((c.shown().0?, c.indication.as_str())))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(ratio, slug)| {
                i18n::app::forest_example(
                    LANG,
                    &ratio_label(LANG, ratio),
                    &short_name(LANG, slug),
                    &plain_meaning(ratio),
                )
            })
            .unwrap_or_default();
        html! {
            <section id="forest" aria-labelledby="forest-title">
                <h2 id="forest-title">{ i18n::app::forest_title(LANG) }</h2>
                <p class="lede">{ prose(Prose::ForestLede) }{ example }</p>
                { data_banner(adjusted, file_name.as_ref(), scenario.missed) }
                <ForestPlot {cohorts} {level} {adjusted} own_data={file.is_some()} />
                { downloads(true) }
            </section>
        }
    };
    // Shares are shown for the scenario they were counted for, and only for the reconstruction.
    let page_query = encode(&page_link, &dataset);
    let current_shares = (*shares)
        .clone()
        .filter(|shares| file.is_none() && shares.query == page_query);
    let shares_status = match (
        &current_shares,
        scenario.sensitivity_seed.filter(|_| file.is_none()),
    ) {
        (Some(shares), Some(_)) if !shares.complete() => i18n::app::shares_progress(
            LANG,
            &count_label(LANG, u64::from(shares.members)),
            &count_label(LANG, u64::from(shares.total)),
        ),
        (None, Some(_)) => i18n::app::shares_counting(LANG).to_owned(),
        // The seed as the link writes it (`seed=`): a name for the draw, not a quantity.
        (Some(shares), Some(seed)) => {
            i18n::app::shares_done(LANG, u64::from(shares.members), &seed.to_string())
        }
        _ => String::new(),
    };
    let current_shares = current_shares.filter(|_| scenario.sensitivity_seed.is_some());
    // Whether, and from which seed, the scorecard counts reconstructions: in the link as `seed=`.
    let sensitivity = if file.is_some() || !editable {
        html! {}
    } else {
        let set_seed = |seed: Option<u64>| {
            let dispatcher = state.dispatcher();
            Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::SetSensitivitySeed(seed))
            })
        };
        match scenario.sensitivity_seed {
            None => html! {
                <div class="share-row shares-actions">
                    <button type="button" class="action" id="shares-show" onclick={set_seed(Some(1))}>
                        { i18n::app::shares_show(LANG) }
                    </button>
                </div>
            },
            Some(seed) => html! {
                <div class="share-row shares-actions">
                    <button type="button" class="action" id="shares-again" onclick={set_seed(Some(seed.wrapping_add(500)))}>
                        { i18n::app::shares_again(LANG) }
                    </button>
                    <button type="button" class="action" id="shares-hide" onclick={set_seed(None)}>
                        { i18n::app::shares_hide(LANG) }
                    </button>
                </div>
            },
        }
    };
    let reading_flips = (*flips)
        .as_ref()
        .filter(|flips| {
            flips.query == page_query
                && flips.file == file.as_ref().map_or("", |file| file.name.as_str())
        })
        .map(|flips| {
            let readings: Vec<_> = assessment.findings.iter().map(|f| f.reading).collect();
            reading_flips_markup(&flips.values, &readings)
        })
        .unwrap_or_default();
    let scorecard = html! {
        <section id="scorecard" aria-labelledby="scorecard-title">
            <h2 id="scorecard-title">{ i18n::app::scorecard_title(LANG) }</h2>
            { prose(Prose::ScorecardLede) }
            { data_banner(adjusted, file_name.as_ref(), scenario.missed) }
            { sensitivity }
            <p class="shares-status" id="shares-status">{ shares_status }</p>
            <Scorecard assessment={assessment.clone()} shares={current_shares.filter(|shares| shares.complete())} />
            { downloads(false) }
        </section>
    };
    let workbench = html! {
        <section id="workbench" aria-labelledby="workbench-title">
            <h2 id="workbench-title">{ i18n::app::workbench_title(LANG) }</h2>
            <p class="lede">
                { prose(Prose::WorkbenchLede) }
                if editable { { i18n::app::workbench_lede_editable(LANG) } }
            </p>
            { data_banner(adjusted, file_name.as_ref(), scenario.missed) }
            <Workbench
                analysis={analysis.clone()}
                scenario={shared_scenario.clone()}
                assessment={assessment.clone()}
                {editable}
                {on_move_cohort}
            />
            { downloads(false) }
        </section>
    };
    let dose = html! {
        <section id="dose" aria-labelledby="dose-title">
            <h2 id="dose-title">{ i18n::app::dose_title(LANG) }</h2>
            { prose(Prose::DoseLede) }
            { data_banner(adjusted, file_name.as_ref(), scenario.missed) }
            <DoseView analysis={analysis.clone()} scenario={shared_scenario} assessment={assessment.clone()} />
            { downloads(true) }
        </section>
    };
    let controls = html! {
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
            own_data={file.is_some()}
            missed={scenario.missed}
            on_set_missed={make_callback(&state, Action::SetMissed)}
            flip_note={AttrValue::from((*flip_note).clone())}
            reading_flips={AttrValue::from(reading_flips)}
        />
    };
    let notices = notice_list(&notices, &on_dismiss);
    // The headline is what gets quoted: a what-if says so right under it.
    let headline_note = if scenario.missed != Missed::default() {
        html! { <div id="headline-note">{ data_banner(adjusted, file_name.as_ref(), scenario.missed) }</div> }
    } else {
        html! {}
    };

    if let Some(part) = view.embed {
        let body = match part {
            Embed::Forest => forest,
            Embed::Workbench => workbench,
            Embed::Dose => dose,
            Embed::Scorecard => scorecard,
            Embed::All => {
                let (first, second) = words::headline(LANG, &assessment);
                html! { <>
                    { headline(first, second, headline_note) }
                    if editable { { controls } }
                    // The results in the story's order, as the pre-rendered page has them.
                    { forest }{ workbench }{ scorecard }{ dose }
                </> }
            }
        };
        return html! {
            <>
                { notices }
                { body }
                <p class="embed-source">
                    { i18n::app::embed_source(LANG) }
                    <a href={full_page} target="_blank" rel="noopener">{ i18n::app::embed_open(LANG) }</a>
                </p>
            </>
        };
    }

    // The story's own steps: only the full page tells it.
    let how = html! {
        <section id="how" aria-labelledby="how-title">
            <h2 id="how-title">{ i18n::story::how_title(LANG) }</h2>
            { prose(Prose::Method) }
            { raw(example_counts(&analysis)) }
            { data_banner(adjusted, file_name.as_ref(), scenario.missed) }
        </section>
    };
    let explained = html! {
        <section id="explanations" aria-labelledby="explanations-title">
            <h2 id="explanations-title">{ i18n::story::explanations_title(LANG) }</h2>
            { prose(Prose::Explanations) }
        </section>
    };
    let (first, second) = words::headline(LANG, &assessment);
    let preset_links = Shared::new(
        presets(&dataset)
            .into_iter()
            .map(|preset| PresetLink {
                id: preset.id,
                title: preset.title(LANG),
                why: preset.why(LANG),
                url: address(
                    &Link {
                        scenario: preset.scenario.clone(),
                        view: View::page(),
                    },
                    &dataset,
                ),
                scenario: preset.scenario,
            })
            .collect::<Vec<_>>(),
    );
    let embed_base = {
        let query = encode(&page_link, &dataset);
        let page = browser::page_address();
        if query.is_empty() {
            format!("{page}?")
        } else {
            format!("{page}?{query}&")
        }
    };
    // "Use your own data" and "Share" go after everything the page has pre-rendered (`#tools`,
    // index.html), so that nothing pre-rendered moves when the app adds them. Natively there is
    // no such element: the pre-render leaves them out, as they do nothing without JavaScript.
    let tools = match browser::element("tools") {
        Some(host) if editable => create_portal(
            html! { <>
                { your_data(file.as_ref(), &on_back) }
                <SharePanel url={full_page} {embed_base} presets={preset_links} {on_apply} />
            </> },
            host,
        ),
        _ => html! {},
    };
    html! {
        <>
            { notices }
            if let Some(file) = &file {
                { file_banner(file, &on_back) }
            }
            { headline(first, second, headline_note) }
            if editable { { controls } }
            // The story, in order: how the study worked, the comparisons, the explanations,
            // testing them, dose; the limits, the trials and the sources follow as static
            // sections (index.html).
            { how }
            { forest }
            { explained }
            { workbench }
            { scorecard }
            { dose }
            { tools }
        </>
    }
}
