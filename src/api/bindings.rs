//! TypeScript declarations for every type that crosses to the UI, generated from the Rust types so
//! they are never written twice. `tests/bindings.rs` checks `ui/src/bindings.ts` against this.

use std::collections::BTreeMap;

use ts_rs::{Config, TS, TypeVisitor};

use super::{ApiError, AppInfo, PlanDetail};
use crate::cost::Quote;
use crate::store::PlanSummary;

/// Collects the declaration of a type and, recursively, of every type it mentions.
struct Collector {
    config: Config,
    declarations: BTreeMap<String, String>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and std wrappers have no declaration of their own.
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(&self.config);
        if self.declarations.contains_key(&name) {
            return;
        }
        self.declarations.insert(name, T::decl(&self.config));
        T::visit_dependencies(self);
    }
}

/// The whole `ui/src/bindings.ts` file.
pub fn typescript() -> String {
    let mut collector = Collector {
        config: Config::new().with_large_int("number"),
        declarations: BTreeMap::new(),
    };
    collector.visit::<ApiError>();
    collector.visit::<AppInfo>();
    collector.visit::<PlanSummary>();
    collector.visit::<PlanDetail>();
    collector.visit::<Quote>();

    let mut out = String::from(
        "// Generated from the Rust types by `make bindings` (landfall::api::bindings). Do not edit.\n",
    );
    for declaration in collector.declarations.values() {
        out.push_str("\nexport ");
        out.push_str(declaration);
        out.push('\n');
    }
    out
}
