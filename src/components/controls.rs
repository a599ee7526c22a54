use crate::lang::LANG;
use glabella_core::analysis::{GroupModel, Missed};
use glabella_core::assessment::words::level_label;
use glabella_core::format::percent_label;
use glabella_core::i18n;
use glabella_core::scenario::CI_LEVELS;
use glabella_core::stats::{Level, ZeroCellPolicy};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub adjusted: bool,
    pub zero_cell: ZeroCellPolicy,
    pub level: Level,
    pub pooling: GroupModel,
    /// The scenario differs from the starting point, so Reset has something to do.
    pub changed: bool,
    pub on_set_adjusted: Callback<bool>,
    pub on_set_zero_cell: Callback<ZeroCellPolicy>,
    pub on_set_level: Callback<f64>,
    pub on_set_pooling: Callback<GroupModel>,
    pub on_reset: Callback<()>,
    /// The reader's own file is shown: its sex and age are its own, not assumed.
    #[prop_or_default]
    pub own_data: bool,
    /// The reporting-bias what-if, and where each significant cohort would stop being so.
    pub missed: Missed,
    pub on_set_missed: Callback<Missed>,
    pub flip_note: AttrValue,
    /// Where each reading would change, as escaped markup; empty until asked for.
    #[prop_or_default]
    pub reading_flips: AttrValue,
}

/// The shares a what-if offers in its menus: none, then every tenth percent, and the current one
/// (a link may ask for any whole percent up to 95).
fn missed_options(current: u8) -> Html {
    let mut shares: Vec<u8> = (0..=9).map(|tenth| tenth * 10).collect();
    if !shares.contains(&current) {
        let at = shares
            .iter()
            .position(|&share| share > current)
            .unwrap_or(shares.len());
        shares.insert(at, current);
    }
    shares
        .into_iter()
        .map(|share| {
            let label = if share == 0 {
                i18n::controls::missed_none(LANG).to_owned()
            } else {
                percent_label(LANG, f64::from(share) / 100.0)
            };
            html! { <option value={share.to_string()} selected={share == current}>{ label }</option> }
        })
        .collect()
}

fn zero_cell_label(policy: ZeroCellPolicy) -> &'static str {
    match policy {
        ZeroCellPolicy::None => i18n::controls::zero_none(LANG),
        ZeroCellPolicy::Haldane => i18n::controls::zero_haldane(LANG),
        ZeroCellPolicy::Always => i18n::controls::zero_always(LANG),
    }
}

fn pooling_label(pooling: GroupModel) -> &'static str {
    match pooling {
        GroupModel::SharedTau2 => i18n::controls::pooling_shared(LANG),
        GroupModel::Separate => i18n::controls::pooling_separate(LANG),
        GroupModel::Fixed => i18n::controls::pooling_fixed(LANG),
    }
}

