//! The data shipped inside the binary, so the CLI and the desktop work without a data directory.
//! The only place that embeds files from `data/checklists/`.

use super::InputError;
use super::catalogue::{CatalogueError, Catalogues};
use super::health::PerformanceTargets;

/// The bundled catalogues as (file name, text) pairs: one per Amazon marketplace, the own-store and
/// Rakuten Ichiba channel catalogues, and the shared ones (product law per destination, leaving the EU,
/// the Amazon account).
pub const CATALOGUE_FILES: [(&str, &str); 13] = [
    (
        "data/checklists/amazon-jp.toml",
        include_str!("../../data/checklists/amazon-jp.toml"),
    ),
    (
        "data/checklists/amazon-us.toml",
        include_str!("../../data/checklists/amazon-us.toml"),
    ),
    (
        "data/checklists/amazon-de.toml",
        include_str!("../../data/checklists/amazon-de.toml"),
    ),
    (
        "data/checklists/amazon-fr.toml",
        include_str!("../../data/checklists/amazon-fr.toml"),
    ),
    (
        "data/checklists/amazon-uk.toml",
        include_str!("../../data/checklists/amazon-uk.toml"),
    ),
    (
        "data/checklists/own-store.toml",
        include_str!("../../data/checklists/own-store.toml"),
    ),
    (
        "data/checklists/rakuten-ichiba.toml",
        include_str!("../../data/checklists/rakuten-ichiba.toml"),
    ),
    (
        "data/checklists/goods-jp.toml",
        include_str!("../../data/checklists/goods-jp.toml"),
    ),
    (
        "data/checklists/goods-us.toml",
        include_str!("../../data/checklists/goods-us.toml"),
    ),
    (
        "data/checklists/goods-eu.toml",
        include_str!("../../data/checklists/goods-eu.toml"),
    ),
    (
        "data/checklists/goods-uk.toml",
        include_str!("../../data/checklists/goods-uk.toml"),
    ),
    (
        "data/checklists/export-eu.toml",
        include_str!("../../data/checklists/export-eu.toml"),
    ),
    (
        "data/checklists/amazon-account.toml",
        include_str!("../../data/checklists/amazon-account.toml"),
    ),
];

/// The bundled seller-performance targets (file name, text).
pub const PERFORMANCE_TARGETS_FILE: (&str, &str) = (
    "data/checklists/performance-targets.toml",
    include_str!("../../data/checklists/performance-targets.toml"),
);

pub fn catalogues() -> Result<Catalogues, CatalogueError> {
    Catalogues::load(&CATALOGUE_FILES)
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
