//! The checklist engine on the example plan and on constructed profiles: exact applicable sets, order,
//! reasons, what must not apply, evidence validity on boundary dates, due dates and readiness.

use chrono::NaiveDate;
use landfall::checklist::bundled::catalogues as bundled;
use landfall::checklist::catalogue::Catalogues;
use landfall::checklist::engine::{
    EvidenceRecord, EvidenceState, ItemProgress, ProgressStatus, Status, TargetChecklist, evaluate,
};
use landfall::plan::{Plan, parse_plan};
use rust_decimal_macros::dec;

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn catalogues() -> Catalogues {
    bundled().unwrap()
}

fn run(
    plan: &Plan,
    as_of: &str,
    launch: Option<&str>,
    progress: &[ItemProgress],
) -> TargetChecklist {
    let target = &plan.targets[0];
    let catalogues = catalogues();
    let catalogue = catalogues.get(target.marketplace).unwrap();
    evaluate(
        plan,
        target,
        catalogue,
        date(as_of),
        launch.map(date),
        progress,
    )
}

fn ids(result: &TargetChecklist) -> Vec<&str> {
    result
        .checklist
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect()
}

fn item<'a>(result: &'a TargetChecklist, id: &str) -> &'a landfall::checklist::engine::ItemResult {
    result
        .checklist
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("{id} applies"))
}

/// A one-product plan on `marketplace` with `fulfilment`, the product's flags and extra product lines.
fn plan_with(marketplace: &str, fulfilment: &str, flags: &[&str], extra: &str) -> Plan {
    let flags: Vec<String> = flags.iter().map(|f| format!("\"{f}\"")).collect();
    let text = format!(
        "[plan]\nname = \"t\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
         [seller]\ncountry = \"FR\"\nentity = \"company\"\n\
         [[targets]]\nmarketplace = \"{marketplace}\"\nfulfilment = \"{fulfilment}\"\nchannel = \"b2c\"\n\
         [[products]]\nsku = \"P-1\"\nname = \"p\"\nflags = [{}]\n{extra}",
        flags.join(", ")
    );
    parse_plan("constructed", &text).unwrap()
}

/// The product-specific items (group "product" and battery data) that apply.
fn product_items(result: &TargetChecklist) -> Vec<&str> {
    result
        .checklist
        .items
        .iter()
        .filter(|i| i.group == "product" || i.id.ends_with("dangerous-goods") || i.group == "epr")
        .map(|i| i.id.as_str())
        .collect()
}

#[test]
fn example_plan_exact_items_in_dependency_order() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        ids(&result),
        [
            "jp-plan",
            "jp-registration",
            "jp-siv",
            "jp-2sv",
            "jp-seller-info",
            "jp-cs-japanese-fba",
            "jp-metrics-odr",
            "jp-landed-cost",
            "jp-ior",
            "jp-jct-assessment",
            "jp-jct-invoice-number",
            "jp-customs-valuation",
            "jp-fba-prep",
            "jp-fba-dangerous-goods",
            "jp-fba-inbound-docs",
            "jp-giteki",
            "jp-giteki-listing",
            "jp-compliance-docs",
            "jp-points",
            "jp-pl-insurance",
        ]
    );
    // Precision: a USB-powered speaker with a built-in battery needs no PSE and no specified-importer
    // filing; pure FBA needs no Japanese returns address, no DDP and no seller-side Japanese CS.
    let not_applicable: Vec<&str> = result
        .checklist
        .not_applicable
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    for id in [
        "jp-pse-specified",
        "jp-pse-non-specified",
        "jp-specified-importer",
        "jp-mobile-battery-approval",
        "jp-returns",
        "jp-ddp",
        "jp-cs-japanese",
        "jp-metrics-mfn",
        "jp-low-value-exemption",
        "jp-food-notification",
    ] {
        assert!(not_applicable.contains(&id), "{id} must not apply");
    }
    assert_eq!(
        result.checklist.items.len() + result.checklist.not_applicable.len(),
        catalogues()
            .get(plan.targets[0].marketplace)
            .unwrap()
            .items
            .len()
    );
}

