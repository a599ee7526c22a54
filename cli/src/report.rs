//! The two outputs of `glabella analyze`: JSON (a contract other tools read) and text tables.

use std::fmt::Write as _;

use glabella_core::analysis::{Analysis, CohortResult, Settings};
use glabella_core::data::Dataset;
use glabella_core::stats::{conditional_odds_ratio, evalue, evalue_ci, pearson_chi2, prr};
use serde::Serialize;

/// The JSON document. Keep these keys: other tools read them.
#[derive(Serialize)]
struct Report<'a> {
    dataset: DatasetJson<'a>,
    settings: SettingsJson<'a>,
    cohorts: Vec<CohortJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    group_difference: Option<GroupDifferenceJson>,
    dose_regression: Option<DoseRegressionJson>,
}

#[derive(Serialize)]
struct DatasetJson<'a> {
    version: Option<&'a str>,
    source: Option<&'a str>,
    file: &'a str,
}

#[derive(Serialize)]
struct SettingsJson<'a> {
    ci_level: f64,
    zero_cell: &'a str,
    stratify: &'a [String],
    pooling: &'a str,
    groups: Vec<GroupSpecJson<'a>>,
}

#[derive(Serialize)]
struct GroupSpecJson<'a> {
    name: &'a str,
    cohorts: &'a [String],
}

#[derive(Serialize)]
struct CohortJson<'a> {
    indication: &'a str,
    a: u64,
    b: u64,
    c: u64,
    d: u64,
    ror: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    fisher_p: Option<f64>,
    corrected: bool,
    #[serde(flatten)]
    more: MoreJson,
    #[serde(flatten)]
    adjusted: Option<AdjustedJson>,
}

/// Further statistics of the crude table, beyond the contract's keys.
#[derive(Serialize)]
struct MoreJson {
    /// E-values of the ROR and of its interval limit nearest 1 (VanderWeele and Ding 2017).
    evalue: Option<f64>,
    evalue_ci: Option<f64>,
    /// Conditional maximum-likelihood odds ratio with its exact interval (raw counts).
    conditional_or: Option<f64>,
    exact_ci_low: Option<f64>,
    exact_ci_high: Option<f64>,
    prr: Option<f64>,
    prr_ci_low: Option<f64>,
    prr_ci_high: Option<f64>,
    chi2_p: Option<f64>,
    chi2_yates_p: Option<f64>,
}

#[derive(Serialize)]
struct AdjustedJson {
    mh_ror: Option<f64>,
    mh_ci_low: Option<f64>,
    mh_ci_high: Option<f64>,
    breslow_day_p: Option<f64>,
    tarone_p: Option<f64>,
    strata: u64,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    name: &'a str,
    cohorts: &'a [String],
    left_out: &'a [String],
    pooled_ror: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    tau2: Option<f64>,
    q: Option<f64>,
    q_p: Option<f64>,
    i2: Option<f64>,
}

#[derive(Serialize)]
struct GroupDifferenceJson {
    q_between: f64,
    df: u64,
    p: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio_ci_low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ratio_ci_high: Option<f64>,
}

#[derive(Serialize)]
struct DoseRegressionJson {
    slope: f64,
    slope_ci_low: f64,
    slope_ci_high: f64,
    p: f64,
    tau2: f64,
    cohorts: u64,
}

/// JSON has no infinity: an infinite bound is written as null.
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

fn more_json(cohort: &CohortResult, settings: &Settings) -> MoreJson {
    let table = cohort.table;
    let exact = conditional_odds_ratio(table, settings.ci_level);
    let prr = prr(table, settings.zero_cell, settings.ci_level);
    MoreJson {
        evalue: cohort.ror.estimate.and_then(evalue),
        evalue_ci: cohort.ror.ci.and_then(evalue_ci),
        conditional_or: exact.and_then(|exact| finite(exact.estimate)),
        exact_ci_low: exact.map(|exact| exact.ci.low),
        exact_ci_high: exact.and_then(|exact| finite(exact.ci.high)),
        prr: prr.estimate,
        prr_ci_low: prr.ci.map(|ci| ci.low),
        prr_ci_high: prr.ci.map(|ci| ci.high),
        chi2_p: pearson_chi2(table, false).map(|test| test.p),
        chi2_yates_p: pearson_chi2(table, true).map(|test| test.p),
    }
}

