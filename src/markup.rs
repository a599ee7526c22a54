//! Static markup as HTML strings, for the parts of the page that have no event handlers: the
//! data tables, the 2×2 cards. One string per table costs far less wasm than building every cell
//! with `html!`, and the page shows it with `Html::from_html_unchecked`.
//!
//! Every piece of text goes through [`escape`] or [`escape_text`]; that is what makes the raw HTML
//! safe, also for names that come from a reader's own data.

use std::fmt::Write as _;

use yew::{AttrValue, Html};

pub use crate::charts::escape_xml as escape;

/// A table: column headings, then rows that start with a row heading.
pub struct Table<'a> {
    pub id: Option<&'a str>,
    pub head: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
}

impl Table<'_> {
    pub fn to_html(&self) -> String {
        let mut res = String::from("<table");
        if let Some(id) = self.id {
            let _ = write!(res, " id=\"{}\"", escape(id));
        }
        res.push_str("><thead><tr>");
        for heading in self.head {
            let _ = write!(res, "<th scope=\"col\">{}</th>", escape(heading));
        }
        res.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            res.push_str("<tr>");
            for (idx, cell) in row.iter().enumerate() {
                if idx == 0 {
                    let _ = write!(res, "<th scope=\"row\">{}</th>", escape(cell));
                } else {
                    let _ = write!(res, "<td>{}</td>", escape(cell));
                }
            }
            res.push_str("</tr>");
        }
        res.push_str("</tbody></table>");
        res
    }
}

/// Escapes text for an element's content: `&`, `<` and `>`. Quotes stay as they are, as in the
/// text Yew renders; attribute values go through [`escape`].
pub fn escape_text(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => res.push_str("&amp;"),
            '<' => res.push_str("&lt;"),
            '>' => res.push_str("&gt;"),
            ch => res.push(ch),
        }
    }
    res
}

/// A message whose values are markup (`<code>…</code>`): the message's own text is escaped, the
/// values are not. `message` gets one marker per value, a private-use character no message
/// holds, and each marker is then replaced by its value. Up to four values.
pub fn with_markup(message: impl FnOnce(&[&str]) -> String, values: &[&str]) -> String {
    const MARKERS: [&str; 4] = ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}"];
    let mut res = escape_text(&message(&MARKERS[..values.len()]));
    for (marker, value) in MARKERS.iter().zip(values) {
        res = res.replace(marker, value);
    }
    res
}

/// Shows escaped markup built by this module.
pub fn raw(html: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_everywhere() {
        let table = Table {
            id: Some("t\"1"),
            head: &["<a>", "b"],
            rows: vec![vec!["x & y".into(), "'q'".into()]],
        };
        assert_eq!(
            table.to_html(),
            "<table id=\"t&quot;1\"><thead><tr><th scope=\"col\">&lt;a&gt;</th><th scope=\"col\">b</th></tr></thead>\
             <tbody><tr><th scope=\"row\">x &amp; y</th><td>&#39;q&#39;</td></tr></tbody></table>"
        );
        assert_eq!(escape_text("a < b & 'c'"), "a &lt; b &amp; 'c'");
    }

    #[test]
    fn markup_values_are_kept_and_the_message_escaped() {
        let html = with_markup(
            |values| format!("x < {} & {}", values[0], values[1]),
            &["<code>a</code>", "<b>"],
        );
        assert_eq!(html, "x &lt; <code>a</code> &amp; <b>");
    }
}
