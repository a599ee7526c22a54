//! Synthetic FAERS quarters with known truth, for the tests and the benchmark.
//!
//! Every case is planned first (its arm, cohorts, antidepressant, depression, sex and age band),
//! then written as DEMO, DRUG, INDI and REAC rows in the layout of its quarter. The truth is
//! tallied from the plans, not by reading the rows back, so it checks the builder independently.
//!
//! With `edge_cases`, quarters also hold what real extracts throw at a reader (faers.md): several
//! versions of a case across quarters (a higher version in an earlier quarter too, versions 9 and
//! 10, ties on `fda_dt` and on the quarter, one primaryid in two quarters), deleted-case lists in
//! every naming style with their dirt, BoNT on many rows of one report, `DN` rows, antitoxin,
//! rows of the wrong shape, lines broken inside a name, a trailing `$`, bytes that are not UTF-8
//! and `"` in names. Deterministic for a seed; no file is written here.

use std::collections::{BTreeMap, BTreeSet};

use glabella_core::data::{AgeBand, Sex};

use crate::cohorts::Options;
use crate::output::TableRows;
use crate::quarter::Quarter;

/// SplitMix64: small, fast and the same everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for idx in (1..items.len()).rev() {
            let other = self.below(idx + 1);
            items.swap(idx, other);
        }
    }
}

/// The cohorts and the indication terms the generator writes for them (all in
/// `data/faers/indications.csv`).
pub const COHORT_TERMS: [(&str, &[&str]); 8] = [
    ("cosmetic", &["Skin wrinkling", "Skin cosmetic procedure"]),
    ("migraine", &["Migraine", "Chronic migraine"]),
    ("spasticity", &["Muscle spasticity", "Muscle spasms"]),
    ("torticollis", &["Torticollis"]),
    ("blepharospasm", &["Blepharospasm"]),
    ("hyperhidrosis", &["Hyperhidrosis"]),
    ("sialorrhea", &["Salivary hypersecretion", "Drooling"]),
    ("bladder", &["Hypertonic bladder", "Urinary incontinence"]),
];

/// Indications in no cohort, some close to a cohort's term.
/// The last is not UTF-8 and is written only with `edge_cases`, as in all lists below.
const NEUTRAL_INDICATIONS: [&[u8]; 8] = [
    b"Product used for unknown indication",
    b"Off label use",
    b"Hypertension",
    b"Migraine with aura",
    b"Depression",
    b"Rheumatoid arthritis",
    b"Pain",
    b"Douleur \xe9tendue",
];

const DEPRESSION_TERMS: [&str; 5] = [
    "Depression",
    "DEPRESSION",
    "Depressed mood",
    "Major depression",
    "Depressive symptom",
];

const OTHER_REACTIONS: [&[u8]; 8] = [
    b"Injection site pain",
    b"Headache",
    b"Respiratory depression",
    b"Dysphagia",
    b"Eyelid ptosis",
    b"Drug ineffective",
    b"Suicidal ideation",
    b"Fatigue \xff",
];

/// BoNT drug rows: drugname and prod_ai. The last needs prod_ai (2014Q3 on).
const BONT_DRUGS: [(&[u8], &[u8]); 10] = [
    (b"BOTOX", b"ONABOTULINUMTOXINA"),
    (b"BOTOX COSMETIC", b"ONABOTULINUMTOXINA"),
    (b"Botox", b""),
    (b"DYSPORT", b"ABOBOTULINUMTOXINA"),
    (b"XEOMIN", b"INCOBOTULINUMTOXINA"),
    (b"botulinum toxin type a", b""),
    (b"\"BOTOX\" 100 UNITS", b"ONABOTULINUMTOXINA"),
    (b"BOTOX \xe9\xff", b"ONABOTULINUMTOXINA"),
    (b"MYOBLOC", b"RIMABOTULINUMTOXINB"),
    (b"NEUROTOXIN INJECTION", b"ONABOTULINUMTOXINA"),
];

/// Drugs that are neither BoNT nor antidepressants; the antitoxin names contain BOTULINUM.
const OTHER_DRUGS: [(&[u8], &[u8]); 9] = [
    (b"LISINOPRIL", b"LISINOPRIL"),
    (b"\"VITAMINS\" (NOS)", b""),
    (b"HUMIRA", b"ADALIMUMAB"),
    (b"TOPAMAX", b"TOPIRAMATE"),
    (b"OXYBUTYNIN CHLORIDE", b"OXYBUTYNIN CHLORIDE"),
    (b"AIMOVIG", b"ERENUMAB-AOOE"),
    (b"Metformin \xe9", b"METFORMIN"),
    // Only with `edge_cases`, with the name above.
    (b"BOTULINUM ANTITOXIN", b""),
    (
        b"BOTULISM ANTITOXIN HEPTAVALENT",
        b"BOTULINUM ANTITOXIN HEPTAVALENT (EQUINE)",
    ),
];

/// Antidepressant rows. The last needs prod_ai.
const ANTIDEPRESSANTS: [(&[u8], &[u8]); 4] = [
    (b"ZOLOFT", b"SERTRALINE HYDROCHLORIDE"),
    (b"Prozac( Fluoxetine Hydrochloride", b""),
    (b"CYMBALTA", b"DULOXETINE HYDROCHLORIDE"),
    (b"GENERIC TABLET", b"ESCITALOPRAM OXALATE"),
];

/// The arm a winning report is planned to have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlannedArm {
    /// BoNT rows whose indications give these cohorts (indices of [`COHORT_TERMS`]).
    Bont(Vec<usize>),
    /// BoNT rows, none with an indication of a cohort.
    BontWithoutCohort,
    /// No BoNT row; these cohorts' indications on other drugs.
    Control(Vec<usize>),
    /// Only a BoNT row of role `DN`, and a cohort's indication on another drug: in no arm.
    DnOnly(usize),
    /// No BoNT row and no cohort indication.
    Neither,
}

/// What one report is planned to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub arm: PlannedArm,
    pub antidepressant: bool,
    pub depression: bool,
    pub sex: Sex,
    pub age: AgeBand,
}

/// Which column set a quarter has (faers.md 1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnSet {
    /// 2012Q4 to 2014Q2: `gndr_cod`, no `prod_ai`.
    A,
    /// 2014Q3 on: `sex`, `prod_ai`.
    B,
}

