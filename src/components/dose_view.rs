use std::rc::Rc;

use glabella_core::analysis::Analysis;
use glabella_core::data::cohort_info;
use glabella_core::scenario::{Scenario, Site};
use yew::prelude::*;

use crate::charts::dose::{dose_svg, DosePoint};
use crate::charts::{fixed, ratio_label, ChartStyle};
use crate::text::{cohort_name, dose_summary, short_name, site_label};

#[derive(Properties, PartialEq)]
pub struct DoseViewProps {
    pub analysis: Rc<Analysis>,
    pub scenario: Rc<Scenario>,
    pub style: ChartStyle,
}

fn number(value: f64) -> String {
    fixed(value, if value.fract() == 0.0 { 0 } else { 1 })
}

/// The ROR against the typical labelled dose, with its table and summary.
#[function_component]
pub fn DoseView(props: &DoseViewProps) -> Html {
    let points: Vec<DosePoint> = props
        .analysis
        .dose
        .points
        .iter()
        .filter_map(|point| {
            let info = cohort_info(&point.indication)?;
            let cohort = props
                .analysis
                .cohorts
                .iter()
                .find(|c| c.indication == point.indication)?;
            let (Some(estimate), Some(ci)) = cohort.shown() else {
                return None;
            };
            Some(DosePoint {
                short_name: short_name(&point.indication),
                dose_low: info.dose.low,
                dose_high: info.dose.high,
                dose_typical: info.dose.typical,
                estimate,
                ci,
                site: props
                    .scenario
                    .site_of(&point.indication)
                    .unwrap_or(Site::NoFacial),
            })
        })
        .collect();
    // 41 doses evenly spaced on the log axis from 5 to 500 units.
    let doses: Vec<f64> = (0..=40)
        .map(|i| 5.0 * 100f64.powf(f64::from(i) / 40.0))
        .collect();
    let band = props.analysis.dose.band(&doses);
    let svg = dose_svg(&points, (!band.is_empty()).then_some(&band), props.style);

    let rows = props.analysis.dose.points.iter().filter_map(|point| {
        let info = cohort_info(&point.indication)?;
        let cohort = props.analysis.cohorts.iter().find(|c| c.indication == point.indication)?;
        let (estimate, ci) = cohort.shown();
        Some(html! {
            <tr>
                <th scope="row">{ cohort_name(&point.indication) }</th>
                <td>{ site_label(props.scenario.site_of(&point.indication).unwrap_or(Site::NoFacial)) }</td>
                <td>{ format!("{} U ({}–{} U), {}", number(info.dose.typical), number(info.dose.low), number(info.dose.high), info.dose.product) }</td>
                <td>{ estimate.map_or("n/a".to_owned(), ratio_label) }</td>
                <td>{ ci.map_or("n/a".to_owned(), |ci| format!("{} to {}", ratio_label(ci.low), ratio_label(ci.high))) }</td>
                <td class="source">{ &info.dose.note }</td>
            </tr>
        })
    });

    html! {
        <figure class="chart" id="dose-view">
            <div class="chart-frame"><div class="svg-host">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div></div>
            <figcaption class="summary" id="dose-summary">{ dose_summary(&props.analysis.dose, props.scenario.ci_level) }</figcaption>
            <p class="note" role="note">
                { "Labelled doses are not the doses in the reports: a FAERS report does not say which product or dose a patient got. " }
                { "Units of different botulinum toxin products are not interchangeable (sialorrhea uses XEOMIN units)." }
            </p>
            <details class="data-table">
                <summary>{ "Data table" }</summary>
                <div class="table-scroll">
                    <table id="dose-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Indication" }</th>
                                <th scope="col">{ "Group" }</th>
                                <th scope="col">{ "Typical labelled dose (range)" }</th>
                                <th scope="col">{ "ROR" }</th>
                                <th scope="col">{ "Interval" }</th>
                                <th scope="col">{ "Label" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
