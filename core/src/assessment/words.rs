#![allow(unused_variables)] // until every message is in the message files
//! The assessment in plain English: the headline, the scorecard rows and the dose sentence.
//!
//! Every sentence about data names the interval it rests on, and its verb follows that interval's
//! [`Direction`]: "lower" only for an interval wholly below 1, "higher" only for one wholly above,
//! and for an interval that includes 1, that it does, never "no difference".

use crate::data::cohort_info;
use crate::format::{fixed, ratio_label};
use crate::i18n::Lang;
use crate::scenario::Site;
use crate::stats::{Interval, Level};

use super::{
    Assessment, Basis, Direction, Estimate, Evidence, Finding, Hypothesis, Missing, Reading,
    ReadingFlip,
};
use crate::analysis::Missed;

/// The hypothesis in a few words.
pub fn title(lang: Lang, hypothesis: Hypothesis) -> &'static str {
    match hypothesis {
        Hypothesis::FfOnly => "Facial feedback is the whole story",
        Hypothesis::FfAdds => "Facial feedback adds to the effect",
        Hypothesis::Systemic => "Botox acts beyond the injection site",
        Hypothesis::SystemicDose => "…and more so at larger doses",
        Hypothesis::MuscleRelief => "Relaxing tense or painful muscles lifts mood",
        Hypothesis::ConditionRelief => "Relief of a distressing condition lifts mood",
        Hypothesis::ReportingArtefacts => "Differences in who reports, and what",
    }
}

/// What the hypothesis predicts these data should show.
pub fn prediction(lang: Lang, hypothesis: Hypothesis) -> &'static str {
    match hypothesis {
        Hypothesis::FfOnly => "Less depression reported where the frown muscles are injected, and none of that effect where no facial muscle is.",
        Hypothesis::FfAdds => "A stronger effect where the frown muscles are injected than where no facial muscle is: a ratio of the two groups below 1.",
        Hypothesis::Systemic => "Less depression reported wherever Botox is injected, including where no facial muscle is.",
        Hypothesis::SystemicDose => "The larger the dose, the lower the ROR: a line that slopes down.",
        Hypothesis::MuscleRelief => "An effect where muscles are relaxed, but none where only sweat or salivary glands are injected.",
        Hypothesis::ConditionRelief => "An effect wherever the treatment relieves the condition, at any site.",
        Hypothesis::ReportingArtefacts => "Differences that come from how reports are made, not from how patients feel.",
    }
}

/// The reading as a word.
pub fn reading_word(lang: Lang, reading: Reading) -> &'static str {
    match reading {
        Reading::Supports => "Supports",
        Reading::Consistent => "Consistent",
        Reading::Against => "Against",
        Reading::CannotTell => "Cannot tell",
        Reading::NotTestable => "Not testable",
    }
}

/// Where a reading would change under the reporting-bias what-if, in one sentence: the page's
/// list and the command's `--flips` say it alike.
pub fn flip_sentence(lang: Lang, flip: &ReadingFlip) -> String {
    let part = |change: Option<(u8, Reading)>, whose: &str| match change {
        Some((percent, to)) => format!(
            "{} if {whose} had missed {percent}% of depression",
            reading_word(lang, to).to_ascii_lowercase()
        ),
        None => format!("unchanged up to {}% missed in {whose}", Missed::MAX),
    };
    format!(
        "{}: {}; {}; {}.",
        title(lang, flip.hypothesis),
        reading_word(lang, flip.reading).to_ascii_lowercase(),
        part(flip.bont, "the Botox reports"),
        part(flip.control, "the other reports")
    )
}

/// A symbol for the reading that does not rely on colour.
pub fn reading_icon(reading: Reading) -> &'static str {
    match reading {
        Reading::Supports => "✓",
        Reading::Consistent => "≈",
        Reading::Against => "✗",
        Reading::CannotTell => "?",
        Reading::NotTestable => "–",
    }
}

