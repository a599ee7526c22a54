//! The forest plot: one row per cohort, the ROR and its interval on a log axis.
//!
//! Significance is shown by shape as well as colour: a filled square when the interval excludes 1,
//! a hollow one when it includes 1. The row geometry is public so the page can lay focusable
//! areas over each row.

use glabella_core::analysis::Analysis;
use glabella_core::stats::Interval;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::text::{cohort_name, short_name};

use super::{
    count_label, finish_svg, palette, ratio_label, text, Area, ChartStyle, DrawResult, LogAxis,
};

/// One cohort as the forest plot shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ForestRow {
    pub name: String,
    pub short_name: String,
    pub n_bont: u64,
    pub n_control: u64,
    pub estimate: Option<f64>,
    pub ci: Option<Interval>,
    /// 0.5 was added to every cell.
    pub corrected: bool,
}

impl ForestRow {
    pub fn excludes_one(&self) -> bool {
        self.ci.is_some_and(|ci| !ci.contains(1.0))
    }
}

/// The rows of the forest plot: adjusted results when the analysis stratified, else crude.
pub fn forest_rows(analysis: &Analysis, adjusted: bool) -> Vec<ForestRow> {
    analysis
        .cohorts
        .iter()
        .map(|cohort| {
            let (estimate, ci) = cohort.shown();
            ForestRow {
                name: cohort_name(&cohort.indication),
                short_name: short_name(&cohort.indication),
                n_bont: cohort.table.n_bont(),
                n_control: cohort.table.n_control(),
                estimate,
                ci,
                corrected: !adjusted && cohort.ror.corrected,
            }
        })
        .collect()
}

/// Geometry shared by the SVG and the page's row overlays (in SVG units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForestLayout {
    pub width: i32,
    pub height: i32,
    pub rows_top: i32,
    pub row_height: i32,
    label_right: i32,
    plot_left: i32,
    plot_right: i32,
    value_left: Option<i32>,
}

impl ForestLayout {
    pub fn new(n_rows: usize, compact: bool) -> ForestLayout {
        let (width, label_right, plot_left, plot_right, value_left) = if compact {
            (360, 118, 128, 348, None)
        } else {
            (760, 232, 244, 560, Some(578))
        };
        let rows_top = 34;
        // At least 44 px tall on a phone too, where the SVG is drawn slightly smaller than 360.
        let row_height = if compact { 50 } else { 44 };
        ForestLayout {
            width,
            height: rows_top + row_height * n_rows as i32 + 96,
            rows_top,
            row_height,
            label_right,
            plot_left,
            plot_right,
            value_left,
        }
    }

    fn row_middle(&self, idx: usize) -> i32 {
        self.rows_top + self.row_height * idx as i32 + self.row_height / 2
    }
}

/// What the caption says about the settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForestCaption {
    pub level: f64,
    pub adjusted: bool,
}

const TICKS: [f64; 16] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0,
];

/// The ticks the phone layout labels (a list, not `log10`, which would link a libm routine).
const POWERS_OF_TEN: [f64; 6] = [0.001, 0.01, 0.1, 1.0, 10.0, 100.0];

/// The axis range: always 0.05 to 2 at least, widened to the intervals, snapped to ticks.
fn axis_range(rows: &[ForestRow]) -> (f64, f64) {
    let mut low: f64 = 0.05;
    let mut high: f64 = 2.0;
    for ci in rows.iter().filter_map(|row| row.ci) {
        low = low.min(ci.low);
        high = high.max(ci.high);
    }
    let low = TICKS
        .iter()
        .rev()
        .find(|&&t| t <= low)
        .copied()
        .unwrap_or(TICKS[0]);
    let high = TICKS
        .iter()
        .find(|&&t| t >= high)
        .copied()
        .unwrap_or(TICKS[TICKS.len() - 1]);
    (low, high)
}

/// Draws the forest plot.
pub fn forest_svg(rows: &[ForestRow], caption: ForestCaption, style: ChartStyle) -> String {
    let layout = ForestLayout::new(rows.len(), style.compact);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (layout.width as u32, layout.height as u32))
            .into_drawing_area();
        // Drawing into a string cannot fail; errors are ignored rather than unwrapped.
        let _ = draw(&root, rows, caption, style, layout);
        let _ = root.present();
    }
    let kind = if caption.adjusted {
        "adjusted for sex and age"
    } else {
        "crude"
    };
    let title = format!(
        "Forest plot: reporting odds ratio of depression with botulinum toxin versus matched controls, {kind}, {}% intervals, {} cohorts",
        caption.level * 100.0,
        rows.len()
    );
    finish_svg(svg, &title)
}

