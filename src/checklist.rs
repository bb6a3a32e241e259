//! The market-entry checklist engine: a catalogue per marketplace (data), conditions over the seller
//! profile, dependency order, evidence validity against the as-of date, due dates and readiness.
//! Pure: no file, clock or network; the bundled catalogues are compiled in.

pub mod bundled;
pub mod catalogue;
pub mod engine;
pub mod expr;
pub mod health;

use crate::plan::{Problem, render_problems};

/// A user or data file that cannot be used: every problem names its field and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_problems(source_name, problems))]
pub struct InputError {
    pub source_name: String,
    pub problems: Vec<Problem>,
}