/// How one quarter is laid out.
#[derive(Clone, Debug)]
pub struct Layout {
    pub quarter: Quarter,
    pub columns: ColumnSet,
    pub crlf: bool,
    /// Folder of the tables inside the quarter (`ascii`, `ASCII`).
    pub folder: String,
    /// `demo12q4.txt` rather than `DEMO12Q4.txt`.
    pub lower_case_names: bool,
    pub extension: String,
    /// After the DEMO stem (`DEMO18Q1_new.txt`).
    pub demo_suffix: String,
    /// Deleted-case lists, as paths inside the quarter.
    pub deleted_files: Vec<String>,
    /// Written as `faers_ascii_YYYYqN.zip` (the caller makes the zip).
    pub zip: bool,
    /// Spaces around header names (` rept_dt` as in 2012Q4, `age_cod `).
    pub header_spaces: bool,
    /// Upper-case header names in REAC.
    pub upper_case_header: bool,
    /// A `$` after the last field of every DRUG row (one surplus empty field).
    pub trailing_dollar: bool,
}

impl Layout {
    /// The usual layout of a quarter of its era.
    pub fn new(quarter: Quarter) -> Layout {
        let modern = quarter >= Quarter::new(2014, 3).unwrap_or(quarter);
        Layout {
            quarter,
            columns: if modern { ColumnSet::B } else { ColumnSet::A },
            crlf: true,
            folder: "ascii".into(),
            lower_case_names: false,
            extension: ".txt".into(),
            demo_suffix: String::new(),
            deleted_files: Vec::new(),
            zip: false,
            header_spaces: false,
            upper_case_header: false,
            trailing_dollar: false,
        }
    }

    fn table_name(&self, stem: &str) -> String {
        let suffix = if stem == "DEMO" {
            self.demo_suffix.as_str()
        } else {
            ""
        };
        let name = format!(
            "{stem}{:02}Q{}{suffix}",
            self.quarter.year() % 100,
            self.quarter.quarter()
        );
        let name = if self.lower_case_names {
            name.to_lowercase()
        } else {
            name
        };
        format!("{}/{name}{}", self.folder, self.extension)
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    pub seed: u64,
    pub layouts: Vec<Layout>,
    /// Cases with one version in each quarter.
    pub ordinary: usize,
    /// Shares of ordinary reports planned as BoNT and as controls.
    pub bont_share: f64,
    pub control_share: f64,
    /// Share of reports with depression, and with an antidepressant row.
    pub depression_share: f64,
    pub antidepressant_share: f64,
    /// Of each quarter's ordinary cases, the share deleted by a list (needs deleted files).
    pub deleted_share: f64,
    /// Versions, deletions, malformed rows and odd bytes (see the module's documentation).
    pub edge_cases: bool,
    /// Rows of each table in random order rather than grouped by report.
    pub shuffle: bool,
    /// At most this many drugs besides those the plan needs (0 to this many, evenly).
    pub max_other_drugs: usize,
    /// At most this many reactions per report (1 to this many, evenly).
    pub max_reactions: usize,
}

impl Spec {
    /// One quarter of about the size of a real one (faers.md 1.1: 2025Q4 has 385,288 reports,
    /// 1.8 million DRUG rows, 1.2 million INDI and 1.35 million REAC rows), with a deleted list.
    pub fn full_size(seed: u64, quarter: Quarter, reports: usize) -> Spec {
        let mut layout = Layout::new(quarter);
        layout.deleted_files = vec![format!(
            "Deleted/DELETE{:02}Q{}.txt",
            quarter.year() % 100,
            quarter.quarter()
        )];
        Spec {
            seed,
            layouts: vec![layout],
            ordinary: reports,
            bont_share: 0.01,
            control_share: 0.1,
            depression_share: 0.05,
            antidepressant_share: 0.08,
            deleted_share: 0.01,
            edge_cases: false,
            shuffle: false,
            max_other_drugs: 7,
            max_reactions: 6,
        }
    }
}

/// One quarter's files, as paths inside it and their bytes.
#[derive(Clone, Debug)]
pub struct QuarterFiles {
    pub quarter: Quarter,
    /// `faers_ascii_2019q1`: the folder, or the zip without `.zip`.
    pub name: String,
    pub zip: bool,
    pub files: Vec<(String, Vec<u8>)>,
}

/// The figures the builder must find.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Truth {
    pub reports_read: u64,
    pub deleted_lists: u64,
    pub deleted_list_cases: u64,
    pub cases_deleted: u64,
    pub reports_deleted: u64,
    pub versions_superseded: u64,
    pub cases: u64,
    pub rows: TableRows,
    pub rows_malformed: u64,
    /// The plan of every winning report.
    pub winners: Vec<Planned>,
}

/// Counts expected for one choice of options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expected {
    /// (cohort, BoNT arm, sex, age band, depression) → reports; no zero entries.
    pub strata: BTreeMap<(String, bool, Sex, AgeBand, bool), u64>,
    pub excluded_antidepressants: u64,
    pub bont_multi_cohort: u64,
    pub excluded_multi_cohort: u64,
    pub bont_without_cohort: u64,
}

impl Truth {
    pub fn expected(&self, options: Options) -> Expected {
        let mut res = Expected::default();
        for plan in &self.winners {
            if plan.arm == PlannedArm::BontWithoutCohort {
                res.bont_without_cohort += 1;
            }
            let (cohorts, bont) = match &plan.arm {
                PlannedArm::Bont(cohorts) => (cohorts, true),
                PlannedArm::Control(cohorts) => (cohorts, false),
                _ => continue,
            };
            if plan.antidepressant && !options.keep_antidepressants {
                res.excluded_antidepressants += 1;
                continue;
            }
            if bont && cohorts.len() > 1 {
                res.bont_multi_cohort += 1;
                if options.exclusive {
                    res.excluded_multi_cohort += 1;
                    continue;
                }
            }
            for &cohort in cohorts {
                let key = (
                    COHORT_TERMS[cohort].0.to_owned(),
                    bont,
                    plan.sex,
                    plan.age,
                    plan.depression,
                );
                *res.strata.entry(key).or_insert(0) += 1;
            }
        }
        res
    }
}

/// Rows of the four tables of one quarter, and its deleted lists.
#[derive(Default)]
struct Tables {
    demo: Vec<Vec<u8>>,
    drug: Vec<Vec<u8>>,
    indi: Vec<Vec<u8>>,
    reac: Vec<Vec<u8>>,
    deleted: Vec<Vec<u64>>,
}

