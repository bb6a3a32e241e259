//! The plan-file parser: no panic on any input, and a plan it accepts writes back to TOML that parses
//! to the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = landfall::plan::parse_plan("fuzz.toml", text) {
        let written = plan.to_toml().expect("an accepted plan writes back");
        let reread = landfall::plan::parse_plan("rewritten.toml", &written).expect("its own TOML parses");
        assert_eq!(reread, plan);
    }
});
