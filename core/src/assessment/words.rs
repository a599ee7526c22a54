//! The assessment in words: the headline, the scorecard rows and the dose sentence, in the
//! reader's language. The words are in the message files (`i18n/<lang>.toml`); this module
//! chooses which sentence applies.
//!
//! Every sentence about data names the interval it rests on, and its verb follows that interval's
//! [`Direction`]: "lower" only for an interval wholly below 1, "higher" only for one wholly above,
//! and for an interval that includes 1, that it does, never "no difference".

use crate::format::{count_label, fixed, ratio_label};
use crate::i18n::{self, Lang};
use crate::scenario::Site;
use crate::stats::{Interval, Level};

use super::{
    Assessment, Basis, Direction, Estimate, Evidence, Finding, Hypothesis, Missing, Reading,
    ReadingFlip,
};
use crate::analysis::Missed;

/// The hypothesis in a few words.
pub fn title(lang: Lang, hypothesis: Hypothesis) -> &'static str {
    use i18n::hypothesis as h;
    match hypothesis {
        Hypothesis::FfOnly => h::ff_only(lang),
        Hypothesis::FfAdds => h::ff_adds(lang),
        Hypothesis::Systemic => h::systemic(lang),
        Hypothesis::SystemicDose => h::systemic_dose(lang),
        Hypothesis::MuscleRelief => h::muscle_relief(lang),
        Hypothesis::ConditionRelief => h::condition_relief(lang),
        Hypothesis::ReportingArtefacts => h::reporting_artefacts(lang),
    }
}

/// What the hypothesis predicts these data should show.
pub fn prediction(lang: Lang, hypothesis: Hypothesis) -> &'static str {
    use i18n::hypothesis as h;
    match hypothesis {
        Hypothesis::FfOnly => h::ff_only_prediction(lang),
        Hypothesis::FfAdds => h::ff_adds_prediction(lang),
        Hypothesis::Systemic => h::systemic_prediction(lang),
        Hypothesis::SystemicDose => h::systemic_dose_prediction(lang),
        Hypothesis::MuscleRelief => h::muscle_relief_prediction(lang),
        Hypothesis::ConditionRelief => h::condition_relief_prediction(lang),
        Hypothesis::ReportingArtefacts => h::reporting_artefacts_prediction(lang),
    }
}

/// The reading as a word.
pub fn reading_word(lang: Lang, reading: Reading) -> &'static str {
    use i18n::reading as r;
    match reading {
        Reading::Supports => r::supports(lang),
        Reading::Consistent => r::consistent(lang),
        Reading::Against => r::against(lang),
        Reading::CannotTell => r::cannot_tell(lang),
        Reading::NotTestable => r::not_testable(lang),
    }
}

