//! The analysis as a serialisable document: what `glabella analyze --json` prints.
//!
//! Only with the `serde` feature. The keys are a contract other tools read (see the README);
//! [`report`] builds the document, and a serde serialiser writes it (no JSON is built by hand),
//! so any program that links the core gets the same keys and values as the command.
//!
//! Fields are written inline rather than with `#[serde(flatten)]`: the same JSON, without serde's
//! map machinery, which matters to a WebAssembly build.

use serde::Serialize;

use crate::analysis::{Analysis, CohortResult, Missed, Settings, Undefined};
use crate::assessment::{words, Assessment, Estimate, Evidence, Finding, Missing};
use crate::data::Dataset;
use crate::i18n::Lang;
use crate::stats::{conditional_odds_ratio, evalue, evalue_ci, pearson_chi2, prr};

/// The JSON document of one analysis. Keep these keys: other tools read them.
#[derive(Serialize)]
pub struct Report<'a> {
    dataset: DatasetJson<'a>,
    settings: SettingsJson<'a>,
    cohorts: Vec<CohortJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    group_difference: Option<GroupDifferenceJson>,
    contrast: Option<ContrastJson<'a>>,
    dose_regression: Option<DoseRegressionJson>,
    /// The headline's two sentences.
    headline: [String; 2],
    /// One entry per hypothesis, in the scorecard's order.
    assessment: Vec<FindingJson<'a>>,
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
    zero_cell: &'static str,
    stratify: &'a [String],
    pooling: &'static str,
    groups: Vec<GroupSpecJson<'a>>,
    /// The reporting-bias what-if, when one is set: the share of depression, in whole percent,
    /// each arm's reports were taken to have missed (restored before analysis).
    #[serde(skip_serializing_if = "Option::is_none")]
    missed_depression: Option<MissedJson>,
    /// The canonical query of the scenario link; absent when the settings came from elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<String>,
}

#[derive(Serialize)]
struct MissedJson {
    bont: u8,
    control: u8,
}

#[derive(Serialize)]
struct GroupSpecJson<'a> {
    name: &'a str,
    cohorts: &'a [String],
}

/// One cohort: the crude table and its statistics, then the adjusted ones when stratified.
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
    /// Why the ratio shown (adjusted when stratified, else crude) has no interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    undefined_reason: Option<&'static str>,
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
    // With stratification only (absent without it; `null` inside when undefined).
    #[serde(skip_serializing_if = "Option::is_none")]
    mh_ror: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mh_ci_low: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mh_ci_high: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    breslow_day_p: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tarone_p: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strata: Option<u64>,
    /// Strata that got 0.5 added to each cell under the zero-cell policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    mh_corrected_strata: Option<u64>,
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
    model: &'static str,
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

/// The ratio of one group's pooled ROR to another's.
#[derive(Serialize)]
struct ContrastJson<'a> {
    first: &'a str,
    reference: &'a str,
    ratio: f64,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    p: f64,
    /// The τ² both groups share; `None` when each group has its own.
    tau2: Option<f64>,
    model: &'static str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'static str,
    title: &'static str,
    reading: &'static str,
    /// The estimates and intervals the reading rests on.
    evidence: EvidenceJson<'a>,
    sentence: String,
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

fn undefined_code(reason: Undefined) -> &'static str {
    match reason {
        Undefined::NoBontDepression => "no_bont_depression",
        Undefined::NoControlDepression => "no_control_depression",
        Undefined::AllBontDepression => "all_bont_depression",
        Undefined::AllControlDepression => "all_control_depression",
        Undefined::NoComparison => "no_comparison",
    }
}

#[derive(Serialize)]
struct EstimateJson {
    ratio: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    k: u64,
}

impl From<&Estimate> for EstimateJson {
    fn from(estimate: &Estimate) -> EstimateJson {
        EstimateJson {
            ratio: finite(estimate.ratio),
            ci_low: finite(estimate.ci.low),
            ci_high: finite(estimate.ci.high),
            k: estimate.k,
        }
    }
}

