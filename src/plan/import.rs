//! Catalogue import: products from a CSV or XLSX sheet, with English or French column names, every row
//! checked (row, column, reason), a preview of what would change in the plan, and the merged plan to
//! save only when the user accepts. Pure: it takes the file's bytes and returns values.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::categories::category_name;
use super::{
    Amount, CountryCode, CurrencyCode, Freight, Marketplace, MarketplaceCategory, Package, Plan,
    Price, Product, ProductFlag,
};
use crate::text::{Lang, NBSP, Text};

/// What the file says, between French quotation marks (with their no-break spaces).
fn quoted(text: &str) -> String {
    format!("«{NBSP}{text}{NBSP}»")
}

/// A sheet as read: the header and the data rows, each with its row number as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// One thing wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowError {
    /// Row number as a spreadsheet shows it (the header is row 1).
    #[ts(type = "number")]
    pub row: usize,
    /// The column as written in the file's header; empty for a whole-row or whole-file problem.
    pub column: String,
    /// Why, in both languages; the CLI and error strings print the English.
    pub message: Text,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.message.en)
        } else {
            write!(
                f,
                "row {}, column \"{}\": {}",
                self.row, self.column, self.message.en
            )
        }
    }
}

/// The file could not be read as a sheet at all, or some rows are wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the sheet: {0}")]
    Unreadable(String),
    #[error("{} problem(s):\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rows(Vec<RowError>),
}

/// The product fields a sheet can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Field {
    Sku,
    Name,
    HsCode,
    Category,
    UnitCost,
    Currency,
    Length,
    Width,
    Height,
    Weight,
    Origin,
    Flags,
    /// The shelf price on one marketplace, in its selling currency.
    Price(Marketplace),
    /// Freight per unit to one marketplace.
    Freight(Marketplace),
    /// Insurance per unit to one marketplace.
    Insurance(Marketplace),
    /// The category on one marketplace, where it differs from the product's.
    MarketCategory(Marketplace),
}

/// A per-marketplace field for its marketplace.
type MarketplaceField = fn(Marketplace) -> Field;

/// Header words of the per-marketplace columns, followed by the marketplace (`price_amazon-jp`,
/// `prix_jp`, `fret amazon-us`).
const MARKETPLACE_COLUMNS: [(MarketplaceField, &[&str]); 4] = [
    (
        Field::Price,
        &["price", "prix", "selling_price", "prix_de_vente"],
    ),
    (Field::Freight, &["freight", "fret", "transport"]),
    (Field::Insurance, &["insurance", "assurance"]),
    (Field::MarketCategory, &["category", "categorie"]),
];

/// The marketplace a header ends with: its id (`amazon_jp` once normalised) or its country (`jp`).
fn marketplace_suffix(key: &str) -> Option<(&str, Marketplace)> {
    Marketplace::ALL.into_iter().find_map(|marketplace| {
        let id = marketplace.id().replace('-', "_");
        let country = id.rsplit('_').next().unwrap_or_default().to_owned();
        [id, country].into_iter().find_map(|suffix| {
            key.strip_suffix(&suffix)
                .and_then(|head| head.strip_suffix('_'))
                .map(|head| (head, marketplace))
        })
    })
}

