//! The checklist engine on arbitrary valid plans: every target's checklist and every own store's
//! obligations are evaluated without a panic, and readiness stays a percentage.
#![no_main]

use landfall::channels::own_stores;
use landfall::checklist::engine::{evaluate_plan, evaluate_stores};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(Some(plan)) = landfall_fuzz::plan(&mut u) else {
        return;
    };
    let b = landfall_fuzz::bundled();
    let as_of = plan.plan.as_of;
    let stores = own_stores(&plan, &b.channels);
    let checklist = evaluate_plan(&plan, &b.catalogues, &stores, as_of, None, &[]);
    for target in &checklist.targets {
        let percent = target.checklist.readiness.percent;
        assert!(
            (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&percent),
            "{percent}"
        );
    }
    let _ = evaluate_stores(&plan, &stores, &b.catalogues, as_of, None, &[]);
});
