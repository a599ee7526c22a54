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

use yew::{AttrValue, Html};

/// The buttons under a chart.
pub const CHART: &str =
    "<div class=\"share-row downloads\" role=\"group\" aria-label=\"Download the chart\">\
<button type=\"button\" class=\"action\" data-download=\"svg\">SVG image</button>\
<button type=\"button\" class=\"action\" data-download=\"png\">PNG image</button>\
<button type=\"button\" class=\"action\" data-download=\"csv\">CSV data</button></div>";

/// The button under a table.
pub const TABLE: &str =
    "<div class=\"share-row downloads\" role=\"group\" aria-label=\"Download the table\">\
<button type=\"button\" class=\"action\" data-download=\"csv\">CSV data</button></div>";

/// The download buttons of a chart (SVG, PNG, CSV) or of a table (CSV).
pub fn downloads(chart: bool) -> Html {
    Html::from_html_unchecked(AttrValue::Static(if chart { CHART } else { TABLE }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_offer_images_and_data_tables_data() {
        for format in ["svg", "png", "csv"] {
            assert!(CHART.contains(&format!("data-download=\"{format}\"")));
        }
        assert_eq!(TABLE.matches("<button").count(), 1);
        assert!(TABLE.contains("data-download=\"csv\""));
    }
}
