//! The command line: subcommands and flags, parsed and validated into core settings.

use glabella_core::analysis::{GroupModel, GroupSpec, Missed, Settings};
use glabella_core::data::Dataset;
use glabella_core::i18n::Lang;
use glabella_core::scenario::link::{decode, encode, Notice};
use glabella_core::scenario::{Scenario, Site};
use glabella_core::stats::{Level, ZeroCellPolicy};

pub const USAGE: &str = "\
Usage:
  glabella analyze [--json] [OPTIONS] [FILE]   analyse FILE (default: the embedded dataset)
  glabella validate FILE                       check that FILE is a valid v1 dataset
  glabella generate-dataset CALIBRATION        print the dataset a calibration file describes
  glabella reconstruct [--seed S] [--out FILE] write a dataset drawn to fit every published
                                               number (seed 1 by default; stdout without --out)
  glabella presets [--json]                    list the page's named scenarios and their links
  glabella build-faers QUARTER... --out FILE [--report FILE.json] [--exclusive]
                       [--keep-antidepressants]
                                               build a dataset from FAERS quarters (folders or
                                               faers_ascii_YYYYqN.zip files)

Options of analyze:
  --json                  print JSON instead of tables
  --lang LANG             the language of the report: en (default) or ru; with --json, the
                          sentences are in LANG and the keys stay English
  --ci-level L            confidence level, 0 < L < 1 (default 0.95)
  --zero-cell POLICY      none, haldane or always (default haldane)
  --stratify COLUMNS      comma-separated covariates for Mantel-Haenszel, e.g. sex,age_band
  --groups SPEC           groups of cohorts to pool, e.g. \"frown=cosmetic;no_facial=bladder\"
                          (default: the catalog's frown, other_facial and no_facial groups)
  --pooling MODEL         shared, separate or fixed (default shared: one shared tau2)
  --missed-bont P         what-if: the Botox reports missed P% of depression (0 to 95),
                          restored before analysis (default 0)
  --missed-control P      the same for the control reports (default 0)
  --scenario LINK         the page's scenario link (a whole URL or its query string);
                          gives the page's numbers for it and cannot be combined with
                          --ci-level, --zero-cell, --stratify, --groups, --pooling or
                          --missed-bont/--missed-control
  --sensitivity N         also analyse N reconstructions drawn with seeds S, S+1, ... with
                          the same settings, and count each hypothesis's readings
  --seed S                the first seed of --sensitivity (default 1)
  --flips                 also say where each reading would change under the what-if: the
                          first share of depression missed by either arm, above the share set,
                          at which it does (every whole percent up to 95 is tried)";

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Analyze(AnalyzeOptions),
    Validate(String),
    GenerateDataset(String),
    /// `reconstruct`: the dataset drawn from `seed`, written to `out` or to standard output.
    Reconstruct {
        seed: u64,
        out: Option<String>,
    },
    /// `presets`, with `--json` or not.
    Presets {
        json: bool,
    },
    BuildFaers(BuildFaersOptions),
}

/// The flags of `build-faers`.
#[derive(Debug, Default, PartialEq)]
pub struct BuildFaersOptions {
    /// Quarter folders or zips, in any order.
    pub quarters: Vec<String>,
    pub out: String,
    /// Where to write the provenance figures as JSON.
    pub report: Option<String>,
    pub exclusive: bool,
    pub keep_antidepressants: bool,
}

/// The flags of `analyze`. Groups default to the dataset's, so settings are made per dataset.
#[derive(Debug, PartialEq)]
pub struct AnalyzeOptions {
    pub json: bool,
    /// `--lang`: the language of the report's words.
    pub lang: Lang,
    pub file: Option<String>,
    pub ci_level: Level,
    pub zero_cell: ZeroCellPolicy,
    pub stratify: Vec<String>,
    pub pooling: GroupModel,
    /// `None` when `--groups` is absent: the catalog's grouping.
    pub groups: Option<Vec<GroupSpec>>,
    /// `--missed-bont P`, `--missed-control P`: the reporting-bias what-if.
    pub missed: Missed,
    /// The page's scenario link, as given; it replaces all the settings flags.
    pub scenario: Option<String>,
    /// `--sensitivity N` and `--seed S`: N reconstructions analysed with the same settings.
    pub sensitivity: Option<SensitivityOptions>,
    /// `--flips`: where each reading would change under the what-if.
    pub flips: bool,
}

/// How many reconstructions `--sensitivity` draws, and the seed of the first.
#[derive(Debug, PartialEq)]
pub struct SensitivityOptions {
    pub members: u32,
    /// `--seed S`; without it, the scenario link's `seed=`, else the default seed.
    pub seed: Option<u64>,
}

