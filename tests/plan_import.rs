//! Catalogue import from CSV and XLSX: header mapping (English and French), per-row errors with row and
//! column, preview of the changes, merged plan checked by the plan's own rules.

use std::collections::BTreeSet;
use std::io::Write;

use landfall::plan::import::{ImportError, parse_catalogue, preview, read_csv, read_xlsx};
use landfall::plan::parse_plan;
use landfall::store::EXAMPLE_PLAN_TOML;
use rust_decimal_macros::dec;

fn categories() -> BTreeSet<String> {
    ["electronics", "toys-hobby"]
        .into_iter()
        .map(String::from)
        .collect()
}

fn errors(result: Result<impl std::fmt::Debug, ImportError>) -> Vec<String> {
    match result {
        Err(ImportError::Rows(rows)) => rows.iter().map(ToString::to_string).collect(),
        other => panic!("expected row errors, got {other:?}"),
    }
}

#[test]
fn french_semicolon_csv_updates_and_adds_products() {
    let csv = "\u{feff}Référence;Désignation;Code SH;Catégorie;Coût unitaire;Devise;Longueur (cm);Largeur (cm);Hauteur (cm);Poids;Origine;Attributs\n\
               SPK-1;Bluetooth speaker;8518.22;electronics;19,00;EUR;20;12;10;0,65 kg;CN;radio_emitter|li_battery_contained\n\
               SPK-2;\"Mini speaker; blue\";851822;electronics;9,50;EUR;100 mm;8;8;300 g;FR;\n";
    let sheet = read_csv(csv.as_bytes()).unwrap();
    assert_eq!(sheet.rows[0].0, 2);
    let rows = parse_catalogue(&sheet, Some(&categories())).unwrap();
    let plan = parse_plan("example", EXAMPLE_PLAN_TOML).unwrap();
    let (summary, merged) = preview(&plan, &rows).unwrap();
    assert_eq!(summary.added, ["SPK-2"]);
    // Only the cost differs from the example's SPK-1 (18.50 EUR there); 0,65 kg is its 650 g.
    assert_eq!(summary.changed.len(), 1);
    assert_eq!(summary.changed[0].fields, ["unit_cost"]);
    assert_eq!(
        merged.products[0].unit_cost.as_ref().unwrap().amount,
        dec!(19.00)
    );
    let mini = &merged.products[1];
    assert_eq!(mini.name, "Mini speaker; blue");
    let package = mini.package.as_ref().unwrap();
    // 100 mm = 10 cm; 300 g stays 300 g.
    assert_eq!(
        (package.length_cm, package.width_cm, package.weight_g),
        (dec!(10), dec!(8), dec!(300))
    );
    assert_eq!(mini.origin.as_ref().unwrap().as_str(), "FR");
    assert!(mini.flags.is_empty());
    // The original plan is untouched: the caller decides whether to save `merged`.
    assert_eq!(plan.products.len(), 1);
}

