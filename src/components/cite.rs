//! The "Cite" section: this explainer at the current view, and the study it recomputes, each as
//! plain text (APA) and BibTeX in a field with a Copy button (`static/page.js` copies
//! `[data-copy]` fields).
//!
//! The section is one static string. The study's citations are in it; the explainer's change
//! with the view, so `static/page.js` writes them into their fields from `window.glabella` (the
//! dataset version and the link to the view), the app version given here (`data-app`, from
//! Cargo) and the reader's date. A string costs the page far less WebAssembly than formatting.

use yew::{AttrValue, Html};

/// One field and its Copy button; `$text` is already escaped for HTML.
macro_rules! field {
    ($id:literal, $label:literal, $rows:literal, $text:literal) => {
        concat!(
            "<div class=\"share-row\"><label class=\"share-field\"><span>",
            $label,
            "</span><textarea id=\"",
            $id,
            "\" readonly rows=\"",
            $rows,
            "\">",
            $text,
            "</textarea></label><button type=\"button\" class=\"action\" data-copy=\"",
            $id,
            "\">Copy</button><span class=\"copy-status\" id=\"",
            $id,
            "-status\" role=\"status\" aria-live=\"polite\"></span></div>"
        )
    };
}

/// The section's markup.
pub const SECTION: &str = concat!(
    "<section id=\"cite\" aria-labelledby=\"cite-title\" class=\"share\" data-app=\"",
    env!("CARGO_PKG_VERSION"),
    "\"><h2 id=\"cite-title\">Cite</h2><h3>This explainer</h3>",
    field!("cite-apa", "APA", "4", ""),
    field!("cite-bibtex", "BibTeX", "7", ""),
    "<h3>The study</h3>",
    field!(
        "paper-apa",
        "APA",
        "4",
        "Makunts, T., Wollmer, M. A., &amp; Abagyan, R. (2020). Postmarketing safety surveillance data reveals antidepressant effects of botulinum toxin across various indications and injection sites. Scientific Reports, 10, 12851. https://doi.org/10.1038/s41598-020-69773-7"
    ),
    field!(
        "paper-bibtex",
        "BibTeX",
        "10",
        "@article{makunts2020,
  author = {Makunts, T. and Wollmer, M. A. and Abagyan, R.},
  title = {Postmarketing safety surveillance data reveals antidepressant effects of botulinum toxin across various indications and injection sites},
  journal = {Scientific Reports},
  volume = {10},
  pages = {12851},
  year = {2020},
  doi = {10.1038/s41598-020-69773-7}
}"
    ),
    "</section>"
);

/// The "Cite" section.
pub fn cite() -> Html {
    Html::from_html_unchecked(AttrValue::Static(SECTION))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a field, unescaped.
    fn field(id: &str) -> String {
        let start = SECTION.find(&format!("id=\"{id}\"")).unwrap();
        let text = &SECTION[start..];
        let text = &text[text.find('>').unwrap() + 1..text.find("</textarea>").unwrap()];
        text.replace("&amp;", "&")
    }

    #[test]
    fn the_study_is_cited_in_both_styles() {
        assert_eq!(
            field("paper-apa"),
            "Makunts, T., Wollmer, M. A., & Abagyan, R. (2020). Postmarketing safety surveillance data reveals antidepressant effects of botulinum toxin across various indications and injection sites. Scientific Reports, 10, 12851. https://doi.org/10.1038/s41598-020-69773-7"
        );
        let bibtex = field("paper-bibtex");
        assert!(bibtex.starts_with("@article{makunts2020,\n  author = {Makunts, T."));
        assert!(bibtex.ends_with("  doi = {10.1038/s41598-020-69773-7}\n}"));
        assert_eq!(bibtex.matches('{').count(), bibtex.matches('}').count());
    }

    #[test]
    fn every_field_has_a_copy_button_and_the_explainer_fields_wait_for_page_js() {
        for id in ["cite-apa", "cite-bibtex", "paper-apa", "paper-bibtex"] {
            assert!(SECTION.contains(&format!("data-copy=\"{id}\"")), "{id}");
            assert!(SECTION.contains(&format!("id=\"{id}-status\"")), "{id}");
        }
        assert_eq!(field("cite-apa"), "");
        assert_eq!(field("cite-bibtex"), "");
        let app = env!("CARGO_PKG_VERSION");
        assert!(SECTION.contains(&format!("data-app=\"{app}\"")));
        // Nothing in it that HTML would read as markup, but the markup itself.
        assert!(!field("paper-bibtex").contains('<') && !field("paper-apa").contains('<'));
    }
}
