//! The live sentences: plain English rewritten from the numbers. Formatting only; the numbers
//! and the verdict come from `glabella-core`.

use glabella_core::analysis::{Analysis, CohortResult, DoseResult};
use glabella_core::data::cohort_info;
use glabella_core::scenario::{Assessment, GroupSummary, Site, Verdict};
use glabella_core::stats::{Interval, Level};

use crate::charts::{fixed, ratio_label};

/// The reader-facing name of a cohort.
pub fn cohort_name(slug: &str) -> String {
    cohort_info(slug).map_or_else(|| slug.to_owned(), |info| info.name.clone())
}

/// The name without its parenthesis, for tight spaces: "Torticollis".
pub fn short_name(slug: &str) -> String {
    let name = cohort_name(slug);
    name.split(" (").next().unwrap_or(&name).to_owned()
}

pub fn site_label(site: Site) -> &'static str {
    match site {
        Site::Frown => "Frown muscles injected",
        Site::OtherFacial => "Other facial muscles",
        Site::NoFacial => "No facial muscles",
    }
}

/// "0.45 (95% CI 0.37 to 0.54)".
pub fn ratio_with_ci(ratio: f64, ci: Interval, level: Level) -> String {
    format!(
        "{} ({}% CI {} to {})",
        ratio_label(ratio),
        level.get() * 100.0,
        ratio_label(ci.low),
        ratio_label(ci.high)
    )
}

pub fn p_label(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {}", fixed(p, 3))
    }
}

fn group(summary: &GroupSummary, level: Level) -> String {
    ratio_with_ci(summary.ror, summary.ci, level)
}

/// The interval wholly below 1.
fn is_lower(cohort: &CohortResult) -> bool {
    cohort.shown().1.is_some_and(|ci| ci.high < 1.0)
}

/// The headline's two sentences.
pub fn headline(analysis: &Analysis, assessment: &Assessment) -> (String, String) {
    let no_facial: Vec<&CohortResult> = analysis
        .groups
        .iter()
        .filter(|g| g.name == Site::NoFacial.code())
        .flat_map(|g| g.cohorts.iter())
        .filter_map(|slug| analysis.cohorts.iter().find(|c| &c.indication == slug))
        .collect();
    let no_facial_lower = no_facial.iter().filter(|c| is_lower(c)).count();
    let first = format!(
        "In this reconstruction, depression was reported clearly less often with Botox in {} of {} cohorts, including {} of the {} where no facial muscle is injected.",
        assessment.cohorts_lower,
        analysis.cohorts.len(),
        no_facial_lower,
        no_facial.len()
    );
    (first, headline_verdict(assessment.verdict).to_owned())
}

/// The verdict in one plain sentence, without numbers: the headline's second sentence.
pub fn headline_verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::FacialFeedback => "That pattern fits facial feedback: the effect shows where the frown muscles are injected, and not elsewhere.",
        Verdict::LeansFacialFeedback => "That leans towards facial feedback, but the two groups' intervals overlap, so it is not a finding.",
        Verdict::EffectEverywhere { frown_stronger: true } => "An effect even where no facial muscle is injected points beyond facial feedback, though the frown-muscle cohorts show the strongest one.",
        Verdict::EffectEverywhere { frown_stronger: false } => "An effect even where no facial muscle is injected fits a systemic explanation better than facial feedback alone.",
        Verdict::OnlyWithoutFacialMuscles => "An effect only where no facial muscle is injected does not fit facial feedback.",
        Verdict::NoClearEffect => "No group shows clearly lower reporting, so the numbers favour no explanation.",
        Verdict::NotComparable => "Put cohorts in both the frown-muscle and the no-facial-muscle group to compare the explanations.",
    }
}

/// The workbench's verdict, with honest wording when intervals overlap.
pub fn verdict(assessment: &Assessment, level: Level) -> String {
    let (Some(frown), Some(rest), Some((ratio, ratio_ci))) =
        (&assessment.frown, &assessment.no_facial, assessment.ratio)
    else {
        return "Put at least one cohort under “frown muscles” and one under “no facial muscles” to compare the explanations.".to_owned();
    };
    let ratio = ratio_with_ci(ratio, ratio_ci, level);
    let frown = group(frown, level);
    let rest = group(rest, level);
    match assessment.verdict {
        Verdict::FacialFeedback => format!(
            "The numbers fit the facial-feedback explanation: reporting is lower where the frown muscles are injected, ROR {frown}, but not clearly where no facial muscle is, ROR {rest}; the ratio of the two, {ratio}, shows the groups differ."
        ),
        Verdict::LeansFacialFeedback => format!(
            "The numbers lean towards facial feedback: reporting is lower where the frown muscles are injected, ROR {frown}, and not clearly lower where no facial muscle is, ROR {rest}. But the ratio of the two, {ratio}, includes 1, so this is a lean, not a finding."
        ),
        Verdict::EffectEverywhere { frown_stronger: true } => format!(
            "Reporting is lower even where no facial muscle is injected, ROR {rest}, which facial feedback alone cannot explain. It is lower still where the frown muscles are, ROR {frown}; the ratio of the two is {ratio}. Both kinds of explanation may play a part."
        ),
        Verdict::EffectEverywhere { frown_stronger: false } => format!(
            "Reporting is lower even where no facial muscle is injected, ROR {rest}, and the frown-muscle group, ROR {frown}, does not clearly differ from it: the ratio of the two is {ratio}. That fits a systemic explanation better than facial feedback alone."
        ),
        Verdict::OnlyWithoutFacialMuscles => format!(
            "Reporting is clearly lower only where no facial muscle is injected, ROR {rest}, not where the frown muscles are, ROR {frown}. That does not fit facial feedback."
        ),
        Verdict::NoClearEffect => format!(
            "No group shows clearly lower reporting at this confidence level: frown muscles ROR {frown}, no facial muscles ROR {rest}. The numbers favour no explanation."
        ),
        Verdict::NotComparable => {
            "These groups cannot be compared: a group has no cohort with a defined ROR.".to_owned()
        }
    }
}

