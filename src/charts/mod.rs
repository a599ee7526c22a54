//! Charts as pure functions: results in, an SVG string out, drawn with plotters.
//!
//! No Yew and no browser API here, so native tests cover every chart (golden files in
//! `tests/golden/`). The page shows the string as is, and the SVG download is the same string.
//! plotters escapes the text it draws, which is what makes showing it as raw HTML safe.

pub mod dose;
pub mod forest;
#[cfg(test)]
mod golden;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The canvas every chart draws on.
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// Drawing into a string cannot really fail; the charts ignore this rather than unwrap it.
type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Sizes of one rendering. Colours need no setting: ink is drawn in placeholder colours that
/// [`finish_svg`] turns into `currentColor`, so one SVG follows the page into dark mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Narrow layout for phones: fewer columns, same touch-friendly row height.
    pub compact: bool,
}

/// The Okabe–Ito palette, safe for the common colour-vision deficiencies, and readable on light
/// and dark backgrounds alike (contrast 3:1 or more, enough for graphics).
pub mod palette {
    pub const BLUE: (u8, u8, u8) = (0x00, 0x72, 0xB2);
    pub const VERMILLION: (u8, u8, u8) = (0xD5, 0x5E, 0x00);
    pub const ORANGE: (u8, u8, u8) = (0xE6, 0x9F, 0x00);
}

/// Placeholder colours and what [`finish_svg`] makes of them.
const INK: RGBColor = RGBColor(1, 1, 1);
const MUTED_INK: RGBColor = RGBColor(2, 2, 2);
const GRID_INK: RGBColor = RGBColor(3, 3, 3);
const PAPER: RGBColor = RGBColor(4, 4, 4);
const INK_REPLACEMENTS: [(&str, &str); 7] = [
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
    // The page's own background (a CSS system colour; white when the SVG stands alone).
    ("\"#040404\"", "\"Canvas\""),
    ("<svg ", "<svg color=\"#1a1a1a\" "),
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

    pub fn accent(&self, (r, g, b): (u8, u8, u8)) -> RGBColor {
        RGBColor(r, g, b)
    }

    fn text(&self, size: f64, color: RGBColor, h: HPos) -> TextStyle<'static> {
        // plotters converts points to pixels (×0.8 in SVG); ask for what the reader should see.
        let font = (
            "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
            size / 0.8,
        )
            .into_font();
        TextStyle {
            font,
            color: color.to_backend_color(),
            pos: Pos::new(h, VPos::Center),
        }
    }
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
        let clamped = value.clamp(self.low, self.high);
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
    for (placeholder, ink) in INK_REPLACEMENTS {
        svg = svg.replace(placeholder, ink);
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
                "{width_free} role=\"img\" aria-label=\"{escaped}\" preserveAspectRatio=\"xMinYMin meet\"><title>{escaped}</title>{}",
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

/// Formats a ratio for chart labels: two decimals, or three below 0.1.
pub fn ratio_label(value: f64) -> String {
    fixed(value, if value < 0.1 { 3 } else { 2 })
}

/// `value` with `decimals` digits after the point, rounded half away from zero.
///
/// Written with integer formatting only: `format!("{:.2}")` links the exact float formatter,
/// several kilobytes of wasm, and every number on the page goes through here.
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "n/a".to_owned()
        } else if value > 0.0 {
            "∞".to_owned()
        } else {
            "−∞".to_owned()
        };
    }
    let scale = 10u64.pow(decimals);
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 1e18 {
        return "a very large number".to_owned();
    }
    let scaled = scaled as u64;
    let sign = if value < 0.0 && scaled > 0 { "-" } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{fraction:0width$}",
            width = decimals as usize
        )
    }
}

/// Whole numbers with thousands separators: 20,684.
pub fn count_label(value: u64) -> String {
    let digits = value.to_string();
    let mut res = String::new();
    for (idx, ch) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            res.push(',');
        }
        res.push(ch);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_ratios_read_well() {
        assert_eq!(count_label(20684), "20,684");
        assert_eq!(count_label(153), "153");
        assert_eq!(count_label(1_234_567), "1,234,567");
        assert_eq!(ratio_label(0.7826), "0.78");
        assert_eq!(ratio_label(0.0456), "0.046");
        for (value, decimals, want) in [
            (0.125, 2, "0.13"),
            (-1.5, 0, "-2"),
            (-0.001, 2, "0.00"),
            (98.04, 0, "98"),
            (1.23456, 3, "1.235"),
            (f64::INFINITY, 2, "∞"),
        ] {
            assert_eq!(fixed(value, decimals), want, "{value}");
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
        let svg = finish_svg(
            "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"x\">\n</svg>".into(),
            "A & B",
        );
        assert!(
            svg.starts_with("<svg color=\"#1a1a1a\" viewBox=\"0 0 10 5\" xmlns=\"x\" role=\"img\""),
            "{svg}"
        );
        assert!(svg.contains("<title>A &amp; B</title>"));
    }
}
