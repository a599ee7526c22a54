//! The cohort catalog: what each indication is, where it is injected and the labelled dose.
//!
//! Compiled into the crate from `data/cohorts.csv` by `build.rs`, which checks every row; the file
//! cites the prescribing information for every dose.

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
}

/// Typical labelled dose per treatment session, in the product's own units.
#[derive(Clone, Debug, PartialEq)]
pub struct DoseInfo {
    pub low: f64,
    pub high: f64,
    pub typical: f64,
    pub product: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub note: &'static str,
    /// The typical dose is a study's median, not a labelled dose (torticollis).
    pub study_median: bool,
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
///
/// The English prose (name, site, dose note, source) is for the command and the tests; the page
/// has its own words for it, so a wasm build leaves it out.
pub struct CohortInfo {
    pub slug: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub name: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub site: &'static str,
    pub muscles: MuscleGroup,
    pub dose: DoseInfo,
    #[cfg(not(target_arch = "wasm32"))]
    pub source: &'static str,
}

/// The catalog of the eight cohorts of the study, in the order of its Figure 3.
pub fn catalog() -> &'static [CohortInfo] {
    // Compiled from `data/cohorts.csv` by build.rs, which checks every row: data, not code.
    static CATALOG: &[CohortInfo] = &include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
    CATALOG
}

/// The catalog entry of an indication, if it is one of the study's eight.
pub fn cohort_info(slug: &str) -> Option<&'static CohortInfo> {
    catalog().iter().find(|info| info.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_the_eight_cohorts_with_ordered_doses() {
        let slugs: Vec<&str> = catalog().iter().map(|info| info.slug).collect();
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
            // Only torticollis's typical dose is a study's median.
            assert_eq!(
                dose.study_median,
                info.slug == "torticollis",
                "{}",
                info.slug
            );
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