fn cohort_json<'a>(cohort: &'a CohortResult, settings: &Settings) -> CohortJson<'a> {
    let table = cohort.table;
    CohortJson {
        indication: &cohort.indication,
        a: table.a,
        b: table.b,
        c: table.c,
        d: table.d,
        ror: cohort.ror.estimate,
        ci_low: cohort.ror.ci.map(|ci| ci.low),
        ci_high: cohort.ror.ci.map(|ci| ci.high),
        fisher_p: cohort.fisher_p,
        corrected: cohort.ror.corrected,
        more: more_json(cohort, settings),
        adjusted: cohort.adjusted.as_ref().map(|adjusted| {
            let mh = adjusted.mantel_haenszel;
            AdjustedJson {
                mh_ror: mh.map(|mh| mh.estimate),
                mh_ci_low: mh.map(|mh| mh.ci.low),
                mh_ci_high: mh.map(|mh| mh.ci.high),
                breslow_day_p: adjusted.breslow_day.map(|bd| bd.p),
                tarone_p: adjusted.breslow_day.map(|bd| bd.tarone_p),
                strata: adjusted.strata,
            }
        }),
    }
}

pub fn json(dataset: &Dataset, origin: &str, settings: &Settings, analysis: &Analysis) -> String {
    let report = Report {
        dataset: DatasetJson {
            version: dataset.provenance.version.as_deref(),
            source: dataset.provenance.source.as_deref(),
            file: origin,
        },
        settings: SettingsJson {
            ci_level: settings.ci_level.get(),
            zero_cell: settings.zero_cell.code(),
            stratify: &settings.stratify,
            pooling: settings.pooling.code(),
            groups: settings
                .groups
                .iter()
                .map(|g| GroupSpecJson {
                    name: &g.name,
                    cohorts: &g.cohorts,
                })
                .collect(),
        },
        cohorts: analysis
            .cohorts
            .iter()
            .map(|cohort| cohort_json(cohort, settings))
            .collect(),
        groups: analysis
            .groups
            .iter()
            .map(|group| {
                let pooled = group.pooled;
                GroupJson {
                    name: &group.name,
                    cohorts: &group.cohorts,
                    left_out: &group.left_out,
                    pooled_ror: pooled.map(|p| p.ratio()),
                    ci_low: pooled.map(|p| p.ci().low),
                    ci_high: pooled.map(|p| p.ci().high),
                    tau2: pooled.map(|p| p.tau2),
                    q: pooled.map(|p| p.q),
                    q_p: pooled.and_then(|p| p.q_p),
                    i2: pooled.map(|p| p.i2),
                }
            })
            .collect(),
        group_difference: analysis.group_difference.as_ref().map(|difference| {
            GroupDifferenceJson {
                q_between: difference.test.q_between,
                df: difference.test.df,
                p: difference.test.p,
                ratio: difference.ratio.map(|(ratio, _)| ratio),
                ratio_ci_low: difference.ratio.map(|(_, ci)| ci.low),
                ratio_ci_high: difference.ratio.map(|(_, ci)| ci.high),
            }
        }),
        dose_regression: analysis.dose.regression.map(|r| DoseRegressionJson {
            slope: r.slope,
            slope_ci_low: r.slope_ci.low,
            slope_ci_high: r.slope_ci.high,
            p: r.slope_p,
            tau2: r.tau2,
            cohorts: r.k,
        }),
    };
    serde_json::to_string_pretty(&report).expect("the report contains only serialisable values")
}

/// Ratios as the explainer shows them: two decimals, three below 0.1.
fn number(value: Option<f64>) -> String {
    match value {
        Some(value) if value.is_finite() && value < 0.1 => format!("{value:.3}"),
        Some(value) if value.is_finite() => format!("{value:.2}"),
        Some(value) => format!("{value}"),
        None => "n/a".to_owned(),
    }
}

