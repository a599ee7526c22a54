//! Compiles the message files, `i18n/<lang>.toml`, into Rust: one function per message, taking
//! the language and the message's values. A key or a value that one language has and the other
//! has not fails the build, so no page can show a missing string.

use std::collections::BTreeMap;
use std::fmt::Write;

/// The languages, in the order of `Lang`'s variants, with their count of plural forms.
const LANGS: [(&str, &str, usize); 2] = [("en", "En", 2), ("ru", "Ru", 3)];

#[derive(Debug, PartialEq)]
enum Part {
    Text(String),
    Value(String),
    /// A word that agrees with the count named first.
    Plural(String, Vec<String>),
}

/// `table.key` → the template, for one language.
type Messages = BTreeMap<String, BTreeMap<String, String>>;

fn read(lang: &str) -> Messages {
    let path = format!("../i18n/{lang}.toml");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let value: toml::Table = text.parse().unwrap_or_else(|err| panic!("{path}: {err}"));
    let mut messages = Messages::new();
    for (table, keys) in value {
        let toml::Value::Table(keys) = keys else {
            panic!("{path}: `{table}` must be a table of messages");
        };
        let into = messages.entry(table.clone()).or_default();
        for (key, text) in keys {
            let toml::Value::String(text) = text else {
                panic!("{path}: `{table}.{key}` must be a string");
            };
            into.insert(key, text);
        }
    }
    messages
}

fn parse(template: &str, forms: usize, at: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(ch) => inner.push(ch),
                        None => panic!("{at}: a `{{` is not closed"),
                    }
                }
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                let mut pieces = inner.split('|');
                let name = pieces.next().unwrap_or_default().trim().to_owned();
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch.is_ascii_digit())
                {
                    panic!("{at}: `{{{inner}}}` must name a value in lower_snake_case");
                }
                let words: Vec<String> = pieces.map(str::to_owned).collect();
                if words.is_empty() {
                    parts.push(Part::Value(name));
                } else if words.len() == forms {
                    parts.push(Part::Plural(name, words));
                } else {
                    panic!("{at}: `{{{inner}}}` needs {forms} plural forms");
                }
            }
            '}' => panic!("{at}: a `}}` is not opened (write `}}}}` for a brace)"),
            ch => text.push(ch),
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    parts
}

/// The values a template uses, in order of first use, each marked when it is a count.
fn values(parts: &[Part]) -> Vec<(String, bool)> {
    let mut res: Vec<(String, bool)> = Vec::new();
    for part in parts {
        let (name, count) = match part {
            Part::Text(_) => continue,
            Part::Value(name) => (name, false),
            Part::Plural(name, _) => (name, true),
        };
        match res.iter_mut().find(|(known, _)| known == name) {
            Some(known) => known.1 |= count,
            None => res.push((name.clone(), count)),
        }
    }
    res
}

fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "type"
            | "match"
            | "mod"
            | "fn"
            | "use"
            | "ref"
            | "in"
            | "as"
            | "loop"
            | "move"
            | "self"
            | "crate"
            | "super"
            | "where"
            | "impl"
            | "box"
            | "static"
            | "const"
    )
}

