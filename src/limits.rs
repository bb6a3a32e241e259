//! The limits on what Landfall reads: file sizes, catalogue rows and columns, text lengths, and how
//! much of a refused value a message quotes. One place, so the messages, the documentation
//! (`docs/store.md`, Limits) and the tests agree. Each limit is far above real use and far below
//! what would exhaust memory or time.

use std::io::Read;
use std::path::{Path, PathBuf};

const MB: u64 = 1024 * 1024;

/// A plan file (TOML), also inside a `.landfall` file. The example plan is 4 KB; a
/// 100,000-product plan, the largest the benchmarks store, is 60 MB.
pub const MAX_PLAN_FILE_BYTES: u64 = 128 * MB;
/// A catalogue file (CSV or XLSX). A 100,000-row catalogue is about 15 MB as CSV.
pub const MAX_CATALOGUE_FILE_BYTES: u64 = 64 * MB;
/// One part of an XLSX file once decompressed (the sheet's XML, the shared strings): a
/// 100,000-row sheet is about 60 MB of XML.
pub const MAX_XLSX_PART_BYTES: u64 = 128 * MB;
/// Data rows of a catalogue (the header not counted): the size of the largest catalogue the
/// benchmarks quote.
pub const MAX_CATALOGUE_ROWS: usize = 100_000;
/// Columns of a catalogue: twelve fields are known, the rest room for blank or notes columns.
pub const MAX_CATALOGUE_COLUMNS: usize = 100;
/// Characters in one catalogue cell.
pub const MAX_CELL_CHARS: usize = 1_000;
/// One evidence file (a certificate, a test report), and one entry of a `.landfall` file.
pub const MAX_EVIDENCE_BYTES: u64 = 256 * MB;
/// The consultant's logo on the report cover.
pub const MAX_LOGO_BYTES: u64 = 5 * MB;
/// Other small inputs: declarations, sales files, metrics, customs-rate CSV, pack files.
pub const MAX_INPUT_FILE_BYTES: u64 = 8 * MB;
/// Names of plans and products, scenario names, channel ids, categories: a product title on
/// Amazon is at most 200 characters.
pub const MAX_NAME_CHARS: usize = 200;
/// A product SKU: Amazon's seller SKU is at most 40 characters.
pub const MAX_SKU_CHARS: usize = 40;
/// How much of a refused value an error message quotes.
pub const EXCERPT_CHARS: usize = 40;

/// A file that could not be read, or is larger than Landfall reads for its kind.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is larger than the {} Landfall reads for {what}", size_text(*limit))]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },
    #[error("{path} is not UTF-8 text")]
    NotText { path: PathBuf },
}

/// `32 MB`, `1,024 bytes`.
fn size_text(bytes: u64) -> String {
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads at most `limit` bytes of `path` (`what` names the kind of file in the message). The size
/// is checked before reading and the read itself stops one byte past the limit, so a device such as
/// `/dev/zero` or a file that grows while read is refused without filling memory.
pub fn read_capped(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let too_large = || ReadError::TooLarge {
        path: path.to_path_buf(),
        what,
        limit,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// [`read_capped`] for a text file.
pub fn read_text_capped(path: &Path, limit: u64, what: &'static str) -> Result<String, ReadError> {
    String::from_utf8(read_capped(path, limit, what)?).map_err(|_| ReadError::NotText {
        path: path.to_path_buf(),
    })
}

/// At most [`EXCERPT_CHARS`] characters of `text` for a message, with `…` and the full length
/// when cut, and control characters shown as `\u{…}`: a refused value is named, never echoed whole.
pub fn excerpt(text: &str) -> String {
    let total = text.chars().count();
    let mut out = String::new();
    for c in text.chars().take(EXCERPT_CHARS) {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if total > EXCERPT_CHARS {
        out.push_str(&format!("… ({total} characters)"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_short_and_says_how_long_the_value_was() {
        assert_eq!(excerpt("Speaker"), "Speaker");
        let long = "x".repeat(5_000_000);
        let cut = excerpt(&long);
        assert_eq!(cut, format!("{}… (5000000 characters)", "x".repeat(40)));
        assert_eq!(excerpt("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_without_end_is_refused_at_the_limit() {
        let err = read_capped(Path::new("/dev/zero"), 1024, "a logo").unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { limit: 1024, .. }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "/dev/zero is larger than the 1024 bytes Landfall reads for a logo"
        );
    }
}