/// The forest plot's text alternative.
pub fn forest_summary(analysis: &Analysis, level: Level, adjusted: bool) -> String {
    let lower: Vec<String> = analysis
        .cohorts
        .iter()
        .filter(|c| is_lower(c))
        .map(|c| short_name(&c.indication).to_ascii_lowercase())
        .collect();
    let kind = if adjusted {
        "adjusted for sex and age band (Mantel–Haenszel)"
    } else {
        "crude"
    };
    let mut res = format!(
        "Reporting odds ratios, {kind}, with {}% intervals. {} of {} cohorts have an interval wholly below 1, meaning depression was reported less often with Botox than with other treatments of the same condition: {}.",
        level.get() * 100.0,
        lower.len(),
        analysis.cohorts.len(),
        lower.join(", ")
    );
    let others: Vec<String> = analysis
        .cohorts
        .iter()
        .filter(|c| !is_lower(c))
        .map(|c| match c.shown() {
            (Some(ratio), Some(ci)) => format!(
                "{}, ROR {}, interval {} to {}",
                short_name(&c.indication),
                ratio_label(ratio),
                ratio_label(ci.low),
                ratio_label(ci.high)
            ),
            _ => format!("{} (not defined)", short_name(&c.indication)),
        })
        .collect();
    if !others.is_empty() {
        res.push_str(&format!(
            " The interval includes 1 for {}.",
            others.join("; ")
        ));
    }
    if analysis
        .cohorts
        .iter()
        .any(|c| c.ror.corrected && !adjusted)
    {
        res.push_str(" Where a cell is zero (no depression report with Botox for sialorrhea), 0.5 was added to every cell.");
    }
    res
}

/// The dose view's text alternative.
pub fn dose_summary(dose: &DoseResult, level: Level) -> String {
    let Some(regression) = dose.regression else {
        return "Too few cohorts have a defined ROR to fit a line against dose.".to_owned();
    };
    // exp(slope · ln 10) rather than powf, which would link another libm routine.
    let per_tenfold = (regression.slope * std::f64::consts::LN_10).exp();
    let direction = if regression.slope_ci.low > 0.0 {
        "Larger labelled doses go with RORs closer to 1, a weaker association: the opposite of what “systemic action at large doses” predicts."
    } else if regression.slope_ci.high < 0.0 {
        "Larger labelled doses go with lower RORs, a stronger association: what “systemic action at large doses” predicts."
    } else {
        "The interval of the slope includes 0: no clear trend with dose."
    };
    format!(
        "Across {} cohorts, the weighted regression line multiplies the ROR by {} for every tenfold dose (slope {} per log unit, {}% CI {} to {}, {}). {direction} Doses are typical labelled doses per session, not the doses of the patients in the reports.",
        regression.k,
        fixed(per_tenfold, 2),
        fixed(regression.slope, 2),
        level.get() * 100.0,
        fixed(regression.slope_ci.low, 2),
        fixed(regression.slope_ci.high, 2),
        p_label(regression.slope_p)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::analysis::analyze;
    use glabella_core::data::default_dataset;
    use glabella_core::scenario::{assess, Scenario};

    fn sentences(scenario: &Scenario) -> (String, String) {
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        headline(&analysis, &assess(&analysis, scenario.ci_level))
    }

    fn workbench_verdict(scenario: &Scenario) -> String {
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        verdict(&assess(&analysis, scenario.ci_level), scenario.ci_level)
    }

    #[test]
    fn the_headline_changes_with_the_grouping() {
        let mut scenario = Scenario::for_dataset(&default_dataset());
        let (first, second) = sentences(&scenario);
        assert!(
            first.contains("in 6 of 8 cohorts, including 3 of the 5"),
            "{first}"
        );
        assert!(second.contains("systemic explanation"), "{second}");
        let before = workbench_verdict(&scenario);
        scenario.move_cohort("migraine", Site::NoFacial);
        let (moved_first, _) = sentences(&scenario);
        assert!(moved_first.contains("4 of the 6"), "{moved_first}");
        assert_ne!(workbench_verdict(&scenario), before);
    }

    #[test]
    fn summaries_name_the_cohorts_and_the_caveat() {
        let scenario = Scenario::for_dataset(&default_dataset());
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        let forest = forest_summary(&analysis, scenario.ci_level, false);
        assert!(
            forest.contains("6 of 8 cohorts") && forest.contains("cosmetic"),
            "{forest}"
        );
        assert!(
            forest.contains("Bladder disorders, ROR 0.78, interval 0.43 to 1.43"),
            "{forest}"
        );
        let dose = dose_summary(&analysis.dose, scenario.ci_level);
        assert!(dose.contains("not the doses of the patients"), "{dose}");
    }
}
