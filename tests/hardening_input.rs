//! Issue #14, cases 1, 4, 5, 6 and the input parts of 9: hostile workbooks and files are refused
//! within bounded time and memory (the CLI runs under `ulimit -v`), a broken CSV row is an error
//! for that row with the row number a spreadsheet shows, the report's CSV cannot run formulas, an
//! unwritable `--out` is reported first, and the PDF draws Arabic (or names what it cannot draw).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use landfall::plan::import::{ImportError, parse_catalogue, read_csv, read_xlsx};
use landfall::store::EXAMPLE_PLAN_TOML;
use zip::write::SimpleFileOptions;

const EXAMPLE_NAME: &str = "French bluetooth speaker to Japan via Amazon FBA";
/// Address space the CLI may use in the bounded runs: a few times what a normal run needs, a
/// thousandth of what the 1.6 KB workbook used to ask for.
const MEMORY_LIMIT_KB: u64 = 2 * 1024 * 1024;
/// Wall time a refusal may take on a busy machine.
const TIME_LIMIT: Duration = Duration::from_secs(20);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the CLI under a memory limit (`ulimit -v`) and returns its output and wall time.
fn bounded(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_landfall"))
        .args(args)
        .output()
        .unwrap();
    (output, started.elapsed())
}

/// Asserts a bounded run was refused as bad input, quickly, with `expected` in a short message.
fn assert_refused(run: (Output, Duration), expected: &str) {
    let (output, took) = run;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert!(stderr.len() < 1024, "a {}-byte message", stderr.len());
    assert!(took < TIME_LIMIT, "took {took:?}");
}

/// Writes a part's content into the archive.
type PartWriter<'a> = &'a dyn Fn(&mut dyn Write);

/// An XLSX workbook with one sheet (`sheet` is its XML) and, optionally, shared strings written
/// by `strings` (streamed, so a huge part costs the test no memory).
fn workbook(path: &Path, sheet: &str, strings: Option<PartWriter<'_>>) {
    let mut content_types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
    );
    let mut relationships = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>",
    );
    if strings.is_some() {
        content_types.push_str("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        relationships.push_str("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
    }
    content_types.push_str("</Types>");
    relationships.push_str("</Relationships>");
    let parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_owned()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Produits\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_owned()),
        ("xl/_rels/workbook.xml.rels", relationships),
        ("xl/worksheets/sheet1.xml", sheet.to_owned()),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    if let Some(strings) = strings {
        zip.start_file("xl/sharedStrings.xml", options.large_file(true))
            .unwrap();
        strings(&mut zip);
    }
    zip.finish().unwrap();
}

/// A worksheet: `dimension` (if any) and inline-string cells at the given references.
fn sheet(dimension: Option<&str>, cells: &[(&str, &str)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    );
    if let Some(dimension) = dimension {
        xml.push_str(&format!("<dimension ref=\"{dimension}\"/>"));
    }
    xml.push_str("<sheetData>");
    for (reference, value) in cells {
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        xml.push_str(&format!(
            "<row r=\"{row}\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>{value}</t></is></c></row>"
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn import_args<'a>(db: &'a str, file: &'a str) -> [&'a str; 7] {
    [
        "--db",
        db,
        "products",
        "import",
        file,
        "--plan",
        EXAMPLE_NAME,
    ]
}

#[test]
fn a_cell_at_the_far_corner_of_a_sheet_is_refused_before_anything_is_allocated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3").display().to_string();
    let cases = [
        // Issue #14 case 1: a 1.6 KB workbook that asked for 549,755,813,888 bytes.
        (
            "corner.xlsx",
            sheet(None, &[("A1", "sku"), ("XFD1048576", "x")]),
            "has a cell at XFD1048576",
        ),
        // The one that reached 5.5 GB.
        (
            "wide.xlsx",
            sheet(None, &[("A1", "sku"), ("ALL100000", "x")]),
            "has a cell at ALL100000",
        ),
        // A declared range is refused before a cell is read.
        (
            "declared.xlsx",
            sheet(Some("A1:XFD1048576"), &[("A1", "sku")]),
            "declares XFD1048576",
        ),
    ];
    for (name, xml, expected) in cases {
        let file = dir.path().join(name);
        workbook(&file, &xml, None);
        assert!(std::fs::metadata(&file).unwrap().len() < 2048, "{name}");
        let file = file.display().to_string();
        assert_refused(bounded(&import_args(&db, &file)), expected);
        let bytes = std::fs::read(&file).unwrap();
        let refused = read_xlsx(&bytes).unwrap_err().to_string();
        assert!(
            refused.contains("a catalogue sheet spans at most 100,001 rows (a header and 100,000 products) and 100 columns (A to CV)"),
            "{refused}"
        );
    }
}

#[test]
fn a_300_mb_shared_string_is_refused_with_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge-header.xlsx");
    let write_strings = |out: &mut dyn Write| {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>")
            .unwrap();
        let chunk = vec![b'x'; 1024 * 1024];
        for _ in 0..300 {
            out.write_all(&chunk).unwrap();
        }
        out.write_all(b"</t></si></sst>").unwrap();
    };
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
    workbook(&file, xml, Some(&write_strings));
    assert!(std::fs::metadata(&file).unwrap().len() < 2 * 1024 * 1024);
    let db = dir.path().join("db.sqlite3").display().to_string();
    let path = file.display().to_string();
    assert_refused(
        bounded(&import_args(&db, &path)),
        "the workbook's part xl/sharedStrings.xml is larger than the 128 MB Landfall reads once decompressed",
    );
}

#[test]
fn a_logo_that_never_ends_is_refused_at_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, EXAMPLE_PLAN_TOML).unwrap();
    let db = dir.path().join("db.sqlite3").display().to_string();
    let out = dir.path().join("report.pdf").display().to_string();
    let plan = plan.display().to_string();
    assert_refused(
        bounded(&[
            "--db",
            &db,
            "report",
            &plan,
            "--out",
            &out,
            "--logo",
            "/dev/zero",
        ]),
        "--logo: /dev/zero is larger than the 5 MB Landfall reads for a logo",
    );
}

