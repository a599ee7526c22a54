//! What the randomised trials show (step 8 of the story): a small forest plot of the
//! standardised effects the trials and meta-analyses published, and its text summary, both built
//! from [`STUDIES`]. Native only: the build writes them into the static section `trials`
//! (`[page].trials`, where [`PLACEHOLDER`] marks the spot), so the wasm carries none of it.
//!
//! Hand-written SVG rather than plotters: it lands in the first paint of every reader, and four
//! rows need no more than a few lines and circles.

use crate::charts::escape_xml;
use glabella_core::format::{fixed, percent_label};
use glabella_core::i18n::{trials_chart as words, Lang};

/// Where `[page].trials` takes the chart and its summary.
pub const PLACEHOLDER: &str = "<!--trials-chart-->";

/// What kind of study an effect comes from, with the counts it published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Design {
    Trial {
        patients: u64,
    },
    MetaAnalysis {
        trials: u64,
    },
    /// Coles et al.: a critical meta-analysis (no count of trials is cited here).
    CriticalMetaAnalysis,
}

/// A standardised mean difference: both are the difference between the groups' means in
/// standard deviations; g corrects d for small samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    CohensD,
    HedgesG,
}

/// A published standardised effect of glabellar Botox on depression scores against placebo.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Study {
    /// The first author's surname; every study here has more authors ("et al.").
    pub author: &'static str,
    pub year: u16,
    /// The journal, and the volume and first page where the table gives them.
    pub journal: &'static str,
    pub pages: Option<&'static str>,
    pub design: Design,
    pub measure: Measure,
    /// The effect as published.
    pub effect: f64,
    /// Its 95% interval as published; `None` where none is published here.
    pub interval: Option<(f64, f64)>,
    /// Whether the study reports lower depression scores with Botox as a negative effect;
    /// the chart turns such a sign, so that every effect favouring Botox is positive.
    pub negative_favours_botox: bool,
}

/// The level of every published interval.
const LEVEL: f64 = 0.95;

/// The standardised effects published by the randomised evidence (glabellar injections only),
/// as `study.md` cites them: the trial first, then the meta-analyses by year.
pub const STUDIES: [Study; 4] = [
    Study {
        author: "Wollmer",
        year: 2012,
        journal: "J Psychiatr Res",
        pages: Some("46:574"),
        design: Design::Trial { patients: 30 },
        measure: Measure::CohensD,
        effect: 1.28,
        interval: None,
        negative_favours_botox: false,
    },
    Study {
        author: "Coles",
        year: 2019,
        journal: "Emotion Review",
        pages: None,
        design: Design::CriticalMetaAnalysis,
        measure: Measure::CohensD,
        effect: 0.83,
        interval: None,
        negative_favours_botox: false,
    },
    Study {
        author: "Li",
        year: 2020,
        journal: "Front Psychiatry",
        pages: None,
        design: Design::MetaAnalysis { trials: 5 },
        measure: Measure::HedgesG,
        effect: -0.82,
        interval: Some((-1.38, -0.27)),
        negative_favours_botox: true,
    },
    Study {
        author: "Schulze",
        year: 2021,
        journal: "J Psychiatr Res",
        pages: Some("135:332"),
        design: Design::MetaAnalysis { trials: 5 },
        measure: Measure::CohensD,
        effect: 0.98,
        interval: None,
        negative_favours_botox: false,
    },
];

/// Authors of a study the chart leaves out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Authors {
    EtAl(&'static str),
    Pair(&'static str, &'static str),
}

/// Studies that published no standardised effect, named in the chart's note so the reader knows
/// why they are not plotted (their results are in the section's table).
pub const RESPONSE_RATES: [(Authors, u16); 3] = [
    (Authors::Pair("Finzi", "Rosenthal"), 2014),
    (Authors::EtAl("Magid"), 2014),
    (Authors::EtAl("Magid"), 2015),
];

