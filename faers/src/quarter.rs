//! Quarters of the FAERS extracts, as named in their zips and tables.

use std::fmt;

use serde::{Serialize, Serializer};

/// A quarter of a year; later quarters compare greater.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: u16,
    quarter: u8,
}

impl Quarter {
    /// `None` unless `quarter` is 1 to 4.
    pub fn new(year: u16, quarter: u8) -> Option<Quarter> {
        (1..=4)
            .contains(&quarter)
            .then_some(Quarter { year, quarter })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn quarter(self) -> u8 {
        self.quarter
    }

    /// The quarter after this one.
    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }

    /// The quarter of a table file, from the `yyQq` after its four-letter stem, in any case:
    /// `DEMO19Q1.txt`, `demo12q4.txt`, `DEMO18Q1_new.txt` (years 2000 to 2099).
    pub fn from_table_name(name: &str) -> Option<Quarter> {
        let name = name.rsplit(['/', '\\']).next().unwrap_or(name).as_bytes();
        let tail = name.get(4..8)?;
        let digit = |byte: u8| byte.is_ascii_digit().then(|| byte - b'0');
        let year = digit(tail[0])? * 10 + digit(tail[1])?;
        if !tail[2].eq_ignore_ascii_case(&b'q') {
            return None;
        }
        Quarter::new(2000 + u16::from(year), digit(tail[3])?)
    }

    /// The quarter named by `YYYYqN` anywhere in a name, in any case: `faers_ascii_2019q1.zip`.
    pub fn from_name(name: &str) -> Option<Quarter> {
        let bytes = name.as_bytes();
        bytes.windows(6).find_map(|window| {
            let digits = window[..4].iter().all(u8::is_ascii_digit);
            if !digits || !window[4].eq_ignore_ascii_case(&b'q') || !window[5].is_ascii_digit() {
                return None;
            }
            let year = window[..4]
                .iter()
                .fold(0u16, |acc, &byte| acc * 10 + u16::from(byte - b'0'));
            Quarter::new(year, window[5] - b'0')
        })
    }

    /// Lower-case form for versions and file names: `2019q1`.
    pub fn slug(self) -> String {
        format!("{}q{}", self.year, self.quarter)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Quarters as one short text, runs of consecutive quarters joined: `2012q4..2014q2,2019q1`.
pub(crate) fn runs(quarters: &[Quarter]) -> String {
    let mut sorted = quarters.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut idx = 0;
    while idx < sorted.len() {
        let start = sorted[idx];
        let mut end = start;
        while idx + 1 < sorted.len() && sorted[idx + 1] == end.next() {
            idx += 1;
            end = sorted[idx];
        }
        parts.push(if start == end {
            start.slug()
        } else {
            format!("{}..{}", start.slug(), end.slug())
        });
        idx += 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(year: u16, quarter: u8) -> Quarter {
        Quarter::new(year, quarter).unwrap()
    }

    #[test]
    fn table_names_in_any_case_give_their_quarter() {
        for (name, want) in [
            ("DEMO19Q1.txt", Some(q(2019, 1))),
            ("demo12q4.txt", Some(q(2012, 4))),
            ("ascii/DEMO18Q1_new.txt", Some(q(2018, 1))),
            ("DRUG25Q4.TXT", Some(q(2025, 4))),
            ("DEMO19Q5.txt", None),
            ("DEMO.txt", None),
            ("DEM", None),
        ] {
            assert_eq!(Quarter::from_table_name(name), want, "{name}");
        }
        assert_eq!(
            Quarter::from_name("/data/faers_ascii_2019Q1.zip"),
            Some(q(2019, 1))
        );
        assert_eq!(Quarter::from_name("faers_ascii_2012q4"), Some(q(2012, 4)));
        assert_eq!(Quarter::from_name("quarter one"), None);
    }

    #[test]
    fn quarters_order_by_time_and_join_in_runs() {
        assert!(q(2012, 4) < q(2013, 1));
        assert_eq!(q(2012, 4).next(), q(2013, 1));
        assert_eq!(q(2019, 1).to_string(), "2019Q1");
        let list = [q(2013, 1), q(2012, 4), q(2013, 2), q(2019, 1), q(2020, 3)];
        assert_eq!(runs(&list), "2012q4..2013q2,2019q1,2020q3");
        assert_eq!(runs(&[q(2019, 1)]), "2019q1");
    }
}
