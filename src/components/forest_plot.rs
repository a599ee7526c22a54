use crate::lang::LANG;
use glabella_core::analysis::CohortResult;
use glabella_core::assessment::words::level_label;
use glabella_core::format::{count_label, fixed, ratio_label};
use glabella_core::i18n::{self, Lang};
use glabella_core::stats::Level;
use yew::prelude::*;

use crate::shared::Shared;

use crate::charts::forest::{forest_rows, forest_svg, ForestCaption, ForestLayout, ForestRow};
use std::fmt::Write as _;

use crate::charts::ChartStyle;
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

/// A position in the chart's frame, as a CSS percentage: CSS wants a decimal point in every
/// language, and no reader sees it.
fn percent(part: i32, whole: i32) -> String {
    format!(
        "{}%",
        fixed(Lang::En, f64::from(part) * 100.0 / f64::from(whole), 4)
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
            (Some(ror), Some(ci)) => i18n::forest::card_result(
                LANG,
                &ratio_label(LANG, ror),
                level,
                &ratio_label(LANG, ci.low),
                &ratio_label(LANG, ci.high),
            ),
            _ => i18n::forest::card_not_defined(LANG).to_owned(),
        };
        let t = cohort.table;
        let card_id = escape(&format!("cell-card-{variant}-{}", cohort.indication));
        // Columns are the two arms, so each count says which reports it counts.
        let cells = Table {
            id: None,
            head: &[
                i18n::forest::card_reports(LANG),
                i18n::forest::card_bont(LANG),
                i18n::forest::card_control(LANG),
            ],
            rows: vec![
                vec![
                    i18n::forest::card_depression(LANG).into(),
                    format!("a = {}", count_label(LANG, t.a)),
                    format!("c = {}", count_label(LANG, t.c)),
                ],
                vec![
                    i18n::forest::card_no_depression(LANG).into(),
                    format!("b = {}", count_label(LANG, t.b)),
                    format!("d = {}", count_label(LANG, t.d)),
                ],
                vec![
                    i18n::forest::card_all(LANG).into(),
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
             <div class=\"cell-card\" id=\"{card_id}\" role=\"tooltip\" style=\"{place}\"><p class=\"cell-card-title\">{}</p><p class=\"cell-card-result\">{}</p>{}<p class=\"cell-card-note\">{}</p>{}</div>",
            percent(top, layout.height),
            percent(layout.row_height, layout.height),
            escape(&format!("{}: {result}", row.name)),
            escape(&row.name),
            escape(&result),
            cells.to_html(),
            escape(if row.corrected {
                i18n::forest::card_formula_corrected(LANG)
            } else {
                i18n::forest::card_formula(LANG)
            }),
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
        i18n::forest::head_ror_adjusted(LANG)
    } else {
        i18n::forest::head_ror(LANG)
    };
    let ci_heading = i18n::forest::head_ci(LANG, &level);
    let not_available = i18n::number::not_available(LANG);
    let data_table = Table {
        id: Some("forest-table"),
        head: &[
            i18n::ui::indication(LANG),
            i18n::forest::head_bont(LANG),
            i18n::forest::head_control(LANG),
            ror_heading,
            &ci_heading,
            i18n::forest::head_fisher(LANG),
            i18n::forest::head_excludes_one(LANG),
            i18n::forest::head_evalue(LANG),
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
                        i18n::ui::range(
                            LANG,
                            &ratio_label(LANG, ci.low),
                            &ratio_label(LANG, ci.high),
                        ),
                    ),
                    _ => (
                        i18n::ui::not_defined(LANG).to_owned(),
                        i18n::ui::not_defined(LANG).to_owned(),
                    ),
                };
                vec![
                    row.name.clone(),
                    i18n::forest::count_of(
                        LANG,
                        &count_label(LANG, t.a),
                        &count_label(LANG, t.n_bont()),
                    ),
                    i18n::forest::count_of(
                        LANG,
                        &count_label(LANG, t.c),
                        &count_label(LANG, t.n_control()),
                    ),
                    format!("{ratio}{}", if row.corrected { " †" } else { "" }),
                    interval,
                    cohort
                        .fisher_p
                        .map_or(not_available.to_owned(), |p| p_label(LANG, p)),
                    (if row.excludes_one() {
                        i18n::forest::yes(LANG)
                    } else {
                        i18n::forest::no(LANG)
                    })
                    .to_owned(),
                    match (row.estimate, row.ci) {
                        (Some(ror), Some(ci)) => evalue_label(ror, ci),
                        _ => None,
                    }
                    .unwrap_or_else(|| not_available.to_owned()),
                ]
            })
            .collect(),
    };

    html! {
        <figure class="chart" id="forest-plot">
            { raw(frames) }
            <figcaption class="summary" id="forest-summary">{ forest_summary(&props.cohorts, props.level, props.adjusted, props.own_data) }</figcaption>
            <details class="data-table">
                <summary>{ i18n::ui::data_table(LANG) }</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label={i18n::forest::table_label(LANG)}>{ raw(data_table.to_html()) }
                </div>
            </details>
        </figure>
    }
}
