//! Rule packs: the dated, sourced figures in `data/packs/` (marketplace fees, customs and tax rules,
//! duty rates), loaded from `(file name, text)` pairs, validated, and resolved at an as-of date.
//!
//! Pure: the caller reads the files (or uses [`bundled`]); this module only parses. Every figure row
//! carries `effective_from` (+ `effective_until`), `source` (an id of a `[sources.ID]` table with title
//! and URL in the same file) and `confidence`; a row without them is rejected with its file and line.
//! History is kept: several rows for the same thing with different dates coexist, and the as-of date
//! picks the one in force.

mod expiry;
mod fulfilment;
mod schema;
mod tariff;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

pub use expiry::{EXPIRY_WARNING_DAYS, ExpiringFigure, FigureGap, FigureRef, LeftToUser};
pub use fulfilment::*;
pub use schema::*;
pub(crate) use schema::{RowResolver, figure_row};
pub use tariff::*;

/// One problem in one pack file, with the line and field when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PackError {
    pub file: String,
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found while loading a set of packs (loading does not stop at the first one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PackErrors(pub Vec<PackError>);

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// How far a figure can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Read in the authority's or the platform's own text.
    Official,
    /// The authority's text read through a faithful copy.
    OfficialCopy,
    /// A third party states it.
    Secondary,
}

/// Where a pack file came from: shipped with Landfall, or the user's own folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum PackOrigin {
    Bundled,
    User,
}

/// A source: page title and URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// Everything a reader needs to judge a figure: where it comes from, when it applies, how sure we are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Provenance {
    pub source: Source,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    #[ts(type = "string | null")]
    pub effective_until: Option<NaiveDate>,
    /// `effective_until` ends the rule itself: no successor is expected.
    pub lapses: bool,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The note in French; required where the note is shown in the window (figures left to the user).
    pub note_fr: Option<String>,
    pub file: String,
    pub line: usize,
    pub origin: PackOrigin,
}

impl Provenance {
    /// The note in both languages: English where the row gives no French.
    pub fn note_text(&self) -> Option<Text> {
        self.note
            .as_deref()
            .map(|note| Text::with_french(note, self.note_fr.as_deref()))
    }
}

/// A figure row with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dated<T> {
    pub row: T,
    pub provenance: Provenance,
}

impl<T> Dated<T> {
    /// In force on `as_of`: `effective_from ≤ as_of < effective_until`.
    pub fn in_force(&self, as_of: NaiveDate) -> bool {
        self.provenance.effective_from <= as_of
            && self
                .provenance
                .effective_until
                .is_none_or(|until| as_of < until)
    }
}

/// The row in force on `as_of` among those `matching`: the latest `effective_from` wins, so a newer
/// row supersedes an older one without deleting it.
pub fn in_force<T>(
    rows: &[Dated<T>],
    as_of: NaiveDate,
    matching: impl Fn(&T) -> bool,
) -> Option<&Dated<T>> {
    rows.iter()
        .filter(|dated| matching(&dated.row) && dated.in_force(as_of))
        .max_by_key(|dated| {
            (
                dated.provenance.effective_from,
                dated.provenance.origin == PackOrigin::User,
            )
        })
}

/// All loaded packs, by id.
#[derive(Debug, Clone, Default)]
pub struct Packs {
    pub marketplaces: BTreeMap<String, MarketplacePack>,
    pub customs: BTreeMap<String, CustomsPack>,
    /// Ad valorem rates by HS prefix (Japan's simplified tariff, the user's own rulings).
    pub duties: Vec<Dated<DutyRateRow>>,
    /// Tariff lines, agreements and origin groups of the duties packs.
    pub tariffs: TariffTables,
    /// Figures of the duties packs left to the user.
    pub duties_user_entered: Vec<Dated<UserEnteredRow>>,
}

impl Packs {
    pub fn marketplace(&self, id: &str) -> Option<&MarketplacePack> {
        self.marketplaces.get(id)
    }

