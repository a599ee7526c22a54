//! The dose view: each cohort's ROR against the typical labelled dose of its indication, both on
//! log axes, with the labelled dose range as a bar and the weighted regression line with its band.

use glabella_core::analysis::Analysis;
use glabella_core::data::cohort_info;
use glabella_core::scenario::{Scenario, Site};
use glabella_core::stats::Interval;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::text::short_name;

use super::{finish_svg, palette, ratio_label, text, Area, ChartStyle, DrawResult, LogAxis};

/// One cohort on the dose axis.
#[derive(Clone, Debug, PartialEq)]
pub struct DosePoint {
    pub short_name: String,
    pub dose_low: f64,
    pub dose_high: f64,
    pub dose_typical: f64,
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
                short_name: short_name(&point.indication),
                dose_low: info.dose.low,
                dose_high: info.dose.high,
                dose_typical: info.dose.typical,
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

/// The colour and marker of a workbench group.
pub fn site_color(site: Site, style: ChartStyle) -> RGBColor {
    style.accent(match site {
        Site::Frown => palette::VERMILLION,
        Site::OtherFacial => palette::ORANGE,
        Site::NoFacial => palette::BLUE,
    })
}

pub fn dose_svg(points: &[DosePoint], band: Option<&DoseBand>, style: ChartStyle) -> String {
    let (width, height) = if style.compact {
        (360, 430)
    } else {
        (720, 420)
    };
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let _ = draw(&root, points, band, style, width, height);
        let _ = root.present();
    }
    finish_svg(
        svg,
        "Dose view: reporting odds ratio of depression against the typical labelled dose per indication, log scales, with a weighted regression line",
    )
}

/// Where a label sits, in pixels.
#[derive(Clone, Copy, Debug)]
struct LabelBox {
    x0: i32,
    x1: i32,
    y0: i32,
    y1: i32,
    right_aligned: bool,
}

impl LabelBox {
    fn overlaps(&self, other: &LabelBox) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

/// Tries right-above, right-below, left-above, left-below, then further out; the first spot
/// inside the plot and clear of earlier labels wins. Text width is estimated, not measured.
fn place_label(
    text: &str,
    (x, y): (i32, i32),
    (left, right, top, bottom): (i32, i32, i32, i32),
    placed: &[LabelBox],
) -> LabelBox {
    let width = (text.chars().count() as f64 * 6.3).ceil() as i32;
    let half_height = 7;
    let mut fallback = None;
    for offset in [9, 23, 37] {
        for (right_aligned, dy) in [
            (false, -offset),
            (false, offset),
            (true, -offset),
            (true, offset),
        ] {
            let (x0, x1) = if right_aligned {
                (x - 9 - width, x - 9)
            } else {
                (x + 9, x + 9 + width)
            };
            let candidate = LabelBox {
                x0,
                x1,
                y0: y + dy - half_height,
                y1: y + dy + half_height,
                right_aligned,
            };
            let inside = left <= x0 && x1 <= right && top <= candidate.y0 && candidate.y1 <= bottom;
            if inside && !placed.iter().any(|other| other.overlaps(&candidate)) {
                return candidate;
            }
            if inside && fallback.is_none() {
                fallback = Some(candidate);
            }
        }
    }
    fallback.unwrap_or(LabelBox {
        x0: x - 9 - width,
        x1: x - 9,
        y0: y - 16,
        y1: y - 2,
        right_aligned: true,
    })
}

fn marker(root: &Area<'_>, site: Site, (x, y): (i32, i32), color: RGBColor) -> DrawResult {
    match site {
        Site::Frown => root.draw(&Circle::new((x, y), 6, color.filled())),
        Site::OtherFacial => root.draw(&Polygon::new(
            vec![(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)],
            color.filled(),
        )),
        Site::NoFacial => root.draw(&Rectangle::new(
            [(x - 5, y - 5), (x + 5, y + 5)],
            color.filled(),
        )),
    }
}

fn draw(
    root: &Area<'_>,
    points: &[DosePoint],
    band: Option<&DoseBand>,
    style: ChartStyle,
    width: i32,
    height: i32,
) -> DrawResult {
    let fg = style.foreground();
    let muted = style.muted();
    let (left, right, top) = (if style.compact { 40 } else { 52 }, width - 12, 12);
    // Room below the plot for the axis title, legend and notes (four lines on a phone).
    let bottom = height - if style.compact { 142 } else { 118 };

    let mut ror_low: f64 = 0.1;
    let mut ror_high: f64 = 2.0;
    for point in points {
        ror_low = ror_low.min(point.ci.low);
        ror_high = ror_high.max(point.ci.high);
    }
    let snap_down = |v: f64| {
        ROR_TICKS
            .iter()
            .rev()
            .find(|&&t| t <= v)
            .copied()
            .unwrap_or(ROR_TICKS[0])
    };
    let snap_up = |v: f64| {
        ROR_TICKS
            .iter()
            .find(|&&t| t >= v)
            .copied()
            .unwrap_or(ROR_TICKS[12])
    };
    let y_axis = LogAxis {
        low: snap_down(ror_low),
        high: snap_up(ror_high),
        from_px: bottom,
        to_px: top,
    };
    let x_axis = LogAxis {
        low: 5.0,
        high: 500.0,
        from_px: left,
        to_px: right,
    };

    for &tick in ROR_TICKS.iter().filter(|&&t| y_axis.contains(t)) {
        let y = y_axis.px(tick);
        let line_style = if tick == 1.0 {
            fg.stroke_width(2)
        } else {
            style.grid().stroke_width(1)
        };
        root.draw(&PathElement::new(vec![(left, y), (right, y)], line_style))?;
        text(
            root,
            ratio_label(tick)
                .trim_end_matches('0')
                .trim_end_matches('.'),
            (left - 6, y),
            style.text(12.0, muted, HPos::Right),
        )?;
    }
    for &tick in DOSE_TICKS.iter().filter(|&&t| x_axis.contains(t)) {
        let x = x_axis.px(tick);
        root.draw(&PathElement::new(vec![(x, top), (x, bottom)], style.grid()))?;
        text(
            root,
            &format!("{tick}"),
            (x, bottom + 14),
            style.text(12.0, muted, HPos::Center),
        )?;
    }

    if let Some(band) = band {
        let upper = band
            .iter()
            .map(|&(dose, _, _, high)| (x_axis.px(dose), y_axis.px(high)));
        let lower = band
            .iter()
            .rev()
            .map(|&(dose, _, low, _)| (x_axis.px(dose), y_axis.px(low)));
        root.draw(&Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            muted.mix(0.18).filled(),
        ))?;
        let line: Vec<(i32, i32)> = band
            .iter()
            .map(|&(dose, fit, _, _)| (x_axis.px(dose), y_axis.px(fit)))
            .collect();
        root.draw(&PathElement::new(line, muted.stroke_width(2)))?;
    }