#[test]
fn reasons_name_the_facts_in_both_languages() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let result = run(&plan, "2026-11-22", None, &[]);
    let dg = item(&result, "jp-fba-dangerous-goods");
    assert_eq!(
        dg.reason.en,
        "applies because fulfilment = fba and product has li_battery_contained"
    );
    assert_eq!(
        dg.reason.fr,
        "s'applique car fulfilment = fba et le produit a li_battery_contained"
    );
    assert_eq!(dg.products, ["SPK-1"]);
    assert_eq!(
        item(&result, "jp-giteki").reason.en,
        "applies because product has radio_emitter"
    );
    assert_eq!(
        item(&result, "jp-siv").reason.en,
        "applies to every seller on amazon-jp"
    );
    assert!(item(&result, "jp-siv").products.is_empty());
    let returns = result
        .checklist
        .not_applicable
        .iter()
        .find(|n| n.id == "jp-returns")
        .unwrap();
    assert_eq!(returns.reason.en, "does not apply: fulfilment = fba");
    let pse = result
        .checklist
        .not_applicable
        .iter()
        .find(|n| n.id == "jp-pse-specified")
        .unwrap();
    assert_eq!(
        pse.reason.en,
        "does not apply: no product has ac_adapter_included"
    );
}

#[test]
fn merchant_fulfilled_swaps_import_items_for_ddp_returns_and_japanese_service() {
    let plan = plan_with(
        "amazon-jp",
        "mfn",
        &["radio_emitter", "li_battery_contained"],
        "",
    );
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        ids(&result),
        [
            "jp-plan",
            "jp-registration",
            "jp-siv",
            "jp-2sv",
            "jp-seller-info",
            "jp-cs-japanese",
            "jp-metrics-odr",
            "jp-metrics-mfn",
            "jp-landed-cost",
            "jp-jct-assessment-mfn",
            "jp-low-value-exemption",
            "jp-ddp",
            "jp-returns",
            "jp-giteki",
            "jp-giteki-listing",
            "jp-compliance-docs",
            "jp-points",
            "jp-pl-insurance",
        ]
    );
    let invoice = result
        .checklist
        .not_applicable
        .iter()
        .find(|n| n.id == "jp-jct-invoice-number")
        .unwrap();
    assert_eq!(
        invoice.reason.en,
        "does not apply: fulfilment = mfn; channel = b2c"
    );
    for id in [
        "jp-ior",
        "jp-customs-valuation",
        "jp-jct-assessment",
        "jp-fba-prep",
        "jp-fba-dangerous-goods",
        "jp-fba-inbound-docs",
        "jp-cs-japanese-fba",
    ] {
        assert!(
            result.checklist.not_applicable.iter().any(|n| n.id == id),
            "{id} must not apply to MFN"
        );
    }
}

#[test]
fn business_buyers_bring_the_invoice_number_and_business_targets() {
    let mut plan = plan_with("amazon-jp", "mfn", &[], "");
    plan.targets[0].channel = landfall::plan::Channel::B2b;
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        item(&result, "jp-jct-invoice-number").reason.en,
        "applies because channel = b2b"
    );
    assert_eq!(
        item(&result, "jp-amazon-business-metrics").reason.en,
        "applies because channel = b2b"
    );
    // The JCT assessment item does not apply to MFN, so the invoice number waits for nothing.
    assert!(item(&result, "jp-jct-invoice-number").depends_on.is_empty());
}

