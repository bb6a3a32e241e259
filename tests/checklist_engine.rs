//! The checklist engine on the example plan and on constructed profiles: exact applicable sets per
//! section (marketplace target, own store or Rakuten shop, shared product law), order, reasons in
//! words, what must not apply, what depends on an answer, evidence validity on boundary dates, due
//! dates and readiness.

use chrono::NaiveDate;
use landfall::checklist::bundled::catalogues as bundled;
use landfall::checklist::catalogue::{CatalogueKey, Catalogues, Importance, Region};
use landfall::checklist::engine::{
    Checklist, EvidenceRecord, EvidenceState, ItemProgress, ItemResult, PlanChecklist,
    ProgressStatus, SharedChecklist, Status, evaluate_plan,
};
use landfall::checklist::facts::Fact;
use landfall::plan::{Input, InputRef};
use landfall::plan::{Marketplace, Plan, parse_plan};
use rust_decimal_macros::dec;

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn catalogues() -> Catalogues {
    bundled().unwrap()
}

fn run(plan: &Plan, as_of: &str, launch: Option<&str>, progress: &[ItemProgress]) -> PlanChecklist {
    let packs = landfall::channels::bundled_channels().unwrap();
    let own_stores = landfall::channels::own_stores(plan, &packs);
    evaluate_plan(
        plan,
        &catalogues(),
        &own_stores,
        date(as_of),
        launch.map(date),
        progress,
    )
}

fn ids(checklist: &Checklist) -> Vec<&str> {
    checklist.items.iter().map(|i| i.id.as_str()).collect()
}

fn not_applicable(checklist: &Checklist) -> Vec<&str> {
    checklist
        .not_applicable
        .iter()
        .map(|n| n.id.as_str())
        .collect()
}

fn item<'a>(result: &'a PlanChecklist, id: &str) -> &'a ItemResult {
    result
        .item(id)
        .unwrap_or_else(|| panic!("{id} applies or depends on an answer"))
}

fn shared(result: &PlanChecklist, key: CatalogueKey) -> &SharedChecklist {
    result
        .shared
        .iter()
        .find(|s| s.scope == key)
        .unwrap_or_else(|| panic!("{key} is evaluated"))
}

fn na_reason<'a>(checklist: &'a Checklist, id: &str) -> &'a str {
    &checklist
        .not_applicable
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("{id} does not apply"))
        .reason
        .en
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

/// The items that name the SKUs they apply to: the product law of Japan, then Amazon's product gates.
fn product_items(result: &PlanChecklist) -> Vec<&str> {
    shared(result, CatalogueKey::Goods(Region::Jp))
        .checklist
        .items
        .iter()
        .chain(result.targets[0].checklist.items.iter())
        .filter(|i| !i.products.is_empty())
        .map(|i| i.id.as_str())
        .collect()
}

