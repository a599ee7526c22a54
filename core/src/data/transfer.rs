//! A parsed [`Dataset`] as plain text, for handing it to the web page: the embedded default at
//! build time, a reader's file from the compute worker once [`super::parse_csv`] has read it.
//!
//! The page never parses CSV: that keeps the CSV reader (about 10 KB of the wasm) off its first
//! load. This is not a file format for people; only [`encode`] writes it, from a dataset
//! [`super::parse_csv`] has checked. [`decode`] still refuses what would break the analysis (a
//! bad slug, code or count, extra values that do not match the columns, no stratum at all) and
//! says only that it failed; it does not look for duplicate strata.
//!
//! One record per line, fields separated by tabs; `\`, tab, line feed and carriage return inside
//! a field are escaped as `\\`, `\t`, `\n` and `\r`. The first field says what the line is:
//! `v` the version, `s` the source, `c` one comment, `x` the extra columns, `r` one stratum
//! (indication, arm, sex, age band, depression, reports, then the extra values).

use super::{AgeBand, Arm, Dataset, Sex, Stratum};

/// The dataset as text that [`decode`] reads back to an equal dataset.
pub fn encode(dataset: &Dataset) -> String {
    let mut out = String::new();
    let provenance = &dataset.provenance;
    let singles = [("v", &provenance.version), ("s", &provenance.source)];
    for (tag, value) in singles {
        if let Some(value) = value {
            line(&mut out, tag, [value.as_str()]);
        }
    }
    for comment in &provenance.comments {
        line(&mut out, "c", [comment.as_str()]);
    }
    line(
        &mut out,
        "x",
        dataset.extra_columns.iter().map(String::as_str),
    );
    let mut before: [String; 6] = Default::default();
    for stratum in &dataset.strata {
        let fixed = [
            stratum.indication.clone(),
            stratum.arm.code().to_owned(),
            stratum.sex.code().to_owned(),
            stratum.age_band.code().to_owned(),
            (if stratum.depression { "1" } else { "0" }).to_owned(),
            stratum.reports.to_string(),
        ];
        let shown =
            fixed
                .iter()
                .zip(&before)
                .map(|(field, before)| if field == before { "" } else { field.as_str() });
        line(
            &mut out,
            "r",
            shown.chain(stratum.extra.iter().map(String::as_str)),
        );
        before = fixed;
    }
    out
}

fn line<'a>(out: &mut String, tag: &str, fields: impl IntoIterator<Item = &'a str>) {
    out.push_str(tag);
    for field in fields {
        out.push('\t');
        for ch in field.chars() {
            match ch {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                ch => out.push(ch),
            }
        }
    }
    out.push('\n');
}

/// Reads text written by [`encode`]; `None` for anything else.
pub fn decode(text: &str) -> Option<Dataset> {
    let mut dataset = Dataset {
        provenance: Default::default(),
        extra_columns: Vec::new(),
        strata: Vec::new(),
    };
    // The fixed fields of the stratum before, for the empty ones that repeat them.
    let mut before: [String; 6] = Default::default();
    let mut columns_given = false;
    for record in text.lines() {
        let mut fields = record.split('\t').map(unescape);
        let tag = fields.next()??;
        let mut fields = fields.collect::<Option<Vec<String>>>()?.into_iter();
        let provenance = &mut dataset.provenance;
        match tag.as_str() {
            "v" => provenance.version = Some(single(fields)?),
            "s" => provenance.source = Some(single(fields)?),
            "c" => provenance.comments.push(single(fields)?),
            // Once, before any stratum.
            "x" if !columns_given && dataset.strata.is_empty() => {
                columns_given = true;
                dataset.extra_columns = fields.collect();
            }
            "r" => {
                for before in &mut before {
                    let field = fields.next()?;
                    if !field.is_empty() {
                        *before = field;
                    } else if before.is_empty() {
                        return None;
                    }
                }
                let [indication, arm, sex, age_band, depression, reports] = &before;
                if !super::parse::is_slug(indication) {
                    return None;
                }
                let stratum = Stratum {
                    indication: indication.clone(),
                    arm: Arm::from_code(arm)?,
                    sex: Sex::from_code(sex)?,
                    age_band: AgeBand::from_code(age_band)?,
                    depression: match depression.as_str() {
                        "1" => true,
                        "0" => false,
                        _ => return None,
                    },
                    reports: reports
                        .bytes()
                        .all(|byte| byte.is_ascii_digit())
                        .then(|| reports.parse().ok())
                        .flatten()
                        .filter(|&count| count <= super::parse::MAX_COUNT)?,
                    extra: fields.collect(),
                };
                if stratum.extra.len() != dataset.extra_columns.len() {
                    return None;
                }
                dataset.strata.push(stratum);
            }
            _ => return None,
        }
    }
    (!dataset.strata.is_empty()).then_some(dataset)
}

