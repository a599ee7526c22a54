//! The dose view: each cohort's ROR against the dose per session of its indication, both on log
//! axes, with the labelled dose range as a bar and the weighted regression line with its band.
//!
//! The dose is the label's own where it gives one dose; where it gives a range, the geometric
//! midpoint of the range, which no label states, and the chart says so
//! ([`DoseInfo::basis`](glabella_core::data::DoseInfo::basis)).

use crate::lang::LANG;
use glabella_core::analysis::Analysis;
use glabella_core::data::{cohort_info, DoseBasis};
use glabella_core::format::fixed;
use glabella_core::i18n::dose_chart as words;
use glabella_core::scenario::{Scenario, Site};
use glabella_core::stats::Interval;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::text::short_name;

use super::{
    finish_svg, segments_cross, text, text_box, text_width, thin_ticks, Area, ChartStyle,
    DrawResult, LogAxis, PixelBox, SvgBackend,
};

/// A dose in units: "155", "7.5".
fn units(value: f64) -> String {
    fixed(LANG, value, if value.fract() == 0.0 { 0 } else { 1 })
}

/// The short form under a point's name in the wide layout: "155 U", "36 U, range midpoint",
/// "236 U, study median". Never a range for a single dose, and a midpoint is called one.
fn dose_detail(point: &DosePoint) -> String {
    let typical = units(point.dose_typical);
    match point.basis {
        DoseBasis::Single => words::units(LANG, &typical),
        DoseBasis::Midpoint => words::units_midpoint(LANG, &typical),
        DoseBasis::Other if point.study_median => words::units_study_median(LANG, &typical),
        DoseBasis::Other => words::units(LANG, &typical),
    }
}

/// One cohort on the dose axis.
#[derive(Clone, Debug, PartialEq)]
pub struct DosePoint {
    pub short_name: String,
    pub dose_low: f64,
    pub dose_high: f64,
    pub dose_typical: f64,
    /// Whether the catalog gives the dose as such, or a midpoint, or from another source.
    pub basis: DoseBasis,
    /// The dose is a study's median (the catalog's note says so).
    pub study_median: bool,
    pub estimate: f64,
    pub ci: Interval,
    pub site: Site,
}

/// The cohorts of the analysis that have a dose and a defined ROR, as the chart shows them.
pub fn dose_points(analysis: &Analysis, scenario: &Scenario) -> Vec<DosePoint> {
    analysis
        .dose
        .points
        .iter()
        .filter_map(|point| {
            let info = cohort_info(&point.indication)?;
            let result = analysis
                .cohorts
                .iter()
                .find(|c| c.indication == point.indication)?;
            let (Some(estimate), Some(ci)) = result.shown() else {
                return None;
            };
            Some(DosePoint {
                short_name: short_name(LANG, &point.indication),
                dose_low: info.dose.low,
                dose_high: info.dose.high,
                dose_typical: info.dose.typical,
                basis: info.dose.basis(),
                study_median: info.dose.study_median,
                estimate,
                ci,
                site: scenario
                    .site_of(&point.indication)
                    .unwrap_or(Site::NoFacial),
            })
        })
        .collect()
}

/// The fitted line: (dose, fitted ROR, band low, band high), in increasing dose.
pub type DoseBand = Vec<(f64, f64, f64, f64)>;

const DOSE_TICKS: [f64; 8] = [2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0];
const ROR_TICKS: [f64; 13] = [
    0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0,
];

/// 41 doses evenly spaced on the log axis from 5 to 500 units, where the fitted band is drawn.
pub fn band_doses() -> Vec<f64> {
    // exp of a log-spaced grid rather than powf, which would link another libm routine.
    let (low, high) = (5f64.ln(), 500f64.ln());
    (0..=40)
        .map(|i| (low + (high - low) * f64::from(i) / 40.0).exp())
        .collect()
}

/// The colour of a workbench group's marks (its shape is [`marker`]'s).
pub fn site_color(site: Site, style: ChartStyle) -> RGBColor {
    style.group(site)
}

pub fn dose_svg(points: &[DosePoint], band: Option<&DoseBand>, style: ChartStyle) -> String {
    let layout = DoseLayout::new(points, band, style);
    let mut svg = String::new();
    {
        let root = SvgBackend::with_string(&mut svg, (layout.width as u32, layout.height as u32))
            .into_drawing_area();
        let _ = draw(&root, points, style, &layout);
        let _ = root.present();
    }
    finish_svg(svg, words::title(LANG))
}

/// Text sizes of one layout, in SVG pixels.
#[derive(Clone, Copy)]
struct Sizes {
    tick: f64,
    title: f64,
    name: f64,
    detail: f64,
    legend: f64,
    note: f64,
}

impl Sizes {
    /// The size of a label's line: its name, or the detail under it.
    fn of(&self, detail: bool) -> f64 {
        if detail {
            self.detail
        } else {
            self.name
        }
    }
}

/// Width, height, margins below the plot, and sizes of the two layouts. The margin below holds
/// the axis title, one line of legend and [`NOTE_LINES`] lines of notes; [`below_plot`] adds
/// what more the language needs.
fn frame(compact: bool) -> (i32, i32, i32, Sizes) {
    if compact {
        let sizes = Sizes {
            tick: 12.5,
            title: 13.0,
            name: 12.5,
            // The phone layout names its points only; the notes say what the doses are.
            detail: 11.0,
            legend: 12.0,
            note: 12.0,
        };
        (360, 540, 166, sizes)
    } else {
        let sizes = Sizes {
            tick: 12.0,
            title: 12.5,
            name: 11.5,
            detail: 10.5,
            legend: 11.5,
            note: 11.0,
        };
        (720, 446, 130, sizes)
    }
}

/// How many lines of notes the frame of each layout has room for: compact, wide.
const NOTE_LINES: (usize, usize) = (5, 4);

/// The vertical steps between legend lines and between note lines.
fn line_steps(compact: bool) -> (i32, i32) {
    if compact {
        (19, 17)
    } else {
        (18, 16)
    }
}