#[test]
fn example_plan_exact_items_per_section_in_dependency_order() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let result = run(&plan, "2026-11-22", None, &[]);
    let target = &result.targets[0].checklist;
    assert_eq!(
        ids(target),
        [
            "jp-plan",
            "jp-registration",
            "jp-linked-accounts",
            "jp-siv",
            "jp-2sv",
            "jp-seller-info",
            "jp-detail-page",
            "jp-bil",
            "jp-brand-registry",
            "jp-cs-japanese-fba",
            "jp-metrics-odr",
            "jp-jct-invoice-number",
            "jp-fba-prep",
            "jp-fba-dangerous-goods",
            "jp-fba-inbound-docs",
            "jp-giteki-listing",
            "jp-compliance-docs",
            "jp-points",
            "jp-pl-insurance",
        ]
    );
    // Japan's product law follows the goods: once, for the three channels selling into Japan.
    let goods = shared(&result, CatalogueKey::Goods(Region::Jp));
    assert_eq!(
        ids(&goods.checklist),
        [
            "jp-landed-cost",
            "jp-ior",
            "jp-customs-valuation",
            "jp-jct-assessment",
            "jp-trademark",
            "jp-distribution-rights",
            "jp-giteki",
            "jp-accident-report",
        ]
    );
    let channels: Vec<String> = goods
        .channels
        .iter()
        .map(|c| {
            c.channel
                .clone()
                .unwrap_or_else(|| c.marketplace.unwrap().to_string())
        })
        .collect();
    assert_eq!(channels, ["amazon-jp", "own-store-jp", "rakuten"]);
    assert!(
        goods
            .checklist
            .items
            .iter()
            .all(|item| item.channels.len() == 3),
        "every Japanese product rule concerns the target, the own store and the Rakuten shop"
    );
    // Precision: a USB-powered speaker with a built-in battery needs no PSE and no specified-importer
    // filing; pure FBA needs no Japanese returns address, no DDP and no seller-side Japanese service.
    for id in [
        "jp-pse-specified",
        "jp-pse-non-specified",
        "jp-specified-importer",
        "jp-low-value-exemption",
        "jp-food-notification",
        "jp-cosmetics-mah",
        "jp-textile-label",
    ] {
        assert!(
            not_applicable(&goods.checklist).contains(&id),
            "{id} must not apply"
        );
    }
    for id in [
        "jp-mobile-battery-approval",
        "jp-returns",
        "jp-ddp",
        "jp-cs-japanese",
        "jp-metrics-mfn",
    ] {
        assert!(not_applicable(target).contains(&id), "{id} must not apply");
    }
    // Leaving the EU: a French seller exports; the speaker is made in China, so no EU preferential origin.
    let export = shared(&result, CatalogueKey::ExportEu);
    assert_eq!(
        ids(&export.checklist),
        ["eu-export-eori", "eu-export-declaration"]
    );
    assert_eq!(
        na_reason(&export.checklist, "eu-export-origin"),
        "Does not apply: product made outside the EU"
    );
    assert_eq!(
        ids(&shared(&result, CatalogueKey::AmazonAccount).checklist),
        [
            "account-health-daily",
            "account-enforcement",
            "account-appeal",
            "account-one-account",
            "account-no-diversion",
            "account-reviews",
            "account-images",
        ]
    );
    // Every item of every catalogue is either listed or said not to apply, in each section.
    for checklist in [target, &goods.checklist, &export.checklist] {
        assert!(checklist.items.iter().all(|i| !i.undecided));
    }
    assert_eq!(
        target.items.len() + target.not_applicable.len(),
        catalogues().get(Marketplace::AmazonJp).unwrap().items.len()
    );
    // The own store and the Rakuten shop have their own catalogues too.
    let scopes: Vec<(&str, CatalogueKey)> = result
        .stores
        .iter()
        .map(|s| (s.channel.as_str(), s.scope))
        .collect();
    assert_eq!(
        scopes,
        [
            ("own-store-jp", CatalogueKey::OwnStore),
            ("rakuten", CatalogueKey::Rakuten)
        ]
    );
    assert_eq!(
        ids(&result.stores[1].checklist),
        [
            "rakuten-eligibility",
            "rakuten-japanese-operations",
            "rakuten-shop-info",
            "rakuten-shipping-returns",
            "rakuten-payment-points",
        ]
    );
    assert_eq!(
        na_reason(&result.stores[1].checklist, "rakuten-duties"),
        "Does not apply: stock held in the market by a logistics provider"
    );
}

#[test]
fn reasons_are_words_in_both_languages() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let result = run(&plan, "2026-11-22", None, &[]);
    let dg = item(&result, "jp-fba-dangerous-goods");
    assert_eq!(
        dg.reason.en,
        "Applies: orders fulfilled by Amazon; product: built-in lithium battery"
    );
    assert_eq!(
        dg.reason.fr,
        "S’applique\u{a0}: commandes expédiées par Amazon ; produit\u{a0}: batterie lithium intégrée"
    );
    assert_eq!(dg.products, ["SPK-1"]);
    assert_eq!(
        item(&result, "jp-giteki").reason.en,
        "Applies: product: radio transmitter (Bluetooth, Wi-Fi…)"
    );
    assert_eq!(
        item(&result, "jp-siv").reason.en,
        "Applies to every seller on this marketplace"
    );
    assert_eq!(
        item(&result, "jp-landed-cost").reason.fr,
        "S’applique à tout produit vendu sur ce marché, quel que soit le canal"
    );
    assert!(item(&result, "jp-siv").products.is_empty());
    let target = &result.targets[0].checklist;
    assert_eq!(
        na_reason(target, "jp-returns"),
        "Does not apply: orders fulfilled by Amazon"
    );
    let goods = &shared(&result, CatalogueKey::Goods(Region::Jp)).checklist;
    assert_eq!(
        na_reason(goods, "jp-pse-specified"),
        "Does not apply: no product: AC adapter in the box"
    );
    // No field names, ids or file syntax in any reason, in either language.
    for reason in result.items().map(|i| &i.reason) {
        for text in [&reason.en, &reason.fr] {
            assert!(
                !text.contains('_') && !text.contains('`') && !text.contains("=="),
                "{text}"
            );
        }
    }
}