impl Field {
    /// Accepted header names, normalised (lowercase, no accents, `_` for spaces and punctuation).
    const NAMES: [(Field, &'static [&'static str]); 12] = [
        (Field::Sku, &["sku", "reference", "ref", "code_article"]),
        (
            Field::Name,
            &["name", "product_name", "nom", "designation", "libelle"],
        ),
        (
            Field::HsCode,
            &[
                "hs_code",
                "hs",
                "tariff_code",
                "code_sh",
                "code_hs",
                "nomenclature",
                "code_douanier",
            ],
        ),
        (Field::Category, &["category", "categorie"]),
        (
            Field::UnitCost,
            &[
                "unit_cost",
                "cost",
                "purchase_price",
                "cout_unitaire",
                "cout",
                "prix_achat",
                "prix_d_achat",
            ],
        ),
        (Field::Currency, &["currency", "devise"]),
        (
            Field::Length,
            &["length_cm", "length", "longueur_cm", "longueur"],
        ),
        (
            Field::Width,
            &["width_cm", "width", "largeur_cm", "largeur"],
        ),
        (
            Field::Height,
            &["height_cm", "height", "hauteur_cm", "hauteur"],
        ),
        (Field::Weight, &["weight_g", "weight", "poids_g", "poids"]),
        (
            Field::Origin,
            &[
                "origin",
                "country_of_origin",
                "origine",
                "pays_origine",
                "pays_d_origine",
            ],
        ),
        (Field::Flags, &["flags", "attributs", "drapeaux"]),
    ];

    fn from_header(header: &str) -> Option<Field> {
        let key = normalise_header(header);
        Field::NAMES
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(field, _)| *field)
            .or_else(|| {
                let (head, marketplace) = marketplace_suffix(&key)?;
                MARKETPLACE_COLUMNS
                    .iter()
                    .find(|(_, words)| words.contains(&head))
                    .map(|(field, _)| field(marketplace))
            })
    }

    fn id(self) -> &'static str {
        Field::NAMES
            .iter()
            .find(|(field, _)| *field == self)
            .map_or("", |(_, names)| names[0])
    }
}

fn normalise_header(header: &str) -> String {
    let mut key = String::new();
    for c in header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
    {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if c != '_' || !key.ends_with('_') {
            key.push(c);
        }
    }
    key.trim_matches('_').to_owned()
}

/// Reads a CSV file: `,` or `;` separated (whichever the header uses), quotes allowed, UTF-8 with or
/// without a byte-order mark.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, ImportError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|err| ImportError::Unreadable(format!("the file is not UTF-8 text ({err})")))?;
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers = match records.next() {
        Some(record) => record
            .map_err(|err| ImportError::Unreadable(err.to_string()))?
            .iter()
            .map(str::to_owned)
            .collect(),
        None => return Err(ImportError::Unreadable("the file is empty".into())),
    };
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|err| ImportError::Unreadable(err.to_string()))?;
        let row = record.position().map_or(0, |p| p.line() as usize);
        rows.push((row, record.iter().map(str::to_owned).collect()));
    }
    Ok(Sheet { headers, rows })
}

/// Reads the first worksheet of an XLSX workbook; its first non-empty row is the header.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, ImportError> {
    let unreadable = |err: &dyn std::fmt::Display| ImportError::Unreadable(err.to_string());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| ImportError::Unreadable("the workbook has no worksheet".into()))?
        .map_err(|e| unreadable(&e))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range.rows().enumerate().map(|(index, cells)| {
        (
            first_row + index + 1,
            cells.iter().map(cell_text).collect::<Vec<_>>(),
        )
    });
    let (_, headers) = rows
        .next()
        .ok_or_else(|| ImportError::Unreadable("the first worksheet is empty".into()))?;
    Ok(Sheet {
        headers,
        rows: rows.collect(),
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        // Shortest text that reads back as the same binary number: 18.5, not 18.499999….
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(value) => value.to_string(),
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// What one row sets on the product with its SKU.
#[derive(Debug, Clone, PartialEq, Default)]
struct RowValues {
    name: Option<String>,
    hs_code: Option<String>,
    category: Option<String>,
    unit_cost: Option<Amount>,
    length_cm: Option<Decimal>,
    width_cm: Option<Decimal>,
    height_cm: Option<Decimal>,
    weight_g: Option<Decimal>,
    origin: Option<CountryCode>,
    flags: Option<Vec<ProductFlag>>,
    prices: BTreeMap<Marketplace, Amount>,
    freight: BTreeMap<Marketplace, Amount>,
    insurance: BTreeMap<Marketplace, Amount>,
    categories: BTreeMap<Marketplace, String>,
}

/// One checked row.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueRow {
    pub row: usize,
    pub sku: String,
    values: RowValues,
}

/// A product the import would change, and which of its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangedProduct {
    pub sku: String,
    pub fields: Vec<String>,
}