#[test]
fn a_five_megabyte_product_name_is_refused_quoting_an_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("long-name.toml");
    let name = "Speaker ".repeat(5 * 1024 * 1024 / 8);
    std::fs::write(
        &plan,
        EXAMPLE_PLAN_TOML.replacen(
            "name = \"Bluetooth speaker\"",
            &format!("name = \"{name}\""),
            1,
        ),
    )
    .unwrap();
    let db = dir.path().join("db.sqlite3").display().to_string();
    let out = dir.path().join("report.pdf").display().to_string();
    let plan = plan.display().to_string();
    for args in [
        vec!["--db", &db, "report", &plan, "--out", &out],
        vec!["--db", &db, "plans", "import", &plan],
    ] {
        assert_refused(
            bounded(&args),
            "products[0].name: 5,242,880 characters, at most 200: Speaker Speaker Speaker Speaker Speaker … (5242880 characters)",
        );
    }
    assert!(!Path::new(&out).exists());
}

fn csv_errors(csv: &str) -> Vec<String> {
    match read_csv(csv.as_bytes()) {
        Err(ImportError::Rows(rows)) => rows.iter().map(ToString::to_string).collect(),
        other => panic!("expected row errors, got {other:?}"),
    }
}

#[test]
fn an_unclosed_quote_is_an_error_for_its_row_and_swallows_nothing() {
    // Issue #14 case 4: the quote opened on row 2 used to run to the end of the file, taking A2's
    // row into A1's name, and the import said "1 rows: 1 new (saved)".
    let csv = "sku,name,unit_cost\nA1,\"Speaker,18 EUR\nA2,Cable,5 EUR\nA3,Lamp,7 EUR,extra\n";
    assert_eq!(
        csv_errors(csv),
        [
            "row 2: a quoted cell starts on this row and is never closed (a missing \")",
            "row 4: 4 cells where the header has 3: a separator too many or missing would put values in the wrong columns",
        ]
    );
    // Text after a closing quote is the same kind of fault, and the row after it is read.
    assert_eq!(
        csv_errors("sku,name\nA1,\"Speaker\" black\nA2,\"Cable\nA3,Lamp,\n"),
        [
            "row 2: text after a closing quote: \" black\" (a quote inside a quoted cell is written \"\")",
            "row 3: a quoted cell starts on this row and is never closed (a missing \")",
            "row 4: 3 cells where the header has 2: a separator too many or missing would put values in the wrong columns",
        ]
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalogue.csv");
    std::fs::write(&file, csv).unwrap();
    let db = dir.path().join("db.sqlite3");
    let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
        .arg("--db")
        .arg(&db)
        .args(["products", "import"])
        .arg(&file)
        .args(["--plan", EXAMPLE_NAME, "--apply"])
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("catalogue.csv") && stderr.contains("row 2: a quoted cell"),
        "{stderr}"
    );
    let store = landfall::store::Store::open(&db).unwrap();
    let (_, plan) = store.load_plan(store.list_plans().unwrap()[0].id).unwrap();
    assert_eq!(plan.products.len(), 1, "nothing was saved");
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    // CRLF line ends (what Windows spreadsheets write), a cell with a line break inside quotes
    // (one row, shown wrapped), and a blank line (a row of its own).
    let csv = "sku,name,hs_code\r\n\
               SPK-1,\"Bluetooth speaker\r\nblack\",851822\r\n\
               \r\n\
               SPK-2,Mini speaker,1234\r\n";
    let sheet = read_csv(csv.as_bytes()).unwrap();
    assert_eq!(
        sheet.rows.iter().map(|(row, _)| *row).collect::<Vec<_>>(),
        [2, 4]
    );
    let Err(ImportError::Rows(found)) = parse_catalogue(&sheet, None) else {
        panic!("the HS code of SPK-2 is refused");
    };
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["row 4, column \"hs_code\": \"1234\" is not an HS code (6 to 10 digits)"]
    );
    // A line break in a name cell is the sheet's wrapping: the name is one line.
    let rows = parse_catalogue(
        &read_csv(b"sku,name\nSPK-1,\"Bluetooth\nspeaker\"\n").unwrap(),
        None,
    )
    .unwrap();
    let plan = landfall::plan::parse_plan("example", EXAMPLE_PLAN_TOML).unwrap();
    let (_, merged) = landfall::plan::import::preview(&plan, &rows).unwrap();
    assert_eq!(merged.products[0].name, "Bluetooth speaker");
}

