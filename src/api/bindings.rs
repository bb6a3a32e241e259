//! TypeScript declarations for every type that crosses to the UI, generated from the Rust types so
//! they are never written twice. `tests/bindings.rs` checks `ui/src/bindings.ts` against this.

use std::collections::BTreeMap;

use ts_rs::{Config, TS, TypeVisitor};

use super::{
    ApiError, AppInfo, CatalogueCheck, ChannelOption, ChannelSetup, DataVersions,
    EvidenceAttachment, ExportProgress, ItemUpdate, ManualRate, MenuLabels, NewPlan,
    PlanComparison, PlanDetail, PlanQuote, Profile, ReportRequest,
};
use crate::checklist::engine::PlanChecklist;
use crate::checklist::health::{HealthReport, Metrics};
use crate::rates::{RatesReport, UpdateOutcome};
use crate::report::export::Exported;
use crate::store::{Evidence, PlanSummary};

/// Collects the declaration of a type and, recursively, of every type it mentions.
struct Collector {
    config: Config,
    declarations: BTreeMap<String, String>,
    /// Two Rust types that would share one TypeScript name (the second would silently vanish).
    clashes: Vec<String>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and std wrappers have no declaration of their own.
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(&self.config);
        let declaration = T::decl(&self.config);
        if let Some(existing) = self.declarations.get(&name) {
            if *existing != declaration {
                self.clashes.push(format!(
                    "`{name}` is declared by two Rust types ({}); rename one with #[ts(rename = \"…\")]",
                    std::any::type_name::<T>()
                ));
            }
            return;
        }
        self.declarations.insert(name, declaration);
        T::visit_dependencies(self);
    }
}

/// The whole `ui/src/bindings.ts` file, or the name clashes that would make it wrong.
pub fn typescript() -> Result<String, Vec<String>> {
    let mut collector = Collector {
        config: Config::new().with_large_int("number"),
        declarations: BTreeMap::new(),
        clashes: Vec::new(),
    };
    collector.visit::<ApiError>();
    collector.visit::<AppInfo>();
    collector.visit::<PlanSummary>();
    collector.visit::<PlanDetail>();
    collector.visit::<PlanQuote>();
    collector.visit::<PlanComparison>();
    collector.visit::<RatesReport>();
    collector.visit::<UpdateOutcome>();
    collector.visit::<ReportRequest>();
    collector.visit::<Exported>();
    collector.visit::<ExportProgress>();
    collector.visit::<PlanChecklist>();
    collector.visit::<ItemUpdate>();
    collector.visit::<Profile>();
    collector.visit::<NewPlan>();
    collector.visit::<ManualRate>();
    collector.visit::<CatalogueCheck>();
    collector.visit::<EvidenceAttachment>();
    collector.visit::<Evidence>();
    collector.visit::<DataVersions>();
    collector.visit::<MenuLabels>();
    collector.visit::<Metrics>();
    collector.visit::<HealthReport>();
    collector.visit::<ChannelOption>();
    collector.visit::<ChannelSetup>();
    if !collector.clashes.is_empty() {
        return Err(collector.clashes);
    }

    let mut out = String::from(
        "// Generated from the Rust types by `make bindings` (landfall::api::bindings). Do not edit.\n",
    );
    for declaration in collector.declarations.values() {
        out.push_str("\nexport ");
        out.push_str(declaration);
        out.push('\n');
    }
    Ok(out)
}
