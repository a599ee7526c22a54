//! Builds a format v1 dataset from FAERS quarterly ASCII extracts (2012Q4 on).
//!
//! Tables come in as `impl BufRead`, so this crate never touches the file system: [`build`]
//! asks a [`Source`] (the command's folders and zips, or bytes in memory) for each file of each
//! [`QuarterPlan`], in three steps:
//!
//! 1. [`DeletedCases::read`]: every deleted-case list of every quarter (their union applies to
//!    all quarters);
//! 2. [`Dedup::read_demo`]: the DEMO table of every quarter, which picks one version per case
//!    (highest `caseversion`, then the later `fda_dt`, then the later quarter);
//! 3. [`Dedup::finish`], then per quarter [`Linking::read_drug`], [`Linking::read_indi`] and
//!    [`Linking::read_reac`], which keep only the rows of winning reports; [`Linking::finish`]
//!    assigns cohorts and counts reports per stratum.
//!
//! Memory grows with the number of cases, not of rows: a case id maps to its winning version, and
//! each winning report keeps a few bytes of flags. Each table is cut into chunks of whole lines
//! that worker threads parse; the events they find are applied in file order, so the result
//! does not depend on the number of threads.
//! The term lists (`data/faers/`) are embedded: [`Terms::embedded`]. [`synthetic`] writes
//! quarters with known truth for the tests and the benchmark.

mod cohorts;
mod dedup;
mod hash;
mod output;
mod quarter;
mod sources;
mod strata;
pub mod synthetic;
mod table;
mod terms;

use std::fmt;

pub use cohorts::{Linking, Options};
pub use dedup::{Dedup, DeletedCases};
pub use output::{Built, CohortSummary, QuarterSummary, Summary, TableRows};
pub use quarter::Quarter;
pub use sources::{build, file_kind, FileKind, QuarterPlan, Source, TableKind};
pub use strata::{age_band, sex};
pub use table::{Malformed, Skipped};
pub use terms::{ListVersions, Terms};

/// Why a build stops. Rows of the wrong shape are not errors: they are skipped and counted.
#[derive(Debug)]
pub enum Error {
    /// Reading failed: a truncated archive, a disk error.
    Io {
        file: String,
        /// The last line read completely.
        line: u64,
        source: std::io::Error,
    },
    /// The table has no header line.
    Empty { file: String },
    /// The header lacks a column the builder needs.
    MissingColumn {
        file: String,
        column: String,
        header: Vec<String>,
    },
    /// Tables given in an order the build cannot use (a quarter twice, INDI before DRUG).
    Order(String),
    /// A term list is invalid.
    Terms {
        list: &'static str,
        line: u64,
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { file, line, source } => {
                write!(f, "{file}, after line {line}: cannot read on: {source}")
            }
            Error::Empty { file } => {
                write!(f, "{file}, line 1: the table is empty, with no header line")
            }
            Error::MissingColumn {
                file,
                column,
                header,
            } => write!(
                f,
                "{file}, line 1: the header has no column `{column}` (it has {})",
                header.join(", ")
            ),
            Error::Order(message) => write!(f, "{message}"),
            Error::Terms {
                list,
                line,
                message,
            } => write!(f, "{list}, line {line}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