/// The settings of a run, and what a scenario link added to them.
#[derive(Debug)]
pub struct Resolved {
    pub settings: Settings,
    /// The first seed of `--sensitivity` the link names (`seed=`), if it names one.
    pub seed: Option<u64>,
    /// The canonical query of the scenario link, when one was given.
    pub scenario: Option<String>,
    /// What the link asked for that could not be honoured.
    pub notices: Vec<Notice>,
}

impl Default for AnalyzeOptions {
    fn default() -> AnalyzeOptions {
        let settings = Settings::default();
        AnalyzeOptions {
            json: false,
            lang: Lang::En,
            file: None,
            ci_level: settings.ci_level,
            zero_cell: settings.zero_cell,
            stratify: settings.stratify,
            pooling: settings.pooling,
            groups: None,
            missed: Missed::default(),
            scenario: None,
            sensitivity: None,
            flips: false,
        }
    }
}

impl AnalyzeOptions {
    /// The explainer's settings for this dataset (cohorts grouped by injection site, frown
    /// contrasted with no facial muscle), with the flags applied.
    /// Given groups replace the catalog's; the frown / no-facial contrast is kept when both
    /// groups are named.
    pub fn settings(&self, dataset: &Dataset) -> Settings {
        let mut settings = Scenario::for_dataset(dataset).settings();
        settings.ci_level = self.ci_level;
        settings.zero_cell = self.zero_cell;
        settings.stratify = self.stratify.clone();
        settings.pooling = self.pooling;
        settings.missed = self.missed;
        if let Some(groups) = &self.groups {
            let (frown, no_facial) = (Site::Frown.code(), Site::NoFacial.code());
            let named = |name: &str| groups.iter().any(|group| group.name == name);
            settings.contrast =
                (named(frown) && named(no_facial)).then(|| (frown.into(), no_facial.into()));
            settings.groups = groups.clone();
        }
        settings
    }

    /// The settings for this dataset: the scenario link's, decoded against the dataset exactly
    /// as the page decodes it, or else the flags'.
    pub fn resolve(&self, dataset: &Dataset) -> Resolved {
        match &self.scenario {
            Some(query) => {
                let (link, notices) = decode(query, dataset);
                Resolved {
                    settings: link.scenario.settings(),
                    seed: link.scenario.sensitivity_seed,
                    scenario: Some(encode(&link, dataset)),
                    notices,
                }
            }
            None => Resolved {
                settings: self.settings(dataset),
                seed: None,
                scenario: None,
                notices: Vec::new(),
            },
        }
    }
}

/// The flags a scenario link replaces.
const SETTINGS_FLAGS: [&str; 7] = [
    "--ci-level",
    "--zero-cell",
    "--stratify",
    "--groups",
    "--pooling",
    "--missed-bont",
    "--missed-control",
];

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let Some((subcommand, rest)) = argv.split_first() else {
        return Err("no command given".into());
    };
    match subcommand.as_str() {
        "help" | "--help" | "-h" => Ok(Command::Help),
        "analyze" | "analyse" => parse_analyze(rest).map(Command::Analyze),
        "validate" => one_path(rest, "validate").map(Command::Validate),
        "generate-dataset" => one_path(rest, "generate-dataset").map(Command::GenerateDataset),
        "reconstruct" => parse_reconstruct(rest),
        "presets" => match rest {
            [] => Ok(Command::Presets { json: false }),
            [flag] if flag == "--json" => Ok(Command::Presets { json: true }),
            _ => Err("`presets` takes only `--json`".into()),
        },
        "build-faers" => parse_build_faers(rest).map(Command::BuildFaers),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn parse_build_faers(rest: &[String]) -> Result<BuildFaersOptions, String> {
    let mut options = BuildFaersOptions::default();
    let mut out = None;
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = split_flag(arg);
        let mut value = || flag_value(flag, inline_value, &mut args);
        match flag {
            "--out" => out = Some(value()?),
            "--report" => options.report = Some(value()?),
            "--exclusive" => options.exclusive = true,
            "--keep-antidepressants" => options.keep_antidepressants = true,
            _ if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ => options.quarters.push(arg.clone()),
        }
    }
    if options.quarters.is_empty() {
        return Err(
            "`build-faers` needs at least one QUARTER (a folder or a faers_ascii_YYYYqN.zip)"
                .into(),
        );
    }
    options.out = out.ok_or("`build-faers` needs `--out FILE`")?;
    Ok(options)
}