const DEMO_A: [&str; 22] = [
    "primaryid",
    "caseid",
    "caseversion",
    "i_f_code",
    "event_dt",
    "mfr_dt",
    "init_fda_dt",
    "fda_dt",
    "rept_cod",
    "mfr_num",
    "mfr_sndr",
    "age",
    "age_cod",
    "gndr_cod",
    "e_sub",
    "wt",
    "wt_cod",
    "rept_dt",
    "to_mfr",
    "occp_cod",
    "reporter_country",
    "occr_country",
];

const DEMO_B: [&str; 25] = [
    "primaryid",
    "caseid",
    "caseversion",
    "i_f_code",
    "event_dt",
    "mfr_dt",
    "init_fda_dt",
    "fda_dt",
    "rept_cod",
    "auth_num",
    "mfr_num",
    "mfr_sndr",
    "lit_ref",
    "age",
    "age_cod",
    "age_grp",
    "sex",
    "e_sub",
    "wt",
    "wt_cod",
    "rept_dt",
    "to_mfr",
    "occp_cod",
    "reporter_country",
    "occr_country",
];

const DRUG_A: [&str; 19] = [
    "primaryid",
    "caseid",
    "drug_seq",
    "role_cod",
    "drugname",
    "val_vbm",
    "route",
    "dose_vbm",
    "cum_dose_chr",
    "cum_dose_unit",
    "dechal",
    "rechal",
    "lot_num",
    "exp_dt",
    "nda_num",
    "dose_amt",
    "dose_unit",
    "dose_form",
    "dose_freq",
];

const DRUG_B: [&str; 20] = [
    "primaryid",
    "caseid",
    "drug_seq",
    "role_cod",
    "drugname",
    "prod_ai",
    "val_vbm",
    "route",
    "dose_vbm",
    "cum_dose_chr",
    "cum_dose_unit",
    "dechal",
    "rechal",
    "lot_num",
    "exp_dt",
    "nda_num",
    "dose_amt",
    "dose_unit",
    "dose_form",
    "dose_freq",
];

const INDI: [&str; 4] = ["primaryid", "caseid", "indi_drug_seq", "indi_pt"];
const REAC_A: [&str; 3] = ["primaryid", "caseid", "pt"];
const REAC_B: [&str; 4] = ["primaryid", "caseid", "pt", "drug_rec_act"];

/// How a DEMO row is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DemoShape {
    Good,
    /// A field short: skipped, and the case's other rows are not its.
    Short,
    /// A `caseid` that is not a number.
    BadCaseid,
}

/// One version of a case, written in one quarter.
struct Version {
    quarter: usize,
    caseversion: u64,
    fda_dt: String,
    primaryid: u64,
    plan: Planned,
    shape: DemoShape,
}

struct Generator<'a> {
    spec: &'a Spec,
    rng: Rng,
    tables: Vec<Tables>,
    truth: Truth,
    next_caseid: u64,
    deleted_ids: BTreeSet<u64>,
}

/// Generates the quarters of a spec and the truth about them.
pub fn generate(spec: &Spec) -> (Vec<QuarterFiles>, Truth) {
    let mut generator = Generator {
        spec,
        rng: Rng::new(spec.seed),
        tables: spec.layouts.iter().map(|_| Tables::default()).collect(),
        truth: Truth::default(),
        next_caseid: 3_000_000,
        deleted_ids: BTreeSet::new(),
    };
    generator.cases();
    generator.finish()
}