/// What applying the import would do. Nothing is written until the caller saves `plan`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportPreview {
    #[ts(type = "number")]
    pub rows: usize,
    pub added: Vec<String>,
    pub changed: Vec<ChangedProduct>,
    #[ts(type = "number")]
    pub unchanged: usize,
}

/// What the plan and the packs tell an import: the categories of each marketplace (with the words
/// that name them) and the currency each marketplace sells in.
#[derive(Debug, Clone, Default)]
pub struct ImportContext {
    /// Category id → the marketplaces that have it and the words (normalised) that name it. Empty:
    /// any category is accepted as written.
    categories: BTreeMap<String, (BTreeSet<Marketplace>, BTreeSet<String>)>,
    /// The selling currency of each marketplace: a price without a currency is in it.
    currencies: BTreeMap<Marketplace, CurrencyCode>,
    /// Freight and insurance without a currency (and no currency column) are in it.
    home_currency: Option<CurrencyCode>,
}

impl ImportContext {
    /// A context that accepts any category until [`ImportContext::add_category`] is called.
    pub fn new(
        currencies: BTreeMap<Marketplace, CurrencyCode>,
        home_currency: Option<CurrencyCode>,
    ) -> ImportContext {
        ImportContext {
            categories: BTreeMap::new(),
            currencies,
            home_currency,
        }
    }

    /// Accepts category `id` on `marketplace`, named by its id, its names in `data/categories.toml`
    /// and the pack's own `label` (each part of a bilingual "Tout le reste / Everything else").
    pub fn add_category(&mut self, marketplace: Marketplace, id: &str, label: Option<&str>) {
        let (marketplaces, words) = self.categories.entry(id.to_owned()).or_default();
        marketplaces.insert(marketplace);
        words.insert(normalise_header(id));
        if let Some(name) = category_name(id) {
            words.insert(normalise_header(&name.en));
            words.insert(normalise_header(&name.fr));
        }
        if let Some(label) = label {
            words.insert(normalise_header(label));
            words.extend(label.split(" / ").map(normalise_header));
        }
    }

    /// The category id `text` names on `marketplace` (on any of the context's marketplaces when
    /// `None`), or why not with the names it could have used.
    fn category(&self, text: &str, marketplace: Option<Marketplace>) -> Result<String, Text> {
        if self.categories.is_empty() {
            return Ok(text.to_owned());
        }
        let on = |marketplaces: &BTreeSet<Marketplace>| {
            marketplace.is_none_or(|marketplace| marketplaces.contains(&marketplace))
        };
        let word = normalise_header(text);
        let mut found = self
            .categories
            .iter()
            .filter(|(_, (marketplaces, words))| on(marketplaces) && words.contains(&word));
        match (found.next(), found.next()) {
            (Some((id, _)), None) => Ok(id.clone()),
            _ => {
                let known = |lang: Lang| {
                    self.categories
                        .iter()
                        .filter(|(_, (marketplaces, _))| on(marketplaces))
                        .map(|(id, _)| category_name(id).map_or(id.as_str(), |name| name.get(lang)))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                Err(Text::new(
                    format!("unknown category \"{text}\"; known: {}", known(Lang::En)),
                    format!(
                        "catégorie {} inconnue (catégories connues{NBSP}: {})",
                        quoted(text),
                        known(Lang::Fr)
                    ),
                ))
            }
        }
    }
}

/// The rows of a sheet that can be imported, and the problems of the others.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedRows {
    pub rows: Vec<CatalogueRow>,
    /// Row, column and reason of every problem; a row with one is left out of `rows`.
    pub errors: Vec<RowError>,
}

