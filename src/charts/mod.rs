//! Charts as pure functions: results in, an SVG string out, drawn with plotters.
//!
//! No Yew and no browser API here, so native tests cover every chart (golden files in
//! `tests/golden/`). The page shows the string as is, and the SVG download is the same string.
//! The SVG backend escapes the text it draws, which is what makes showing it as raw HTML safe.

pub mod dose;
pub mod forest;
#[cfg(test)]
mod golden;
mod svg_backend;

use crate::lang::LANG;
use glabella_core::format::ratio_label;
// The page's components take their number formats from here too.
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use svg_backend::SvgBackend;

/// The canvas every chart draws on.
type Area<'a> = DrawingArea<SvgBackend<'a>, Shift>;
/// Drawing into a string cannot fail; the charts ignore this rather than unwrap it.
type DrawResult = Result<(), DrawingAreaErrorKind<std::convert::Infallible>>;

/// Sizes of one rendering. Colours need no setting: ink is drawn in placeholder colours that
/// [`finish_svg`] turns into `currentColor` and CSS custom properties, so one SVG follows the page
/// into dark mode and back to dark-on-white in print.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Narrow layout for phones: fewer columns, same touch-friendly row height.
    pub compact: bool,
}

/// A colour that follows the colour scheme: a CSS custom property of the page, with a light and
/// a dark value. The SVG carries the light value as its attribute (what a viewer without CSS
/// custom properties shows, and a downloaded SVG on white) and the property in a style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SchemeColor {
    pub var: &'static str,
    pub light: &'static str,
    /// Set in `static/style.css` for dark mode; the charts only need the light value.
    #[cfg_attr(not(test), allow(dead_code))]
    pub dark: &'static str,
}

/// The chart marks' colours, from the Okabe–Ito palette (safe for the common colour-vision
/// deficiencies), darkened or lightened where needed for a contrast of at least 3:1 against both
/// page backgrounds (#ffffff and #161616). `static/style.css` defines the same properties; a test
/// checks that the two agree and computes each contrast.
pub mod palette {
    use super::SchemeColor;

    pub const FROWN: SchemeColor = SchemeColor {
        var: "--frown",
        light: "#d55e00",
        dark: "#d55e00",
    };
    pub const OTHER_FACIAL: SchemeColor = SchemeColor {
        var: "--other",
        light: "#a86f00",
        dark: "#e69f00",
    };
    pub const NO_FACIAL: SchemeColor = SchemeColor {
        var: "--none",
        light: "#0072b2",
        dark: "#56b4e9",
    };
    /// The forest plot's squares and intervals.
    pub const ACCENT: SchemeColor = SchemeColor {
        var: "--accent",
        light: "#0072b2",
        dark: "#56b4e9",
    };
    /// The page backgrounds the colours are chosen for.
    #[cfg(test)]
    pub const BACKGROUNDS: [&str; 2] = ["#ffffff", "#161616"];
}

/// The family of every text of the charts: the page's own.
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
/// Placeholder colours and what [`finish_svg`] makes of them.
const INK: RGBColor = RGBColor(1, 1, 1);
const MUTED_INK: RGBColor = RGBColor(2, 2, 2);
const GRID_INK: RGBColor = RGBColor(3, 3, 3);
const PAPER: RGBColor = RGBColor(4, 4, 4);
const FROWN_INK: RGBColor = RGBColor(5, 5, 5);
const OTHER_INK: RGBColor = RGBColor(6, 6, 6);
const NONE_INK: RGBColor = RGBColor(7, 7, 7);
const ACCENT_INK: RGBColor = RGBColor(8, 8, 8);
const DASHED_INK: RGBColor = RGBColor(9, 9, 9);
const INK_REPLACEMENTS: [(&str, &str); 8] = [
    ("\"#010101\"", "\"currentColor\""),
    (
        "fill=\"#020202\"",
        "fill=\"currentColor\" fill-opacity=\"0.72\"",
    ),
    (
        "stroke=\"#020202\"",
        "stroke=\"currentColor\" stroke-opacity=\"0.72\"",
    ),
    (
        "fill=\"#030303\"",
        "fill=\"currentColor\" fill-opacity=\"0.16\"",
    ),
    (
        "stroke=\"#030303\"",
        "stroke=\"currentColor\" stroke-opacity=\"0.16\"",
    ),
    (
        "stroke=\"#090909\"",
        "stroke=\"currentColor\" stroke-opacity=\"0.72\" stroke-dasharray=\"5 3\"",
    ),
    // The page's own background (a CSS system colour; white when the SVG stands alone).
    ("fill=\"#040404\"", "fill=\"#ffffff\" style=\"fill:Canvas\""),
    (
        "stroke=\"#040404\"",
        "stroke=\"#ffffff\" style=\"stroke:Canvas\"",
    ),
];

