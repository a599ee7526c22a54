//! The `glabella` command: prints the explainer's analysis as JSON or readable tables.
//!
//! Exit codes: 0 on success, 1 when the data or the settings are invalid, 2 for a usage error.

mod args;
mod calibration;
mod faers;
mod report;

use std::process::ExitCode;

use glabella_core::analysis::analyze;
use glabella_core::assessment::{assess, reading_flips, Basis};
use glabella_core::data::{default_dataset, parse_csv, Dataset};
use glabella_core::i18n::Lang;
use glabella_core::reconstruct;
use glabella_core::scenario::presets::presets;

use args::{Command, USAGE};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&argv) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("glabella: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("glabella: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Help => {
            emit(&format!("{USAGE}\n"));
            Ok(())
        }
        Command::Analyze(options) => {
            let (dataset, origin, basis) = match &options.file {
                Some(path) => (load(path, options.lang)?, path.clone(), Basis::OwnData),
                None => (
                    default_dataset(),
                    "embedded".to_owned(),
                    Basis::Reconstruction,
                ),
            };
            let args::Resolved {
                settings,
                seed,
                scenario,
                notices,
            } = options.resolve(&dataset);
            for notice in &notices {
                eprintln!("notice: {}", notice.message(options.lang));
            }
            let analysis = analyze(&dataset, &settings).map_err(|err| err.message(options.lang))?;
            let assessment = assess(&analysis, settings.ci_level, basis);
            let sensitivity = options
                .sensitivity
                .as_ref()
                .map(|run| {
                    let first = match (run.seed, seed) {
                        (Some(_), Some(_)) => {
                            return Err("give the first seed once: `--seed S` or the link's `seed=`, not both".to_owned());
                        }
                        (flag, link) => flag.or(link).unwrap_or(args::DEFAULT_SEED),
                    };
                    reconstruct::sensitivity(&settings, run.members, first)
                        .map_err(|err| err.to_string())
                })
                .transpose()?;
            let flips = options
                .flips
                .then(|| reading_flips(&dataset, &settings, basis))
                .transpose()
                .map_err(|err| err.to_string())?;
            let input = report::Input {
                lang: options.lang,
                dataset: &dataset,
                origin: &origin,
                settings: &settings,
                scenario: scenario.as_deref(),
                analysis: &analysis,
                assessment: &assessment,
                sensitivity: sensitivity.as_ref(),
                flips: flips.as_deref(),
            };
            if options.json {
                emit(&format!("{}\n", report::json(&input)));
            } else {
                emit(&report::text(&input));
            }
            Ok(())
        }
        Command::Presets { json } => {
            let dataset = default_dataset();
            let presets = presets(&dataset);
            if json {
                emit(&format!("{}\n", report::presets_json(&presets, &dataset)));
            } else {
                emit(&report::presets_text(&presets, &dataset));
            }
            Ok(())
        }
        Command::Validate(path) => {
            let dataset = load(&path, Lang::En)?;
            emit(&format!(
                "{path}: valid, {} strata, {} indications, version {}\n",
                dataset.strata.len(),
                dataset.indications().len(),
                dataset
                    .provenance
                    .version
                    .as_deref()
                    .unwrap_or("not stated")
            ));
            Ok(())
        }
        Command::BuildFaers(options) => {
            emit(&faers::run(&options)?);
            Ok(())
        }
        Command::Reconstruct { seed, out } => {
            let dataset = reconstruct::draw(seed).map_err(|err| err.to_string())?;
            let csv = reconstruct::csv(&dataset);
            match out {
                Some(path) => {
                    std::fs::write(&path, csv).map_err(|err| format!("{path}: {err}"))?;
                    emit(&format!(
                        "{path}: reconstruction drawn from seed {seed}, {} strata\n",
                        dataset.strata.len()
                    ));
                }
                None => emit(&csv),
            }
            Ok(())
        }
        Command::GenerateDataset(path) => {
            let text = std::fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
            let csv = calibration::generate(&text).map_err(|err| format!("{path}: {err}"))?;
            emit(&csv);
            Ok(())
        }
    }
}

/// Writes to standard output. A reader that closes the pipe early (`glabella analyze | head`)
/// ends the output quietly instead of panicking, as `println!` would.
fn emit(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("glabella: cannot write the output: {err}");
        std::process::exit(1);
    }
}

fn load(path: &str, lang: Lang) -> Result<Dataset, String> {
    let bytes = std::fs::read(path).map_err(|err| format!("{path}: {err}"))?;
    parse_csv(&bytes).map_err(|err| format!("{path}: {}", err.message(lang)))
}