#[test]
fn product_families_on_amazon_jp_fba() {
    let cases: [(&[&str], &str, &[&str]); 13] = [
        (
            &["radio_emitter", "li_battery_contained"],
            "",
            &[
                "jp-fba-dangerous-goods",
                "jp-giteki",
                "jp-giteki-listing",
                "jp-compliance-docs",
            ],
        ),
        (
            &["radio_emitter", "ac_adapter_included"],
            "",
            &[
                "jp-specified-importer",
                "jp-pse-specified",
                "jp-giteki",
                "jp-giteki-listing",
                "jp-compliance-docs",
            ],
        ),
        (
            &["mains_electrical"],
            "",
            &[
                "jp-specified-importer",
                "jp-pse-non-specified",
                "jp-compliance-docs",
            ],
        ),
        (
            &["mobile_battery"],
            "",
            &[
                "jp-fba-dangerous-goods",
                "jp-specified-importer",
                "jp-pse-non-specified",
                "jp-mobile-battery-approval",
                "jp-compliance-docs",
            ],
        ),
        (
            &["food"],
            "",
            &[
                "jp-food-notification",
                "jp-food-label",
                "jp-grocery-approval",
                "jp-compliance-docs",
            ],
        ),
        (
            &["supplement", "function_claim"],
            "",
            &[
                "jp-food-notification",
                "jp-food-label",
                "jp-supplement-no-drug-claims",
                "jp-supplement-function-claims",
                "jp-compliance-docs",
            ],
        ),
        (
            &["alcohol"],
            "",
            &[
                "jp-food-notification",
                "jp-food-label",
                "jp-liquor-licence",
                "jp-liquor-age-notice",
                "jp-compliance-docs",
            ],
        ),
        (
            &["cosmetic"],
            "",
            &[
                "jp-cosmetics-mah",
                "jp-cosmetics-notification",
                "jp-pmd-label",
                "jp-compliance-docs",
            ],
        ),
        (
            &["medical_device"],
            "",
            &["jp-medical-device", "jp-pmd-label", "jp-compliance-docs"],
        ),
        (
            &["toy"],
            "toy_age_min_months = 24\n",
            &[
                "jp-specified-importer",
                "jp-child-psc",
                "jp-toy-food-sanitation",
                "jp-toy-safety-docs",
                "jp-food-notification",
                "jp-compliance-docs",
            ],
        ),
        (
            &["toy"],
            "toy_age_min_months = 48\n",
            &[
                "jp-toy-food-sanitation",
                "jp-toy-safety-docs",
                "jp-food-notification",
                "jp-compliance-docs",
            ],
        ),
        (
            &["toy"],
            "toy_age_min_months = 96\n",
            &["jp-toy-safety-docs", "jp-compliance-docs"],
        ),
        (&["textile_apparel"], "", &["jp-textile-label"]),
    ];
    for (flags, extra, expected) in cases {
        let plan = plan_with("amazon-jp", "fba", flags, extra);
        let result = run(&plan, "2026-11-22", None, &[]);
        assert_eq!(product_items(&result), expected, "flags {flags:?} {extra}");
    }
}

#[test]
fn product_families_shipped_from_abroad_leave_food_rules_to_verify() {
    let plan = plan_with("amazon-jp", "mfn", &["food"], "");
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        product_items(&result),
        [
            "jp-food-notification-mfn",
            "jp-food-label-mfn",
            "jp-grocery-approval",
            "jp-compliance-docs"
        ]
    );
    for id in ["jp-food-notification-mfn", "jp-food-label-mfn"] {
        assert!(
            result
                .checklist
                .readiness
                .not_counted
                .contains(&id.to_string())
        );
        assert!(!item(&result, id).launch_blocking);
    }
    // FBA refuses chilled food: the item telling the seller to route it elsewhere applies only with FBA.
    let chilled = plan_with("amazon-jp", "fba", &["food", "chilled_frozen"], "");
    assert!(ids(&run(&chilled, "2026-11-22", None, &[])).contains(&"jp-fba-no-chilled"));
    let chilled_mfn = plan_with("amazon-jp", "mfn", &["food", "chilled_frozen"], "");
    assert!(!ids(&run(&chilled_mfn, "2026-11-22", None, &[])).contains(&"jp-fba-no-chilled"));
}