impl Generator<'_> {
    fn layout(&self, quarter: usize) -> &Layout {
        &self.spec.layouts[quarter]
    }

    fn caseid(&mut self) -> u64 {
        self.next_caseid += 1 + self.rng.below(3) as u64;
        self.next_caseid
    }

    fn fda_dt(&mut self, quarter: usize) -> String {
        let q = self.layout(quarter).quarter;
        let month = (u32::from(q.quarter()) - 1) * 3 + 1 + self.rng.below(3) as u32;
        let day = 1 + self.rng.below(28);
        format!("{}{month:02}{day:02}", q.year())
    }

    fn plan(&mut self) -> Planned {
        let spec = self.spec;
        let rng = &mut self.rng;
        let roll = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let cohorts = |rng: &mut Rng| {
            let first = rng.below(COHORT_TERMS.len());
            let mut res = vec![first];
            if rng.chance(0.15) {
                let second = rng.below(COHORT_TERMS.len());
                if second != first {
                    res.push(second);
                }
            }
            res
        };
        let arm = if roll < spec.bont_share * 0.9 {
            PlannedArm::Bont(cohorts(rng))
        } else if roll < spec.bont_share {
            if rng.chance(0.8) {
                PlannedArm::BontWithoutCohort
            } else {
                PlannedArm::DnOnly(rng.below(COHORT_TERMS.len()))
            }
        } else if roll < spec.bont_share + spec.control_share {
            PlannedArm::Control(cohorts(rng))
        } else {
            PlannedArm::Neither
        };
        let sex = *rng.pick(&[Sex::F, Sex::F, Sex::F, Sex::M, Sex::M, Sex::U]);
        Planned {
            arm,
            antidepressant: rng.chance(spec.antidepressant_share),
            depression: rng.chance(spec.depression_share),
            sex,
            age: *rng.pick(&AgeBand::ALL),
        }
    }

    fn cases(&mut self) {
        let quarters = self.spec.layouts.len();
        let with_lists: Vec<usize> = (0..quarters)
            .filter(|&q| !self.layout(q).deleted_files.is_empty())
            .collect();
        for quarter in 0..quarters {
            for _ in 0..self.spec.ordinary {
                let caseid = self.caseid();
                let plan = self.plan();
                let deleted = !with_lists.is_empty() && self.rng.chance(self.spec.deleted_share);
                let fda_dt = self.fda_dt(quarter);
                let caseversion = 1 + self.rng.below(3) as u64;
                self.case(
                    caseid,
                    deleted,
                    vec![Version {
                        quarter,
                        caseversion,
                        fda_dt,
                        primaryid: caseid * 100 + caseversion,
                        plan,
                        shape: DemoShape::Good,
                    }],
                    0,
                );
            }
        }
        if self.spec.edge_cases {
            self.edge_cases(&with_lists);
        }
        // Ids in the lists that no quarter holds.
        for _ in 0..(with_lists.len() * 5) {
            let id = 90_000_000 + self.rng.below(1_000_000) as u64;
            self.deleted_ids.insert(id);
        }
        if !with_lists.is_empty() {
            let ids: Vec<u64> = self.deleted_ids.iter().copied().collect();
            for id in ids {
                let quarter = *self.rng.pick(&with_lists);
                self.push_deleted(quarter, id);
            }
        }
    }

    /// Puts a case id in one of the quarter's lists, sometimes in two.
    fn push_deleted(&mut self, quarter: usize, id: u64) {
        let lists = self.layout(quarter).deleted_files.len();
        let tables = &mut self.tables[quarter];
        if tables.deleted.len() < lists {
            tables.deleted.resize(lists, Vec::new());
        }
        let list = self.rng.below(lists);
        tables.deleted[list].push(id);
        if self.rng.chance(0.1) {
            let again = self.rng.below(lists);
            tables.deleted[again].push(id);
        }
    }

    /// Writes a case's versions; `winner` is the index of the version that must win (ignored
    /// when the case is deleted or none of its rows is well formed).
    fn case(&mut self, caseid: u64, deleted: bool, versions: Vec<Version>, winner: usize) {
        let good = versions
            .iter()
            .filter(|v| v.shape == DemoShape::Good)
            .count() as u64;
        self.truth.reports_read += good;
        if deleted {
            self.deleted_ids.insert(caseid);
            if good > 0 {
                self.truth.cases_deleted += 1;
                self.truth.reports_deleted += good;
            }
        } else if good > 0 {
            self.truth.cases += 1;
            self.truth.winners.push(versions[winner].plan.clone());
        }
        for version in &versions {
            self.write_report(caseid, version);
        }
    }

    fn edge_cases(&mut self, with_lists: &[usize]) {
        let quarters = self.spec.layouts.len();
        let two = |rng: &mut Rng| {
            let a = rng.below(quarters - 1);
            let b = a + 1 + rng.below(quarters - a - 1);
            (a, b)
        };
        for _ in 0..12 {
            // A follow-up in a later quarter; a higher version in an earlier quarter; 10 over 9.
            for (low, high, high_first) in [(1, 2, false), (2, 3, true), (9, 10, true)] {
                let caseid = self.caseid();
                let (a, b) = two(&mut self.rng);
                let (q_high, q_low) = if high_first { (a, b) } else { (b, a) };
                let versions = vec![
                    self.version(caseid, q_low, low, DemoShape::Good),
                    self.version(caseid, q_high, high, DemoShape::Good),
                ];
                self.case(caseid, false, versions, 1);
            }
            // Same version: the later fda_dt wins, here in the earlier quarter.
            let caseid = self.caseid();
            let (a, b) = two(&mut self.rng);
            let mut later = self.version(caseid, a, 2, DemoShape::Good);
            let earlier = self.version(caseid, b, 2, DemoShape::Good);
            later.fda_dt = format!("{}", earlier.fda_dt.parse::<u64>().unwrap_or(0) + 1);
            later.primaryid = caseid * 100 + 12;
            self.case(caseid, false, vec![earlier, later], 1);
            // Same version, fda_dt and primaryid in two quarters: the later quarter wins.
            let caseid = self.caseid();
            let (a, b) = two(&mut self.rng);
            let first = self.version(caseid, a, 4, DemoShape::Good);
            let mut second = self.version(caseid, b, 4, DemoShape::Good);
            second.fda_dt = first.fda_dt.clone();
            self.case(caseid, false, vec![first, second], 1);
            // Two versions in one quarter.
            let caseid = self.caseid();
            let quarter = self.rng.below(quarters);
            let versions = vec![
                self.version(caseid, quarter, 2, DemoShape::Good),
                self.version(caseid, quarter, 1, DemoShape::Good),
            ];
            self.case(caseid, false, versions, 0);
            // A higher version whose DEMO row is malformed: the lower one wins.
            let caseid = self.caseid();
            let (a, b) = two(&mut self.rng);
            let versions = vec![
                self.version(caseid, a, 1, DemoShape::Good),
                self.version(caseid, b, 2, DemoShape::Short),
            ];
            self.case(caseid, false, versions, 0);
            // A case whose only row is malformed, and one whose caseid is not a number.
            for shape in [DemoShape::Short, DemoShape::BadCaseid] {
                let caseid = self.caseid();
                let quarter = self.rng.below(quarters);
                let version = self.version(caseid, quarter, 1, shape);
                self.case(caseid, false, vec![version], 0);
            }
            // Deleted cases, with versions anywhere.
            if !with_lists.is_empty() {
                let caseid = self.caseid();
                let (a, b) = two(&mut self.rng);
                let versions = vec![
                    self.version(caseid, a, 1, DemoShape::Good),
                    self.version(caseid, b, 2, DemoShape::Good),
                ];
                self.case(caseid, true, versions, 1);
            }
        }
        // BoNT on nine rows of one report, as in a real Dysport report (faers.md 5).
        for _ in 0..3 {
            let caseid = self.caseid();
            let quarter = self.rng.below(quarters);
            let mut version = self.version(caseid, quarter, 1, DemoShape::Good);
            version.plan.arm = PlannedArm::Bont(vec![2]);
            version.plan.antidepressant = false;
            let primaryid = version.primaryid;
            self.truth.reports_read += 1;
            self.truth.cases += 1;
            self.truth.winners.push(version.plan.clone());
            self.write_demo(caseid, &version);
            let ids = ids(primaryid, caseid);
            for seq in 1..=9u64 {
                let role: &[u8] = if seq == 1 { b"PS" } else { b"SS" };
                let drug: (&[u8], &[u8]) = (b"DYSPORT", b"ABOBOTULINUMTOXINA");
                self.drug_row(quarter, &ids, seq, role, drug);
                let term: &[u8] = if seq == 5 {
                    b"Off label use"
                } else {
                    b"Muscle spasticity"
                };
                self.indi_row(quarter, &ids, seq, term);
            }
            self.reactions(quarter, &ids, &version.plan);
        }
    }

    fn version(
        &mut self,
        caseid: u64,
        quarter: usize,
        caseversion: u64,
        shape: DemoShape,
    ) -> Version {
        let plan = self.plan();
        let fda_dt = self.fda_dt(quarter);
        Version {
            quarter,
            caseversion,
            fda_dt,
            primaryid: caseid * 100 + caseversion,
            plan,
            shape,
        }
    }

    fn write_report(&mut self, caseid: u64, version: &Version) {
        self.write_demo(caseid, version);
        let ids = ids(version.primaryid, caseid);
        self.drugs(version.quarter, &ids, &version.plan);
        self.reactions(version.quarter, &ids, &version.plan);
        if self.spec.edge_cases && version.shape == DemoShape::Good && self.rng.chance(0.1) {
            self.noise(version.quarter, &ids, &version.plan);
        }
    }

    fn write_demo(&mut self, caseid: u64, version: &Version) {
        let layout = self.layout(version.quarter).clone();
        let (age, age_cod) = self.age(version.plan.age);
        let sex: Vec<u8> = match version.plan.sex {
            Sex::F => b"F".to_vec(),
            Sex::M => b"M".to_vec(),
            Sex::U => self.rng.pick(&[&b""[..], b"UNK", b"NS"]).to_vec(),
        };
        let edge = self.spec.edge_cases;
        let rng = &mut self.rng;
        let caseid_text = if version.shape == DemoShape::BadCaseid {
            format!("{caseid}X")
        } else {
            caseid.to_string()
        };
        let header: &[&str] = match layout.columns {
            ColumnSet::A => &DEMO_A,
            ColumnSet::B => &DEMO_B,
        };
        let mut fields: Vec<Vec<u8>> = header
            .iter()
            .map(|&name| -> Vec<u8> {
                match name {
                    "primaryid" => version.primaryid.to_string().into_bytes(),
                    "caseid" => caseid_text.clone().into_bytes(),
                    "caseversion" => version.caseversion.to_string().into_bytes(),
                    "i_f_code" => {
                        if version.caseversion == 1 {
                            b"I".to_vec()
                        } else {
                            b"F".to_vec()
                        }
                    }
                    "event_dt" => rng
                        .pick(&[&b""[..], b"2018", b"201806", b"20180615"])
                        .to_vec(),
                    "mfr_dt" | "init_fda_dt" | "rept_dt" => version.fda_dt.clone().into_bytes(),
                    "fda_dt" => version.fda_dt.clone().into_bytes(),
                    "rept_cod" => rng.pick(&[&b"EXP"[..], b"PER", b"DIR", b"30DAY"]).to_vec(),
                    "mfr_num" => format!("US-ALLERGAN-{}", caseid % 10_000_000).into_bytes(),
                    "mfr_sndr" => rng
                        .pick(odd_last(
                            &[&b"ALLERGAN"[..], b"IPSEN", b"FDA-CTU", b"Soci\xe9t\xe9"],
                            edge,
                        ))
                        .to_vec(),
                    "age" => age.clone(),
                    "age_cod" => age_cod.clone(),
                    "age_grp" => rng.pick(&[&b""[..], b"A", b"E"]).to_vec(),
                    "sex" | "gndr_cod" => sex.clone(),
                    "e_sub" => b"Y".to_vec(),
                    "wt" => rng.pick(&[&b""[..], b"70", b"82.5"]).to_vec(),
                    "wt_cod" => b"KG".to_vec(),
                    "occp_cod" => rng.pick(&[&b"MD"[..], b"CN", b"HP"]).to_vec(),
                    "reporter_country" => {
                        rng.pick(&[&b"US"[..], b"COUNTRY NOT SPECIFIED"]).to_vec()
                    }
                    "occr_country" => b"US".to_vec(),
                    _ => Vec::new(),
                }
            })
            .collect();
        let tables = &mut self.tables[version.quarter];
        match version.shape {
            DemoShape::Good => self.truth.rows.demo += 1,
            DemoShape::Short => {
                fields.pop();
                self.truth.rows_malformed += 1;
            }
            DemoShape::BadCaseid => self.truth.rows_malformed += 1,
        }
        tables.demo.push(join(&fields));
    }

    /// An age and unit that give the band.
    fn age(&mut self, band: AgeBand) -> (Vec<u8>, Vec<u8>) {
        let (low, high) = match band {
            AgeBand::Under18 => (0.0, 18.0),
            AgeBand::From18To29 => (18.0, 30.0),
            AgeBand::From30To39 => (30.0, 40.0),
            AgeBand::From40To49 => (40.0, 50.0),
            AgeBand::From50To59 => (50.0, 60.0),
            AgeBand::From60To69 => (60.0, 70.0),
            AgeBand::From70 => (70.0, 100.0),
            AgeBand::Unknown => {
                let (age, unit) = *self.rng.pick(odd_last(
                    &[
                        (&b""[..], &b""[..]),
                        (b"", b"YR"),
                        (b"abc", b"YR"),
                        (b"45", b""),
                        (b"1961", b"YR"),
                        (b"-3", b"YR"),
                        (b"4", b"XX"),
                        (b"\xe945", b"YR"),
                    ],
                    self.spec.edge_cases,
                ));
                return (age.to_vec(), unit.to_vec());
            }
        };
        // A whole number of years inside the band, away from its edges.
        let span = (high - low - 1.0) as usize;
        let years = low + 0.5 + self.rng.below(span.max(1)) as f64;
        let (value, unit): (String, &[u8]) = match self.rng.below(6) {
            0 => (format!("{}", years.floor()), b"YR"),
            1 => (format!("{:.1}", years), b"yr"),
            2 => (format!("{}", (years * 12.0).round()), b"MON"),
            3 => (format!("{}", (years * 52.18).round()), b"WK"),
            4 => (format!("{}", (years * 365.25).round()), b"DY"),
            _ => (format!("{}", (years * 8766.0).round()), b"HR"),
        };
        if band != AgeBand::From70 && self.rng.chance(0.1) {
            let decade = (low / 10.0).ceil().max(1.0);
            return (format!("{decade}").into_bytes(), b"DEC".to_vec());
        }
        (value.into_bytes(), unit.to_vec())
    }

    fn drug_row(&mut self, quarter: usize, ids: &Ids, seq: u64, role: &[u8], drug: (&[u8], &[u8])) {
        let layout = self.layout(quarter).clone();
        let header: &[&str] = match layout.columns {
            ColumnSet::A => &DRUG_A,
            ColumnSet::B => &DRUG_B,
        };
        let rng = &mut self.rng;
        let fields: Vec<Vec<u8>> = header
            .iter()
            .map(|&name| -> Vec<u8> {
                match name {
                    "primaryid" => ids.primaryid.clone(),
                    "caseid" => ids.caseid.clone(),
                    "drug_seq" => seq.to_string().into_bytes(),
                    "role_cod" => role.to_vec(),
                    "drugname" => drug.0.to_vec(),
                    "prod_ai" => drug.1.to_vec(),
                    "val_vbm" => b"1".to_vec(),
                    "route" => rng
                        .pick(&[&b"Intramuscular"[..], b"Oral", b"Unknown", b""])
                        .to_vec(),
                    "dose_vbm" => rng
                        .pick(&[&b"100 UNITS, SINGLE"[..], b"20 MG, QD", b"UNK"])
                        .to_vec(),
                    "dechal" | "rechal" => b"U".to_vec(),
                    "lot_num" => b"C5096C3".to_vec(),
                    "nda_num" => b"103000".to_vec(),
                    "dose_amt" => b"100".to_vec(),
                    "dose_unit" => b"IU".to_vec(),
                    "dose_form" => b"Injection".to_vec(),
                    _ => Vec::new(),
                }
            })
            .collect();
        let mut row = join(&fields);
        if layout.trailing_dollar {
            row.push(b'$');
        }
        self.tables[quarter].drug.push(row);
        self.truth.rows.drug += 1;
    }

    fn indi_row(&mut self, quarter: usize, ids: &Ids, seq: u64, term: &[u8]) {
        let row = join(&[
            ids.primaryid.clone(),
            ids.caseid.clone(),
            seq.to_string().into_bytes(),
            term.to_vec(),
        ]);
        self.tables[quarter].indi.push(row);
        self.truth.rows.indi += 1;
    }

    fn reac_row(&mut self, quarter: usize, ids: &Ids, term: &[u8]) {
        let mut fields = vec![ids.primaryid.clone(), ids.caseid.clone(), term.to_vec()];
        if self.layout(quarter).columns == ColumnSet::B {
            fields.push(Vec::new());
        }
        self.tables[quarter].reac.push(join(&fields));
        self.truth.rows.reac += 1;
    }

    /// A cohort's indication term, in the quarter's spelling.
    fn cohort_term(&mut self, cohort: usize) -> Vec<u8> {
        let term = *self.rng.pick(COHORT_TERMS[cohort].1);
        if self.spec.edge_cases && self.rng.chance(0.2) {
            format!(" {} ", term.to_uppercase()).into_bytes()
        } else {
            term.as_bytes().to_vec()
        }
    }

    fn bont_drug(&mut self, quarter: usize) -> (&'static [u8], &'static [u8]) {
        let usable = match self.layout(quarter).columns {
            ColumnSet::A => BONT_DRUGS.len() - 1,
            ColumnSet::B => BONT_DRUGS.len(),
        };
        let idx = if self.spec.edge_cases {
            self.rng.below(usable)
        } else {
            self.rng.below(2)
        };
        BONT_DRUGS[idx]
    }

    fn other_drug(&mut self) -> (&'static [u8], &'static [u8]) {
        let usable = if self.spec.edge_cases {
            OTHER_DRUGS.len()
        } else {
            OTHER_DRUGS.len() - 3
        };
        OTHER_DRUGS[self.rng.below(usable)]
    }

    fn drugs(&mut self, quarter: usize, ids: &Ids, plan: &Planned) {
        // (drug, role, indications) per DRUG row, numbered in order.
        let mut rows: Vec<DrugPlan> = Vec::new();
        let roles: [&[u8]; 4] = [b"PS", b"SS", b"C", b"I"];
        let neutral_terms = odd_last(&NEUTRAL_INDICATIONS, self.spec.edge_cases);
        let neutral = |rng: &mut Rng| rng.pick(neutral_terms).to_vec();
        let add_others = |generator: &mut Self, rows: &mut Vec<_>, count: usize| {
            for _ in 0..count {
                let drug = generator.other_drug();
                let role = *generator.rng.pick(&roles[1..]);
                let mut terms = Vec::new();
                if generator.rng.chance(0.65) {
                    terms.push(neutral(&mut generator.rng));
                }
                rows.push((drug, role, terms));
            }
        };
        let others = self.rng.below(self.spec.max_other_drugs + 1);
        match &plan.arm {
            PlannedArm::Bont(cohorts) => {
                let count = 1 + self.rng.below(3);
                let first = rows.len();
                for idx in 0..count {
                    let drug = self.bont_drug(quarter);
                    let role: &[u8] = if idx == 0 { b"PS" } else { b"SS" };
                    rows.push((drug, role, Vec::new()));
                }
                for &cohort in cohorts {
                    let at = first + self.rng.below(count);
                    let term = self.cohort_term(cohort);
                    rows[at].2.push(term);
                }
                if self.rng.chance(0.3) {
                    let at = first + self.rng.below(count);
                    rows[at].2.push(neutral(&mut self.rng));
                }
                add_others(self, &mut rows, others);
                // Another cohort on a drug that is not BoNT, and on a BoNT row not given.
                if self.spec.edge_cases && self.rng.chance(0.3) {
                    let other = self.other_drug();
                    let cohort = self.rng.below(COHORT_TERMS.len());
                    let term = self.cohort_term(cohort);
                    rows.push((other, b"C", vec![term]));
                }
                if self.spec.edge_cases && self.rng.chance(0.2) {
                    let drug = self.bont_drug(quarter);
                    let cohort = self.rng.below(COHORT_TERMS.len());
                    let term = self.cohort_term(cohort);
                    rows.push((drug, b"DN", vec![term]));
                }
            }
            PlannedArm::BontWithoutCohort => {
                let count = 1 + self.rng.below(2);
                for idx in 0..count {
                    let drug = self.bont_drug(quarter);
                    let role: &[u8] = if idx == 0 { b"PS" } else { b"SS" };
                    let mut terms = Vec::new();
                    if self.rng.chance(0.5) {
                        terms.push(neutral(&mut self.rng));
                    }
                    rows.push((drug, role, terms));
                }
                add_others(self, &mut rows, others);
                let other = self.other_drug();
                let cohort = self.rng.below(COHORT_TERMS.len());
                let term = self.cohort_term(cohort);
                rows.push((other, b"C", vec![term]));
            }
            PlannedArm::Control(cohorts) => {
                let count = 1 + self.rng.below(3);
                let first = rows.len();
                for idx in 0..count {
                    let drug = self.other_drug();
                    let role = if idx == 0 {
                        roles[0]
                    } else {
                        *self.rng.pick(&roles)
                    };
                    rows.push((drug, role, Vec::new()));
                }
                for &cohort in cohorts {
                    let at = first + self.rng.below(count);
                    let term = self.cohort_term(cohort);
                    rows[at].2.push(term);
                }
                add_others(self, &mut rows, others);
            }
            PlannedArm::DnOnly(cohort) => {
                let drug = self.bont_drug(quarter);
                let term = self.cohort_term(*cohort);
                rows.push((drug, b"DN", vec![term]));
                let other = self.other_drug();
                let term = self.cohort_term(*cohort);
                rows.push((other, b"PS", vec![term]));
            }
            PlannedArm::Neither => {
                add_others(self, &mut rows, 1 + others);
            }
        }
        if plan.antidepressant {
            let usable = match self.layout(quarter).columns {
                ColumnSet::A => ANTIDEPRESSANTS.len() - 1,
                ColumnSet::B => ANTIDEPRESSANTS.len(),
            };
            let drug = ANTIDEPRESSANTS[self.rng.below(usable)];
            let role = *self.rng.pick(&roles);
            rows.push((drug, role, vec![b"Depression".to_vec()]));
        }
        for (idx, (drug, role, terms)) in rows.into_iter().enumerate() {
            let seq = idx as u64 + 1;
            self.drug_row(quarter, ids, seq, role, drug);
            for term in terms {
                self.indi_row(quarter, ids, seq, &term);
            }
        }
    }

    fn reactions(&mut self, quarter: usize, ids: &Ids, plan: &Planned) {
        let count = 1 + self.rng.below(self.spec.max_reactions.max(1));
        let depression_at = plan.depression.then(|| self.rng.below(count));
        for idx in 0..count {
            let term: Vec<u8> = if depression_at == Some(idx) {
                self.rng.pick(&DEPRESSION_TERMS).as_bytes().to_vec()
            } else {
                let terms = odd_last(&OTHER_REACTIONS, self.spec.edge_cases);
                self.rng.pick(terms).to_vec()
            };
            self.reac_row(quarter, ids, &term);
        }
    }

    /// Malformed rows that would change the report if they were read.
    fn noise(&mut self, quarter: usize, ids: &Ids, plan: &Planned) {
        let layout = self.layout(quarter).clone();
        let width = match layout.columns {
            ColumnSet::A => DRUG_A.len(),
            ColumnSet::B => DRUG_B.len(),
        };
        let tables = &mut self.tables[quarter];
        match self.rng.below(4) {
            0 => {
                // A BoNT row a field short.
                let mut fields = vec![
                    ids.primaryid.clone(),
                    ids.caseid.clone(),
                    b"40".to_vec(),
                    b"PS".to_vec(),
                    b"BOTOX".to_vec(),
                ];
                fields.resize(width - 1, Vec::new());
                tables.drug.push(join(&fields));
                self.truth.rows_malformed += 1;
            }
            1 => {
                // A BoNT row broken in two inside its name: two malformed lines.
                let mut fields = vec![
                    ids.primaryid.clone(),
                    ids.caseid.clone(),
                    b"41".to_vec(),
                    b"PS".to_vec(),
                    b"BOTOX\nCOSMETIC".to_vec(),
                ];
                fields.resize(width, Vec::new());
                tables.drug.push(join(&fields));
                self.truth.rows_malformed += 2;
            }
            2 => {
                // A depression reaction with one or two surplus fields, not empty.
                let mut fields = vec![
                    ids.primaryid.clone(),
                    ids.caseid.clone(),
                    b"Depression".to_vec(),
                ];
                let width = if layout.columns == ColumnSet::B { 4 } else { 3 };
                let surplus = 1 + self.rng.below(2);
                fields.resize(width + surplus, b"x".to_vec());
                if !plan.depression {
                    tables.reac.push(join(&fields));
                    self.truth.rows_malformed += 1;
                }
            }
            _ => {
                // A cohort indication without its drug_seq.
                tables.indi.push(join(&[
                    ids.primaryid.clone(),
                    ids.caseid.clone(),
                    b"Migraine".to_vec(),
                ]));
                self.truth.rows_malformed += 1;
            }
        }
    }

    fn finish(mut self) -> (Vec<QuarterFiles>, Truth) {
        let mut res = Vec::new();
        let mut lists = 0;
        let mut listed: BTreeSet<u64> = BTreeSet::new();
        for (idx, layout) in self.spec.layouts.iter().enumerate() {
            let mut tables = std::mem::take(&mut self.tables[idx]);
            if self.spec.shuffle {
                for rows in [
                    &mut tables.demo,
                    &mut tables.drug,
                    &mut tables.indi,
                    &mut tables.reac,
                ] {
                    self.rng.shuffle(rows);
                }
            }
            let end: &[u8] = if layout.crlf { b"\r\n" } else { b"\n" };
            let spaced = |names: &[&str], upper: bool| -> Vec<String> {
                names
                    .iter()
                    .map(|&name| {
                        let name = if upper {
                            name.to_uppercase()
                        } else {
                            name.to_owned()
                        };
                        match name.as_str() {
                            "rept_dt" if layout.header_spaces => " rept_dt".to_owned(),
                            "age_cod" if layout.header_spaces => "age_cod ".to_owned(),
                            _ => name,
                        }
                    })
                    .collect()
            };
            let (demo, drug, reac): (&[&str], &[&str], &[&str]) = match layout.columns {
                ColumnSet::A => (&DEMO_A, &DRUG_A, &REAC_A),
                ColumnSet::B => (&DEMO_B, &DRUG_B, &REAC_B),
            };
            let mut drug_header = spaced(drug, false);
            if layout.header_spaces {
                // 2012Q4 spells the lot column `lot_nbr`.
                for name in &mut drug_header {
                    if name == "lot_num" {
                        *name = "lot_nbr".into();
                    }
                }
            }
            let mut files = vec![
                (
                    layout.table_name("DEMO"),
                    text(&spaced(demo, false), &tables.demo, end),
                ),
                (
                    layout.table_name("DRUG"),
                    text(&drug_header, &tables.drug, end),
                ),
                (
                    layout.table_name("INDI"),
                    text(&spaced(&INDI, false), &tables.indi, end),
                ),
                (
                    layout.table_name("REAC"),
                    text(&spaced(reac, layout.upper_case_header), &tables.reac, end),
                ),
                (
                    layout.table_name("OUTC"),
                    text(
                        &spaced(&["primaryid", "caseid", "outc_cod"], false),
                        &[],
                        end,
                    ),
                ),
                ("ASC_NTS.pdf".to_owned(), b"%PDF-1.4 not a table".to_vec()),
            ];
            for (list, path) in layout.deleted_files.iter().enumerate() {
                let ids = tables.deleted.get(list).cloned().unwrap_or_default();
                let mut bytes: Vec<u8> = Vec::new();
                if list % 2 == 0 {
                    bytes.extend_from_slice(b"caseid");
                    bytes.extend_from_slice(end);
                }
                for (n, id) in ids.iter().enumerate() {
                    listed.insert(*id);
                    bytes.extend_from_slice(id.to_string().as_bytes());
                    if n % 7 == 3 {
                        bytes.push(b' ');
                    }
                    bytes.extend_from_slice(end);
                    if n % 11 == 5 {
                        bytes.extend_from_slice(id.to_string().as_bytes());
                        bytes.extend_from_slice(end);
                        bytes.push(b' ');
                        bytes.extend_from_slice(end);
                    }
                }
                files.push((path.clone(), bytes));
                lists += 1;
            }
            res.push(QuarterFiles {
                quarter: layout.quarter,
                name: format!("faers_ascii_{}", layout.quarter.slug()),
                zip: layout.zip,
                files,
            });
        }
        let mut truth = self.truth;
        truth.deleted_lists = lists;
        truth.deleted_list_cases = listed.len() as u64;
        truth.versions_superseded = truth.reports_read - truth.reports_deleted - truth.cases;
        (res, truth)
    }
}

