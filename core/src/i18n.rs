//! The languages of the page and the command, and every string a reader sees.
//!
//! The strings live in one message file per language, `i18n/en.toml` and `i18n/ru.toml`;
//! `core/build.rs` compiles them into one module per table and one function per message, which
//! takes the [`Lang`] and the message's values (`i18n::headline::basis(lang)`). A key or a value
//! that one file has and the other has not fails the build. The web page is built once per
//! language with that language as a constant, so the other language's strings are not in its wasm.

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