/// The margin below the plot: the frame's, grown by a line for each legend line and note line
/// beyond what the frame has room for.
fn below_plot(compact: bool, width: i32, below: i32, sizes: &Sizes) -> i32 {
    let (legend_step, note_step) = line_steps(compact);
    let legend_lines = legend_places(compact, width, sizes.legend)
        .iter()
        .map(|&(_, line)| line)
        .max()
        .unwrap_or(0);
    let room = if compact { NOTE_LINES.0 } else { NOTE_LINES.1 };
    let extra_notes = notes(compact).count().saturating_sub(room) as i32;
    below + legend_step * legend_lines + note_step * extra_notes
}

/// Notes under the chart, one line each (the message files break them to fit each layout).
fn notes(compact: bool) -> std::str::Split<'static, char> {
    if compact {
        words::notes_compact(LANG)
    } else {
        words::notes(LANG)
    }
    .split('\n')
}

/// The groups' markers and names, in the legend's order.
fn legend() -> [(Site, &'static str); 3] {
    [
        (Site::Frown, words::legend_frown(LANG)),
        (Site::OtherFacial, words::legend_other_facial(LANG)),
        (Site::NoFacial, words::legend_no_facial(LANG)),
    ]
}

/// Where each legend entry's marker goes, `(x, line)`: side by side, on a new line where the
/// next would run off the canvas (the Russian names are longer).
fn legend_places(compact: bool, width: i32, size: f64) -> [(i32, i32); 3] {
    let gap = if compact { 8 } else { 40 };
    let (mut x, mut line) = (0, 0);
    legend().map(|(_, label)| {
        let extent = 18 + text_width(label, size);
        if x > 0 && x + extent > width {
            (x, line) = (0, line + 1);
        }
        let place = (x, line);
        x += extent + gap;
        place
    })
}

/// Half the size of a group's marker, and of the paper-coloured outline around it that keeps
/// overlapping markers apart.
fn marker_half(site: Site) -> i32 {
    match site {
        Site::Frown => 6,
        Site::OtherFacial => 7,
        Site::NoFacial => 5,
    }
}

const HALO: i32 = 2;

/// The range bars are drawn opaque: translucent, they fell below a contrast of 3:1 with the
/// page (a test computes it for both schemes).
const RANGE_OPACITY: f64 = 1.0;

/// A point's marks, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Mark {
    centre: (i32, i32),
    half: i32,
    /// The interval, top and bottom.
    whisker: (i32, i32),
    /// The labelled range, left and right; none for a single dose.
    bar: Option<(i32, i32)>,
}

impl Mark {
    /// The marker with its outline.
    fn outline(&self) -> PixelBox {
        let (x, y) = self.centre;
        let half = self.half + HALO;
        PixelBox {
            x0: x - half,
            y0: y - half,
            x1: x + half,
            y1: y + half,
        }
    }

    fn whisker_box(&self) -> PixelBox {
        PixelBox {
            x0: self.centre.0 - 1,
            y0: self.whisker.0,
            x1: self.centre.0 + 1,
            y1: self.whisker.1,
        }
    }

    fn bar_box(&self) -> Option<PixelBox> {
        self.bar.map(|(x0, x1)| PixelBox {
            x0,
            y0: self.centre.1 - 4,
            x1,
            y1: self.centre.1 + 4,
        })
    }
}

/// A label's wording: its lines, each with whether it is the muted detail under the name.
type Wording = Vec<(String, bool)>;

/// Where a point's label goes: which wording, its box, and a leader line when it sits away from
/// its point.
#[derive(Clone, Copy)]
struct Label {
    wording: usize,
    rect: PixelBox,
    h: HPos,
    /// Where the first line's text is anchored.
    anchor: (i32, i32),
    /// From the marker's outline to the label.
    leader: Option<((i32, i32), (i32, i32))>,
    /// How far and how cluttered the position is; lower is better.
    cost: u32,
}

/// Everything the chart places, computed before anything is drawn (and tested on its own).
struct DoseLayout {
    width: i32,
    height: i32,
    plot: PixelBox,
    x_axis: LogAxis,
    y_axis: LogAxis,
    /// One per point, in the points' order.
    marks: Vec<Mark>,
    /// The order markers are drawn in: points with wider ranges first, single doses on top.
    draw_order: Vec<usize>,
    /// Each point's wordings, and its label (one per point, in the points' order).
    wordings: Vec<Vec<Wording>>,
    labels: Vec<Label>,
    /// The fitted line and the band's two edges.
    lines: Vec<Vec<(i32, i32)>>,
    /// The line at ROR = 1, if the axis reaches it.
    one: Option<i32>,
    sizes: Sizes,
}

