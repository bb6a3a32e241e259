//! Catalogue import: any CSV or XLSX bytes are read, checked and previewed against the example plan, or
//! refused with errors, never a panic. A preview that succeeds gives a plan that passes its own rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use landfall::plan::import::{parse_catalogue, preview, read_csv, read_xlsx};

fuzz_target!(|data: &[u8]| {
    let plan = landfall::plan::parse_plan("example", landfall::store::EXAMPLE_PLAN_TOML)
        .expect("the example plan parses");
    for sheet in [read_csv(data), read_xlsx(data)].into_iter().flatten() {
        if let Ok(rows) = parse_catalogue(&sheet, None)
            && let Ok((_, merged)) = preview(&plan, &rows)
        {
            assert!(merged.validate().is_empty());
        }
    }
});