/// Dark ink for a chart that stands alone; on the page, CSS sets the colour.
const SVG_COLOR: (&str, &str) = ("<svg ", "<svg color=\"#1a1a1a\" ");

/// Placeholder colours of the marks and the scheme colours they become.
const MARK_INKS: [(&str, SchemeColor); 4] = [
    ("#050505", palette::FROWN),
    ("#060606", palette::OTHER_FACIAL),
    ("#070707", palette::NO_FACIAL),
    ("#080808", palette::ACCENT),
];

impl ChartStyle {
    pub fn foreground(&self) -> RGBColor {
        INK
    }

    pub fn muted(&self) -> RGBColor {
        MUTED_INK
    }

    pub fn grid(&self) -> RGBColor {
        GRID_INK
    }

    pub fn paper(&self) -> RGBColor {
        PAPER
    }

    /// A thin dashed line in muted ink.
    pub fn dashed(&self) -> ShapeStyle {
        DASHED_INK.stroke_width(1)
    }

    /// The forest plot's marks.
    pub fn accent(&self) -> RGBColor {
        ACCENT_INK
    }

    /// The colour of a workbench group's marks.
    pub fn group(&self, site: glabella_core::scenario::Site) -> RGBColor {
        use glabella_core::scenario::Site;
        match site {
            Site::Frown => FROWN_INK,
            Site::OtherFacial => OTHER_INK,
            Site::NoFacial => NONE_INK,
        }
    }

    fn text(&self, size: f64, color: RGBColor, h: HPos) -> TextStyle<'static> {
        // plotters converts points to pixels (×0.8 in SVG); ask for what the reader should see.
        // A named family, not `FONT` as a `&str`: plotters would lowercase that string to look
        // for a generic family, and the lowercasing links 12 KB of Unicode tables.
        let font = (FontFamily::Name(FONT), size / 0.8).into_font();
        TextStyle {
            font,
            color: color.to_backend_color(),
            pos: Pos::new(h, VPos::Center),
        }
    }
}