impl DoseLayout {
    fn new(points: &[DosePoint], band: Option<&DoseBand>, style: ChartStyle) -> DoseLayout {
        let (width, height, below, sizes) = frame(style.compact);
        let grown = below_plot(style.compact, width, below, &sizes);
        let plot = PixelBox {
            x0: if style.compact { 42 } else { 52 },
            y0: 12,
            x1: width - if style.compact { 16 } else { 14 },
            y1: height - below,
        };
        let height = height + grown - below;
        let mut ror_low: f64 = 0.1;
        let mut ror_high: f64 = 2.0;
        for point in points {
            ror_low = ror_low.min(point.ci.low);
            ror_high = ror_high.max(point.ci.high);
        }
        let low = ROR_TICKS
            .iter()
            .rev()
            .find(|&&t| t <= ror_low)
            .copied()
            .unwrap_or(ROR_TICKS[0]);
        let high = ROR_TICKS
            .iter()
            .find(|&&t| t >= ror_high)
            .copied()
            .unwrap_or(ROR_TICKS[ROR_TICKS.len() - 1]);
        let y_axis = LogAxis {
            low,
            high,
            from_px: plot.y1,
            to_px: plot.y0,
        };
        let x_axis = LogAxis {
            low: 5.0,
            high: 500.0,
            from_px: plot.x0,
            to_px: plot.x1,
        };

        let mut marks: Vec<Mark> = points
            .iter()
            .map(|point| Mark {
                centre: (x_axis.px(point.dose_typical), y_axis.px(point.estimate)),
                half: marker_half(point.site),
                whisker: (y_axis.px(point.ci.high), y_axis.px(point.ci.low)),
                bar: (point.dose_low < point.dose_high)
                    .then(|| (x_axis.px(point.dose_low), x_axis.px(point.dose_high))),
            })
            .collect();
        // Points that (nearly) coincide would hide one another even with outlines: the two move
        // apart sideways, each by half of what it takes for both markers to show, so that they
        // straddle their dose. (A few tries at most, so that a crowd cannot keep them moving.)
        for idx in 1..marks.len() {
            for _ in 0..=idx {
                let Some(other) = (0..idx).find(|&other| {
                    let (a, b) = (marks[other].centre, marks[idx].centre);
                    (a.0 - b.0).abs() < 5 && (a.1 - b.1).abs() < 5
                }) else {
                    break;
                };
                let shift = (marks[other].half + marks[idx].half + HALO) / 2 + 1;
                let x = marks[other]
                    .centre
                    .0
                    .clamp(plot.x0 + shift, plot.x1 - shift);
                marks[other].centre.0 = x - shift;
                marks[idx].centre.0 = x + shift;
            }
        }

        // Widest range first (and among equals, the earlier point): picked one by one rather
        // than sorted, as the standard sort costs kilobytes of wasm for a handful of points.
        let spread = |p: &DosePoint| p.dose_high / p.dose_low;
        let mut left: Vec<usize> = (0..points.len()).collect();
        let mut draw_order = Vec::with_capacity(points.len());
        while let Some(pos) = (0..left.len()).reduce(|best, pos| {
            if spread(&points[left[pos]]) > spread(&points[left[best]]) {
                pos
            } else {
                best
            }
        }) {
            draw_order.push(left.remove(pos));
        }

        let mut lines = Vec::new();
        if let Some(band) = band.filter(|band| !band.is_empty()) {
            for pick in 0..3 {
                lines.push(
                    band.iter()
                        .map(|&(dose, fit, low, high)| {
                            (x_axis.px(dose), y_axis.px([fit, low, high][pick]))
                        })
                        .collect(),
                );
            }
        }
        let one = y_axis.contains(1.0).then(|| y_axis.px(1.0));

        let obstacles = Obstacles::new(&marks, &lines, one, plot);
        // Each label's wordings: the name (and in the wide layout the dose under it); a name of
        // several words may also break into two lines after any of its words, the first first,
        // and a name of three or more words into one word a line, for a narrower label.
        let wordings: Vec<Vec<Wording>> = points
            .iter()
            .map(|point| {
                let name = point.short_name.clone();
                let mut variants = vec![vec![(name.clone(), false)]];
                let spaces: Vec<usize> = name.match_indices(' ').map(|(at, _)| at).collect();
                // Split without slicing, whose panic path would link Unicode tables.
                for &at in &spaces {
                    if let Some((first, rest)) = name.split_at_checked(at) {
                        let rest = rest.strip_prefix(' ').unwrap_or(rest);
                        variants.push(vec![(first.to_owned(), false), (rest.to_owned(), false)]);
                    }
                }
                if spaces.len() > 1 {
                    variants.push(
                        name.split(' ')
                            .map(|word| (word.to_owned(), false))
                            .collect(),
                    );
                }
                if !style.compact {
                    for variant in &mut variants {
                        variant.push((dose_detail(point), true));
                    }
                }
                variants
            })
            .collect();
        // Where the labels find no room together (long names on a phone), their type is set
        // a little smaller, by up to 1.5 px, before any label is left to overlap.
        let mut sizes = sizes;
        let mut shrink = 0;
        let labels = loop {
            let (labels, complete) = place_labels(&marks, &wordings, &sizes, &obstacles);
            if complete || shrink == 3 {
                break labels;
            }
            shrink += 1;
            sizes.name -= 0.5;
            sizes.detail -= 0.5;
        };
        DoseLayout {
            width,
            height,
            plot,
            x_axis,
            y_axis,
            marks,
            draw_order,
            wordings,
            labels,
            lines,
            one,
            sizes,
        }
    }
}

/// What labels must keep clear of: the plot's edges, every marker, interval, range bar, the line
/// at ROR = 1, the fitted line and the edges of its band.
struct Obstacles {
    inside: PixelBox,
    boxes: Vec<PixelBox>,
    /// Each point's marker outline, interval and range bar.
    marks: Vec<[Option<PixelBox>; 3]>,
    segments: Vec<((i32, i32), (i32, i32))>,
    /// The line at ROR = 1, which a leader had better not cross: a label on its point's side.
    one: Option<PixelBox>,
}

impl Obstacles {
    fn new(
        marks: &[Mark],
        lines: &[Vec<(i32, i32)>],
        one: Option<i32>,
        plot: PixelBox,
    ) -> Obstacles {
        let one = one.map(|y| PixelBox {
            x0: plot.x0,
            y0: y - 1,
            x1: plot.x1,
            y1: y + 1,
        });
        // Plain loops: iterator adapters would cost more wasm here.
        let mut boxes: Vec<PixelBox> = one.into_iter().collect();
        let mut parts = Vec::new();
        for mark in marks {
            let part = [
                Some(mark.outline()),
                Some(mark.whisker_box()),
                mark.bar_box(),
            ];
            for piece in part.into_iter().flatten() {
                boxes.push(piece);
            }
            parts.push(part);
        }
        let mut segments = Vec::new();
        for line in lines {
            for pair in line.windows(2) {
                segments.push((pair[0], pair[1]));
            }
        }
        Obstacles {
            inside: plot.grown(-2),
            boxes,
            marks: parts,
            segments,
            one,
        }
    }