fn ident(name: &str) -> String {
    if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

pub fn generate(out: &str) {
    let by_lang: Vec<Messages> = LANGS.iter().map(|(code, ..)| read(code)).collect();
    let english = &by_lang[0];
    for ((code, ..), messages) in LANGS.iter().zip(&by_lang).skip(1) {
        for (table, keys) in english {
            for key in keys.keys() {
                if messages.get(table).and_then(|keys| keys.get(key)).is_none() {
                    panic!("i18n/{code}.toml has no `{table}.{key}`, which i18n/en.toml has");
                }
            }
        }
        for (table, keys) in messages {
            for key in keys.keys() {
                if english.get(table).and_then(|keys| keys.get(key)).is_none() {
                    panic!("i18n/{code}.toml has `{table}.{key}`, which i18n/en.toml has not");
                }
            }
        }
    }
    let mut code = String::new();
    for (table, keys) in english {
        let _ = writeln!(
            code,
            "pub mod {} {{\n    #![allow(clippy::all)]\n    use super::Lang;",
            ident(table)
        );
        for key in keys.keys() {
            let templates: Vec<&String> = by_lang
                .iter()
                .map(|messages| &messages[table][key])
                .collect();
            // `[page]` is HTML for the build to write into the page as it is: no values in it,
            // and its braces (BibTeX) are braces.
            let parsed: Vec<Vec<Part>> = LANGS
                .iter()
                .zip(&templates)
                .map(|((lang, _, forms), template)| {
                    if table == "page" {
                        vec![Part::Text(template.to_string())]
                    } else {
                        parse(
                            template,
                            *forms,
                            &format!("i18n/{lang}.toml, `{table}.{key}`"),
                        )
                    }
                })
                .collect();
            let mut names = values(&parsed[0]);
            for ((lang, ..), parts) in LANGS.iter().zip(&parsed).skip(1) {
                let mut theirs = values(parts);
                let mut ours = names.clone();
                theirs.sort();
                ours.sort();
                let plain = |list: &[(String, bool)]| {
                    list.iter()
                        .map(|(name, _)| name.clone())
                        .collect::<Vec<_>>()
                };
                if plain(&theirs) != plain(&ours) {
                    panic!(
                        "`{table}.{key}`: i18n/{lang}.toml uses the values {:?}, i18n/en.toml {:?}",
                        plain(&theirs),
                        plain(&ours)
                    );
                }
                for (name, count) in theirs {
                    if count {
                        if let Some(known) = names.iter_mut().find(|(known, _)| *known == name) {
                            known.1 = true;
                        }
                    }
                }
            }
            let doc = templates[0]
                .lines()
                .next()
                .unwrap_or_default()
                .replace("*/", "* /");
            let _ = writeln!(code, "    /// {doc}");
            if names.is_empty() {
                let _ = writeln!(
                    code,
                    "    pub fn {}(lang: Lang) -> &'static str {{\n        match lang.compiled() {{",
                    ident(key)
                );
                for ((_, variant, _), template) in LANGS.iter().zip(&parsed) {
                    let text: String = template
                        .iter()
                        .map(|part| match part {
                            Part::Text(text) => text.as_str(),
                            _ => unreachable!(),
                        })
                        .collect();
                    let _ = writeln!(code, "            Lang::{variant} => {text:?},");
                }
                let _ = writeln!(code, "        }}\n    }}");
                continue;
            }
            let params: Vec<String> = names
                .iter()
                .map(|(name, count)| {
                    format!("{}: {}", ident(name), if *count { "u64" } else { "&str" })
                })
                .collect();
            assert!(names.len() <= 10, "`{table}.{key}`: at most 10 values");
            // One call of `fill` with the template, compiled into markers, and the values: far
            // less wasm than writing each message out as code.
            let index = |name: &str| {
                names
                    .iter()
                    .position(|(known, _)| known == name)
                    .unwrap_or(0)
            };
            let _ = writeln!(
                code,
                "    pub fn {}(lang: Lang, {}) -> String {{\n        let lang = lang.compiled();\n        let template = match lang {{",
                ident(key),
                params.join(", ")
            );
            for ((_, variant, _), template) in LANGS.iter().zip(&parsed) {
                let mut compiled = String::new();
                for part in template {
                    match part {
                        Part::Text(text) => compiled.push_str(text),
                        Part::Value(name) => {
                            compiled.push('\u{1}');
                            compiled.push(char::from(b'0' + index(name) as u8));
                        }
                        Part::Plural(name, words) => {
                            compiled.push('\u{2}');
                            compiled.push(char::from(b'0' + index(name) as u8));
                            compiled.push_str(&words.join("|"));
                            compiled.push('\u{3}');
                        }
                    }
                }
                let _ = writeln!(code, "            Lang::{variant} => {compiled:?},");
            }
            let values: Vec<String> = names
                .iter()
                .map(|(name, count)| {
                    format!(
                        "super::Value::{}({})",
                        if *count { "Count" } else { "Text" },
                        ident(name)
                    )
                })
                .collect();
            let _ = writeln!(
                code,
                "        }};\n        super::fill(lang, template, &[{}])\n    }}",
                values.join(", ")
            );
        }
        // The raw templates, for what fills them in outside Rust (the page's JavaScript reads
        // `[script]` from the page); unused, they cost the wasm nothing.
        let _ = writeln!(code, "    /// Every message of this table as written: (key, [English, Russian]).\n    pub const TEMPLATES: &[(&str, [&str; 2])] = &[");
        for key in keys.keys() {
            let templates: Vec<&String> = by_lang
                .iter()
                .map(|messages| &messages[table][key])
                .collect();
            let _ = writeln!(
                code,
                "        ({key:?}, [{:?}, {:?}]),",
                templates[0], templates[1]
            );
        }
        let _ = writeln!(code, "    ];\n}}");
    }
    std::fs::write(format!("{out}/messages.rs"), code).expect("OUT_DIR is writable");
}
