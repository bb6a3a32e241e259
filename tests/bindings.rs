//! The UI's TypeScript types must be exactly what the Rust types generate.
//! Run with `UPDATE_BINDINGS=1` (or `make bindings`) after changing a type that crosses to the UI.

use std::path::Path;

#[test]
fn ui_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
    let generated = match landfall::api::bindings::typescript() {
        Ok(text) => text,
        Err(clashes) => panic!("TypeScript name clashes:\n{}", clashes.join("\n")),
    };
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write ui/src/bindings.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/bindings.ts is out of date with the Rust types: run `make bindings` and commit the result"
    );
}
