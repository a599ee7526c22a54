use std::rc::Rc;

use glabella_core::analysis::Analysis;
use glabella_core::stats::Level;
use yew::prelude::*;

use crate::charts::forest::{forest_svg, ForestCaption, ForestLayout, ForestRow};
use crate::charts::{count_label, fixed, ratio_label, ChartStyle};
use crate::text::{cohort_name, forest_summary, p_label, short_name};

#[derive(Properties, PartialEq)]
pub struct ForestPlotProps {
    pub analysis: Rc<Analysis>,
    pub level: Level,
    pub adjusted: bool,
    pub style: ChartStyle,
}

fn rows(analysis: &Analysis, adjusted: bool) -> Vec<ForestRow> {
    analysis
        .cohorts
        .iter()
        .map(|cohort| {
            let (estimate, ci) = cohort.shown();
            ForestRow {
                name: cohort_name(&cohort.indication),
                short_name: short_name(&cohort.indication),
                n_bont: cohort.table.n_bont(),
                n_control: cohort.table.n_control(),
                estimate,
                ci,
                corrected: !adjusted && cohort.ror.corrected,
            }
        })
        .collect()
}

fn percent(part: i32, whole: i32) -> String {
    format!("{}%", fixed(f64::from(part) * 100.0 / f64::from(whole), 4))
}

/// The forest plot, with a focusable area per row that shows the row's 2×2 table (on hover,
/// focus or tap, by CSS alone, so focus never moves on re-render), a data table and a summary.
#[function_component]
pub fn ForestPlot(props: &ForestPlotProps) -> Html {
    let rows = rows(&props.analysis, props.adjusted);
    let caption = ForestCaption {
        level: props.level.get(),
        adjusted: props.adjusted,
    };
    let svg = forest_svg(&rows, caption, props.style);
    let layout = ForestLayout::new(rows.len(), props.style.compact);
    let level = format!("{}%", props.level.get() * 100.0);

    let overlays = rows.iter().zip(&props.analysis.cohorts).enumerate().map(|(idx, (row, cohort))| {
        let top = layout.rows_top + layout.row_height * idx as i32;
        let position = format!(
            "top:{};height:{}",
            percent(top, layout.height),
            percent(layout.row_height, layout.height)
        );
        let below = format!("top:{}", percent(top + layout.row_height, layout.height));
        let result = match (row.estimate, row.ci) {
            (Some(ror), Some(ci)) => format!("ROR {}, {level} CI {} to {}", ratio_label(ror), ratio_label(ci.low), ratio_label(ci.high)),
            _ => "ROR not defined".to_owned(),
        };
        let t = cohort.table;
        let card_id = format!("cell-card-{}", cohort.indication);
        html! {
            <>
                <button
                    type="button"
                    class="row-hit"
                    style={position}
                    aria-label={format!("{}: {result}", row.name)}
                    aria-describedby={card_id.clone()}
                />
                <div class="cell-card" id={card_id} role="tooltip" style={below}>
                    <p class="cell-card-title">{ &row.name }</p>
                    <table>
                        <thead><tr><th></th><th scope="col">{ "Depression" }</th><th scope="col">{ "No depression" }</th><th scope="col">{ "Reports" }</th></tr></thead>
                        <tbody>
                            <tr><th scope="row">{ "Botox" }</th><td>{ format!("a = {}", count_label(t.a)) }</td><td>{ format!("b = {}", count_label(t.b)) }</td><td>{ count_label(t.n_bont()) }</td></tr>
                            <tr><th scope="row">{ "Control" }</th><td>{ format!("c = {}", count_label(t.c)) }</td><td>{ format!("d = {}", count_label(t.d)) }</td><td>{ count_label(t.n_control()) }</td></tr>
                        </tbody>
                    </table>
                    <p class="cell-card-note">{ "ROR = (a/b) ÷ (c/d)" }{ if row.corrected { ", with 0.5 added to every cell" } else { "" } }</p>
                </div>
            </>
        }
    });

    let table_rows = props
        .analysis
        .cohorts
        .iter()
        .zip(&rows)
        .map(|(cohort, row)| {
            let t = cohort.table;
            let (ratio, interval) = match (row.estimate, row.ci) {
                (Some(ror), Some(ci)) => (
                    ratio_label(ror),
                    format!("{} to {}", ratio_label(ci.low), ratio_label(ci.high)),
                ),
                _ => ("not defined".to_owned(), "not defined".to_owned()),
            };
            html! {
                <tr>
                    <th scope="row">{ &row.name }</th>
                    <td>{ format!("{} of {}", count_label(t.a), count_label(t.n_bont())) }</td>
                    <td>{ format!("{} of {}", count_label(t.c), count_label(t.n_control())) }</td>
                    <td>{ ratio }{ if row.corrected { " †" } else { "" } }</td>
                    <td>{ interval }</td>
                    <td>{ cohort.fisher_p.map_or("n/a".to_owned(), p_label) }</td>
                    <td>{ if row.excludes_one() { "yes" } else { "no" } }</td>
                </tr>
            }
        });

    html! {
        <figure class="chart" id="forest-plot">
            <div class="chart-frame">
                <div class="svg-host">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
                <div class="row-hits">{ for overlays }</div>
            </div>
            <figcaption class="summary" id="forest-summary">{ forest_summary(&props.analysis, props.level, props.adjusted) }</figcaption>
            <details class="data-table">
                <summary>{ "Data table" }</summary>
                <div class="table-scroll">
                    <table id="forest-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Indication" }</th>
                                <th scope="col">{ "Botox: depression reports" }</th>
                                <th scope="col">{ "Control: depression reports" }</th>
                                <th scope="col">{ if props.adjusted { "ROR (adjusted)" } else { "ROR" } }</th>
                                <th scope="col">{ format!("{level} CI") }</th>
                                <th scope="col">{ "Fisher p (crude)" }</th>
                                <th scope="col">{ "Interval excludes 1" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for table_rows }</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