#[test]
fn merchant_fulfilled_swaps_import_items_for_ddp_returns_and_japanese_service() {
    let plan = plan_with(
        "amazon-jp",
        "mfn",
        &["radio_emitter", "li_battery_contained"],
        "origin = \"FR\"\n",
    );
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        ids(&result.targets[0].checklist),
        [
            "jp-plan",
            "jp-registration",
            "jp-linked-accounts",
            "jp-siv",
            "jp-2sv",
            "jp-seller-info",
            "jp-detail-page",
            "jp-bil",
            "jp-brand-registry",
            "jp-cs-japanese",
            "jp-ddp",
            "jp-returns",
            "jp-restocking",
            "jp-metrics-odr",
            "jp-metrics-mfn",
            "jp-giteki-listing",
            "jp-compliance-docs",
            "jp-points",
            "jp-pl-insurance",
        ]
    );
    let goods = &shared(&result, CatalogueKey::Goods(Region::Jp)).checklist;
    assert_eq!(
        ids(goods),
        [
            "jp-landed-cost",
            "jp-jct-assessment-mfn",
            "jp-low-value-exemption",
            "jp-trademark",
            "jp-distribution-rights",
            "jp-giteki",
            "jp-accident-report",
        ]
    );
    assert_eq!(
        na_reason(&result.targets[0].checklist, "jp-jct-invoice-number"),
        "Does not apply: orders shipped by you, parcel by parcel; sold to consumers"
    );
    for id in ["jp-ior", "jp-customs-valuation", "jp-jct-assessment"] {
        assert!(
            not_applicable(goods).contains(&id),
            "{id} must not apply to MFN"
        );
    }
    for id in [
        "jp-fba-prep",
        "jp-fba-dangerous-goods",
        "jp-fba-inbound-docs",
        "jp-cs-japanese-fba",
    ] {
        assert!(
            not_applicable(&result.targets[0].checklist).contains(&id),
            "{id} must not apply to MFN"
        );
    }
    // A product made in France: the statement on origin of the EU-Japan agreement is worth it.
    let export = shared(&result, CatalogueKey::ExportEu);
    assert_eq!(
        ids(&export.checklist),
        [
            "eu-export-eori",
            "eu-export-declaration",
            "eu-export-origin",
            "eu-export-rex"
        ]
    );
}

#[test]
fn business_buyers_bring_the_invoice_number_and_business_targets() {
    let mut plan = plan_with("amazon-jp", "mfn", &[], "");
    plan.targets[0].channel = landfall::plan::Channel::B2b;
    let result = run(&plan, "2026-11-22", None, &[]);
    assert_eq!(
        item(&result, "jp-jct-invoice-number").reason.en,
        "Applies: sold to businesses"
    );
    assert_eq!(
        item(&result, "jp-amazon-business-metrics").reason.en,
        "Applies: sold to businesses"
    );
    // The JCT assessment does not apply to MFN, so the invoice number waits for nothing.
    assert!(item(&result, "jp-jct-invoice-number").depends_on.is_empty());
}

#[test]
fn product_families_on_amazon_jp_fba() {
    let cases: [(&[&str], &str, &[&str]); 13] = [
        (
            &["radio_emitter", "li_battery_contained"],
            "",
            &[
                "jp-giteki",
                "jp-accident-report",
                "jp-fba-dangerous-goods",
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
                "jp-accident-report",
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
                "jp-accident-report",
                "jp-compliance-docs",
            ],
        ),
        (
            &["mobile_battery"],
            "",
            &[
                "jp-specified-importer",
                "jp-pse-non-specified",
                "jp-accident-report",
                "jp-fba-dangerous-goods",
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
                "jp-liquor-label",
                "jp-liquor-age-notice",
                "jp-compliance-docs",
            ],
        ),
        (
            &["cosmetic"],
            "",
            &[
                "jp-cosmetics-standards",
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
                "jp-food-notification",
                "jp-accident-report",
                "jp-toy-safety-docs",
                "jp-compliance-docs",
            ],
        ),
        (
            &["toy"],
            "toy_age_min_months = 48\n",
            &[
                "jp-toy-food-sanitation",
                "jp-food-notification",
                "jp-accident-report",
                "jp-toy-safety-docs",
                "jp-compliance-docs",
            ],
        ),
        (
            &["toy"],
            "toy_age_min_months = 96\n",
            &[
                "jp-accident-report",
                "jp-toy-safety-docs",
                "jp-compliance-docs",
            ],
        ),
        (
            &["textile_apparel"],
            "",
            &[
                "jp-textile-label",
                "jp-accident-report",
                "jp-compliance-docs",
            ],
        ),
    ];
    for (flags, extra, expected) in cases {
        let plan = plan_with("amazon-jp", "fba", flags, extra);
        let result = run(&plan, "2026-11-22", None, &[]);
        assert_eq!(product_items(&result), expected, "flags {flags:?} {extra}");
    }
}