/// Where a reading would change under the reporting-bias what-if, in one sentence: the page's
/// list and the command's `--flips` say it alike.
pub fn flip_sentence(lang: Lang, flip: &ReadingFlip) -> String {
    let word = |reading: Reading| lower_first(reading_word(lang, reading));
    let max = count_label(lang, u64::from(Missed::MAX));
    let part = |change: Option<(u8, Reading)>, bont: bool| match change {
        Some((percent, to)) => {
            let percent = count_label(lang, u64::from(percent));
            if bont {
                i18n::words::flip_bont(lang, &word(to), &percent)
            } else {
                i18n::words::flip_control(lang, &word(to), &percent)
            }
        }
        None if bont => i18n::words::flip_bont_unchanged(lang, &max),
        None => i18n::words::flip_control_unchanged(lang, &max),
    };
    i18n::words::flip(
        lang,
        title(lang, flip.hypothesis),
        &word(flip.reading),
        &part(flip.bont, true),
        &part(flip.control, false),
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

/// "95%"; a level that is not a whole percent keeps its decimals ("97.5%"), so the label never
/// names a level other than the one the intervals were computed at.
pub fn level_label(lang: Lang, level: Level) -> String {
    let percent = level.get() * 100.0;
    let whole_at = |decimals: i32| {
        let scaled = percent * 10f64.powi(decimals);
        (scaled - scaled.round()).abs() < 1e-6
    };
    let decimals = (0..2).find(|&decimals| whole_at(decimals)).unwrap_or(2);
    format!("{}%", fixed(lang, percent, decimals as u32))
}

/// "0.45 (95% CI 0.30 to 0.67)".
pub fn ratio_with_ci(lang: Lang, ratio: f64, ci: Interval, level: Level) -> String {
    i18n::words::ratio_with_ci(
        lang,
        &ratio_label(lang, ratio),
        &level_label(lang, level),
        &ratio_label(lang, ci.low),
        &ratio_label(lang, ci.high),
    )
}

fn estimate_text(lang: Lang, estimate: &Estimate, level: Level) -> String {
    ratio_with_ci(lang, estimate.ratio, estimate.ci, level)
}

/// "0.45, 95% CI 0.37 to 0.54": for use inside parentheses.
fn estimate_inline(lang: Lang, estimate: &Estimate, level: Level) -> String {
    i18n::words::estimate_inline(
        lang,
        &ratio_label(lang, estimate.ratio),
        &level_label(lang, level),
        &ratio_label(lang, estimate.ci.low),
        &ratio_label(lang, estimate.ci.high),
    )
}

/// How far a ratio is from 1, in words: "83% lower", "35% higher", "2.4 times as high".
fn relative(lang: Lang, ratio: f64) -> String {
    if ratio < 1.0 {
        i18n::words::lower_by(lang, &fixed(lang, (1.0 - ratio) * 100.0, 0))
    } else if ratio < 2.0 {
        i18n::words::higher_by(lang, &fixed(lang, (ratio - 1.0) * 100.0, 0))
    } else {
        i18n::words::times_as_high(lang, &fixed(lang, ratio, 1))
    }
}

/// The reader-facing name of a workbench group.
pub fn site_label(lang: Lang, site: Site) -> &'static str {
    match site {
        Site::Frown => i18n::site::frown(lang),
        Site::OtherFacial => i18n::site::other_facial(lang),
        Site::NoFacial => i18n::site::no_facial(lang),
    }
}

/// Where in a sentence a group's name stands: languages that decline nouns need a form for each.
#[derive(Clone, Copy)]
enum Role {
    /// The subject: "(The frown-muscle cohorts: pooled ROR …)".
    Subject,
    /// After "in": "reporting is lower in …".
    In,
    /// The owner of an interval: "… have an interval that includes 1".
    Of,
}

/// The cohorts of a group, as the sentence should call them: by injection site when the groups
/// are the catalog's, "your … group" when the reader has moved cohorts.
fn group_name(lang: Lang, site: Site, your_groups: bool, role: Role) -> &'static str {
    use i18n::site as s;
    let forms: [fn(Lang) -> &'static str; 3] = match (site, your_groups) {
        (Site::Frown, false) => [s::frown_cohorts, s::frown_cohorts_in, s::frown_cohorts_of],
        (Site::Frown, true) => [s::your_frown, s::your_frown_in, s::your_frown_of],
        (Site::NoFacial, false) => [
            s::no_facial_cohorts,
            s::no_facial_cohorts_in,
            s::no_facial_cohorts_of,
        ],
        (Site::NoFacial, true) => [
            s::your_no_facial,
            s::your_no_facial_in,
            s::your_no_facial_of,
        ],
        (Site::OtherFacial, false) => [
            s::other_facial_cohorts,
            s::other_facial_cohorts_in,
            s::other_facial_cohorts_of,
        ],
        (Site::OtherFacial, true) => [
            s::your_other_facial,
            s::your_other_facial_in,
            s::your_other_facial_of,
        ],
    };
    forms[role as usize](lang)
}

/// "… have an interval that includes 1", with the verb that agrees with the name in English.
fn includes_one(lang: Lang, site: Site, your_groups: bool) -> String {
    let name = group_name(lang, site, your_groups, Role::Of);
    if your_groups {
        i18n::words::includes_one_yours(lang, name)
    } else {
        i18n::words::includes_one(lang, name)
    }
}

