//! The two outputs of `glabella analyze`: JSON (a contract other tools read) and text tables.

use std::fmt::Write as _;

use glabella_core::analysis::{Analysis, CohortResult, GroupModel, Settings, Undefined};
use glabella_core::assessment::{
    words, Assessment, Estimate, Evidence, Finding, Hypothesis, Missing, Reading,
};
use glabella_core::data::Dataset;
use glabella_core::format::{fixed, ratio_label};
use glabella_core::reconstruct::Sensitivity;
use glabella_core::scenario::presets::Preset;
use glabella_core::stats::{conditional_odds_ratio, evalue, evalue_ci, pearson_chi2, prr};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// What both outputs are made from.
pub struct Input<'a> {
    pub dataset: &'a Dataset,
    /// The file name, or `embedded`.
    pub origin: &'a str,
    pub settings: &'a Settings,
    /// The canonical query of the scenario link the settings came from, if any.
    pub scenario: Option<&'a str>,
    pub analysis: &'a Analysis,
    pub assessment: &'a Assessment,
    /// With `--sensitivity`: the readings over the drawn reconstructions.
    pub sensitivity: Option<&'a Sensitivity>,
}

/// The JSON document. Keep these keys: other tools read them.
#[derive(Serialize)]
struct Report<'a> {
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
    /// With `--sensitivity` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    sensitivity: Option<SensitivityJson<'a>>,
}

/// `{ "members", "seed", "readings": { hypothesis id: { reading: share } } }`, the hypotheses
/// in the scorecard's order and every reading listed, so each hypothesis's shares sum to 1.
#[derive(Serialize)]
struct SensitivityJson<'a> {
    members: u32,
    seed: u64,
    readings: SharesJson<'a>,
}

struct SharesJson<'a>(&'a Sensitivity);

impl Serialize for SharesJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Readings<'a>(&'a Sensitivity, Hypothesis);
        impl Serialize for Readings<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(Reading::ALL.len()))?;
                for reading in Reading::ALL {
                    map.serialize_entry(reading.code(), &self.0.share(self.1, reading))?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(Hypothesis::ALL.len()))?;
        for hypothesis in Hypothesis::ALL {
            map.serialize_entry(hypothesis.id(), &Readings(self.0, hypothesis))?;
        }
        map.end()
    }
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
    /// The canonical query of `--scenario`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<&'a str>,
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
    /// Why the ratio shown (adjusted when stratified, else crude) has no interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    undefined_reason: Option<&'static str>,
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
    /// Strata that got 0.5 added to each cell under the zero-cell policy.
    mh_corrected_strata: u64,
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
        #[serde(flatten)]
        estimate: EstimateJson,
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
            estimate: estimate.into(),
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

fn finding_json<'a>(finding: &'a Finding, assessment: &Assessment) -> FindingJson<'a> {
    FindingJson {
        id: finding.hypothesis.id(),
        title: words::title(finding.hypothesis),
        reading: finding.reading.code(),
        evidence: evidence_json(&finding.evidence),
        sentence: words::shows(finding, assessment),
    }
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
        undefined_reason: cohort.undefined_reason().map(undefined_code),
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
                mh_corrected_strata: adjusted.corrected_strata,
            }
        }),
    }
}

pub fn json(input: &Input) -> String {
    let Input {
        dataset,
        origin,
        settings,
        scenario,
        analysis,
        assessment,
        sensitivity,
    } = *input;
    let (first, second) = words::headline(assessment);
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
            scenario,
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
            .map(|finding| finding_json(finding, assessment))
            .collect(),
        sensitivity: sensitivity.map(|sensitivity| SensitivityJson {
            members: sensitivity.members(),
            seed: sensitivity.seed(),
            readings: SharesJson(sensitivity),
        }),
    };
    serde_json::to_string_pretty(&report).expect("the report contains only serialisable values")
}

/// Ratios as the explainer shows them (`format::ratio_label`), `n/a` where undefined.
fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), ratio_label)
}