    /// Whether a label box and its leader keep clear of everything drawn, `own` being the index
    /// of the label's own point: the box of everything, the leader of other markers and of its
    /// own interval (along which it would hide).
    fn clear(&self, rect: &PixelBox, leader: Option<((i32, i32), (i32, i32))>, own: usize) -> bool {
        let padded = rect.grown(2);
        self.inside.contains(rect)
            && !self.boxes.iter().any(|other| other.overlaps(&padded))
            && !self
                .segments
                .iter()
                .any(|&(a, b)| padded.meets_segment(a, b))
            && leader.is_none_or(|(from, to)| {
                self.marks
                    .iter()
                    .enumerate()
                    .all(|(idx, [outline, whisker, _])| {
                        let hit = |part: &Option<PixelBox>| {
                            part.is_some_and(|r| r.meets_segment(from, to))
                        };
                        if idx == own {
                            !hit(whisker)
                        } else {
                            !hit(outline)
                        }
                    })
            })
    }

    /// Whether some other point's marker is not clearly farther from `rect` than point `own`'s
    /// (less than √2 times as far).
    fn nearer_marker(&self, rect: &PixelBox, own: usize) -> bool {
        let distance = |marker: &Option<PixelBox>| {
            marker.map_or(i64::MAX, |m| {
                let (x, y) = ((m.x0 + m.x1) / 2, (m.y0 + m.y1) / 2);
                let dx = i64::from((rect.x0 - x).max(x - rect.x1).max(0));
                let dy = i64::from((rect.y0 - y).max(y - rect.y1).max(0));
                dx * dx + dy * dy
            })
        };
        let mine = distance(&self.marks[own][0]);
        self.marks
            .iter()
            .enumerate()
            .any(|(idx, [marker, _, _])| idx != own && distance(marker) <= 2 * mine)
    }

    /// How much a leader clutters the chart: 3 for crossing the line at ROR = 1, 1 for each
    /// other point's interval or range bar, and for each time it crosses the fitted line or an
    /// edge of its band.
    fn clutter(&self, (from, to): ((i32, i32), (i32, i32)), own: usize) -> u32 {
        let mut res = 0;
        if self.one.is_some_and(|line| line.meets_segment(from, to)) {
            res += 3;
        }
        for (idx, [_, whisker, bar]) in self.marks.iter().enumerate() {
            if idx != own {
                for part in [whisker, bar].into_iter().flatten() {
                    if part.meets_segment(from, to) {
                        res += 1;
                    }
                }
            }
        }
        for &(a, b) in &self.segments {
            if segments_cross(from, to, a, b) {
                res += 1;
            }
        }
        res
    }
}

/// Whether two labels, each with its leader, keep clear of each other.
fn apart(a: &Label, b: &Label) -> bool {
    if a.rect.grown(2).overlaps(&b.rect.grown(1)) {
        return false;
    }
    let meets = |label: &Label, leader: Option<((i32, i32), (i32, i32))>| {
        leader.is_some_and(|(from, to)| label.rect.grown(2).meets_segment(from, to))
    };
    if meets(a, b.leader) || meets(b, a.leader) {
        return false;
    }
    match (a.leader, b.leader) {
        (Some((a0, a1)), Some((b0, b1))) => !segments_cross(a0, a1, b0, b1),
        _ => true,
    }
}

/// Directions around a point a label may go, in order of preference: beside it, then above and
/// below it, then the diagonals, then slightly off the vertical (a leader never runs along the
/// point's own interval). Unit vectors, written out rather than computed with sin and cos
/// (which would link libm routines into the wasm).
const DIAGONAL: f64 = std::f64::consts::FRAC_1_SQRT_2;
const DIRECTIONS: [(f64, f64); 20] = [
    (1.0, 0.0),
    (-1.0, 0.0),
    (0.866, -0.5),
    (-0.866, -0.5),
    (0.866, 0.5),
    (-0.866, 0.5),
    (0.5, -0.866),
    (-0.5, -0.866),
    (0.5, 0.866),
    (-0.5, 0.866),
    (0.0, -1.0),
    (0.0, 1.0),
    (DIAGONAL, -DIAGONAL),
    (-DIAGONAL, -DIAGONAL),
    (DIAGONAL, DIAGONAL),
    (-DIAGONAL, DIAGONAL),
    (0.2588, -0.9659),
    (-0.2588, -0.9659),
    (0.2588, 0.9659),
    (-0.2588, 0.9659),
];

/// How far beyond the marker's outline a label may start, nearest first. Past the first two,
/// a leader line joins the label to its point.
const REACH: [i32; 13] = [3, 9, 18, 28, 40, 54, 70, 88, 108, 130, 155, 185, 220];

/// Every position a label may take around its point that keeps clear of the chart's marks (other
/// labels aside), best first.
fn candidates(
    idx: usize,
    mark: &Mark,
    wordings: &[Wording],
    sizes: &Sizes,
    obstacles: &Obstacles,
) -> Vec<Label> {
    let mut res = Vec::new();
    for (wording, lines) in wordings.iter().enumerate() {
        // A broken name costs a step.
        positions(idx, mark, lines, wording, sizes, obstacles, &mut res);
    }
    // Nearest first, a leader's clutter counting as three steps further, and in the order of
    // preference among equals: gathered cost by cost (costs are small numbers).
    let most = res.iter().map(|label| label.cost).max().unwrap_or(0);
    let mut sorted = Vec::with_capacity(res.len());
    for cost in 0..=most {
        sorted.extend(res.iter().filter(|label| label.cost == cost));
    }
    sorted
}

/// The lines of a wording set one under the other: how far below the first line's middle each
/// line's middle is, and the box's top and bottom relative to the first line's middle.
fn stack(lines: &[(String, bool)], sizes: &Sizes) -> (Vec<i32>, i32, i32) {
    let mut offsets = Vec::new();
    let (mut top, mut bottom, mut dy) = (0, 0, 0);
    for (idx, (text, detail)) in lines.iter().enumerate() {
        let size = sizes.of(*detail);
        if idx > 0 {
            dy = bottom + (size * 0.6).ceil() as i32;
        }
        let extent = text_box(text, size, (0, dy), HPos::Left);
        if idx == 0 {
            top = extent.y0;
        }
        bottom = extent.y1;
        offsets.push(dy);
    }
    (offsets, top, bottom)
}