fn single(mut fields: impl Iterator<Item = String>) -> Option<String> {
    let value = fields.next()?;
    fields.next().is_none().then_some(value)
}

fn unescape(field: &str) -> Option<String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(ch) = chars.next() {
        out.push(match ch {
            '\\' => match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            },
            ch => ch,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{default_dataset, parse_csv};

    #[test]
    fn the_default_dataset_comes_back_equal() {
        let dataset = default_dataset();
        assert_eq!(decode(&encode(&dataset)), Some(dataset));
    }

    #[test]
    fn awkward_text_and_extra_columns_come_back_equal() {
        let file = "# a comment, with \\ and \"quotes\"\n# version: 2\n\
            indication,arm,sex,age_band,depression,reports,\"site\tnote\",region\n\
            my-cohort,bont,F,18-29,1,3,\"a\\tb\nc\",Ёж\n\
            my-cohort,control,U,U,0,0,\"\r\\\\\",\n";
        let mut dataset = parse_csv(file.as_bytes()).unwrap();
        assert_eq!(dataset.extra_columns.len(), 2);
        // A carriage return the CSV reader would trim.
        dataset.strata[1].extra[1] = "\r\t\\n".to_owned();
        let text = encode(&dataset);
        assert_eq!(text.lines().count(), 6, "{text}");
        assert_eq!(decode(&text), Some(dataset));
    }

    #[test]
    fn what_would_break_the_analysis_is_refused() {
        let good = encode(&default_dataset());
        // The first stratum: written in full, so it stands on its own.
        let first = good.lines().find(|line| line.starts_with("r\t")).unwrap();
        for bad in [
            "r\tcosmetic\tbont\tF\t18-29\t1".to_owned(),
            "r\t\tbont\tF\t18-29\t1\t5".to_owned(),
            "r\tcosmetic\tboth\tF\t18-29\t1\t5".to_owned(),
            "r\tcosmetic\tbont\tF\t18-29\t2\t5".to_owned(),
            "r\tcosmetic\tbont\tF\t18-29\t1\t-5".to_owned(),
            "x\tregion\n".to_owned() + first,
            "q\tsomething".to_owned(),
            "c\ttwo\tfields".to_owned(),
            "c\tbad escape \\q".to_owned(),
            "c\tends in \\".to_owned(),
            "\t".to_owned(),
            format!("{first}\nx\tregion"),
            format!("x\nx\n{first}"),
            "r\tNot A Slug\tbont\tF\t18-29\t1\t5".to_owned(),
            "r\tcosmetic\tbont\tF\t18-29\t1\t+5".to_owned(),
            "r\tcosmetic\tbont\tF\t18-29\t1\t1000000001".to_owned(),
            "r\tcosmetic\tbont\tF\t18-29\t1\t18446744073709551615".to_owned(),
            String::new(),
            "v\tonly a version".to_owned(),
        ] {
            assert_eq!(decode(&bad), None, "{bad:?}");
        }
        assert!(decode(&format!("x\n{first}")).is_some());
        assert!(decode(first).is_some());
    }
}
