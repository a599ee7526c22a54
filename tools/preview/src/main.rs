//! `glabella-preview [OUT.png]`: renders the page's link-preview image (Open Graph and Twitter
//! cards), the default forest plot on a 1200×630 card, to `static/preview.png` unless told
//! otherwise. `--svg` prints the card's SVG instead.
//!
//! The chart is the page's own: `src/charts/` is compiled in here as it is in the web app. The
//! card is rasterised by resvg with DejaVu Sans from Debian's `fonts-dejavu-core` and no other
//! font, and encoded here, so the same sources give the same bytes on every machine that has
//! that package;
//! `tests/preview.rs` checks that the committed image is current. After an intended change:
//! `cargo run -p glabella-preview`.

#[allow(unused)]
#[path = "../../../src/charts/mod.rs"]
mod charts;
#[allow(unused)]
#[path = "../../../src/text.rs"]
mod text;
/// The language the shared chart code draws in: the preview card is the English page's.
mod lang {
    pub use glabella_core::i18n::Lang;
    pub const LANG: Lang = Lang::En;
}

use std::process::ExitCode;

use charts::forest::{forest_rows, forest_svg, ForestCaption};
use charts::{escape_xml, text_width, ChartStyle};
use glabella_core::analysis::analyze;
use glabella_core::data::default_dataset;
use glabella_core::scenario::Scenario;
use resvg::{tiny_skia, usvg};

const WIDTH: i32 = 1200;
const HEIGHT: i32 = 630;
const MARGIN: i32 = 56;
const FONTS: [&str; 2] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];
const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";

