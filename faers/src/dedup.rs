//! Deleted cases and the choice of one version per case (faers.md 3.2 and 3.4).

use std::io::BufRead;

use glabella_core::data::{AgeBand, Sex};

use crate::cohorts::Linking;
use crate::hash::{FastMap, FastSet};
use crate::quarter::Quarter;
use crate::strata::{age_band, sex};
use crate::table::{
    for_each_line, parse_id, read_table, required, Column, Fields, Problem, RowParser, Skipped,
};
use crate::terms::Terms;
use crate::Error;

/// The union of the deleted-case lists read: case ids removed from every quarter.
#[derive(Clone, Debug, Default)]
pub struct DeletedCases {
    ids: FastSet<u64>,
    lists: u64,
}

impl DeletedCases {
    /// Adds the case ids of one list: one per line; lines that are not all digits (a `caseid`
    /// header, a blank) are ignored, and so are repeats.
    ///
    /// # Errors
    ///
    /// A read error.
    pub fn read<R: BufRead>(&mut self, file: &str, mut reader: R) -> Result<(), Error> {
        let mut line_no = 0;
        let ids = &mut self.ids;
        for_each_line(&mut reader, |line| {
            line_no += 1;
            if let Some(id) = parse_id(line) {
                ids.insert(id);
            }
        })
        .map_err(|source| Error::Io {
            file: file.to_owned(),
            line: line_no,
            source,
        })?;
        self.lists += 1;
        Ok(())
    }

    /// Distinct case ids listed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Lists read.
    pub fn lists(&self) -> u64 {
        self.lists
    }

    pub fn contains(&self, caseid: u64) -> bool {
        self.ids.contains(&caseid)
    }
}

/// The version of a case that wins so far.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub caseversion: u64,
    pub fda_dt: u32,
    pub quarter: Quarter,
    pub primaryid: u64,
    pub sex: Sex,
    pub age: AgeBand,
}

impl Candidate {
    /// Higher version, then later `fda_dt`, then later quarter, then higher primaryid.
    fn rank(&self) -> (u64, u32, Quarter, u64) {
        (self.caseversion, self.fda_dt, self.quarter, self.primaryid)
    }
}

/// What the DEMO pass counted.
#[derive(Clone, Debug, Default)]
pub(crate) struct DemoCounts {
    /// Reports read per quarter, in the order read.
    pub quarters: Vec<(Quarter, u64)>,
    pub reports_read: u64,
    pub reports_deleted: u64,
    pub cases_deleted: u64,
    pub deleted_lists: u64,
    pub deleted_list_cases: u64,
}

const DEMO_COLUMNS: [Column; 7] = [
    required(&["primaryid"]),
    required(&["caseid"]),
    required(&["caseversion"]),
    required(&["fda_dt"]),
    required(&["sex", "gndr_cod"]),
    required(&["age"]),
    required(&["age_cod"]),
];

/// A DEMO row: a report of a deleted case, or a candidate version of a case.
enum DemoEvent {
    Deleted(u64),
    Case(u64, Candidate),
}

struct DemoParser<'a> {
    deleted: &'a DeletedCases,
    quarter: Quarter,
}

impl RowParser for DemoParser<'_> {
    type Event = DemoEvent;
    type Local = ();

    fn parse(&self, _: &mut (), fields: &Fields) -> Result<Option<DemoEvent>, Problem> {
        let primaryid = parse_id(fields[0]).ok_or(Problem::NotAnId("primaryid"))?;
        let caseid = parse_id(fields[1]).ok_or(Problem::NotAnId("caseid"))?;
        if self.deleted.contains(caseid) {
            return Ok(Some(DemoEvent::Deleted(caseid)));
        }
        Ok(Some(DemoEvent::Case(
            caseid,
            Candidate {
                caseversion: number(fields[2]),
                fda_dt: date(fields[3]),
                quarter: self.quarter,
                primaryid,
                sex: sex(fields[4]),
                age: age_band(fields[5], fields[6]),
            },
        )))
    }
}

/// The DEMO pass: reads every quarter's DEMO and keeps, per case, the version that wins.
#[derive(Debug)]
pub struct Dedup {
    deleted: DeletedCases,
    cases: FastMap<u64, Candidate>,
    deleted_seen: FastSet<u64>,
    counts: DemoCounts,
    skipped: Skipped,
}

