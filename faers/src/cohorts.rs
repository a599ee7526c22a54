//! DRUG, INDI and REAC of the winning reports: BoNT rows, indications, antidepressants and
//! depression, then the cohorts and arms of each report.

use std::io::BufRead;

use glabella_core::data::{AgeBand, Sex};

use crate::dedup::{Candidate, DemoCounts};
use crate::hash::FastMap;
use crate::output::{self, Built, Counts, TableRows};
use crate::quarter::Quarter;
use crate::table::{
    optional, parse_id, read_table, required, Column, Fields, Problem, RowParser, Skipped,
};
use crate::terms::{NameClass, Terms};
use crate::Error;

/// What the command line can change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Drop BoNT reports whose BoNT indications map to two or more cohorts.
    pub exclusive: bool,
    /// Keep reports that have an antidepressant row.
    pub keep_antidepressants: bool,
}

/// A BoNT row whose role is not `DN` (drug not administered).
const BONT: u8 = 1;
/// Any BoNT row, whatever its role: such a report is never a control.
const BONT_ANY: u8 = 2;
const ANTIDEPRESSANT: u8 = 4;
const DEPRESSION: u8 = 8;

/// What is kept of a winning report.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Report {
    pub sex: Sex,
    pub age: AgeBand,
    flags: u8,
    /// Cohorts of the indications of its BoNT rows.
    bont_cohorts: u32,
    /// Cohorts of the indications of all its drug rows.
    any_cohorts: u32,
}

const DRUG_COLUMNS: [Column; 5] = [
    required(&["primaryid"]),
    required(&["drug_seq"]),
    required(&["role_cod"]),
    required(&["drugname"]),
    optional(&["prod_ai"]),
];

const INDI_COLUMNS: [Column; 3] = [
    required(&["primaryid"]),
    required(&["indi_drug_seq"]),
    required(&["indi_pt"]),
];

const REAC_COLUMNS: [Column; 2] = [required(&["primaryid"]), required(&["pt"])];

/// A DRUG row of a winning report that is BoNT or an antidepressant.
struct DrugEvent {
    idx: u32,
    flags: u8,
    /// The `drug_seq` of a BoNT row whose role is not `DN`.
    seq: Option<u64>,
}

struct DrugParser<'a> {
    terms: &'a Terms,
    index: &'a FastMap<u64, u32>,
}

impl RowParser for DrugParser<'_> {
    type Event = DrugEvent;
    /// What each drug name read so far contains: names repeat a great deal.
    type Local = FastMap<Box<[u8]>, NameClass>;

    fn parse(
        &self,
        names: &mut Self::Local,
        fields: &Fields,
    ) -> Result<Option<DrugEvent>, Problem> {
        let primaryid = parse_id(fields[0]).ok_or(Problem::NotAnId("primaryid"))?;
        let Some(&idx) = self.index.get(&primaryid) else {
            return Ok(None);
        };
        let name = classify(self.terms, names, fields[3]);
        let ingredient = classify(self.terms, names, fields[4]);
        let mut event = DrugEvent {
            idx,
            flags: 0,
            seq: None,
        };
        if name.antidepressant || ingredient.antidepressant {
            event.flags |= ANTIDEPRESSANT;
        }
        let excluded = name.exclude || ingredient.exclude;
        if (name.bont || ingredient.bont) && !excluded {
            event.flags |= BONT_ANY;
            if !fields[2].trim_ascii().eq_ignore_ascii_case(b"DN") {
                event.flags |= BONT;
                event.seq = parse_id(fields[1]);
            }
        }
        Ok((event.flags != 0).then_some(event))
    }
}

/// An INDI row of a winning report whose term is in a cohort.
struct IndiEvent {
    idx: u32,
    seq: Option<u64>,
    mask: u32,
}

struct IndiParser<'a> {
    terms: &'a Terms,
    index: &'a FastMap<u64, u32>,
}

impl RowParser for IndiParser<'_> {
    type Event = IndiEvent;
    type Local = Vec<u8>;

    fn parse(&self, scratch: &mut Vec<u8>, fields: &Fields) -> Result<Option<IndiEvent>, Problem> {
        let primaryid = parse_id(fields[0]).ok_or(Problem::NotAnId("primaryid"))?;
        let Some(&idx) = self.index.get(&primaryid) else {
            return Ok(None);
        };
        let mask = self.terms.indication_mask(fields[2], scratch);
        Ok((mask != 0).then(|| IndiEvent {
            idx,
            seq: parse_id(fields[1]),
            mask,
        }))
    }
}

/// A winning report's REAC row with a depression term: the report's index.
struct ReacParser<'a> {
    terms: &'a Terms,
    index: &'a FastMap<u64, u32>,
}