#[test]
fn fba_inbound_waits_for_the_japanese_labels_and_ps_marks_for_the_specified_importer() {
    let plan = plan_with(
        "amazon-jp",
        "fba",
        &["food", "alcohol", "textile_apparel"],
        "",
    );
    let result = run(&plan, "2026-11-22", None, &[]);
    let inbound = item(&result, "jp-fba-inbound-docs");
    assert_eq!(
        inbound.depends_on,
        [
            "jp-ior",
            "jp-fba-prep",
            "jp-food-label",
            "jp-liquor-label",
            "jp-textile-label"
        ]
    );
    assert_eq!(inbound.status, Status::Blocked);
    assert!(inbound.blocked_by.contains(&"jp-textile-label".to_owned()));
    let plan = plan_with("amazon-jp", "fba", &["cosmetic"], "");
    let result = run(&plan, "2026-11-22", None, &[]);
    assert!(
        item(&result, "jp-fba-inbound-docs")
            .depends_on
            .contains(&"jp-pmd-label".to_owned())
    );
    assert_eq!(
        item(&result, "jp-cosmetics-notification").depends_on,
        ["jp-cosmetics-mah", "jp-cosmetics-standards"]
    );
    let plan = plan_with(
        "amazon-jp",
        "fba",
        &[
            "mains_electrical",
            "ac_adapter_included",
            "psc_specified_product",
            "gas_appliance",
            "toy",
        ],
        "toy_age_min_months = 12\n",
    );
    let result = run(&plan, "2026-11-22", None, &[]);
    for id in [
        "jp-pse-specified",
        "jp-pse-non-specified",
        "jp-psc",
        "jp-gas-appliance",
        "jp-child-psc",
    ] {
        assert_eq!(
            item(&result, id).depends_on,
            ["jp-specified-importer"],
            "{id}"
        );
        assert_eq!(item(&result, id).blocked_by, ["jp-specified-importer"]);
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
            result.targets[0]
                .checklist
                .readiness
                .not_counted
                .contains(&id.to_string())
        );
        assert!(!item(&result, id).launch_blocking);
    }
    // FBA refuses chilled food: the item telling the seller to route it elsewhere applies only with FBA.
    let chilled = plan_with("amazon-jp", "fba", &["food", "chilled_frozen"], "");
    assert!(
        ids(&run(&chilled, "2026-11-22", None, &[]).targets[0].checklist)
            .contains(&"jp-fba-no-chilled")
    );
    let chilled_mfn = plan_with("amazon-jp", "mfn", &["food", "chilled_frozen"], "");
    assert!(
        !ids(&run(&chilled_mfn, "2026-11-22", None, &[]).targets[0].checklist)
            .contains(&"jp-fba-no-chilled")
    );
    // Wine shipped from abroad: whether a Japanese licence is needed is left to verify, not dropped.
    let wine = plan_with("amazon-jp", "mfn", &["food", "alcohol"], "");
    let result = run(&wine, "2026-11-22", None, &[]);
    assert_eq!(
        item(&result, "jp-liquor-licence-mfn").certainty,
        landfall::checklist::catalogue::Certainty::ToVerify
    );
    assert_eq!(
        item(&result, "jp-liquor-age-notice").depends_on,
        ["jp-liquor-licence-mfn"]
    );
}

#[test]
fn a_toy_without_an_age_is_a_question_not_a_no() {
    let plan = plan_with("amazon-jp", "fba", &["toy"], "");
    let result = run(&plan, "2026-11-22", None, &[]);
    let child_psc = item(&result, "jp-child-psc");
    assert!(child_psc.undecided);
    assert_eq!(
        child_psc.reason.en,
        "Depends on the toy’s minimum age (not in the plan yet)"
    );
    assert_eq!(
        child_psc.reason.fr,
        "Dépend de\u{a0}: âge minimum du jouet (pas encore dans le plan)"
    );
    assert_eq!(child_psc.questions.len(), 1);
    assert_eq!(
        child_psc.questions[0].input,
        InputRef {
            input: Input::ToyAge,
            sku: Some("P-1".into()),
            marketplace: None,
            channel: None,
        }
    );
    assert_eq!(
        child_psc.questions[0].text.en,
        "From what age, in months, is the toy meant? The rule applies under 36 months."
    );
    // It counts, as not done, and holds the launch: the seller must answer before selling.
    let readiness = &result.targets[0].checklist.readiness;
    assert!(readiness.blockers.contains(&"jp-child-psc".to_owned()));
    // Items that hold for any toy still apply outright.
    assert!(!item(&result, "jp-toy-safety-docs").undecided);
    // Answering the question decides it.
    let answered = plan_with("amazon-jp", "fba", &["toy"], "toy_age_min_months = 60\n");
    let result = run(&answered, "2026-11-22", None, &[]);
    let goods = &shared(&result, CatalogueKey::Goods(Region::Jp)).checklist;
    assert_eq!(
        na_reason(goods, "jp-child-psc"),
        "Does not apply: toy for children from 60 months (rule: under 36 months)"
    );
}

#[test]
fn a_toy_seller_on_amazon_com_without_sales_figures_is_asked_for_them() {
    // The S12 case: a French toy maker on Amazon.com, no projection in the plan.
    let plan = plan_with("amazon-us", "fba", &["toy"], "toy_age_min_months = 36\n");
    let result = run(&plan, "2026-11-22", None, &[]);
    let target = &result.targets[0].checklist;
    let insurance = item(&result, "us-insurance");
    assert!(insurance.undecided, "listed, not dropped");
    assert!(ids(target).contains(&"us-insurance") && ids(target).contains(&"us-inform"));
    assert_eq!(
        insurance.reason.en,
        "Depends on monthly sales (not in the plan yet)"
    );
    assert_eq!(
        insurance.questions[0].input,
        InputRef {
            input: Input::MonthlySales,
            sku: None,
            marketplace: Some(Marketplace::AmazonUs),
            channel: None,
        }
    );
    assert_eq!(
        insurance.questions[0].text.en,
        "What are the expected monthly sales? The rule applies above 10,000\u{a0}USD a month."
    );
    let inform = item(&result, "us-inform");
    assert!(inform.undecided);
    assert_eq!(
        inform.reason.en,
        "Depends on units sold a month (not in the plan yet) and monthly sales (not in the plan yet)"
    );
    let inputs: Vec<Input> = inform.questions.iter().map(|q| q.input.input).collect();
    assert_eq!(inputs, [Input::MonthlyUnits, Input::MonthlySales]);
    // Both count in readiness as not done (they are mandatory), neither blocks the launch.
    assert!(
        target
            .readiness
            .remaining
            .contains(&"us-insurance".to_owned())
    );
    assert!(target.readiness.remaining.contains(&"us-inform".to_owned()));
    // The toy rules of the US follow the goods.
    assert_eq!(
        ids(&shared(&result, CatalogueKey::Goods(Region::Us)).checklist),
        [
            "us-ior",
            "us-cpc",
            "us-tracking-label",
            "us-prop65",
            "us-cpsc-report"
        ]
    );
}

