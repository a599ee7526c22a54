//! "About the data" is static HTML in `index.html`, so it reads before the app has loaded.
//! This test keeps its table of counts true to the embedded dataset.

use glabella_core::data::default_dataset;

use crate::charts::count_label;
use crate::text::cohort_name;

#[test]
fn the_about_table_matches_the_dataset() {
    let html = include_str!("../index.html");
    let dataset = default_dataset();
    for slug in dataset.indications() {
        let start = html
            .find(&format!("<tr data-cohort=\"{slug}\">"))
            .unwrap_or_else(|| panic!("no row for {slug}"));
        let row = &html[start..start + html[start..].find("</tr>").unwrap()];
        let t = dataset.table(slug);
        let cells: Vec<&str> = row.split("<td>").skip(1).collect();
        assert!(row.contains(&cohort_name(slug)), "{row}");
        for (cell, value) in cells.iter().zip([t.n_bont(), t.n_control(), t.a, t.c]) {
            assert!(
                cell.starts_with(&format!("{}<", count_label(value)))
                    || cell.starts_with(&format!("{} <", count_label(value))),
                "{slug}: {cell} vs {value}"
            );
        }
    }
    let version = dataset.provenance.version.unwrap();
    assert!(html.contains(&format!("version {version}")));
}
