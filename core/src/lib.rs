//! The data model, statistics and analysis behind the Glabella explainer.
//!
//! The workflow has three steps:
//!
//! 1. Load a [`data::Dataset`]: the embedded default ([`data::default_dataset`]) or a reader's
//!    CSV in format v1 ([`data::parse_csv`]), which reports every problem with its line and column.
//! 2. Describe what to compute in [`analysis::Settings`]: confidence level, zero-cell policy,
//!    stratification, groups of cohorts and pooling model.
//! 3. Call [`analysis::analyze`] and read the [`analysis::Analysis`]: per-cohort 2×2 tables and
//!    reporting odds ratios, pooled groups, the difference between groups and the dose regression.
//!
//! The formulas live in [`stats`], each documented with its source and tested against scipy or
//! statsmodels reference values. With the `serde` feature, [`report`] turns an analysis into the
//! document `glabella analyze --json` prints.
//!
//! # Implementation notes
//!
//! - This crate does no IO and knows nothing about the browser: it takes bytes and structs and
//!   returns values, so the web app and the command-line tool give the same numbers.
//! - Statistics never panic on user data: zero cells, empty strata and single cohorts give `None`.
//! - The bootstrap uses a named generator (xoshiro256**) and only IEEE arithmetic on its path, no
//!   `usize` and no transcendental functions, so a seed gives the same interval on wasm32 and native.

pub mod analysis;
pub mod assessment;
pub mod data;
pub mod format;
pub mod i18n;
pub mod reconstruct;
#[cfg(feature = "serde")]
pub mod report;
pub mod scenario;
pub mod stats;
