//! Which file of a quarter is which, and the order of the passes over them.
//!
//! The files themselves are opened by a [`Source`] (the command's folders and zips, or bytes in
//! memory in the tests), so this stays free of the file system.

use std::io::BufRead;

use crate::cohorts::{Linking, Options};
use crate::dedup::{Dedup, DeletedCases};
use crate::output::Built;
use crate::quarter::Quarter;
use crate::terms::Terms;
use crate::Error;

/// The tables the builder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    Demo,
    Drug,
    Indi,
    Reac,
}

impl TableKind {
    pub const ALL: [TableKind; 4] = [
        TableKind::Demo,
        TableKind::Drug,
        TableKind::Indi,
        TableKind::Reac,
    ];

    pub fn stem(self) -> &'static str {
        match self {
            TableKind::Demo => "DEMO",
            TableKind::Drug => "DRUG",
            TableKind::Indi => "INDI",
            TableKind::Reac => "REAC",
        }
    }
}

/// What a file of a quarter is to the builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Table(TableKind),
    /// A deleted-case list: a `.txt` whose path contains `delet`, in any case.
    Deleted,
}

/// The kind of a file, from its path inside the quarter; `None` for files not read (OUTC,
/// THER, RPSR, STAT, PDFs).
pub fn file_kind(path: &str) -> Option<FileKind> {
    let lower = path.to_ascii_lowercase();
    if !lower.ends_with(".txt") {
        return None;
    }
    if lower.contains("delet") {
        return Some(FileKind::Deleted);
    }
    let name = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    Quarter::from_table_name(name)?;
    TableKind::ALL
        .into_iter()
        .find(|kind| name.starts_with(&kind.stem().to_ascii_lowercase()))
        .map(FileKind::Table)
}

/// The files of one quarter the builder reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterPlan {
    /// The quarter as given (a folder or a zip), for messages.
    pub input: String,
    pub quarter: Quarter,
    /// Paths inside the quarter of DEMO, DRUG, INDI and REAC.
    pub tables: [String; 4],
    pub deleted: Vec<String>,
}

impl QuarterPlan {
    /// Sorts the paths of a quarter's files (folders in any case, `DEMO18Q1_new.txt` too).
    ///
    /// # Errors
    ///
    /// A table missing or found twice, naming the quarter as given.
    pub fn new(input: &str, paths: &[String]) -> Result<QuarterPlan, Error> {
        let mut tables: [Vec<&String>; 4] = Default::default();
        let mut deleted = Vec::new();
        for path in paths {
            match file_kind(path) {
                Some(FileKind::Table(kind)) => tables[kind as usize].push(path),
                Some(FileKind::Deleted) => deleted.push(path.clone()),
                None => {}
            }
        }
        let mut found: Vec<String> = Vec::new();
        for (kind, paths) in TableKind::ALL.into_iter().zip(&tables) {
            match paths.as_slice() {
                [path] => found.push((*path).clone()),
                [] => {
                    return Err(Error::Order(format!(
                        "{input}: no {} table (a file named like {}19Q1.txt)",
                        kind.stem(),
                        kind.stem()
                    )))
                }
                [first, second, ..] => {
                    return Err(Error::Order(format!(
                        "{input}: two {} tables, {first} and {second}",
                        kind.stem()
                    )))
                }
            }
        }
        let quarter = Quarter::from_table_name(&found[0]).ok_or_else(|| {
            Error::Order(format!("{input}: cannot tell the quarter of {}", found[0]))
        })?;
        deleted.sort();
        let [demo, drug, indi, reac]: [String; 4] = found
            .try_into()
            .map_err(|_| Error::Order(format!("{input}: the tables could not be sorted")))?;
        Ok(QuarterPlan {
            input: input.to_owned(),
            quarter,
            tables: [demo, drug, indi, reac],
            deleted,
        })
    }

    /// How a file is named in messages: the quarter as given, then the path inside it.
    pub fn label(&self, path: &str) -> String {
        format!("{}/{path}", self.input.trim_end_matches(['/', '\\']))
    }
}

/// Opens the files of the quarters.
pub trait Source {
    /// Calls `read` with a reader of the file at `path` of quarter `plan`.
    ///
    /// # Errors
    ///
    /// The file cannot be opened (as [`Error::Io`] naming it), or `read`'s error.
    fn read(
        &mut self,
        plan: &QuarterPlan,
        path: &str,
        read: &mut dyn FnMut(&mut dyn BufRead) -> Result<(), Error>,
    ) -> Result<(), Error>;
}

