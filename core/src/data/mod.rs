//! The dataset: report counts per stratum (format v1), the embedded default and the cohort catalog.
//!
//! A dataset holds no record-level rows: each [`Stratum`] is a count of reports sharing one
//! indication, arm, sex, age band and depression flag (plus any extra covariates).

mod catalog;
mod parse;
pub mod transfer;

pub use catalog::{catalog, cohort_info, CohortInfo, DoseBasis, DoseInfo, MuscleGroup};
pub use parse::{parse_csv, DataError, DataErrorKind};

use crate::stats::Table2x2;

/// The embedded default dataset, format v1.
pub const DEFAULT_CSV: &str = include_str!("../../../data/default.csv");

/// Treatment arm of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arm {
    /// Treated with botulinum toxin.
    Bont,
    /// Same indication, another treatment.
    Control,
}

/// Sex as reported; `U` is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sex {
    F,
    M,
    U,
}

/// Age band of format v1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    Under18,
    From18To29,
    From30To39,
    From40To49,
    From50To59,
    From60To69,
    From70,
    Unknown,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::F, Sex::M, Sex::U];

    pub fn code(self) -> &'static str {
        match self {
            Sex::F => "F",
            Sex::M => "M",
            Sex::U => "U",
        }
    }

    pub fn from_code(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|sex| sex.code() == code)
    }
}

impl AgeBand {
    pub const ALL: [AgeBand; 8] = [
        AgeBand::Under18,
        AgeBand::From18To29,
        AgeBand::From30To39,
        AgeBand::From40To49,
        AgeBand::From50To59,
        AgeBand::From60To69,
        AgeBand::From70,
        AgeBand::Unknown,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under18 => "0-17",
            AgeBand::From18To29 => "18-29",
            AgeBand::From30To39 => "30-39",
            AgeBand::From40To49 => "40-49",
            AgeBand::From50To59 => "50-59",
            AgeBand::From60To69 => "60-69",
            AgeBand::From70 => "70+",
            AgeBand::Unknown => "U",
        }
    }

    pub fn from_code(code: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|band| band.code() == code)
    }
}

impl Arm {
    pub fn code(self) -> &'static str {
        match self {
            Arm::Bont => "bont",
            Arm::Control => "control",
        }
    }

    pub fn from_code(code: &str) -> Option<Arm> {
        [Arm::Bont, Arm::Control]
            .into_iter()
            .find(|arm| arm.code() == code)
    }
}

/// One row of a v1 file: the number of reports sharing these attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stratum {
    pub indication: String,
    pub arm: Arm,
    pub sex: Sex,
    pub age_band: AgeBand,
    pub depression: bool,
    pub reports: u64,
    /// Values of the extra covariate columns, in the order of [`Dataset::extra_columns`].
    pub extra: Vec<String>,
}

/// What the file's `#` comment lines say about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// From a `# version: ...` line.
    pub version: Option<String>,
    /// From a `# source: ...` line.
    pub source: Option<String>,
    /// Every comment line, without the leading `#`.
    pub comments: Vec<String>,
}

/// A variable that strata can be formed on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Covariate {
    Sex,
    AgeBand,
    /// An extra column, by its index in [`Dataset::extra_columns`].
    Extra(usize),
}

/// A parsed, validated dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dataset {
    pub provenance: Provenance,
    /// Names of the columns beyond the six of format v1, kept as covariates.
    pub extra_columns: Vec<String>,
    pub strata: Vec<Stratum>,
}

/// The embedded default dataset: an illustrative reconstruction of Makunts et al. 2020.
///
/// Its counts reproduce every published number of the study; the rest are assumptions written
/// down in `data/calibration.toml`.
pub fn default_dataset() -> Dataset {
    // The embedded file is checked by the tests, so this cannot fail at run time.
    // No `expect`: formatting the error with Debug would link Unicode tables into the wasm.
    parse_csv(DEFAULT_CSV.as_bytes()).unwrap_or_else(|_| panic!("the embedded dataset is invalid"))
}

impl Dataset {
    /// Indications in order of first appearance.
    pub fn indications(&self) -> Vec<&str> {
        let mut res: Vec<&str> = Vec::new();
        for stratum in &self.strata {
            if !res.contains(&stratum.indication.as_str()) {
                res.push(&stratum.indication);
            }
        }
        res
    }

    /// The crude 2×2 table of one indication (zero where no row exists).
    pub fn table(&self, indication: &str) -> Table2x2 {
        let mut res = Table2x2::default();
        for stratum in self.strata.iter().filter(|s| s.indication == indication) {
            add_to_table(&mut res, stratum);
        }
        res
    }

    /// Resolves a covariate name (`sex`, `age_band` or an extra column).
    pub fn covariate(&self, name: &str) -> Option<Covariate> {
        match name {
            "sex" => Some(Covariate::Sex),
            "age_band" => Some(Covariate::AgeBand),
            _ => self
                .extra_columns
                .iter()
                .position(|column| column == name)
                .map(Covariate::Extra),
        }
    }

    /// One 2×2 table per combination of the covariates' values, in order of first appearance.
    pub fn stratified_tables(&self, indication: &str, by: &[Covariate]) -> Vec<Table2x2> {
        let mut keys: Vec<Vec<&str>> = Vec::new();
        let mut tables: Vec<Table2x2> = Vec::new();
        for stratum in self.strata.iter().filter(|s| s.indication == indication) {
            let key: Vec<&str> = by
                .iter()
                .map(|covariate| match covariate {
                    Covariate::Sex => stratum.sex.code(),
                    Covariate::AgeBand => stratum.age_band.code(),
                    Covariate::Extra(idx) => stratum.extra[*idx].as_str(),
                })
                .collect();
            let idx = match keys.iter().position(|k| *k == key) {
                Some(idx) => idx,
                None => {
                    keys.push(key);
                    tables.push(Table2x2::default());
                    tables.len() - 1
                }
            };
            add_to_table(&mut tables[idx], stratum);
        }
        tables
    }
}

fn add_to_table(table: &mut Table2x2, stratum: &Stratum) {
    let cell = match (stratum.arm, stratum.depression) {
        (Arm::Bont, true) => &mut table.a,
        (Arm::Bont, false) => &mut table.b,
        (Arm::Control, true) => &mut table.c,
        (Arm::Control, false) => &mut table.d,
    };
    *cell = cell.saturating_add(stratum.reports);
}