fn draw(
    root: &Area<'_>,
    rows: &[ForestRow],
    caption: ForestCaption,
    style: ChartStyle,
    layout: ForestLayout,
) -> DrawResult {
    let fg = style.foreground();
    let muted = style.muted();
    let (low, high) = axis_range(rows);
    let axis = LogAxis {
        low,
        high,
        from_px: layout.plot_left,
        to_px: layout.plot_right,
    };
    let rows_bottom = layout.rows_top + layout.row_height * rows.len() as i32;
    let level = format!("{}%", caption.level * 100.0);

    // Column headings.
    text(
        root,
        "Indication",
        (0, 14),
        style.text(13.0, muted, HPos::Left),
    )?;
    let heading = if caption.adjusted {
        "ROR, adjusted"
    } else {
        "ROR"
    };
    if let Some(value_left) = layout.value_left {
        text(
            root,
            &format!("{heading} ({level} CI)"),
            (value_left, 14),
            style.text(13.0, muted, HPos::Left),
        )?;
    }

    // Zebra bands, then grid lines and the line of no difference.
    for idx in (0..rows.len()).step_by(2) {
        let top = layout.rows_top + layout.row_height * idx as i32;
        root.draw(&Rectangle::new(
            [(0, top), (layout.width, top + layout.row_height)],
            style.grid().mix(0.35).filled(),
        ))?;
    }
    let ticks: Vec<f64> = TICKS
        .iter()
        .copied()
        .filter(|&t| axis.contains(t))
        .collect();
    for &tick in &ticks {
        let x = axis.px(tick);
        root.draw(&PathElement::new(
            vec![(x, layout.rows_top), (x, rows_bottom)],
            style.grid(),
        ))?;
        // The phone layout has room for powers of ten only.
        if style.compact && !POWERS_OF_TEN.contains(&tick) {
            continue;
        }
        text(
            root,
            ratio_label(tick)
                .trim_end_matches('0')
                .trim_end_matches('.'),
            (x, rows_bottom + 14),
            style.text(12.0, muted, HPos::Center),
        )?;
    }
    let one = axis.px(1.0);
    root.draw(&PathElement::new(
        vec![(one, layout.rows_top - 6), (one, rows_bottom)],
        fg.stroke_width(2),
    ))?;

    let accent = style.accent(palette::BLUE);
    for (idx, row) in rows.iter().enumerate() {
        let y = layout.row_middle(idx);
        let name = if style.compact {
            &row.short_name
        } else {
            &row.name
        };
        text(
            root,
            &name.clone(),
            (0, y - 8),
            style.text(14.0, fg, HPos::Left),
        )?;
        let sizes = if style.compact {
            format!(
                "{} / {}",
                count_label(row.n_bont),
                count_label(row.n_control)
            )
        } else {
            format!(
                "{} BoNT vs {} control",
                count_label(row.n_bont),
                count_label(row.n_control)
            )
        };
        text(
            root,
            &sizes,
            (0, y + 10),
            style.text(11.5, muted, HPos::Left),
        )?;

        let (Some(estimate), Some(ci)) = (row.estimate, row.ci) else {
            text(
                root,
                "not defined",
                (layout.plot_left + 4, y),
                style.text(12.0, muted, HPos::Left),
            )?;
            continue;
        };
        let (x_low, x_high) = (axis.px(ci.low), axis.px(ci.high));
        root.draw(&PathElement::new(
            vec![(x_low, y), (x_high, y)],
            accent.stroke_width(2),
        ))?;
        // An arrowhead where the interval runs off the axis.
        if !axis.contains(ci.low) {
            root.draw(&Polygon::new(
                vec![(x_low - 6, y), (x_low, y - 5), (x_low, y + 5)],
                accent.filled(),
            ))?;
        }
        if !axis.contains(ci.high) {
            root.draw(&Polygon::new(
                vec![(x_high + 6, y), (x_high, y - 5), (x_high, y + 5)],
                accent.filled(),
            ))?;
        }
        let x = axis.px(estimate);
        let square = [(x - 6, y - 6), (x + 6, y + 6)];
        if row.excludes_one() {
            root.draw(&Rectangle::new(square, accent.filled()))?;
        } else {
            root.draw(&Rectangle::new(square, style.paper().filled()))?;
            root.draw(&Rectangle::new(square, accent.stroke_width(2)))?;
        }
        if let Some(value_left) = layout.value_left {
            let mark = if row.corrected { " †" } else { "" };
            let value = format!(
                "{} ({}–{}){mark}",
                ratio_label(estimate),
                ratio_label(ci.low),
                ratio_label(ci.high)
            );
            text(
                root,
                &value,
                (value_left, y),
                style.text(13.0, fg, HPos::Left),
            )?;
        }
    }

    // Axis title, direction, legend and source.
    let mut y = rows_bottom + 34;
    let centre = (layout.plot_left + layout.plot_right) / 2;
    text(
        root,
        "Reporting odds ratio (log scale)",
        (centre, y),
        style.text(12.5, fg, HPos::Center),
    )?;
    y += 18;
    text(
        root,
        "← less depression with BoNT",
        (one - 6, y),
        style.text(11.5, muted, HPos::Right),
    )?;
    text(
        root,
        "more →",
        (one + 6, y),
        style.text(11.5, muted, HPos::Left),
    )?;
    y += 20;
    root.draw(&Rectangle::new([(0, y - 5), (10, y + 5)], accent.filled()))?;
    text(
        root,
        "interval excludes 1",
        (14, y),
        style.text(11.5, muted, HPos::Left),
    )?;
    let hollow_left = if style.compact { 130 } else { 170 };
    root.draw(&Rectangle::new(
        [(hollow_left, y - 5), (hollow_left + 10, y + 5)],
        accent.stroke_width(2),
    ))?;
    text(
        root,
        "includes 1",
        (hollow_left + 14, y),
        style.text(11.5, muted, HPos::Left),
    )?;
    if !style.compact && rows.iter().any(|row| row.corrected) {
        text(
            root,
            "† zero cell: 0.5 added to every cell",
            (330, y),
            style.text(11.5, muted, HPos::Left),
        )?;
    }
    y += 18;
    let source = if style.compact {
        "Glabella · illustrative reconstruction of Makunts et al. 2020"
    } else {
        "Source: Glabella, an illustrative reconstruction of FAERS data in Makunts et al., Sci Rep 2020"
    };
    text(root, source, (0, y), style.text(11.0, muted, HPos::Left))?;
    Ok(())
}
