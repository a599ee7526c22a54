//! The download buttons under each chart and table: SVG and PNG of a chart, CSV of its table.
//!
//! The page already holds everything a file needs (the chart's SVG, its data table, the
//! scenario and the link to it from `window.glabella`), so `static/page.js` builds the files
//! from the page when a button is pressed: a standalone SVG on white with the title, the source,
//! the dataset version, the link and the words "Illustrative reconstruction"; a PNG drawn from it
//! at twice its size; CSV with `#` header lines. It builds the SVG with DOM methods and an XML
//! serialiser, so text is escaped by construction, and quotes and defuses CSV fields. Built in
//! Rust, the same files cost about 8 KB of gzipped WebAssembly; in JavaScript, a fifth of that.
//! The file names say what they hold: `glabella-forest-adjusted.svg`, `glabella-dose.csv`.
//!
//! The buttons are static markup; page.js knows the part from the section they are in.

use crate::lang::LANG;
use crate::markup::{escape, escape_text};
use glabella_core::i18n;
use yew::{AttrValue, Html};

/// The buttons under a chart (SVG, PNG, CSV) or under a table (CSV).
fn buttons(chart: bool) -> String {
    let button = |format: &str, label: &str| {
        format!(
            "<button type=\"button\" class=\"action\" data-download=\"{format}\">{}</button>",
            escape_text(label)
        )
    };
    let (label, images) = if chart {
        (
            i18n::downloads::chart(LANG),
            button("svg", i18n::downloads::svg(LANG)) + &button("png", i18n::downloads::png(LANG)),
        )
    } else {
        (i18n::downloads::table(LANG), String::new())
    };
    format!(
        "<div class=\"share-row downloads\" role=\"group\" aria-label=\"{}\">{images}{}</div>",
        escape(label),
        button("csv", i18n::downloads::csv(LANG))
    )
}

/// The download buttons of a chart (SVG, PNG, CSV) or of a table (CSV).
pub fn downloads(chart: bool) -> Html {
    Html::from_html_unchecked(AttrValue::from(buttons(chart)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_offer_images_and_data_tables_data() {
        let (chart, table) = (buttons(true), buttons(false));
        for format in ["svg", "png", "csv"] {
            assert!(chart.contains(&format!("data-download=\"{format}\"")));
        }
        assert_eq!(table.matches("<button").count(), 1);
        assert!(table.contains("data-download=\"csv\""));
    }
}
