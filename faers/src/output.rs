//! The built dataset: report counts per stratum as a format v1 CSV, and the figures of its
//! provenance (the same in the CSV's comments and in [`Summary`]).

use std::fmt::Write as _;

use glabella_core::data::{AgeBand, Sex};
use serde::Serialize;

use crate::cohorts::{Options, Report};
use crate::dedup::DemoCounts;
use crate::quarter::{runs, Quarter};
use crate::table::{Malformed, Skipped};
use crate::terms::{ListVersions, Terms};

/// Rows read per table, across quarters (DEMO: reports read).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TableRows {
    pub demo: u64,
    pub drug: u64,
    pub indi: u64,
    pub reac: u64,
}

/// Reports of one quarter's DEMO.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuarterSummary {
    pub quarter: Quarter,
    pub reports: u64,
}

/// Reports counted in one cohort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CohortSummary {
    pub cohort: String,
    pub bont: u64,
    pub control: u64,
    pub bont_depression: u64,
    pub control_depression: u64,
}

/// Where the counts come from and what was left out on the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The dataset version: quarters, term-list versions and options.
    pub version: String,
    pub source: String,
    pub quarters: Vec<QuarterSummary>,
    pub term_lists: ListVersions,
    pub exclusive: bool,
    pub keep_antidepressants: bool,
    /// DEMO rows read, every version of every case.
    pub reports_read: u64,
    pub deleted_lists: u64,
    /// Distinct case ids in the deleted-case lists.
    pub deleted_list_cases: u64,
    /// Cases of the data read that a list deletes, and their reports.
    pub cases_deleted: u64,
    pub reports_deleted: u64,
    /// Reports of a case that another version of it replaces.
    pub versions_superseded: u64,
    /// Cases left, one report each.
    pub cases: u64,
    pub rows: TableRows,
    pub rows_malformed: u64,
    /// The first few malformed rows.
    pub malformed_examples: Vec<Malformed>,
    /// Reports that would count in a cohort but have an antidepressant row.
    pub reports_excluded_antidepressants: u64,
    /// BoNT reports whose BoNT indications map to two or more cohorts.
    pub bont_reports_multi_cohort: u64,
    /// Those of them dropped by `--exclusive`.
    pub reports_excluded_multi_cohort: u64,
    /// BoNT reports with no indication of a cohort on their BoNT rows.
    pub bont_reports_without_cohort: u64,
    pub cohorts: Vec<CohortSummary>,
}

/// The dataset and its provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// Format v1, read by `glabella analyze` and the page.
    pub csv: String,
    pub summary: Summary,
}

const ARMS: [&str; 2] = ["bont", "control"];

/// Reports per cell: cohort × arm × sex × age band × depression.
pub(crate) struct Counts {
    cells: Vec<u64>,
    pub bont_without_cohort: u64,
    pub excluded_antidepressants: u64,
    pub bont_multi_cohort: u64,
    pub excluded_multi_cohort: u64,
}

fn cell(cohort: usize, bont: bool, sex: Sex, age: AgeBand, depression: bool) -> usize {
    let arm = usize::from(!bont);
    let sex = Sex::ALL.iter().position(|&s| s == sex).unwrap_or(2);
    let age = AgeBand::ALL.iter().position(|&a| a == age).unwrap_or(7);
    (((cohort * 2 + arm) * 3 + sex) * 8 + age) * 2 + usize::from(!depression)
}

impl Counts {
    pub fn new(cohorts: usize) -> Counts {
        Counts {
            cells: vec![0; cohorts * 2 * 3 * 8 * 2],
            bont_without_cohort: 0,
            excluded_antidepressants: 0,
            bont_multi_cohort: 0,
            excluded_multi_cohort: 0,
        }
    }

    /// Counts a report once in each cohort of `mask`.
    pub fn add(&mut self, report: &Report, mask: u32, bont: bool, depression: bool) {
        let mut rest = mask;
        while rest != 0 {
            let cohort = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            self.cells[cell(cohort, bont, report.sex, report.age, depression)] += 1;
        }
    }

    fn get(&self, cohort: usize, bont: bool, sex: Sex, age: AgeBand, depression: bool) -> u64 {
        self.cells[cell(cohort, bont, sex, age, depression)]
    }

    fn total(&self, cohort: usize, bont: bool, depression: Option<bool>) -> u64 {
        let mut res = 0;
        for sex in Sex::ALL {
            for age in AgeBand::ALL {
                for dep in [true, false] {
                    if depression.is_none_or(|want| want == dep) {
                        res += self.get(cohort, bont, sex, age, dep);
                    }
                }
            }
        }
        res
    }
}

