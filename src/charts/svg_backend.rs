//! The plotters backend the charts draw with: SVG written into a string.
//!
//! It writes what plotters' own `SVGBackend` writes, byte for byte, but every number goes
//! through integer arithmetic. `SVGBackend` writes opacities and font sizes with `{}` on an
//! `f64`, and that alone links Rust's float formatting, more than 10 KB of wasm.

use std::convert::Infallible;
use std::fmt::Write as _;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// Writing into a string cannot fail.
type DrawResult = Result<(), DrawingErrorKind<Infallible>>;

pub struct SvgBackend<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// `</svg>` is written, by `present` or else on drop.
    closed: bool,
}

impl<'a> SvgBackend<'a> {
    pub fn with_string(out: &'a mut String, (width, height): (u32, u32)) -> SvgBackend<'a> {
        let _ = writeln!(
            out,
            "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        SvgBackend {
            out,
            size: (width, height),
            closed: false,
        }
    }

    fn open(&mut self, tag: &str) {
        self.out.push('<');
        self.out.push_str(tag);
    }

    fn attr(&mut self, name: &str, value: &str) {
        let _ = write!(self.out, " {name}=\"");
        escape_into(self.out, value);
        self.out.push('"');
    }

    fn int(&mut self, name: &str, value: i64) {
        let _ = write!(self.out, " {name}=\"{value}\"");
    }

    fn opacity(&mut self, color: BackendColor) {
        self.attr("opacity", &shortest(color.alpha));
    }

    fn color(&mut self, name: &str, color: BackendColor) {
        let (r, g, b) = color.rgb;
        let _ = write!(self.out, " {name}=\"#{r:02X}{g:02X}{b:02X}\"");
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in path {
            let _ = write!(self.out, "{x},{y} ");
        }
        self.out.push('"');
    }

    /// Ends an element that has no content.
    fn end(&mut self) {
        self.out.push_str("/>\n");
    }
}

impl DrawingBackend for SvgBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        Ok(())
    }

    fn present(&mut self) -> DrawResult {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> DrawResult {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.open("rect");
        self.int("x", x.into());
        self.int("y", y.into());
        self.attr("width", "1");
        self.attr("height", "1");
        self.attr("stroke", "none");
        self.opacity(color);
        self.color("fill", color);
        self.end();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.open("line");
        self.opacity(color);
        self.color("stroke", color);
        self.int("stroke-width", style.stroke_width().into());
        self.int("x1", from.0.into());
        self.int("y1", from.1.into());
        self.int("x2", to.0.into());
        self.int("y2", to.1.into());
        self.end();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.open("rect");
        self.int("x", upper_left.0.into());
        self.int("y", upper_left.1.into());
        self.int("width", i64::from(bottom_right.0) - i64::from(upper_left.0));
        self.int(
            "height",
            i64::from(bottom_right.1) - i64::from(upper_left.1),
        );
        self.opacity(color);
        if fill {
            self.color("fill", color);
            self.attr("stroke", "none");
        } else {
            self.attr("fill", "none");
            self.color("stroke", color);
        }
        self.end();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.open("polyline");
        self.attr("fill", "none");
        self.opacity(color);
        self.color("stroke", color);
        self.int("stroke-width", style.stroke_width().into());
        self.points(path);
        self.end();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.open("circle");
        self.int("cx", x.into());
        self.int("cy", y.into());
        self.int("r", radius.into());
        self.opacity(color);
        if fill {
            self.color("fill", color);
            self.attr("stroke", "none");
        } else {
            self.attr("fill", "none");
            self.color("stroke", color);
        }
        self.int("stroke-width", style.stroke_width().into());
        self.end();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.open("polygon");
        self.opacity(color);
        self.color("fill", color);
        self.points(path);
        self.end();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        self.open("text");
        self.int("x", x.into());
        self.int("y", y.into());
        self.attr(
            "dy",
            match anchor.v_pos {
                VPos::Top => "0.76em",
                VPos::Center => "0.5ex",
                VPos::Bottom => "-0.5ex",
            },
        );
        self.attr(
            "text-anchor",
            match anchor.h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "middle",
            },
        );
        self.attr("font-family", style.family().as_str());
        // plotters' points to SVG pixels, as `SVGBackend` converts them.
        self.attr("font-size", &shortest(style.size() / 1.24));
        self.opacity(color);
        self.color("fill", color);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.attr("font-weight", "bold"),
            other => self.attr("font-style", other.as_str()),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => 0,
        };
        if degrees != 0 {
            let _ = write!(self.out, " transform=\"rotate({degrees}, {x}, {y})\"");
        }
        self.out.push_str(">\n");
        escape_into(self.out, text);
        self.out.push_str("\n</text>\n");
        Ok(())
    }
}

impl Drop for SvgBackend<'_> {
    fn drop(&mut self) {
        let _ = self.present();
    }
}