/// Checks every row of `sheet`, all or nothing: the rows, or every problem. `known_categories`
/// (from the rule packs) refuses unknown categories.
pub fn parse_catalogue(
    sheet: &Sheet,
    known_categories: Option<&BTreeSet<String>>,
) -> Result<Vec<CatalogueRow>, ImportError> {
    let mut context = ImportContext::default();
    for id in known_categories.into_iter().flatten() {
        for marketplace in Marketplace::ALL {
            context.add_category(marketplace, id, None);
        }
    }
    check_rows(sheet, &context)?.all()
}

impl CheckedRows {
    /// Every row, or every problem: for an import that saves the whole file or nothing.
    pub fn all(self) -> Result<Vec<CatalogueRow>, ImportError> {
        if self.errors.is_empty() {
            Ok(self.rows)
        } else {
            Err(ImportError::Rows(self.errors))
        }
    }
}

/// Checks every row of `sheet`: a problem in the header stops the whole file (an error), a problem
/// in a data row leaves that row out, with its reasons.
pub fn check_rows(sheet: &Sheet, context: &ImportContext) -> Result<CheckedRows, ImportError> {
    let mut errors = Vec::new();
    let mut columns: Vec<Option<Field>> = Vec::new();
    let mut seen_fields: HashMap<Field, String> = HashMap::new();
    for header in &sheet.headers {
        if header.trim().is_empty() {
            columns.push(None);
            continue;
        }
        match Field::from_header(header) {
            Some(field) => {
                if let Some(first) = seen_fields.insert(field, header.clone()) {
                    errors.push(RowError {
                        row: 1,
                        column: header.clone(),
                        message: Text::new(
                            format!("same field as column \"{first}\""),
                            format!("même donnée que la colonne {}", quoted(&first)),
                        ),
                    });
                }
                columns.push(Some(field));
            }
            None => {
                errors.push(RowError {
                    row: 1,
                    column: header.clone(),
                    message: {
                        let known = Field::NAMES
                            .iter()
                            .map(|(f, _)| f.id())
                            .chain([
                                "price_<marketplace>",
                                "freight_<marketplace>",
                                "insurance_<marketplace>",
                                "category_<marketplace>",
                            ])
                            .collect::<Vec<_>>()
                            .join(", ");
                        Text::new(
                            format!("unknown column; known: {known}"),
                            format!("colonne inconnue (colonnes reconnues{NBSP}: {known})"),
                        )
                    },
                });
                columns.push(None);
            }
        }
    }
    if !seen_fields.contains_key(&Field::Sku) {
        errors.push(RowError {
            row: 1,
            column: String::new(),
            message: Text::new(
                "no SKU column (sku / référence)",
                "aucune colonne de référence produit (sku / référence)",
            ),
        });
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }

    let mut rows = Vec::new();
    let mut first_row_of_sku: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &sheet.rows {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut cell_of: BTreeMap<Field, (&str, &str)> = BTreeMap::new();
        let mut row_errors = Vec::new();
        for (index, cell) in cells.iter().enumerate() {
            let field = columns.get(index).copied().flatten();
            let header = sheet.headers.get(index).map_or("", String::as_str);
            match field {
                Some(field) if !cell.trim().is_empty() => {
                    cell_of.insert(field, (header, cell.trim()));
                }
                None if !cell.trim().is_empty() => row_errors.push(RowError {
                    row: *row,
                    column: header.to_owned(),
                    message: Text::new(
                        "a value in a column without a known header",
                        "une valeur dans une colonne dont l’en-tête n’est pas reconnu",
                    ),
                }),
                _ => {}
            }
        }
        let mut error = |column: &str, message: Text| {
            row_errors.push(RowError {
                row: *row,
                column: column.to_owned(),
                message,
            })
        };
        let Some((_, sku)) = cell_of.get(&Field::Sku).copied() else {
            error("", Text::new("no SKU", "pas de référence produit (SKU)"));
            errors.append(&mut row_errors);
            continue;
        };
        if let Some(first) = first_row_of_sku.insert(sku.to_owned(), *row) {
            error(
                seen_fields.get(&Field::Sku).map_or("", String::as_str),
                Text::new(
                    format!("duplicate SKU \"{sku}\" (already on row {first})"),
                    format!(
                        "la référence (SKU) {} est en double (déjà en ligne {first})",
                        quoted(sku)
                    ),
                ),
            );
        }
        let mut values = RowValues::default();
        for (&field, &(column, text)) in &cell_of {
            let result = parse_cell(field, text, &cell_of, context, &mut values);
            if let Err(message) = result {
                error(column, message);
            }
        }
        if row_errors.is_empty() {
            rows.push(CatalogueRow {
                row: *row,
                sku: sku.to_owned(),
                values,
            });
        }
        errors.append(&mut row_errors);
    }
    Ok(CheckedRows { rows, errors })
}

