//! Golden-file tests: each chart's SVG for fixed inputs is compared with `tests/golden/`, and
//! in the Russian build (`--features ru`) with `tests/golden/ru/`. An intended change is
//! accepted with `UPDATE_GOLDEN=1 cargo test -p glabella-web` (and again with `--features ru`),
//! and the diff of the golden file is then part of the review.

use glabella_core::analysis::analyze;
use glabella_core::data::default_dataset;
use glabella_core::scenario::Scenario;
use glabella_core::stats::Interval;

use crate::lang::{Lang, LANG};

use super::dose::{dose_points, dose_svg};
use super::forest::{forest_rows, forest_svg, ForestCaption, ForestRow};
use super::ChartStyle;

/// The golden files of the page's language.
fn golden_dir() -> String {
    let root = format!("{}/tests/golden", env!("CARGO_MANIFEST_DIR"));
    match LANG {
        Lang::En => root,
        Lang::Ru => format!("{root}/ru"),
    }
}

#[track_caller]
fn check(name: &str, svg: &str) {
    super::tests::assert_texts_fit(svg);
    let dir = golden_dir();
    let path = format!("{dir}/{name}");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
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

/// The Russian charts speak Russian: decimal commas in every text, Russian axis titles, and no
/// Latin word but the allowed names (the cohorts' names are the core's).
#[test]
#[cfg(feature = "ru")]
fn russian_charts_have_decimal_commas_and_russian_words() {
    use super::tests::{has_decimal_point, stray_latin, svg_texts};
    use glabella_core::i18n::{dose_chart, forest_chart};
    let dataset = default_dataset();
    let scenario = Scenario::for_dataset(&dataset);
    let analysis = analyze(&dataset, &scenario.settings()).unwrap();
    let points = dose_points(&analysis, &scenario);
    let band = analysis.dose.band(&super::dose::band_doses());
    let crude = ForestCaption {
        level: 0.95,
        adjusted: false,
    };
    let adjusted = ForestCaption {
        level: 0.99,
        adjusted: true,
    };
    let charts = [
        (
            forest_svg(&default_rows(false), crude, WIDE),
            forest_chart::axis_title(LANG),
        ),
        (
            forest_svg(&default_rows(true), adjusted, COMPACT),
            forest_chart::axis_title_compact(LANG),
        ),
        (
            dose_svg(&points, Some(&band), WIDE),
            dose_chart::axis_title(LANG),
        ),
        (
            dose_svg(&points, Some(&band), COMPACT),
            dose_chart::axis_title_compact(LANG),
        ),
    ];
    for (svg, axis_title) in &charts {
        let texts = svg_texts(svg);
        assert!(texts.len() > 20, "{texts:?}");
        assert!(texts.iter().any(|text| text == axis_title), "{axis_title}");
        assert!(axis_title.starts_with(|ch: char| ('А'..='Я').contains(&ch)));
        for text in &texts {
            assert!(!has_decimal_point(text), "{text}");
            assert_eq!(stray_latin(text), Vec::<String>::new(), "{text}");
        }
    }
    // Numbers: decimal commas on the axes and in the values.
    let forest = svg_texts(&charts[0].0);
    for label in ["0,01", "0,5", "0,45 (0,37–0,54)"] {
        assert!(
            forest.iter().any(|text| text == label),
            "{label}: {forest:?}"
        );
    }
    assert!(forest.iter().any(|text| text.contains("20\u{202F}684")));
    let dose = svg_texts(&charts[2].0);
    assert!(dose.iter().any(|text| text == "0,005"), "{dose:?}");
}