impl RowParser for ReacParser<'_> {
    type Event = u32;
    type Local = Vec<u8>;

    fn parse(&self, scratch: &mut Vec<u8>, fields: &Fields) -> Result<Option<u32>, Problem> {
        let primaryid = parse_id(fields[0]).ok_or(Problem::NotAnId("primaryid"))?;
        let Some(&idx) = self.index.get(&primaryid) else {
            return Ok(None);
        };
        Ok(self.terms.is_depression(fields[1], scratch).then_some(idx))
    }
}

/// The second pass: the rows of winning reports, quarter by quarter.
#[derive(Debug)]
pub struct Linking<'t> {
    terms: &'t Terms,
    reports: Vec<Report>,
    /// Per quarter, the primaryid of each winning report → its index in `reports`.
    index: FastMap<Quarter, FastMap<u64, u32>>,
    /// The `drug_seq` of each BoNT row (role not `DN`), per report index.
    bont_seqs: FastMap<u32, Vec<u64>>,
    drug_read: Vec<Quarter>,
    indi_read: Vec<Quarter>,
    reac_read: Vec<Quarter>,
    counts: DemoCounts,
    rows: TableRows,
    skipped: Skipped,
}

/// The most distinct drug names remembered; further names are matched each time.
const NAME_CACHE: usize = 1 << 17;

/// What a drug name contains, remembered.
fn classify(terms: &Terms, cache: &mut FastMap<Box<[u8]>, NameClass>, name: &[u8]) -> NameClass {
    if name.is_empty() {
        return NameClass::default();
    }
    if let Some(&class) = cache.get(name) {
        return class;
    }
    let class = terms.classify(name);
    if cache.len() < NAME_CACHE {
        cache.insert(name.into(), class);
    }
    class
}

