//! The two outputs of `glabella analyze`: JSON (a contract other tools read) and text tables.

use std::fmt::Write as _;

use glabella_core::analysis::{Analysis, GroupModel, Missed, Settings};
use glabella_core::assessment::{words, Assessment, Basis, Hypothesis, Reading, ReadingFlip};
use glabella_core::data::Dataset;
use glabella_core::format::{count_label, fixed, ratio_label};
use glabella_core::i18n::{self, Lang};
use glabella_core::reconstruct::Sensitivity;
use glabella_core::scenario::presets::Preset;
use glabella_core::scenario::Site;
use glabella_core::stats::ZeroCellPolicy;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// What both outputs are made from.
pub struct Input<'a> {
    /// The language of the sentences (`--lang`); JSON keys and codes stay English.
    pub lang: Lang,
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

/// The JSON document of `glabella analyze --json`: its sentences in the report's language.
pub fn json(input: &Input) -> String {
    let report = Report {
        analysis: glabella_core::report::report(
            input.lang,
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
fn number(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(
        || i18n::number::not_available(lang).to_owned(),
        |ratio| ratio_label(lang, ratio),
    )
}

fn p_value(lang: Lang, value: Option<f64>) -> String {
    match value {
        Some(p) if p < 0.001 => format!("<{}", fixed(lang, 0.001, 3)),
        Some(p) => fixed(lang, p, 3),
        None => i18n::number::not_available(lang).to_owned(),
    }
}

/// "[0.10, 0.56]"; in Russian "[0,10; 0,56]", since a comma there is a decimal comma.
fn interval(lang: Lang, low: f64, high: f64) -> String {
    i18n::cli::interval(lang, &number(lang, Some(low)), &number(lang, Some(high)))
}

fn model_label(lang: Lang, model: GroupModel) -> &'static str {
    match model {
        GroupModel::SharedTau2 => i18n::cli::model_shared(lang),
        GroupModel::Separate => i18n::cli::model_separate(lang),
        GroupModel::Fixed => i18n::cli::model_fixed(lang),
    }
}

/// The `--pooling` setting in words; in English, its code.
fn pooling_label(lang: Lang, model: GroupModel) -> &'static str {
    match model {
        GroupModel::SharedTau2 => i18n::cli::pooling_shared(lang),
        GroupModel::Separate => i18n::cli::pooling_separate(lang),
        GroupModel::Fixed => i18n::cli::pooling_fixed(lang),
    }
}

/// The `--zero-cell` setting in words; in English, its code.
fn zero_cell_label(lang: Lang, policy: ZeroCellPolicy) -> &'static str {
    match policy {
        ZeroCellPolicy::None => i18n::cli::zero_cell_none(lang),
        ZeroCellPolicy::Haldane => i18n::cli::zero_cell_haldane(lang),
        ZeroCellPolicy::Always => i18n::cli::zero_cell_always(lang),
    }
}

/// How the tables name a cohort. English shows the slug, which `--groups` takes; in another
/// language the slug would be an English word, so the catalog's short name stands there.
fn cohort_label(lang: Lang, slug: &str) -> String {
    match lang {
        Lang::En => slug.to_owned(),
        _ => words::short_name(lang, slug),
    }
}

/// How the tables name a group: as [`cohort_label`], the catalog's groups by their label outside
/// English; a group the reader named keeps the name given.
fn group_label(lang: Lang, name: &str) -> String {
    match (lang, Site::from_code(name)) {
        (Lang::En, _) | (_, None) => name.to_owned(),
        (_, Some(site)) => words::site_label(lang, site).to_owned(),
    }
}