fn p_value(value: Option<f64>) -> String {
    match value {
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        Some(p) => format!("{p:.3}"),
        None => "n/a".to_owned(),
    }
}

pub fn text(dataset: &Dataset, origin: &str, settings: &Settings, analysis: &Analysis) -> String {
    let mut out = String::new();
    let level = settings.ci_level.get() * 100.0;
    let _ = writeln!(
        out,
        "Dataset: {origin} (version {})",
        dataset
            .provenance
            .version
            .as_deref()
            .unwrap_or("not stated")
    );
    let _ = writeln!(
        out,
        "Settings: {level}% CI, zero cells {}, pooling {}{}\n",
        settings.zero_cell.code(),
        settings.pooling.code(),
        if settings.stratify.is_empty() {
            String::new()
        } else {
            format!(", stratified by {}", settings.stratify.join(", "))
        }
    );
    let _ = writeln!(
        out,
        "{:<15} {:>14} {:>15} {:>6} {:>16} {:>9}",
        "indication",
        "BoNT dep/all",
        "control dep/all",
        "ROR",
        format!("{level}% CI"),
        "Fisher p"
    );
    for cohort in &analysis.cohorts {
        let t = cohort.table;
        let ci = cohort.ror.ci.map_or("n/a".to_owned(), |ci| {
            format!("{}–{}", number(Some(ci.low)), number(Some(ci.high)))
        });
        let _ = writeln!(
            out,
            "{:<15} {:>14} {:>15} {:>6} {:>16} {:>9}{}",
            cohort.indication,
            format!("{}/{}", t.a, t.n_bont()),
            format!("{}/{}", t.c, t.n_control()),
            number(cohort.ror.estimate),
            ci,
            p_value(cohort.fisher_p),
            if cohort.ror.corrected {
                "  (+0.5 zero-cell correction)"
            } else {
                ""
            }
        );
        if let Some(adjusted) = &cohort.adjusted {
            let mh = adjusted.mantel_haenszel;
            let _ = writeln!(
                out,
                "{:<15} {:>47} {:>16} {:>9}",
                "  adjusted (MH)",
                number(mh.map(|m| m.estimate)),
                mh.map_or("n/a".to_owned(), |m| format!(
                    "{}–{}",
                    number(Some(m.ci.low)),
                    number(Some(m.ci.high))
                )),
                format!("BD {}", p_value(adjusted.breslow_day.map(|bd| bd.p)))
            );
        }
    }
    if !analysis.groups.is_empty() {
        let _ = writeln!(out, "\nGroups ({} effects):", settings.pooling.code());
        for group in &analysis.groups {
            match group.pooled {
                Some(p) => {
                    let ci = p.ci();
                    let _ = writeln!(
                        out,
                        "  {:<20} ROR {} [{}, {}]  I² {:.0}%  τ² {:.3}  ({})",
                        group.name,
                        number(Some(p.ratio())),
                        number(Some(ci.low)),
                        number(Some(ci.high)),
                        p.i2 * 100.0,
                        p.tau2,
                        group.cohorts.join(", ")
                    );
                }
                None => {
                    let _ = writeln!(out, "  {:<20} no cohort with a defined ROR", group.name);
                }
            }
        }
        if let Some(difference) = &analysis.group_difference {
            let _ = writeln!(
                out,
                "  Difference between groups: Q = {:.2} on {} df, p = {}",
                difference.test.q_between,
                difference.test.df,
                p_value(Some(difference.test.p))
            );
            if let Some((ratio, ci)) = difference.ratio {
                let _ = writeln!(
                    out,
                    "  Ratio of RORs (first / second): {} [{}, {}]",
                    number(Some(ratio)),
                    number(Some(ci.low)),
                    number(Some(ci.high))
                );
            }
        }
    }
    if let Some(r) = analysis.dose.regression {
        let _ = writeln!(
            out,
            "\nDose: log ROR vs log typical labelled dose, slope {:.3} [{:.3}, {:.3}], p = {}",
            r.slope,
            r.slope_ci.low,
            r.slope_ci.high,
            p_value(Some(r.slope_p))
        );
    }
    out
}
