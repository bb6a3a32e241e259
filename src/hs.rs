//! The Harmonized System nomenclature, 2022 edition, to six digits: the code of every chapter, heading
//! and subheading with its (English) description and section. It tells a real code from a mistyped one
//! and names the goods beside the code in the window and the report.
//!
//! Pure: the nomenclature is compiled into the binary (`data/hs/hs2022.zip`, public domain, source and
//! licence in `data/hs/README.md`) and unpacked and parsed on first use, once per process.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The bundled nomenclature: `harmonized-system.csv` and `sections.csv` in one zip archive.
const BUNDLED_ZIP: &[u8] = include_bytes!("../data/hs/hs2022.zip");

/// The edition bundled; HS 2028 replaces it on 2028-01-01.
pub const EDITION: &str = "HS 2022";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HsError {
    #[error("the bundled HS nomenclature is damaged: {0}")]
    Bundled(String),
}

/// A chapter (2 digits), heading (4) or subheading (6) of the nomenclature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HsEntry {
    /// Digits only: `85`, `8518`, `851822`.
    pub code: String,
    pub description: String,
    /// Roman numeral of the section (`XVI`).
    pub section: String,
}

impl HsEntry {
    /// The code as customs write it: `85`, `85.18`, `8518.22`.
    pub fn dotted(&self) -> String {
        dotted(&self.code)
    }
}

/// `851822` → `8518.22`, `8518` → `85.18`, a national line `8518220000` → `8518.22.0000`, anything
/// else as it is.
pub fn dotted(code: &str) -> String {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return code.to_owned();
    }
    match code.len() {
        4 => format!("{}.{}", &code[..2], &code[2..]),
        6 => format!("{}.{}", &code[..4], &code[4..]),
        7.. => format!("{}.{}.{}", &code[..4], &code[4..6], &code[6..]),
        _ => code.to_owned(),
    }
}

/// What the nomenclature says about a product's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HsCheck {
    /// A subheading of the nomenclature, or a national line (8–10 digits) whose first six digits are
    /// one: its description, heading and chapter.
    Known { found: Box<HsFound> },
    /// Digits of the right length that name no subheading of the edition.
    Unknown { code: String, edition: String },
    /// Not 6 to 10 digits.
    Malformed { code: String },
}

/// A subheading found for a code, with its heading, chapter and section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HsFound {
    /// The code as given (digits only): six digits, or a national line of 8 to 10.
    pub code: String,
    pub subheading: HsEntry,
    pub heading: Option<HsEntry>,
    pub chapter: Option<HsEntry>,
    /// Section numeral and name.
    pub section: Option<(String, String)>,
    /// The code has more than six digits: a national tariff line, accepted because its subheading
    /// exists (the national digits themselves are not checked).
    pub national: bool,
}

/// The whole nomenclature, by code.
#[derive(Debug, Clone, Default)]
pub struct Nomenclature {
    entries: BTreeMap<String, HsEntry>,
    sections: BTreeMap<String, String>,
    /// Lower-case descriptions, in `entries` order, for searching without allocating per query.
    lowered: Vec<(String, String)>,
}

/// The bundled nomenclature, parsed on first use.
pub fn nomenclature() -> Result<&'static Nomenclature, HsError> {
    static PARSED: OnceLock<Result<Nomenclature, HsError>> = OnceLock::new();
    PARSED
        .get_or_init(|| Nomenclature::from_zip(BUNDLED_ZIP))
        .as_ref()
        .map_err(Clone::clone)
}

/// Digits of a code as people type it: `8518.22`, `8518 22`, `8518-22-000` → `851822`, `851822000`.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !matches!(c, '.' | ' ' | '-' | '\u{a0}' | '\u{202f}'))
        .collect()
}

impl Nomenclature {
    fn from_zip(bytes: &[u8]) -> Result<Nomenclature, HsError> {
        let bad = |err: &dyn std::fmt::Display| HsError::Bundled(err.to_string());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
        let mut read = |name: &str| -> Result<String, HsError> {
            let mut text = String::new();
            archive
                .by_name(name)
                .map_err(|e| bad(&format!("{name}: {e}")))?
                .read_to_string(&mut text)
                .map_err(|e| bad(&format!("{name}: {e}")))?;
            Ok(text)
        };
        let codes = read("harmonized-system.csv")?;
        let sections = read("sections.csv")?;
        Nomenclature::parse(&codes, &sections)
    }