#[test]
fn toy_without_an_age_is_not_guessed() {
    let plan = plan_with("amazon-jp", "fba", &["toy"], "");
    let result = run(&plan, "2026-11-22", None, &[]);
    let child_psc = result
        .checklist
        .not_applicable
        .iter()
        .find(|n| n.id == "jp-child-psc")
        .unwrap();
    assert_eq!(
        child_psc.reason.en,
        "does not apply: toy_age_min_months not given in the plan"
    );
}

#[test]
fn specified_importer_rule_starts_on_25_december_2025() {
    let plan = plan_with("amazon-jp", "mfn", &["ac_adapter_included"], "");
    let before = run(&plan, "2025-12-24", None, &[]);
    let reason = &before
        .checklist
        .not_applicable
        .iter()
        .find(|n| n.id == "jp-specified-importer")
        .unwrap()
        .reason;
    assert_eq!(reason.en, "not yet in force: applies from 2025-12-25");
    assert_eq!(
        item(&before, "jp-pse-specified").depends_on,
        Vec::<String>::new()
    );
    let on = run(&plan, "2025-12-25", None, &[]);
    assert_eq!(
        item(&on, "jp-specified-importer").reason.en,
        "applies because product has ac_adapter_included"
    );
    assert_eq!(
        item(&on, "jp-pse-specified").depends_on,
        ["jp-specified-importer"]
    );
}

#[test]
fn several_products_list_the_skus_an_item_applies_to() {
    let text = EXAMPLE.to_owned()
        + "\n[[products]]\nsku = \"CHG-1\"\nname = \"Charger\"\nflags = [\"ac_adapter_included\"]\n\
           \n[[products]]\nsku = \"BAT-1\"\nname = \"Power bank\"\nflags = [\"mobile_battery\"]\n";
    let plan = parse_plan("three products", &text).unwrap();
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        item(&result, "jp-specified-importer").products,
        ["CHG-1", "BAT-1"]
    );
    assert_eq!(
        item(&result, "jp-fba-dangerous-goods").products,
        ["SPK-1", "BAT-1"]
    );
    assert_eq!(
        item(&result, "jp-compliance-docs").products,
        ["SPK-1", "CHG-1", "BAT-1"]
    );
    assert_eq!(
        item(&result, "jp-specified-importer").reason.en,
        "applies because product has ac_adapter_included"
    );
}

/// Progress marking `id` done with a valid record for each required evidence template at `as_of`.
fn done_with_valid_evidence(id: &str, as_of: NaiveDate) -> ItemProgress {
    use landfall::checklist::catalogue::Validity;
    let catalogues = catalogues();
    let item = catalogues
        .iter()
        .flat_map(|c| c.items.iter())
        .find(|i| i.id == id)
        .unwrap();
    let far = date("2030-01-01");
    let evidence = item
        .evidence
        .iter()
        .filter(|t| t.required)
        .map(|t| {
            let mut record = record(&t.id);
            match t.validity {
                Validity::IssuedWithinDays { .. } => record.issued_on = Some(as_of),
                Validity::NotExpired | Validity::FixedExpiry { .. } => {
                    record.expires_on = Some(far)
                }
                Validity::PerShipment => record.shipment = Some("S1".into()),
                Validity::UntilChanged => record.file = Some("proof.pdf".into()),
            }
            record
        })
        .collect();
    ItemProgress {
        item: id.into(),
        status: ProgressStatus::Done,
        owner: None,
        reason: None,
        evidence,
    }
}

fn record(template: &str) -> EvidenceRecord {
    EvidenceRecord {
        template: template.into(),
        issued_on: None,
        expires_on: None,
        file: None,
        shipment: None,
        superseded: false,
    }
}