/// The numbers a reading used, or what it lacks; `{}` when the data cannot test it.
#[derive(Serialize)]
#[serde(untagged)]
enum EvidenceJson<'a> {
    Groups {
        frown: EstimateJson,
        no_facial: EstimateJson,
    },
    Contrast {
        ratio: Option<f64>,
        ci_low: Option<f64>,
        ci_high: Option<f64>,
        p: Option<f64>,
    },
    Group(EstimateJson),
    Slope {
        slope: Option<f64>,
        ci_low: Option<f64>,
        ci_high: Option<f64>,
        p: Option<f64>,
        cohorts: u64,
    },
    Glands {
        ratio: Option<f64>,
        ci_low: Option<f64>,
        ci_high: Option<f64>,
        k: u64,
        cohorts: &'a [String],
        left_out: &'a [String],
    },
    Missing {
        /// `frown`, `no_facial`, `contrast`, `dose_line` or `glands`.
        missing: &'static str,
        /// The group is there, but none of its cohorts has a defined ROR.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        undefined: bool,
    },
    None {},
}

fn evidence_json(evidence: &Evidence) -> EvidenceJson<'_> {
    match evidence {
        Evidence::Groups { frown, no_facial } => EvidenceJson::Groups {
            frown: frown.into(),
            no_facial: no_facial.into(),
        },
        Evidence::Contrast { estimate, p } => EvidenceJson::Contrast {
            ratio: finite(estimate.ratio),
            ci_low: finite(estimate.ci.low),
            ci_high: finite(estimate.ci.high),
            p: finite(*p),
        },
        Evidence::Group { estimate } => EvidenceJson::Group(estimate.into()),
        Evidence::Slope { slope, ci, p, k } => EvidenceJson::Slope {
            slope: finite(*slope),
            ci_low: finite(ci.low),
            ci_high: finite(ci.high),
            p: finite(*p),
            cohorts: *k,
        },
        Evidence::Glands {
            estimate,
            cohorts,
            left_out,
        } => EvidenceJson::Glands {
            ratio: finite(estimate.ratio),
            ci_low: finite(estimate.ci.low),
            ci_high: finite(estimate.ci.high),
            k: estimate.k,
            cohorts,
            left_out,
        },
        Evidence::Missing(which) => {
            let (missing, undefined) = match which {
                Missing::Group(site) => (site.code(), false),
                Missing::Undefined(site) => (site.code(), true),
                Missing::Contrast => ("contrast", false),
                Missing::DoseLine => ("dose_line", false),
                Missing::Glands => ("glands", false),
            };
            EvidenceJson::Missing { missing, undefined }
        }
        Evidence::None => EvidenceJson::None {},
    }
}

fn finding_json<'a>(lang: Lang, finding: &'a Finding, assessment: &Assessment) -> FindingJson<'a> {
    FindingJson {
        id: finding.hypothesis.id(),
        title: words::title(lang, finding.hypothesis),
        reading: finding.reading.code(),
        evidence: evidence_json(&finding.evidence),
        sentence: words::shows(lang, finding, assessment),
    }
}

fn cohort_json<'a>(cohort: &'a CohortResult, settings: &Settings) -> CohortJson<'a> {
    let table = cohort.table;
    let exact = conditional_odds_ratio(table, settings.ci_level);
    let prr = prr(table, settings.zero_cell, settings.ci_level);
    let adjusted = cohort.adjusted.as_ref();
    let mh = adjusted.map(|adjusted| adjusted.mantel_haenszel);
    let breslow_day = adjusted.map(|adjusted| adjusted.breslow_day);
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
        undefined_reason: cohort.undefined_reason().map(undefined_code),
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
        mh_ror: mh.map(|mh| mh.map(|mh| mh.estimate)),
        mh_ci_low: mh.map(|mh| mh.map(|mh| mh.ci.low)),
        mh_ci_high: mh.map(|mh| mh.map(|mh| mh.ci.high)),
        breslow_day_p: breslow_day.map(|bd| bd.map(|bd| bd.p)),
        tarone_p: breslow_day.map(|bd| bd.map(|bd| bd.tarone_p)),
        strata: adjusted.map(|adjusted| adjusted.strata),
        mh_corrected_strata: adjusted.map(|adjusted| adjusted.corrected_strata),
    }
}

