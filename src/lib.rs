//! Landfall: the engine and its edges.
//!
//! The flow is one way: plan + packs (as of a date) + rates → engine → results with explanations.
//! Engine rooms (`money`, `hs`, `packs`, `plan`, `checklist`, `cost`, `channels`) are pure: no file, network,
//! clock or database. IO lives in `store`, `rates`, `report` and the binaries.

pub mod api;
pub mod channels;
pub mod checklist;
pub mod cost;
pub mod hs;
pub mod limits;
pub mod money;
pub mod packs;
pub mod plan;
pub mod rates;
pub mod report;
pub mod store;
pub mod text;