/// Adds the clear positions of one wording of a label to `res`.
fn positions(
    idx: usize,
    mark: &Mark,
    lines: &[(String, bool)],
    wording: usize,
    sizes: &Sizes,
    obstacles: &Obstacles,
    res: &mut Vec<Label>,
) {
    let width = lines
        .iter()
        .map(|(text, detail)| text_width(text, sizes.of(*detail)))
        .max()
        .unwrap_or(0);
    let (_, top, bottom) = stack(lines, sizes);
    let (above, height) = (-top, bottom - top);
    let (x, y) = mark.centre;
    for (step, reach) in REACH.into_iter().enumerate() {
        for (dx, dy) in DIRECTIONS {
            let distance = f64::from(mark.half + HALO + reach);
            let target = (
                x + (dx * distance).round() as i32,
                y + (dy * distance).round() as i32,
            );
            let (x0, h) = if dx > 0.38 {
                (target.0, HPos::Left)
            } else if dx < -0.38 {
                (target.0 - width, HPos::Right)
            } else {
                (target.0 - width / 2, HPos::Center)
            };
            let y0 = if dy > 0.38 {
                target.1
            } else if dy < -0.38 {
                target.1 - height
            } else {
                target.1 - height / 2
            };
            let rect = PixelBox {
                x0,
                y0,
                x1: x0 + width,
                y1: y0 + height,
            };
            let anchor_x = match h {
                HPos::Left => rect.x0,
                HPos::Right => rect.x1,
                HPos::Center => (rect.x0 + rect.x1) / 2,
            };
            // Beside its point a label needs no leader, unless another marker is nearer to it.
            let leader = (step >= 2 || obstacles.nearer_marker(&rect, idx)).then(|| {
                let start = mark.half + HALO;
                let from = (
                    x + (dx * f64::from(start)).round() as i32,
                    y + (dy * f64::from(start)).round() as i32,
                );
                (from, target)
            });
            if obstacles.clear(&rect, leader, idx) {
                let clutter = leader.map_or(0, |leader| obstacles.clutter(leader, idx));
                res.push(Label {
                    wording,
                    rect,
                    h,
                    anchor: (anchor_x, y0 + above),
                    leader,
                    cost: (step + wording) as u32 + 3 * clutter,
                });
            }
        }
    }
}

/// Places every point's label where it overlaps no other label, no marker, interval, range bar
/// or line, with leader lines that cross neither each other nor a label. Deterministic: a small
/// backtracking search that labels next the point with the fewest positions left (most crowded
/// first among equals), each at its best free position, within a fixed budget. Also says
/// whether the search placed every label.
fn place_labels(
    marks: &[Mark],
    wordings: &[Vec<Wording>],
    sizes: &Sizes,
    obstacles: &Obstacles,
) -> (Vec<Label>, bool) {
    let options: Vec<Vec<Label>> = marks
        .iter()
        .zip(wordings)
        .enumerate()
        .map(|(idx, (mark, wordings))| candidates(idx, mark, wordings, sizes, obstacles))
        .collect();
    let crowding = |idx: usize| {
        let (x, y) = marks[idx].centre;
        marks
            .iter()
            .filter(|other| (other.centre.0 - x).abs() < 60 && (other.centre.1 - y).abs() < 40)
            .count()
    };
    let crowding: Vec<usize> = (0..marks.len()).map(crowding).collect();

    let mut search = Search {
        options: &options,
        crowding: &crowding,
        chosen: vec![None; marks.len()],
        best: vec![None; marks.len()],
        budget: 1000,
    };
    search.run();
    let mut chosen = search.best;
    let complete = chosen.iter().all(Option::is_some);
    if complete {
        let mut picks: Vec<usize> = chosen.iter().flatten().copied().collect();
        improve(&options, &mut picks);
        chosen = picks.into_iter().map(Some).collect();
    }
    let mut placed: Vec<Option<Label>> = chosen
        .iter()
        .enumerate()
        .map(|(idx, pick)| pick.map(|pick| options[idx][pick]))
        .collect();
    // Labels the search found no room for (never with the embedded data, which a test checks)
    // take their nearest clear spot, or sit right of their point.
    for idx in 0..marks.len() {
        if placed[idx].is_some() {
            continue;
        }
        let fallback = options[idx]
            .iter()
            .find(|label| placed.iter().flatten().all(|other| apart(label, other)))
            .or(options[idx].first())
            .copied()
            .unwrap_or_else(|| {
                let mark = &marks[idx];
                let (name, _) = &wordings[idx][0][0];
                let rect = text_box(
                    name,
                    sizes.name,
                    (mark.centre.0 + mark.half + HALO + 3, mark.centre.1),
                    HPos::Left,
                );
                Label {
                    wording: 0,
                    rect,
                    h: HPos::Left,
                    anchor: (rect.x0, mark.centre.1),
                    leader: None,
                    cost: u32::MAX,
                }
            });
        placed[idx] = Some(fallback);
    }
    (placed.into_iter().flatten().collect(), complete)
}

