//! `glabella build-faers`: finds each quarter's tables in its folder or zip, streams them through
//! the builder of `glabella-faers` with a progress bar, and writes the dataset and its report.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};

use glabella_faers::{build, Error, Options, QuarterPlan, Source, Summary, Terms};
use indicatif::{ProgressBar, ProgressStyle};
use zip::ZipArchive;

use crate::args::BuildFaersOptions;

/// Large reads: the tables are read once, front to back.
const BUFFER: usize = 1 << 20;

/// Runs the build; returns the lines to print.
pub fn run(options: &BuildFaersOptions) -> Result<String, String> {
    let mut inputs: Vec<Input> = Vec::new();
    let mut plans: Vec<QuarterPlan> = Vec::new();
    for name in &options.quarters {
        let input = Input::open(name)?;
        let paths: Vec<String> = input.files.keys().cloned().collect();
        plans.push(QuarterPlan::new(name, &paths).map_err(|err| err.to_string())?);
        inputs.push(input);
    }
    let total: u64 = plans
        .iter()
        .zip(&inputs)
        .map(|(plan, input)| {
            plan.tables
                .iter()
                .chain(&plan.deleted)
                .map(|path| input.files[path].size)
                .sum::<u64>()
        })
        .sum();
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let terms = Terms::embedded();
    let build_options = Options {
        exclusive: options.exclusive,
        keep_antidepressants: options.keep_antidepressants,
    };
    let mut files = Files {
        inputs,
        progress: progress.clone(),
    };
    let built = build(&plans, &terms, build_options, &mut files);
    progress.finish_and_clear();
    let built = built.map_err(|err| err.to_string())?;
    std::fs::write(&options.out, &built.csv).map_err(|err| format!("{}: {err}", options.out))?;
    if let Some(report) = &options.report {
        let json = serde_json::to_string_pretty(&built.summary)
            .map_err(|err| format!("{report}: {err}"))?;
        std::fs::write(report, format!("{json}\n")).map_err(|err| format!("{report}: {err}"))?;
    }
    Ok(summary_text(&options.out, &built.summary))
}

fn summary_text(out: &str, summary: &Summary) -> String {
    let mut text = format!("{out}: version {}\n", summary.version);
    text.push_str(&format!(
        "reports read {}, cases deleted {} ({} reports), versions superseded {}, cases kept {}, rows skipped as malformed {}, reports excluded for antidepressants {}\n",
        summary.reports_read,
        summary.cases_deleted,
        summary.reports_deleted,
        summary.versions_superseded,
        summary.cases,
        summary.rows_malformed,
        summary.reports_excluded_antidepressants
    ));
    for cohort in &summary.cohorts {
        text.push_str(&format!(
            "{}: {} BoNT reports, {} control reports\n",
            cohort.cohort, cohort.bont, cohort.control
        ));
    }
    text
}

/// A file of a quarter: where it is, and its size (uncompressed) for the progress bar.
struct Entry {
    place: Place,
    size: u64,
}

enum Place {
    Path(PathBuf),
    /// Index in the zip.
    Zipped(usize),
}

/// One quarter as given: a folder, or a zip read in place.
struct Input {
    name: String,
    /// Path inside the quarter, with `/` → the file.
    files: HashMap<String, Entry>,
    archive: Option<ZipArchive<File>>,
}

impl Input {
    fn open(name: &str) -> Result<Input, String> {
        let path = Path::new(name);
        let meta = std::fs::metadata(path).map_err(|err| format!("{name}: {err}"))?;
        if meta.is_dir() {
            let mut files = HashMap::new();
            walk(path, path, &mut files).map_err(|err| format!("{name}: {err}"))?;
            return Ok(Input {
                name: name.to_owned(),
                files,
                archive: None,
            });
        }
        let file = File::open(path).map_err(|err| format!("{name}: {err}"))?;
        let archive = ZipArchive::new(file)
            .map_err(|err| format!("{name}: neither a folder nor a readable zip ({err})"))?;
        let mut files = HashMap::new();
        for index in 0..archive.len() {
            let Ok(entry) = archive.by_index_data(index) else {
                continue;
            };
            if entry.is_dir() {
                continue;
            }
            if let Ok(entry_name) = entry.name() {
                files.insert(
                    entry_name.replace('\\', "/"),
                    Entry {
                        place: Place::Zipped(index),
                        size: entry.size(),
                    },
                );
            }
        }
        Ok(Input {
            name: name.to_owned(),
            files,
            archive: Some(archive),
        })
    }
}

/// Every file under `dir`, by its path relative to `root`.
fn walk(root: &Path, dir: &Path, files: &mut HashMap<String, Entry>) -> std::io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let path = item?.path();
        let meta = std::fs::metadata(&path)?;
        if meta.is_dir() {
            walk(root, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let relative: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.insert(
                relative.join("/"),
                Entry {
                    place: Place::Path(path.clone()),
                    size: meta.len(),
                },
            );
        }
    }
    Ok(())
}

/// The quarters' files, opened one at a time as the builder asks.
struct Files {
    inputs: Vec<Input>,
    progress: ProgressBar,
}

impl Source for Files {
    fn read(
        &mut self,
        plan: &QuarterPlan,
        path: &str,
        read: &mut dyn FnMut(&mut dyn BufRead) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let label = plan.label(path);
        let io_error = |source: std::io::Error| Error::Io {
            file: label.clone(),
            line: 0,
            source,
        };
        let input = self
            .inputs
            .iter_mut()
            .find(|input| input.name == plan.input)
            .ok_or_else(|| io_error(std::io::ErrorKind::NotFound.into()))?;
        let entry = input
            .files
            .get(path)
            .ok_or_else(|| io_error(std::io::ErrorKind::NotFound.into()))?;
        self.progress.set_message(label.clone());
        let progress = self.progress.clone();
        match (&entry.place, input.archive.as_mut()) {
            (Place::Path(full), _) => {
                let file = File::open(full).map_err(io_error)?;
                let mut reader = BufReader::with_capacity(BUFFER, Counted(file, progress));
                read(&mut reader)
            }
            (Place::Zipped(index), Some(archive)) => {
                let file = archive
                    .by_index(*index)
                    .map_err(|err| io_error(std::io::Error::other(err)))?;
                let mut reader = BufReader::with_capacity(BUFFER, Counted(file, progress));
                read(&mut reader)
            }
            (Place::Zipped(_), None) => Err(io_error(std::io::ErrorKind::NotFound.into())),
        }
    }
}

/// A reader that moves the progress bar by the bytes it reads.
struct Counted<R>(R, ProgressBar);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.0.read(buf)?;
        self.1.inc(read as u64);
        Ok(read)
    }
}