/// Pads `text` with spaces on the right to `width` characters.
fn pad(text: &str, width: usize) -> String {
    format!("{text:<width$}")
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
        lang,
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
    let level = words::level_label(lang, settings.ci_level);
    let origin = match assessment.basis {
        Basis::Reconstruction => i18n::cli::embedded(lang),
        Basis::OwnData => origin,
    };
    let version = dataset
        .provenance
        .version
        .as_deref()
        .unwrap_or(i18n::cli::version_not_stated(lang));
    let _ = writeln!(out, "{}", i18n::cli::dataset(lang, origin, version));
    if let Some(query) = scenario {
        let _ = writeln!(
            out,
            "{}",
            i18n::cli::scenario(lang, &query_label(lang, query))
        );
    }
    if settings.missed != Missed::default() {
        let percent = |share: u8| count_label(lang, u64::from(share));
        let _ = writeln!(
            out,
            "{}",
            i18n::cli::what_if(
                lang,
                &percent(settings.missed.bont),
                &percent(settings.missed.control)
            )
        );
    }
    let stratified = if settings.stratify.is_empty() {
        String::new()
    } else {
        i18n::cli::stratified(lang, &settings.stratify.join(", "))
    };
    let _ = writeln!(
        out,
        "{}\n",
        i18n::cli::settings(
            lang,
            &level,
            zero_cell_label(lang, settings.zero_cell),
            pooling_label(lang, settings.pooling),
            &stratified
        )
    );
    // The first column is as wide as its longest name, and at least 15 characters.
    let name_width = analysis
        .cohorts
        .iter()
        .map(|cohort| cohort_label(lang, &cohort.indication).chars().count())
        .chain([i18n::cli::column_indication(lang).chars().count()])
        .fold(15, usize::max);
    let _ = writeln!(
        out,
        "{} {:>14} {:>15} {:>6} {:>16} {:>9}",
        pad(i18n::cli::column_indication(lang), name_width),
        i18n::cli::column_bont(lang),
        i18n::cli::column_control(lang),
        "ROR",
        i18n::cli::column_ci(lang, &level),
        i18n::cli::column_fisher(lang)
    );
    let half = fixed(lang, 0.5, 1);
    for cohort in &analysis.cohorts {
        let t = cohort.table;
        let ci = cohort
            .ror
            .ci
            .map_or(i18n::number::not_available(lang).to_owned(), |ci| {
                format!(
                    "{}–{}",
                    number(lang, Some(ci.low)),
                    number(lang, Some(ci.high))
                )
            });
        let _ = writeln!(
            out,
            "{} {:>14} {:>15} {:>6} {:>16} {:>9}{}",
            pad(&cohort_label(lang, &cohort.indication), name_width),
            format!("{}/{}", t.a, t.n_bont()),
            format!("{}/{}", t.c, t.n_control()),
            number(lang, cohort.ror.estimate),
            ci,
            p_value(lang, cohort.fisher_p),
            if cohort.ror.corrected {
                format!("  {}", i18n::cli::zero_cell_corrected(lang, &half))
            } else {
                String::new()
            }
        );
        if let Some(adjusted) = &cohort.adjusted {
            let mh = adjusted.mantel_haenszel;
            let _ = writeln!(
                out,
                "{} {:>47} {:>16} {:>9}{}",
                pad(i18n::cli::adjusted_row(lang), name_width),
                number(lang, mh.map(|m| m.estimate)),
                mh.map_or(i18n::number::not_available(lang).to_owned(), |m| format!(
                    "{}–{}",
                    number(lang, Some(m.ci.low)),
                    number(lang, Some(m.ci.high))
                )),
                i18n::cli::breslow_day(lang, &p_value(lang, adjusted.breslow_day.map(|bd| bd.p))),
                match adjusted.corrected_strata {
                    0 => String::new(),
                    n => format!("  {}", i18n::cli::corrected_strata(lang, &half, n)),
                }
            );
        }
    }
    if !analysis.groups.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            i18n::cli::groups(lang, model_label(lang, settings.pooling))
        );
        let group_width = analysis
            .groups
            .iter()
            .map(|group| group_label(lang, &group.name).chars().count())
            .fold(20, usize::max);
        for group in &analysis.groups {
            let name = pad(&group_label(lang, &group.name), group_width);
            match group.pooled {
                Some(p) => {
                    let ci = p.ci();
                    let cohorts: Vec<String> = group
                        .cohorts
                        .iter()
                        .map(|slug| cohort_label(lang, slug))
                        .collect();
                    let _ = writeln!(
                        out,
                        "  {name} ROR {} {}  I² {}%  τ² {}  ({})",
                        number(lang, Some(p.ratio())),
                        interval(lang, ci.low, ci.high),
                        fixed(lang, p.i2 * 100.0, 0),
                        fixed(lang, p.tau2, 3),
                        cohorts.join(", ")
                    );
                }
                None => {
                    let _ = writeln!(out, "  {name} {}", i18n::cli::no_defined_ror(lang));
                }
            }
        }
        if let Some(difference) = &analysis.group_difference {
            let _ = writeln!(
                out,
                "  {}",
                i18n::cli::group_difference(
                    lang,
                    &fixed(lang, difference.test.q_between, 2),
                    difference.test.df,
                    &words::p_label(lang, difference.test.p)
                )
            );
            if let Some((ratio, ci)) = difference.ratio {
                let _ = writeln!(
                    out,
                    "  {}",
                    i18n::cli::ratio_first_second(
                        lang,
                        &number(lang, Some(ratio)),
                        &interval(lang, ci.low, ci.high)
                    )
                );
            }
        }
        if let Some(contrast) = &analysis.contrast {
            let c = &contrast.contrast;
            let _ = writeln!(
                out,
                "  {}",
                i18n::cli::ratio_named(
                    lang,
                    &group_label(lang, &contrast.first),
                    &group_label(lang, &contrast.reference),
                    &number(lang, Some(c.ratio)),
                    &interval(lang, c.ci.low, c.ci.high),
                    &words::p_label(lang, c.p)
                )
            );
        }
    }
    if let Some(r) = analysis.dose.regression {
        let _ = writeln!(
            out,
            "\n{}",
            i18n::cli::dose(
                lang,
                &fixed(lang, r.slope, 2),
                &i18n::cli::interval(
                    lang,
                    &fixed(lang, r.slope_ci.low, 2),
                    &fixed(lang, r.slope_ci.high, 2)
                ),
                &words::p_label(lang, r.slope_p)
            )
        );
    }
    let (first, second) = words::headline(lang, assessment);
    out.push('\n');
    out.push_str(&wrap(&first, 0, WIDTH));
    out.push_str(&wrap(&second, 0, WIDTH));
    let _ = writeln!(out, "\n{}", i18n::cli::scorecard(lang));
    let title_width = title_width(lang);
    for finding in &assessment.findings {
        let _ = writeln!(
            out,
            "  {} {}",
            pad(words::title(lang, finding.hypothesis), title_width),
            words::reading_word(lang, finding.reading)
        );
        out.push_str(&wrap(&words::shows(lang, finding, assessment), 4, WIDTH));
    }
    if let Some(sensitivity) = sensitivity {
        out.push_str(&sensitivity_text(lang, sensitivity));
    }
    if let Some(flips) = flips {
        let _ = writeln!(
            out,
            "\n{}",
            i18n::cli::flips(lang, &count_label(lang, u64::from(Missed::MAX)))
        );
        for flip in flips {
            // A hanging indent: "  - " then the sentence, its later lines under its first word.
            let wrapped = wrap(&words::flip_sentence(lang, flip), 4, WIDTH);
            out.push_str("  - ");
            out.push_str(wrapped.trim_start());
        }
    }
    out
}