fn parse_cell(
    field: Field,
    text: &str,
    row: &BTreeMap<Field, (&str, &str)>,
    context: &ImportContext,
    values: &mut RowValues,
) -> Result<(), Text> {
    match field {
        Field::Sku | Field::Currency => {}
        Field::Name => values.name = Some(text.to_owned()),
        Field::HsCode => {
            let digits: String = text.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
            if !(6..=10).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Text::new(
                    format!("\"{text}\" is not an HS code (6 to 10 digits)"),
                    format!("{} n’est pas un code SH (6 à 10 chiffres)", quoted(text)),
                ));
            }
            values.hs_code = Some(digits);
        }
        Field::Category => values.category = Some(context.category(text, None)?),
        Field::MarketCategory(marketplace) => {
            let category = context.category(text, Some(marketplace))?;
            values.categories.insert(marketplace, category);
        }
        Field::Price(marketplace) => {
            let selling = context.currencies.get(&marketplace);
            let price = parse_amount(text, selling)?;
            if let Some(selling) = selling.filter(|selling| **selling != price.currency) {
                return Err(Text::new(
                    format!(
                        "prices on {marketplace} are in {selling}, not {}",
                        price.currency
                    ),
                    format!(
                        "les prix sur {marketplace} sont en {selling}, pas en {}",
                        price.currency
                    ),
                ));
            }
            values.prices.insert(marketplace, price);
        }
        Field::Freight(marketplace) | Field::Insurance(marketplace) => {
            let column_currency = row
                .get(&Field::Currency)
                .and_then(|(_, code)| CurrencyCode::checked(code.to_uppercase()).ok());
            let amount = parse_amount(
                text,
                column_currency.as_ref().or(context.home_currency.as_ref()),
            )?;
            let list = match field {
                Field::Freight(_) => &mut values.freight,
                _ => &mut values.insurance,
            };
            list.insert(marketplace, amount);
        }
        Field::UnitCost => {
            let (number, code) = split_unit(text);
            let amount = parse_number(number).ok_or_else(|| not_a_number(text))?;
            if amount.is_sign_negative() && !amount.is_zero() {
                return Err(Text::new(
                    format!("negative cost {text}"),
                    format!("coût négatif{NBSP}: {text}"),
                ));
            }
            let code = match (code, row.get(&Field::Currency)) {
                (Some(code), _) => code.to_uppercase(),
                (None, Some((_, currency))) => currency.to_uppercase(),
                (None, None) => {
                    return Err(Text::new(
                        "a cost needs a currency (column currency / devise, or e.g. \"18.50 EUR\")",
                        format!(
                            "un coût doit avoir une devise (colonne currency / devise, ou par exemple {})",
                            quoted("18,50 EUR")
                        ),
                    ));
                }
            };
            let currency = CurrencyCode::checked(code)?;
            values.unit_cost = Some(Amount { amount, currency });
        }
        Field::Length | Field::Width | Field::Height => {
            let value = parse_measure(
                text,
                "cm",
                &[
                    ("cm", Decimal::ONE),
                    ("mm", Decimal::new(1, 1)),
                    ("m", Decimal::ONE_HUNDRED),
                ],
            )?;
            match field {
                Field::Length => values.length_cm = Some(value),
                Field::Width => values.width_cm = Some(value),
                _ => values.height_cm = Some(value),
            }
        }
        Field::Weight => {
            values.weight_g = Some(parse_measure(
                text,
                "g",
                &[("g", Decimal::ONE), ("kg", Decimal::ONE_THOUSAND)],
            )?);
        }
        Field::Origin => {
            values.origin = Some(CountryCode::checked(text.to_uppercase())?);
        }
        Field::Flags => {
            let mut flags = Vec::new();
            for id in text.split([',', ';', '|', ' ']).filter(|id| !id.is_empty()) {
                let flag = ProductFlag::from_id(id).ok_or_else(|| {
                    Text::new(
                        format!("unknown flag \"{id}\""),
                        format!("attribut {} inconnu", quoted(id)),
                    )
                })?;
                flags.push(flag);
            }
            values.flags = Some(flags);
        }
    }
    Ok(())
}