impl Dedup {
    /// Starts the DEMO pass; `deleted` must hold every list of every quarter.
    pub fn new(deleted: DeletedCases) -> Dedup {
        Dedup {
            deleted,
            cases: FastMap::default(),
            deleted_seen: FastSet::default(),
            counts: DemoCounts::default(),
            skipped: Skipped::default(),
        }
    }

    /// Reads the DEMO table of one quarter.
    ///
    /// # Errors
    ///
    /// The quarter was read already, the header lacks a needed column, or reading fails.
    pub fn read_demo<R: BufRead>(
        &mut self,
        quarter: Quarter,
        file: &str,
        reader: R,
    ) -> Result<(), Error> {
        if self.counts.quarters.iter().any(|(q, _)| *q == quarter) {
            return Err(Error::Order(format!(
                "{file}: quarter {quarter} is given twice"
            )));
        }
        let Dedup {
            deleted,
            cases,
            deleted_seen,
            counts,
            skipped,
        } = self;
        let mut reports_deleted = 0;
        let parser = DemoParser {
            deleted: &*deleted,
            quarter,
        };
        let read = read_table(
            reader,
            file,
            &DEMO_COLUMNS,
            skipped,
            &parser,
            |event| match event {
                DemoEvent::Deleted(caseid) => {
                    reports_deleted += 1;
                    deleted_seen.insert(caseid);
                }
                DemoEvent::Case(caseid, candidate) => {
                    cases
                        .entry(caseid)
                        .and_modify(|best| {
                            if candidate.rank() > best.rank() {
                                *best = candidate;
                            }
                        })
                        .or_insert(candidate);
                }
            },
        )?;
        counts.quarters.push((quarter, read));
        counts.reports_read += read;
        counts.reports_deleted += reports_deleted;
        Ok(())
    }

    /// Ends the DEMO pass: the winning reports, ready for DRUG, INDI and REAC.
    pub fn finish(self, terms: &Terms) -> Linking<'_> {
        let mut counts = self.counts;
        counts.cases_deleted = self.deleted_seen.len() as u64;
        counts.deleted_lists = self.deleted.lists();
        counts.deleted_list_cases = self.deleted.len() as u64;
        let quarters: Vec<Quarter> = counts.quarters.iter().map(|(q, _)| *q).collect();
        Linking::new(terms, self.cases, &quarters, counts, self.skipped)
    }
}

/// A case version: digits, else 0 (pharmawatch's rule for a missing version).
fn number(field: &[u8]) -> u64 {
    let digits = field.trim_ascii();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return 0;
    }
    digits.iter().fold(0u64, |acc, &byte| {
        acc.saturating_mul(10)
            .saturating_add(u64::from(byte - b'0'))
    })
}

/// `YYYYMMDD`, or a partial `YYYYMM` / `YYYY` placed at the start of its period; else 0.
fn date(field: &[u8]) -> u32 {
    let digits = field.trim_ascii();
    if !digits.iter().all(u8::is_ascii_digit) {
        return 0;
    }
    let value = || {
        digits
            .iter()
            .fold(0u32, |acc, &byte| acc * 10 + u32::from(byte - b'0'))
    };
    match digits.len() {
        8 => value(),
        6 => value() * 100,
        4 => value() * 10_000,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_dates_read_as_numbers() {
        assert_eq!(number(b"10"), 10);
        assert!(number(b"10") > number(b"9"));
        assert_eq!(number(b""), 0);
        assert_eq!(number(b"v2"), 0);
        assert_eq!(number(b"99999999999999999999999"), u64::MAX);
        assert_eq!(date(b"20190315"), 20_190_315);
        assert_eq!(date(b"201903"), 20_190_300);
        assert_eq!(date(b"2019"), 20_190_000);
        assert_eq!(date(b"19-03"), 0);
        assert_eq!(date(b"123"), 0);
    }

    #[test]
    fn deleted_lists_keep_digit_lines_only() {
        let mut deleted = DeletedCases::default();
        deleted
            .read("A.txt", &b"caseid\r\n101\r\n101\r\n \r\n102 \r\n"[..])
            .unwrap();
        deleted.read("B.txt", &b"103\nx104\n"[..]).unwrap();
        assert_eq!(deleted.len(), 3);
        assert_eq!(deleted.lists(), 2);
        assert!(deleted.contains(102));
        assert!(!deleted.contains(104));
    }
}