/// One group's result with the verb its interval allows: "reporting is lower in …",
/// "reporting is higher in …" or "… have an interval that includes 1", then the estimate.
fn group_clause(
    lang: Lang,
    site: Site,
    your_groups: bool,
    estimate: &Estimate,
    level: Level,
) -> String {
    let estimate_part = estimate_text(lang, estimate, level);
    let name = group_name(lang, site, your_groups, Role::In);
    match estimate.direction() {
        Direction::Below => i18n::words::clause_lower(lang, name, &estimate_part),
        Direction::Above => i18n::words::clause_higher(lang, name, &estimate_part),
        Direction::IncludesNull => i18n::words::clause_includes_one(
            lang,
            &includes_one(lang, site, your_groups),
            &estimate_part,
        ),
    }
}

/// The reader-facing name of a cohort, as the catalog writes it: "Torticollis (cervical
/// dystonia)". A cohort the catalog does not know (a reader's own data) is named by its slug.
pub fn cohort_name(lang: Lang, slug: &str) -> String {
    use i18n::cohort as c;
    let name: fn(Lang) -> &'static str = match slug {
        "cosmetic" => c::cosmetic,
        "migraine" => c::migraine,
        "spasticity" => c::spasticity,
        "torticollis" => c::torticollis,
        "blepharospasm" => c::blepharospasm,
        "hyperhidrosis" => c::hyperhidrosis,
        "sialorrhea" => c::sialorrhea,
        "bladder" => c::bladder,
        _ => return slug.to_owned(),
    };
    name(lang).to_owned()
}

/// The labelled dose of a catalog cohort, in words ("50 U per armpit, 100 U in all"); for a
/// cohort the catalog does not know, none.
pub fn dose_note(lang: Lang, slug: &str) -> Option<&'static str> {
    use i18n::dose_note as d;
    let note: fn(Lang) -> &'static str = match slug {
        "cosmetic" => d::cosmetic,
        "migraine" => d::migraine,
        "spasticity" => d::spasticity,
        "torticollis" => d::torticollis,
        "blepharospasm" => d::blepharospasm,
        "hyperhidrosis" => d::hyperhidrosis,
        "sialorrhea" => d::sialorrhea,
        "bladder" => d::bladder,
        _ => return None,
    };
    Some(note(lang))
}

/// The name without its parenthesis, for sentences and tight spaces: "Torticollis".
pub fn short_name(lang: Lang, slug: &str) -> String {
    let name = cohort_name(lang, slug);
    name.split(" (").next().unwrap_or(&name).to_owned()
}