fn p_value(value: Option<f64>) -> String {
    match value {
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        Some(p) => fixed(p, 3),
        None => "n/a".to_owned(),
    }
}

/// "95", "97.5": the confidence level in percent, with no more decimals than it has.
fn percent(level: f64) -> String {
    let text = fixed(level * 100.0, 2);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn model_label(model: GroupModel) -> &'static str {
    match model {
        GroupModel::SharedTau2 => "random effects, one τ² shared by all groups",
        GroupModel::Separate => "random effects, each group with its own τ²",
        GroupModel::Fixed => "fixed effect",
    }
}

/// Lines of at most `width` characters (a longer word gets a line of its own), each indented.
/// A comparison sign stays with its neighbours: "p < 0.001" is never split.
fn wrap(text: &str, indent: usize, width: usize) -> String {
    let mut units: Vec<String> = Vec::new();
    let mut glue = false;
    for word in text.split_whitespace() {
        let sign = matches!(word, "<" | ">" | "=" | "≤" | "≥");
        match units.last_mut() {
            Some(last) if sign || glue => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_owned()),
        }
        glue = sign;
    }
    let mut out = String::new();
    let mut line = String::new();
    for unit in units {
        if !line.is_empty() && indent + line.chars().count() + 1 + unit.chars().count() > width {
            let _ = writeln!(out, "{:indent$}{line}", "");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&unit);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{:indent$}{line}", "");
    }
    out
}

/// Width of the text output's paragraphs.
const WIDTH: usize = 88;

