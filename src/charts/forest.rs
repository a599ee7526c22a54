//! The forest plot: one row per cohort, the ROR and its interval on a log axis.
//!
//! Significance is shown by shape as well as colour: a filled square when the interval excludes 1,
//! a hollow one when it includes 1. The row geometry is public so the page can lay focusable
//! areas over each row.

use crate::lang::LANG;
use glabella_core::analysis::CohortResult;
use glabella_core::format::{count_label, fixed, percent_label, ratio_label};
use glabella_core::i18n::forest_chart as words;
use glabella_core::stats::Interval;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::text::{cohort_name, short_name};

use super::{
    finish_svg, text, text_width, thin_ticks, Area, ChartStyle, DrawResult, LogAxis, SvgBackend,
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
pub fn forest_rows(cohorts: &[CohortResult], adjusted: bool) -> Vec<ForestRow> {
    cohorts
        .iter()
        .map(|cohort| {
            let (estimate, ci) = cohort.shown();
            ForestRow {
                name: cohort_name(LANG, &cohort.indication),
                short_name: short_name(LANG, &cohort.indication),
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
    plot_left: i32,
    plot_right: i32,
    /// Phone layout: each row is a line of text (name left, ROR right) over its interval.
    stacked: bool,
}

/// Text sizes, in SVG pixels. The phone layout is drawn 360 wide and shown at about 328 px (the
/// page's margins), so its sizes are at least 12 / (328 / 360) ≈ 13.2 to read as 12 px or more.
struct Sizes {
    heading: f64,
    name: f64,
    detail: f64,
    value: f64,
    tick: f64,
    title: f64,
    note: f64,
}

const WIDE_SIZES: Sizes = Sizes {
    heading: 13.0,
    name: 14.0,
    detail: 11.5,
    value: 13.0,
    tick: 12.0,
    title: 12.5,
    note: 11.5,
};

const COMPACT_SIZES: Sizes = Sizes {
    heading: 13.5,
    name: 15.0,
    detail: 13.5,
    value: 14.0,
    tick: 13.5,
    title: 14.0,
    note: 13.5,
};

impl ForestLayout {
    pub fn new(n_rows: usize, compact: bool) -> ForestLayout {
        let rows_top = 34;
        if compact {
            // 56 tall: at least 44 px on a phone too, where the SVG is drawn smaller than 360.
            let row_height = 56;
            ForestLayout {
                width: 360,
                height: rows_top + row_height * n_rows as i32 + 148,
                rows_top,
                row_height,
                plot_left: 12,
                plot_right: 348,
                stacked: true,
            }
        } else {
            let row_height = 44;
            ForestLayout {
                width: 760,
                height: rows_top + row_height * n_rows as i32 + 96,
                rows_top,
                row_height,
                plot_left: 244,
                plot_right: 560,
                stacked: false,
            }
        }
    }

    fn row_top(&self, idx: usize) -> i32 {
        self.rows_top + self.row_height * idx as i32
    }

    /// Where a row's text sits: the middle of the row, or its upper line when stacked.
    fn text_middle(&self, idx: usize) -> i32 {
        if self.stacked {
            self.row_top(idx) + 16
        } else {
            self.row_top(idx) + self.row_height / 2
        }
    }

    /// Where a row's interval is drawn.
    fn mark_middle(&self, idx: usize) -> i32 {
        if self.stacked {
            self.row_top(idx) + 39
        } else {
            self.row_top(idx) + self.row_height / 2
        }
    }

    /// Where the ROR column starts (wide layout) or ends (stacked, right-aligned).
    fn value_x(&self) -> i32 {
        if self.stacked {
            self.width - 4
        } else {
            578
        }
    }

    /// How wide a name may be in the wide layout: up to the interval's arrowhead.
    fn name_room(&self) -> i32 {
        self.plot_left - 10
    }

    fn legend(&self) -> Legend {
        let size = self.sizes().note;
        let hollow_left = 170.max(14 + text_width(words::excludes_one(LANG), size) + 16);
        let zero_cell_left =
            330.max(hollow_left + 14 + text_width(words::includes_one(LANG), size) + 24);
        Legend {
            hollow_left,
            zero_cell_left,
        }
    }

    fn sizes(&self) -> &'static Sizes {
        if self.stacked {
            &COMPACT_SIZES
        } else {
            &WIDE_SIZES
        }
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

fn axis(rows: &[ForestRow], layout: &ForestLayout) -> LogAxis {
    let (low, high) = axis_range(rows);
    LogAxis {
        low,
        high,
        from_px: layout.plot_left,
        to_px: layout.plot_right,
    }
}

/// The labelled ticks, in increasing value: (value, label, x). Ticks whose labels would come
/// closer than 8 px to another's are left out, so none touch.
fn labelled_ticks(rows: &[ForestRow], layout: &ForestLayout) -> Vec<(f64, String, i32)> {
    let size = layout.sizes().tick;
    thin_ticks(
        &TICKS,
        &axis(rows, layout),
        &|label: &str| text_width(label, size),
        8,
        (0, layout.width),
    )
}

/// "0.45 (0.37–0.54)", with a dagger when 0.5 was added to every cell.
fn value_text(row: &ForestRow) -> Option<String> {
    let (estimate, ci) = (row.estimate?, row.ci?);
    let mark = if row.corrected { " †" } else { "" };
    Some(format!(
        "{} ({}–{}){mark}",
        ratio_label(LANG, estimate),
        ratio_label(LANG, ci.low),
        ratio_label(LANG, ci.high)
    ))
}

/// `name`, shortened with an ellipsis to fit `width` pixels at `size`.
fn fit(name: &str, size: f64, width: i32) -> String {
    if text_width(name, size) <= width {
        return name.to_owned();
    }
    let mut chars: Vec<char> = name.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if text_width(&candidate, size) <= width {
            return candidate;
        }
    }
    "…".to_owned()
}

/// Draws the forest plot.
pub fn forest_svg(rows: &[ForestRow], caption: ForestCaption, style: ChartStyle) -> String {
    let layout = ForestLayout::new(rows.len(), style.compact);
    let mut svg = String::new();
    {
        let root = SvgBackend::with_string(&mut svg, (layout.width as u32, layout.height as u32))
            .into_drawing_area();
        // Drawing into a string cannot fail; errors are ignored rather than unwrapped.
        let _ = draw(&root, rows, caption, style, layout);
        let _ = root.present();
    }
    let kind = if caption.adjusted {
        words::adjusted(LANG)
    } else {
        words::crude(LANG)
    };
    let title = words::title(
        LANG,
        kind,
        &percent_label(LANG, caption.level),
        rows.len() as u64,
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
    let sizes = layout.sizes();
    let axis = axis(rows, &layout);
    let rows_bottom = layout.rows_top + layout.row_height * rows.len() as i32;
    let level = percent_label(LANG, caption.level);

    // Column headings.
    text(
        root,
        words::indication(LANG),
        (0, 14),
        style.text(sizes.heading, muted, HPos::Left),
    )?;
    let heading = if caption.adjusted {
        words::value_heading_adjusted(LANG, &level)
    } else {
        words::value_heading(LANG, &level)
    };
    let value_pos = if layout.stacked {
        HPos::Right
    } else {
        HPos::Left
    };
    // In the wide layout the heading starts with the column, or ends at the edge when longer.
    let heading_x = if layout.stacked {
        layout.value_x()
    } else {
        layout
            .value_x()
            .min(layout.width - text_width(&heading, sizes.heading))
    };
    text(
        root,
        &heading,
        (heading_x, 14),
        style.text(sizes.heading, muted, value_pos),
    )?;

    // Zebra bands, then grid lines and the line of no difference. When stacked, the lines run
    // through the interval part of each row only, so they never cross the row's text.
    for idx in (0..rows.len()).step_by(2) {
        let top = layout.row_top(idx);
        root.draw(&Rectangle::new(
            [(0, top), (layout.width, top + layout.row_height)],
            style.grid().mix(0.35).filled(),
        ))?;
    }
    let spans: Vec<(i32, i32)> = if layout.stacked {
        (0..rows.len())
            .map(|idx| {
                (
                    layout.row_top(idx) + 28,
                    layout.row_top(idx) + layout.row_height,
                )
            })
            .collect()
    } else {
        vec![(layout.rows_top, rows_bottom)]
    };
    for &tick in TICKS.iter().filter(|&&t| axis.contains(t)) {
        let x = axis.px(tick);
        for &(top, bottom) in &spans {
            root.draw(&PathElement::new(vec![(x, top), (x, bottom)], style.grid()))?;
        }
    }
    for (_, label, x) in labelled_ticks(rows, &layout) {
        text(
            root,
            &label,
            (x, rows_bottom + 15),
            style.text(sizes.tick, muted, HPos::Center),
        )?;
    }
    let one = axis.px(1.0);
    for &(top, bottom) in &spans {
        let top = if layout.stacked { top } else { top - 6 };
        root.draw(&PathElement::new(
            vec![(one, top), (one, bottom)],
            fg.stroke_width(2),
        ))?;
    }

    let accent = style.accent();
    for (idx, row) in rows.iter().enumerate() {
        let text_y = layout.text_middle(idx);
        let y = layout.mark_middle(idx);
        let value = value_text(row);
        if layout.stacked {
            let value_width = text_width(
                value.as_deref().unwrap_or(words::not_defined(LANG)),
                sizes.value,
            );
            let name = fit(
                &row.short_name,
                sizes.name,
                layout.width - 4 - value_width - 10,
            );
            text(
                root,
                &name,
                (0, text_y),
                style.text(sizes.name, fg, HPos::Left),
            )?;
        } else {
            let (name, size) = wide_name(row, sizes.name, layout.name_room());
            text(
                root,
                &name,
                (0, text_y - 8),
                style.text(size, fg, HPos::Left),
            )?;
            text(
                root,
                &fit(&report_counts(row), sizes.detail, layout.name_room()),
                (0, text_y + 10),
                style.text(sizes.detail, muted, HPos::Left),
            )?;
        }

        let (Some(estimate), Some(ci), Some(value)) = (row.estimate, row.ci, value) else {
            text(
                root,
                words::not_defined(LANG),
                if layout.stacked {
                    (layout.value_x(), text_y)
                } else {
                    (layout.plot_left + 4, y)
                },
                style.text(
                    sizes.value,
                    muted,
                    if layout.stacked {
                        HPos::Right
                    } else {
                        HPos::Left
                    },
                ),
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
        text(
            root,
            &value,
            (layout.value_x(), text_y),
            style.text(sizes.value, fg, value_pos),
        )?;
    }

    // Axis title, direction, legend and source.
    let mut y = rows_bottom + if layout.stacked { 38 } else { 34 };
    let centre = (layout.plot_left + layout.plot_right) / 2;
    let axis_title = if layout.stacked {
        words::axis_title_compact(LANG)
    } else {
        words::axis_title(LANG)
    };
    text(
        root,
        axis_title,
        (centre, y),
        style.text(sizes.title, fg, HPos::Center),
    )?;
    y += if layout.stacked { 20 } else { 18 };
    // The two directions sit either side of the line of no difference, kept on the canvas.
    let (less, more) = (words::less(LANG), words::more(LANG));
    let less_right = (one - 6).max(text_width(less, sizes.note));
    let more_left = (one + 6)
        .max(less_right + 12)
        .min(layout.width - text_width(more, sizes.note));
    text(
        root,
        less,
        (less_right, y),
        style.text(sizes.note, muted, HPos::Right),
    )?;
    text(
        root,
        more,
        (more_left, y),
        style.text(sizes.note, muted, HPos::Left),
    )?;
    y += if layout.stacked { 22 } else { 20 };
    let legend = layout.legend();
    root.draw(&Rectangle::new([(0, y - 5), (10, y + 5)], accent.filled()))?;
    text(
        root,
        words::excludes_one(LANG),
        (14, y),
        style.text(sizes.note, muted, HPos::Left),
    )?;
    root.draw(&Rectangle::new(
        [
            (legend.hollow_left, y - 5),
            (legend.hollow_left + 10, y + 5),
        ],
        accent.stroke_width(2),
    ))?;
    text(
        root,
        words::includes_one(LANG),
        (legend.hollow_left + 14, y),
        style.text(sizes.note, muted, HPos::Left),
    )?;
    let corrected = rows.iter().any(|row| row.corrected);
    if corrected && !layout.stacked {
        text(
            root,
            &zero_cell_note(false),
            (legend.zero_cell_left, y),
            style.text(sizes.note, muted, HPos::Left),
        )?;
    }
    let mut source: Vec<String> = Vec::new();
    if layout.stacked {
        if corrected {
            source.push(zero_cell_note(true));
        }
        source.push(words::source_compact_1(LANG).to_owned());
        source.push(words::source_compact_2(LANG).to_owned());
    } else {
        source.push(words::source(LANG).to_owned());
    }
    for line in &source {
        y += 18;
        text(
            root,
            line,
            (0, y),
            style.text(sizes.note, muted, HPos::Left),
        )?;
    }
    Ok(())
}

/// The note that 0.5 was added to every cell, in the wide or the phone layout's wording.
fn zero_cell_note(compact: bool) -> String {
    let half = fixed(LANG, 0.5, 1);
    if compact {
        words::zero_cell_compact(LANG, &half)
    } else {
        words::zero_cell(LANG, &half)
    }
}

/// "4,180 BoNT vs 56,675 control": how many reports each arm of a row has.
fn report_counts(row: &ForestRow) -> String {
    words::report_counts(
        LANG,
        &count_label(LANG, row.n_bont),
        &count_label(LANG, row.n_control),
    )
}

/// A row's name in the wide layout, and its size: in full where it fits its column, else
/// without its parenthesis, set smaller if need be (down to 12 px), else shortened.
fn wide_name(row: &ForestRow, size: f64, room: i32) -> (String, f64) {
    if text_width(&row.name, size) <= room {
        return (row.name.clone(), size);
    }
    let mut smaller = size;
    while text_width(&row.short_name, smaller) > room && smaller > 12.0 {
        smaller -= 0.5;
    }
    (fit(&row.short_name, smaller, room), smaller)
}

/// Where the legend's hollow square and the zero-cell note start, after the text before them.
struct Legend {
    hollow_left: i32,
    zero_cell_left: i32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{text_box, tick_label, PixelBox};
    use glabella_core::analysis::analyze;
    use glabella_core::data::default_dataset;
    use glabella_core::scenario::Scenario;

    fn row(low: f64, high: f64) -> ForestRow {
        ForestRow {
            name: "Row".into(),
            short_name: "Row".into(),
            n_bont: 10,
            n_control: 10,
            estimate: Some((low * high).sqrt()),
            ci: Some(Interval { low, high }),
            corrected: false,
        }
    }

    fn default_rows() -> Vec<ForestRow> {
        let dataset = default_dataset();
        let scenario = Scenario::for_dataset(&dataset);
        forest_rows(
            &analyze(&dataset, &scenario.settings()).unwrap().cohorts,
            false,
        )
    }

    #[test]
    fn tick_labels_never_touch_in_either_layout() {
        for compact in [false, true] {
            let layout = ForestLayout::new(1, compact);
            let size = layout.sizes().tick;
            for (low, high) in [
                (0.009, 2.57),
                (0.005, 2.0),
                (0.001, 100.0),
                (0.0001, 5000.0),
                (0.05, 2.0),
                (0.3, 1.5),
            ] {
                let ticks = labelled_ticks(&[row(low, high)], &layout);
                assert!(ticks.iter().any(|(t, _, _)| *t == 1.0));
                let boxes: Vec<PixelBox> = ticks
                    .iter()
                    .map(|(_, label, x)| text_box(label, size, (*x, 0), HPos::Center))
                    .collect();
                for (idx, a) in boxes.iter().enumerate() {
                    assert!(
                        a.x0 >= 0 && a.x1 <= layout.width,
                        "{:?} off the chart",
                        ticks[idx]
                    );
                    for (b, tick) in boxes[idx + 1..].iter().zip(&ticks[idx + 1..]) {
                        assert!(
                            !a.grown(2).overlaps(b),
                            "compact {compact}, {low}–{high}: {} touches {}",
                            ticks[idx].1,
                            tick.1
                        );
                    }
                }
            }
        }
        // What the reader saw: 0.005 and 0.01 side by side on the default wide chart.
        let rows = default_rows();
        let wide = labelled_ticks(&rows, &ForestLayout::new(rows.len(), false));
        let labels: Vec<&str> = wide.iter().map(|(_, label, _)| label.as_str()).collect();
        let (a, b) = (tick_label(0.005), tick_label(0.01));
        assert!(
            !(labels.contains(&a.as_str()) && labels.contains(&b.as_str())),
            "{labels:?}"
        );
    }

    #[test]
    fn the_phone_layout_shows_each_ror_in_rows_tall_and_legible_enough() {
        // Drawn 360 wide, shown at about 328 px on a 360 px phone (the page's margins).
        let scale = 328.0 / 360.0;
        let layout = ForestLayout::new(8, true);
        assert!(f64::from(layout.row_height) * scale >= 44.0);
        let sizes = layout.sizes();
        for size in [
            sizes.heading,
            sizes.name,
            sizes.detail,
            sizes.value,
            sizes.tick,
            sizes.title,
            sizes.note,
        ] {
            assert!(
                size * scale >= 12.0,
                "{size} px reads as {:.1} px",
                size * scale
            );
        }
        let rows = default_rows();
        let caption = ForestCaption {
            level: 0.95,
            adjusted: false,
        };
        let svg = forest_svg(&rows, caption, ChartStyle { compact: true });
        for row in &rows {
            let value = value_text(row).unwrap_or_else(|| words::not_defined(LANG).into());
            assert!(svg.contains(&value), "{value}");
            // Name and value share a line: they must not run into each other.
            let y = 0;
            let name = text_box(&row.short_name, sizes.name, (0, y), HPos::Left);
            let value = text_box(&value, sizes.value, (layout.value_x(), y), HPos::Right);
            assert!(!name.grown(4).overlaps(&value), "{}", row.short_name);
            assert!(value.x1 <= layout.width);
        }
        assert!(svg.contains(&words::value_heading(LANG, &percent_label(LANG, 0.95))));
    }

    #[test]
    fn long_names_keep_to_their_column_and_every_text_to_the_canvas() {
        use crate::charts::tests::{assert_texts_fit, LONG_NAMES};
        let mut rows = default_rows();
        for (row, (_, name)) in rows.iter_mut().zip(LONG_NAMES) {
            row.name = name.to_owned();
            row.short_name = name.split(" (").next().unwrap().to_owned();
            row.corrected = true;
        }
        for adjusted in [false, true] {
            let caption = ForestCaption {
                level: 0.99,
                adjusted,
            };
            for compact in [false, true] {
                let svg = forest_svg(&rows, caption, ChartStyle { compact });
                assert_texts_fit(&svg);
            }
        }
        let layout = ForestLayout::new(rows.len(), false);
        let size = layout.sizes().name;
        for row in &rows {
            let (name, size) = wide_name(row, size, layout.name_room());
            assert!(text_width(&name, size) <= layout.name_room(), "{name}");
            assert!(name == row.name || name == row.short_name, "{name}");
            assert!(size >= 12.0);
            let counts = report_counts(row);
            assert!(text_width(&counts, layout.sizes().detail) <= layout.name_room());
        }
        // The legend's entries keep apart in both layouts.
        for compact in [false, true] {
            let layout = ForestLayout::new(rows.len(), compact);
            let legend = layout.legend();
            let size = layout.sizes().note;
            assert!(14 + text_width(words::excludes_one(LANG), size) < legend.hollow_left);
            let includes_end =
                legend.hollow_left + 14 + text_width(words::includes_one(LANG), size);
            assert!(includes_end < layout.width);
            if !compact {
                assert!(includes_end < legend.zero_cell_left);
                let note = text_width(&zero_cell_note(false), size);
                assert!(legend.zero_cell_left + note <= layout.width);
            }
        }
    }
}