    /// The customs pack covering a destination (`JP`, `FR`, `UK`, …).
    pub fn customs_for(&self, destination: &str) -> Option<&CustomsPack> {
        self.customs.values().find(|pack| {
            pack.header
                .destinations
                .iter()
                .any(|code| code == destination)
        })
    }
}

/// The lists of bundled data files, generated by `build.rs` from the files in `data/`.
pub mod bundled_files {
    include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));
}

/// The packs shipped in `data/packs/`, compiled into the binary (no data directory needed).
pub const BUNDLED_FILES: &[(&str, &str)] = bundled_files::PACK_FILES;

/// Loads the bundled packs. They are checked by the test suite, so an error here is a build defect,
/// still reported rather than panicking.
pub fn bundled() -> Result<Packs, PackErrors> {
    load(BUNDLED_FILES.iter().copied(), std::iter::empty())
}

/// Loads `bundled` files, then merges `user` files over them: a user row with the same key and
/// `effective_from` as a bundled row replaces it; any other user row is added to the history.
pub fn load<'a>(
    bundled: impl IntoIterator<Item = (&'a str, &'a str)>,
    user: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Packs, PackErrors> {
    let mut packs = Packs::default();
    let mut errors = Vec::new();
    for (origin, files) in [
        (PackOrigin::Bundled, bundled.into_iter().collect::<Vec<_>>()),
        (PackOrigin::User, user.into_iter().collect::<Vec<_>>()),
    ] {
        for (name, text) in files {
            match parse_file(name, text, origin) {
                Ok(parsed) => merge(&mut packs, parsed, &mut errors),
                Err(mut file_errors) => errors.append(&mut file_errors),
            }
        }
    }
    if errors.is_empty() {
        errors.extend(packs.reference_errors());
    }
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(PackErrors(errors))
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes().get(..end).map_or(0, |before| {
        before.iter().filter(|byte| **byte == b'\n').count()
    }) + 1
}

/// Turns a TOML/serde error into a [`PackError`] with the line of its span and the field it names.
pub fn toml_error(file: &str, text: &str, error: &toml::de::Error) -> PackError {
    let message = error.message().trim().to_string();
    let start = error.span().map(|span| span.start);
    PackError {
        file: file.to_string(),
        line: start.map(|start| line_of(text, start)),
        field: field_named_in(&message).or_else(|| start.and_then(|start| key_at(text, start))),
        message,
    }
}

/// The key written on the line of `offset` (`customs_value = "abc"` → `customs_value`), for value
/// errors whose message does not name the field.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let line = text.get(line_start..)?.lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

/// serde names fields in backquotes: "missing field `source`", "unknown field `foo`, expected …".
fn field_named_in(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let length = message.get(start..)?.find('`')?;
    message.get(start..start + length).map(str::to_string)
}

enum ParsedFile {
    Marketplace(MarketplacePack),
    Customs(CustomsPack),
    Duties(schema::DutiesFile),
}

#[derive(Deserialize)]
struct KindOnly {
    pack: KindHeader,
}