pub fn text(input: &Input) -> String {
    let Input {
        dataset,
        origin,
        settings,
        scenario,
        analysis,
        assessment,
        sensitivity,
    } = *input;
    let mut out = String::new();
    let level = percent(settings.ci_level.get());
    let _ = writeln!(
        out,
        "Dataset: {origin} (version {})",
        dataset
            .provenance
            .version
            .as_deref()
            .unwrap_or("not stated")
    );
    if let Some(query) = scenario {
        let _ = writeln!(out, "Scenario: {}", query_label(query));
    }
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
                "{:<15} {:>47} {:>16} {:>9}{}",
                "  adjusted (MH)",
                number(mh.map(|m| m.estimate)),
                mh.map_or("n/a".to_owned(), |m| format!(
                    "{}–{}",
                    number(Some(m.ci.low)),
                    number(Some(m.ci.high))
                )),
                format!("BD {}", p_value(adjusted.breslow_day.map(|bd| bd.p))),
                match adjusted.corrected_strata {
                    0 => String::new(),
                    1 => "  (+0.5 in 1 stratum)".to_owned(),
                    n => format!("  (+0.5 in {n} strata)"),
                }
            );
        }
    }
    if !analysis.groups.is_empty() {
        let _ = writeln!(out, "\nGroups ({}):", model_label(settings.pooling));
        for group in &analysis.groups {
            match group.pooled {
                Some(p) => {
                    let ci = p.ci();
                    let _ = writeln!(
                        out,
                        "  {:<20} ROR {} [{}, {}]  I² {}%  τ² {}  ({})",
                        group.name,
                        number(Some(p.ratio())),
                        number(Some(ci.low)),
                        number(Some(ci.high)),
                        fixed(p.i2 * 100.0, 0),
                        fixed(p.tau2, 3),
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
                "  Difference between groups: Q = {} on {} df, {}",
                fixed(difference.test.q_between, 2),
                difference.test.df,
                words::p_label(difference.test.p)
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
        if let Some(contrast) = &analysis.contrast {
            let c = &contrast.contrast;
            let _ = writeln!(
                out,
                "  Ratio of RORs ({} / {}): {} [{}, {}], {}",
                contrast.first,
                contrast.reference,
                number(Some(c.ratio)),
                number(Some(c.ci.low)),
                number(Some(c.ci.high)),
                words::p_label(c.p)
            );
        }
    }
    if let Some(r) = analysis.dose.regression {
        let _ = writeln!(
            out,
            "\nDose: log ROR vs log typical labelled dose, slope {} [{}, {}], {}",
            fixed(r.slope, 2),
            fixed(r.slope_ci.low, 2),
            fixed(r.slope_ci.high, 2),
            words::p_label(r.slope_p)
        );
    }
    let (first, second) = words::headline(assessment);
    out.push('\n');
    out.push_str(&wrap(&first, 0, WIDTH));
    out.push_str(&wrap(&second, 0, WIDTH));
    let _ = writeln!(out, "\nScorecard:");
    for finding in &assessment.findings {
        let _ = writeln!(
            out,
            "  {:<46} {}",
            words::title(finding.hypothesis),
            words::reading_word(finding.reading)
        );
        out.push_str(&wrap(&words::shows(finding, assessment), 4, WIDTH));
    }
    if let Some(sensitivity) = sensitivity {
        out.push_str(&sensitivity_text(sensitivity));
    }
    out
}

/// How often each reading came out over the drawn reconstructions, most frequent first.
fn sensitivity_text(sensitivity: &Sensitivity) -> String {
    let members = sensitivity.members();
    let mut out = format!(
        "\nOver {members} reconstructions (seeds {} to {}), the same settings read:\n",
        sensitivity.seed(),
        sensitivity
            .seed()
            .wrapping_add(u64::from(members.saturating_sub(1)))
    );
    for hypothesis in Hypothesis::ALL {
        let mut readings: Vec<Reading> = Reading::ALL
            .into_iter()
            .filter(|&reading| sensitivity.count(hypothesis, reading) > 0)
            .collect();
        readings.sort_by_key(|&reading| std::cmp::Reverse(sensitivity.count(hypothesis, reading)));
        let shares: Vec<String> = readings
            .iter()
            .map(|&reading| {
                let percent = fixed(100.0 * sensitivity.share(hypothesis, reading), 1);
                format!("{} {percent}%", words::reading_word(reading))
            })
            .collect();
        let _ = writeln!(
            out,
            "  {:<46} {}",
            words::title(hypothesis),
            shares.join(", ")
        );
    }
    out
}

/// A query as the page's address bar ends: `?v=1&…`, or a word for the default view.
fn query_label(query: &str) -> String {
    if query.is_empty() {
        "the default view (no query)".to_owned()
    } else {
        format!("?{query}")
    }
}

#[derive(Serialize)]
struct PresetJson<'a> {
    id: &'a str,
    title: &'a str,
    why: &'a str,
    /// The canonical query, without `?`; empty for the default view.
    query: String,
}

/// The presets as a JSON array of `{ "id", "title", "why", "query" }`.
pub fn presets_json(presets: &[Preset], dataset: &Dataset) -> String {
    let list: Vec<PresetJson> = presets
        .iter()
        .map(|preset| PresetJson {
            id: preset.id,
            title: preset.title,
            why: preset.why,
            query: preset.query(dataset),
        })
        .collect();
    serde_json::to_string_pretty(&list).expect("the presets contain only strings")
}

/// Each preset: its id and title, why it is worth a look, and its query.
pub fn presets_text(presets: &[Preset], dataset: &Dataset) -> String {
    let mut out = String::new();
    for (index, preset) in presets.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}: {}", preset.id, preset.title);
        out.push_str(&wrap(preset.why, 4, WIDTH));
        let _ = writeln!(out, "    {}", query_label(&preset.query(dataset)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_short_and_words_whole() {
        let text = "one two three four five six seven";
        assert_eq!(
            wrap(text, 2, 16),
            "  one two three\n  four five six\n  seven\n"
        );
        assert_eq!(
            wrap("a verylongwordindeed b", 0, 8),
            "a\nverylongwordindeed\nb\n"
        );
        assert_eq!(wrap("", 4, 10), "");
        assert_eq!(wrap("so p < 0.001 here", 0, 8), "so\np < 0.001\nhere\n");
    }

    #[test]
    fn levels_print_without_trailing_zeros() {
        assert_eq!(percent(0.95), "95");
        assert_eq!(percent(0.9), "90");
        assert_eq!(percent(0.975), "97.5");
    }
}
