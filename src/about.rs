//! "About the data" and "Cite" are static HTML in the message files (`[page]`), written into
//! the page by the build, so they read before the app has loaded. These tests keep the table of
//! counts true to the embedded dataset in both languages, and the citations complete.

use glabella_core::assessment::words::cohort_name;
use glabella_core::data::default_dataset;
use glabella_core::format::count_label;
use glabella_core::i18n::{page, Lang};

#[test]
fn the_about_table_matches_the_dataset() {
    for lang in Lang::ALL {
        about_table_matches(lang);
    }
}

fn about_table_matches(lang: Lang) {
    let html = page::about_data(lang);
    let dataset = default_dataset();
    for slug in dataset.indications() {
        let start = html
            .find(&format!("<tr data-cohort=\"{slug}\">"))
            .unwrap_or_else(|| panic!("no row for {slug}"));
        let row = &html[start..start + html[start..].find("</tr>").unwrap()];
        let t = dataset.table(slug);
        let cells: Vec<&str> = row.split("<td>").skip(1).collect();
        assert!(row.contains(&cohort_name(lang, slug)), "{row}");
        for (cell, value) in cells.iter().zip([t.n_bont(), t.n_control(), t.a, t.c]) {
            assert!(
                cell.starts_with(&format!("{}<", count_label(lang, value)))
                    || cell.starts_with(&format!("{} <", count_label(lang, value))),
                "{slug}: {cell} vs {value}"
            );
        }
    }
    let version = dataset.provenance.version.unwrap();
    assert!(html.contains(&format!(" {version}.")), "{lang:?}");
}

/// The text of a field of the Cite section, unescaped.
fn cite_field(lang: Lang, id: &str) -> String {
    let html = page::cite(lang);
    let start = html.find(&format!("<textarea id=\"{id}\"")).unwrap();
    let text = &html[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</textarea>").unwrap()];
    text.replace("&amp;", "&")
}

#[test]
fn the_study_is_cited_in_both_styles() {
    for lang in Lang::ALL {
        study_is_cited(lang);
    }
}

fn study_is_cited(lang: Lang) {
    assert_eq!(
        cite_field(lang, "paper-apa"),
        "Makunts, T., Wollmer, M. A., & Abagyan, R. (2020). Postmarketing safety surveillance data reveals antidepressant effects of botulinum toxin across various indications and injection sites. Scientific Reports, 10, 12851. https://doi.org/10.1038/s41598-020-69773-7"
    );
    let bibtex = cite_field(lang, "paper-bibtex");
    assert!(bibtex.starts_with("@article{makunts2020,\n  author = {Makunts, T."));
    assert!(bibtex.ends_with("  doi = {10.1038/s41598-020-69773-7}\n}"));
    assert_eq!(bibtex.matches('{').count(), bibtex.matches('}').count());
}

#[test]
fn every_cite_field_has_a_copy_button_and_the_explainer_fields_wait_for_page_js() {
    for lang in Lang::ALL {
        cite_fields_wait_for_page_js(lang);
    }
}

fn cite_fields_wait_for_page_js(lang: Lang) {
    let html = page::cite(lang);
    for id in ["cite-apa", "cite-bibtex", "paper-apa", "paper-bibtex"] {
        assert!(html.contains(&format!("data-copy=\"{id}\"")), "{id}");
        assert!(html.contains(&format!("id=\"{id}-status\"")), "{id}");
    }
    assert_eq!(cite_field(lang, "cite-apa"), "");
    assert_eq!(cite_field(lang, "cite-bibtex"), "");
    // static/page.js names this version in the explainer's citation.
    let app = env!("CARGO_PKG_VERSION");
    assert!(html.contains(&format!(
        "id=\"cite\" aria-labelledby=\"cite-title\" class=\"share\" data-app=\"{app}\""
    )));
    assert!(
        !cite_field(lang, "paper-bibtex").contains('<')
            && !cite_field(lang, "paper-apa").contains('<')
    );
}