/// A non-negative amount, `"3980"` in `default` or `"1.80 EUR"`.
fn parse_amount(text: &str, default: Option<&CurrencyCode>) -> Result<Amount, Text> {
    let (number, code) = split_unit(text);
    let amount = parse_number(number).ok_or_else(|| not_a_number(text))?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(super::negative_amount(amount));
    }
    let currency = match (code, default) {
        (Some(code), _) => CurrencyCode::checked(code.to_uppercase())?,
        (None, Some(default)) => default.clone(),
        (None, None) => {
            return Err(Text::new(
                format!("\"{text}\" needs a currency, e.g. \"{text} EUR\""),
                format!(
                    "{} doit avoir une devise, par exemple {}",
                    quoted(text),
                    quoted(&format!("{text} EUR"))
                ),
            ));
        }
    };
    Ok(Amount { amount, currency })
}

/// `"650 g"` → (`"650"`, `Some("g")`); `"650"` → (`"650"`, `None`).
fn split_unit(text: &str) -> (&str, Option<&str>) {
    let split = text
        .char_indices()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(text.len(), |(index, _)| index);
    let (number, unit) = text.split_at(split);
    let unit = unit.trim();
    (number.trim(), (!unit.is_empty()).then_some(unit))
}

fn not_a_number(text: &str) -> Text {
    Text::new(
        format!("\"{text}\" is not a number"),
        format!("{} n’est pas un nombre", quoted(text)),
    )
}

/// A decimal written with `.` or `,` as the decimal mark, spaces allowed between thousands.
fn parse_number(text: &str) -> Option<Decimal> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    let normalised = if compact.contains('.') {
        compact.clone()
    } else {
        compact.replace(',', ".")
    };
    Decimal::from_str(&normalised).ok()
}

/// A positive size in `default_unit`, or with one of `units` after it (converted).
fn parse_measure(
    text: &str,
    default_unit: &str,
    units: &[(&str, Decimal)],
) -> Result<Decimal, Text> {
    let (number, unit) = split_unit(text);
    let factor = match unit {
        None => Decimal::ONE,
        Some(unit) => units
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(unit))
            .map(|(_, factor)| *factor)
            .ok_or_else(|| {
                let names: Vec<&str> = units.iter().map(|(name, _)| *name).collect();
                Text::new(
                    format!("unknown unit \"{unit}\" (use {})", names.join(" or ")),
                    format!(
                        "unité {} inconnue (utilisez {})",
                        quoted(unit),
                        names.join(" ou ")
                    ),
                )
            })?,
    };
    let value = parse_number(number).ok_or_else(|| not_a_number(text))? * factor;
    if value <= Decimal::ZERO {
        return Err(Text::new(
            format!("must be greater than zero, found {text} (in {default_unit})"),
            format!(
                "doit être supérieur à zéro (valeur indiquée{NBSP}: {text}, en {default_unit})"
            ),
        ));
    }
    Ok(value.normalize())
}