/// "95%".
pub fn level_label(lang: Lang, level: Level) -> String {
    format!("{}%", fixed(lang, level.get() * 100.0, 0))
}

/// "0.45 (95% CI 0.30 to 0.67)".
pub fn ratio_with_ci(lang: Lang, ratio: f64, ci: Interval, level: Level) -> String {
    format!(
        "{} ({} CI {} to {})",
        ratio_label(lang, ratio),
        level_label(lang, level),
        ratio_label(lang, ci.low),
        ratio_label(lang, ci.high)
    )
}

fn estimate_text(lang: Lang, estimate: &Estimate, level: Level) -> String {
    ratio_with_ci(lang, estimate.ratio, estimate.ci, level)
}

/// "0.45, 95% CI 0.37 to 0.54": for use inside parentheses.
fn estimate_inline(lang: Lang, estimate: &Estimate, level: Level) -> String {
    format!(
        "{}, {} CI {} to {}",
        ratio_label(lang, estimate.ratio),
        level_label(lang, level),
        ratio_label(lang, estimate.ci.low),
        ratio_label(lang, estimate.ci.high)
    )
}

/// How far a ratio is from 1, in words: "83% lower", "35% higher", "2.4 times as high".
fn relative(lang: Lang, ratio: f64) -> String {
    if ratio < 1.0 {
        format!("{}% lower", fixed(lang, (1.0 - ratio) * 100.0, 0))
    } else if ratio < 2.0 {
        format!("{}% higher", fixed(lang, (ratio - 1.0) * 100.0, 0))
    } else {
        format!("{} times as high", fixed(lang, ratio, 1))
    }
}

/// The reader-facing name of a workbench group.
pub fn site_label(lang: Lang, site: Site) -> &'static str {
    match site {
        Site::Frown => "Frown muscles injected",
        Site::OtherFacial => "Other facial muscles",
        Site::NoFacial => "No facial muscles",
    }
}

/// "show" or "shows", "have" or "has": the verb for [`group_name`].
fn agree(your_groups: bool, plural: &'static str, singular: &'static str) -> &'static str {
    if your_groups {
        singular
    } else {
        plural
    }
}

/// The cohorts of a group, as the sentence should call them: by injection site when the groups
/// are the catalog's, "your … group" when the reader has moved cohorts.
fn group_name(lang: Lang, site: Site, your_groups: bool) -> &'static str {
    match (site, your_groups) {
        (Site::Frown, false) => "the frown-muscle cohorts",
        (Site::Frown, true) => "your frown-muscle group",
        (Site::NoFacial, false) => "the cohorts where no facial muscle is injected",
        (Site::NoFacial, true) => "your no-facial-muscle group",
        (Site::OtherFacial, false) => "the other facial-muscle cohorts",
        (Site::OtherFacial, true) => "your other-facial-muscle group",
    }
}

/// One group's result with the verb its interval allows: "reporting is lower in …",
/// "reporting is higher in …" or "… have an interval that includes 1", then the estimate.
fn group_clause(
    lang: Lang,
    name: &str,
    your_groups: bool,
    estimate: &Estimate,
    level: Level,
) -> String {
    let estimate_part = estimate_text(lang, estimate, level);
    match estimate.direction() {
        Direction::Below => format!("reporting is lower in {name}, pooled ROR {estimate_part}"),
        Direction::Above => format!("reporting is higher in {name}, pooled ROR {estimate_part}"),
        Direction::IncludesNull => format!(
            "{name} {} an interval that includes 1, pooled ROR {estimate_part}",
            agree(your_groups, "have", "has")
        ),
    }
}

/// The reader-facing name of a cohort, as the catalog writes it: "Torticollis (cervical dystonia)".
pub fn cohort_name(lang: Lang, slug: &str) -> String {
    cohort_info(slug).map_or_else(|| slug.to_owned(), |info| info.name.to_owned())
}

