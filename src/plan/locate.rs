//! Turning TOML byte offsets into line/column and dotted field paths, and back.
//!
//! serde reports *what* is wrong; these helpers say *where* (line, column) and *which field*
//! (`products[1].unit_cost.amount`), so a user can fix the file without guessing.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Problem;
use crate::text::{NBSP, Text};

/// Deserialises TOML; a failure becomes a [`Problem`] with line, column and the field it is in.
pub fn from_toml<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|err| {
        // The parser's own words (unknown field, invalid type, a refused code) exist in English only.
        let detail = err.message().trim_end().to_owned();
        let mut problem = Problem::at(
            String::new(),
            Text::by(|l| {
                l.pick(
                    detail.clone(),
                    format!("lecture impossible{NBSP}: {detail}"),
                )
            }),
        );
        if let Some(span) = err.span() {
            let at = position(text, span.start);
            problem.field = field_at(text, span.start).unwrap_or_default();
            problem.line = Some(at.line);
            problem.column = Some(at.column);
        }
        problem
    })
}

/// Fills in line and column of problems found after parsing, from their field paths.
pub fn place(text: &str, problems: &mut [Problem]) {
    for problem in problems {
        if let Some(span) = span_of(text, &problem.field) {
            let at = position(text, span.start);
            problem.line = Some(at.line);
            problem.column = Some(at.column);
        }
    }
}

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The 1-based line and column of a byte offset (clamped to the text).
pub fn position(text: &str, offset: usize) -> Position {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Position { line, column }
}

/// The deepest field path (`seller.capital.amount`, `products[1].sku`) whose key or value covers `offset`.
///
/// A table header's span does not cover the table's body, so every branch is searched.
pub fn field_at(text: &str, offset: usize) -> Option<String> {
    let root = DeTable::parse(text).ok()?;
    let mut best = None;
    search_table(root.get_ref(), offset, &mut Vec::new(), &mut best);
    best.map(|segments: Vec<String>| segments.join("."))
}

fn search_table(
    table: &DeTable<'_>,
    offset: usize,
    path: &mut Vec<String>,
    best: &mut Option<Vec<String>>,
) {
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        search_value(value, contains(key.span(), offset), offset, path, best);
        path.pop();
    }
}

fn search_value(
    value: &Spanned<DeValue<'_>>,
    key_matches: bool,
    offset: usize,
    path: &mut Vec<String>,
    best: &mut Option<Vec<String>>,
) {
    if key_matches || contains(value.span(), offset) {
        let deeper = best.as_ref().is_none_or(|b| path.len() >= b.len());
        if deeper {
            *best = Some(path.clone());
        }
    }
    match value.get_ref() {
        DeValue::Table(table) => search_table(table, offset, path, best),
        DeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if let Some(last) = path.last_mut() {
                    let base_len = last.len();
                    last.push_str(&format!("[{index}]"));
                    search_value(item, false, offset, path, best);
                    if let Some(last) = path.last_mut() {
                        last.truncate(base_len);
                    }
                }
            }
        }
        _ => {}
    }
}

fn contains(span: Range<usize>, offset: usize) -> bool {
    span.start <= offset && (offset < span.end || span.is_empty() && offset == span.start)
}

/// The span of the value at a field path such as `products[1].sku`, if the text has it.
pub fn span_of(text: &str, path: &str) -> Option<Range<usize>> {
    let root = DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut found: Option<&Spanned<DeValue<'_>>> = None;
    for segment in path.split('.') {
        let (key, indices) = split_indices(segment)?;
        let mut value = table.get(key)?;
        for index in indices {
            value = match value.get_ref() {
                DeValue::Array(items) => items.get(index)?,
                _ => return None,
            };
        }
        found = Some(value);
        if let DeValue::Table(inner) = value.get_ref() {
            table = inner;
        }
    }
    found.map(Spanned::span)
}

/// `products[1][0]` → (`products`, [1, 0]).
fn split_indices(segment: &str) -> Option<(&str, Vec<usize>)> {
    let key_end = segment.find('[').unwrap_or(segment.len());
    let key = segment.get(..key_end)?;
    let mut indices = Vec::new();
    let mut rest = segment.get(key_end..)?;
    while let Some(stripped) = rest.strip_prefix('[') {
        let close = stripped.find(']')?;
        indices.push(stripped.get(..close)?.parse().ok()?);
        rest = stripped.get(close + 1..)?;
    }
    rest.is_empty().then_some((key, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[a]\nx = 1\n[[b]]\ny = \"one\"\n[[b]]\ny = \"two\"\nz = { w = \"3\" }\n";

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position(TEXT, 0), Position { line: 1, column: 1 });
        assert_eq!(position(TEXT, 4), Position { line: 2, column: 1 });
        assert_eq!(position(TEXT, 8), Position { line: 2, column: 5 });
        assert_eq!(position(TEXT, 10_000).line, 8);
    }

    #[test]
    fn paths_and_spans_agree() {
        for path in ["a.x", "b[0].y", "b[1].y", "b[1].z.w"] {
            let span = span_of(TEXT, path).expect(path);
            assert_eq!(field_at(TEXT, span.start).as_deref(), Some(path));
        }
        assert_eq!(
            position(TEXT, span_of(TEXT, "b[1].y").unwrap().start).line,
            6
        );
        assert_eq!(span_of(TEXT, "b[2].y"), None);
        assert_eq!(span_of(TEXT, "nope"), None);
    }
}
