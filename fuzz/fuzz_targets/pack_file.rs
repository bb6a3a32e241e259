//! The rule-pack loader: any user pack file is loaded or refused with errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = landfall::packs::load(std::iter::empty(), [("user/fuzz.toml", text)]);
    }
});