/// A box in SVG pixels; `x0 < x1`, `y0 < y1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelBox {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PixelBox {
    /// Whether the two boxes share some area (touching edges do not count).
    pub fn overlaps(&self, other: &PixelBox) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    pub fn grown(&self, margin: i32) -> PixelBox {
        PixelBox {
            x0: self.x0 - margin,
            y0: self.y0 - margin,
            x1: self.x1 + margin,
            y1: self.y1 + margin,
        }
    }

    pub fn contains(&self, other: &PixelBox) -> bool {
        self.x0 <= other.x0 && other.x1 <= self.x1 && self.y0 <= other.y0 && other.y1 <= self.y1
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    pub fn meets_segment(&self, a: (i32, i32), b: (i32, i32)) -> bool {
        // Both ends beyond the same edge: a quick no.
        if a.0.max(b.0) < self.x0
            || a.0.min(b.0) > self.x1
            || a.1.max(b.1) < self.y0
            || a.1.min(b.1) > self.y1
        {
            return false;
        }
        let (x, y) = (f64::from(a.0), f64::from(a.1));
        let (dx, dy) = (f64::from(b.0) - x, f64::from(b.1) - y);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, x - f64::from(self.x0)),
            (dx, f64::from(self.x1) - x),
            (-dy, y - f64::from(self.y0)),
            (dy, f64::from(self.y1) - y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// Whether two segments cross or touch.
pub fn segments_cross(a: (i32, i32), b: (i32, i32), c: (i32, i32), d: (i32, i32)) -> bool {
    fn orient(p: (i32, i32), q: (i32, i32), r: (i32, i32)) -> i64 {
        let v = i64::from(q.0 - p.0) * i64::from(r.1 - p.1)
            - i64::from(q.1 - p.1) * i64::from(r.0 - p.0);
        v.signum()
    }
    fn within(p: (i32, i32), q: (i32, i32), r: (i32, i32)) -> bool {
        r.0 >= p.0.min(q.0) && r.0 <= p.0.max(q.0) && r.1 >= p.1.min(q.1) && r.1 <= p.1.max(q.1)
    }
    let (o1, o2, o3, o4) = (
        orient(a, b, c),
        orient(a, b, d),
        orient(c, d, a),
        orient(c, d, b),
    );
    if o1 != o2 && o3 != o4 {
        return true;
    }
    (o1 == 0 && within(a, b, c))
        || (o2 == 0 && within(a, b, d))
        || (o3 == 0 && within(c, d, a))
        || (o4 == 0 && within(c, d, b))
}

/// The width of `text` at `size` pixels, estimated from the advance widths of DejaVu Sans (the
/// widest common fallback of `system-ui`) plus a margin, so the box covers the text in any of
/// the fonts the page asks for. Cyrillic letters have classes of their own, each at least as
/// wide as its widest letter in DejaVu Sans: most lower-case letters are as wide as Latin ones,
/// but ж, ш, щ, ю, ф, ы are nearly as wide as m, and Ж, Ш, Щ, Ю wider than W.
pub fn text_width(text: &str, size: f64) -> i32 {
    let ems: f64 = text
        .chars()
        .map(|ch| match ch {
            'i' | 'j' | 'l' | 'I' | 'J' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | '·' => 0.3,
            // The narrow no-break space that groups digits in Russian.
            '\u{202F}' => 0.3,
            ' ' | '/' | '(' | ')' | '[' | ']' | '-' | 'f' | 't' => 0.4,
            'r' => 0.42,
            's' | 'z' | 'c' | '–' | '†' => 0.55,
            'k' | 'v' | 'x' | 'y' | 'L' => 0.6,
            'm' | 'w' | 'M' | 'W' | '%' | '—' => 0.99,
            'a'..='z' | '0'..='9' | 'E' | 'F' | 'P' | 'S' | 'T' | 'Y' => 0.64,
            '←' | '→' | '=' | '×' | '÷' | '−' => 0.84,
            'ж' | 'ш' | 'щ' | 'ю' | 'ф' | 'ы' => 0.95,
            'м' => 0.77,
            'д' | 'ц' | 'ъ' => 0.73,
            'и' | 'й' | 'л' | 'н' | 'п' => 0.67,
            'г' | 'з' | 'с' | 'э' => 0.57,
            'а'..='я' | 'ё' | '«' | '»' => 0.64,
            'Ж' | 'Ш' | 'Щ' | 'Ю' => 1.1,
            'М' | 'Ф' | 'Ы' | 'Ъ' => 0.89,
            'А'..='Я' | 'Ё' => 0.8,
            _ => 0.78,
        })
        .sum();
    // plotters writes a font size about 1% above the one asked for; 3% more for safety.
    (ems * size * 1.04).ceil() as i32
}

/// The box of one line of text drawn by [`text`] at `(x, y)`, vertically centred.
pub fn text_box(content: &str, size: f64, (x, y): (i32, i32), h: HPos) -> PixelBox {
    let width = text_width(content, size);
    // From the top of a capital to the bottom of a descender, about 0.5 em either side of the
    // middle where plotters puts the text (dy = 0.5ex).
    let half = (size * 0.52).ceil() as i32;
    let x0 = match h {
        HPos::Left => x,
        HPos::Right => x - width,
        HPos::Center => x - width / 2,
    };
    PixelBox {
        x0,
        y0: y - half,
        x1: x0 + width,
        y1: y + half,
    }
}

/// How a tick label reads: "0.005", "0.5", "2" (in Russian "0,005", "0,5", "2").
fn tick_label(value: f64) -> String {
    let label = ratio_label(LANG, value);
    // Either language's decimal separator: ratio labels have no digit groups.
    if label.contains(['.', ',']) {
        label
            .trim_end_matches('0')
            .trim_end_matches(['.', ','])
            .to_owned()
    } else {
        label
    }
}

/// The ticks of a log axis whose labels keep clear of each other: 1 first, then the powers of
/// ten, then the rest, each kept only if its label keeps `gap` pixels from those already kept and
/// stays within `from..to` (along the axis). `extent` gives a label's length along the axis.
/// `ticks` are in increasing value, and so is the result: each tick with its label and position.
/// (No sort: each instance of the standard sort costs kilobytes of wasm.)
fn thin_ticks(
    ticks: &[f64],
    axis: &LogAxis,
    extent: &dyn Fn(&str) -> i32,
    gap: i32,
    (from, to): (i32, i32),
) -> Vec<(f64, String, i32)> {
    const POWERS_OF_TEN: [f64; 7] = [1.0, 0.1, 10.0, 0.01, 100.0, 0.001, 1000.0];
    let order = POWERS_OF_TEN
        .iter()
        .filter_map(|t| ticks.iter().position(|tick| tick == t))
        .chain((0..ticks.len()).filter(|&idx| !POWERS_OF_TEN.contains(&ticks[idx])));
    let mut kept: Vec<Option<(f64, String, i32)>> = vec![None; ticks.len()];
    let (from, to) = (from.min(to), from.max(to));
    for idx in order {
        let tick = ticks[idx];
        if !axis.contains(tick) {
            continue;
        }
        let label = tick_label(tick);
        let at = axis.px(tick);
        let half = (extent(&label) + 1) / 2;
        let clear = at - half >= from
            && at + half <= to
            && kept.iter().flatten().all(|(_, other, other_at)| {
                let other_half = (extent(other) + 1) / 2;
                (at - other_at).abs() >= half + other_half + gap
            });
        if clear {
            kept[idx] = Some((tick, label, at));
        }
    }
    kept.into_iter().flatten().collect()
}

/// Draws one piece of text. Not inlined: every label goes through here, and one copy of the
/// drawing code keeps the wasm small.
#[inline(never)]
fn text(root: &Area<'_>, content: &str, position: (i32, i32), style: TextStyle<'_>) -> DrawResult {
    root.draw(&Text::new(content, position, style))
}

/// Maps a positive value to pixels on a log axis between `low` and `high`.
#[derive(Clone, Copy, Debug)]
struct LogAxis {
    low: f64,
    high: f64,
    from_px: i32,
    to_px: i32,
}

impl LogAxis {
    fn px(&self, value: f64) -> i32 {
        // Compared by hand rather than with `f64::clamp`, whose check of its bounds formats
        // them with `{:?}` when it fails, which alone links the float formatter.
        debug_assert!(self.low <= self.high);
        let clamped = if value < self.low {
            self.low
        } else if value > self.high {
            self.high
        } else {
            value
        };
        let share = (clamped.ln() - self.low.ln()) / (self.high.ln() - self.low.ln());
        self.from_px + (share * f64::from(self.to_px - self.from_px)).round() as i32
    }

    fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

/// Makes the SVG scale with its container: keeps the viewBox, drops the fixed pixel size, and
/// gives it a title for screen readers (the text alternatives sit beside the chart).
fn finish_svg(mut svg: String, title: &str) -> String {
    // Every text has the same family, and full opacity is the default: the family is said once,
    // on the root, which makes the pre-rendered page lighter.
    svg = svg
        .replace(&format!(" font-family=\"{FONT}\""), "")
        .replace(" opacity=\"1\"", "");
    for (placeholder, ink) in INK_REPLACEMENTS.iter().chain([&SVG_COLOR]) {
        svg = svg.replace(placeholder, ink);
    }
    for (placeholder, color) in MARK_INKS {
        for attribute in ["fill", "stroke"] {
            svg = svg.replace(
                &format!("{attribute}=\"{placeholder}\""),
                &format!(
                    "{attribute}=\"{light}\" style=\"{attribute}:var({var},{light})\"",
                    light = color.light,
                    var = color.var
                ),
            );
        }
    }
    let escaped = escape_xml(title);
    // `split_once`, not slicing by index: a slice's panic path would link Unicode tables.
    match svg.split_once('>') {
        Some((head, body)) if head.starts_with("<svg") => {
            let width_free = head
                .split(' ')
                .filter(|attr| !attr.starts_with("width=") && !attr.starts_with("height="))
                .collect::<Vec<_>>()
                .join(" ");
            // Trimmed: a single root node, so the page can swap it in place.
            format!(
                "{width_free} font-family=\"{FONT}\" role=\"img\" aria-label=\"{escaped}\" preserveAspectRatio=\"xMinYMin meet\"><title>{escaped}</title>{}",
                body.trim_end()
            )
        }
        _ => svg,
    }
}

/// Escapes text for XML and HTML content and double-quoted attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => res.push_str("&amp;"),
            '<' => res.push_str("&lt;"),
            '>' => res.push_str("&gt;"),
            '"' => res.push_str("&quot;"),
            '\'' => res.push_str("&#39;"),
            _ => res.push(ch),
        }
    }
    res
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Latin words a Russian text may have: data sources, formats, the brand, names of people
    /// and journals, the page's own name, and the E of «E-значение».
    const LATIN_ALLOWED: &[&str] = &[
        "FAERS",
        "Botox",
        "BoNT",
        "ROR",
        "MedDRA",
        "CSV",
        "JSON",
        "SVG",
        "PNG",
        "TSV",
        "URL",
        "APA",
        "BibTeX",
        "Glabella",
        "Makunts",
        "Mantel",
        "Haenszel",
        "VanderWeele",
        "Ding",
        "Sci",
        "Rep",
        "E",
    ];

    /// The words of `text` in Latin letters that are neither on the allow-list nor in the names
    /// of the cohorts (which the core names, in the reader's language).
    pub(crate) fn stray_latin(text: &str) -> Vec<String> {
        let names: Vec<String> = glabella_core::data::catalog()
            .iter()
            .map(|info| crate::text::cohort_name(LANG, info.slug))
            .collect();
        text.split(|ch: char| !ch.is_ascii_alphabetic())
            .filter(|word| {
                !word.is_empty()
                    && !LATIN_ALLOWED.contains(word)
                    && !names
                        .iter()
                        .any(|name| name.split([' ', '(', ')']).any(|part| part == *word))
            })
            .map(str::to_owned)
            .collect()
    }

    /// Whether `text` has a number with a decimal point, "0.45".
    pub(crate) fn has_decimal_point(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
    }

    /// What a chart says: its title, then every text node, unescaped.
    #[cfg_attr(not(feature = "ru"), allow(dead_code))]
    pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
        let unescape = |text: &str| {
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        };
        let mut res = Vec::new();
        if let Some((_, rest)) = svg.split_once("<title>") {
            res.push(unescape(rest.split("</title>").next().unwrap_or_default()));
        }
        for node in svg.split("<text ").skip(1) {
            let (_, content) = node.split_once('>').expect("a text node closes its tag");
            let content = content.split("</text>").next().unwrap_or_default();
            res.push(unescape(content.trim()));
        }
        res
    }

    /// Names of the cohorts as long as Russian ones, to lay charts out with (slug, name).
    pub(crate) const LONG_NAMES: [(&str, &str); 8] = [
        ("cosmetic", "Косметическое применение (морщины)"),
        ("migraine", "Хроническая мигрень"),
        ("spasticity", "Спастичность (конечности)"),
        ("torticollis", "Кривошея (цервикальная дистония)"),
        ("blepharospasm", "Блефароспазм"),
        ("hyperhidrosis", "Гипергидроз (подмышечные впадины)"),
        ("sialorrhea", "Сиалорея (слюнотечение)"),
        ("bladder", "Заболевания мочевого пузыря"),
    ];

    /// Every text of `svg` lies within its canvas, as [`text_width`] measures it.
    #[track_caller]
    pub(crate) fn assert_texts_fit(svg: &str) {
        let attr = |tag: &str, name: &str| -> String {
            let from = tag
                .find(&format!(" {name}=\""))
                .unwrap_or_else(|| panic!("{name} in {tag}"));
            let rest = &tag[from + name.len() + 3..];
            rest[..rest.find('"').unwrap()].to_owned()
        };
        let view_box = attr(svg, "viewBox");
        let width: i32 = view_box.split(' ').nth(2).unwrap().parse().unwrap();
        for node in svg.split("<text ").skip(1) {
            let (tag, content) = node.split_once('>').unwrap();
            let tag = format!(" {tag}");
            let content = content.split("</text>").next().unwrap().trim();
            let x: i32 = attr(&tag, "x").parse().unwrap();
            // The size asked for, written ÷ 0.8 ÷ 1.24 (see `ChartStyle::text` and the backend).
            let size = attr(&tag, "font-size").parse::<f64>().unwrap() * 1.24 * 0.8;
            let h = match attr(&tag, "text-anchor").as_str() {
                "start" => HPos::Left,
                "end" => HPos::Right,
                _ => HPos::Center,
            };
            let unescaped = content.replace("&lt;", "<").replace("&amp;", "&");
            let text = text_box(&unescaped, size, (x, 0), h);
            // The estimate's own margin of safety (4%, and a pixel or two of its rounding) may
            // reach past the edge.
            let slack = 2 + (text.x1 - text.x0) / 25;
            assert!(
                text.x0 >= -slack && text.x1 <= width + slack,
                "{content} runs off the chart: {}..{} of {width}",
                text.x0,
                text.x1
            );
        }
    }

    #[test]
    fn cyrillic_letters_are_measured_at_least_as_wide_as_dejavu_sans_draws_them() {
        // Advance widths in DejaVu Sans (ems): the widest of each class, and the narrowest
        // (the estimate may be generous, not short).
        for (letter, ems) in [
            ('ж', 0.90),
            ('щ', 0.94),
            ('ю', 0.84),
            ('м', 0.75),
            ('д', 0.69),
            ('и', 0.65),
            ('л', 0.64),
            ('Щ', 1.09),
            ('Ж', 1.08),
            ('М', 0.86),
            ('Д', 0.78),
            ('О', 0.79),
            ('\u{202F}', 0.2),
            ('−', 0.84),
        ] {
            let width = f64::from(text_width(&letter.to_string().repeat(100), 100.0));
            assert!(width >= ems * 100.0 * 100.0, "{letter}: {width}");
            assert!(
                width <= (ems + 0.15) * 100.0 * 100.0 * 1.04,
                "{letter}: {width}"
            );
        }
        // A Russian label is measured no narrower than DejaVu Sans draws it (23.4 ems), and not much wider.
        let label = "Отношение шансов сообщений (лог. шкала)";
        let measured = f64::from(text_width(label, 100.0)) / 100.0;
        assert!((23.5..26.5).contains(&measured), "{measured}");
    }

    #[test]
    fn tick_labels_use_the_readers_decimal_separator() {
        assert_eq!(tick_label(1.0), "1");
        assert_eq!(tick_label(20.0), "20");
        let (half, small) = (tick_label(0.5), tick_label(0.005));
        match LANG {
            crate::lang::Lang::En => assert_eq!((half.as_str(), small.as_str()), ("0.5", "0.005")),
            crate::lang::Lang::Ru => assert_eq!((half.as_str(), small.as_str()), ("0,5", "0,005")),
        }
    }

    #[test]
    fn a_log_axis_is_symmetric_around_its_geometric_midpoint() {
        let axis = LogAxis {
            low: 0.1,
            high: 10.0,
            from_px: 0,
            to_px: 200,
        };
        assert_eq!(axis.px(1.0), 100);
        assert_eq!(axis.px(0.1), 0);
        assert_eq!(axis.px(100.0), 200, "values beyond the axis are clamped");
    }

    #[test]
    fn finished_svg_scales_and_has_a_title() {
        let text =
            format!("<text x=\"1\" font-family=\"{FONT}\" opacity=\"1\" fill-opacity=\"1\">");
        let svg = finish_svg(
            format!("<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"x\">\n{text}</text></svg>"),
            "A & B",
        );
        let root = format!("<svg color=\"#1a1a1a\" viewBox=\"0 0 10 5\" xmlns=\"x\" font-family=\"{FONT}\" role=\"img\"");
        assert!(svg.starts_with(&root), "{svg}");
        assert!(svg.contains("<title>A &amp; B</title>"));
        assert!(
            svg.contains("<text x=\"1\" fill-opacity=\"1\">"),
            "the family is said once, full opacity not at all: {svg}"
        );
    }

    /// An sRGB colour, "#rrggbb", as three channels from 0 to 1.
    fn channels(hex: &str) -> [f64; 3] {
        let hex = hex.trim_start_matches('#');
        assert_eq!(hex.len(), 6, "{hex}");
        let byte = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        [byte(0), byte(2), byte(4)]
    }

    /// Relative luminance, WCAG 2.
    fn luminance([r, g, b]: [f64; 3]) -> f64 {
        let linear = |c: f64| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// `color` drawn with `opacity` over `background`, as the reader sees it.
    pub(crate) fn over(color: &str, opacity: f64, background: &str) -> [f64; 3] {
        let (c, b) = (channels(color), channels(background));
        [0, 1, 2].map(|i| c[i] * opacity + b[i] * (1.0 - opacity))
    }

    /// WCAG contrast ratio of `color` with `opacity` against `background`.
    pub(crate) fn contrast(color: &str, opacity: f64, background: &str) -> f64 {
        let (a, b) = (
            luminance(over(color, opacity, background)),
            luminance(channels(background)),
        );
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn the_contrast_formula_matches_known_values() {
        assert!((contrast("#000000", 1.0, "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#767676", 1.0, "#ffffff") - 4.54).abs() < 0.01);
    }

    const LIGHT: &str = palette::BACKGROUNDS[0];
    const DARK: &str = palette::BACKGROUNDS[1];

    #[test]
    fn every_mark_colour_has_a_contrast_of_3_or_more_in_both_schemes() {
        for color in [
            palette::FROWN,
            palette::OTHER_FACIAL,
            palette::NO_FACIAL,
            palette::ACCENT,
        ] {
            let (light, dark) = (
                contrast(color.light, 1.0, LIGHT),
                contrast(color.dark, 1.0, DARK),
            );
            assert!(
                light >= 3.0,
                "{} {}: {light:.2}:1 on white",
                color.var,
                color.light
            );
            assert!(
                dark >= 3.0,
                "{} {}: {dark:.2}:1 on #161616",
                color.var,
                color.dark
            );
            // A page that forces the dark theme without every override still reads.
            assert!(contrast(color.light, 1.0, DARK) >= 3.0, "{}", color.var);
        }
        // Ink: text colour (--fg), and the muted ink of the fitted line, the band's edges and the
        // leaders (fill-opacity 0.72 in INK_REPLACEMENTS).
        for (fg, background) in [
            ("#1a1a1a", LIGHT),
            ("#eeeeee", DARK),
            ("#1a1a1a", "#ffffff"),
        ] {
            assert!(contrast(fg, 1.0, background) >= 3.0);
            assert!(contrast(fg, 0.72, background) >= 3.0, "{fg} muted");
        }
    }

    #[test]
    fn the_page_style_defines_the_palette_for_both_schemes_and_print() {
        let css = include_str!("../../static/style.css");
        let block = |start: &str| -> &str {
            let from = css
                .find(start)
                .unwrap_or_else(|| panic!("{start} in style.css"));
            let rest = &css[from..];
            // Up to the first line that closes a block at the outermost level.
            let end = rest.find("\n}").unwrap_or(rest.len());
            &rest[..end]
        };
        let root = block(":root {");
        let dark = block("@media (prefers-color-scheme: dark)");
        let print = block("/* Charts */");
        for color in [
            palette::FROWN,
            palette::OTHER_FACIAL,
            palette::NO_FACIAL,
            palette::ACCENT,
        ] {
            let light = format!("{}: {};", color.var, color.light);
            assert!(root.contains(&light), "style.css :root needs {light}");
            if color.dark != color.light {
                let dark_rule = format!("{}: {};", color.var, color.dark);
                assert!(
                    dark.contains(&dark_rule),
                    "style.css dark mode needs {dark_rule}"
                );
            }
            assert!(print.contains(&light), "style.css print needs {light}");
        }
    }

    #[test]
    fn marks_carry_their_light_colour_and_follow_the_page() {
        let svg = finish_svg(
            "<svg width=\"1\" height=\"1\"><rect fill=\"#060606\" stroke=\"none\"/><path stroke=\"#080808\"/></svg>"
                .into(),
            "t",
        );
        assert!(
            svg.contains("fill=\"#a86f00\" style=\"fill:var(--other,#a86f00)\""),
            "{svg}"
        );
        assert!(
            svg.contains("stroke=\"#0072b2\" style=\"stroke:var(--accent,#0072b2)\""),
            "{svg}"
        );
    }

    #[test]
    fn thinned_ticks_keep_their_labels_apart() {
        let axis = LogAxis {
            low: 0.001,
            high: 100.0,
            from_px: 0,
            to_px: 200,
        };
        let ticks = [
            0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 50.0, 100.0,
        ];
        let kept = thin_ticks(
            &ticks,
            &axis,
            &|label: &str| text_width(label, 12.0),
            8,
            (0, 200),
        );
        assert!(
            kept.iter().any(|(t, _, _)| *t == 1.0),
            "1 is always labelled"
        );
        for pair in kept.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let room = (text_width(&a.1, 12.0) + text_width(&b.1, 12.0)) / 2 + 8;
            assert!(b.2 - a.2 >= room, "{} and {} touch", a.1, b.1);
        }
    }
}