/// Merges the rows into a copy of `plan` (new SKUs appended, existing ones updated field by field) and
/// says what would change, all or nothing: every row applies and the merged plan passes its own
/// rules, or every problem.
pub fn preview(plan: &Plan, rows: &[CatalogueRow]) -> Result<(ImportPreview, Plan), ImportError> {
    let (preview, merged, skipped) = preview_valid(plan, rows)?;
    if skipped.is_empty() {
        Ok((preview, merged))
    } else {
        Err(ImportError::Rows(skipped))
    }
}

/// Merges the rows that can be merged: a row that cannot be applied, or whose product would break
/// the plan's rules, is left out and its problems returned. A problem no row explains (the plan
/// itself) is an error.
pub fn preview_valid(
    plan: &Plan,
    rows: &[CatalogueRow],
) -> Result<(ImportPreview, Plan, Vec<RowError>), ImportError> {
    let mut skipped: Vec<RowError> = Vec::new();
    let mut left_out: BTreeSet<usize> = BTreeSet::new();
    // Each round leaves out at least one more row, so this ends.
    loop {
        let kept: Vec<&CatalogueRow> = rows
            .iter()
            .filter(|row| !left_out.contains(&row.row))
            .collect();
        let (preview, merged, errors) = merge(plan, &kept);
        if errors.is_empty() {
            skipped.sort_by_key(|error| error.row);
            return Ok((preview, merged, skipped));
        }
        if errors.iter().any(|error| error.row == 1) {
            return Err(ImportError::Rows(errors));
        }
        left_out.extend(errors.iter().map(|error| error.row));
        skipped.extend(errors);
    }
}

/// One merge of `rows` into a copy of `plan`, with the problems of each row (row 1: no row's).
fn merge(plan: &Plan, rows: &[&CatalogueRow]) -> (ImportPreview, Plan, Vec<RowError>) {
    let mut merged = plan.clone();
    let mut position: HashMap<String, usize> = merged
        .products
        .iter()
        .enumerate()
        .map(|(index, product)| (product.sku.clone(), index))
        .collect();
    let mut preview = ImportPreview {
        rows: rows.len(),
        added: Vec::new(),
        changed: Vec::new(),
        unchanged: 0,
    };
    let mut errors = Vec::new();
    // The sheet row that touched each product (SKUs are unique among checked rows), to place the
    // plan's own problems.
    let mut row_of_index: HashMap<usize, usize> = HashMap::new();
    for row in rows {
        let row_error = |message| RowError {
            row: row.row,
            column: String::new(),
            message,
        };
        match position.get(&row.sku) {
            Some(&index) => {
                row_of_index.insert(index, row.row);
                let Some(product) = merged.products.get_mut(index) else {
                    continue;
                };
                let before = product.clone();
                if let Err(message) = apply(product, &row.values) {
                    errors.push(row_error(message));
                }
                let fields = changed_fields(&before, product);
                if fields.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.changed.push(ChangedProduct {
                        sku: row.sku.clone(),
                        fields,
                    });
                }
            }
            None => {
                let Some(name) = row.values.name.clone() else {
                    errors.push(row_error(Text::new(
                        format!("new product \"{}\" needs a name", row.sku),
                        format!("le nouveau produit {} doit avoir un nom", quoted(&row.sku)),
                    )));
                    continue;
                };
                let mut product = Product {
                    sku: row.sku.clone(),
                    name,
                    ..Product::default()
                };
                if let Err(message) = apply(&mut product, &row.values) {
                    errors.push(row_error(message));
                }
                row_of_index.insert(merged.products.len(), row.row);
                position.insert(row.sku.clone(), merged.products.len());
                merged.products.push(product);
                preview.added.push(row.sku.clone());
            }
        }
    }
    if errors.is_empty() {
        errors.extend(merged.validate().into_iter().map(|problem| {
            let index = problem
                .field
                .strip_prefix("products[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse::<usize>().ok());
            let row = index.and_then(|i| row_of_index.get(&i).copied());
            RowError {
                row: row.unwrap_or(1),
                // The plan's field path means nothing in a sheet: the message says what is wrong.
                column: if row.is_some() {
                    String::new()
                } else {
                    problem.field
                },
                message: problem.message,
            }
        }));
    }
    (preview, merged, errors)
}