/// The name without its parenthesis, for sentences and tight spaces: "Torticollis".
pub fn short_name(lang: Lang, slug: &str) -> String {
    let name = cohort_name(lang, slug);
    name.split(" (").next().unwrap_or(&name).to_owned()
}

/// "hyperhidrosis and sialorrhea", with catalog names.
fn name_list(lang: Lang, slugs: &[String]) -> String {
    let names: Vec<String> = slugs.iter().map(|slug| short_name(lang, slug)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn missing_text(lang: Lang, which: Missing) -> String {
    match which {
        Missing::Group(site) => format!(
            "No cohort is in the group “{}”, so this cannot be weighed. Put at least one cohort there.",
            site_label(lang, site)
        ),
        Missing::Undefined(site) => format!(
            "No cohort in the group “{}” has a defined ROR, so this cannot be weighed.",
            site_label(lang, site)
        ),
        Missing::Contrast => "The two groups were not compared, so this cannot be weighed.".to_owned(),
        Missing::DoseLine => "Fewer than three cohorts have both a labelled dose and a defined ROR, so no line can be fitted.".to_owned(),
        Missing::Glands => "No gland cohort (hyperhidrosis, sialorrhea) has a defined ROR, so this cannot be weighed.".to_owned(),
    }
}

/// What these data show for one hypothesis: the scorecard's middle column, and the source of
/// every other sentence about it.
pub fn shows(lang: Lang, finding: &Finding, assessment: &Assessment) -> String {
    let level = assessment.level;
    let yours = assessment.your_groups;
    let frown_name = group_name(lang, Site::Frown, yours);
    let no_facial_name = group_name(lang, Site::NoFacial, yours);
    match (&finding.evidence, finding.hypothesis, finding.reading) {
        (Evidence::Missing(which), _, _) => missing_text(lang, *which),
        (Evidence::Groups { frown, no_facial }, _, Reading::Against) => format!(
            "Reporting is lower in {no_facial_name} too: pooled ROR {}. Facial feedback alone cannot produce an effect where no facial muscle is injected.",
            estimate_text(lang, no_facial, level)
        ) + &format!(" ({}: pooled ROR {}.)", capitalise(frown_name), estimate_inline(lang, frown, level)),
        (Evidence::Groups { frown, no_facial }, _, Reading::Consistent) => format!(
            "Reporting is lower in {frown_name}, pooled ROR {}, and {no_facial_name} {} an interval that includes 1, pooled ROR {}. That fits, but an interval that includes 1 does not show that there is no effect there.",
            estimate_text(lang, frown, level),
            agree(yours, "have", "has"),
            estimate_text(lang, no_facial, level)
        ),
        (Evidence::Groups { frown, no_facial }, _, _) => format!(
            "Neither part of the pattern is clear: {}; {}.",
            group_clause(lang, frown_name, yours, frown, level),
            group_clause(lang, no_facial_name, yours, no_facial, level)
        ),
        (Evidence::Contrast { estimate, .. }, _, Reading::Supports) => format!(
            "The frown-muscle group's pooled ROR is {} times the no-facial group's, {}: wholly below 1, so reporting is lower still where the frown muscles are injected.",
            ratio_label(lang, estimate.ratio),
            estimate_text(lang, estimate, level)
        ),
        (Evidence::Contrast { estimate, .. }, _, Reading::Against) => format!(
            "The frown-muscle group's pooled ROR is {} times the no-facial group's, {}: wholly above 1, so reporting is higher where the frown muscles are injected than where no facial muscle is.",
            ratio_label(lang, estimate.ratio),
            estimate_text(lang, estimate, level)
        ),
        (Evidence::Contrast { estimate, .. }, _, _) => format!(
            "The ratio of the frown-muscle group's pooled ROR to the no-facial group's is {}: the frown-muscle group's ROR could be anywhere from {} to {} than the other's, so these data cannot tell whether facial feedback adds anything.",
            estimate_text(lang, estimate, level),
            relative(lang, estimate.ci.low),
            relative(lang, estimate.ci.high)
        ),
        (Evidence::Group { estimate }, _, Reading::Consistent) => format!(
            "Reporting is lower in {no_facial_name}: pooled ROR {}. Relief of tense muscles and relief of the condition itself predict this too, so it does not single out action beyond the injection site.",
            estimate_text(lang, estimate, level)
        ),
        (Evidence::Group { estimate }, _, Reading::Against) => format!(
            "Reporting is higher in {no_facial_name}: pooled ROR {}, wholly above 1.",
            estimate_text(lang, estimate, level)
        ),
        (Evidence::Group { estimate }, _, _) => format!(
            "{} {} an interval that includes 1: pooled ROR {}. That leaves an effect there open; it does not show there is none.",
            capitalise(no_facial_name),
            agree(yours, "have", "has"),
            estimate_text(lang, estimate, level)
        ),
        (Evidence::Slope { slope, ci, p, k }, _, reading) => {
            // exp(slope · ln 10) rather than powf, which would link another libm routine.
            let per_tenfold = (slope * std::f64::consts::LN_10).exp();
            let trend = match reading {
                Reading::Supports => "larger labelled doses go with lower RORs, as this predicts",
                Reading::Against => "larger labelled doses go with higher RORs, that is, with less of a reduction, the opposite of what this predicts",
                _ => "the slope's interval includes 0, so there is no clear trend with dose either way",
            };
            format!(
                "Across {k} indications, {trend}. The fitted ROR is multiplied by {} for every tenfold dose (slope {} per log unit, {} CI {} to {}, {}). This compares {k} indications at their typical labelled doses, not the doses patients got, so dose is confounded with indication.",
                fixed(lang, per_tenfold, 2),
                fixed(lang, *slope, 2),
                level_label(lang, level),
                fixed(lang, ci.low, 2),
                fixed(lang, ci.high, 2),
                p_label(lang, *p)
            )
        }
        (Evidence::Glands { estimate, cohorts, left_out }, _, reading) => {
            let names = name_list(lang, cohorts);
            let mut res = match (reading, estimate.direction()) {
                (Reading::Against, _) => format!(
                    "Reporting is lower where only glands are injected and no muscle is relaxed ({names}: pooled ROR {}).",
                    estimate_inline(lang, estimate, level)
                ),
                (_, Direction::Above) => format!(
                    "Reporting is higher where only glands are injected ({names}: pooled ROR {}): no reduction there, which this predicts, but it does not set muscle relief apart from the other explanations.",
                    estimate_inline(lang, estimate, level)
                ),
                _ => format!(
                    "The gland cohorts have an interval that includes 1 ({names}: pooled ROR {}). A wide interval cannot show that there is no effect, so this cannot be weighed.",
                    estimate_inline(lang, estimate, level)
                ),
            };
            if !left_out.is_empty() {
                res.push_str(&format!(
                    " {} is left out: its ROR is not defined.",
                    name_list(lang, left_out)
                ));
            }
            res
        }
        (Evidence::None, Hypothesis::ConditionRelief, _) => "These data cannot test it: it predicts an effect wherever treatment works, so testing it needs each patient's response to treatment, which FAERS reports do not record.".to_owned(),
        (Evidence::None, _, _) => "These data cannot rule it out: publicity can stimulate reports; the two arms have different reporters (cosmetic clinics, neurologists, patients); other events in a report can mask depression; patients on antidepressants were excluded; and the control patients differ from Botox patients in more than the treatment.".to_owned(),
    }
}

/// The sentence with its first letter upper-case. ASCII only: the sentences are English, and
/// Unicode case tables would cost the page kilobytes of wasm.
fn capitalise(text: &str) -> String {
    let mut res = text.to_owned();
    if let Some(first) = res.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    res
}

/// "p < 0.001" or "p = 0.042".
pub fn p_label(lang: Lang, p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {}", fixed(lang, p, 3))
    }
}

/// The headline's two sentences: the count of cohorts, then the scorecard in one sentence.
pub fn headline(lang: Lang, assessment: &Assessment) -> (String, String) {
    let tally = assessment.tally;
    let basis = match assessment.basis {
        Basis::Reconstruction => {
            "In this reconstruction (published cohort sizes, assumed depression counts)"
        }
        Basis::OwnData => "In this dataset",
    };
    let adjusted = if assessment.adjusted {
        ", adjusted for sex and age (splits that are themselves assumptions)"
    } else {
        ""
    };
    let mut first = format!(
        "{basis}{adjusted}, depression was mentioned clearly less often in Botox reports in {} of {} cohorts",
        tally.lower, tally.cohorts
    );
    if tally.no_facial > 0 {
        first.push_str(&format!(
            ", including {} of the {} where no facial muscle is injected",
            tally.no_facial_lower, tally.no_facial
        ));
    }
    first.push('.');
    (first, scorecard_sentence(lang, assessment))
}

/// The scorecard in one sentence: facial feedback alone, and whether it adds to the effect.
fn scorecard_sentence(lang: Lang, assessment: &Assessment) -> String {
    let level = assessment.level;
    let yours = if assessment.your_groups {
        "In your groups, "
    } else {
        ""
    };
    let frown_name = group_name(lang, Site::Frown, assessment.your_groups);
    let no_facial_name = group_name(lang, Site::NoFacial, assessment.your_groups);
    let only = assessment.finding(Hypothesis::FfOnly);
    let adds = assessment.finding(Hypothesis::FfAdds);
    let first = match (&only.evidence, only.reading) {
        (Evidence::Groups { no_facial, .. }, Reading::Against) => format!(
            "that goes against facial feedback as the whole story, because reporting is lower in {no_facial_name} too (pooled ROR {})",
            estimate_inline(lang, no_facial, level)
        ),
        (Evidence::Groups { frown, no_facial }, Reading::Consistent) => format!(
            "that is consistent with facial feedback as the whole story: reporting is lower in {frown_name} (pooled ROR {}), while {no_facial_name} {} an interval that includes 1 (pooled ROR {}), which does not rule out an effect there",
            estimate_inline(lang, frown, level),
            agree(assessment.your_groups, "have", "has"),
            estimate_inline(lang, no_facial, level)
        ),
        (Evidence::Groups { frown, no_facial }, _) => format!(
            "that neither fits facial feedback alone clearly nor rules it out: {}, and {}",
            group_clause(lang, frown_name, assessment.your_groups, frown, level),
            group_clause(lang, no_facial_name, assessment.your_groups, no_facial, level)
        ),
        _ => return "Put cohorts in both the frown-muscle and the no-facial-muscle groups to weigh the explanations.".to_owned(),
    };
    let second = match (&adds.evidence, adds.reading) {
        (Evidence::Contrast { estimate, .. }, Reading::Supports) => format!(
            "; {frown_name} {} more of a reduction than the no-facial group (ratio of pooled RORs {})",
            agree(assessment.your_groups, "show", "shows"),
            estimate_inline(lang, estimate, level)
        ),
        (Evidence::Contrast { estimate, .. }, Reading::Against) => format!(
            "; {frown_name} {} less of a reduction than the no-facial group (ratio of pooled RORs {})",
            agree(assessment.your_groups, "show", "shows"),
            estimate_inline(lang, estimate, level)
        ),
        (Evidence::Contrast { estimate, .. }, _) => format!(
            "; whether the frown muscles add to the effect cannot be told (ratio of pooled RORs {})",
            estimate_inline(lang, estimate, level)
        ),
        _ => String::new(),
    };
    capitalise(&format!("{yours}{first}{second}."))
}

/// The dose section's sentence: the `systemic_dose` reading.
pub fn dose_sentence(lang: Lang, assessment: &Assessment) -> String {
    let finding = assessment.finding(Hypothesis::SystemicDose);
    format!(
        "{}: {}",
        reading_word(lang, finding.reading),
        shows(lang, finding, assessment)
    )
}
