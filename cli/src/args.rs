//! The command line: subcommands and flags, parsed and validated into core settings.

use glabella_core::analysis::{GroupSpec, Settings};
use glabella_core::stats::{Level, Pooling, ZeroCellPolicy};

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
  --groups SPEC           groups of cohorts to pool, e.g. \"facial=cosmetic,migraine;other=bladder\"
  --pooling MODEL         fixed or random (default random)";

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Analyze(AnalyzeOptions),
    Validate(String),
    GenerateDataset(String),
}

#[derive(Debug, PartialEq)]
pub struct AnalyzeOptions {
    pub json: bool,
    pub file: Option<String>,
    pub settings: Settings,
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
    let mut options = AnalyzeOptions {
        json: false,
        file: None,
        settings: Settings::default(),
    };
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
        let settings = &mut options.settings;
        match flag {
            "--json" => options.json = true,
            "--ci-level" => {
                let text = value()?;
                settings.ci_level = text.parse().ok().and_then(Level::new).ok_or_else(|| {
                    format!("`--ci-level {text}`: expected a number between 0 and 1")
                })?;
            }
            "--zero-cell" => {
                let text = value()?;
                settings.zero_cell = ZeroCellPolicy::from_code(&text).ok_or_else(|| {
                    format!("`--zero-cell {text}`: expected none, haldane or always")
                })?;
            }
            "--pooling" => {
                let text = value()?;
                settings.pooling = Pooling::from_code(&text)
                    .ok_or_else(|| format!("`--pooling {text}`: expected fixed or random"))?;
            }
            "--stratify" => {
                settings.stratify = split_list(&value()?, ',');
            }
            "--groups" => settings.groups = parse_groups(&value()?)?,
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

    fn argv(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn analyze_flags_become_settings() {
        let Ok(Command::Analyze(options)) = parse(&argv(
            "analyze --json --ci-level 0.9 --zero-cell=none --stratify sex,age_band --pooling fixed \
             --groups facial=cosmetic,migraine;other=bladder data.csv",
        )) else {
            panic!("expected analyze");
        };
        assert!(options.json);
        assert_eq!(options.file.as_deref(), Some("data.csv"));
        assert_eq!(options.settings.ci_level, Level::new(0.9).unwrap());
        assert_eq!(options.settings.zero_cell, ZeroCellPolicy::None);
        assert_eq!(options.settings.stratify, ["sex", "age_band"]);
        assert_eq!(options.settings.pooling, Pooling::Fixed);
        assert_eq!(options.settings.groups.len(), 2);
        assert_eq!(options.settings.groups[0].cohorts, ["cosmetic", "migraine"]);
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        for (args, message) in [
            ("analyze --ci-level 1.5", "between 0 and 1"),
            ("analyze --zero-cell sometimes", "none, haldane or always"),
            ("analyze --pooling mixed", "fixed or random"),
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