/// The largest trial (Brin et al. 2020, Int Clin Psychopharmacol 35:19): 30 U against placebo
/// on the MADRS scale at week 6, in points, and its p-value.
pub const LARGEST_TRIAL: (Authors, u16, f64, f64) = (Authors::EtAl("Brin"), 2020, -3.7, 0.053);

impl Study {
    /// The effect and interval as plotted: positive favours Botox.
    pub fn plotted(&self) -> (f64, Option<(f64, f64)>) {
        if self.negative_favours_botox {
            (-self.effect, self.interval.map(|(low, high)| (-high, -low)))
        } else {
            (self.effect, self.interval)
        }
    }

    /// "Wollmer et al. 2012", as the section's table names it.
    pub fn name(&self, lang: Lang) -> String {
        words::study(lang, self.author, &self.year.to_string())
    }

    fn design_label(&self, lang: Lang) -> String {
        match self.design {
            Design::Trial { patients } => words::trial(lang, patients),
            Design::MetaAnalysis { trials } => words::meta_analysis(lang, trials),
            Design::CriticalMetaAnalysis => words::critical_meta_analysis(lang).to_owned(),
        }
    }

    fn citation(&self) -> String {
        match self.pages {
            Some(pages) => format!("{} {pages}", self.journal),
            None => self.journal.to_owned(),
        }
    }

    fn symbol(&self, lang: Lang) -> &'static str {
        match self.measure {
            Measure::CohensD => words::cohens_d(lang),
            Measure::HedgesG => words::hedges_g(lang),
        }
    }

    /// "d = 1.28", or "g = 0.82†" for an effect whose sign the chart turned.
    fn effect_label(&self, lang: Lang) -> String {
        let (effect, _) = self.plotted();
        let value = number(lang, effect);
        if self.negative_favours_botox {
            words::effect_turned(lang, self.symbol(lang), &value)
        } else {
            words::effect(lang, self.symbol(lang), &value)
        }
    }

    /// The plotted interval in words, or that none was published.
    fn interval_label(&self, lang: Lang) -> String {
        match self.plotted().1 {
            Some((low, high)) => interval_words(lang, low, high),
            None => words::no_interval(lang).to_owned(),
        }
    }
}

fn number(lang: Lang, value: f64) -> String {
    fixed(lang, value, 2)
}

fn interval_words(lang: Lang, low: f64, high: f64) -> String {
    words::interval(
        lang,
        &percent_label(lang, LEVEL),
        &number(lang, low),
        &number(lang, high),
    )
}

fn authors_name(lang: Lang, authors: Authors, year: u16) -> String {
    let year = year.to_string();
    match authors {
        Authors::EtAl(author) => words::study(lang, author, &year),
        Authors::Pair(first, second) => words::study_pair(lang, first, second, &year),
    }
}

/// The section `trials` with the chart and its summary where [`PLACEHOLDER`] stands.
///
/// # Panics
/// When the section has no placeholder, or more than one: the build must not ship a section
/// without its chart.
pub fn with_chart(section: &str, lang: Lang) -> String {
    assert_eq!(
        section.matches(PLACEHOLDER).count(),
        1,
        "[page].trials ({}) must hold {PLACEHOLDER} once",
        lang.code()
    );
    section.replacen(PLACEHOLDER, &figure(lang), 1)
}

/// The chart, its text summary and its notes, as one `<figure>`.
pub fn figure(lang: Lang) -> String {
    format!(
        "<figure class=\"chart trials-chart\" id=\"trials-chart\">{}<figcaption>{}<p class=\"fineprint\">{} {}</p></figcaption></figure>",
        chart_svg(lang),
        summary(lang),
        escape_xml(&sign_note(lang)),
        escape_xml(&not_plotted_note(lang)),
    )
}