fn siv_progress(statement_issued: &str, id_expires: &str) -> Vec<ItemProgress> {
    let as_of = date("2026-11-22");
    let mut siv = done_with_valid_evidence("jp-siv", as_of);
    siv.evidence = vec![
        EvidenceRecord {
            expires_on: Some(date(id_expires)),
            ..record("photo-id")
        },
        EvidenceRecord {
            issued_on: Some(date(statement_issued)),
            ..record("statement")
        },
    ];
    vec![
        done_with_valid_evidence("jp-plan", as_of),
        done_with_valid_evidence("jp-registration", as_of),
        siv,
    ]
}

#[test]
fn bank_statement_is_good_for_exactly_180_days() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    // 2026-05-26 → 2026-11-22: 5 (May) + 30 + 31 + 31 + 30 + 31 + 22 = 180 days: still valid.
    let result = run(
        &plan,
        "2026-11-22",
        None,
        &siv_progress("2026-05-26", "2030-01-01"),
    );
    let siv = item(&result, "jp-siv");
    assert_eq!(siv.status, Status::Done);
    assert_eq!(siv.evidence[1].state, EvidenceState::Valid);
    assert_eq!(siv.evidence[1].valid_until, Some(date("2026-11-22")));
    assert_eq!(siv.reopened, None);

    // One day older: 181 days, flagged, and the item reopens.
    let result = run(
        &plan,
        "2026-11-22",
        None,
        &siv_progress("2026-05-25", "2030-01-01"),
    );
    let siv = item(&result, "jp-siv");
    assert_eq!(siv.status, Status::ToDo);
    assert_eq!(siv.evidence[1].state, EvidenceState::Stale);
    assert_eq!(
        siv.reopened.as_ref().unwrap().en,
        "reopened: Bank or credit-card statement (issued within 180 days): issued too long ago"
    );
    assert!(
        siv.reopened
            .as_ref()
            .unwrap()
            .fr
            .starts_with("rouvert : Relevé bancaire")
    );
}

#[test]
fn expired_identity_document_reopens_the_item() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    // An ID expiring on the as-of date is still good that day.
    let result = run(
        &plan,
        "2026-11-22",
        None,
        &siv_progress("2026-11-01", "2026-11-22"),
    );
    assert_eq!(item(&result, "jp-siv").status, Status::Done);
    let result = run(
        &plan,
        "2026-11-22",
        None,
        &siv_progress("2026-11-01", "2026-11-21"),
    );
    let siv = item(&result, "jp-siv");
    assert_eq!(siv.status, Status::ToDo);
    assert_eq!(siv.evidence[0].state, EvidenceState::Expired);
    assert_eq!(siv.evidence[0].valid_until, Some(date("2026-11-21")));
    // The same plan evaluated a year later: the statement has gone stale too.
    let later = run(
        &plan,
        "2027-11-22",
        None,
        &siv_progress("2026-11-01", "2030-01-01"),
    );
    assert_eq!(
        item(&later, "jp-siv").evidence[1].state,
        EvidenceState::Stale
    );
}

#[test]
fn missing_evidence_keeps_a_done_item_open_and_undated_evidence_is_flagged() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let mut progress = siv_progress("2026-11-01", "2030-01-01");
    progress[2].evidence.truncate(1);
    let result = run(&plan, "2026-11-22", None, &progress);
    assert_eq!(
        item(&result, "jp-siv").evidence[1].state,
        EvidenceState::Missing
    );
    assert_eq!(item(&result, "jp-siv").status, Status::ToDo);
    progress[2].evidence.push(record("statement"));
    let result = run(&plan, "2026-11-22", None, &progress);
    assert_eq!(
        item(&result, "jp-siv").evidence[1].state,
        EvidenceState::Undated
    );
}

#[test]
fn per_shipment_item_is_never_done_once() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let as_of = date("2026-11-22");
    let progress = vec![done_with_valid_evidence("jp-fba-inbound-docs", as_of)];
    let result = run(&plan, "2026-11-22", None, &progress);
    assert_eq!(
        item(&result, "jp-fba-inbound-docs").status,
        Status::Recurring
    );
}