fn report_plan(dir: &Path, name: &str, product: &str) -> PathBuf {
    let plan = dir.join(name);
    std::fs::write(
        &plan,
        EXAMPLE_PLAN_TOML.replacen(
            "name = \"Bluetooth speaker\"",
            &format!("name = {}", toml_string(product)),
            1,
        ),
    )
    .unwrap();
    plan
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn report(dir: &Path, plan: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_landfall"))
        .arg("--db")
        .arg(dir.join("db.sqlite3"))
        .arg("report")
        .arg(plan)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_report_csv_cannot_run_a_formula_in_the_reader_s_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    for (case, product) in [
        (
            "hyperlink",
            "=HYPERLINK(\"http://example.com/x\",\"Bluetooth speaker\")",
        ),
        ("at", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ] {
        let plan = report_plan(dir.path(), &format!("{case}.toml"), product);
        let out = dir.path().join(format!("{case}-csv"));
        let output = report(
            dir.path(),
            &plan,
            &out,
            &["--format", "csv", "--lang", "en"],
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        let mut seen = 0;
        for entry in std::fs::read_dir(&out).unwrap() {
            let csv = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(csv.as_bytes());
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    assert!(
                        !cell.starts_with(['=', '+', '@', '\t', '\r'])
                            && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                        "{case}: a spreadsheet would run {cell:?}"
                    );
                    if cell == format!("'{product}") {
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 0, "{case}: the name is not in the tables, defused");
    }
}

#[test]
fn an_unwritable_out_is_reported_before_anything_is_computed() {
    let dir = tempfile::tempdir().unwrap();
    // The plan does not even exist: the destination is checked first.
    let output = report(
        dir.path(),
        &dir.path().join("no-such-plan.toml"),
        Path::new("/nonexistent-folder/report.pdf"),
        &[],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("landfall: --out /nonexistent-folder/report.pdf: cannot write /nonexistent-folder/report.pdf"),
        "{stderr}"
    );
}

#[test]
fn arabic_names_are_drawn_and_what_no_font_can_draw_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let arabic = report_plan(dir.path(), "arabic.toml", "سماعة بلوتوث محمولة");
    let out = dir.path().join("arabic.pdf");
    let output = report(dir.path(), &arabic, &out, &["--lang", "en"]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("empty boxes"), "{stderr}");
    let pdf = std::fs::read(&out).unwrap();
    assert!(
        pdf.windows(b"NotoSansArabic".len())
            .any(|window| window == b"NotoSansArabic"),
        "the Arabic font is not embedded"
    );

    let thai = report_plan(dir.path(), "thai.toml", "ลำโพง บลูทูธ");
    let output = report(
        dir.path(),
        &thai,
        &dir.path().join("thai.pdf"),
        &["--lang", "en"],
    );
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("no font in the report has these characters; they print as empty boxes: ล (U+0E25), ำ (U+0E33)"),
        "{stderr}"
    );
}
