//! The portable plan file (`.landfall`): a zip holding
//!
//! - `landfall.json`: the manifest (format name, version, evidence list),
//! - `plan.toml`: the plan in the plan room's format,
//! - `checklist.json`: the checklist item states,
//! - `evidence/<sha256>`: each evidence file, named by its hash.
//!
//! Import trusts nothing: only these names are accepted (so no entry can name a path outside), every
//! entry is read with a hard size cap whatever its header claims, every hash is checked, the plan is
//! parsed strictly, and all of it happens before anything is written. A refused file changes nothing.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::evidence::write_item_state;
use super::plans::{clean_name, insert_plan};
use super::{ItemState, PlanId, Store, StoreError, now_rfc3339, safe_file_name, sha256_hex};
use crate::limits::{MAX_EVIDENCE_BYTES, MAX_PLAN_FILE_BYTES, excerpt};
use crate::plan::parse_plan;

/// The `format` value of the manifest.
pub const FORMAT_NAME: &str = "landfall-plan";
/// The manifest version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

const MANIFEST: &str = "landfall.json";
const PLAN: &str = "plan.toml";
const CHECKLIST: &str = "checklist.json";
const EVIDENCE_PREFIX: &str = "evidence/";

/// Caps applied while reading a `.landfall` file.
#[derive(Debug, Clone)]
pub struct ImportLimits {
    pub max_entries: usize,
    /// Largest single entry once decompressed.
    pub max_entry_bytes: u64,
    /// All entries together, decompressed.
    pub max_total_bytes: u64,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_entries: 10_000,
            max_entry_bytes: MAX_EVIDENCE_BYTES,
            max_total_bytes: 1024 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: String,
    version: u32,
    exported_at: String,
    evidence: Vec<ManifestEvidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestEvidence {
    sha256: String,
    original_name: String,
    item_id: Option<String>,
    added_at: String,
}

fn bad(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::BadArchive {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

impl Store {
    /// Writes the plan, its checklist states and its evidence to `out` (replaced atomically).
    pub fn export_plan(&self, id: PlanId, out: &Path) -> Result<(), StoreError> {
        let record = self.get_plan(id)?;
        let states = self.item_states(id)?;
        let evidence = self.list_evidence(id)?;
        let manifest = Manifest {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            exported_at: now_rfc3339(),
            evidence: evidence
                .iter()
                .map(|e| ManifestEvidence {
                    sha256: e.sha256.clone(),
                    original_name: e.original_name.clone(),
                    item_id: e.item_id.clone(),
                    added_at: e.added_at.clone(),
                })
                .collect(),
        };
        let io = |source| StoreError::Io {
            path: out.to_path_buf(),
            source,
        };
        let zip_error = |err: zip::result::ZipError| bad(out, err.to_string());
        let file_name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = out.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp).map_err(io)?;
        let mut zip = ZipWriter::new(file);
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut entries: Vec<(String, Vec<u8>)> = vec![
            (MANIFEST.to_owned(), to_json(out, &manifest)?),
            (PLAN.to_owned(), record.toml.into_bytes()),
            (CHECKLIST.to_owned(), to_json(out, &states)?),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for item in &evidence {
            if seen.insert(item.sha256.clone()) {
                entries.push((
                    format!("{EVIDENCE_PREFIX}{}", item.sha256),
                    self.read_evidence(item)?,
                ));
            }
        }
        for (name, bytes) in entries {
            zip.start_file(name, options).map_err(zip_error)?;
            zip.write_all(&bytes).map_err(io)?;
        }
        let file = zip.finish().map_err(zip_error)?;
        file.sync_all().map_err(io)?;
        drop(file);
        std::fs::rename(&temp, out).map_err(io)
    }

    /// Imports a `.landfall` file as a new plan, under `name` or else the name in the file. A taken
    /// name is refused ([`StoreError::ImportNameTaken`], with the first free `Name (n)`), as for a
    /// plan file: the person chooses the name, nothing is renamed behind their back.
    pub fn import_plan(&mut self, path: &Path, name: Option<&str>) -> Result<PlanId, StoreError> {
        self.import_plan_with_limits(path, name, &ImportLimits::default())
    }

    /// [`Store::import_plan`] with explicit caps.
    pub fn import_plan_with_limits(
        &mut self,
        path: &Path,
        name: Option<&str>,
        limits: &ImportLimits,
    ) -> Result<PlanId, StoreError> {
        let contents = read_archive(path, limits)?;
        let manifest: Manifest = parse_json(path, MANIFEST, contents.get(MANIFEST))?;
        if manifest.format != FORMAT_NAME {
            return Err(bad(
                path,
                format!(
                    "{MANIFEST}: format \"{}\" is not {FORMAT_NAME}",
                    excerpt(&manifest.format)
                ),
            ));
        }
        if manifest.version != FORMAT_VERSION {
            return Err(StoreError::ArchiveVersion {
                path: path.to_path_buf(),
                found: manifest.version,
                supported: FORMAT_VERSION,
            });
        }
        let plan_text = contents
            .get(PLAN)
            .ok_or_else(|| bad(path, format!("{PLAN} is missing")))?;
        let plan_text = std::str::from_utf8(plan_text)
            .map_err(|_| bad(path, format!("{PLAN} is not UTF-8 text")))?;
        let source_name = format!("{}:{PLAN}", path.display());
        let mut plan = parse_plan(&source_name, plan_text).map_err(StoreError::InvalidPlanToml)?;
        let states: Vec<ItemState> = parse_json(path, CHECKLIST, contents.get(CHECKLIST))?;
        let mut files: Vec<(&ManifestEvidence, String, &[u8])> = Vec::new();
        for item in &manifest.evidence {
            let entry = format!("{EVIDENCE_PREFIX}{}", item.sha256);
            let bytes = contents
                .get(&entry)
                .ok_or_else(|| bad(path, format!("{entry} is listed but missing")))?;
            if sha256_hex(bytes) != item.sha256 {
                return Err(bad(path, format!("{entry} does not match its SHA-256")));
            }
            // Only the last component of the name is kept, as when a file is added by hand.
            files.push((item, safe_file_name(&item.original_name)?, bytes));
        }

        // Everything checked: now write. Evidence files first (content-addressed, harmless if the
        // transaction then fails), rows in one transaction.
        for (item, _, bytes) in &files {
            self.write_evidence_file(&item.sha256, bytes)?;
        }
        let tx = self.conn.transaction()?;
        plan.plan.name = claim_name(&tx, name.unwrap_or(&plan.plan.name))?;
        let id = insert_plan(&tx, &plan)?;
        for state in &states {
            write_item_state(&tx, id, state)?;
        }
        for (item, original_name, bytes) in &files {
            tx.execute(
                "INSERT INTO evidence (plan_id, item_id, sha256, original_name, size_bytes, added_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    id.0,
                    item.item_id,
                    item.sha256,
                    original_name,
                    bytes.len() as i64,
                    item.added_at
                ],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }
}

/// The trimmed `name` if no plan has it; otherwise [`StoreError::ImportNameTaken`] with the first
/// free `name (n)` to offer instead.
pub(super) fn claim_name(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<String, StoreError> {
    let name = clean_name(name)?;
    let free = free_name(tx, name)?;
    if free == name {
        Ok(free)
    } else {
        Err(StoreError::ImportNameTaken {
            name: name.to_owned(),
            free,
        })
    }
}

/// `name`, or `name (2)`, `name (3)`… whichever is free.
fn free_name(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<String, StoreError> {
    let taken = |candidate: &str| -> Result<bool, StoreError> {
        Ok(tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM plans WHERE name = ?1)",
            [candidate],
            |row| row.get(0),
        )?)
    };
    if !taken(name)? {
        return Ok(name.to_owned());
    }
    let mut n = 2;
    loop {
        let candidate = format!("{name} ({n})");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
        n += 1;
    }
}

fn to_json<T: Serialize>(out: &Path, value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec_pretty(value).map_err(|err| bad(out, err.to_string()))
}

fn parse_json<T: serde::de::DeserializeOwned>(
    path: &Path,
    entry: &str,
    bytes: Option<&Vec<u8>>,
) -> Result<T, StoreError> {
    let bytes = bytes.ok_or_else(|| bad(path, format!("{entry} is missing")))?;
    serde_json::from_slice(bytes).map_err(|err| bad(path, format!("{entry}: {err}")))
}

/// Is this an entry name the format defines? Anything else (folders, `..`, absolute paths, other
/// files) is refused before it is read.
fn allowed_entry(name: &str) -> bool {
    match name.strip_prefix(EVIDENCE_PREFIX) {
        Some(hash) => {
            hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }
        None => matches!(name, MANIFEST | PLAN | CHECKLIST),
    }
}

/// Reads every entry into memory under the caps.
fn read_archive(
    path: &Path,
    limits: &ImportLimits,
) -> Result<BTreeMap<String, Vec<u8>>, StoreError> {
    let file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut archive = ZipArchive::new(file)
        .map_err(|err| bad(path, format!("not a readable zip file: {err}")))?;
    // The archive's index keeps one entry per name, so a second `plan.toml` would silently win:
    // refuse the file instead.
    if archive.has_duplicate_names() {
        return Err(bad(path, "two entries have the same name"));
    }
    if archive.len() > limits.max_entries {
        return Err(bad(
            path,
            format!("{} entries (at most {})", archive.len(), limits.max_entries),
        ));
    }
    let mut contents = BTreeMap::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index(index)
            .map_err(|err| bad(path, format!("entry {index}: {err}")))?;
        let name = entry
            .name()
            .map_err(|err| bad(path, format!("entry {index}: {err}")))?
            .into_owned();
        if !allowed_entry(&name) {
            return Err(bad(
                path,
                format!("unexpected entry \"{}\"", excerpt(&name)),
            ));
        }
        // Never trust the declared size: read at most one byte past the cap. The plan and its
        // lists are text of a plan file's size; only evidence files are larger.
        let entry_cap = if name.starts_with(EVIDENCE_PREFIX) {
            limits.max_entry_bytes
        } else {
            limits.max_entry_bytes.min(MAX_PLAN_FILE_BYTES)
        };
        let cap = entry_cap.min(limits.max_total_bytes.saturating_sub(total));
        let mut bytes = Vec::new();
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| bad(path, format!("entry \"{name}\": {err}")))?;
        if bytes.len() as u64 > cap {
            return Err(bad(
                path,
                format!("entry \"{name}\" is larger than allowed ({cap} bytes)"),
            ));
        }
        total += bytes.len() as u64;
        contents.insert(name, bytes);
    }
    Ok(contents)
}