/// The document of one analysis, its sentences and titles in `lang` (its keys and numbers are
/// the same in every language).
///
/// `origin` is the file name, or `embedded`; `scenario_query` is the canonical query of the
/// scenario link the settings came from (without `?`, empty for the default view), if any.
pub fn report<'a>(
    lang: Lang,
    dataset: &'a Dataset,
    origin: &'a str,
    settings: &'a Settings,
    analysis: &'a Analysis,
    assessment: &'a Assessment,
    scenario_query: Option<String>,
) -> Report<'a> {
    let (first, second) = words::headline(lang, assessment);
    Report {
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
            missed_depression: (settings.missed != Missed::default()).then_some(MissedJson {
                bont: settings.missed.bont,
                control: settings.missed.control,
            }),
            scenario: scenario_query,
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
                    model: group.model.model_name(),
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
        contrast: analysis.contrast.as_ref().map(|contrast| ContrastJson {
            first: &contrast.first,
            reference: &contrast.reference,
            ratio: contrast.contrast.ratio,
            ci_low: finite(contrast.contrast.ci.low),
            ci_high: finite(contrast.contrast.ci.high),
            p: contrast.contrast.p,
            tau2: contrast.tau2,
            model: contrast.model.model_name(),
        }),
        dose_regression: analysis.dose.regression.map(|r| DoseRegressionJson {
            slope: r.slope,
            slope_ci_low: r.slope_ci.low,
            slope_ci_high: r.slope_ci.high,
            p: r.slope_p,
            tau2: r.tau2,
            cohorts: r.k,
        }),
        headline: [first, second],
        assessment: assessment
            .findings
            .iter()
            .map(|finding| finding_json(lang, finding, assessment))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::assessment::{assess, Basis};
    use crate::data::default_dataset;
    use crate::scenario::Scenario;

    fn json(scenario: &Scenario, query: Option<String>) -> String {
        let dataset = default_dataset();
        let settings = scenario.settings();
        let analysis = analyze(&dataset, &settings).unwrap();
        let assessment = assess(&analysis, settings.ci_level, Basis::Reconstruction);
        serde_json::to_string(&report(
            Lang::En,
            &dataset,
            "embedded",
            &settings,
            &analysis,
            &assessment,
            query,
        ))
        .unwrap()
    }

    /// The keys of the object that `text` (compact JSON) opens, in order.
    fn top_keys(text: &str) -> Vec<String> {
        let (mut depth, mut in_string, mut escaped) = (0, false, false);
        let (mut keys, mut current) = (Vec::new(), String::new());
        for ch in text.chars() {
            if in_string {
                match (escaped, ch) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                if depth == 1 && in_string {
                    current.push(ch);
                }
                continue;
            }
            match ch {
                '"' => {
                    in_string = true;
                    current.clear();
                }
                ':' if depth == 1 => keys.push(current.clone()),
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        keys
    }

    #[test]
    fn the_report_has_the_contract_keys_in_order() {
        let mut scenario = Scenario::for_dataset(&default_dataset());
        let text = json(&scenario, Some(String::new()));
        let at = |key: &str| {
            text.find(&format!("\"{key}\":"))
                .unwrap_or_else(|| panic!("{key} missing"))
        };
        assert_eq!(
            top_keys(&text),
            [
                "dataset",
                "settings",
                "cohorts",
                "groups",
                "group_difference",
                "contrast",
                "dose_regression",
                "headline",
                "assessment",
            ]
        );
        assert!(text.contains("\"scenario\":\"\""));
        assert!(!text.contains("mh_ror"), "crude: no adjusted keys");
        assert!(at("corrected") < at("evalue") && at("evalue") < at("chi2_yates_p"));

        assert!(!text.contains("missed_depression"), "no what-if, no key");
        scenario.missed = Missed {
            bont: 30,
            control: 0,
        };
        let text = json(&scenario, None);
        assert!(text.contains("\"missed_depression\":{\"bont\":30,\"control\":0}"));
        // After the groups of the settings, before the cohorts.
        let missed = text.find("\"missed_depression\":").unwrap();
        assert!(text.find("\"groups\":[").unwrap() < missed);
        assert!(missed < text.find("\"cohorts\":[{\"indication\"").unwrap());
        scenario.missed = Missed::default();

        scenario.adjusted = true;
        let text = json(&scenario, None);
        assert!(!text.contains("\"scenario\""), "no link, no key");
        let start = text.find("\"cohorts\":[{").unwrap();
        let cohort = &text[start..start + text[start..].find('}').unwrap()];
        let at = |key: &str| cohort.find(&format!("\"{key}\":")).unwrap();
        assert!(at("chi2_yates_p") < at("mh_ror") && at("tarone_p") < at("mh_corrected_strata"));
    }
}
