//! The sex and age splits and the reporting weights of `data/calibration.toml`, as constants.
//!
//! The page cannot read the calibration file, so its splits are copied here once; the test
//! `calibration_constants_equal_the_file` in `cli/src/calibration.rs` reads the TOML and fails when
//! the two differ. They are copied rather than recovered from the strata of the embedded dataset
//! because the strata hold the splits only after rounding to whole reports, and the reporting
//! weights not at all. Every value here is an assumption; its reason is in the calibration file.

/// One arm's split: percent of reports per sex (in [`crate::data::Sex::ALL`] order) and per
/// age band (in [`crate::data::AgeBand::ALL`] order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArmSplit {
    pub sex: [u32; 3],
    pub age: [u32; 8],
}

/// The splits of one cohort's two arms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CohortSplit {
    pub slug: &'static str,
    pub bont: ArmSplit,
    pub control: ArmSplit,
}

/// Relative rate of depression reporting by sex (F, M, U): `reporting_weight.sex`.
pub const SEX_WEIGHTS: [f64; 3] = [1.3, 1.0, 1.0];

/// Relative rate of depression reporting by age band: `reporting_weight.age_band`.
pub const AGE_WEIGHTS: [f64; 8] = [0.25, 0.9, 1.15, 1.3, 1.2, 0.9, 0.6, 1.0];

const fn split(sex: [u32; 3], age: [u32; 8]) -> ArmSplit {
    ArmSplit { sex, age }
}

/// `bont_sex`, `bont_age`, `control_sex` and `control_age` of every `[[cohort]]`, in its order.
pub const COHORT_SPLITS: [CohortSplit; 8] = [
    CohortSplit {
        slug: "cosmetic",
        bont: split([90, 6, 4], [0, 6, 18, 30, 26, 12, 3, 5]),
        control: split([80, 14, 6], [0, 12, 22, 24, 20, 12, 5, 5]),
    },
    CohortSplit {
        slug: "migraine",
        bont: split([85, 12, 3], [1, 10, 22, 30, 22, 9, 2, 4]),
        control: split([78, 19, 3], [4, 16, 22, 24, 18, 9, 4, 3]),
    },
    CohortSplit {
        slug: "spasticity",
        bont: split([42, 55, 3], [30, 8, 8, 10, 14, 14, 12, 4]),
        control: split([48, 49, 3], [5, 7, 10, 14, 20, 20, 20, 4]),
    },
    CohortSplit {
        slug: "torticollis",
        bont: split([68, 29, 3], [1, 5, 10, 20, 28, 20, 12, 4]),
        control: split([62, 35, 3], [2, 8, 12, 20, 25, 18, 11, 4]),
    },
    CohortSplit {
        slug: "blepharospasm",
        bont: split([70, 27, 3], [0, 1, 3, 8, 22, 30, 32, 4]),
        control: split([64, 33, 3], [0, 2, 6, 12, 25, 28, 23, 4]),
    },
    CohortSplit {
        slug: "hyperhidrosis",
        bont: split([55, 42, 3], [4, 38, 26, 16, 8, 3, 1, 4]),
        control: split([52, 45, 3], [6, 30, 26, 18, 11, 4, 1, 4]),
    },
    CohortSplit {
        slug: "sialorrhea",
        bont: split([38, 59, 3], [20, 5, 5, 8, 14, 20, 24, 4]),
        control: split([42, 55, 3], [12, 5, 6, 10, 16, 22, 25, 4]),
    },
    CohortSplit {
        slug: "bladder",
        bont: split([55, 42, 3], [2, 4, 8, 12, 20, 24, 26, 4]),
        control: split([45, 52, 3], [1, 2, 3, 6, 14, 26, 44, 4]),
    },
];