/// The list, without its last entry (bytes that are not UTF-8) unless `edge_cases`.
fn odd_last<T>(items: &[T], edge_cases: bool) -> &[T] {
    if edge_cases {
        items
    } else {
        &items[..items.len() - 1]
    }
}

/// A DRUG row to write: drug name and ingredient, role, indications.
type DrugPlan = ((&'static [u8], &'static [u8]), &'static [u8], Vec<Vec<u8>>);

/// A report's ids as written in its rows.
struct Ids {
    primaryid: Vec<u8>,
    caseid: Vec<u8>,
}

fn ids(primaryid: u64, caseid: u64) -> Ids {
    Ids {
        primaryid: primaryid.to_string().into_bytes(),
        caseid: caseid.to_string().into_bytes(),
    }
}

fn join(fields: &[Vec<u8>]) -> Vec<u8> {
    let mut row = Vec::with_capacity(fields.iter().map(Vec::len).sum::<usize>() + fields.len());
    for (idx, field) in fields.iter().enumerate() {
        if idx > 0 {
            row.push(b'$');
        }
        row.extend_from_slice(field);
    }
    row
}

fn text(header: &[String], rows: &[Vec<u8>], end: &[u8]) -> Vec<u8> {
    let size = rows.iter().map(|row| row.len() + end.len()).sum::<usize>() + 200;
    let mut res = Vec::with_capacity(size);
    res.extend_from_slice(header.join("$").as_bytes());
    res.extend_from_slice(end);
    for row in rows {
        res.extend_from_slice(row);
        res.extend_from_slice(end);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Terms;

    #[test]
    fn the_generators_names_and_terms_are_classified_as_planned() {
        let terms = Terms::embedded();
        for (name, ingredient) in BONT_DRUGS {
            let class = (terms.classify(name), terms.classify(ingredient));
            let bont = (class.0.bont || class.1.bont) && !(class.0.exclude || class.1.exclude);
            assert!(bont, "{name:?}");
        }
        for (name, _) in &BONT_DRUGS[..BONT_DRUGS.len() - 1] {
            let class = terms.classify(name);
            assert!(class.bont && !class.exclude, "{name:?} without prod_ai");
        }
        assert!(!terms.classify(BONT_DRUGS[BONT_DRUGS.len() - 1].0).bont);
        for (name, ingredient) in OTHER_DRUGS {
            let class = (terms.classify(name), terms.classify(ingredient));
            let bont = (class.0.bont || class.1.bont) && !(class.0.exclude || class.1.exclude);
            assert!(!bont, "{name:?}");
            assert!(
                !class.0.antidepressant && !class.1.antidepressant,
                "{name:?}"
            );
        }
        for (name, ingredient) in ANTIDEPRESSANTS {
            let class = (terms.classify(name), terms.classify(ingredient));
            assert!(class.0.antidepressant || class.1.antidepressant, "{name:?}");
            assert!(!class.0.bont && !class.1.bont, "{name:?}");
        }
        let mut scratch = Vec::new();
        for (bit, (slug, list)) in COHORT_TERMS.iter().enumerate() {
            assert_eq!(terms.cohorts()[bit], *slug);
            for term in *list {
                let upper = format!(" {} ", term.to_uppercase());
                for spelling in [term.as_bytes(), upper.as_bytes()] {
                    assert_eq!(terms.indication_mask(spelling, &mut scratch), 1 << bit);
                }
            }
        }
        for term in NEUTRAL_INDICATIONS {
            assert_eq!(terms.indication_mask(term, &mut scratch), 0, "{term:?}");
        }
        for term in DEPRESSION_TERMS {
            assert!(terms.is_depression(term.as_bytes(), &mut scratch), "{term}");
        }
        for term in OTHER_REACTIONS {
            assert!(!terms.is_depression(term, &mut scratch), "{term:?}");
        }
    }

    #[test]
    fn generated_ages_fall_in_their_band() {
        let spec = Spec {
            seed: 1,
            layouts: vec![Layout::new(Quarter::new(2019, 1).unwrap())],
            ordinary: 0,
            bont_share: 0.5,
            control_share: 0.3,
            depression_share: 0.2,
            antidepressant_share: 0.1,
            deleted_share: 0.0,
            edge_cases: true,
            shuffle: false,
            max_other_drugs: 4,
            max_reactions: 5,
        };
        let mut generator = Generator {
            spec: &spec,
            rng: Rng::new(7),
            tables: vec![Tables::default()],
            truth: Truth::default(),
            next_caseid: 1,
            deleted_ids: BTreeSet::new(),
        };
        for _ in 0..2_000 {
            for band in AgeBand::ALL {
                let (age, unit) = generator.age(band);
                assert_eq!(
                    crate::strata::age_band(&age, &unit),
                    band,
                    "{age:?} {unit:?}"
                );
            }
        }
    }
}