fn apply(product: &mut Product, values: &RowValues) -> Result<(), Text> {
    if let Some(name) = &values.name {
        product.name = name.clone();
    }
    if let Some(hs_code) = &values.hs_code {
        product.hs_code = Some(hs_code.clone());
    }
    if let Some(category) = &values.category {
        product.category = Some(category.clone());
    }
    if let Some(cost) = &values.unit_cost {
        product.unit_cost = Some(cost.clone());
    }
    if let Some(origin) = &values.origin {
        product.origin = Some(origin.clone());
    }
    if let Some(flags) = &values.flags {
        product.flags = flags.clone();
    }
    for (marketplace, price) in &values.prices {
        product.prices.retain(|old| old.marketplace != *marketplace);
        product.prices.push(Price {
            marketplace: *marketplace,
            price: price.clone(),
        });
    }
    for (marketplace, category) in &values.categories {
        product
            .categories
            .retain(|old| old.marketplace != *marketplace);
        product.categories.push(MarketplaceCategory {
            marketplace: *marketplace,
            category: category.clone(),
        });
    }
    let shipped: BTreeSet<&Marketplace> = values
        .freight
        .keys()
        .chain(values.insurance.keys())
        .collect();
    for marketplace in shipped {
        let insurance = values.insurance.get(marketplace).cloned();
        match (
            product
                .freight
                .iter_mut()
                .find(|old| old.marketplace == *marketplace),
            values.freight.get(marketplace),
        ) {
            (Some(old), freight) => {
                if let Some(freight) = freight {
                    old.freight = freight.clone();
                }
                if insurance.is_some() {
                    old.insurance = insurance;
                }
            }
            (None, Some(freight)) => product.freight.push(Freight {
                marketplace: *marketplace,
                freight: freight.clone(),
                insurance,
            }),
            (None, None) => {
                return Err(Text::new(
                    format!(
                        "product \"{}\" has no freight to {marketplace} yet: give the freight with the insurance",
                        product.sku
                    ),
                    format!(
                        "le produit {} n’a pas encore de fret vers {marketplace}{NBSP}: indiquez le fret avec l’assurance",
                        quoted(&product.sku)
                    ),
                ));
            }
        }
    }
    let sizes = [
        values.length_cm,
        values.width_cm,
        values.height_cm,
        values.weight_g,
    ];
    if sizes.iter().any(Option::is_some) {
        let package = match (&product.package, sizes) {
            (Some(old), [l, w, h, g]) => Package {
                length_cm: l.unwrap_or(old.length_cm),
                width_cm: w.unwrap_or(old.width_cm),
                height_cm: h.unwrap_or(old.height_cm),
                weight_g: g.unwrap_or(old.weight_g),
            },
            (None, [Some(l), Some(w), Some(h), Some(g)]) => Package {
                length_cm: l,
                width_cm: w,
                height_cm: h,
                weight_g: g,
            },
            (None, _) => {
                return Err(Text::new(
                    format!(
                        "product \"{}\" has no package yet: give length, width, height and weight together",
                        product.sku
                    ),
                    format!(
                        "le produit {} n’a pas encore d’emballage{NBSP}: indiquez ensemble longueur, largeur, \
                         hauteur et poids",
                        quoted(&product.sku)
                    ),
                ));
            }
        };
        product.package = Some(package);
    }
    Ok(())
}

fn changed_fields(before: &Product, after: &Product) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |name: &str, changed: bool| {
        if changed {
            fields.push(name.to_owned());
        }
    };
    check("name", before.name != after.name);
    check("hs_code", before.hs_code != after.hs_code);
    check("category", before.category != after.category);
    check("unit_cost", before.unit_cost != after.unit_cost);
    check("package", before.package != after.package);
    check("origin", before.origin != after.origin);
    check("flags", before.flags != after.flags);
    check("prices", before.prices != after.prices);
    check("categories", before.categories != after.categories);
    check("freight", before.freight != after.freight);
    fields
}