pub(crate) fn build(
    terms: &Terms,
    options: Options,
    demo: &DemoCounts,
    rows: TableRows,
    cases: u64,
    skipped: Skipped,
    counts: &Counts,
) -> Built {
    let quarters: Vec<Quarter> = demo.quarters.iter().map(|(q, _)| *q).collect();
    let lists = terms.versions();
    let mut version = format!(
        "faers-{}_bont-{}_indications-{}_depression-{}_antidepressants-{}",
        runs(&quarters),
        lists.bont,
        lists.indications,
        lists.depression,
        lists.antidepressants
    );
    if options.exclusive {
        version.push_str("_exclusive");
    }
    if options.keep_antidepressants {
        version.push_str("_keep-antidepressants");
    }
    let mut sorted = quarters.clone();
    sorted.sort();
    let quarter_list: Vec<String> = sorted.iter().map(Quarter::to_string).collect();
    let source = format!(
        "FDA Adverse Event Reporting System (FAERS), quarterly ASCII extracts {}; term lists of data/faers/",
        quarter_list.join(", ")
    );
    let cohorts: Vec<CohortSummary> = terms
        .cohorts()
        .iter()
        .enumerate()
        .map(|(idx, slug)| CohortSummary {
            cohort: slug.clone(),
            bont: counts.total(idx, true, None),
            control: counts.total(idx, false, None),
            bont_depression: counts.total(idx, true, Some(true)),
            control_depression: counts.total(idx, false, Some(true)),
        })
        .collect();
    let mut quarter_rows: Vec<QuarterSummary> = demo
        .quarters
        .iter()
        .map(|&(quarter, reports)| QuarterSummary { quarter, reports })
        .collect();
    quarter_rows.sort_by_key(|row| row.quarter);
    let summary = Summary {
        version,
        source,
        quarters: quarter_rows,
        term_lists: lists.clone(),
        exclusive: options.exclusive,
        keep_antidepressants: options.keep_antidepressants,
        reports_read: demo.reports_read,
        deleted_lists: demo.deleted_lists,
        deleted_list_cases: demo.deleted_list_cases,
        cases_deleted: demo.cases_deleted,
        reports_deleted: demo.reports_deleted,
        versions_superseded: demo.reports_read - demo.reports_deleted - cases,
        cases,
        rows,
        rows_malformed: skipped.rows,
        malformed_examples: skipped.examples,
        reports_excluded_antidepressants: counts.excluded_antidepressants,
        bont_reports_multi_cohort: counts.bont_multi_cohort,
        reports_excluded_multi_cohort: counts.excluded_multi_cohort,
        bont_reports_without_cohort: counts.bont_without_cohort,
        cohorts,
    };
    Built {
        csv: csv(terms, &summary, counts),
        summary,
    }
}

/// Control characters out of a file name, so a comment stays on one line.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn csv(terms: &Terms, summary: &Summary, counts: &Counts) -> String {
    let yes = |flag: bool| if flag { "yes" } else { "no" };
    let rows = &summary.rows;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(
        "# Glabella dataset, format v1: FAERS reports per stratum, built by glabella build-faers."
            .into(),
    );
    line(format!("# version: {}", summary.version));
    line(format!("# source: {}", summary.source));
    let lists = &summary.term_lists;
    line(format!(
        "# term lists: bont {}, indications {}, depression {}, antidepressants {}",
        lists.bont, lists.indications, lists.depression, lists.antidepressants
    ));
    line(format!(
        "# options: exclusive {}, keep antidepressants {}",
        yes(summary.exclusive),
        yes(summary.keep_antidepressants)
    ));
    line(format!(
        "# reports read: {} (DEMO rows of {} quarters; DRUG rows {}, INDI rows {}, REAC rows {})",
        summary.reports_read,
        summary.quarters.len(),
        rows.drug,
        rows.indi,
        rows.reac
    ));
    line(format!(
        "# deleted-case lists: {} lists, {} distinct case ids",
        summary.deleted_lists, summary.deleted_list_cases
    ));
    line(format!(
        "# cases deleted: {} ({} reports)",
        summary.cases_deleted, summary.reports_deleted
    ));
    line(format!(
        "# versions superseded: {}",
        summary.versions_superseded
    ));
    line(format!("# cases kept: {} (one report each)", summary.cases));
    line(format!(
        "# rows skipped as malformed: {}",
        summary.rows_malformed
    ));
    for example in &summary.malformed_examples {
        line(format!(
            "# malformed: {}, line {}: {}",
            clean(&example.file),
            example.line,
            example.problem
        ));
    }
    line(format!(
        "# reports excluded for antidepressants: {}",
        summary.reports_excluded_antidepressants
    ));
    line(format!(
        "# BoNT reports with indications of two or more cohorts: {} ({})",
        summary.bont_reports_multi_cohort,
        if summary.exclusive {
            "dropped by --exclusive"
        } else {
            "counted in each"
        }
    ));
    line(format!(
        "# BoNT reports without an indication of a cohort on their BoNT rows: {}",
        summary.bont_reports_without_cohort
    ));
    for cohort in &summary.cohorts {
        line(format!(
            "# cohort {}: {} BoNT reports ({} with depression), {} control reports ({} with depression)",
            cohort.cohort, cohort.bont, cohort.bont_depression, cohort.control, cohort.control_depression
        ));
    }
    line(
        "# A report counts once in each of its cohorts; strata with no reports are left out."
            .into(),
    );
    line("indication,arm,sex,age_band,depression,reports".into());
    let mut strata = 0;
    for (idx, slug) in terms.cohorts().iter().enumerate() {
        for (arm, bont) in ARMS.iter().zip([true, false]) {
            for sex in Sex::ALL {
                for age in AgeBand::ALL {
                    for depression in [true, false] {
                        let reports = counts.get(idx, bont, sex, age, depression);
                        if reports > 0 {
                            strata += 1;
                            let _ = writeln!(
                                out,
                                "{slug},{arm},{},{},{},{reports}",
                                sex.code(),
                                age.code(),
                                u8::from(depression)
                            );
                        }
                    }
                }
            }
        }
    }
    if strata == 0 {
        // Format v1 needs a row: every cohort's arms, with no reports.
        for slug in terms.cohorts() {
            for arm in ARMS {
                let _ = writeln!(out, "{slug},{arm},U,U,0,0");
            }
        }
    }
    out
}
