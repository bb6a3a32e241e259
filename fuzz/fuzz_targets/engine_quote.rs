//! The cost engine on arbitrary valid plans and rate sets: every product × target is quoted, with
//! and without workings, without a panic, and both give the same figures.
#![no_main]

use landfall::cost::{Detail, quote};
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
    let explained = quote(&plan, &b.packs, &rates, Detail::Explained);
    let figures = quote(&plan, &b.packs, &rates, Detail::Numbers);
    assert_eq!(explained.items.len(), plan.products.len() * plan.targets.len());
    for (with, without) in explained.items.iter().zip(&figures.items) {
        assert_eq!((with.margin, with.margin_rate), (without.margin, without.margin_rate));
    }
});
