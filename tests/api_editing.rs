//! The editing handlers behind the desktop's Profile, Products, import and evidence panels, on a real
//! SQLite file in a temporary folder.

use chrono::NaiveDate;
use landfall::api::{ErrorCode, EvidenceAttachment, Landfall, Profile};
use landfall::checklist::engine::{EvidenceState, PlanChecklist};
use landfall::plan::{Amount, CurrencyCode, Fulfilment, Price, Product, ProductFlag};
use landfall::store::PlanId;
use landfall::text::Lang;
use rust_decimal::Decimal;

fn open() -> (tempfile::TempDir, Landfall, PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;
    (dir, landfall, id)
}

fn yen(amount: &str) -> Amount {
    Amount {
        amount: amount.parse().unwrap(),
        currency: CurrencyCode::try_from("JPY".to_owned()).unwrap(),
    }
}

fn item_ids(checklist: &PlanChecklist) -> Vec<String> {
    checklist.items().map(|item| item.id.clone()).collect()
}

/// The marketplace targets' own items (the profile's fulfilment changes them).
fn target_item_ids(checklist: &PlanChecklist) -> Vec<String> {
    checklist
        .targets
        .iter()
        .flat_map(|target| target.checklist.items.iter().map(|item| item.id.clone()))
        .collect()
}

fn margin_of(landfall: &Landfall, id: PlanId, sku: &str) -> Decimal {
    let quote = landfall.quote_figures(id).unwrap().quote;
    assert!(
        quote.items.iter().all(|item| item.explain.is_empty()),
        "figures only"
    );
    assert_eq!(
        quote.items[0].margin,
        landfall.quote_plan(id).unwrap().quote.items[0].margin,
        "the same margin as the explained quote"
    );
    quote
        .items
        .iter()
        .find(|item| item.sku == sku)
        .and_then(|item| item.margin)
        .unwrap()
}

#[test]
fn a_product_added_with_its_flags_brings_its_checklist_items_and_survives_reopening() {
    let (dir, mut landfall, id) = open();
    let before = item_ids(&landfall.checklist(id).unwrap());
    assert!(!before.contains(&"jp-child-psc".to_owned()));

    let toy = Product {
        sku: "TOY-1".into(),
        name: "Wooden rattle".into(),
        hs_code: Some("950300".into()),
        flags: vec![ProductFlag::Toy],
        toy_age_min_months: Some(6),
        category: None,
        categories: Vec::new(),
        unit_cost: None,
        package: None,
        origin: None,
        preferential_origin: false,
        litres: None,
        prices: vec![],
        freight: vec![],
        overrides: vec![],
    };
    let detail = landfall.save_product(id, None, toy).unwrap();
    assert_eq!(detail.plan.products.len(), 2);

    let after = item_ids(&landfall.checklist(id).unwrap());
    // A toy for babies (6 months < 36): child PSC, toy food-sanitation (< 72) and toy safety documents.
    for item in [
        "jp-child-psc",
        "jp-toy-food-sanitation",
        "jp-toy-safety-docs",
    ] {
        assert!(after.contains(&item.to_owned()), "{item} applies to a toy");
    }
    drop(landfall);
    let reopened = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    assert_eq!(reopened.get_plan(id).unwrap().plan.products[1].sku, "TOY-1");
}

#[test]
fn changing_the_price_moves_the_margin_by_the_price_net_of_consumption_tax_and_fees() {
    let (_dir, mut landfall, id) = open();
    let before = margin_of(&landfall, id, "SPK-1");

    let mut speaker = landfall.get_plan(id).unwrap().plan.products[0].clone();
    speaker.prices = vec![Price {
        marketplace: landfall::plan::Marketplace::AmazonJp,
        price: yen("7980"),
    }];
    landfall
        .save_product(id, Some("SPK-1".into()), speaker)
        .unwrap();
    let after = margin_of(&landfall, id, "SPK-1");

    // ¥1,000 more on the shelf is ¥1,000 / 1.1 = ¥909.0909 net of the 10% consumption tax; the
    // electronics referral fee (8.4% above ¥750) goes from 6,980 × 8.4% = 586.32 → 586 to
    // 7,980 × 8.4% = 670.32 → 670, ¥84 more. Every other figure stays: +¥825.0909.
    assert_eq!((after - before).round_dp(4), "825.0909".parse().unwrap());
}