    for point in points {
        let color = site_color(point.site, style);
        let y = y_axis.px(point.estimate);
        let x = x_axis.px(point.dose_typical);
        // Labelled dose range as a bar, the interval as a whisker, the typical dose as a marker.
        root.draw(&Rectangle::new(
            [
                (x_axis.px(point.dose_low), y - 2),
                (
                    x_axis
                        .px(point.dose_high)
                        .max(x_axis.px(point.dose_low) + 1),
                    y + 2,
                ),
            ],
            color.mix(0.45).filled(),
        ))?;
        root.draw(&PathElement::new(
            vec![(x, y_axis.px(point.ci.low)), (x, y_axis.px(point.ci.high))],
            color.stroke_width(1),
        ))?;
        marker(root, point.site, (x, y), color)?;
    }
    // Labels after all markers, each where it overlaps neither another label nor the edge.
    // Markers count as placed, so labels keep clear of them too.
    let mut placed: Vec<LabelBox> = points
        .iter()
        .map(|point| {
            let (x, y) = (x_axis.px(point.dose_typical), y_axis.px(point.estimate));
            LabelBox {
                x0: x - 7,
                x1: x + 7,
                y0: y - 7,
                y1: y + 7,
                right_aligned: false,
            }
        })
        .collect();
    for point in points {
        let anchor = (x_axis.px(point.dose_typical), y_axis.px(point.estimate));
        let label = place_label(
            &point.short_name,
            anchor,
            (left, right, top, bottom),
            &placed,
        );
        let (h, x) = if label.right_aligned {
            (HPos::Right, label.x1)
        } else {
            (HPos::Left, label.x0)
        };
        let middle = (label.y0 + label.y1) / 2;
        // A label pushed away from its marker gets a leader line back to it.
        if (middle - anchor.1).abs() > 12 {
            root.draw(&PathElement::new(
                vec![anchor, (x, middle)],
                muted.stroke_width(1),
            ))?;
        }
        text(
            root,
            &point.short_name,
            (x, middle),
            style.text(11.5, fg, h),
        )?;
        placed.push(label);
    }

    let mut y = bottom + 34;
    text(
        root,
        "Typical labelled dose per session, units (log scale)",
        ((left + right) / 2, y),
        style.text(12.5, fg, HPos::Center),
    )?;
    y += 20;
    let mut x = 0;
    for (site, label) in [
        (Site::Frown, "frown muscles"),
        (Site::OtherFacial, "other facial"),
        (Site::NoFacial, "no facial muscle"),
    ] {
        marker(root, site, (x + 6, y), site_color(site, style))?;
        text(
            root,
            label,
            (x + 16, y),
            style.text(11.5, muted, HPos::Left),
        )?;
        x += if style.compact {
            26 + 7 * label.len() as i32
        } else {
            150
        };
    }
    let notes: &[&str] = if style.compact {
        &[
            "Vertical: reporting odds ratio (log scale).",
            "Bars: labelled dose range. Labelled doses,",
            "not the doses in the reports.",
            "Glabella · illustrative reconstruction",
        ]
    } else {
        &[
            "Vertical axis: reporting odds ratio (log scale). Bars: labelled dose range.",
            "Labelled doses, not the doses in the reports.",
            "Source: Glabella, illustrative reconstruction of Makunts et al. 2020",
        ]
    };
    y += 4;
    for note in notes {
        y += 16;
        text(root, note, (0, y), style.text(11.0, muted, HPos::Left))?;
    }
    Ok(())
}