/// Escapes text and attribute values as `SVGBackend` does (`&apos;` included), so the output
/// stays the same.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
}

/// The magnitudes written exactly as `format!("{value}")` writes them, which take in every
/// opacity, font size and percentage the charts write. Beyond, the value is first scaled by
/// powers of ten in floating point, which may change its last digit.
const EXACT_FROM: f64 = 1e-3;
const EXACT_BELOW: f64 = (1u64 << 50) as f64;

/// `value` as `format!("{value}")` writes it (the shortest decimal that reads back as the same
/// `f64`, never an exponent), computed with integers so that the float formatter stays out of
/// the wasm.
pub fn shortest(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    let mut value = value.abs();
    if value.is_infinite() {
        out.push_str("inf");
        return out;
    }
    if value == 0.0 {
        out.push('0');
        return out;
    }
    // `value` = the scaled value × 10^power.
    let mut power: i32 = 0;
    while value >= EXACT_BELOW {
        value /= 10.0;
        power += 1;
    }
    while value < EXACT_FROM {
        value *= 10.0;
        power -= 1;
    }
    let (mut digits, places) = shortest_digits(value);
    power -= places as i32;
    while power < 0 && digits % 10 == 0 {
        digits /= 10;
        power += 1;
    }
    let digits = digits.to_string();
    let len = digits.len() as i32;
    // How many digits stand before the decimal point.
    let point = len + power;
    if point <= 0 {
        out.push_str("0.");
        for _ in point..0 {
            out.push('0');
        }
    }
    for (idx, ch) in digits.chars().enumerate() {
        if point > 0 && idx as i32 == point {
            out.push('.');
        }
        out.push(ch);
    }
    for _ in len..point {
        out.push('0');
    }
    out
}

