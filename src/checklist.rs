//! The market-entry checklist engine: a catalogue per marketplace (data), conditions over the seller
//! profile, dependency order, evidence validity against the as-of date, due dates and readiness.
//! Pure: no file, clock or network; the bundled catalogues are compiled in.

pub mod catalogue;
pub mod engine;
pub mod expr;
