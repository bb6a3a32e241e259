//! The user's plan: seller profile, targets, products; the portable TOML format.