/// The shortest decimal `digits / 10^places` that reads back as `value`, and of those the
/// nearest to it, as Rust's float formatting picks it; `value` is within
/// `EXACT_FROM..EXACT_BELOW`.
fn shortest_digits(value: f64) -> (u64, u32) {
    /// Enough for 17 significant digits after the zeros of a value down to `EXACT_FROM`, with
    /// `m × 10^places` still within 128 bits.
    const MAX_PLACES: u32 = 21;
    let bits = value.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let exponent = (bits >> 52) as u32;
    // value = m / 2^shift, with `shift` from 3 to 62 in the exact range.
    let m = u128::from(fraction | (1 << 52));
    let shift = 1075 - exponent;
    // In units of 2^-shift × 10^-places, `value` is the integer m × 10^places, the decimals of
    // `places` places are the multiples of 2^shift, and the floats lie 10^places apart (`ulp`).
    // A decimal reads back as `value` when it lies within half that of it; below a `value` that
    // is a power of two, where the floats lie twice as close, within a quarter. Reading rounds
    // ties to even, so a decimal exactly halfway reads back as `value` only when `m` is even.
    let even = m % 2 == 0;
    let within = |distance: u128, ulp: u128| distance < ulp || (even && distance == ulp);
    let below_factor = if fraction == 0 { 4 } else { 2 };
    let unit = 1u128 << shift;
    let (mut places, mut ulp) = (0, 1u128);
    loop {
        let scaled = m * ulp;
        let floor = (scaled >> shift) as u64;
        let below = scaled & (unit - 1);
        let above = unit - below;
        let floor_ok = within(below * below_factor, ulp);
        let ceiling_ok = within(above * 2, ulp);
        if floor_ok || ceiling_ok || places == MAX_PLACES {
            // Of two, the nearer; halfway, the one above, as Rust's formatting does.
            let take_floor = if floor_ok == ceiling_ok {
                below < above
            } else {
                floor_ok
            };
            return (if take_floor { floor } else { floor + 1 }, places);
        }
        places += 1;
        ulp *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::{shortest, SvgBackend, EXACT_BELOW, EXACT_FROM};
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    use plotters::style::{FontStyle, FontTransform};

    #[test]
    fn numbers_read_as_display_writes_them() {
        for value in [
            0.5,
            1.0,
            0.35,
            12.25,
            -0.35,
            -12.25,
            -1.0,
            -0.5,
            0.0,
            -0.0,
            0.1 + 0.2,
            2.0 / 3.0,
            1.0 / 3.0,
            0.6,
            0.16,
            0.72,
            100.0,
            95.0,
            0.99 * 100.0,
            0.9 * 100.0,
            0.95 * 100.0,
            13.0 / 0.8 / 1.24,
            1e-3,
            0.001_234_567_890_123_456_7,
            123_456_789_012_345.67,
            // Halfway between the two nearest 17-digit decimals: the one above.
            20_517_150_158_901.0 + 0.0625,
            20_517_150_158_901.0 + 0.4375,
            f64::EPSILON + 1.0,
            1.0 - f64::EPSILON,
            EXACT_BELOW - 0.125,
        ] {
            assert_eq!(shortest(value), format!("{value}"), "{value:?}");
        }
        assert_eq!(shortest(f64::NAN), "NaN");
        assert_eq!(shortest(f64::INFINITY), "inf");
        assert_eq!(shortest(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn every_font_size_and_opacity_reads_as_display_writes_it() {
        for tenths in 1..=1000 {
            let size = f64::from(tenths) / 10.0;
            for value in [size, size / 0.8 / 1.24, size / 1.24, -size] {
                assert_eq!(shortest(value), format!("{value}"), "{value:?}");
            }
        }
        for thousandths in 0..=1000 {
            let alpha = f64::from(thousandths) / 1000.0;
            for value in [alpha, alpha * 0.35, alpha * 100.0] {
                assert_eq!(shortest(value), format!("{value}"), "{value:?}");
            }
        }
    }

    #[test]
    fn random_floats_in_the_exact_range_read_as_display_writes_them() {
        // A fixed xorshift sequence, so a failure repeats.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (low, high) = (EXACT_FROM.to_bits(), EXACT_BELOW.to_bits());
        let mut checked = 0;
        while checked < 200_000 {
            let bits = low + next() % (high - low);
            // Powers of two and their neighbours too, where the float spacing changes.
            let bits = if checked % 10 == 0 {
                (bits & !((1 << 52) - 1)) + next() % 3 - 1
            } else {
                bits
            };
            let value = f64::from_bits(bits);
            if !(EXACT_FROM..EXACT_BELOW).contains(&value) {
                continue;
            }
            assert_eq!(shortest(value), format!("{value}"), "{value:?}");
            checked += 1;
        }
    }

    #[test]
    fn numbers_beyond_the_exact_range_stay_close() {
        for value in [1e-300, 3e-7, 1.5e-5, 9.9e-4, 1e16, 2.5e20, 1.234e300, 1e308] {
            let written = shortest(value);
            assert!(!written.contains('e'), "{written}");
            let back: f64 = written.parse().unwrap();
            assert!(
                (back - value).abs() <= value * 1e-14,
                "{value:?} written {written}"
            );
            assert_eq!(shortest(-value), format!("-{written}"));
        }
    }

    /// Everything the charts draw, and more.
    fn drawing(mut backend: SvgBackend<'_>) {
        let ink = RGBColor(1, 2, 250);
        // Straight to the backend, unclipped: negative coordinates and what a drawing area
        // never asks for.
        let _ = backend.draw_line((-3, 4), (5, -6), &Color::stroke_width(&ink.mix(0.5), 2));
        let _ = backend.draw_rect((-7, -8), (-1, 2), &ink, true);
        let _ = backend.draw_circle((-5, 6), 3, &ink.mix(0.125), false);
        let _ = backend.draw_path(vec![(-1, -2), (3, 4)], &ink);
        let rotated = ("sans-serif", 10.0).into_font();
        for turn in [FontTransform::Rotate180, FontTransform::Rotate270] {
            let style = TextStyle::from(rotated.clone().transform(turn));
            let _ = backend.draw_text("x", &style, (-2, 9));
        }
        let _ = backend.draw_text("unseen", &rotated.color(&ink.mix(0.0)), (0, 0));
        let root = backend.into_drawing_area();
        let font = ("system-ui, \"quoted\" <font>", 13.0 / 0.8).into_font();
        for (h, v) in [
            (HPos::Left, VPos::Center),
            (HPos::Right, VPos::Top),
            (HPos::Center, VPos::Bottom),
        ] {
            let style = TextStyle {
                font: font.clone(),
                color: ink.mix(0.72).to_backend_color(),
                pos: Pos::new(h, v),
            };
            let _ = root.draw(&Text::new("A <b>&</b> 'x' \"y\" → 0.5", (10, -3), style));
        }
        let _ = root.draw(&Text::new(
            "bold",
            (4, 5),
            ("serif", 11.5).into_font().style(FontStyle::Bold),
        ));
        let _ = root.draw(&Text::new(
            "turned",
            (4, 5),
            ("serif", 11.5)
                .into_font()
                .style(FontStyle::Italic)
                .transform(FontTransform::Rotate90),
        ));
        let _ = root.draw(&Rectangle::new(
            [(0, 34), (760, 78)],
            ink.mix(0.35).filled(),
        ));
        let _ = root.draw(&Rectangle::new([(5, 6), (17, 18)], ink.stroke_width(2)));
        let _ = root.draw(&Rectangle::new([(5, 6), (17, 18)], ink.mix(0.0).filled()));
        let _ = root.draw(&PathElement::new(vec![(244, 34), (244, 122)], ink));
        let _ = root.draw(&PathElement::new(
            vec![(1, 2), (3, -4), (5, 6)],
            ink.mix(0.6).stroke_width(2),
        ));
        let _ = root.draw(&Polygon::new(vec![(6, 1), (0, -5), (0, 5)], ink.filled()));
        let _ = root.draw(&Circle::new((50, 60), 6, ink.filled()));
        let _ = root.draw(&Circle::new((50, 60), 8, ink.stroke_width(3)));
        let _ = root.draw_pixel((3, 4), &ink.mix(0.25));
        let _ = root.present();
    }

    /// What plotters' `SVGBackend` (plotters-svg 0.3.7) writes for [`drawing`].
    const SVG_BACKEND_WRITES: &str = r##"<svg width="760" height="218" viewBox="0 0 760 218" xmlns="http://www.w3.org/2000/svg">
<line opacity="0.5" stroke="#0102FA" stroke-width="2" x1="-3" y1="4" x2="5" y2="-6"/>
<rect x="-7" y="-8" width="6" height="10" opacity="1" fill="#0102FA" stroke="none"/>
<circle cx="-5" cy="6" r="3" opacity="0.125" fill="none" stroke="#0102FA" stroke-width="1"/>
<polyline fill="none" opacity="1" stroke="#0102FA" stroke-width="1" points="-1,-2 3,4 "/>
<text x="-2" y="9" dy="0.76em" text-anchor="start" font-family="sans-serif" font-size="8.064516129032258" opacity="1" fill="#000000" transform="rotate(180, -2, 9)">
x
</text>
<text x="-2" y="9" dy="0.76em" text-anchor="start" font-family="sans-serif" font-size="8.064516129032258" opacity="1" fill="#000000" transform="rotate(270, -2, 9)">
x
</text>
<text x="10" y="0" dy="0.5ex" text-anchor="start" font-family="system-ui, &quot;quoted&quot; &lt;font&gt;" font-size="13.10483870967742" opacity="0.72" fill="#0102FA">
A &lt;b&gt;&amp;&lt;/b&gt; &apos;x&apos; &quot;y&quot; → 0.5
</text>
<text x="10" y="0" dy="0.76em" text-anchor="end" font-family="system-ui, &quot;quoted&quot; &lt;font&gt;" font-size="13.10483870967742" opacity="0.72" fill="#0102FA">
A &lt;b&gt;&amp;&lt;/b&gt; &apos;x&apos; &quot;y&quot; → 0.5
</text>
<text x="10" y="0" dy="-0.5ex" text-anchor="middle" font-family="system-ui, &quot;quoted&quot; &lt;font&gt;" font-size="13.10483870967742" opacity="0.72" fill="#0102FA">
A &lt;b&gt;&amp;&lt;/b&gt; &apos;x&apos; &quot;y&quot; → 0.5
</text>
<text x="4" y="5" dy="0.76em" text-anchor="start" font-family="serif" font-size="9.274193548387096" opacity="1" fill="#000000" font-weight="bold">
bold
</text>
<text x="4" y="5" dy="0.76em" text-anchor="start" font-family="serif" font-size="9.274193548387096" opacity="1" fill="#000000" font-style="italic" transform="rotate(90, 4, 5)">
turned
</text>
<rect x="0" y="34" width="760" height="44" opacity="0.35" fill="#0102FA" stroke="none"/>
<rect x="5" y="6" width="12" height="12" opacity="1" fill="none" stroke="#0102FA"/>
<polyline fill="none" opacity="1" stroke="#0102FA" stroke-width="1" points="244,34 244,122 "/>
<polyline fill="none" opacity="0.6" stroke="#0102FA" stroke-width="2" points="1,2 3,0 5,6 "/>
<polygon opacity="1" fill="#0102FA" points="6,1 0,0 0,5 "/>
<circle cx="50" cy="60" r="6" opacity="1" fill="#0102FA" stroke="none" stroke-width="1"/>
<circle cx="50" cy="60" r="8" opacity="1" fill="none" stroke="#0102FA" stroke-width="3"/>
<rect x="3" y="4" width="1" height="1" stroke="none" opacity="0.25" fill="#0102FA"/>
</svg>
"##;

    #[test]
    fn the_svg_is_what_plotters_svg_backend_writes() {
        let mut ours = String::new();
        drawing(SvgBackend::with_string(&mut ours, (760, 218)));
        assert_eq!(ours, SVG_BACKEND_WRITES);
    }

    #[test]
    fn a_backend_dropped_unpresented_still_closes_the_svg() {
        let mut out = String::new();
        drop(SvgBackend::with_string(&mut out, (2, 1)));
        assert_eq!(
            out,
            "<svg width=\"2\" height=\"1\" viewBox=\"0 0 2 1\" xmlns=\"http://www.w3.org/2000/svg\">\n</svg>\n"
        );
    }
}