#[test]
fn superseded_certificate_reopens_its_item() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let as_of = date("2026-11-22");
    let mut giteki = done_with_valid_evidence("jp-giteki", as_of);
    assert_eq!(
        item(
            &run(&plan, "2026-11-22", None, &[giteki.clone()]),
            "jp-giteki"
        )
        .status,
        Status::Done
    );
    giteki.evidence[0].superseded = true;
    let result = run(&plan, "2026-11-22", None, &[giteki]);
    let giteki = item(&result, "jp-giteki");
    assert_eq!(giteki.status, Status::ToDo);
    assert_eq!(giteki.evidence[0].state, EvidenceState::Superseded);
    // Items waiting for it are blocked again.
    assert_eq!(item(&result, "jp-giteki-listing").status, Status::Blocked);
    assert_eq!(item(&result, "jp-giteki-listing").blocked_by, ["jp-giteki"]);
}

fn counted_ids(result: &TargetChecklist) -> Vec<String> {
    result
        .checklist
        .items
        .iter()
        .filter(|i| {
            i.importance == landfall::checklist::catalogue::Importance::Mandatory
                && i.certainty == landfall::checklist::catalogue::Certainty::Confirmed
        })
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn readiness_counts_mandatory_confirmed_items_done_with_valid_evidence() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let as_of = date("2026-11-22");
    let fresh = run(&plan, "2026-11-22", None, &[]);
    let counted = counted_ids(&fresh);
    assert_eq!(counted.len(), 17);
    assert_eq!(
        (
            fresh.checklist.readiness.done,
            fresh.checklist.readiness.total
        ),
        (0, 17)
    );
    assert_eq!(fresh.checklist.readiness.percent, dec!(0));
    // Blockers first in the readiness: 15 launch-blocking, the 2 ongoing duties are "remaining".
    assert_eq!(fresh.checklist.readiness.blockers.len(), 15);
    assert_eq!(
        fresh.checklist.readiness.remaining,
        ["jp-cs-japanese-fba", "jp-metrics-odr"]
    );
    assert_eq!(
        fresh.checklist.readiness.not_counted,
        ["jp-jct-invoice-number", "jp-pl-insurance"]
    );

    let mut progress: Vec<ItemProgress> = counted
        .iter()
        .map(|id| done_with_valid_evidence(id, as_of))
        .collect();
    let all = run(&plan, "2026-11-22", None, &progress);
    assert_eq!(
        (all.checklist.readiness.done, all.checklist.readiness.total),
        (17, 17)
    );
    assert_eq!(all.checklist.readiness.percent, dec!(100));
    assert!(all.checklist.readiness.blockers.is_empty());

    // Reopen one: 16 / 17 = 94.1176… → 94.12, and it is listed as the launch blocker.
    progress.retain(|p| p.item != "jp-giteki-listing");
    let one_left = run(&plan, "2026-11-22", None, &progress);
    assert_eq!(
        (
            one_left.checklist.readiness.done,
            one_left.checklist.readiness.total
        ),
        (16, 17)
    );
    assert_eq!(one_left.checklist.readiness.percent, dec!(94.12));
    assert_eq!(one_left.checklist.readiness.blockers, ["jp-giteki-listing"]);

    // Watch and to-verify items marked done change nothing; a user "not applicable" leaves the count.
    progress.push(done_with_valid_evidence("jp-jct-invoice-number", as_of));
    progress.push(done_with_valid_evidence("jp-pl-insurance", as_of));
    progress.push(ItemProgress {
        item: "jp-giteki-listing".into(),
        status: ProgressStatus::NotApplicable,
        owner: None,
        reason: Some("sold only as a wired model".into()),
        evidence: vec![],
    });
    let adjusted = run(&plan, "2026-11-22", None, &progress);
    assert_eq!(
        (
            adjusted.checklist.readiness.done,
            adjusted.checklist.readiness.total
        ),
        (16, 16)
    );
    assert_eq!(adjusted.checklist.readiness.percent, dec!(100));
    assert_eq!(
        item(&adjusted, "jp-giteki-listing").status,
        Status::NotApplicable
    );
}