#[derive(Deserialize)]
struct KindHeader {
    kind: PackKind,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum PackKind {
    Marketplace,
    Customs,
    Duties,
}

fn parse_file(name: &str, text: &str, origin: PackOrigin) -> Result<ParsedFile, Vec<PackError>> {
    let kind = toml::from_str::<KindOnly>(text)
        .map_err(|error| vec![toml_error(name, text, &error)])?
        .pack
        .kind;
    let context = FileContext { name, text, origin };
    match kind {
        PackKind::Marketplace => {
            let raw: RawMarketplacePack =
                toml::from_str(text).map_err(|error| vec![toml_error(name, text, &error)])?;
            raw.resolve(&context).map(ParsedFile::Marketplace)
        }
        PackKind::Customs => {
            let raw: RawCustomsPack =
                toml::from_str(text).map_err(|error| vec![toml_error(name, text, &error)])?;
            raw.resolve(&context).map(ParsedFile::Customs)
        }
        PackKind::Duties => {
            let raw: RawDutiesPack =
                toml::from_str(text).map_err(|error| vec![toml_error(name, text, &error)])?;
            raw.resolve(&context).map(ParsedFile::Duties)
        }
    }
}

fn merge(packs: &mut Packs, parsed: ParsedFile, errors: &mut Vec<PackError>) {
    match parsed {
        ParsedFile::Marketplace(pack) => match packs.marketplaces.get_mut(&pack.header.id) {
            Some(existing) => existing.merge_over(pack, errors),
            None => {
                packs.marketplaces.insert(pack.header.id.clone(), pack);
            }
        },
        ParsedFile::Customs(pack) => match packs.customs.get_mut(&pack.header.id) {
            Some(existing) => existing.merge_over(pack, errors),
            None => {
                packs.customs.insert(pack.header.id.clone(), pack);
            }
        },
        ParsedFile::Duties(file) => {
            merge_rows(&mut packs.duties, file.rates, DutyRateRow::key, errors);
            let tables = &mut packs.tariffs;
            merge_rows(
                &mut tables.rates,
                file.tariffs.rates,
                TariffRow::key,
                errors,
            );
            merge_rows(
                &mut tables.agreements,
                file.tariffs.agreements,
                |row| row.id.clone(),
                errors,
            );
            merge_rows(
                &mut tables.origin_groups,
                file.tariffs.origin_groups,
                |row| row.name.clone(),
                errors,
            );
            merge_rows(
                &mut packs.duties_user_entered,
                file.user_entered,
                UserEnteredRow::key,
                errors,
            );
        }
    }
}

/// Adds `incoming` rows to `rows`. A row with the same key and `effective_from` replaces the existing
/// one when it comes from the user's folder; two such rows from the same origin are ambiguous.
fn merge_rows<T, K: PartialEq>(
    rows: &mut Vec<Dated<T>>,
    incoming: Vec<Dated<T>>,
    key: impl Fn(&T) -> K,
    errors: &mut Vec<PackError>,
) {
    for new in incoming {
        let clash = rows.iter().position(|old| {
            key(&old.row) == key(&new.row)
                && old.provenance.effective_from == new.provenance.effective_from
        });
        match clash {
            Some(index) => {
                let Some(old) = rows.get_mut(index) else {
                    continue;
                };
                if old.provenance.origin == PackOrigin::Bundled
                    && new.provenance.origin == PackOrigin::User
                {
                    *old = new;
                } else {
                    errors.push(PackError {
                        file: new.provenance.file.clone(),
                        line: Some(new.provenance.line),
                        field: Some("effective_from".to_string()),
                        message: format!(
                            "two rows for the same item take effect on {} (the other is {}:{}); \
                             give one a different date or an effective_until",
                            new.provenance.effective_from, old.provenance.file, old.provenance.line
                        ),
                    });
                }
            }
            None => rows.push(new),
        }
    }
}

/// File-level context used while resolving raw rows into [`Dated`] rows.
pub(crate) struct FileContext<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub origin: PackOrigin,
}

/// One rule pack as Settings lists it: what it covers, how many figures it holds, and the dates they
/// take effect from, so a user sees how current the rules are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackVersion {
    /// `marketplace`, `customs` or `duties`.
    pub kind: String,
    pub id: String,
    pub name: Text,
    pub file: String,
    #[ts(type = "number")]
    pub figures: usize,
    #[ts(type = "string | null")]
    pub oldest: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub newest: Option<NaiveDate>,
    /// Some figures come from the user's own pack folder.
    pub user: bool,
}