#[test]
fn a_refused_product_names_its_own_fields_and_leaves_the_plan_as_it_was() {
    let (_dir, mut landfall, id) = open();
    let mut speaker = landfall.get_plan(id).unwrap().plan.products[0].clone();
    speaker.hs_code = Some("85x".into());
    speaker.unit_cost = Some(Amount {
        amount: "-1".parse().unwrap(),
        currency: CurrencyCode::try_from("EUR".to_owned()).unwrap(),
    });
    let err = landfall
        .save_product(id, Some("SPK-1".into()), speaker)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
    let fields: Vec<&str> = err.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["hs_code", "unit_cost.amount"]);
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["problems"][0]["field"], "hs_code");
    // The form shows the reason in the window's language; the error line stays English.
    let negative = &err.problems[1].message;
    assert_eq!(negative.en, "must not be negative, found -1");
    assert_eq!(
        negative.fr,
        "ne doit pas être négatif (valeur indiquée\u{a0}: -1)"
    );
    assert_eq!(
        json["problems"][1]["message"]["fr"],
        "ne doit pas être négatif (valeur indiquée\u{a0}: -1)"
    );
    assert!(
        err.message
            .ends_with("unit_cost.amount: must not be negative, found -1"),
        "{}",
        err.message
    );

    let stored = &landfall.get_plan(id).unwrap().plan.products[0];
    assert_eq!(stored.hs_code.as_deref(), Some("851822"));

    // A second product may not take a SKU already in the plan.
    let mut copy = stored.clone();
    copy.name = "Copy".into();
    let err = landfall.save_product(id, None, copy).unwrap_err();
    assert_eq!(err.problems[0].field, "sku");
    assert!(err.problems[0].message.en.contains("duplicate SKU"));
}

#[test]
fn a_sku_can_be_renamed_and_a_product_deleted() {
    let (_dir, mut landfall, id) = open();
    let mut speaker = landfall.get_plan(id).unwrap().plan.products[0].clone();
    speaker.sku = "SPK-2".into();
    let detail = landfall
        .save_product(id, Some("SPK-1".into()), speaker)
        .unwrap();
    assert_eq!(detail.plan.products.len(), 1);
    assert_eq!(detail.plan.products[0].sku, "SPK-2");

    let err = landfall.delete_product(id, "SPK-1").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let detail = landfall.delete_product(id, "SPK-2").unwrap();
    assert!(detail.plan.products.is_empty());
}

#[test]
fn the_profile_changes_the_targets_and_so_the_checklist() {
    let (_dir, mut landfall, id) = open();
    let plan = landfall.get_plan(id).unwrap().plan;
    let fba = target_item_ids(&landfall.checklist(id).unwrap());
    let mut targets = plan.targets.clone();
    targets[0].fulfilment = Fulfilment::Mfn;
    let detail = landfall
        .save_profile(
            id,
            Profile {
                as_of: plan.plan.as_of,
                home_currency: CurrencyCode::try_from("CHF".to_owned()).unwrap(),
                seller: plan.seller.clone(),
                targets,
            },
        )
        .unwrap();
    assert_eq!(detail.plan.plan.home_currency.as_str(), "CHF");
    let mfn = target_item_ids(&landfall.checklist(id).unwrap());
    // Merchant-fulfilled sellers need a returns address in Japan; FBA sellers do not.
    let returns = |ids: &[String]| ids.iter().any(|id| id.contains("returns"));
    assert!(!returns(&fba) && returns(&mfn), "fba {fba:?}\nmfn {mfn:?}");
}

#[test]
fn a_catalogue_with_bad_rows_lists_row_column_and_reason_and_saves_only_when_told_to_skip_them() {
    let (dir, mut landfall, id) = open();
    let csv = "sku,name,hs_code,unit_cost,currency\n\
               MUG-1,Tea mug,691200,4.20,EUR\n\
               ,No SKU,691200,1,EUR\n\
               MUG-2,Big mug,69x,abc,EUR\n";
    let check = landfall
        .check_catalogue(id, "mugs.csv", csv.as_bytes())
        .unwrap();
    let errors: Vec<(usize, &str)> = check
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(errors, [(3, ""), (4, "hs_code"), (4, "unit_cost")]);
    assert_eq!(check.skipped, [3, 4]);
    // The valid row is what an import of the valid rows would add.
    assert_eq!(check.preview.unwrap().added, ["MUG-1"]);

    // All or nothing unless the user accepted leaving rows out: nothing is saved.
    let err = landfall
        .import_catalogue(id, "mugs.csv", csv.as_bytes(), false)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
    assert!(err.message.contains("row 3"), "{}", err.message);
    assert_eq!(landfall.get_plan(id).unwrap().plan.products.len(), 1);

    // The skipped rows go to a CSV with their reasons, in the reader's language.
    let out = dir.path().join("lignes ignorées.csv");
    let written = landfall
        .write_skipped_rows(
            id,
            "mugs.csv",
            csv.as_bytes(),
            Lang::Fr,
            out.to_str().unwrap(),
        )
        .unwrap();
    assert_eq!(written, 2);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "sku;name;hs_code;unit_cost;currency;motif");
    assert_eq!(
        lines[1],
        ";No SKU;691200;1;EUR;pas de référence produit (SKU)"
    );
    assert!(
        lines[2].starts_with(
            "MUG-2;Big mug;69x;abc;EUR;\"hs_code\u{a0}: «\u{a0}69x\u{a0}» n’est pas un code SH (6 à 10 chiffres) ; unit_cost\u{a0}: "
        ),
        "{text}"
    );
    assert_eq!(lines.len(), 3, "{text}");

    let detail = landfall
        .import_catalogue(id, "mugs.csv", csv.as_bytes(), true)
        .unwrap();
    let skus: Vec<&str> = detail
        .plan
        .products
        .iter()
        .map(|p| p.sku.as_str())
        .collect();
    assert_eq!(skus, ["SPK-1", "MUG-1"]);
}