    /// Parses the data package's two CSV files (`section,hscode,description,parent,level` and
    /// `section,name`).
    pub fn parse(codes: &str, sections: &str) -> Result<Nomenclature, HsError> {
        let bad = |file: &str, line: u64, what: &dyn std::fmt::Display| {
            HsError::Bundled(format!("{file} line {line}: {what}"))
        };
        let mut nomenclature = Nomenclature::default();
        let mut reader =
            csv::Reader::from_reader(sections.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| HsError::Bundled(format!("sections.csv: {e}")))?;
            let line = record.position().map_or(0, csv::Position::line);
            let (Some(numeral), Some(name)) = (record.get(0), record.get(1)) else {
                return Err(bad("sections.csv", line, &"expected section,name"));
            };
            nomenclature
                .sections
                .insert(numeral.to_owned(), capitalised(name));
        }
        let mut reader = csv::Reader::from_reader(codes.as_bytes());
        for record in reader.records() {
            let record =
                record.map_err(|e| HsError::Bundled(format!("harmonized-system.csv: {e}")))?;
            let line = record.position().map_or(0, csv::Position::line);
            let (Some(section), Some(code), Some(description)) =
                (record.get(0), record.get(1), record.get(2))
            else {
                return Err(bad(
                    "harmonized-system.csv",
                    line,
                    &"expected section,hscode,description",
                ));
            };
            // UN Comtrade's reporting aggregates (TOTAL, chapter 99 "not specified according to
            // kind") are not part of the WCO nomenclature: a product cannot be classified there.
            if section == "TOTAL" {
                continue;
            }
            if !matches!(code.len(), 2 | 4 | 6) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(
                    "harmonized-system.csv",
                    line,
                    &format!("`{code}` is not a 2-, 4- or 6-digit code"),
                ));
            }
            nomenclature.entries.insert(
                code.to_owned(),
                HsEntry {
                    code: code.to_owned(),
                    description: description.to_owned(),
                    section: section.to_owned(),
                },
            );
        }
        if nomenclature.entries.is_empty() {
            return Err(HsError::Bundled("no codes".to_owned()));
        }
        nomenclature.lowered = nomenclature
            .entries
            .values()
            .map(|entry| (entry.code.clone(), entry.description.to_lowercase()))
            .collect();
        Ok(nomenclature)
    }

    /// A chapter, heading or subheading by its exact code (digits only).
    pub fn get(&self, code: &str) -> Option<&HsEntry> {
        self.entries.get(code)
    }

    /// Number of subheadings (six-digit codes).
    pub fn subheadings(&self) -> usize {
        self.entries.keys().filter(|code| code.len() == 6).count()
    }

    /// Checks a product's code: six digits must be a subheading; eight to ten digits are a national
    /// line, accepted when their first six digits are a subheading.
    pub fn check(&self, code: &str) -> HsCheck {
        let digits = normalise(code);
        if !(6..=10).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return HsCheck::Malformed {
                code: code.to_owned(),
            };
        }
        let Some(subheading) = digits.get(..6).and_then(|six| self.get(six)) else {
            return HsCheck::Unknown {
                code: digits,
                edition: EDITION.to_owned(),
            };
        };
        let heading = digits.get(..4).and_then(|four| self.get(four)).cloned();
        let chapter = digits.get(..2).and_then(|two| self.get(two)).cloned();
        let section = self
            .sections
            .get(&subheading.section)
            .map(|name| (subheading.section.clone(), name.clone()));
        HsCheck::Known {
            found: Box::new(HsFound {
                national: digits.len() > 6,
                code: digits,
                subheading: subheading.clone(),
                heading,
                chapter,
                section,
            }),
        }
    }

    /// Entries whose description contains every word of `query` (case-insensitive), subheadings
    /// first then headings and chapters, each in code order; a word of digits (`8518`, `8518.22`)
    /// matches codes starting with it instead. At most `limit` entries.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&HsEntry> {
        let mut codes: Vec<String> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for word in query.split_whitespace() {
            let digits = normalise(word);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                codes.push(digits);
            } else {
                words.push(word.to_lowercase());
            }
        }
        if codes.is_empty() && words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&HsEntry> = self
            .lowered
            .iter()
            .filter(|(code, description)| {
                codes.iter().all(|prefix| code.starts_with(prefix.as_str()))
                    && words.iter().all(|word| description.contains(word.as_str()))
            })
            .filter_map(|(code, _)| self.get(code))
            .collect();
        // Subheadings are what a product is classified under, so they come first.
        found.sort_by_key(|entry| (std::cmp::Reverse(entry.code.len()), entry.code.clone()));
        found.truncate(limit);
        found
    }
}

/// `live animals; animal products` → `Live animals; animal products` (one section name of the data
/// package starts in lower case).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_codes() {
        assert_eq!(dotted("851822"), "8518.22");
        assert_eq!(dotted("8518"), "85.18");
        assert_eq!(dotted("85"), "85");
        assert_eq!(dotted("8518220000"), "8518.22.0000");
        assert_eq!(dotted("85x822"), "85x822");
        assert_eq!(normalise("8518.22"), "851822");
        assert_eq!(normalise("8518 22 00"), "85182200");
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let codes =
            "section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,0x01,Bad,01,4\n";
        let err = Nomenclature::parse(codes, "section,name\nI,x\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the bundled HS nomenclature is damaged: harmonized-system.csv line 3: `0x01` is not a 2-, 4- or 6-digit code"
        );
        assert!(Nomenclature::parse("section,hscode,description,parent,level\n", "").is_err());
    }
}