#[test]
fn every_fact_a_catalogue_cannot_take_from_the_plan_is_asked_for() {
    // The facts a catalogue condition reads that a plan may leave out, as found in the catalogues...
    let mut read: Vec<Fact> = catalogues()
        .iter()
        .flat_map(|c| c.items.iter())
        .flat_map(|i| i.applies_when.expr.facts())
        .filter(|fact| fact.input().is_some())
        .collect();
    read.sort();
    read.dedup();
    // ...and, for each, a plan without it and an item that must be listed with the question.
    let toy = plan_with("amazon-us", "fba", &["toy"], "");
    let no_sales = plan_with("amazon-us", "fba", &[], "");
    let no_origin = plan_with("amazon-jp", "mfn", &[], "");
    let store = parse_plan(
        "store",
        "[plan]\nname = \"s\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
         [seller]\ncountry = \"FR\"\nentity = \"company\"\n\
         [[products]]\nsku = \"W-1\"\nname = \"wine\"\nflags = [\"food\", \"alcohol\"]\norigin = \"FR\"\n\
         [[channels]]\nid = \"shop\"\npack = \"shopify-basic\"\nmarket = \"jp\"\n",
    )
    .unwrap();
    let cases: Vec<(Fact, &Plan, &str, InputRef)> = vec![
        (
            Fact::Fulfilment,
            &store,
            "jp-ior",
            InputRef {
                input: Input::Fulfilment,
                sku: None,
                marketplace: None,
                channel: Some("shop".into()),
            },
        ),
        (
            Fact::ToyAgeMinMonths,
            &toy,
            "us-cpc",
            InputRef {
                input: Input::ToyAge,
                sku: Some("P-1".into()),
                marketplace: None,
                channel: None,
            },
        ),
        (
            Fact::OriginInEu,
            &no_origin,
            "eu-export-origin",
            InputRef {
                input: Input::Origin,
                sku: Some("P-1".into()),
                marketplace: None,
                channel: None,
            },
        ),
        (
            Fact::MonthlySales,
            &no_sales,
            "us-insurance",
            InputRef {
                input: Input::MonthlySales,
                sku: None,
                marketplace: Some(Marketplace::AmazonUs),
                channel: None,
            },
        ),
        (
            Fact::AnnualSales,
            &no_sales,
            "us-inform",
            InputRef {
                input: Input::MonthlySales,
                sku: None,
                marketplace: Some(Marketplace::AmazonUs),
                channel: None,
            },
        ),
        (
            Fact::AnnualUnits,
            &no_sales,
            "us-inform",
            InputRef {
                input: Input::MonthlyUnits,
                sku: None,
                marketplace: Some(Marketplace::AmazonUs),
                channel: None,
            },
        ),
    ];
    let mut covered: Vec<Fact> = cases.iter().map(|(fact, ..)| *fact).collect();
    covered.sort();
    assert_eq!(
        covered, read,
        "every fact a condition reads has a case here"
    );
    for (fact, plan, id, input) in cases {
        let result = run(plan, "2026-11-22", None, &[]);
        let listed = item(&result, id);
        assert!(listed.undecided, "{fact:?}: {id} depends on the answer");
        assert!(
            listed.questions.iter().any(|q| q.input == input),
            "{fact:?}: {id} asks {input:?}, not {:?}",
            listed.questions
        );
    }
}

#[test]
fn specified_importer_rule_starts_on_25_december_2025() {
    let plan = plan_with("amazon-jp", "mfn", &["ac_adapter_included"], "");
    let before = run(&plan, "2025-12-24", None, &[]);
    let goods = &shared(&before, CatalogueKey::Goods(Region::Jp)).checklist;
    assert_eq!(
        na_reason(goods, "jp-specified-importer"),
        "Not yet in force: applies from 25 Dec 2025"
    );
    assert_eq!(
        item(&before, "jp-pse-specified").depends_on,
        Vec::<String>::new()
    );
    let on = run(&plan, "2025-12-25", None, &[]);
    assert_eq!(
        item(&on, "jp-specified-importer").reason.en,
        "Applies: product: AC adapter in the box"
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
        "Applies: product: AC adapter in the box"
    );
}