/// The summary for screen readers and for anyone who reads rather than looks: a first sentence
/// and one item per study, with every plotted number.
pub fn summary(lang: Lang) -> String {
    let all_favour = STUDIES.iter().all(|study| study.plotted().0 > 0.0);
    let lead = if all_favour {
        words::all_favour(lang)
    } else {
        words::some_favour(lang)
    };
    let items: String = STUDIES
        .iter()
        .map(|study| {
            let interval = match study.plotted().1 {
                Some((low, high)) => {
                    let interval = interval_words(lang, low, high);
                    // Read as the page reads any interval: it excludes 0 only when wholly on one side.
                    if low > 0.0 || high < 0.0 {
                        words::excludes_zero(lang, &interval)
                    } else {
                        words::includes_zero(lang, &interval)
                    }
                }
                None => words::no_interval(lang).to_owned(),
            };
            let item = words::item(
                lang,
                &study.name(lang),
                &study.citation(),
                &study.design_label(lang),
                &study.effect_label(lang),
                &interval,
            );
            format!("<li>{}</li>", escape_xml(&item))
        })
        .collect();
    format!("<p>{}</p><ul>{items}</ul>", escape_xml(lead))
}

/// How the turned signs were turned, and what d and g are.
fn sign_note(lang: Lang) -> String {
    STUDIES
        .iter()
        .filter(|study| study.negative_favours_botox)
        .map(|study| {
            let interval = match study.interval {
                Some((low, high)) => interval_words(lang, low, high),
                None => words::no_interval(lang).to_owned(),
            };
            words::sign_turned(
                lang,
                &study.name(lang),
                study.symbol(lang),
                &number(lang, study.effect),
                &interval,
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which studies are not plotted, and why.
fn not_plotted_note(lang: Lang) -> String {
    let rates: Vec<String> = RESPONSE_RATES
        .iter()
        .map(|&(authors, year)| authors_name(lang, authors, year))
        .collect();
    let (authors, year, points, p) = LARGEST_TRIAL;
    words::not_plotted(
        lang,
        &rates.join(", "),
        &authors_name(lang, authors, year),
        &fixed(lang, points, 1),
        &fixed(lang, p, 3),
    )
}

/// The chart's geometry, in SVG pixels: one layout for every width (the SVG scales), each study's
/// name and numbers on their own lines above its row, so that 360 pixels hold them.
mod layout {
    pub const WIDTH: i32 = 360;
    /// The axis runs from `LOW` to `HIGH` between `X0` and `X1`: room on the left for the side
    /// that favours placebo (where nothing falls), and for the label of its first tick.
    pub const LOW: f64 = -1.5;
    pub const HIGH: f64 = 2.0;
    pub const X0: i32 = 24;
    pub const X1: i32 = 346;
    /// Text starts here, and ends by `WIDTH - MARGIN`.
    pub const MARGIN: i32 = 4;
    /// The direction labels' baseline, above the first study.
    pub const HEADER: i32 = 14;
    pub const FIRST_ROW: i32 = 24;
    /// Each study: its name, its numbers, then its mark.
    pub const ROW: i32 = 58;
    pub const NAME: i32 = 13;
    pub const NUMBERS: i32 = 29;
    pub const MARK: i32 = 44;
    pub const NAME_SIZE: f64 = 13.0;
    pub const TEXT_SIZE: f64 = 12.0;
    /// Below the last row: the axis, its tick labels, its title and what the line at 0 means.
    pub const AXIS_GAP: i32 = 20;
    pub const TICK: i32 = 5;
    pub const TICK_LABELS: i32 = 18;
    pub const AXIS_TITLE: i32 = 36;
    pub const ZERO_LINE: i32 = 52;
    pub const BOTTOM: i32 = 58;
    pub const RADIUS: i32 = 5;
    /// Half the height of an interval's end caps.
    pub const CAP: i32 = 5;
    pub const TICKS: [f64; 8] = [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0];

    pub fn x(value: f64) -> i32 {
        let share = (value - LOW) / (HIGH - LOW);
        X0 + (share * f64::from(X1 - X0)).round() as i32
    }

    pub fn row_top(index: usize) -> i32 {
        FIRST_ROW + ROW * index as i32
    }

    pub fn axis_y(rows: usize) -> i32 {
        row_top(rows) - ROW + MARK + AXIS_GAP
    }
}

/// The accent colour of the marks, as the other charts write it: the light value for an SVG
/// that stands alone, the page's custom property on the page (so dark mode applies).
const ACCENT: &str = "#0072b2";

/// The forest plot of [`STUDIES`]; ink in `currentColor`, marks in the page's accent colour.
pub fn chart_svg(lang: Lang) -> String {
    use layout::*;
    use std::fmt::Write;

    let trials = STUDIES
        .iter()
        .filter(|study| matches!(study.design, Design::Trial { .. }))
        .count() as u64;
    let title = words::title(lang, trials, STUDIES.len() as u64 - trials);
    let axis = axis_y(STUDIES.len());
    let height = axis + BOTTOM;
    let zero = x(0.0);

    let mut svg = format!(
        "<svg viewBox=\"0 0 {WIDTH} {height}\" color=\"#1a1a1a\" role=\"img\" aria-label=\"{}\">",
        escape_xml(&title)
    );
    // Lines first: the texts' halo then clears the line at 0 where a name crosses it.
    let ticks: String = TICKS
        .iter()
        .map(|&tick| format!("M{} {axis}v{TICK}", x(tick)))
        .collect();
    let _ = write!(
        svg,
        "<path d=\"M{zero} {}V{axis}M{X0} {axis}H{X1}{ticks}\" fill=\"none\" stroke=\"currentColor\"/>",
        HEADER + 6,
    );
    // Texts: in the ink colour, each with a halo of the page's background.
    let _ = write!(
        svg,
        "<g font-size=\"{TEXT_SIZE}\" fill=\"currentColor\" stroke=\"#fff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\" style=\"stroke:var(--bg,#fff)\">"
    );
    let mut text = |x: i32, y: i32, anchor: &str, extra: &str, content: &str| {
        let anchor = match anchor {
            "" => String::new(),
            anchor => format!(" text-anchor=\"{anchor}\""),
        };
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{y}\"{anchor}{extra}>{}</text>",
            escape_xml(content)
        );
    };
    const MUTED: &str = " fill-opacity=\".72\"";
    text(zero - 6, HEADER, "end", MUTED, words::favours_placebo(lang));
    text(zero + 6, HEADER, "", MUTED, words::favours_botox(lang));
    for (index, study) in STUDIES.iter().enumerate() {
        let top = row_top(index);
        text(
            MARGIN,
            top + NAME,
            "",
            &format!(" font-size=\"{NAME_SIZE}\""),
            &study.name(lang),
        );
        text(
            WIDTH - MARGIN,
            top + NAME,
            "end",
            MUTED,
            &study.design_label(lang),
        );
        let numbers = format!(
            "{} · {}",
            study.effect_label(lang),
            study.interval_label(lang)
        );
        text(MARGIN, top + NUMBERS, "", MUTED, &numbers);
    }
    for &tick in &TICKS {
        text(
            x(tick),
            axis + TICK_LABELS,
            "middle",
            MUTED,
            &tick_label(lang, tick),
        );
    }
    text(
        WIDTH / 2,
        axis + AXIS_TITLE,
        "middle",
        "",
        words::axis_title(lang),
    );
    text(
        WIDTH / 2,
        axis + ZERO_LINE,
        "middle",
        MUTED,
        words::zero_line(lang),
    );
    svg.push_str("</g>");
    // Marks: an interval only where one was published, and a point for every study.
    let intervals: String = STUDIES
        .iter()
        .enumerate()
        .filter_map(|(index, study)| {
            let (low, high) = study.plotted().1?;
            let y = row_top(index) + MARK;
            let (from, to) = (x(low), x(high));
            Some(format!(
                "M{from} {y}H{to}M{from} {}v{}M{to} {}v{}",
                y - CAP,
                2 * CAP,
                y - CAP,
                2 * CAP
            ))
        })
        .collect();
    if !intervals.is_empty() {
        let _ = write!(
            svg,
            "<path d=\"{intervals}\" fill=\"none\" stroke=\"{ACCENT}\" stroke-width=\"2\" style=\"stroke:var(--accent,{ACCENT})\"/>"
        );
    }
    let _ = write!(
        svg,
        "<g fill=\"{ACCENT}\" style=\"fill:var(--accent,{ACCENT})\">"
    );
    for (index, study) in STUDIES.iter().enumerate() {
        let _ = write!(
            svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{RADIUS}\"/>",
            x(study.plotted().0),
            row_top(index) + MARK
        );
    }
    svg.push_str("</g></svg>");
    svg
}

/// "-1.5", "0", "2" (in Russian "−1,5").
fn tick_label(lang: Lang, value: f64) -> String {
    let label = fixed(lang, value, 1);
    match label
        .strip_suffix(".0")
        .or_else(|| label.strip_suffix(",0"))
    {
        Some(whole) => whole.to_owned(),
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::layout::*;
    use super::*;
    use crate::charts::text_width;
    use glabella_core::i18n::page;

    /// Golden files: `tests/golden/trials-en.svg` and `trials-ru.svg`. An intended change is
    /// accepted with `UPDATE_GOLDEN=1 cargo test -p glabella-web trials`, and reviewed as a diff.
    #[test]
    fn the_chart_matches_its_golden_files() {
        for lang in Lang::ALL {
            let svg = chart_svg(lang);
            let path = format!(
                "{}/tests/golden/trials-{}.svg",
                env!("CARGO_MANIFEST_DIR"),
                lang.code()
            );
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::write(&path, &svg).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("{path}: {err}; run with UPDATE_GOLDEN=1"));
            assert!(
                svg == want,
                "{path} changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
            );
        }
    }

    /// The texts of the chart: (x, y, anchor, font size, content), unescaped.
    fn texts(svg: &str) -> Vec<(i32, i32, String, f64, String)> {
        let attr = |tag: &str, name: &str| -> Option<String> {
            let from = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[from..from + tag[from..].find('"')?].to_owned())
        };
        svg.split("<text")
            .skip(1)
            .map(|node| {
                let (tag, rest) = node.split_once('>').unwrap();
                let content = rest.split("</text>").next().unwrap();
                (
                    attr(tag, "x").unwrap().parse().unwrap(),
                    attr(tag, "y").unwrap().parse().unwrap(),
                    attr(tag, "text-anchor").unwrap_or_else(|| "start".into()),
                    attr(tag, "font-size").map_or(TEXT_SIZE, |size| size.parse().unwrap()),
                    content
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&"),
                )
            })
            .collect()
    }

    /// The horizontal extent of a text, as `charts::text_width` estimates it.
    fn extent(x: i32, anchor: &str, width: i32) -> (i32, i32) {
        match anchor {
            "end" => (x - width, x),
            "middle" => (x - width / 2, x + width / 2),
            _ => (x, x + width),
        }
    }

    #[test]
    fn every_text_fits_and_no_two_on_a_line_meet() {
        for lang in Lang::ALL {
            let texts = texts(&chart_svg(lang));
            let boxes: Vec<(i32, (i32, i32), &str)> = texts
                .iter()
                .map(|(x, y, anchor, size, content)| {
                    (
                        *y,
                        extent(*x, anchor, text_width(content, *size)),
                        content.as_str(),
                    )
                })
                .collect();
            for &(_, (from, to), content) in &boxes {
                assert!(
                    from >= 0 && to <= WIDTH,
                    "{lang:?}: {content} ({from}..{to})"
                );
            }
            for (idx, &(y, (from, to), content)) in boxes.iter().enumerate() {
                for &(other_y, (other_from, other_to), other) in &boxes[idx + 1..] {
                    assert!(
                        y != other_y || to + 6 <= other_from || other_to + 6 <= from,
                        "{lang:?}: {content} meets {other}"
                    );
                }
            }
            // The direction labels keep clear of the line at 0.
            let zero = x(0.0);
            for &(y, (from, to), content) in &boxes {
                if y == HEADER {
                    assert!(to < zero || from > zero, "{lang:?}: {content}");
                }
            }
        }
    }

    /// The horizontal segments the chart draws (`M x y H x2`), as (y, from, to).
    fn horizontal_segments(svg: &str) -> Vec<(i32, i32, i32)> {
        let mut segments = Vec::new();
        for path in svg.split(" d=\"").skip(1) {
            let d = &path[..path.find('"').unwrap()];
            for command in d.split('M').skip(1) {
                if let Some((start, end)) = command.split_once('H') {
                    let (from, y) = start.split_once(' ').unwrap();
                    segments.push((
                        y.parse().unwrap(),
                        from.parse().unwrap(),
                        end.parse().unwrap(),
                    ));
                }
            }
        }
        segments
    }

    #[test]
    fn an_interval_is_drawn_only_where_one_was_published() {
        for lang in Lang::ALL {
            let svg = chart_svg(lang);
            let segments = horizontal_segments(&svg);
            for (index, study) in STUDIES.iter().enumerate() {
                let y = row_top(index) + MARK;
                let on_row: Vec<_> = segments.iter().filter(|segment| segment.0 == y).collect();
                match study.plotted().1 {
                    Some((low, high)) => assert_eq!(on_row, [&(y, x(low), x(high))], "{study:?}"),
                    None => assert!(on_row.is_empty(), "{study:?}: {on_row:?}"),
                }
            }
            // Beyond the rows' intervals, only the axis.
            let published = STUDIES
                .iter()
                .filter(|study| study.interval.is_some())
                .count();
            assert_eq!(segments.len(), published + 1);
            assert!(segments.contains(&(axis_y(STUDIES.len()), X0, X1)));
            // A point for every study, on its row.
            for (index, study) in STUDIES.iter().enumerate() {
                let circle = format!(
                    "<circle cx=\"{}\" cy=\"{}\"",
                    x(study.plotted().0),
                    row_top(index) + MARK
                );
                assert!(svg.contains(&circle), "{study:?}");
            }
            assert_eq!(svg.matches("<circle").count(), STUDIES.len());
            // And each study without an interval says so, beside its numbers.
            let texts = texts(&svg);
            for (index, study) in STUDIES.iter().enumerate() {
                let numbers = texts
                    .iter()
                    .find(|text| text.1 == row_top(index) + NUMBERS)
                    .unwrap();
                assert_eq!(
                    numbers.4.contains(words::no_interval(lang)),
                    study.interval.is_none(),
                    "{}",
                    numbers.4
                );
            }
        }
    }

    /// The section's table row of a study: from `<tr>` to `</tr>`, found by the study's name.
    fn table_row<'a>(html: &'a str, name: &str) -> &'a str {
        let start = html
            .find(&format!("<tr><th scope=\"row\">{name}"))
            .unwrap_or_else(|| panic!("no row for {name}"));
        &html[start..start + html[start..].find("</tr>").unwrap()]
    }

    /// The table writes the minus sign as U+2212 in both languages.
    fn minus(text: String) -> String {
        text.replace('-', "\u{2212}")
    }

    #[test]
    fn every_number_and_citation_is_in_the_table_or_the_summary() {
        for lang in Lang::ALL {
            let html = with_chart(page::trials(lang), lang);
            let summary = summary(lang).replace("&#39;", "'");
            for study in STUDIES {
                let name = study.name(lang);
                let row = table_row(&html, &name);
                // The citation, as the table gives it.
                let journal = format!("<cite>{}</cite>", study.journal);
                let citation = match study.pages {
                    Some(pages) => format!("{name}, {journal} {pages}</th>"),
                    None => format!("{name}, {journal}</th>"),
                };
                assert!(row.contains(&citation), "{lang:?}: {citation} in {row}");
                // The effect and interval as published, in the table.
                assert!(
                    row.contains(&minus(number(lang, study.effect))),
                    "{lang:?}: {row}"
                );
                if let Some((low, high)) = study.interval {
                    for bound in [low, high] {
                        assert!(row.contains(&minus(number(lang, bound))), "{lang:?}: {row}");
                    }
                }
                // As plotted, with the citation, in the summary.
                let (effect, interval) = study.plotted();
                assert!(summary.contains(&format!("{name}, {}", study.citation())));
                assert!(
                    summary.contains(&number(lang, effect)),
                    "{lang:?}: {summary}"
                );
                if let Some((low, high)) = interval {
                    assert!(summary.contains(&interval_words(lang, low, high)));
                }
                if let Design::Trial { patients } | Design::MetaAnalysis { trials: patients } =
                    study.design
                {
                    assert!(row.contains(&format!("{patients} ")), "{row}");
                }
            }
            // The studies left out are in the table, and the note says why.
            let note = not_plotted_note(lang);
            for (authors, year) in RESPONSE_RATES
                .into_iter()
                .chain([(LARGEST_TRIAL.0, LARGEST_TRIAL.1)])
            {
                let name = authors_name(lang, authors, year);
                assert!(note.contains(&name));
                table_row(&html, &name);
            }
            let largest = table_row(&html, &authors_name(lang, LARGEST_TRIAL.0, LARGEST_TRIAL.1));
            assert!(
                largest.contains(&minus(fixed(lang, LARGEST_TRIAL.2, 1))),
                "{largest}"
            );
            assert!(
                largest.contains(&format!("p = {}", fixed(lang, LARGEST_TRIAL.3, 3))),
                "{largest}"
            );
        }
    }

    #[test]
    fn the_section_takes_the_chart_where_the_placeholder_is() {
        for lang in Lang::ALL {
            let html = with_chart(page::trials(lang), lang);
            assert!(!html.contains(PLACEHOLDER));
            assert_eq!(html.matches("<svg").count(), 1);
            // The chart comes before the table, which stays its table alternative.
            assert!(html.find("<svg").unwrap() < html.find("id=\"trials-table\"").unwrap());
        }
    }

    #[test]
    #[should_panic(expected = "must hold <!--trials-chart--> once")]
    fn a_section_without_the_placeholder_fails_the_build() {
        with_chart("<section id=\"trials\"></section>", Lang::En);
    }

    #[test]
    fn the_blinding_problem_is_in_plain_words() {
        for lang in Lang::ALL {
            let html = page::trials(lang);
            let coles = STUDIES
                .iter()
                .find(|study| study.author == "Coles")
                .unwrap();
            let blinding = &html[html.find(PLACEHOLDER).unwrap()
                ..html.find("<div class=\"table-scroll\"").unwrap()];
            let name = coles.name(lang);
            let cited = name.trim_end_matches(char::is_numeric).trim_end();
            assert!(blinding.contains(cited), "{lang:?}");
        }
    }

    /// Latin words the Russian chart keeps: people, journals, the symbols of the effect sizes,
    /// the scale and the p of a p-value.
    #[test]
    fn the_russian_chart_speaks_russian() {
        let lang = Lang::Ru;
        let mut kept: Vec<&str> = vec!["Botox", "MADRS", "p"];
        for study in STUDIES {
            kept.push(study.author);
            kept.extend(study.journal.split(' '));
            kept.push(study.symbol(lang));
        }
        for (authors, _) in RESPONSE_RATES
            .into_iter()
            .chain([(LARGEST_TRIAL.0, LARGEST_TRIAL.1)])
        {
            match authors {
                Authors::EtAl(author) => kept.push(author),
                Authors::Pair(first, second) => kept.extend([first, second]),
            }
        }
        // What a reader reads of the figure: its texts, and the chart's name.
        let figure = figure(lang);
        let mut text = words::title(lang, 1, 3);
        for piece in figure.split('<') {
            text.push(' ');
            text.push_str(piece.split_once('>').map_or(piece, |(_, after)| after));
        }
        let stray: Vec<&str> = text
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .filter(|word| !word.is_empty() && !kept.contains(word))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
    }

    #[test]
    fn russian_numbers_have_decimal_commas_and_true_minus_signs() {
        let figure = figure(Lang::Ru);
        assert!(!figure.contains("0.82") && figure.contains("0,82"));
        assert!(figure.contains("\u{2212}0,82") && !figure.contains("-0,82"));
        assert!(figure.contains(">\u{2212}1,5<"));
    }
}
