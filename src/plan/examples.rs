//! The example plans bundled from `data/examples/` (listed by build.rs) and their titles in both
//! languages (`data/examples/titles.toml`): the window's "New plan from an example" offers them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::packs::bundled_files::EXAMPLE_FILES;
use crate::text::Text;

const TITLES: &str = include_str!("../../data/examples/titles.toml");

/// An example plan as the window lists it: its file name without `.toml` and its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExampleInfo {
    pub id: String,
    pub title: Text,
}

/// One bundled example: what the window lists and the plan file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub info: ExampleInfo,
    pub path: &'static str,
    pub toml: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Titles {
    examples: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    title: Text,
}

/// The bundled examples in the order of `titles.toml`; an error names a title without its file or a
/// plan file without a title (a build defect, caught by the tests).
pub fn bundled_examples() -> Result<Vec<Example>, String> {
    let titles: Titles =
        toml::from_str(TITLES).map_err(|err| format!("data/examples/titles.toml: {err}"))?;
    let file_of = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    if let Some((path, _)) = EXAMPLE_FILES
        .iter()
        .find(|(path, _)| !titles.examples.iter().any(|e| e.file == file_of(path)))
    {
        return Err(format!("{path} has no title in data/examples/titles.toml"));
    }
    titles
        .examples
        .into_iter()
        .map(|entry| {
            let (path, toml) = EXAMPLE_FILES
                .iter()
                .find(|(path, _)| file_of(path) == entry.file)
                .ok_or_else(|| {
                    format!(
                        "data/examples/titles.toml: no plan file data/examples/{}",
                        entry.file
                    )
                })?;
            Ok(Example {
                info: ExampleInfo {
                    id: entry.file.trim_end_matches(".toml").to_owned(),
                    title: entry.title,
                },
                path,
                toml,
            })
        })
        .collect()
}