/// Progress marking `id` done with a valid record for each required evidence template at `as_of`.
fn done_with_valid_evidence(id: &str, as_of: NaiveDate) -> ItemProgress {
    use landfall::checklist::catalogue::Validity;
    let catalogues = catalogues();
    let item = catalogues.find_item(id).unwrap();
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
    assert_eq!(
        siv.reopened.as_ref().unwrap().fr,
        "rouvert\u{a0}: Relevé bancaire ou de carte (émis dans les 180 jours)\u{a0}: émis il y a trop longtemps"
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
fn superseded_certificate_reopens_its_item_and_blocks_other_channels_waiting_for_it() {
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
    // The Amazon items waiting for the shared radio certificate are blocked again.
    assert_eq!(item(&result, "jp-giteki-listing").status, Status::Blocked);
    assert_eq!(item(&result, "jp-giteki-listing").blocked_by, ["jp-giteki"]);
}

fn counted_ids(checklist: &Checklist, result: &PlanChecklist) -> Vec<String> {
    // A target counts its own items and the shared ones that concern it.
    let reference = checklist.items.first().map(|_| ());
    let _ = reference;
    result
        .shared
        .iter()
        .flat_map(|s| s.checklist.items.iter())
        .filter(|i| {
            i.channels
                .iter()
                .any(|c| c.marketplace == Some(Marketplace::AmazonJp))
        })
        .chain(checklist.items.iter())
        .filter(|i| {
            i.importance == Importance::Mandatory
                && i.certainty == landfall::checklist::catalogue::Certainty::Confirmed
        })
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn readiness_counts_a_targets_items_and_the_shared_items_that_concern_it() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let as_of = date("2026-11-22");
    let fresh = run(&plan, "2026-11-22", None, &[]);
    let target = &fresh.targets[0].checklist;
    let counted = counted_ids(target, &fresh);
    // 13 Amazon.co.jp items, 7 Japanese product-law items, 2 export items, 5 account rules.
    assert_eq!(counted.len(), 27);
    assert_eq!((target.readiness.done, target.readiness.total), (0, 27));
    assert_eq!(target.readiness.percent, dec!(0));
    // 19 launch-blocking; the 8 ongoing duties are "remaining".
    assert_eq!(target.readiness.blockers.len(), 19);
    assert_eq!(
        target.readiness.remaining,
        [
            "jp-accident-report",
            "account-health-daily",
            "account-one-account",
            "account-no-diversion",
            "account-reviews",
            "account-images",
            "jp-cs-japanese-fba",
            "jp-metrics-odr",
        ]
    );
    assert_eq!(
        target.readiness.not_counted,
        ["jp-jct-invoice-number", "jp-pl-insurance"]
    );

    let mut progress: Vec<ItemProgress> = counted
        .iter()
        .map(|id| done_with_valid_evidence(id, as_of))
        .collect();
    let all = run(&plan, "2026-11-22", None, &progress);
    let readiness = &all.targets[0].checklist.readiness;
    assert_eq!((readiness.done, readiness.total), (27, 27));
    assert_eq!(readiness.percent, dec!(100));
    assert!(readiness.blockers.is_empty());

    // Reopen one: 26 / 27 = 96.296… → 96.30, and it is listed as the launch blocker.
    progress.retain(|p| p.item != "jp-giteki-listing");
    let one_left = run(&plan, "2026-11-22", None, &progress);
    let readiness = &one_left.targets[0].checklist.readiness;
    assert_eq!((readiness.done, readiness.total), (26, 27));
    assert_eq!(readiness.percent, dec!(96.30));
    assert_eq!(readiness.blockers, ["jp-giteki-listing"]);

    // A shared item left undone blocks every channel it concerns: the own store too.
    progress.retain(|p| p.item != "jp-giteki");
    let shared_left = run(&plan, "2026-11-22", None, &progress);
    assert!(
        shared_left.stores[0]
            .checklist
            .readiness
            .blockers
            .contains(&"jp-giteki".to_owned())
    );
    progress.push(done_with_valid_evidence("jp-giteki", as_of));

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
    let readiness = &adjusted.targets[0].checklist.readiness;
    assert_eq!((readiness.done, readiness.total), (26, 26));
    assert_eq!(readiness.percent, dec!(100));
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
    assert!(
        !result.targets[0]
            .checklist
            .readiness
            .blockers
            .contains(&watch.id)
    );
}

#[test]
fn due_dates_count_back_from_the_launch() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let result = run(&plan, "2026-11-22", Some("2027-01-31"), &[]);
    let target = &result.targets[0].checklist;
    assert_eq!(target.launch_date, date("2027-01-31"));
    assert!(!target.launch_date_is_earliest);
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
    // The non-blocking invoice number (21 days) does not pull the shared JCT assessment earlier.
    assert_eq!(
        item(&result, "jp-jct-assessment").due,
        Some(date("2027-01-31"))
    );
    assert!(result.items().all(|i| !i.overdue));

    let late = run(&plan, "2027-01-27", Some("2027-01-31"), &[]);
    assert!(item(&late, "jp-registration").overdue);
    assert!(!item(&late, "jp-siv").overdue);
    // Blockers are listed by due date: the registration chain first.
    assert_eq!(
        late.targets[0].checklist.readiness.blockers[..2],
        ["jp-plan", "jp-registration"]
    );
}

#[test]
fn earliest_launch_follows_the_longest_remaining_chain() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let as_of = date("2026-11-22");
    // plan (0) → registration (0) → SIV (5 days) is the longest blocking chain: 22 + 5 = 27 Nov.
    let result = run(&plan, "2026-11-22", None, &[]);
    assert!(result.targets[0].checklist.launch_date_is_earliest);
    assert_eq!(result.targets[0].checklist.launch_date, date("2026-11-27"));
    // The shared sections launch with the earliest channel they concern.
    assert_eq!(
        shared(&result, CatalogueKey::Goods(Region::Jp))
            .checklist
            .launch_date,
        date("2026-11-22")
    );
    // With SIV done the dangerous-goods review (4 days) decides: 26 Nov.
    let progress: Vec<ItemProgress> = ["jp-plan", "jp-registration", "jp-siv"]
        .iter()
        .map(|id| done_with_valid_evidence(id, as_of))
        .collect();
    assert_eq!(
        run(&plan, "2026-11-22", None, &progress).targets[0]
            .checklist
            .launch_date,
        date("2026-11-26")
    );
}