/// `--flag=value` as the flag and its value; anything else as itself, with no value.
fn split_flag(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((flag, value)) if arg.starts_with("--") => (flag, Some(value)),
        _ => (arg, None),
    }
}

/// The value of `flag`: the one written after `=`, else the next argument.
fn flag_value(
    flag: &str,
    inline_value: Option<&str>,
    args: &mut std::slice::Iter<'_, String>,
) -> Result<String, String> {
    inline_value
        .map(str::to_owned)
        .or_else(|| args.next().cloned())
        .ok_or_else(|| format!("`{flag}` needs a value"))
}

fn one_path(rest: &[String], command: &str) -> Result<String, String> {
    match rest {
        [path] if !path.starts_with("--") => Ok(path.clone()),
        _ => Err(format!("`{command}` takes exactly one file")),
    }
}

/// The seed of `reconstruct` and of `analyze --sensitivity` when none is given.
pub const DEFAULT_SEED: u64 = glabella_core::reconstruct::DEFAULT_SEED;

fn parse_reconstruct(rest: &[String]) -> Result<Command, String> {
    let (mut seed, mut out) = (DEFAULT_SEED, None);
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = split_flag(arg);
        let mut value = || flag_value(flag, inline_value, &mut args);
        match flag {
            "--seed" => seed = parse_seed(&value()?)?,
            "--out" => out = Some(value()?),
            _ => {
                return Err(format!(
                    "`reconstruct` takes `--seed S` and `--out FILE`, not `{arg}`"
                ))
            }
        }
    }
    Ok(Command::Reconstruct { seed, out })
}

fn parse_seed(text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| {
        format!(
            "`--seed {text}`: expected a whole number from 0 to {}",
            u64::MAX
        )
    })
}

fn parse_analyze(rest: &[String]) -> Result<AnalyzeOptions, String> {
    let mut options = AnalyzeOptions::default();
    let mut settings_flags: Vec<&str> = Vec::new();
    let (mut members, mut seed) = (None, None);
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = split_flag(arg);
        let mut value = || flag_value(flag, inline_value, &mut args);
        if let Some(&known) = SETTINGS_FLAGS.iter().find(|&&known| known == flag) {
            if !settings_flags.contains(&known) {
                settings_flags.push(known);
            }
        }
        match flag {
            "--json" => options.json = true,
            "--lang" => {
                let text = value()?;
                options.lang = Lang::from_code(&text).ok_or_else(|| {
                    format!("`--lang {text}`: expected en (English) or ru (Russian)")
                })?;
            }
            "--flips" => options.flips = true,
            "--scenario" => options.scenario = Some(value()?),
            "--ci-level" => {
                let text = value()?;
                options.ci_level = text.parse().ok().and_then(Level::new).ok_or_else(|| {
                    format!("`--ci-level {text}`: expected a number between 0 and 1")
                })?;
            }
            "--zero-cell" => {
                let text = value()?;
                options.zero_cell = ZeroCellPolicy::from_code(&text).ok_or_else(|| {
                    format!("`--zero-cell {text}`: expected none, haldane or always")
                })?;
            }
            "--pooling" => {
                let text = value()?;
                options.pooling = GroupModel::from_code(&text).ok_or_else(|| {
                    format!("`--pooling {text}`: expected shared, separate or fixed")
                })?;
            }
            "--stratify" => {
                options.stratify = split_list(&value()?, ',');
            }
            "--missed-bont" | "--missed-control" => {
                let text = value()?;
                let percent = text
                    .parse::<u8>()
                    .ok()
                    .filter(|&p| p <= Missed::MAX)
                    .ok_or_else(|| {
                        format!(
                            "`{flag} {text}`: expected a whole percent from 0 to {}",
                            Missed::MAX
                        )
                    })?;
                if flag == "--missed-bont" {
                    options.missed.bont = percent;
                } else {
                    options.missed.control = percent;
                }
            }
            "--groups" => options.groups = Some(parse_groups(&value()?)?),
            "--sensitivity" => {
                let text = value()?;
                members = Some(text.parse().ok().filter(|&n: &u32| n >= 1).ok_or_else(|| {
                    format!("`--sensitivity {text}`: expected a whole number, at least 1")
                })?);
            }
            "--seed" => seed = Some(parse_seed(&value()?)?),
            _ if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option `{flag}`"))
            }
            _ if options.file.is_none() => options.file = Some(arg.clone()),
            _ => {
                return Err(format!(
                    "unexpected argument `{arg}`: only one FILE is allowed"
                ))
            }
        }
    }
    if seed.is_some() && members.is_none() {
        return Err("`--seed` only goes with `--sensitivity N`".into());
    }
    if members.is_some() && options.file.is_some() {
        return Err("`--sensitivity` analyses reconstructions of the study, not a FILE".into());
    }
    options.sensitivity = members.map(|members| SensitivityOptions { members, seed });
    if options.scenario.is_some() && !settings_flags.is_empty() {
        let names: Vec<String> = settings_flags.iter().map(|f| format!("`{f}`")).collect();
        return Err(format!(
            "`--scenario` sets every analysis setting, so it cannot be combined with {}",
            names.join(", ")
        ));
    }
    Ok(options)
}