#[test]
fn watch_items_never_block_or_get_due_dates() {
    let plan = plan_with("amazon-jp", "mfn", &[], "");
    let result = run(&plan, "2026-11-22", Some("2027-01-31"), &[]);
    let watch = item(&result, "jp-low-value-exemption");
    assert_eq!(watch.due, None);
    assert!(!watch.launch_blocking);
    assert!(!result.checklist.readiness.blockers.contains(&watch.id));
}

#[test]
fn due_dates_count_back_from_the_launch() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let result = run(&plan, "2026-11-22", Some("2027-01-31"), &[]);
    assert_eq!(result.checklist.launch_date, date("2027-01-31"));
    assert!(!result.checklist.launch_date_is_earliest);
    // SIV takes 5 days, so registration (and the plan choice before it) is due 5 days before launch.
    assert_eq!(item(&result, "jp-siv").due, Some(date("2027-01-31")));
    assert_eq!(
        item(&result, "jp-registration").due,
        Some(date("2027-01-26"))
    );
    assert_eq!(item(&result, "jp-plan").due, Some(date("2027-01-26")));
    assert_eq!(
        item(&result, "jp-fba-dangerous-goods").due,
        Some(date("2027-01-31"))
    );
    // The non-blocking invoice number (21 days) does not pull the JCT assessment earlier.
    assert_eq!(
        item(&result, "jp-jct-assessment").due,
        Some(date("2027-01-31"))
    );
    assert!(result.checklist.items.iter().all(|i| !i.overdue));

    let late = run(&plan, "2027-01-27", Some("2027-01-31"), &[]);
    assert!(item(&late, "jp-registration").overdue);
    assert!(!item(&late, "jp-siv").overdue);
    // Blockers are listed by due date: the registration chain first.
    assert_eq!(
        late.checklist.readiness.blockers[..2],
        ["jp-plan", "jp-registration"]
    );
}

#[test]
fn earliest_launch_follows_the_longest_remaining_chain() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let as_of = date("2026-11-22");
    // plan (0) → registration (0) → SIV (5 days) is the longest blocking chain: 22 + 5 = 27 Nov.
    let result = run(&plan, "2026-11-22", None, &[]);
    assert!(result.checklist.launch_date_is_earliest);
    assert_eq!(result.checklist.launch_date, date("2026-11-27"));
    // With SIV done the dangerous-goods review (4 days) decides: 26 Nov.
    let progress: Vec<ItemProgress> = ["jp-plan", "jp-registration", "jp-siv"]
        .iter()
        .map(|id| done_with_valid_evidence(id, as_of))
        .collect();
    assert_eq!(
        run(&plan, "2026-11-22", None, &progress)
            .checklist
            .launch_date,
        date("2026-11-26")
    );
}

#[test]
fn other_marketplaces_apply_their_own_codes() {
    let codes = |plan: &Plan| -> Vec<String> {
        run(plan, "2026-11-22", None, &[])
            .checklist
            .items
            .iter()
            .filter_map(|i| i.code.clone())
            .collect()
    };
    let speaker = ["radio_emitter", "li_battery_contained"];
    assert_eq!(
        codes(&plan_with("amazon-us", "fba", &speaker, "")),
        [
            "us.siv",
            "us.2sv",
            "us.tax-interview",
            "us.sales-tax",
            "us.ior",
            "us.fcc",
            "us.fba.dangerous-goods"
        ]
    );
    assert_eq!(
        codes(&plan_with("amazon-de", "fba", &speaker, "")),
        [
            "eu.vat-registration",
            "eu.gpsr",
            "eu.ce",
            "eu.fba.dangerous-goods",
            "de.epr.packaging",
            "de.epr.weee",
            "de.epr.batteries"
        ]
    );
    assert_eq!(
        codes(&plan_with("amazon-fr", "mfn", &["textile_apparel"], "")),
        ["eu.gpsr", "eu.returns", "eu.cs-local", "fr.epr.uin"]
    );
    assert_eq!(
        codes(&plan_with("amazon-uk", "mfn", &speaker, "")),
        ["uk.low-value-vat", "uk.ukca", "uk.responsible-person"]
    );
    // A French seller is EU-established: Amazon is not the deemed supplier for it.
    let de = run(
        &plan_with("amazon-de", "mfn", &[], ""),
        "2026-11-22",
        None,
        &[],
    );
    let deemed = de
        .checklist
        .not_applicable
        .iter()
        .find(|n| n.id == "eu-deemed-supplier")
        .unwrap();
    assert_eq!(deemed.reason.en, "does not apply: seller_in_eu = true");
}