fn codes(checklist: &Checklist) -> Vec<&str> {
    checklist
        .items
        .iter()
        .filter_map(|i| i.code.as_deref())
        .collect()
}

#[test]
fn other_marketplaces_apply_their_own_codes_and_their_market_s_product_law() {
    let speaker = ["radio_emitter", "li_battery_contained"];
    let us = run(
        &plan_with("amazon-us", "fba", &speaker, ""),
        "2026-11-22",
        None,
        &[],
    );
    assert_eq!(
        codes(&us.targets[0].checklist),
        [
            "us.siv",
            "us.2sv",
            "us.tax-interview",
            "us.sales-tax",
            "us.fba.dangerous-goods",
            "us.insurance",
            "us.inform",
            "us.fcc"
        ]
    );
    assert_eq!(
        codes(&shared(&us, CatalogueKey::Goods(Region::Us)).checklist),
        ["us.ior", "us.fcc", "us.prop65", "us.product-incidents"]
    );
    let de = run(
        &plan_with("amazon-de", "fba", &speaker, ""),
        "2026-11-22",
        None,
        &[],
    );
    assert_eq!(
        codes(&de.targets[0].checklist),
        ["eu.vat-registration", "eu.fba.dangerous-goods"]
    );
    assert_eq!(
        codes(&shared(&de, CatalogueKey::Goods(Region::Eu)).checklist),
        [
            "eu.gpsr",
            "eu.ce",
            "eu.batteries",
            "de.epr.packaging",
            "de.epr.weee",
            "de.epr.batteries",
            "eu.product-incidents"
        ]
    );
    assert!(
        !de.shared.iter().any(|s| s.scope == CatalogueKey::ExportEu),
        "selling from France to Germany leaves nothing"
    );
    let fr = run(
        &plan_with("amazon-fr", "mfn", &["textile_apparel"], ""),
        "2026-11-22",
        None,
        &[],
    );
    assert_eq!(
        codes(&fr.targets[0].checklist),
        ["eu.returns", "eu.cs-local"]
    );
    assert_eq!(
        codes(&shared(&fr, CatalogueKey::Goods(Region::Eu)).checklist),
        ["eu.gpsr", "fr.epr.uin", "eu.product-incidents"]
    );
    let uk = run(
        &plan_with("amazon-uk", "mfn", &speaker, ""),
        "2026-11-22",
        None,
        &[],
    );
    assert_eq!(codes(&uk.targets[0].checklist), ["uk.low-value-vat"]);
    assert_eq!(
        codes(&shared(&uk, CatalogueKey::Goods(Region::Uk)).checklist),
        ["uk.ukca", "uk.responsible-person"]
    );
    // A French seller is EU-established: Amazon is not the deemed supplier for it.
    let de = run(
        &plan_with("amazon-de", "mfn", &[], ""),
        "2026-11-22",
        None,
        &[],
    );
    assert_eq!(
        na_reason(&de.targets[0].checklist, "eu-deemed-supplier"),
        "Does not apply: seller established in the EU"
    );
}