/// Lowers the total cost of a complete placement: a label moves to a cheaper position that is
/// free, or that one other label leaves for a position of its own, when the two together cost
/// less. Repeated until nothing moves (at most four rounds).
fn improve(options: &[Vec<Label>], picks: &mut [usize]) {
    let n = picks.len();
    for _ in 0..4 {
        let mut moved = false;
        for idx in 0..n {
            let current = options[idx][picks[idx]].cost;
            for pick in 0..options[idx].len() {
                let label = &options[idx][pick];
                if label.cost >= current {
                    break;
                }
                let mut blockers = (0..n)
                    .filter(|&other| other != idx && !apart(label, &options[other][picks[other]]));
                match (blockers.next(), blockers.next()) {
                    (None, _) => {
                        picks[idx] = pick;
                        moved = true;
                    }
                    (Some(other), None) => {
                        let budget = options[other][picks[other]].cost + (current - label.cost);
                        let elsewhere = (0..options[other].len()).find(|&other_pick| {
                            let moved_label = &options[other][other_pick];
                            other_pick != picks[other]
                                && moved_label.cost < budget
                                && apart(moved_label, label)
                                && (0..n).all(|third| {
                                    third == idx
                                        || third == other
                                        || apart(moved_label, &options[third][picks[third]])
                                })
                        });
                        if let Some(other_pick) = elsewhere {
                            picks[idx] = pick;
                            picks[other] = other_pick;
                            moved = true;
                        }
                    }
                    _ => {}
                }
                if picks[idx] == pick {
                    break;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// The backtracking search of [`place_labels`]: `chosen[idx]` is the position picked for point
/// `idx`, `best` the fullest set of choices seen.
struct Search<'a> {
    options: &'a [Vec<Label>],
    /// How many markers are near each point; the less crowded goes first among equals.
    crowding: &'a [usize],
    chosen: Vec<Option<usize>>,
    best: Vec<Option<usize>>,
    /// Steps left; the search gives up with the best choices so far when it runs out.
    budget: u32,
}

impl Search<'_> {
    fn fits(&self, label: &Label) -> bool {
        self.chosen
            .iter()
            .enumerate()
            .all(|(other, pick)| pick.is_none_or(|pick| apart(label, &self.options[other][pick])))
    }

    fn run(&mut self) -> bool {
        let placed = self.chosen.iter().flatten().count();
        if placed > self.best.iter().flatten().count() {
            self.best.clone_from(&self.chosen);
        }
        // The unlabelled point with the fewest free positions goes next (the less crowded among
        // equals); none free is a dead end.
        let mut next: Option<(usize, usize)> = None;
        for idx in 0..self.options.len() {
            if self.chosen[idx].is_some() {
                continue;
            }
            // Counted only as far as it matters: one past the fewest seen so far.
            let limit = next.map_or(usize::MAX, |(_, fewest)| fewest + 1);
            let free = self.options[idx]
                .iter()
                .filter(|label| self.fits(label))
                .take(limit)
                .count();
            if free == 0 {
                return false;
            }
            let better = next.is_none_or(|(best, fewest)| {
                (free, self.crowding[idx]) < (fewest, self.crowding[best])
            });
            if better {
                next = Some((idx, free));
            }
        }
        let Some((idx, _)) = next else {
            return true;
        };
        for pick in 0..self.options[idx].len() {
            if self.budget == 0 {
                return false;
            }
            if !self.fits(&self.options[idx][pick]) {
                continue;
            }
            self.budget -= 1;
            self.chosen[idx] = Some(pick);
            if self.run() {
                return true;
            }
            self.chosen[idx] = None;
        }
        false
    }
}

fn marker(
    root: &Area<'_>,
    site: Site,
    (x, y): (i32, i32),
    color: RGBColor,
    grow: i32,
) -> DrawResult {
    let half = marker_half(site) + grow;
    match site {
        Site::Frown => root.draw(&Circle::new((x, y), half as u32, color.filled())),
        Site::OtherFacial => root.draw(&Polygon::new(
            vec![(x, y - half), (x + half, y), (x, y + half), (x - half, y)],
            color.filled(),
        )),
        Site::NoFacial => root.draw(&Rectangle::new(
            [(x - half, y - half), (x + half, y + half)],
            color.filled(),
        )),
    }
}

fn draw(
    root: &Area<'_>,
    points: &[DosePoint],
    style: ChartStyle,
    layout: &DoseLayout,
) -> DrawResult {
    let fg = style.foreground();
    let muted = style.muted();
    let sizes = &layout.sizes;
    let plot = layout.plot;

    // Grid and ticks; labels that would touch are left out.
    let y_ticks = thin_ticks(
        &ROR_TICKS,
        &layout.y_axis,
        &|_: &str| (sizes.tick + 2.0) as i32,
        2,
        (0, layout.height),
    );
    for (_, label, y) in &y_ticks {
        root.draw(&PathElement::new(
            vec![(plot.x0, *y), (plot.x1, *y)],
            style.grid(),
        ))?;
        text(
            root,
            label,
            (plot.x0 - 6, *y),
            style.text(sizes.tick, muted, HPos::Right),
        )?;
    }
    let x_ticks = thin_ticks(
        &DOSE_TICKS,
        &layout.x_axis,
        &|label: &str| text_width(label, sizes.tick),
        8,
        (0, layout.width),
    );
    for (_, label, x) in &x_ticks {
        root.draw(&PathElement::new(
            vec![(*x, plot.y0), (*x, plot.y1)],
            style.grid(),
        ))?;
        text(
            root,
            label,
            (*x, plot.y1 + 15),
            style.text(sizes.tick, muted, HPos::Center),
        )?;
    }

    // The band (its fill is a background tint; its dashed edges are the marks), then the line.
    if let [fit, low, high] = layout.lines.as_slice() {
        let outline: Vec<(i32, i32)> = high.iter().chain(low.iter().rev()).copied().collect();
        root.draw(&Polygon::new(outline, style.grid().mix(0.6).filled()))?;
        for edge in [low, high] {
            root.draw(&PathElement::new(edge.clone(), style.dashed()))?;
        }
        root.draw(&PathElement::new(fit.clone(), muted.stroke_width(2)))?;
    }
    if let Some(y) = layout.one {
        root.draw(&PathElement::new(
            vec![(plot.x0, y), (plot.x1, y)],
            fg.stroke_width(2),
        ))?;
    }

    // Ranges and intervals, then the markers on top, each in a paper-coloured outline so that
    // markers which overlap stay apart.
    for &idx in &layout.draw_order {
        let (point, mark) = (&points[idx], &layout.marks[idx]);
        let color = site_color(point.site, style);
        let (x, y) = mark.centre;
        if let Some((x0, x1)) = mark.bar {
            root.draw(&Rectangle::new(
                [(x0, y - 1), (x1, y + 2)],
                color.mix(RANGE_OPACITY).filled(),
            ))?;
            for end in [x0, x1] {
                root.draw(&PathElement::new(
                    vec![(end, y - 4), (end, y + 4)],
                    color.stroke_width(1),
                ))?;
            }
        }
        root.draw(&PathElement::new(
            vec![(x, mark.whisker.0), (x, mark.whisker.1)],
            color.stroke_width(1),
        ))?;
    }
    for &idx in &layout.draw_order {
        let (point, mark) = (&points[idx], &layout.marks[idx]);
        marker(root, point.site, mark.centre, style.paper(), HALO)?;
        marker(
            root,
            point.site,
            mark.centre,
            site_color(point.site, style),
            0,
        )?;
    }

    for (label, wordings) in layout.labels.iter().zip(&layout.wordings) {
        if let Some((from, to)) = label.leader {
            root.draw(&PathElement::new(vec![from, to], muted.stroke_width(1)))?;
        }
        let lines = &wordings[label.wording];
        let (offsets, _, _) = stack(lines, sizes);
        for ((line, detail), dy) in lines.iter().zip(offsets) {
            text(
                root,
                line,
                (label.anchor.0, label.anchor.1 + dy),
                style.text(sizes.of(*detail), if *detail { muted } else { fg }, label.h),
            )?;
        }
    }

    let mut y = plot.y1 + 36;
    let axis_title = if style.compact {
        words::axis_title_compact(LANG)
    } else {
        words::axis_title(LANG)
    };
    text(
        root,
        axis_title,
        ((plot.x0 + plot.x1) / 2, y),
        style.text(sizes.title, fg, HPos::Center),
    )?;
    y += 21;
    let (legend_step, note_step) = line_steps(style.compact);
    let places = legend_places(style.compact, layout.width, sizes.legend);
    for ((site, label), (x, line)) in legend().into_iter().zip(places) {
        let y = y + legend_step * line;
        marker(root, site, (x + 7, y), site_color(site, style), 0)?;
        text(
            root,
            label,
            (x + 18, y),
            style.text(sizes.legend, muted, HPos::Left),
        )?;
    }
    y += legend_step * places.iter().map(|&(_, line)| line).max().unwrap_or(0) + 4;
    for note in notes(style.compact) {
        y += note_step;
        text(
            root,
            note,
            (0, y),
            style.text(sizes.note, muted, HPos::Left),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use glabella_core::analysis::analyze;
    use glabella_core::data::default_dataset;

    /// Where the cohort `slug` is among the points.
    fn position(points: &[DosePoint], slug: &str) -> usize {
        let name = short_name(LANG, slug);
        points.iter().position(|p| p.short_name == name).unwrap()
    }

    fn default_chart() -> (Vec<DosePoint>, DoseBand) {
        let dataset = default_dataset();
        let scenario = Scenario::for_dataset(&dataset);
        let analysis = analyze(&dataset, &scenario.settings()).unwrap();
        let band = analysis.dose.band(&band_doses());
        (dose_points(&analysis, &scenario), band)
    }

    /// Every label keeps clear of every other label and leader, of every marker, interval and
    /// range bar, of the line at ROR = 1, the fitted line and the band's edges.
    fn assert_labels_clear(layout: &DoseLayout, what: &str) {
        let labels = &layout.labels;
        assert_eq!(
            labels.len(),
            layout.marks.len(),
            "{what}: every point has a label"
        );
        for (idx, label) in labels.iter().enumerate() {
            let name = &layout.wordings[idx][0][0].0;
            assert!(
                layout.plot.contains(&label.rect),
                "{what}: {name} inside the plot"
            );
            for mark in &layout.marks {
                assert!(
                    !mark.outline().overlaps(&label.rect),
                    "{what}: {name} on a marker"
                );
                assert!(
                    !mark.whisker_box().overlaps(&label.rect),
                    "{what}: {name} on an interval"
                );
                if let Some(bar) = mark.bar_box() {
                    assert!(!bar.overlaps(&label.rect), "{what}: {name} on a range bar");
                }
            }
            if let Some(y) = layout.one {
                assert!(
                    !(label.rect.y0 <= y + 1 && y - 1 <= label.rect.y1),
                    "{what}: {name} on the line at ROR = 1 ({y}, {:?})",
                    label.rect
                );
            }
            for line in &layout.lines {
                for pair in line.windows(2) {
                    assert!(
                        !label.rect.meets_segment(pair[0], pair[1]),
                        "{what}: {name} on the fitted line or the band's edge"
                    );
                }
            }
            for (other_idx, other) in labels.iter().enumerate().skip(idx + 1) {
                let other_name = &layout.wordings[other_idx][0][0].0;
                assert!(
                    !label.rect.overlaps(&other.rect),
                    "{what}: {name} on {other_name}"
                );
                if let Some((a, b)) = other.leader {
                    assert!(
                        !label.rect.meets_segment(a, b),
                        "{what}: {other_name}'s leader crosses {name}"
                    );
                }
                if let Some((a, b)) = label.leader {
                    assert!(
                        !other.rect.meets_segment(a, b),
                        "{what}: {name}'s leader crosses {other_name}"
                    );
                    if let Some((c, d)) = other.leader {
                        assert!(
                            !segments_cross(a, b, c, d),
                            "{what}: leaders of {name} and {other_name} cross"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn labels_keep_clear_of_each_other_and_of_every_mark() {
        let (points, band) = default_chart();
        assert_eq!(points.len(), 8);
        for compact in [false, true] {
            let style = ChartStyle { compact };
            for band in [Some(&band), None] {
                let layout = DoseLayout::new(&points, band, style);
                let what = format!("compact {compact}, band {}", band.is_some());
                assert!(layout.one.is_some(), "{what}");
                assert_labels_clear(&layout, &what);
            }
        }
    }

    #[test]
    fn points_that_coincide_both_show_and_have_their_own_labels() {
        let (points, band) = default_chart();
        // Hyperhidrosis and sialorrhea share 100 U: give them the same ROR and interval too.
        let mut same = points.clone();
        let sialorrhea = position(&same, "sialorrhea");
        let hyperhidrosis = position(&same, "hyperhidrosis");
        same[sialorrhea].estimate = same[hyperhidrosis].estimate;
        same[sialorrhea].ci = same[hyperhidrosis].ci;
        // And a twin of blepharospasm, of another group.
        let mut twin = points.clone();
        let blepharospasm = position(&points, "blepharospasm");
        twin.push(DosePoint {
            short_name: "Twin".into(),
            site: Site::NoFacial,
            ..points[blepharospasm].clone()
        });
        for (case, points, pair) in [
            ("same ROR", &same, [hyperhidrosis, sialorrhea]),
            ("twin", &twin, [blepharospasm, points.len()]),
        ] {
            for compact in [false, true] {
                let layout = DoseLayout::new(points, Some(&band), ChartStyle { compact });
                let what = format!("{case}, compact {compact}");
                let (a, b) = (layout.marks[pair[0]].centre, layout.marks[pair[1]].centre);
                assert!(
                    (a.0 - b.0).abs() >= 5 || (a.1 - b.1).abs() >= 5,
                    "{what}: markers at {a:?} and {b:?} hide each other"
                );
                // Each has its own label, clear of everything, beside its own marker or with a
                // leader to it.
                assert_labels_clear(&layout, &what);
                let obstacles =
                    Obstacles::new(&layout.marks, &layout.lines, layout.one, layout.plot);
                for idx in pair {
                    let label = &layout.labels[idx];
                    assert!(
                        label.leader.is_some() || !obstacles.nearer_marker(&label.rect, idx),
                        "{what}: whose label is it?"
                    );
                }
            }
        }
    }

    #[test]
    fn range_bars_keep_a_contrast_of_3_or_more_in_both_schemes() {
        use crate::charts::palette;
        use crate::charts::tests::contrast;
        let [light, dark] = palette::BACKGROUNDS;
        for color in [palette::FROWN, palette::OTHER_FACIAL, palette::NO_FACIAL] {
            let on_light = contrast(color.light, RANGE_OPACITY, light);
            let on_dark = contrast(color.dark, RANGE_OPACITY, dark);
            assert!(on_light >= 3.0, "{}: {on_light:.2}:1", color.var);
            assert!(on_dark >= 3.0, "{}: {on_dark:.2}:1", color.var);
        }
        // What the reader reported: the old bars, at opacity 0.45.
        assert!(contrast("#56b4e9", 0.45, dark) < 3.0);
    }

    #[test]
    fn a_dose_says_whether_a_label_gives_it() {
        let (points, _) = default_chart();
        let detail = |slug: &str| dose_detail(&points[position(&points, slug)]);
        let single = |dose: &str| words::units(LANG, dose);
        let midpoint = |dose: &str| words::units_midpoint(LANG, dose);
        assert_eq!(detail("migraine"), single("155"));
        assert_eq!(detail("hyperhidrosis"), single("100"));
        assert_eq!(detail("cosmetic"), midpoint("36"));
        assert_eq!(detail("spasticity"), midpoint("173"));
        assert_eq!(detail("blepharospasm"), midpoint("15"));
        assert_eq!(detail("bladder"), midpoint("141"));
        assert_eq!(
            detail("torticollis"),
            words::units_study_median(LANG, "236")
        );
        // A dose that is not whole has the reader's decimal separator.
        assert_eq!(units(7.5), fixed(LANG, 7.5, 1));
    }

    #[test]
    fn the_chart_does_not_call_a_midpoint_a_labelled_dose() {
        let (points, band) = default_chart();
        let wide = dose_svg(&points, Some(&band), ChartStyle { compact: false });
        assert!(wide.contains(&words::units_midpoint(LANG, "36")));
        assert!(wide.contains(&words::units(LANG, "155")));
        assert!(!wide.contains("Typical labelled dose"));
        assert!(!wide.contains("155–155"));
        let compact = dose_svg(&points, Some(&band), ChartStyle { compact: true });
        let midpoint = match LANG {
            Lang::En => "midpoint",
            Lang::Ru => "середина",
        };
        assert!(compact.contains(midpoint));
    }

    #[test]
    fn notes_and_legend_fit_the_canvas() {
        for compact in [false, true] {
            let (width, height, below, sizes) = frame(compact);
            for note in notes(compact) {
                assert!(text_width(note, sizes.note) <= width, "{note}");
            }
            let places = legend_places(compact, width, sizes.legend);
            for ((_, label), (x, _)) in legend().into_iter().zip(places) {
                let right = x + 18 + text_width(label, sizes.legend);
                assert!(right <= width, "{label} ends at {right} px");
            }
            // The last note's descenders stay on the canvas: the frame grows with the lines.
            let (legend_step, note_step) = line_steps(compact);
            let lines = places.iter().map(|&(_, line)| line).max().unwrap_or(0);
            let last = height - below
                + 36
                + 21
                + legend_step * lines
                + 4
                + note_step * notes(compact).count() as i32;
            let grown = height + below_plot(compact, width, below, &sizes) - below;
            assert!(
                last + (sizes.note * 0.45).ceil() as i32 <= grown,
                "compact {compact}: the last note at {last}, the chart {grown} tall"
            );
        }
    }

    #[test]
    fn long_names_find_room_too() {
        use crate::charts::tests::{assert_texts_fit, LONG_NAMES};
        let (mut points, band) = default_chart();
        for (slug, name) in LONG_NAMES {
            let at = position(&points, slug);
            points[at].short_name = name.split(" (").next().unwrap().to_owned();
        }
        for compact in [false, true] {
            let style = ChartStyle { compact };
            let layout = DoseLayout::new(&points, Some(&band), style);
            assert_labels_clear(&layout, &format!("long names, compact {compact}"));
            let svg = dose_svg(&points, Some(&band), style);
            assert_texts_fit(&svg);
        }
    }
}
