//! The two outputs of `glabella analyze`: JSON (a contract other tools read) and text tables.

use std::fmt::Write as _;

use glabella_core::analysis::{Analysis, GroupModel, Missed, Settings};
use glabella_core::assessment::{words, Assessment, Hypothesis, Reading, ReadingFlip};
use glabella_core::data::Dataset;
use glabella_core::format::{fixed, ratio_label};
use glabella_core::i18n::Lang;
use glabella_core::reconstruct::Sensitivity;
use glabella_core::scenario::presets::Preset;
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
    /// With `--flips`: where each reading would change under the what-if.
    pub flips: Option<&'a [ReadingFlip]>,
}

/// The JSON document. Keep these keys: other tools read them. The analysis is the core's report
/// (`glabella_core::report`, whose keys the README lists); `--sensitivity` and `--flips` add
/// their own keys.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    analysis: glabella_core::report::Report<'a>,
    /// With `--sensitivity` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    sensitivity: Option<SensitivityJson<'a>>,
    /// With `--flips` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    reading_flips: Option<Vec<FlipJson>>,
}

/// `{ "hypothesis", "reading", "bont", "control" }`: the reading under the settings given, and
/// for each arm the first share of depression missed at which it changes, with the reading it
/// changes to (`{ "percent", "reading" }`), or `null` when it does not up to 95%.
#[derive(Serialize)]
struct FlipJson {
    hypothesis: &'static str,
    reading: &'static str,
    bont: Option<FlipChangeJson>,
    control: Option<FlipChangeJson>,
}

#[derive(Serialize)]
struct FlipChangeJson {
    percent: u8,
    reading: &'static str,
}

impl FlipJson {
    fn new(flip: &ReadingFlip) -> FlipJson {
        let change = |change: Option<(u8, Reading)>| {
            change.map(|(percent, reading)| FlipChangeJson {
                percent,
                reading: reading.code(),
            })
        };
        FlipJson {
            hypothesis: flip.hypothesis.id(),
            reading: flip.reading.code(),
            bont: change(flip.bont),
            control: change(flip.control),
        }
    }
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

/// The JSON document of `glabella analyze --json`.
pub fn json(input: &Input) -> String {
    let report = Report {
        analysis: glabella_core::report::report(
            input.dataset,
            input.origin,
            input.settings,
            input.analysis,
            input.assessment,
            input.scenario.map(str::to_owned),
        ),
        sensitivity: input.sensitivity.map(|sensitivity| SensitivityJson {
            members: sensitivity.members(),
            seed: sensitivity.seed(),
            readings: SharesJson(sensitivity),
        }),
        reading_flips: input
            .flips
            .map(|flips| flips.iter().map(FlipJson::new).collect()),
    };
    serde_json::to_string_pretty(&report).expect("the report contains only serialisable values")
}

/// Ratios as the explainer shows them (`format::ratio_label`), `n/a` where undefined.
fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |ratio| ratio_label(Lang::En, ratio))
}

fn p_value(value: Option<f64>) -> String {
    match value {
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        Some(p) => fixed(Lang::En, p, 3),
        None => "n/a".to_owned(),
    }
}

/// "95", "97.5": the confidence level in percent, with no more decimals than it has.
fn percent(level: f64) -> String {
    let text = fixed(Lang::En, level * 100.0, 2);
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
        flips,
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
    if settings.missed != Missed::default() {
        let _ = writeln!(
            out,
            "What-if: depression counts raised as if the Botox reports had missed {}% of it and the other reports {}%",
            settings.missed.bont, settings.missed.control
        );
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
                        fixed(Lang::En, p.i2 * 100.0, 0),
                        fixed(Lang::En, p.tau2, 3),
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
                fixed(Lang::En, difference.test.q_between, 2),
                difference.test.df,
                words::p_label(Lang::En, difference.test.p)
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
                words::p_label(Lang::En, c.p)
            );
        }
    }
    if let Some(r) = analysis.dose.regression {
        let _ = writeln!(
            out,
            "\nDose: log ROR vs log typical labelled dose, slope {} [{}, {}], {}",
            fixed(Lang::En, r.slope, 2),
            fixed(Lang::En, r.slope_ci.low, 2),
            fixed(Lang::En, r.slope_ci.high, 2),
            words::p_label(Lang::En, r.slope_p)
        );
    }
    let (first, second) = words::headline(Lang::En, assessment);
    out.push('\n');
    out.push_str(&wrap(&first, 0, WIDTH));
    out.push_str(&wrap(&second, 0, WIDTH));
    let _ = writeln!(out, "\nScorecard:");
    for finding in &assessment.findings {
        let _ = writeln!(
            out,
            "  {:<46} {}",
            words::title(Lang::En, finding.hypothesis),
            words::reading_word(Lang::En, finding.reading)
        );
        out.push_str(&wrap(
            &words::shows(Lang::En, finding, assessment),
            4,
            WIDTH,
        ));
    }
    if let Some(sensitivity) = sensitivity {
        out.push_str(&sensitivity_text(sensitivity));
    }
    if let Some(flips) = flips {
        out.push_str(&format!(
            "\nWhere each reading would change under the what-if (every whole percent up to {}% tried):\n",
            Missed::MAX
        ));
        for flip in flips {
            // A hanging indent: "  - " then the sentence, its later lines under its first word.
            let wrapped = wrap(&words::flip_sentence(Lang::En, flip), 4, WIDTH);
            out.push_str("  - ");
            out.push_str(wrapped.trim_start());
        }
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
                let percent = fixed(Lang::En, 100.0 * sensitivity.share(hypothesis, reading), 1);
                format!("{} {percent}%", words::reading_word(Lang::En, reading))
            })
            .collect();
        let _ = writeln!(
            out,
            "  {:<46} {}",
            words::title(Lang::En, hypothesis),
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