/// The width of the hypotheses' titles in the scorecard: 46 characters, or the longest title.
fn title_width(lang: Lang) -> usize {
    Hypothesis::ALL
        .iter()
        .map(|&hypothesis| words::title(lang, hypothesis).chars().count())
        .fold(46, usize::max)
}

/// How often each reading came out over the drawn reconstructions, most frequent first.
fn sensitivity_text(lang: Lang, sensitivity: &Sensitivity) -> String {
    let members = sensitivity.members();
    let mut out = format!(
        "\n{}\n",
        i18n::cli::sensitivity(
            lang,
            u64::from(members),
            &sensitivity.seed().to_string(),
            &sensitivity
                .seed()
                .wrapping_add(u64::from(members.saturating_sub(1)))
                .to_string()
        )
    );
    let title_width = title_width(lang);
    for hypothesis in Hypothesis::ALL {
        let mut readings: Vec<Reading> = Reading::ALL
            .into_iter()
            .filter(|&reading| sensitivity.count(hypothesis, reading) > 0)
            .collect();
        readings.sort_by_key(|&reading| std::cmp::Reverse(sensitivity.count(hypothesis, reading)));
        let shares: Vec<String> = readings
            .iter()
            .map(|&reading| {
                let percent = fixed(lang, 100.0 * sensitivity.share(hypothesis, reading), 1);
                format!("{} {percent}%", words::reading_word(lang, reading))
            })
            .collect();
        let _ = writeln!(
            out,
            "  {} {}",
            pad(words::title(lang, hypothesis), title_width),
            shares.join(", ")
        );
    }
    out
}

/// A query as the page's address bar ends: `?v=1&…`, or a word for the default view.
fn query_label(lang: Lang, query: &str) -> String {
    if query.is_empty() {
        i18n::cli::default_view(lang).to_owned()
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
            title: preset.title(Lang::En),
            why: preset.why(Lang::En),
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
        let _ = writeln!(out, "{}: {}", preset.id, preset.title(Lang::En));
        out.push_str(&wrap(preset.why(Lang::En), 4, WIDTH));
        let _ = writeln!(out, "    {}", query_label(Lang::En, &preset.query(dataset)));
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
    fn intervals_and_p_values_follow_the_language() {
        assert_eq!(interval(Lang::En, 0.1, 0.56), "[0.10, 0.56]");
        assert_eq!(interval(Lang::Ru, 0.1, 0.56), "[0,10; 0,56]");
        assert_eq!(p_value(Lang::En, Some(0.0001)), "<0.001");
        assert_eq!(p_value(Lang::Ru, Some(0.0001)), "<0,001");
        assert_eq!(p_value(Lang::Ru, None), "н/д");
        assert_eq!(number(Lang::En, None), "n/a");
    }

    #[test]
    fn tables_name_cohorts_and_groups_in_the_language() {
        assert_eq!(cohort_label(Lang::En, "torticollis"), "torticollis");
        assert_eq!(cohort_label(Lang::Ru, "torticollis"), "Кривошея");
        assert_eq!(cohort_label(Lang::Ru, "my-cohort"), "my-cohort");
        assert_eq!(group_label(Lang::En, "no_facial"), "no_facial");
        assert_eq!(group_label(Lang::Ru, "no_facial"), "Без мимических мышц");
        assert_eq!(group_label(Lang::Ru, "facial"), "facial");
        assert_eq!(title_width(Lang::En), 46);
    }
}
