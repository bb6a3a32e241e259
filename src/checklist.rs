//! The market-entry checklist engine: catalogues per marketplace and channel, and shared ones for the
//! rules that follow the goods or the seller across channels (data); conditions over the seller
//! profile with three outcomes (a fact the plan does not give is a question, never a no), dependency
//! order, evidence validity against the as-of date, due dates and readiness.
//! Pure: no file, clock or network; the bundled catalogues are compiled in.

mod applies;
pub mod bundled;
pub mod catalogue;
mod codes;
pub mod engine;
pub mod explain;
pub mod expr;
pub mod facts;
pub mod health;
mod progress;
mod schedule;

use crate::plan::{Problem, render_problems};

/// A user or data file that cannot be used: every problem names its field and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_problems(source_name, problems))]
pub struct InputError {
    pub source_name: String,
    pub problems: Vec<Problem>,
}