/// Lines of at most `width` pixels at `size` (as the charts estimate text widths).
fn wrap(text: &str, size: f64, width: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Lines of text from `(x, y)` down, `step` apart; returns the y below the last.
fn lines(
    out: &mut String,
    text: &str,
    (x, mut y): (i32, i32),
    size: i32,
    width: i32,
    style: &str,
) -> i32 {
    for line in wrap(text, f64::from(size), width) {
        out.push_str(&format!(
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" {style}>{}</text>",
            escape_xml(&line)
        ));
        y += size * 13 / 10;
    }
    y
}

/// Drops every `style="…"` attribute: the chart's styles point to the page's CSS custom
/// properties, and its attributes already carry the colours on white.
fn without_styles(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some((before, after)) = rest.split_once(" style=\"") {
        out.push_str(before);
        rest = after.split_once('"').map_or("", |(_, tail)| tail);
    }
    out.push_str(rest);
    out
}

/// The card: title, the default forest plot with what it shows beside it, and the source.
pub fn card() -> String {
    let dataset = default_dataset();
    let scenario = Scenario::for_dataset(&dataset);
    let settings = scenario.settings();
    let analysis = analyze(&dataset, &settings).unwrap_or_else(|err| panic!("{err}"));
    let rows = forest_rows(&analysis.cohorts, false);
    let caption = ForestCaption {
        level: settings.ci_level.get(),
        adjusted: false,
    };
    let chart = without_styles(&forest_svg(&rows, caption, ChartStyle { compact: false }));
    let mut body = String::new();
    let text_style = |color: &str, bold: bool| {
        format!(
            "fill=\"{color}\"{}",
            if bold { " font-weight=\"700\"" } else { "" }
        )
    };
    let y = lines(
        &mut body,
        "Does Botox lift mood only where it stops a frown?",
        (MARGIN, 88),
        38,
        WIDTH - 2 * MARGIN,
        &text_style(INK, true),
    );
    // The chart (760 wide) scaled to the height left above the footer.
    let top = y - 8;
    let height = HEIGHT - 70 - top;
    let width = height * 760 / 482;
    body.push_str(&chart.replacen(
        "<svg ",
        &format!("<svg x=\"{MARGIN}\" y=\"{top}\" width=\"{width}\" height=\"{height}\" "),
        1,
    ));
    let column = MARGIN + width + 36;
    let after = lines(
        &mut body,
        "Depression in FDA adverse-event reports of Botox, against reports of other treatments for the same condition.",
        (column, top + 60),
        24,
        WIDTH - MARGIN - column,
        &text_style(INK, false),
    );
    lines(
        &mut body,
        "Below 1: mentioned less often with Botox. Regroup the conditions, adjust, and see which explanation holds.",
        (column, after + 24),
        24,
        WIDTH - MARGIN - column,
        &text_style(MUTED, false),
    );
    lines(
        &mut body,
        "Illustrative reconstruction · Glabella explainer of Makunts, Wollmer and Abagyan, Sci Rep 2020",
        (MARGIN, HEIGHT - 34),
        20,
        WIDTH - 2 * MARGIN,
        &text_style(MUTED, false),
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"DejaVu Sans\">\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>\
         <rect width=\"{WIDTH}\" height=\"8\" fill=\"#0072b2\"/>{body}</svg>"
    )
}

/// CRC-32 of PNG chunks (ISO 3309, as the PNG specification gives it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The Paeth predictor of the PNG specification.
fn paeth(left: u8, up: u8, up_left: u8) -> u8 {
    let (a, b, c) = (i16::from(left), i16::from(up), i16::from(up_left));
    let p = a + b - c;
    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
    if pa <= pb && pa <= pc {
        left
    } else if pb <= pc {
        up
    } else {
        up_left
    }
}

/// An opaque RGB image (`rgb`, `width` × `height`, 3 bytes a pixel) as PNG: each row with the
/// filter whose output has the smallest sum of magnitudes (the specification's heuristic),
/// deflated by miniz_oxide at its highest level. The same pixels always give the same bytes.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Vec<u8> {
    let stride = width as usize * 3;
    let mut filtered = Vec::with_capacity((stride + 1) * height as usize);
    let zero = vec![0u8; stride];
    for (index, row) in rgb.chunks(stride).enumerate() {
        let up = if index == 0 {
            &zero[..]
        } else {
            &rgb[(index - 1) * stride..index * stride]
        };
        let at = |line: &[u8], i: usize| if i >= 3 { line[i - 3] } else { 0 };
        let candidates: [Vec<u8>; 5] = [
            row.to_vec(),
            (0..stride)
                .map(|i| row[i].wrapping_sub(at(row, i)))
                .collect(),
            (0..stride).map(|i| row[i].wrapping_sub(up[i])).collect(),
            (0..stride)
                .map(|i| {
                    row[i].wrapping_sub(((u16::from(at(row, i)) + u16::from(up[i])) / 2) as u8)
                })
                .collect(),
            (0..stride)
                .map(|i| row[i].wrapping_sub(paeth(at(row, i), up[i], at(up, i))))
                .collect(),
        ];
        let cost = |line: &Vec<u8>| -> u64 {
            line.iter()
                .map(|&b| u64::from((b as i8).unsigned_abs()))
                .sum()
        };
        let (filter, best) = candidates
            .iter()
            .enumerate()
            .min_by_key(|(_, line)| cost(line))
            .expect("five candidates");
        filtered.push(filter as u8);
        filtered.extend_from_slice(best);
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    };
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // 8 bits a channel, RGB, deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&filtered, 10),
    );
    chunk(b"IEND", &[]);
    png
}

/// The card as PNG bytes.
pub fn render(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    for path in FONTS {
        let data = std::fs::read(path)
            .map_err(|err| format!("{path}: {err} (Debian package fonts-dejavu-core)"))?;
        fonts.load_font_data(data);
    }
    fonts.set_sans_serif_family("DejaVu Sans");
    let tree = usvg::Tree::from_str(svg, &options).map_err(|err| err.to_string())?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH as u32, HEIGHT as u32)
        .ok_or_else(|| "cannot allocate the image".to_owned())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    // The card is opaque (a white rectangle under everything), so its colours are as drawn.
    let mut rgb = Vec::with_capacity((WIDTH * HEIGHT * 3) as usize);
    for pixel in pixmap.pixels() {
        let color = pixel.demultiply();
        rgb.extend_from_slice(&[color.red(), color.green(), color.blue()]);
    }
    Ok(encode_png(&rgb, WIDTH as u32, HEIGHT as u32))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let svg = card();
    if args.iter().any(|arg| arg == "--svg") {
        println!("{svg}");
        return ExitCode::SUCCESS;
    }
    let out = args.first().map_or_else(
        || concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/preview.png").to_owned(),
        Clone::clone,
    );
    match render(&svg)
        .and_then(|png| std::fs::write(&out, png).map_err(|err| format!("{out}: {err}")))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("glabella-preview: {message}");
            ExitCode::FAILURE
        }
    }
}