#[test]
fn a_clean_catalogue_is_previewed_then_saved() {
    let (_dir, mut landfall, id) = open();
    let csv = "référence;désignation;code sh;coût unitaire;devise\n\
               MUG-1;Tasse à thé;691200;4,20;EUR\n\
               SPK-1;Bluetooth speaker;851822;19,00;EUR\n";
    let check = landfall
        .check_catalogue(id, "tasses.csv", csv.as_bytes())
        .unwrap();
    assert!(check.errors.is_empty(), "{:?}", check.errors);
    let preview = check.preview.unwrap();
    assert_eq!(preview.added, ["MUG-1"]);
    assert_eq!(preview.changed[0].sku, "SPK-1");
    assert_eq!(landfall.get_plan(id).unwrap().plan.products.len(), 1);

    let detail = landfall
        .import_catalogue(id, "tasses.csv", csv.as_bytes(), false)
        .unwrap();
    assert_eq!(detail.plan.products.len(), 2);
    let speaker = &detail.plan.products[0];
    assert_eq!(
        speaker.unit_cost.as_ref().unwrap().amount,
        "19.00".parse::<Decimal>().unwrap()
    );
}

#[test]
fn an_unreadable_catalogue_is_a_bad_input_error_naming_the_file() {
    let (_dir, landfall, id) = open();
    let err = landfall
        .check_catalogue(id, "products.xlsx", b"not a zip")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
    assert!(
        err.message.starts_with("products.xlsx: "),
        "{}",
        err.message
    );
}

#[test]
fn attached_evidence_is_checked_against_its_validity_rule_and_can_be_removed() {
    let (dir, mut landfall, id) = open();
    let statement = dir.path().join("relevé.pdf");
    std::fs::write(&statement, b"%PDF-1.4 statement").unwrap();
    let as_of = landfall.get_plan(id).unwrap().plan.plan.as_of;
    let attach = |issued_on: NaiveDate| EvidenceAttachment {
        item: "jp-siv".into(),
        template: "statement".into(),
        path: statement.display().to_string(),
        issued_on: Some(issued_on),
        expires_on: None,
    };
    let state_of = |checklist: &PlanChecklist| {
        checklist
            .item("jp-siv")
            .unwrap()
            .evidence
            .iter()
            .find(|check| check.template == "statement")
            .unwrap()
            .state
    };

    // Issued 181 days before the as-of date: older than the 180 days Amazon JP accepts.
    let old = landfall
        .attach_evidence(id, attach(as_of - chrono::Days::new(181)))
        .unwrap();
    assert_eq!(state_of(&old), EvidenceState::Stale);
    let sha = landfall.evidence(id).unwrap()[0].sha256.clone();
    let removed = landfall.remove_evidence(id, "jp-siv", &sha).unwrap();
    assert_eq!(state_of(&removed), EvidenceState::Missing);
    assert!(landfall.evidence(id).unwrap().is_empty());

    // 180 days is still inside the rule.
    let fresh = landfall
        .attach_evidence(id, attach(as_of - chrono::Days::new(180)))
        .unwrap();
    assert_eq!(state_of(&fresh), EvidenceState::Valid);
    let kept = &landfall.evidence(id).unwrap()[0];
    assert_eq!(kept.original_name, "relevé.pdf");
    assert_eq!(kept.item_id.as_deref(), Some("jp-siv"));

    let err = landfall
        .attach_evidence(
            id,
            EvidenceAttachment {
                template: "passport-scan".into(),
                ..attach(as_of)
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
    assert!(err.message.starts_with("template:"), "{}", err.message);
}

#[test]
fn a_portable_copy_comes_back_as_a_new_plan_with_its_evidence() {
    let (dir, mut landfall, id) = open();
    let file = dir.path().join("évidence.pdf");
    std::fs::write(&file, b"%PDF-1.4 id").unwrap();
    landfall
        .attach_evidence(
            id,
            EvidenceAttachment {
                item: "jp-siv".into(),
                template: "photo-id".into(),
                path: file.display().to_string(),
                issued_on: None,
                expires_on: NaiveDate::from_ymd_opt(2030, 1, 1),
            },
        )
        .unwrap();
    let copy = dir.path().join("copy.landfall");
    landfall
        .export_portable(id, &copy.display().to_string())
        .unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut elsewhere = Landfall::open(&other.path().join("landfall.sqlite3")).unwrap();
    // The example is seeded there too: the window is told the name is taken and offered a free
    // one, under which the copy comes in beside it.
    let taken = elsewhere
        .import_portable(&copy.display().to_string(), None)
        .unwrap_err();
    assert_eq!(taken.code, ErrorCode::NameTaken);
    assert_eq!(elsewhere.list_plans().unwrap().len(), 1);
    let imported = elsewhere
        .import_portable(&copy.display().to_string(), taken.free_name.as_deref())
        .unwrap();
    assert_eq!(
        imported.name,
        "French bluetooth speaker to Japan via Amazon FBA (2)"
    );
    assert_eq!(elsewhere.list_plans().unwrap().len(), 2);
    let evidence = elsewhere.evidence(imported.id).unwrap();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].original_name, "évidence.pdf");
}

