//! The `glabella` command: prints the explainer's analysis as JSON or readable tables.
//!
//! Exit codes: 0 on success, 1 when the data or the settings are invalid, 2 for a usage error.

mod args;
mod calibration;
mod report;

use std::process::ExitCode;

use glabella_core::analysis::analyze;
use glabella_core::data::{default_dataset, parse_csv, Dataset};

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
            println!("{USAGE}");
            Ok(())
        }
        Command::Analyze(options) => {
            let (dataset, origin) = match &options.file {
                Some(path) => (load(path)?, path.clone()),
                None => (default_dataset(), "embedded".to_owned()),
            };
            let analysis = analyze(&dataset, &options.settings).map_err(|err| err.to_string())?;
            if options.json {
                let json = report::json(&dataset, &origin, &options.settings, &analysis);
                println!("{json}");
            } else {
                print!(
                    "{}",
                    report::text(&dataset, &origin, &options.settings, &analysis)
                );
            }
            Ok(())
        }
        Command::Validate(path) => {
            let dataset = load(&path)?;
            println!(
                "{path}: valid, {} strata, {} indications, version {}",
                dataset.strata.len(),
                dataset.indications().len(),
                dataset
                    .provenance
                    .version
                    .as_deref()
                    .unwrap_or("not stated")
            );
            Ok(())
        }
        Command::GenerateDataset(path) => {
            let text = std::fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
            let csv = calibration::generate(&text).map_err(|err| format!("{path}: {err}"))?;
            print!("{csv}");
            Ok(())
        }
    }
}

fn load(path: &str) -> Result<Dataset, String> {
    let bytes = std::fs::read(path).map_err(|err| format!("{path}: {err}"))?;
    parse_csv(&bytes).map_err(|err| format!("{path}: {err}"))
}