#[test]
fn us_thresholds_follow_the_projection() {
    let with = |sales: &str, units: u32| {
        let text = format!(
            "[plan]\nname = \"t\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
             [seller]\ncountry = \"FR\"\nentity = \"company\"\n\
             [[targets]]\nmarketplace = \"amazon-us\"\nfulfilment = \"fba\"\nchannel = \"b2c\"\n\
             monthly_sales = {sales}\nmonthly_units = {units}\n\
             [[products]]\nsku = \"P\"\nname = \"p\"\n"
        );
        run(
            &parse_plan("sales", &text).unwrap(),
            "2026-11-22",
            None,
            &[],
        )
    };
    let result = with("{ amount = \"10001\", currency = \"USD\" }", 17);
    assert_eq!(
        item(&result, "us-insurance").reason.en,
        "Applies: monthly sales 10,001\u{a0}USD (rule: above 10,000\u{a0}USD a month)"
    );
    // 17 units × 12 = 204 ≥ 200 and 10,001 × 12 ≥ 5,000 USD: INFORM verification applies.
    assert!(!item(&result, "us-inform").undecided);
    let result = with("{ amount = \"10000\", currency = \"USD\" }", 16);
    let target = &result.targets[0].checklist;
    assert_eq!(
        na_reason(target, "us-insurance"),
        "Does not apply: monthly sales 10,000\u{a0}USD (rule: above 10,000\u{a0}USD a month)"
    );
    assert_eq!(
        na_reason(target, "us-inform"),
        "Does not apply: 192 units over 12 months (rule: from 200 units over 12 months)"
    );
    // A projection in euros cannot be held against a dollar threshold without a rate: a question.
    let result = with("{ amount = \"20000\", currency = \"EUR\" }", 17);
    let insurance = item(&result, "us-insurance");
    assert!(insurance.undecided);
    assert_eq!(
        insurance.reason.en,
        "Depends on monthly sales in USD (the plan gives EUR)"
    );
}

#[test]
fn every_target_gets_its_own_checklist_and_shares_its_market_s_product_law() {
    let text = EXAMPLE.replace(
        "[[products]]",
        "[[targets]]\nmarketplace = \"amazon-de\"\nfulfilment = \"mfn\"\nchannel = \"both\"\n\n[[products]]",
    );
    let plan = parse_plan("two targets", &text).unwrap();
    let results = run(&plan, "2026-11-22", None, &[]);
    let markets: Vec<String> = results
        .targets
        .iter()
        .map(|r| r.marketplace.to_string())
        .collect();
    assert_eq!(markets, ["amazon-jp", "amazon-de"]);
    assert_eq!(
        ids(&results.targets[1].checklist),
        ["eu-siv", "eu-2sv", "eu-returns", "eu-cs-local"]
    );
    let weee = item(&results, "de-epr-weee");
    assert_eq!(
        weee.reason.en,
        "Applies: buyers in Germany; electrical or electronic equipment (radio transmitter (Bluetooth, Wi-Fi…), built-in lithium battery)"
    );
    assert_eq!(
        weee.reason.fr,
        "S’applique\u{a0}: acheteurs en Allemagne ; équipement électrique ou électronique (émetteur radio (Bluetooth, Wi-Fi…), batterie lithium intégrée)"
    );
    // The Amazon account rules are shared by both marketplaces, once.
    let account = shared(&results, CatalogueKey::AmazonAccount);
    assert_eq!(account.channels.len(), 2);
    assert!(
        account
            .checklist
            .items
            .iter()
            .all(|i| i.channels.len() == 2)
    );
}

#[test]
fn an_own_store_selling_into_japan_applies_the_japanese_product_rules() {
    let text = "[plan]\nname = \"store only\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
         [seller]\ncountry = \"FR\"\nentity = \"company\"\n\
         [[products]]\nsku = \"SPK-1\"\nname = \"speaker\"\nflags = [\"radio_emitter\", \"ac_adapter_included\"]\n\
         [[channels]]\nid = \"shop\"\npack = \"shopify-basic\"\nmarket = \"jp\"\nfulfilment = \"mfn\"\n";
    let plan = parse_plan("store", text).unwrap();
    let result = run(&plan, "2026-11-22", None, &[]);
    assert!(result.targets.is_empty());
    let goods = shared(&result, CatalogueKey::Goods(Region::Jp));
    for id in [
        "jp-specified-importer",
        "jp-pse-specified",
        "jp-giteki",
        "jp-low-value-exemption",
    ] {
        let listed = item(&result, id);
        assert_eq!(listed.channels.len(), 1, "{id}");
        assert_eq!(listed.channels[0].channel.as_deref(), Some("shop"));
    }
    assert!(not_applicable(&goods.checklist).contains(&"jp-ior"));
    // The Amazon-only gates stay out: there is no Amazon target.
    assert!(result.item("jp-giteki-listing").is_none());
    assert!(result.item("account-health-daily").is_none());
    // The store's readiness counts the product rules that concern it.
    let store = &result.stores[0].checklist;
    assert!(store.readiness.blockers.contains(&"jp-giteki".to_owned()));
    assert!(
        store
            .readiness
            .blockers
            .contains(&"jp-specified-importer".to_owned())
    );
}

#[test]
fn verification_older_than_a_year_is_flagged() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    // jp-siv was verified on 2026-12-03: 365 days later is still fine, 366 is flagged.
    assert!(!item(&run(&plan, "2027-12-03", None, &[]), "jp-siv").needs_reverification);
    assert!(item(&run(&plan, "2027-12-04", None, &[]), "jp-siv").needs_reverification);
}