impl PackVersion {
    fn of<'a>(
        kind: &str,
        id: &str,
        name: &Text,
        file: &str,
        provenances: impl Iterator<Item = &'a Provenance>,
    ) -> PackVersion {
        let mut version = PackVersion {
            kind: kind.to_owned(),
            id: id.to_owned(),
            name: name.clone(),
            file: file.to_owned(),
            figures: 0,
            oldest: None,
            newest: None,
            user: false,
        };
        for provenance in provenances {
            version.figures += 1;
            let from = provenance.effective_from;
            version.oldest = Some(version.oldest.map_or(from, |oldest| oldest.min(from)));
            version.newest = Some(version.newest.map_or(from, |newest| newest.max(from)));
            version.user |= provenance.origin == PackOrigin::User;
        }
        version
    }
}

impl Packs {
    /// Number of figure rows loaded (every one sourced and dated).
    pub fn figure_count(&self) -> usize {
        self.figures().len()
    }

    /// Every pack with its figure count and date range, marketplaces first, then customs, then the
    /// duty rates of every duties pack together.
    pub fn versions(&self) -> Vec<PackVersion> {
        let figures = self.figures();
        let mut versions: Vec<PackVersion> = Vec::new();
        for figure in &figures {
            if versions
                .iter()
                .any(|version| version.kind == figure.kind && version.id == figure.pack)
            {
                continue;
            }
            let file = match figure.kind {
                "marketplace" => self
                    .marketplaces
                    .get(figure.pack)
                    .map(|pack| pack.file.as_str()),
                "customs" => self.customs.get(figure.pack).map(|pack| pack.file.as_str()),
                _ => Some(figure.provenance.file.as_str()),
            };
            let rows = figures
                .iter()
                .filter(|other| other.kind == figure.kind && other.pack == figure.pack)
                .map(|other| other.provenance);
            versions.push(PackVersion::of(
                figure.kind,
                figure.pack,
                &figure.pack_name,
                file.unwrap_or_default(),
                rows,
            ));
        }
        versions
    }

    /// What one file cannot check alone: a tariff row's territory is a customs pack, its agreement
    /// exists, and every origin named is a country code or an origin group.
    fn reference_errors(&self) -> Vec<PackError> {
        let mut errors = Vec::new();
        let groups: BTreeSet<&str> = self
            .tariffs
            .origin_groups
            .iter()
            .map(|group| group.row.name.as_str())
            .collect();
        let mut check = |provenance: &Provenance, field: &str, ok: bool, message: String| {
            if !ok {
                errors.push(PackError {
                    file: provenance.file.clone(),
                    line: Some(provenance.line),
                    field: Some(field.to_owned()),
                    message,
                });
            }
        };
        let origin_ok =
            |origin: &String| tariff::is_country(origin) || groups.contains(origin.as_str());
        for row in &self.tariffs.rates {
            let territory = &row.row.territory;
            check(
                &row.provenance,
                "territory",
                self.customs.contains_key(territory),
                format!("no customs pack `{territory}`"),
            );
            if let Some(id) = &row.row.agreement {
                check(
                    &row.provenance,
                    "agreement",
                    self.tariffs.agreements.iter().any(|a| &a.row.id == id),
                    format!("no `[[agreements]]` row with id `{id}`"),
                );
            }
            if let Some(origin) = row.row.origins.iter().find(|origin| !origin_ok(origin)) {
                check(
                    &row.provenance,
                    "origins",
                    false,
                    format!("`{origin}` is neither a country code nor an origin group"),
                );
            }
        }
        for row in &self.tariffs.agreements {
            let territory = &row.row.territory;
            check(
                &row.provenance,
                "territory",
                self.customs.contains_key(territory),
                format!("no customs pack `{territory}`"),
            );
            if let Some(origin) = row.row.origins.iter().find(|origin| !origin_ok(origin)) {
                check(
                    &row.provenance,
                    "origins",
                    false,
                    format!("`{origin}` is neither a country code nor an origin group"),
                );
            }
        }
        errors
    }
}
