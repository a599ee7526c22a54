//! The cohort catalog: what each indication is, where it is injected and the labelled dose.
//!
//! Read from `data/cohorts.csv`, which cites the prescribing information for every dose.

use std::sync::OnceLock;

/// The embedded catalog, CSV.
pub const CATALOG_CSV: &str = include_str!("../../../data/cohorts.csv");

/// Which muscles an indication's injections relax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MuscleGroup {
    /// The glabellar frown muscles (corrugator, procerus) are injected.
    Frown,
    /// Facial expression muscles other than the frown muscles.
    OtherFacial,
    /// Muscles, but no facial expression muscle.
    NoFacial,
    /// Glands: no muscle at all.
    Glands,
}

impl MuscleGroup {
    pub fn code(self) -> &'static str {
        match self {
            MuscleGroup::Frown => "frown",
            MuscleGroup::OtherFacial => "other_facial",
            MuscleGroup::NoFacial => "none",
            MuscleGroup::Glands => "glands",
        }
    }

    fn from_code(code: &str) -> Option<MuscleGroup> {
        [
            MuscleGroup::Frown,
            MuscleGroup::OtherFacial,
            MuscleGroup::NoFacial,
            MuscleGroup::Glands,
        ]
        .into_iter()
        .find(|group| group.code() == code)
    }
}

/// Typical labelled dose per treatment session, in the product's own units.
#[derive(Clone, Debug, PartialEq)]
pub struct DoseInfo {
    pub low: f64,
    pub high: f64,
    pub typical: f64,
    pub product: String,
    pub note: String,
}

/// Where a typical dose comes from: the catalog's rule, as its header states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoseBasis {
    /// The label gives one dose.
    Single,
    /// The geometric midpoint of the labelled range, rounded: not itself a labelled dose.
    Midpoint,
    /// Another source, named in the note (torticollis: the pivotal study's median).
    Other,
}

impl DoseInfo {
    pub fn basis(&self) -> DoseBasis {
        if self.low == self.high {
            DoseBasis::Single
        } else if ((self.low * self.high).sqrt() - self.typical).abs() < 0.5 {
            DoseBasis::Midpoint
        } else {
            DoseBasis::Other
        }
    }
}

/// What the explainer knows about one indication.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortInfo {
    pub slug: String,
    pub name: String,
    pub site: String,
    pub muscles: MuscleGroup,
    pub dose: DoseInfo,
    pub source: String,
}

/// The catalog of the eight cohorts of the study, in the order of its Figure 3.
pub fn catalog() -> &'static [CohortInfo] {
    static CATALOG: OnceLock<Vec<CohortInfo>> = OnceLock::new();
    // The embedded file is checked by the tests, so this cannot fail at run time.
    // `unwrap_or_else` with a fixed message rather than `expect`: formatting the error with Debug
    // would link Unicode tables into the wasm.
    CATALOG.get_or_init(|| {
        parse_catalog(CATALOG_CSV).unwrap_or_else(|_| panic!("the embedded catalog is invalid"))
    })
}

/// The catalog entry of an indication, if it is one of the study's eight.
pub fn cohort_info(slug: &str) -> Option<&'static CohortInfo> {
    catalog().iter().find(|info| info.slug == slug)
}

fn parse_catalog(text: &str) -> Result<Vec<CohortInfo>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut res = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| err.to_string())?;
        let number = |idx: usize| {
            parse_decimal(&record[idx]).ok_or_else(|| format!("{}: bad number", &record[0]))
        };
        res.push(CohortInfo {
            slug: record[0].to_owned(),
            name: record[1].to_owned(),
            site: record[2].to_owned(),
            muscles: MuscleGroup::from_code(&record[3])
                .ok_or_else(|| format!("{}: bad muscle group", &record[0]))?,
            dose: DoseInfo {
                low: number(4)?,
                high: number(5)?,
                typical: number(6)?,
                product: record[7].to_owned(),
                note: record[8].to_owned(),
            },
            source: record[9].to_owned(),
        });
    }
    Ok(res)
}

/// Parses `123` or `7.5`. Written out because `f64::from_str` brings about 17 KB of tables
/// into the wasm, and the catalog needs nothing more than plain decimals.
fn parse_decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 6 {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let scale = 10u64.pow(fraction.len() as u32);
    let fraction: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    Some(whole as f64 + fraction as f64 / scale as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_like_the_standard_library() {
        for text in ["7.5", "155", "0.25", "400", "12.125", "1."] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        for text in ["", ".5", "-2", "1e3", "x", "1.2.3"] {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
    }

    #[test]
    fn catalog_has_the_eight_cohorts_with_ordered_doses() {
        let slugs: Vec<&str> = catalog().iter().map(|info| info.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "cosmetic",
                "migraine",
                "spasticity",
                "torticollis",
                "blepharospasm",
                "hyperhidrosis",
                "sialorrhea",
                "bladder"
            ]
        );
        for info in catalog() {
            let dose = &info.dose;
            assert!(
                0.0 < dose.low && dose.low <= dose.typical && dose.typical <= dose.high,
                "{}",
                info.slug
            );
            assert!(!info.source.is_empty());
        }
        assert_eq!(
            cohort_info("migraine").map(|i| i.muscles),
            Some(MuscleGroup::Frown)
        );
        assert_eq!(
            cohort_info("blepharospasm").map(|i| i.muscles),
            Some(MuscleGroup::OtherFacial)
        );
        let basis = |slug: &str| cohort_info(slug).map(|i| i.dose.basis());
        for slug in ["cosmetic", "spasticity", "blepharospasm", "bladder"] {
            assert_eq!(basis(slug), Some(DoseBasis::Midpoint), "{slug}");
        }
        for slug in ["migraine", "hyperhidrosis", "sialorrhea"] {
            assert_eq!(basis(slug), Some(DoseBasis::Single), "{slug}");
        }
        assert_eq!(basis("torticollis"), Some(DoseBasis::Other));
    }
}
