//! The command line: subcommands and flags, parsed and validated into core settings.

use glabella_core::analysis::{GroupModel, GroupSpec, Settings};
use glabella_core::data::Dataset;
use glabella_core::scenario::{Scenario, Site};
use glabella_core::stats::{Level, ZeroCellPolicy};

pub const USAGE: &str = "\
Usage:
  glabella analyze [--json] [OPTIONS] [FILE]   analyse FILE (default: the embedded dataset)
  glabella validate FILE                       check that FILE is a valid v1 dataset
  glabella generate-dataset CALIBRATION        print the dataset a calibration file describes

Options of analyze:
  --json                  print JSON instead of tables
  --ci-level L            confidence level, 0 < L < 1 (default 0.95)
  --zero-cell POLICY      none, haldane or always (default haldane)
  --stratify COLUMNS      comma-separated covariates for Mantel-Haenszel, e.g. sex,age_band
  --groups SPEC           groups of cohorts to pool, e.g. \"frown=cosmetic;no_facial=bladder\"
                          (default: the catalog's frown, other_facial and no_facial groups)
  --pooling MODEL         shared, separate or fixed (default shared: one shared tau2)";

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Analyze(AnalyzeOptions),
    Validate(String),
    GenerateDataset(String),
}

/// The flags of `analyze`. Groups default to the dataset's, so settings are made per dataset.
#[derive(Debug, PartialEq)]
pub struct AnalyzeOptions {
    pub json: bool,
    pub file: Option<String>,
    pub ci_level: Level,
    pub zero_cell: ZeroCellPolicy,
    pub stratify: Vec<String>,
    pub pooling: GroupModel,
    /// `None` when `--groups` is absent: the catalog's grouping.
    pub groups: Option<Vec<GroupSpec>>,
}

impl Default for AnalyzeOptions {
    fn default() -> AnalyzeOptions {
        let settings = Settings::default();
        AnalyzeOptions {
            json: false,
            file: None,
            ci_level: settings.ci_level,
            zero_cell: settings.zero_cell,
            stratify: settings.stratify,
            pooling: settings.pooling,
            groups: None,
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
        if let Some(groups) = &self.groups {
            let (frown, no_facial) = (Site::Frown.code(), Site::NoFacial.code());
            let named = |name: &str| groups.iter().any(|group| group.name == name);
            settings.contrast =
                (named(frown) && named(no_facial)).then(|| (frown.into(), no_facial.into()));
            settings.groups = groups.clone();
        }
        settings
    }
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let Some((subcommand, rest)) = argv.split_first() else {
        return Err("no command given".into());
    };
    match subcommand.as_str() {
        "help" | "--help" | "-h" => Ok(Command::Help),
        "analyze" | "analyse" => parse_analyze(rest).map(Command::Analyze),
        "validate" => one_path(rest, "validate").map(Command::Validate),
        "generate-dataset" => one_path(rest, "generate-dataset").map(Command::GenerateDataset),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn one_path(rest: &[String], command: &str) -> Result<String, String> {
    match rest {
        [path] if !path.starts_with("--") => Ok(path.clone()),
        _ => Err(format!("`{command}` takes exactly one file")),
    }
}

fn parse_analyze(rest: &[String]) -> Result<AnalyzeOptions, String> {
    let mut options = AnalyzeOptions::default();
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline_value
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match flag {
            "--json" => options.json = true,
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
            "--groups" => options.groups = Some(parse_groups(&value()?)?),
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
    fn bad_flags_are_usage_errors() {
        for (args, message) in [
            ("analyze --ci-level 1.5", "between 0 and 1"),
            ("analyze --zero-cell sometimes", "none, haldane or always"),
            ("analyze --pooling mixed", "shared, separate or fixed"),
            ("analyze --groups cosmetic", "name=cohort"),
            ("analyze --frobnicate", "unknown option"),
            ("analyze a.csv b.csv", "only one FILE"),
            ("validate", "exactly one file"),
            ("summarise", "unknown command"),
        ] {
            let err = parse(&argv(args)).expect_err(args);
            assert!(err.contains(message), "{args}: {err}");
        }
    }
}
