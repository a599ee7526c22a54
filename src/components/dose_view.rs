use crate::lang::LANG;
use glabella_core::analysis::{Analysis, CohortResult};
use glabella_core::assessment::words::{dose_note, dose_sentence};
use glabella_core::assessment::Assessment;
use glabella_core::data::{cohort_info, CohortInfo, DoseBasis, DoseInfo};
use glabella_core::format::{fixed, ratio_label};
use glabella_core::i18n;
use glabella_core::scenario::{Scenario, Site};
use yew::prelude::*;

use crate::charts::dose::{band_doses, dose_points, dose_svg};
use crate::charts::ChartStyle;
use crate::markup::{raw, Table};
use crate::shared::Shared;
use crate::text::{cohort_name, site_label};

#[derive(Properties, PartialEq)]
pub struct DoseViewProps {
    pub analysis: Shared<Analysis>,
    pub scenario: Shared<Scenario>,
    pub assessment: Shared<Assessment>,
}

fn number(value: f64) -> String {
    fixed(LANG, value, if value.fract() == 0.0 { 0 } else { 1 })
}

/// "155 U", "36 U, midpoint of the labelled range 20–64 U", "236 U (range 198–300 U)".
pub fn dose_text(dose: &DoseInfo) -> String {
    let (typical, low, high) = (number(dose.typical), number(dose.low), number(dose.high));
    match dose.basis() {
        DoseBasis::Single => i18n::dose::units(LANG, &typical),
        DoseBasis::Midpoint => i18n::dose::units_midpoint(LANG, &typical, &low, &high),
        DoseBasis::Other => i18n::dose::units_range(LANG, &typical, &low, &high),
    }
}

/// A cohort on the dose axis: its catalog entry, its result and its workbench group.
struct DoseCohort<'a> {
    info: &'a CohortInfo,
    result: &'a CohortResult,
    site: Site,
}

/// The ROR against the typical labelled dose, with its table and summary.
#[function_component]
pub fn DoseView(props: &DoseViewProps) -> Html {
    let cohorts: Vec<DoseCohort<'_>> = props
        .analysis
        .dose
        .points
        .iter()
        .filter_map(|point| {
            Some(DoseCohort {
                info: cohort_info(&point.indication)?,
                result: props
                    .analysis
                    .cohorts
                    .iter()
                    .find(|c| c.indication == point.indication)?,
                site: props
                    .scenario
                    .site_of(&point.indication)
                    .unwrap_or(Site::NoFacial),
            })
        })
        .collect();

    let points = dose_points(&props.analysis, &props.scenario);
    let band = props.analysis.dose.band(&band_doses());
    let band = (!band.is_empty()).then_some(&band);
    // Both layouts; CSS shows the one that fits.
    let frames = format!(
        "<div class=\"chart-frame wide-only\"><div class=\"svg-host\">{}</div></div>\
         <div class=\"chart-frame compact-only\"><div class=\"svg-host\">{}</div></div>",
        dose_svg(&points, band, ChartStyle { compact: false }),
        dose_svg(&points, band, ChartStyle { compact: true })
    );

    let not_available = i18n::number::not_available(LANG);
    let table = Table {
        id: Some("dose-table"),
        head: &[
            i18n::ui::indication(LANG),
            i18n::dose::head_group(LANG),
            i18n::dose::head_dose(LANG),
            i18n::dose::head_ror(LANG),
            i18n::dose::head_interval(LANG),
            i18n::dose::head_label(LANG),
        ],
        rows: cohorts
            .iter()
            .map(|cohort| {
                let (estimate, ci) = cohort.result.shown();
                let dose = &cohort.info.dose;
                vec![
                    cohort_name(LANG, cohort.info.slug),
                    site_label(LANG, cohort.site).to_owned(),
                    format!("{}, {}", dose_text(dose), dose.product),
                    estimate.map_or(not_available.to_owned(), |ratio| ratio_label(LANG, ratio)),
                    ci.map_or(not_available.to_owned(), |ci| {
                        i18n::ui::range(
                            LANG,
                            &ratio_label(LANG, ci.low),
                            &ratio_label(LANG, ci.high),
                        )
                    }),
                    // Every catalog cohort has its note in the message files.
                    dose_note(LANG, cohort.info.slug)
                        .unwrap_or_default()
                        .to_owned(),
                ]
            })
            .collect(),
    };

    html! {
        <figure class="chart" id="dose-view">
            { raw(frames) }
            <figcaption class="summary" id="dose-summary">{ dose_sentence(LANG, &props.assessment) }</figcaption>
            <p class="note" role="note">{ i18n::dose::note(LANG) }</p>
            <details class="data-table">
                <summary>{ i18n::ui::data_table(LANG) }</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label={i18n::dose::table_label(LANG)}>{ raw(table.to_html()) }</div>
            </details>
        </figure>
    }
}