fn split_list(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses `name=cohort,cohort;name=cohort`.
pub fn parse_groups(text: &str) -> Result<Vec<GroupSpec>, String> {
    split_list(text, ';')
        .into_iter()
        .map(|group| {
            let (name, cohorts) = group.split_once('=').ok_or_else(|| {
                format!("`--groups`: `{group}` should look like name=cohort,cohort")
            })?;
            Ok(GroupSpec {
                name: name.trim().to_owned(),
                cohorts: split_list(cohorts, ','),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::data::default_dataset;

    fn argv(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn analyze(text: &str) -> AnalyzeOptions {
        match parse(&argv(text)) {
            Ok(Command::Analyze(options)) => options,
            other => panic!("expected analyze: {other:?}"),
        }
    }

    #[test]
    fn analyze_flags_become_settings() {
        let options = analyze(
            "analyze --json --ci-level 0.9 --zero-cell=none --stratify sex,age_band --pooling fixed \
             --groups facial=cosmetic,migraine;other=bladder data.csv",
        );
        assert!(options.json);
        assert_eq!(options.lang, Lang::En);
        assert_eq!(options.file.as_deref(), Some("data.csv"));
        let settings = options.settings(&default_dataset());
        assert_eq!(settings.ci_level, Level::new(0.9).unwrap());
        assert_eq!(settings.zero_cell, ZeroCellPolicy::None);
        assert_eq!(settings.stratify, ["sex", "age_band"]);
        assert_eq!(settings.pooling, GroupModel::Fixed);
        assert_eq!(settings.groups.len(), 2);
        assert_eq!(settings.groups[0].cohorts, ["cosmetic", "migraine"]);
        assert_eq!(settings.contrast, None);
    }

    #[test]
    fn without_groups_the_catalog_groups_and_the_contrast_are_used() {
        let options = analyze("analyze");
        assert_eq!(options.pooling, GroupModel::SharedTau2);
        let settings = options.settings(&default_dataset());
        let names: Vec<&str> = settings.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["frown", "other_facial", "no_facial"]);
        assert_eq!(settings.groups[0].cohorts, ["cosmetic", "migraine"]);
        let contrast = Some(("frown".to_owned(), "no_facial".to_owned()));
        assert_eq!(settings.contrast, contrast);

        let own = analyze("analyze --groups no_facial=bladder;frown=cosmetic --pooling random");
        assert_eq!(own.pooling, GroupModel::Separate);
        assert_eq!(own.settings(&default_dataset()).contrast, contrast);
    }

    #[test]
    fn a_scenario_link_gives_the_pages_settings_and_its_canonical_query() {
        let dataset = default_dataset();
        let options = analyze(
            "analyze --json --scenario=https://host/page/?ci=99&v=1&adjust=sex,age_band#forest",
        );
        let resolved = options.resolve(&dataset);
        let (link, _) = decode("?v=1&ci=99&adjust=sex,age_band", &dataset);
        assert_eq!(resolved.settings, link.scenario.settings());
        assert_eq!(resolved.settings.stratify, ["sex", "age_band"]);
        assert_eq!(
            resolved.scenario.as_deref(),
            Some("v=1&data=2020-makunts-reconstruction-1.0.0&ci=99&adjust=sex,age_band")
        );
        assert!(resolved.notices.is_empty());

        let flags = analyze("analyze --ci-level 0.99").resolve(&dataset);
        assert_eq!(flags.scenario, None);
        assert!(flags.notices.is_empty());

        let keys: Vec<String> = analyze("analyze --scenario ci=97&colour=red")
            .resolve(&dataset)
            .notices
            .iter()
            .map(|notice| notice.key().to_owned())
            .collect();
        assert_eq!(keys, ["ci", "colour"]);
    }

    #[test]
    fn a_scenario_link_takes_no_settings_flags() {
        for (args, named) in [
            ("analyze --scenario x --ci-level 0.9", "`--ci-level`"),
            ("analyze --zero-cell=none --scenario x", "`--zero-cell`"),
            (
                "analyze --stratify sex --groups a=b --pooling fixed --scenario x",
                "`--stratify`, `--groups`, `--pooling`",
            ),
        ] {
            let err = parse(&argv(args)).expect_err(args);
            assert!(err.contains("cannot be combined with"), "{args}: {err}");
            assert!(err.contains(named), "{args}: {err}");
        }
        assert!(parse(&argv("analyze --json --scenario x data.csv")).is_ok());
        // The language is not an analysis setting: a link takes it.
        let options = analyze("analyze --scenario ci=99 --lang=ru");
        assert_eq!(options.lang, Lang::Ru);
    }

    #[test]
    fn presets_takes_only_json() {
        assert_eq!(
            parse(&argv("presets")),
            Ok(Command::Presets { json: false })
        );
        assert_eq!(
            parse(&argv("presets --json")),
            Ok(Command::Presets { json: true })
        );
        assert!(parse(&argv("presets --ci-level 0.9")).is_err());
    }

    #[test]
    fn build_faers_takes_quarters_and_flags_in_any_order() {
        let parsed = parse(&argv(
            "build-faers q2.zip --exclusive --out=data.csv q1 --report r.json --keep-antidepressants",
        ));
        assert_eq!(
            parsed,
            Ok(Command::BuildFaers(BuildFaersOptions {
                quarters: vec!["q2.zip".into(), "q1".into()],
                out: "data.csv".into(),
                report: Some("r.json".into()),
                exclusive: true,
                keep_antidepressants: true,
            }))
        );
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        for (args, message) in [
            ("analyze --ci-level 1.5", "between 0 and 1"),
            ("analyze --zero-cell sometimes", "none, haldane or always"),
            ("analyze --pooling mixed", "shared, separate or fixed"),
            (
                "analyze --lang de",
                "`--lang de`: expected en (English) or ru",
            ),
            ("analyze --lang", "`--lang` needs a value"),
            ("analyze --groups cosmetic", "name=cohort"),
            ("analyze --frobnicate", "unknown option"),
            ("analyze a.csv b.csv", "only one FILE"),
            ("validate", "exactly one file"),
            ("build-faers --out x.csv", "at least one QUARTER"),
            ("build-faers q1", "needs `--out FILE`"),
            ("build-faers q1 --out", "`--out` needs a value"),
            (
                "build-faers q1 --out x.csv --fast",
                "unknown option `--fast`",
            ),
            ("summarise", "unknown command"),
        ] {
            let err = parse(&argv(args)).expect_err(args);
            assert!(err.contains(message), "{args}: {err}");
        }
    }

    #[test]
    fn reconstruct_and_sensitivity_take_a_seed() {
        assert_eq!(
            parse(&argv("reconstruct --seed 42 --out=draw.csv")),
            Ok(Command::Reconstruct {
                seed: 42,
                out: Some("draw.csv".into())
            })
        );
        assert_eq!(
            parse(&argv("reconstruct")),
            Ok(Command::Reconstruct {
                seed: DEFAULT_SEED,
                out: None
            })
        );
        let options = analyze("analyze --json --sensitivity 500 --seed 7");
        let run = SensitivityOptions {
            members: 500,
            seed: Some(7),
        };
        assert_eq!(options.sensitivity, Some(run));
        // Without --seed, the link's seed= decides, else the default.
        let options = analyze("analyze --sensitivity=3 --scenario ci=99");
        assert_eq!(options.sensitivity.as_ref().map(|run| run.seed), Some(None));
        let dataset = glabella_core::data::default_dataset();
        assert_eq!(options.resolve(&dataset).seed, None);
        let linked = analyze("analyze --sensitivity=3 --scenario ci=99&seed=42");
        assert_eq!(linked.resolve(&dataset).seed, Some(42));
        assert_eq!(analyze("analyze").sensitivity, None);
        for (args, message) in [
            ("analyze --sensitivity 0", "at least 1"),
            ("analyze --sensitivity many", "at least 1"),
            ("analyze --sensitivity", "needs a value"),
            ("analyze --seed 3", "only goes with `--sensitivity N`"),
            ("analyze --sensitivity 5 --seed -1", "whole number"),
            ("analyze --sensitivity 5 my.csv", "not a FILE"),
            ("reconstruct --seed x", "whole number"),
            ("reconstruct --seed", "needs a value"),
            ("reconstruct 5", "takes `--seed S` and `--out FILE`"),
        ] {
            let err = parse(&argv(args)).expect_err(args);
            assert!(err.contains(message), "{args}: {err}");
        }
    }
}
