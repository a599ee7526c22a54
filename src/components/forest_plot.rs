use crate::lang::LANG;
use glabella_core::analysis::CohortResult;
use glabella_core::assessment::words::level_label;
use glabella_core::stats::Level;
use yew::prelude::*;

use crate::shared::Shared;

use crate::charts::forest::{forest_rows, forest_svg, ForestCaption, ForestLayout, ForestRow};
use std::fmt::Write as _;

use crate::charts::{count_label, fixed, ratio_label, ChartStyle};
use crate::markup::{escape, raw, Table};
use crate::text::{evalue_label, evalue_sentence, forest_summary, p_label};

#[derive(Properties, PartialEq)]
pub struct ForestPlotProps {
    /// The per-cohort results alone: regrouping cohorts leaves them, and so the plot, unchanged.
    pub cohorts: Shared<Vec<CohortResult>>,
    pub level: Level,
    pub adjusted: bool,
    /// The reader's own file is shown.
    #[prop_or_default]
    pub own_data: bool,
}

fn percent(part: i32, whole: i32) -> String {
    format!(
        "{}%",
        fixed(LANG, f64::from(part) * 100.0 / f64::from(whole), 4)
    )
}

/// One layout of the chart: the SVG, and over each row a focusable area with its 2×2 card
/// (shown on hover and focus by CSS alone, so focus never moves on re-render).
fn frame(
    rows: &[ForestRow],
    cohorts: &[CohortResult],
    caption: ForestCaption,
    compact: bool,
    level: &str,
) -> String {
    let layout = ForestLayout::new(rows.len(), compact);
    let variant = if compact { "compact" } else { "wide" };
    let mut res = format!(
        "<div class=\"chart-frame {variant}-only\"><div class=\"svg-host\">{}</div><div class=\"row-hits\">",
        forest_svg(rows, caption, ChartStyle { compact })
    );
    for (idx, (row, cohort)) in rows.iter().zip(cohorts).enumerate() {
        let top = layout.rows_top + layout.row_height * idx as i32;
        let result = match (row.estimate, row.ci) {
            (Some(ror), Some(ci)) => format!(
                "ROR {}, {level} CI {} to {}",
                ratio_label(LANG, ror),
                ratio_label(LANG, ci.low),
                ratio_label(LANG, ci.high)
            ),
            _ => "ROR not defined".to_owned(),
        };
        let t = cohort.table;
        let card_id = escape(&format!("cell-card-{variant}-{}", cohort.indication));
        // Columns are the two arms, so each count says which reports it counts.
        let cells = Table {
            id: None,
            head: &["Reports", "Botox reports", "Other treatments (control)"],
            rows: vec![
                vec![
                    "Depression".into(),
                    format!("a = {}", count_label(LANG, t.a)),
                    format!("c = {}", count_label(LANG, t.c)),
                ],
                vec![
                    "No depression".into(),
                    format!("b = {}", count_label(LANG, t.b)),
                    format!("d = {}", count_label(LANG, t.d)),
                ],
                vec![
                    "All".into(),
                    count_label(LANG, t.n_bont()),
                    count_label(LANG, t.n_control()),
                ],
            ],
        };
        // The card opens below its row in the upper half of the chart and above it in the lower
        // half, so it stays within the chart's frame.
        let place = if 2 * idx < rows.len() {
            format!("top:{}", percent(top + layout.row_height, layout.height))
        } else {
            format!("bottom:{}", percent(layout.height - top, layout.height))
        };
        let _ = write!(
            res,
            "<button type=\"button\" class=\"row-hit\" style=\"top:{};height:{}\" aria-label=\"{}\" aria-describedby=\"{card_id}\"></button>\
             <div class=\"cell-card\" id=\"{card_id}\" role=\"tooltip\" style=\"{place}\"><p class=\"cell-card-title\">{}</p><p class=\"cell-card-result\">{}</p>{}<p class=\"cell-card-note\">ROR = (a/b) ÷ (c/d): the odds of depression in Botox reports over the odds in reports of other treatments for the same condition{}.</p>{}</div>",
            percent(top, layout.height),
            percent(layout.row_height, layout.height),
            escape(&format!("{}: {result}", row.name)),
            escape(&row.name),
            escape(&result),
            cells.to_html(),
            if row.corrected { ", with 0.5 added to every cell" } else { "" },
            match (row.estimate, row.ci) {
                (Some(ror), Some(ci)) => evalue_sentence(ror, ci)
                    .map(|sentence| format!("<p class=\"cell-card-note\">{}</p>", escape(&sentence)))
                    .unwrap_or_default(),
                _ => String::new(),
            },
        );
    }
    res.push_str("</div></div>");
    res
}

/// The forest plot in its wide and its phone layout (CSS shows one), a data table and a text
/// summary.
#[function_component]
pub fn ForestPlot(props: &ForestPlotProps) -> Html {
    let rows = forest_rows(&props.cohorts, props.adjusted);
    let caption = ForestCaption {
        level: props.level.get(),
        adjusted: props.adjusted,
    };
    let level = level_label(LANG, props.level);
    let frames = frame(&rows, &props.cohorts, caption, false, &level)
        + &frame(&rows, &props.cohorts, caption, true, &level);

    let ror_heading = if props.adjusted {
        "ROR (adjusted)"
    } else {
        "ROR"
    };
    let ci_heading = format!("{level} CI");
    let data_table = Table {
        id: Some("forest-table"),
        head: &[
            "Indication",
            "Botox: depression reports",
            "Control: depression reports",
            ror_heading,
            &ci_heading,
            "Fisher p (crude)",
            "Interval excludes 1",
            "E-value (interval)",
        ],
        rows: props
            .cohorts
            .iter()
            .zip(&rows)
            .map(|(cohort, row)| {
                let t = cohort.table;
                let (ratio, interval) = match (row.estimate, row.ci) {
                    (Some(ror), Some(ci)) => (
                        ratio_label(LANG, ror),
                        format!(
                            "{} to {}",
                            ratio_label(LANG, ci.low),
                            ratio_label(LANG, ci.high)
                        ),
                    ),
                    _ => ("not defined".to_owned(), "not defined".to_owned()),
                };
                vec![
                    row.name.clone(),
                    format!(
                        "{} of {}",
                        count_label(LANG, t.a),
                        count_label(LANG, t.n_bont())
                    ),
                    format!(
                        "{} of {}",
                        count_label(LANG, t.c),
                        count_label(LANG, t.n_control())
                    ),
                    format!("{ratio}{}", if row.corrected { " †" } else { "" }),
                    interval,
                    cohort
                        .fisher_p
                        .map_or("n/a".to_owned(), |p| p_label(LANG, p)),
                    (if row.excludes_one() { "yes" } else { "no" }).to_owned(),
                    match (row.estimate, row.ci) {
                        (Some(ror), Some(ci)) => evalue_label(ror, ci),
                        _ => None,
                    }
                    .unwrap_or_else(|| "n/a".to_owned()),
                ]
            })
            .collect(),
    };

    html! {
        <figure class="chart" id="forest-plot">
            { raw(frames) }
            <figcaption class="summary" id="forest-summary">{ forest_summary(&props.cohorts, props.level, props.adjusted, props.own_data) }</figcaption>
            <details class="data-table">
                <summary>{ "Data table" }</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Forest plot data, scrolls sideways">{ raw(data_table.to_html()) }
                </div>
            </details>
        </figure>
    }
}