/// The settings themselves, inside the panel.
pub(super) fn settings_body(props: &ControlsProps) -> Html {
    let on_adjusted = props
        .on_set_adjusted
        .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().checked());
    let on_zero_cell = props.on_set_zero_cell.reform(|event: Event| {
        let code = event.target_unchecked_into::<HtmlSelectElement>().value();
        ZeroCellPolicy::from_code(&code).unwrap_or_default()
    });
    // Options carry an index into CI_LEVELS: no float parsing in the page.
    let on_level = props.on_set_level.reform(|event: Event| {
        let idx = event
            .target_unchecked_into::<HtmlSelectElement>()
            .selected_index();
        usize::try_from(idx)
            .ok()
            .and_then(|idx| CI_LEVELS.get(idx))
            .copied()
            .unwrap_or(0.95)
    });
    let on_pooling = props.on_set_pooling.reform(|event: Event| {
        let code = event.target_unchecked_into::<HtmlSelectElement>().value();
        GroupModel::from_code(&code).unwrap_or_default()
    });
    let missed = props.missed;
    let share_of = |event: &Event| {
        let value = event.target_unchecked_into::<HtmlSelectElement>().value();
        value.parse::<u8>().unwrap_or(0).min(Missed::MAX)
    };
    let on_missed_bont = props.on_set_missed.reform(move |event: Event| Missed {
        bont: share_of(&event),
        ..missed
    });
    let on_missed_control = props.on_set_missed.reform(move |event: Event| Missed {
        control: share_of(&event),
        ..missed
    });
    html! { <>
        <label class="switch">
            <input type="checkbox" role="switch" id="adjust" checked={props.adjusted} onchange={on_adjusted} aria-describedby="adjust-note" />
            <span>{ i18n::controls::adjust(LANG) }</span>
        </label>
        <p class="control-note" id="adjust-note">{ if props.own_data {
            i18n::controls::adjust_note_own(LANG)
        } else {
            i18n::controls::adjust_note(LANG)
        } }</p>
        <label class="field">
            <span>{ i18n::controls::level(LANG) }</span>
            <select id="ci-level" onchange={on_level}>
                { for CI_LEVELS.iter().map(|&level| html! {
                    <option selected={(level - props.level.get()).abs() < 1e-9}>{ Level::new(level).map(|level| level_label(LANG, level)).unwrap_or_default() }</option>
                }) }
            </select>
        </label>
        <label class="field">
            <span>{ i18n::controls::zero_cells(LANG) }</span>
            <select id="zero-cell" onchange={on_zero_cell}>
                { for ZeroCellPolicy::ALL.iter().map(|&policy| html! {
                    <option value={policy.code()} selected={policy == props.zero_cell}>{ zero_cell_label(policy) }</option>
                }) }
            </select>
        </label>
        <label class="field">
            <span>{ i18n::controls::pooling(LANG) }</span>
            <select id="pooling" onchange={on_pooling} aria-describedby="pooling-note">
                { for [GroupModel::SharedTau2, GroupModel::Separate].iter().map(|&pooling| html! {
                    <option value={pooling.code()} selected={pooling == props.pooling}>{ pooling_label(pooling) }</option>
                }) }
            </select>
        </label>
        <p class="control-note" id="pooling-note">{ i18n::controls::pooling_note(LANG) }</p>
        <fieldset class="whatif" aria-describedby="missed-note">
            <legend>{ i18n::controls::whatif(LANG) }</legend>
            <label class="field">
                <span>{ i18n::controls::missed_bont(LANG) }</span>
                <select id="missed-bont" onchange={on_missed_bont}>{ missed_options(missed.bont) }</select>
            </label>
            <label class="field">
                <span>{ i18n::controls::missed_control(LANG) }</span>
                <select id="missed-control" onchange={on_missed_control}>{ missed_options(missed.control) }</select>
            </label>
            <p class="control-note" id="missed-note">{ props.flip_note.clone() }</p>
            // static/page.js asks the compute worker, and keeps asking after each change.
            <button type="button" class="action" id="flips-show">{ i18n::controls::flips_show(LANG) }</button>
            <div aria-live="polite">{ Html::from_html_unchecked(props.reading_flips.clone()) }</div>
        </fieldset>
    </> }
}

/// The settings, in a panel that stays closed until a reader asks: the story comes first.
/// Every change updates every chart and sentence.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let state = i18n::controls::state(
        LANG,
        &level_label(LANG, props.level),
        if props.adjusted {
            i18n::controls::state_adjusted(LANG)
        } else {
            i18n::controls::state_crude(LANG)
        },
        if props.pooling == GroupModel::SharedTau2 {
            i18n::controls::state_one_model(LANG)
        } else {
            i18n::controls::state_separate(LANG)
        },
    );
    // The pre-rendered page's panel is empty: nothing in it works before the app has started,
    // and the panel is closed, so filling it moves nothing.
    let body = if browser::PRERENDERING {
        html! {}
    } else {
        settings_body(props)
    };
    html! {
        <section class="controls" id="settings" aria-label={i18n::controls::settings(LANG)}>
            <details class="settings">
                <summary>
                    <span class="settings-title">{ i18n::controls::settings(LANG) }</span>
                    <span class="settings-state" id="settings-state">{ state }</span>
                </summary>
                <div class="settings-body">{ body }</div>
            </details>
            <button type="button" id="reset" class="reset" onclick={on_reset} disabled={!props.changed}>{ i18n::controls::reset(LANG) }</button>
        </section>
    }
}
