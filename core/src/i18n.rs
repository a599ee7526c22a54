//! The languages of the page and the command, and every string a reader sees.
//!
//! The strings live in one message file per language, `i18n/en.toml` and `i18n/ru.toml`;
//! `core/build.rs` compiles them into one module per table and one function per message, which
//! takes the [`Lang`] and the message's values (`i18n::headline::basis(lang)`). A key or a value
//! that one file has and the other has not fails the build. The web page is built once per
//! language, and a WebAssembly build keeps only its own language's words ([`Lang::compiled`]).

/// A language the page and the command speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The BCP 47 code, as in `lang=ru` and `<html lang="ru">`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language a message is given in: natively, this one; in a WebAssembly build, the one
    /// the build speaks (Russian with the `ru` feature, else English), whatever is asked. A
    /// constant there, so each message keeps only that language's words: the page's wasm holds
    /// one language (scripts/size-report.mjs checks), and the page passes its own anyway.
    #[inline(always)]
    pub fn compiled(self) -> Lang {
        if cfg!(all(target_arch = "wasm32", feature = "ru")) {
            Lang::Ru
        } else if cfg!(target_arch = "wasm32") {
            Lang::En
        } else {
            self
        }
    }

    /// Which plural form of a word agrees with `count`, as an index into the forms the message
    /// files give: English one, other; Russian one, few, many (CLDR's cardinal rules for whole
    /// numbers: 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 25–30, 111–114 → many).
    pub fn plural_form(self, count: u64) -> usize {
        match self {
            Lang::En => usize::from(count != 1),
            Lang::Ru => match (count % 10, count % 100) {
                (1, rest) if rest != 11 => 0,
                (2..=4, rest) if !(12..=14).contains(&rest) => 1,
                _ => 2,
            },
        }
    }
}

/// A value of a message: a text, or a count (printed with the language's digit groups, and
/// chosen by the words that agree with it).
#[doc(hidden)]
pub enum Value<'a> {
    Text(&'a str),
    Count(u64),
}

/// A message with its values filled in. `core/build.rs` compiles each template into markers: U+0001
/// and a digit for a value; U+0002, a digit, the plural forms separated by `|`, and U+0003 for a
/// word that agrees with a count.
#[doc(hidden)]
#[inline(never)]
pub fn fill(lang: Lang, template: &str, values: &[Value]) -> String {
    let mut res = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(at) = rest.find(['\u{1}', '\u{2}']) {
        res.push_str(&rest[..at]);
        let (marker, digit) = (rest.as_bytes()[at], rest.as_bytes().get(at + 1).copied());
        let value = digit.and_then(|digit| values.get(usize::from(digit.wrapping_sub(b'0'))));
        rest = rest.get(at + 2..).unwrap_or_default();
        if marker == 1 {
            match value {
                Some(Value::Text(text)) => res.push_str(text),
                Some(Value::Count(count)) => {
                    res.push_str(&crate::format::count_label(lang, *count))
                }
                None => {}
            }
        } else {
            let end = rest.find('\u{3}').unwrap_or(rest.len());
            let count = match value {
                Some(Value::Count(count)) => *count,
                _ => 0,
            };
            let forms = rest.get(..end).unwrap_or_default();
            res.push_str(
                forms
                    .split('|')
                    .nth(lang.plural_form(count))
                    .unwrap_or_default(),
            );
            rest = rest.get(end + 1..).unwrap_or_default();
        }
    }
    res.push_str(rest);
    res
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_follow_cldr() {
        // CLDR 37 cardinal rules for ru, whole numbers (v = 0).
        let cases = [
            (0, 2),
            (1, 0),
            (2, 1),
            (4, 1),
            (5, 2),
            (11, 2),
            (12, 2),
            (14, 2),
            (21, 0),
            (22, 1),
            (25, 2),
            (101, 0),
            (111, 2),
            (112, 2),
            (122, 1),
            (20_684, 1),
        ];
        for (count, form) in cases {
            assert_eq!(Lang::Ru.plural_form(count), form, "{count}");
        }
        assert_eq!(Lang::En.plural_form(1), 0);
        assert_eq!(Lang::En.plural_form(0), 1);
        assert_eq!(Lang::En.plural_form(21), 1);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
