//! Golden-file tests: each chart's SVG for fixed inputs is compared with `tests/golden/`.
//! An intended change is accepted with `UPDATE_GOLDEN=1 cargo test -p glabella-web`, and the
//! diff of the golden file is then part of the review.

use glabella_core::analysis::analyze;
use glabella_core::data::default_dataset;
use glabella_core::scenario::Scenario;
use glabella_core::stats::Interval;

use super::dose::{dose_points, dose_svg};
use super::forest::{forest_rows, forest_svg, ForestCaption, ForestRow};
use super::ChartStyle;

#[track_caller]
fn check(name: &str, svg: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{path}: {err}; run with UPDATE_GOLDEN=1 to create it"));
    assert!(
        svg == want,
        "{name} changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

fn default_rows(adjusted: bool) -> Vec<ForestRow> {
    let dataset = default_dataset();
    let mut scenario = Scenario::for_dataset(&dataset);
    scenario.adjusted = adjusted;
    forest_rows(
        &analyze(&dataset, &scenario.settings()).unwrap().cohorts,
        adjusted,
    )
}

const WIDE: ChartStyle = ChartStyle { compact: false };
const COMPACT: ChartStyle = ChartStyle { compact: true };

#[test]
fn forest_plot_default_crude() {
    let caption = ForestCaption {
        level: 0.95,
        adjusted: false,
    };
    check(
        "forest-crude.svg",
        &forest_svg(&default_rows(false), caption, WIDE),
    );
}

#[test]
fn forest_plot_adjusted_compact() {
    let caption = ForestCaption {
        level: 0.99,
        adjusted: true,
    };
    check(
        "forest-adjusted-compact.svg",
        &forest_svg(&default_rows(true), caption, COMPACT),
    );
}

#[test]
fn forest_plot_edge_cases() {
    // An undefined row, an interval running off both ends of the axis, and text to escape.
    let rows = vec![
        ForestRow {
            name: "A <b>&</b> \"quoted\" cohort".into(),
            short_name: "A <b>".into(),
            n_bont: 3,
            n_control: 0,
            estimate: None,
            ci: None,
            corrected: false,
        },
        ForestRow {
            name: "Wide".into(),
            short_name: "Wide".into(),
            n_bont: 5,
            n_control: 7,
            estimate: Some(1.5),
            ci: Some(Interval {
                low: 0.0001,
                high: 5000.0,
            }),
            corrected: true,
        },
    ];
    let svg = forest_svg(
        &rows,
        ForestCaption {
            level: 0.9,
            adjusted: false,
        },
        WIDE,
    );
    assert!(!svg.contains("<b>"), "names are escaped");
    check("forest-edge-cases.svg", &svg);
    let compact = forest_svg(
        &rows,
        ForestCaption {
            level: 0.9,
            adjusted: false,
        },
        COMPACT,
    );
    assert!(!compact.contains("<b>"), "names are escaped");
    check("forest-edge-cases-compact.svg", &compact);
}

#[test]
fn dose_view_default() {
    let dataset = default_dataset();
    let scenario = Scenario::for_dataset(&dataset);
    let analysis = analyze(&dataset, &scenario.settings()).unwrap();
    let points = dose_points(&analysis, &scenario);
    let doses = super::dose::band_doses();
    let band = analysis.dose.band(&doses);
    check("dose-default.svg", &dose_svg(&points, Some(&band), WIDE));
    check(
        "dose-default-compact.svg",
        &dose_svg(&points, Some(&band), COMPACT),
    );
}
