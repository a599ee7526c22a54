use glabella_core::scenario::CI_LEVELS;
use glabella_core::stats::ZeroCellPolicy;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub adjusted: bool,
    pub zero_cell: ZeroCellPolicy,
    pub level: f64,
    pub on_set_adjusted: Callback<bool>,
    pub on_set_zero_cell: Callback<ZeroCellPolicy>,
    pub on_set_level: Callback<f64>,
}

fn zero_cell_label(policy: ZeroCellPolicy) -> &'static str {
    match policy {
        ZeroCellPolicy::None => "None: undefined at a zero",
        ZeroCellPolicy::Haldane => "Add 0.5 where a cell is 0",
        ZeroCellPolicy::Always => "Add 0.5 to every table",
    }
}

/// The analysis controls; every change updates every chart and sentence.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
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
    html! {
        <section class="controls" aria-label="Analysis settings">
            <label class="switch">
                <input type="checkbox" role="switch" id="adjust" checked={props.adjusted} onchange={on_adjusted} />
                <span>{ "Adjust for sex and age (Mantel–Haenszel)" }</span>
            </label>
            <label class="field">
                <span>{ "Zero cells (Haldane–Anscombe)" }</span>
                <select id="zero-cell" onchange={on_zero_cell}>
                    { for ZeroCellPolicy::ALL.iter().map(|&policy| html! {
                        <option value={policy.code()} selected={policy == props.zero_cell}>{ zero_cell_label(policy) }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ "Confidence level" }</span>
                <select id="ci-level" onchange={on_level}>
                    { for CI_LEVELS.iter().map(|&level| html! {
                        <option selected={(level - props.level).abs() < 1e-9}>{ format!("{}%", level * 100.0) }</option>
                    }) }
                </select>
            </label>
        </section>
    }
}
