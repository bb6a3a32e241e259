//! Names of the marketplaces' referral-fee categories in French and English (`data/categories.toml`),
//! so the window, the report and a catalogue speak of "Beauty, health and personal care" rather than
//! `beauty-health`. The fees themselves stay in the marketplace packs.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::text::Text;

const BUNDLED: &str = include_str!("../../data/categories.toml");

static NAMES: LazyLock<BTreeMap<String, Text>> =
    LazyLock::new(|| bundled_names().unwrap_or_default());

/// The bundled names by category id; an error says why the file cannot be read (a build defect,
/// caught by the tests: at run time the ids are shown instead).
pub fn bundled_names() -> Result<BTreeMap<String, Text>, String> {
    toml::from_str(BUNDLED).map_err(|err| format!("data/categories.toml: {err}"))
}

/// The name of a category in both languages, when the bundled file names it.
pub fn category_name(id: &str) -> Option<&'static Text> {
    NAMES.get(id)
}
