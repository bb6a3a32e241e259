//! The data shipped inside the binary, so the CLI and the desktop work without a data directory.
//! The catalogues of `data/checklists/` are listed by `build.rs`; the performance targets are embedded here.

use super::InputError;
use super::catalogue::{CatalogueError, Catalogues};
use super::health::PerformanceTargets;

/// The bundled catalogues as (file name, text) pairs, one per marketplace and one for own stores:
/// every catalogue in `data/checklists/` (listed by `build.rs`).
pub const CATALOGUE_FILES: &[(&str, &str)] = crate::packs::bundled_files::CATALOGUE_FILES;

/// The bundled seller-performance targets (file name, text).
pub const PERFORMANCE_TARGETS_FILE: (&str, &str) = (
    "data/checklists/performance-targets.toml",
    include_str!("../../data/checklists/performance-targets.toml"),
);

pub fn catalogues() -> Result<Catalogues, CatalogueError> {
    Catalogues::load(CATALOGUE_FILES)
}

/// The bundled catalogues parsed once per process, for engines that consult them on every call
/// (the channel comparison's obligations).
pub fn shared_catalogues() -> Result<&'static Catalogues, CatalogueError> {
    static PARSED: std::sync::OnceLock<Result<Catalogues, CatalogueError>> =
        std::sync::OnceLock::new();
    PARSED
        .get_or_init(catalogues)
        .as_ref()
        .map_err(Clone::clone)
}

pub fn performance_targets() -> Result<PerformanceTargets, InputError> {
    let (name, text) = PERFORMANCE_TARGETS_FILE;
    PerformanceTargets::load(name, text)
}