#[test]
fn us_thresholds_follow_the_projection() {
    let mut plan = plan_with("amazon-us", "fba", &[], "");
    let ids_of = |plan: &Plan| -> Vec<String> {
        run(plan, "2026-11-22", None, &[])
            .checklist
            .items
            .iter()
            .map(|i| i.id.clone())
            .collect()
    };
    assert!(!ids_of(&plan).contains(&"us-insurance".to_string()));
    let text = format!(
        "{}monthly_sales = {{ amount = \"10001\", currency = \"USD\" }}\nmonthly_units = 17\n",
        plan.to_toml()
            .unwrap()
            .split("[[products]]")
            .next()
            .unwrap()
    );
    let with_sales = parse_plan(
        "sales",
        &(text + "[[products]]\nsku = \"P\"\nname = \"p\"\n"),
    )
    .unwrap();
    let found = ids_of(&with_sales);
    assert!(found.contains(&"us-insurance".to_string()));
    // 17 units × 12 = 204 ≥ 200 and 10,001 × 12 ≥ 5,000 USD: INFORM verification applies.
    assert!(found.contains(&"us-inform".to_string()));
    plan.targets[0].monthly_units = Some(16);
    assert!(!ids_of(&plan).contains(&"us-inform".to_string()));
}

#[test]
fn every_target_gets_its_own_checklist() {
    let text = EXAMPLE.replace(
        "[[products]]",
        "[[targets]]\nmarketplace = \"amazon-de\"\nfulfilment = \"mfn\"\nchannel = \"both\"\n\n[[products]]",
    );
    let plan = parse_plan("two targets", &text).unwrap();
    let results = landfall::checklist::engine::evaluate_plan(
        &plan,
        &catalogues(),
        date("2026-11-22"),
        None,
        &[],
    );
    let markets: Vec<String> = results.iter().map(|r| r.marketplace.to_string()).collect();
    assert_eq!(markets, ["amazon-jp", "amazon-de"]);
    assert_eq!(
        ids(&results[1]),
        [
            "eu-siv",
            "eu-2sv",
            "eu-gpsr",
            "eu-ce",
            "eu-returns",
            "eu-cs-local",
            "de-epr-packaging",
            "de-epr-weee",
            "de-epr-batteries"
        ]
    );
    assert_eq!(
        item(&results[1], "de-epr-weee").reason.en,
        "applies because product is electrical or electronic equipment (radio_emitter, li_battery_contained)"
    );
    assert_eq!(
        item(&results[1], "de-epr-weee").reason.fr,
        "s'applique car le produit est un équipement électrique ou électronique (radio_emitter, li_battery_contained)"
    );
}

#[test]
fn verification_older_than_a_year_is_flagged() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    // Items were verified on 2026-11-22: 365 days later is still fine, 366 is flagged.
    assert!(!item(&run(&plan, "2027-11-22", None, &[]), "jp-siv").needs_reverification);
    assert!(item(&run(&plan, "2027-11-23", None, &[]), "jp-siv").needs_reverification);
}
