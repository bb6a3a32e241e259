//! The report model on arbitrary valid plans and rate sets: built in both languages with its
//! channel comparison, turned into its tables, CSV and JSON without a panic.
#![no_main]

use landfall::channels::{compare, own_stores};
use landfall::checklist::engine::evaluate_plan;
use landfall::cost::{Detail, quote};
use landfall::report::{self, Lang, Paper, ReportOptions, tables};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(Some(plan)) = landfall_fuzz::plan(&mut u) else {
        return;
    };
    let Ok(rates) = landfall_fuzz::rates(&mut u, plan.plan.as_of) else {
        return;
    };
    let b = landfall_fuzz::bundled();
    let quoted = quote(&plan, &b.packs, &rates, Detail::Explained);
    let stores = own_stores(&plan, &b.channels);
    let checklists = evaluate_plan(&plan, &b.catalogues, &stores, plan.plan.as_of, None, &[]);
    let comparison = compare(&plan, &b.packs, &b.channels, &rates, None).ok();
    for lang in [Lang::Fr, Lang::En] {
        let options = ReportOptions {
            lang,
            paper: Paper::A4,
            consultant: None,
            client: None,
            generated_on: plan.plan.as_of,
            logo: None,
        };
        let mut model = report::build(&plan, &quoted, &checklists, &options);
        if let Some(comparison) = &comparison {
            model = model.with_channels(comparison);
        }
        for table in tables::tables(&model) {
            let _ = tables::to_csv(&table);
        }
        serde_json::to_string(&model).expect("the report model serialises");
    }
});