impl<'t> Linking<'t> {
    pub(crate) fn new(
        terms: &'t Terms,
        cases: FastMap<u64, Candidate>,
        quarters: &[Quarter],
        counts: DemoCounts,
        skipped: Skipped,
    ) -> Linking<'t> {
        let mut index: FastMap<Quarter, FastMap<u64, u32>> = quarters
            .iter()
            .map(|&quarter| (quarter, FastMap::default()))
            .collect();
        let mut reports = Vec::with_capacity(cases.len());
        for candidate in cases.into_values() {
            let Some(map) = index.get_mut(&candidate.quarter) else {
                continue;
            };
            // Two cases whose winners share a primaryid in one quarter cannot be told apart in
            // DRUG, INDI and REAC: the first keeps the rows, the other has none.
            map.entry(candidate.primaryid)
                .or_insert(reports.len() as u32);
            reports.push(Report {
                sex: candidate.sex,
                age: candidate.age,
                flags: 0,
                bont_cohorts: 0,
                any_cohorts: 0,
            });
        }
        let rows = TableRows {
            demo: counts.reports_read,
            ..TableRows::default()
        };
        Linking {
            terms,
            reports,
            index,
            bont_seqs: FastMap::default(),
            drug_read: Vec::new(),
            indi_read: Vec::new(),
            reac_read: Vec::new(),
            counts,
            rows,
            skipped,
        }
    }

    /// The winning reports of a quarter.
    fn quarter_index(&self, quarter: Quarter, file: &str) -> Result<&FastMap<u64, u32>, Error> {
        self.index.get(&quarter).ok_or_else(|| {
            Error::Order(format!(
                "{file}: the DEMO table of {quarter} was not read first"
            ))
        })
    }

    fn once(read: &mut Vec<Quarter>, quarter: Quarter, file: &str) -> Result<(), Error> {
        if read.contains(&quarter) {
            return Err(Error::Order(format!(
                "{file}: a second table of this kind for {quarter}"
            )));
        }
        read.push(quarter);
        Ok(())
    }

    /// Reads one quarter's DRUG: BoNT rows and antidepressant rows of winning reports.
    ///
    /// # Errors
    ///
    /// The quarter's DEMO was not read, its DRUG was, the header lacks a needed column, or
    /// reading fails.
    pub fn read_drug<R: BufRead>(
        &mut self,
        quarter: Quarter,
        file: &str,
        reader: R,
    ) -> Result<(), Error> {
        self.quarter_index(quarter, file)?;
        Self::once(&mut self.drug_read, quarter, file)?;
        let Linking {
            terms,
            reports,
            index,
            bont_seqs,
            skipped,
            ..
        } = self;
        let parser = DrugParser {
            terms,
            index: &index[&quarter],
        };
        let read = read_table(reader, file, &DRUG_COLUMNS, skipped, &parser, |event| {
            let report = &mut reports[event.idx as usize];
            report.flags |= event.flags;
            if let Some(seq) = event.seq {
                bont_seqs.entry(event.idx).or_default().push(seq);
            }
        })?;
        self.rows.drug += read;
        Ok(())
    }

    /// Reads one quarter's INDI, after its DRUG: the cohorts of each report's indications.
    ///
    /// # Errors
    ///
    /// The quarter's DRUG was not read first, its INDI was, the header lacks a needed column,
    /// or reading fails.
    pub fn read_indi<R: BufRead>(
        &mut self,
        quarter: Quarter,
        file: &str,
        reader: R,
    ) -> Result<(), Error> {
        if !self.drug_read.contains(&quarter) {
            return Err(Error::Order(format!(
                "{file}: the DRUG table of {quarter} must be read before its INDI"
            )));
        }
        Self::once(&mut self.indi_read, quarter, file)?;
        let Linking {
            terms,
            reports,
            index,
            bont_seqs,
            skipped,
            ..
        } = self;
        let parser = IndiParser {
            terms,
            index: &index[&quarter],
        };
        let read = read_table(reader, file, &INDI_COLUMNS, skipped, &parser, |event| {
            let report = &mut reports[event.idx as usize];
            report.any_cohorts |= event.mask;
            if report.flags & BONT != 0 {
                let on_bont_row = event.seq.is_some_and(|seq| {
                    bont_seqs
                        .get(&event.idx)
                        .is_some_and(|seqs| seqs.contains(&seq))
                });
                if on_bont_row {
                    report.bont_cohorts |= event.mask;
                }
            }
        })?;
        self.rows.indi += read;
        Ok(())
    }

    /// Reads one quarter's REAC: whether each report mentions depression.
    ///
    /// # Errors
    ///
    /// The quarter's DEMO was not read, its REAC was, the header lacks a needed column, or
    /// reading fails.
    pub fn read_reac<R: BufRead>(
        &mut self,
        quarter: Quarter,
        file: &str,
        reader: R,
    ) -> Result<(), Error> {
        self.quarter_index(quarter, file)?;
        Self::once(&mut self.reac_read, quarter, file)?;
        let Linking {
            terms,
            reports,
            index,
            skipped,
            ..
        } = self;
        let parser = ReacParser {
            terms,
            index: &index[&quarter],
        };
        let read = read_table(reader, file, &REAC_COLUMNS, skipped, &parser, |idx| {
            reports[idx as usize].flags |= DEPRESSION;
        })?;
        self.rows.reac += read;
        Ok(())
    }

    /// Assigns each report its cohorts and arm and counts reports per stratum.
    ///
    /// A BoNT report (a BoNT row of any role but `DN`) counts in the cohorts of the indications
    /// on its BoNT rows; with `exclusive`, not at all when they are two or more. A control
    /// report of a cohort has an indication of that cohort and no BoNT row at all. A report with
    /// an antidepressant row counts nowhere unless `keep_antidepressants`.
    ///
    /// # Errors
    ///
    /// A quarter whose DEMO was read but not its DRUG, INDI and REAC.
    pub fn finish(self, options: Options) -> Result<Built, Error> {
        for (quarter, _) in &self.counts.quarters {
            for (name, read) in [
                ("DRUG", &self.drug_read),
                ("INDI", &self.indi_read),
                ("REAC", &self.reac_read),
            ] {
                if !read.contains(quarter) {
                    return Err(Error::Order(format!(
                        "the {name} table of {quarter} was not read"
                    )));
                }
            }
        }
        let cohorts = self.terms.cohorts().len();
        let mut counts = Counts::new(cohorts);
        for report in &self.reports {
            let bont = report.flags & BONT != 0;
            let control = report.flags & BONT_ANY == 0 && report.any_cohorts != 0;
            let in_a_cohort = (bont && report.bont_cohorts != 0) || control;
            if bont && report.bont_cohorts == 0 {
                counts.bont_without_cohort += 1;
            }
            if !in_a_cohort {
                continue;
            }
            if report.flags & ANTIDEPRESSANT != 0 && !options.keep_antidepressants {
                counts.excluded_antidepressants += 1;
                continue;
            }
            let depression = report.flags & DEPRESSION != 0;
            if bont {
                if report.bont_cohorts.count_ones() > 1 {
                    counts.bont_multi_cohort += 1;
                    if options.exclusive {
                        counts.excluded_multi_cohort += 1;
                        continue;
                    }
                }
                counts.add(report, report.bont_cohorts, true, depression);
            } else {
                counts.add(report, report.any_cohorts, false, depression);
            }
        }
        Ok(output::build(
            self.terms,
            options,
            &self.counts,
            self.rows,
            self.reports.len() as u64,
            self.skipped,
            &counts,
        ))
    }
}