#[test]
fn every_bad_cell_is_reported_with_row_and_column() {
    let csv = "sku,name,weight_g,category,unit_cost,hs_code\n\
               A-1,Teapot,12 lb,toys,-3 EUR,1234\n\
               A-1,Teapot again,-5,,abc EUR,\n\
               ,no sku here,,,,\n\
               B-1,Mug,,,4.20,\n";
    let found = errors(parse_catalogue(
        &read_csv(csv.as_bytes()).unwrap(),
        Some(&categories()),
    ));
    let expected = [
        "row 2, column \"weight_g\": unknown unit \"lb\" (use g or kg)",
        "row 2, column \"category\": unknown category \"toys\"; known: Electronics, cameras and computers; Toys and hobbies",
        "row 2, column \"unit_cost\": negative cost -3 EUR",
        "row 2, column \"hs_code\": \"1234\" is not an HS code (6 to 10 digits)",
        "row 3, column \"sku\": duplicate SKU \"A-1\" (already on row 2)",
        "row 3, column \"weight_g\": must be greater than zero, found -5 (in g)",
        "row 3, column \"unit_cost\": \"abc EUR\" is not a number",
        "row 4: no SKU",
        "row 5, column \"unit_cost\": a cost needs a currency (column currency / devise, or e.g. \"18.50 EUR\")",
    ];
    for line in expected {
        assert!(
            found.iter().any(|f| f == line),
            "missing {line:?} in {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn a_row_error_gives_its_reason_in_french_too() {
    let csv = "Référence;Coût unitaire\nA-1;abc EUR\n";
    let Err(ImportError::Rows(found)) = parse_catalogue(&read_csv(csv.as_bytes()).unwrap(), None)
    else {
        panic!("the cost is not a number");
    };
    assert_eq!(found.len(), 1, "{found:?}");
    // The column is named as the file wrote it, in either language.
    assert_eq!(
        (found[0].row, found[0].column.as_str()),
        (2, "Coût unitaire")
    );
    assert_eq!(found[0].message.en, "\"abc EUR\" is not a number");
    assert_eq!(
        found[0].message.fr,
        "«\u{a0}abc EUR\u{a0}» n’est pas un nombre"
    );
}

#[test]
fn unknown_or_missing_columns_are_refused() {
    let found = errors(parse_catalogue(
        &read_csv(b"name,colour\nTeapot,red\n").unwrap(),
        None,
    ));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("row 1, column \"colour\": unknown column"),
        "{found:?}"
    );
    assert_eq!(found[1], "row 1: no SKU column (sku / référence)");
}

#[test]
fn new_products_need_a_name_and_a_whole_package() {
    let plan = parse_plan("example", EXAMPLE_PLAN_TOML).unwrap();
    let csv = "sku,name,length_cm\nNEW-1,,12\nNEW-2,Lamp,30\n";
    let rows = parse_catalogue(&read_csv(csv.as_bytes()).unwrap(), None).unwrap();
    let found = errors(preview(&plan, &rows));
    assert_eq!(
        found,
        [
            "row 2: new product \"NEW-1\" needs a name",
            "row 3: product \"NEW-2\" has no package yet: give length, width, height and weight together"
        ]
    );
}

/// A minimal XLSX workbook (one sheet, inline strings), as Excel's file format defines it.
fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, cells) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in cells.iter().enumerate() {
            let reference = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if value.parse::<f64>().is_ok() {
                sheet.push_str(&format!("<c r=\"{reference}\"><v>{value}</v></c>"));
            } else {
                sheet.push_str(&format!(
                    "<c r=\"{reference}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_owned()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_owned()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Produits\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_owned()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn xlsx_rows_are_read_like_csv_rows() {
    let bytes = xlsx(&[
        &["SKU", "Name", "Unit cost", "Currency", "Weight (g)"],
        &["SPK-1", "Bluetooth speaker", "18.5", "EUR", "650"],
        &["SPK-3", "Speaker bar", "42", "EUR", ""],
    ]);
    let sheet = read_xlsx(&bytes).unwrap();
    assert_eq!(
        sheet.headers,
        ["SKU", "Name", "Unit cost", "Currency", "Weight (g)"]
    );
    assert_eq!(sheet.rows[1].0, 3);
    let rows = parse_catalogue(&sheet, None).unwrap();
    let plan = parse_plan("example", EXAMPLE_PLAN_TOML).unwrap();
    let (summary, merged) = preview(&plan, &rows).unwrap();
    // SPK-1 as in the example (18.50 EUR, 650 g): unchanged.
    assert_eq!(
        (summary.unchanged, summary.added.clone()),
        (1, vec!["SPK-3".to_owned()])
    );
    assert_eq!(
        merged.products[1].unit_cost.as_ref().unwrap().amount,
        dec!(42)
    );
    assert!(matches!(
        read_xlsx(b"not a workbook"),
        Err(ImportError::Unreadable(_))
    ));
}

#[test]
fn cli_dry_run_then_apply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let plan = "French bluetooth speaker to Japan via Amazon FBA";
    let csv = dir.path().join("catalogue.csv");
    std::fs::write(
        &csv,
        "sku,name,unit_cost,currency\nSPK-9,Party speaker,55.10,EUR\n",
    )
    .unwrap();
    let landfall = |extra: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_landfall"));
        command
            .arg("--db")
            .arg(&db)
            .args(["products", "import"])
            .arg(&csv);
        command.args(["--plan", plan, "--json"]).args(extra);
        command.output().unwrap()
    };
    let dry = landfall(&[]);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(outcome["added"], serde_json::json!(["SPK-9"]));
    assert_eq!(outcome["applied"], false);
    let applied = landfall(&["--apply"]);
    let outcome: serde_json::Value = serde_json::from_slice(&applied.stdout).unwrap();
    assert_eq!(outcome["applied"], true);
    // Applied once: a second dry run finds nothing new.
    let again: serde_json::Value = serde_json::from_slice(&landfall(&[]).stdout).unwrap();
    assert_eq!(
        (
            again["added"].as_array().unwrap().len(),
            again["unchanged"].clone()
        ),
        (0, serde_json::json!(1))
    );

    std::fs::write(&csv, "sku,name,weight_g\nSPK-9,Party speaker,heavy\n").unwrap();
    let refused = landfall(&["--apply"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("catalogue.csv") && stderr.contains("row 2, column \"weight_g\""),
        "{stderr}"
    );
}
