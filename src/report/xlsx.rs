//! The Excel workbook: one sheet per table, amounts as real numbers with their currency's number
//! format (JPY without decimals), frozen header row, filters on every column.
//!
//! Excel stores numbers as IEEE doubles, so this is the one place an amount becomes an `f64`: the
//! exact decimal is written at full precision and displayed at the currency's minor unit; the exact
//! strings are in the JSON and CSV exports.

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::tables::{Cell, Table, tables};
use super::{Report, ReportError};
use crate::money::Currency;

/// Excel refuses these in sheet names and names longer than 31 characters.
const FORBIDDEN_IN_SHEET_NAMES: [char; 7] = [':', '\\', '/', '?', '*', '[', ']'];

/// The workbook as bytes.
pub fn workbook(report: &Report) -> Result<Vec<u8>, ReportError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    for table in tables(report) {
        let sheet = workbook.add_worksheet();
        write_table(sheet, &table, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A table's title made acceptable as a sheet name.
pub fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !FORBIDDEN_IN_SHEET_NAMES.contains(c))
        .collect();
    cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(31)
        .collect::<String>()
        // A cut between two words would leave a trailing space.
        .trim_end()
        .to_string()
}

struct Formats {
    header: Format,
    whole: Format,
    cents: Format,
    mills: Format,
    percent: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            whole: Format::new().set_num_format("#,##0"),
            cents: Format::new().set_num_format("#,##0.00"),
            mills: Format::new().set_num_format("#,##0.000"),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }

    /// JPY `#,##0`, EUR `#,##0.00`, KWD `#,##0.000`.
    fn money(&self, currency: Currency) -> &Format {
        match currency.exponent() {
            0 => &self.whole,
            1 | 2 => &self.cents,
            _ => &self.mills,
        }
    }
}

fn write_table(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(table.title))?;
    for (col, title) in (0u16..).zip(&table.columns) {
        sheet.write_string_with_format(0, col, *title, &formats.header)?;
        let width = if table.columns.len() <= 3 { 40 } else { 16 };
        sheet.set_column_width(col, width)?;
    }
    let mut last_row = 0u32;
    for (row, cells) in (1u32..).zip(&table.rows) {
        last_row = row;
        for (col, cell) in (0u16..).zip(cells) {
            write_cell(sheet, row, col, cell, formats)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) => {
            sheet.write_string(row, col, text)?;
        }
        Cell::Money(amount, currency) => {
            sheet.write_number_with_format(row, col, float(*amount)?, formats.money(*currency))?;
        }
        Cell::Percent(fraction) => {
            sheet.write_number_with_format(row, col, float(*fraction)?, &formats.percent)?;
        }
        Cell::Number(value) => {
            sheet.write_number(row, col, float(*value)?)?;
        }
        Cell::Date(date) => {
            let year = u16::try_from(date.year()).map_err(|_| {
                XlsxError::ParameterError(format!("year {} out of Excel's range", date.year()))
            })?;
            let day = ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &day, &formats.date)?;
        }
        Cell::Empty => {}
    }
    Ok(())
}

/// The nearest double to an exact decimal (see the module note); a value with no finite double is
/// refused by name rather than written as a NaN cell.
fn float(value: Decimal) -> Result<f64, XlsxError> {
    value
        .to_f64()
        .filter(|number| number.is_finite())
        .ok_or_else(|| XlsxError::ParameterError(format!("{value} has no Excel number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_lose_forbidden_characters_and_fit_excel() {
        assert_eq!(sheet_name("Annexe : sources"), "Annexe sources");
        assert_eq!(
            sheet_name("Online-selling obligations: who carries them"),
            "Online-selling obligations who"
        );
        assert_eq!(
            sheet_name("Valeurs saisies par l’utilisateur"),
            "Valeurs saisies par l’utilisate"
        );
    }
}
