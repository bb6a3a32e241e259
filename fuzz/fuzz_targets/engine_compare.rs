//! The channel comparison on arbitrary valid plans and rate sets: every scenario, its sensitivity
//! and weighing are computed without a panic.
#![no_main]

use landfall::channels::compare;
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
    let scenarios: Vec<Option<&str>> = std::iter::once(None)
        .chain(plan.scenarios.iter().map(|scenario| Some(scenario.name.as_str())))
        .collect();
    for scenario in scenarios {
        let _ = compare(&plan, &b.packs, &b.channels, &rates, scenario);
    }
});
