//! The ECB rates feed parser: any bytes give days of positive rates or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(days) = landfall::rates::parse_ecb_xml(text)
    {
        assert!(days.iter().all(|day| day.rates.values().all(|rate| rate.is_sign_positive())));
    }
});