#[test]
fn the_health_panel_judges_typed_metrics_and_names_a_bad_one() {
    use landfall::checklist::health::{Metrics, Programme, Verdict};
    let (_dir, landfall, _id) = open();
    let metrics = |order_defect_rate: &str| Metrics {
        marketplace: landfall::plan::Marketplace::AmazonJp,
        programme: Programme::Standard,
        as_of: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        order_defect_rate: Some(order_defect_rate.parse().unwrap()),
        pre_fulfilment_cancel_rate: None,
        late_shipment_rate: None,
        response_within_24h: None,
    };
    // Amazon's order defect rate target is under 1%.
    let good = landfall.assess_health(metrics("0.42")).unwrap();
    assert_eq!(good.metrics[0].verdict, Verdict::Pass);
    let bad = landfall.assess_health(metrics("1.5")).unwrap();
    assert_eq!(bad.metrics[0].verdict, Verdict::Fail);
    let err = landfall.assess_health(metrics("140")).unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
    assert_eq!(err.problems[0].field, "metrics.order_defect_rate");
}

#[test]
fn only_a_report_of_this_data_folder_can_be_opened() {
    use landfall::api::ReportRequest;
    use landfall::report::export::ReportFormat;
    use landfall::report::{Lang, Paper};
    let (dir, mut landfall, id) = open();
    let request = ReportRequest {
        format: ReportFormat::Json,
        lang: Lang::En,
        paper: Paper::A4,
        consultant: None,
        client: None,
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let exported = landfall
        .export_report(id, request.clone(), today, |_| {})
        .unwrap();
    let path = exported.path.display().to_string();
    assert_eq!(
        landfall.report_file(&path).unwrap(),
        exported.path.canonicalize().unwrap()
    );
    // A workbook reports the one step it takes; the desktop shows it while the file is written.
    let mut steps = Vec::new();
    let workbook = ReportRequest {
        format: ReportFormat::Xlsx,
        ..request
    };
    landfall
        .export_report(id, workbook, today, |step| steps.push(step))
        .unwrap();
    assert_eq!(steps, [landfall::api::ExportProgress::WritingWorkbook]);
    // Anything else is refused, even through `..` out of reports/.
    let outside = dir.path().join("landfall.sqlite3").display().to_string();
    let sneaky = dir
        .path()
        .join("reports/../landfall.sqlite3")
        .display()
        .to_string();
    for path in [
        outside,
        sneaky,
        "/etc/passwd".to_owned(),
        "relative.pdf".to_owned(),
    ] {
        let err = landfall.report_file(&path).unwrap_err();
        assert_eq!(err.code, ErrorCode::BadInput, "{path}");
    }
}

#[test]
fn the_report_logo_is_kept_in_the_data_folder_and_a_non_image_is_refused() {
    let (dir, mut landfall, _id) = open();
    assert!(landfall.logo_file().is_none());
    let svg = dir.path().join("cabinet.svg");
    std::fs::write(
        &svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#,
    )
    .unwrap();
    let kept = landfall.set_logo(&svg.display().to_string()).unwrap();
    assert_eq!(kept, dir.path().join("logo.svg").display().to_string());

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let err = landfall.set_logo(&text.display().to_string()).unwrap_err();
    assert_eq!(err.code, ErrorCode::BadInput);
    assert!(err.message.starts_with("logo:"), "{}", err.message);
    // The refused file changed nothing.
    assert_eq!(landfall.logo_file(), Some(dir.path().join("logo.svg")));

    landfall.remove_logo().unwrap();
    assert!(landfall.logo_file().is_none());
}
