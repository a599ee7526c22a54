//! The story's own steps between the results: step 2's live part (one cohort's counts) and,
//! for the pre-render, the explanations in plain words (step 4; see `prose.rs`). Plain functions
//! returning escaped markup: they hold no state, and static structure costs far less wasm as a
//! string than as `html!`.

use crate::lang::LANG;
use crate::markup::{escape, escape_text};
use glabella_core::analysis::Analysis;
use glabella_core::format::{count_label, fixed, ratio_label};
use glabella_core::i18n::story;
use glabella_core::stats::Table2x2;

/// The cohort whose counts explain the method: the first with no zero cell, so that its ratio
/// is the plain (a ÷ b) ÷ (c ÷ d) the sentence writes out, with no half report added.
pub fn example_cohort(analysis: &Analysis) -> Option<(&str, Table2x2, f64)> {
    analysis
        .cohorts
        .iter()
        .filter(|c| !c.table.has_zero())
        .find_map(|c| Some((c.indication.as_str(), c.table, c.ror.estimate?)))
}

/// Step 2's live part: one cohort's 2×2 table as counts, as a picture of how often each arm's
/// reports mention depression, and as the ratio worked out.
pub fn example_counts(analysis: &Analysis) -> String {
    let mut res = String::new();
    let Some((slug, table, ror)) = example_cohort(analysis) else {
        return res;
    };
    let Table2x2 { a, b, c, d } = table;
    let count = |n: u64| count_label(LANG, n);
    let counts = story::how_counts(
        LANG,
        &crate::text::cohort_name(LANG, slug),
        &count(a),
        a + b,
        &count(c),
        c + d,
    );
    res.push_str(&format!(
        "<p id=\"how-counts\" data-cohort=\"{}\">{}</p>",
        escape(slug),
        escape_text(&counts)
    ));
    res.push_str(&counts_picture(table));
    let ratio = story::how_ror(
        LANG,
        &count(a),
        &count(b),
        &count(c),
        &count(d),
        &ratio_label(LANG, ror),
    );
    res.push_str(&format!("<p id=\"how-ror\">{}</p>", escape_text(&ratio)));
    res
}

/// Two bars, one per arm, as long as the share of its reports that mention depression (scaled
/// to the larger share, so that both read at a glance), each labelled per 1,000 reports. The
/// sentence beside it says the same numbers, so the picture is hidden from screen readers.
fn counts_picture(table: Table2x2) -> String {
    let shares = [
        (story::botox(LANG), "bont", table.a, table.a + table.b),
        (story::other(LANG), "control", table.c, table.c + table.d),
    ];
    let rate = |events: u64, total: u64| events as f64 * 1000.0 / total.max(1) as f64;
    let top = shares
        .iter()
        .map(|&(_, _, events, total)| rate(events, total))
        .fold(0.0, f64::max);
    let mut svg = String::from(
        "<svg class=\"counts-picture\" viewBox=\"0 0 320 88\" width=\"320\" height=\"88\" aria-hidden=\"true\" focusable=\"false\">",
    );
    for (row, &(name, class, events, total)) in shares.iter().enumerate() {
        let y = row as u32 * 44;
        let per_thousand = rate(events, total);
        // A bar never vanishes: a share of 0 still shows a hairline at the axis.
        let width = if top > 0.0 {
            (per_thousand / top * 318.0).max(1.0)
        } else {
            1.0
        };
        let label = format!(
            "{}: {}",
            name,
            story::per_thousand(LANG, &fixed(LANG, per_thousand, 1))
        );
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\">{}</text><rect class=\"{class}\" x=\"1\" y=\"{}\" width=\"{}\" height=\"14\"/>",
            y + 15,
            escape(&label),
            y + 22,
            fixed(glabella_core::i18n::Lang::En, width, 1),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Step 4: the explanations, each in plain words with the pattern it predicts, and the catch
/// that makes migraine a movable cohort.
#[cfg(not(target_arch = "wasm32"))]
pub fn explanations() -> String {
    let items: [(&str, &str); 5] = [
        (story::feedback_name(LANG), story::feedback(LANG)),
        (story::systemic_name(LANG), story::systemic(LANG)),
        (story::muscles_name(LANG), story::muscles(LANG)),
        (story::condition_name(LANG), story::condition(LANG)),
        (story::reporting_name(LANG), story::reporting(LANG)),
    ];
    let mut res = format!(
        "<p class=\"lede\">{}</p><dl class=\"explanations\">",
        escape_text(story::explanations_lede(LANG))
    );
    for (name, text) in items {
        res.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            escape_text(name),
            escape_text(text)
        ));
    }
    res.push_str(&format!(
        "</dl><p>{}</p>",
        escape_text(story::migraine_catch(LANG))
    ));
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::analysis::analyze;
    use glabella_core::data::default_dataset;
    use glabella_core::scenario::Scenario;

    fn default_analysis() -> Analysis {
        let dataset = default_dataset();
        analyze(&dataset, &Scenario::for_dataset(&dataset).settings()).unwrap()
    }

    #[test]
    fn the_example_is_the_first_cohort_without_a_zero_cell_and_its_ratio_is_the_written_one() {
        let analysis = default_analysis();
        let (slug, table, ror) = example_cohort(&analysis).unwrap();
        assert_eq!(slug, analysis.cohorts[0].indication);
        let written = (table.a as f64 / table.b as f64) / (table.c as f64 / table.d as f64);
        assert!((ror - written).abs() < 1e-12, "{ror} against {written}");
    }

    #[test]
    #[cfg(not(feature = "ru"))]
    fn the_counts_are_the_analysis_counts_in_words() {
        let html = example_counts(&default_analysis());
        assert!(
            html.contains(
                "In the Cosmetic (wrinkles) cohort, 104 of 20,684 Botox reports mention depression; \
                 49 of 1,214 reports of other treatments do."
            ),
            "{html}"
        );
        assert!(
            html.contains("(104 ÷ 20,580) ÷ (49 ÷ 1,165) = 0.12"),
            "{html}"
        );
        // 104 / 20,684 is 5.0 per 1,000; 49 / 1,214 is 40.4.
        assert!(html.contains("Botox: 5.0 per 1,000 reports"), "{html}");
        assert!(
            html.contains("Other treatments: 40.4 per 1,000 reports"),
            "{html}"
        );
    }

    #[test]
    #[cfg(feature = "ru")]
    fn the_counts_are_the_analysis_counts_in_russian_words() {
        let html = example_counts(&default_analysis());
        assert!(
            html.contains(
                "В когорте «Косметология (морщины)» депрессию упоминают 104 из 20\u{202f}684 \
                 сообщений о ботоксе и 49 из 1\u{202f}214 сообщений о другом лечении."
            ),
            "{html}"
        );
        assert!(html.contains("= 0,12."), "{html}");
        assert!(html.contains("Ботокс: 5,0 на 1000 сообщений"), "{html}");
    }

    #[test]
    fn a_dataset_whose_every_cohort_has_a_zero_cell_gets_no_example() {
        let mut analysis = default_analysis();
        for cohort in &mut analysis.cohorts {
            cohort.table.a = 0;
        }
        assert_eq!(example_counts(&analysis), "");
    }

    #[test]
    fn the_picture_scales_to_the_larger_share_and_never_loses_a_bar() {
        let svg = counts_picture(Table2x2::new(0, 100, 10, 90));
        assert!(svg.contains("width=\"1.0\""), "{svg}");
        assert!(svg.contains("width=\"318.0\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
    }
}