/// "Hyperhidrosis and Sialorrhea", with catalog names.
fn name_list(lang: Lang, slugs: &[String]) -> String {
    // Inside a Russian sentence the names of conditions are common nouns, in lower case.
    let names: Vec<String> = slugs
        .iter()
        .map(|slug| match lang {
            Lang::En => short_name(lang, slug),
            Lang::Ru => lower_first(&short_name(lang, slug)),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => i18n::words::list_and(lang, &init.join(", "), last),
    }
}

fn missing_text(lang: Lang, which: Missing) -> String {
    match which {
        Missing::Group(site) => i18n::words::missing_group(lang, site_label(lang, site)),
        Missing::Undefined(site) => i18n::words::missing_undefined(lang, site_label(lang, site)),
        Missing::Contrast => i18n::words::missing_contrast(lang).to_owned(),
        Missing::DoseLine => i18n::words::missing_dose_line(lang).to_owned(),
        Missing::Glands => i18n::words::missing_glands(lang).to_owned(),
    }
}

/// What these data show for one hypothesis: the scorecard's middle column, and the source of
/// every other sentence about it.
pub fn shows(lang: Lang, finding: &Finding, assessment: &Assessment) -> String {
    use i18n::words as w;
    let level = assessment.level;
    let yours = assessment.your_groups;
    let frown_in = group_name(lang, Site::Frown, yours, Role::In);
    let no_facial_in = group_name(lang, Site::NoFacial, yours, Role::In);
    match (&finding.evidence, finding.hypothesis, finding.reading) {
        (Evidence::Missing(which), _, _) => missing_text(lang, *which),
        (Evidence::Groups { frown, no_facial }, _, Reading::Against) => w::ff_only_against(
            lang,
            no_facial_in,
            &estimate_text(lang, no_facial, level),
            &capitalise(group_name(lang, Site::Frown, yours, Role::Subject)),
            &estimate_inline(lang, frown, level),
        ),
        (Evidence::Groups { frown, no_facial }, _, Reading::Consistent) => w::ff_only_consistent(
            lang,
            frown_in,
            &estimate_text(lang, frown, level),
            &includes_one(lang, Site::NoFacial, yours),
            &estimate_text(lang, no_facial, level),
        ),
        (Evidence::Groups { frown, no_facial }, _, _) => w::ff_only_unclear(
            lang,
            &group_clause(lang, Site::Frown, yours, frown, level),
            &group_clause(lang, Site::NoFacial, yours, no_facial, level),
        ),
        (Evidence::Contrast { estimate, .. }, _, Reading::Supports) => w::ff_adds_supports(
            lang,
            &ratio_label(lang, estimate.ratio),
            &estimate_text(lang, estimate, level),
        ),
        (Evidence::Contrast { estimate, .. }, _, Reading::Against) => w::ff_adds_against(
            lang,
            &ratio_label(lang, estimate.ratio),
            &estimate_text(lang, estimate, level),
        ),
        (Evidence::Contrast { estimate, .. }, _, _) => w::ff_adds_unclear(
            lang,
            &estimate_text(lang, estimate, level),
            &relative(lang, estimate.ci.low),
            &relative(lang, estimate.ci.high),
        ),
        (Evidence::Group { estimate }, _, Reading::Consistent) => {
            w::systemic_consistent(lang, no_facial_in, &estimate_text(lang, estimate, level))
        }
        (Evidence::Group { estimate }, _, Reading::Against) => {
            w::systemic_against(lang, no_facial_in, &estimate_text(lang, estimate, level))
        }
        (Evidence::Group { estimate }, _, _) => w::systemic_unclear(
            lang,
            &capitalise(&includes_one(lang, Site::NoFacial, yours)),
            &estimate_text(lang, estimate, level),
        ),
        (Evidence::Slope { slope, ci, p, k }, _, reading) => {
            // exp(slope · ln 10) rather than powf, which would link another libm routine.
            let per_tenfold = (slope * std::f64::consts::LN_10).exp();
            let trend = match reading {
                Reading::Supports => w::dose_trend_supports(lang),
                Reading::Against => w::dose_trend_against(lang),
                _ => w::dose_trend_unclear(lang),
            };
            w::dose(
                lang,
                *k,
                trend,
                &fixed(lang, per_tenfold, 2),
                &fixed(lang, *slope, 2),
                &level_label(lang, level),
                &fixed(lang, ci.low, 2),
                &fixed(lang, ci.high, 2),
                &p_label(lang, *p),
            )
        }
        (
            Evidence::Glands {
                estimate,
                cohorts,
                left_out,
            },
            _,
            reading,
        ) => {
            let names = name_list(lang, cohorts);
            let estimate_part = estimate_inline(lang, estimate, level);
            let mut res = match (reading, estimate.direction()) {
                (Reading::Against, _) => w::glands_against(lang, &names, &estimate_part),
                (_, Direction::Above) => w::glands_higher(lang, &names, &estimate_part),
                _ => w::glands_unclear(lang, &names, &estimate_part),
            };
            if !left_out.is_empty() {
                let names = name_list(lang, left_out);
                res.push(' ');
                res.push_str(&if left_out.len() == 1 {
                    w::left_out_one(lang, &names)
                } else {
                    w::left_out_many(lang, &names)
                });
            }
            res
        }
        (Evidence::None, Hypothesis::ConditionRelief, _) => {
            w::condition_relief_untestable(lang).to_owned()
        }
        (Evidence::None, _, _) => w::reporting_artefacts_untestable(lang).to_owned(),
    }
}

/// Upper case of a letter of the languages the sentences are written in: ASCII and Russian
/// Cyrillic, by their fixed offsets, since Unicode case tables would cost the page kilobytes
/// of wasm.
fn upper(ch: char) -> char {
    match ch {
        'а'..='я' => char::from_u32(ch as u32 - 0x20).unwrap_or(ch),
        'ё' => 'Ё',
        _ => ch.to_ascii_uppercase(),
    }
}

fn lower(ch: char) -> char {
    match ch {
        'А'..='Я' => char::from_u32(ch as u32 + 0x20).unwrap_or(ch),
        'Ё' => 'ё',
        _ => ch.to_ascii_lowercase(),
    }
}

fn with_first(text: &str, change: fn(char) -> char) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(change(first)).chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentence with its first letter upper-case.
fn capitalise(text: &str) -> String {
    with_first(text, upper)
}

/// A label with its first letter lower-case, for use inside a sentence.
pub fn lower_first(text: &str) -> String {
    with_first(text, lower)
}

/// "p < 0.001" or "p = 0.042".
pub fn p_label(lang: Lang, p: f64) -> String {
    if p < 0.001 {
        i18n::words::p_below(lang, &fixed(lang, 0.001, 3))
    } else {
        i18n::words::p_equals(lang, &fixed(lang, p, 3))
    }
}

/// The headline's two sentences: the count of cohorts, then the scorecard in one sentence.
pub fn headline(lang: Lang, assessment: &Assessment) -> (String, String) {
    let tally = assessment.tally;
    let basis = match assessment.basis {
        Basis::Reconstruction => i18n::words::basis_reconstruction(lang),
        Basis::OwnData => i18n::words::basis_own_data(lang),
    };
    let adjusted = if assessment.adjusted {
        i18n::words::adjusted(lang)
    } else {
        ""
    };
    let mut first = i18n::words::headline(
        lang,
        basis,
        adjusted,
        &count_label(lang, tally.lower as u64),
        tally.cohorts as u64,
    );
    if tally.no_facial > 0 {
        first.push_str(&i18n::words::headline_no_facial(
            lang,
            &count_label(lang, tally.no_facial_lower as u64),
            tally.no_facial as u64,
        ));
    }
    first.push('.');
    (first, scorecard_sentence(lang, assessment))
}

/// The scorecard in one sentence: facial feedback alone, and whether it adds to the effect.
fn scorecard_sentence(lang: Lang, assessment: &Assessment) -> String {
    use i18n::words as w;
    let level = assessment.level;
    let yours = assessment.your_groups;
    let in_your_groups = if yours { w::in_your_groups(lang) } else { "" };
    let frown_in = group_name(lang, Site::Frown, yours, Role::In);
    let no_facial_in = group_name(lang, Site::NoFacial, yours, Role::In);
    let only = assessment.finding(Hypothesis::FfOnly);
    let adds = assessment.finding(Hypothesis::FfAdds);
    let first = match (&only.evidence, only.reading) {
        (Evidence::Groups { no_facial, .. }, Reading::Against) => {
            w::scorecard_against(lang, no_facial_in, &estimate_inline(lang, no_facial, level))
        }
        (Evidence::Groups { frown, no_facial }, Reading::Consistent) => w::scorecard_consistent(
            lang,
            frown_in,
            &estimate_inline(lang, frown, level),
            &includes_one(lang, Site::NoFacial, yours),
            &estimate_inline(lang, no_facial, level),
        ),
        (Evidence::Groups { frown, no_facial }, _) => w::scorecard_unclear(
            lang,
            &group_clause(lang, Site::Frown, yours, frown, level),
            &group_clause(lang, Site::NoFacial, yours, no_facial, level),
        ),
        _ => return w::scorecard_missing(lang).to_owned(),
    };
    let second = match (&adds.evidence, adds.reading) {
        (Evidence::Contrast { estimate, .. }, Reading::Supports) => {
            let estimate = estimate_inline(lang, estimate, level);
            if yours {
                w::scorecard_adds_supports_yours(lang, frown_in, &estimate)
            } else {
                w::scorecard_adds_supports(lang, frown_in, &estimate)
            }
        }
        (Evidence::Contrast { estimate, .. }, Reading::Against) => {
            let estimate = estimate_inline(lang, estimate, level);
            if yours {
                w::scorecard_adds_against_yours(lang, frown_in, &estimate)
            } else {
                w::scorecard_adds_against(lang, frown_in, &estimate)
            }
        }
        (Evidence::Contrast { estimate, .. }, _) => {
            w::scorecard_adds_unclear(lang, &estimate_inline(lang, estimate, level))
        }
        _ => String::new(),
    };
    capitalise(&format!("{in_your_groups}{first}{second}."))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::catalog;

    #[test]
    fn the_english_cohort_names_and_doses_are_the_catalogs() {
        for info in catalog() {
            assert_eq!(cohort_name(Lang::En, info.slug), info.name, "{}", info.slug);
            assert_ne!(cohort_name(Lang::Ru, info.slug), info.name, "{}", info.slug);
        }
        for info in catalog() {
            assert_eq!(
                dose_note(Lang::En, info.slug),
                Some(info.dose.note),
                "{}",
                info.slug
            );
            assert_ne!(
                dose_note(Lang::Ru, info.slug),
                Some(info.dose.note),
                "{}",
                info.slug
            );
        }
        assert_eq!(dose_note(Lang::Ru, "my-own"), None);
        for lang in Lang::ALL {
            assert_eq!(cohort_name(lang, "my-own"), "my-own");
            assert_eq!(short_name(lang, "my-own (x)"), "my-own");
        }
        assert_eq!(short_name(Lang::Ru, "torticollis"), "Кривошея");
        assert_eq!(short_name(Lang::En, "torticollis"), "Torticollis");
        assert_eq!(short_name(Lang::Ru, "hyperhidrosis"), "Гипергидроз");
    }

    #[test]
    fn case_changes_cover_ascii_and_cyrillic() {
        assert_eq!(capitalise("the cohorts"), "The cohorts");
        assert_eq!(capitalise("интервал включает 1"), "Интервал включает 1");
        assert_eq!(capitalise("ёлка"), "Ёлка");
        assert_eq!(capitalise("яма"), "Яма");
        assert_eq!(capitalise("«цитата»"), "«цитата»");
        assert_eq!(capitalise(""), "");
        assert_eq!(lower_first("Cannot tell"), "cannot tell");
        assert_eq!(lower_first("Нельзя сказать"), "нельзя сказать");
        assert_eq!(lower_first("Ёж"), "ёж");
        assert_eq!(lower_first("Против"), "против");
    }

    #[test]
    fn levels_keep_their_decimals() {
        let label = |lang, level| level_label(lang, Level::new(level).unwrap());
        assert_eq!(label(Lang::En, 0.95), "95%");
        assert_eq!(label(Lang::En, 0.9), "90%");
        assert_eq!(label(Lang::En, 0.99), "99%");
        assert_eq!(label(Lang::En, 0.975), "97.5%");
        assert_eq!(label(Lang::En, 0.999), "99.9%");
        assert_eq!(label(Lang::En, 0.9995), "99.95%");
        assert_eq!(label(Lang::Ru, 0.975), "97,5%");
        assert_eq!(label(Lang::Ru, 0.95), "95%");
    }

    #[test]
    fn p_values_read_in_both_languages() {
        assert_eq!(p_label(Lang::En, 0.0001), "p < 0.001");
        assert_eq!(p_label(Lang::En, 0.0421), "p = 0.042");
        assert_eq!(p_label(Lang::Ru, 0.0001), "p < 0,001");
        assert_eq!(p_label(Lang::Ru, 0.0421), "p = 0,042");
    }
}