/// Builds the dataset of the quarters: the deleted lists of all of them, DEMO of each, then
/// DRUG, INDI and REAC of each.
///
/// # Errors
///
/// A quarter given twice, a table that cannot be read or lacks a needed column.
pub fn build(
    plans: &[QuarterPlan],
    terms: &Terms,
    options: Options,
    source: &mut dyn Source,
) -> Result<Built, Error> {
    for (idx, plan) in plans.iter().enumerate() {
        if let Some(first) = plans[..idx].iter().find(|p| p.quarter == plan.quarter) {
            return Err(Error::Order(format!(
                "{} and {} are both quarter {}",
                first.input, plan.input, plan.quarter
            )));
        }
    }
    let mut deleted = DeletedCases::default();
    for plan in plans {
        for path in &plan.deleted {
            let label = plan.label(path);
            source.read(plan, path, &mut |reader| deleted.read(&label, reader))?;
        }
    }
    let mut dedup = Dedup::new(deleted);
    for plan in plans {
        let path = &plan.tables[TableKind::Demo as usize];
        let label = plan.label(path);
        source.read(plan, path, &mut |reader| {
            dedup.read_demo(plan.quarter, &label, reader)
        })?;
    }
    let mut linking: Linking<'_> = dedup.finish(terms);
    for plan in plans {
        for kind in [TableKind::Drug, TableKind::Indi, TableKind::Reac] {
            let path = &plan.tables[kind as usize];
            let label = plan.label(path);
            source.read(plan, path, &mut |reader| match kind {
                TableKind::Drug => linking.read_drug(plan.quarter, &label, reader),
                TableKind::Indi => linking.read_indi(plan.quarter, &label, reader),
                _ => linking.read_reac(plan.quarter, &label, reader),
            })?;
        }
    }
    linking.finish(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|path| (*path).to_owned()).collect()
    }

    #[test]
    fn files_are_sorted_by_name_in_any_case() {
        for (path, want) in [
            ("ascii/DEMO19Q1.txt", Some(FileKind::Table(TableKind::Demo))),
            ("ASCII/demo12q4.txt", Some(FileKind::Table(TableKind::Demo))),
            (
                "ascii/DEMO18Q1_new.txt",
                Some(FileKind::Table(TableKind::Demo)),
            ),
            ("ascii/DRUG19Q1.TXT", Some(FileKind::Table(TableKind::Drug))),
            ("ascii/OUTC19Q1.txt", None),
            ("ascii/DEMO19Q1.pdf", None),
            ("deleted/ADR19Q1DeletedCases.txt", Some(FileKind::Deleted)),
            ("Deleted/DELETE21Q4.txt", Some(FileKind::Deleted)),
            ("DELETED/AllDeletedCases.txt", Some(FileKind::Deleted)),
            ("__MACOSX/ascii/._DEMO19Q1.txt", None),
            ("ascii/demographics.txt", None),
        ] {
            assert_eq!(file_kind(path), want, "{path}");
        }
    }

    #[test]
    fn a_quarter_needs_each_table_once() {
        let plan = QuarterPlan::new(
            "q/",
            &paths(&[
                "ascii/DEMO18Q1_new.txt",
                "ascii/DRUG18Q1.txt",
                "ascii/INDI18Q1.txt",
                "ascii/REAC18Q1.txt",
                "ascii/OUTC18Q1.txt",
                "Readme.pdf",
            ]),
        )
        .unwrap();
        assert_eq!(plan.quarter, Quarter::new(2018, 1).unwrap());
        assert_eq!(plan.tables[0], "ascii/DEMO18Q1_new.txt");
        assert!(plan.deleted.is_empty());
        assert_eq!(plan.label("ascii/DRUG18Q1.txt"), "q/ascii/DRUG18Q1.txt");

        let err = QuarterPlan::new(
            "q",
            &paths(&["DEMO18Q1.txt", "DRUG18Q1.txt", "REAC18Q1.txt"]),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "q: no INDI table (a file named like INDI19Q1.txt)");
        let err = QuarterPlan::new(
            "q",
            &paths(&[
                "DEMO18Q1.txt",
                "x/DEMO18Q1.txt",
                "DRUG18Q1.txt",
                "INDI18Q1.txt",
                "REAC18Q1.txt",
            ]),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "q: two DEMO tables, DEMO18Q1.txt and x/DEMO18Q1.txt");
    }
}
