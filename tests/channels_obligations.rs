//! Own-store obligations (`store.*`) through the checklist engine: which items apply to a store selling
//! into the EU or Japan, and the seller's and the marketplace's share of them in the channel comparison.

use std::collections::BTreeSet;

use landfall::channels::{ChannelModel, bundled_channels, obligations, own_stores};
use landfall::checklist::bundled::catalogues;
use landfall::checklist::engine::{StoreChecklist, evaluate_stores};
use landfall::plan::channels::Market;
use landfall::plan::{Channel, Plan, parse_plan};

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

/// A plan with one own store on Shopify selling into `market` to `customers`, for a seller in `country`.
fn store_plan(country: &str, market: &str, customers: &str) -> Plan {
    let text = format!(
        "[plan]\nname = \"store\"\nas_of = \"2026-11-23\"\nhome_currency = \"EUR\"\n\
[seller]\ncountry = \"{country}\"\nentity = \"company\"\n\
[[channels]]\nid = \"shop\"\npack = \"shopify-basic\"\nmarket = \"{market}\"\n\
customers = \"{customers}\"\npayment = \"stripe-eea\"\n"
    );
    parse_plan("store.toml", &text).expect("valid plan")
}

fn store_checklists(plan: &Plan) -> Vec<StoreChecklist> {
    let channel_packs = bundled_channels().expect("bundled channel packs");
    let catalogues = catalogues().expect("bundled catalogues");
    evaluate_stores(
        plan,
        &own_stores(plan, &channel_packs),
        &catalogues,
        plan.plan.as_of,
        None,
        &[],
    )
}

fn applicable(plan: &Plan) -> BTreeSet<String> {
    let stores = store_checklists(plan);
    assert_eq!(stores.len(), 1, "one own-store channel");
    stores[0]
        .checklist
        .items
        .iter()
        .filter_map(|item| item.code.clone())
        .collect()
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|code| (*code).to_owned()).collect()
}

const EU_CONSUMER: [&str; 9] = [
    "store.eu.terms-price",
    "store.eu.accessibility",
    "store.eu.extra-payments",
    "store.eu.unsolicited-supply",
    "store.eu.withdrawal",
    "store.eu.delivery",
    "store.eu.legal-guarantee",
    "store.eu.refunds",
    "store.eu.cookie-consent",
];

const JP: [&str; 5] = [
    "store.jp.sct-display",
    "store.jp.returns-policy",
    "store.jp.final-confirmation",
    "store.jp.appi-purpose",
    "store.jp.qualified-invoice",
];

#[test]
fn a_french_store_selling_to_german_consumers_carries_the_eu_consumer_privacy_and_oss_items() {
    let found = applicable(&store_plan("FR", "de", "b2c"));
    assert_eq!(
        found,
        set(&[
            "store.eu.legal-notice",
            "store.eu.terms-price",
            "store.eu.withdrawal",
            "store.eu.delivery",
            "store.eu.legal-guarantee",
            "store.eu.cookie-consent",
            "store.eu.accessibility",
            "store.eu.extra-payments",
            "store.eu.unsolicited-supply",
            "store.eu.privacy-notice",
            "store.eu.processing-records",
            "store.eu.oss",
            "store.eu.invoices",
            "store.eu.refunds",
            "store.payment-methods",
            "store.cs-language",
            "store.returns-logistics",
        ])
    );
    // IOSS is for goods shipped from outside the EU; nothing Japanese applies.
    assert!(!found.contains("store.eu.ioss"));
    assert!(JP.iter().all(|code| !found.contains(*code)), "{found:?}");
}

#[test]
fn selling_at_home_is_not_a_distance_sale_across_a_border() {
    let found = applicable(&store_plan("FR", "fr", "b2c"));
    // Same as to Germany minus the OSS (no cross-border distance sale) and the foreign-language service.
    assert!(!found.contains("store.eu.oss"));
    assert!(!found.contains("store.cs-language"));
    assert!(EU_CONSUMER.iter().all(|code| found.contains(*code)));
    assert_eq!(found.len(), 15);
}

#[test]
fn a_french_store_selling_to_japanese_consumers_carries_the_japanese_display_rules_and_its_gdpr_duties()
 {
    let found = applicable(&store_plan("FR", "jp", "b2c"));
    assert_eq!(
        found,
        set(&[
            // Established in the EU: the legal notice and the GDPR follow the seller.
            "store.eu.legal-notice",
            "store.eu.privacy-notice",
            "store.eu.processing-records",
            "store.jp.sct-display",
            "store.jp.returns-policy",
            "store.jp.final-confirmation",
            "store.jp.appi-purpose",
            "store.payment-methods",
            "store.cs-language",
            "store.returns-logistics",
        ])
    );
    // No EU consumer rules for Japanese buyers (no 14-day withdrawal: Japanese mail order has no
    // cooling-off), no EU VAT, and no qualified invoice for consumers.
    for code in EU_CONSUMER
        .iter()
        .chain(&["store.eu.oss", "store.eu.ioss", "store.eu.invoices"])
        .chain(&["store.jp.qualified-invoice"])
    {
        assert!(!found.contains(*code), "{code} must not apply");
    }
}

#[test]
fn a_business_only_store_in_japan_has_the_invoice_item_and_no_consumer_display_rules() {
    let plan = store_plan("FR", "jp", "b2b");
    let stores = store_checklists(&plan);
    assert_eq!(stores[0].customers, Channel::B2b);
    let found = applicable(&plan);
    assert!(found.contains("store.jp.qualified-invoice"));
    assert!(found.contains("store.jp.appi-purpose"));
    for code in [
        "store.jp.sct-display",
        "store.jp.returns-policy",
        "store.jp.final-confirmation",
        "store.returns-logistics",
    ] {
        assert!(!found.contains(code), "{code} is a consumer rule");
    }
    // The qualified invoice depends on a JCT registration the plan does not record: a hint, never
    // counted nor blocking.
    let item = stores[0]
        .checklist
        .items
        .iter()
        .find(|item| item.id == "store-jp-qualified-invoice")
        .expect("applies");
    assert!(!item.launch_blocking);
    assert!(stores[0].checklist.readiness.not_counted.contains(&item.id));
}

#[test]
fn a_seller_outside_the_eu_selling_into_it_gets_the_ioss_not_the_oss_nor_the_eu_legal_notice() {
    let found = applicable(&store_plan("US", "de", "b2c"));
    assert!(found.contains("store.eu.ioss"));
    assert!(found.contains("store.eu.privacy-notice"), "GDPR art. 3(2)");
    assert!(!found.contains("store.eu.oss"));
    assert!(!found.contains("store.eu.legal-notice"));
}

#[test]
fn the_example_plan_shows_its_own_store_checklist_for_japan() {
    let plan = parse_plan("example", EXAMPLE).expect("example plan is valid");
    let stores = store_checklists(&plan);
    assert_eq!(stores.len(), 1);
    let store = &stores[0];
    assert_eq!(
        (store.channel.as_str(), store.pack.as_str(), store.market),
        ("own-store-jp", "shopify-basic", Market::Jp)
    );
    assert_eq!(store.customers, Channel::B2c, "consumers when not given");
    // Counted: the mandatory confirmed items (legal notice, privacy notice, records, SCT display,
    // returns policy, final confirmation); APPI is to verify (read through copies only).
    assert_eq!(store.checklist.readiness.total, 6);
    assert_eq!(
        store.checklist.readiness.blockers,
        [
            "store-eu-legal-notice",
            "store-eu-privacy-notice",
            "store-jp-sct-display",
            "store-jp-returns-policy",
            "store-jp-final-confirmation",
        ]
    );
    let returns = store
        .checklist
        .items
        .iter()
        .find(|item| item.id == "store-jp-returns-policy")
        .expect("applies");
    assert_eq!(returns.depends_on, ["store-jp-sct-display"]);
    assert_eq!(returns.blocked_by, ["store-jp-sct-display"]);
    assert!(
        returns
            .sources
            .iter()
            .all(|source| source.url.starts_with("http"))
    );
}

#[test]
fn the_comparison_splits_the_workload_between_seller_and_marketplace() {
    let plan = parse_plan("example", EXAMPLE).expect("example plan is valid");
    let channel_packs = bundled_channels().expect("bundled channel packs");
    let catalogues = catalogues().expect("bundled catalogues");
    let store = catalogues.own_store().expect("own-store catalogue");
    let loads = obligations(&plan, &channel_packs, store, plan.plan.as_of);
    let by_channel = |id: &str| {
        loads
            .iter()
            .find(|load| load.channel == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // The own store carries all ten items that apply to a French seller's store for Japan.
    let own = by_channel("own-store-jp");
    assert_eq!(own.model, ChannelModel::OwnStore);
    assert_eq!((own.seller.len(), own.marketplace.len()), (10, 0));
    // FBA: Amazon's site carries the order screen and payment; its fulfilment the returns policy and
    // logistics and customer service. The seller keeps its identity, privacy and display duties.
    let fba = by_channel("amazon-jp-fba");
    assert_eq!(
        set(&fba
            .marketplace
            .iter()
            .map(|obligation| obligation.code.as_str())
            .collect::<Vec<_>>()),
        set(&[
            "store.jp.final-confirmation",
            "store.payment-methods",
            "store.jp.returns-policy",
            "store.cs-language",
            "store.returns-logistics",
        ])
    );
    assert_eq!(
        set(&fba
            .seller
            .iter()
            .map(|obligation| obligation.code.as_str())
            .collect::<Vec<_>>()),
        set(&[
            "store.eu.legal-notice",
            "store.eu.privacy-notice",
            "store.eu.processing-records",
            "store.jp.sct-display",
            "store.jp.appi-purpose",
        ])
    );
    // Merchant-fulfilled and Rakuten: the seller ships, so the fulfilment items come back to it.
    for id in ["amazon-jp-mfn", "rakuten"] {
        let load = by_channel(id);
        assert_eq!(
            set(&load
                .marketplace
                .iter()
                .map(|obligation| obligation.code.as_str())
                .collect::<Vec<_>>()),
            set(&["store.jp.final-confirmation", "store.payment-methods"]),
            "{id}"
        );
        assert_eq!(load.seller.len(), 8, "{id}");
    }
}

#[test]
fn the_store_customers_field_is_optional_and_checked() {
    let plan = store_plan("FR", "de", "both");
    assert_eq!(plan.channels[0].customers, Some(Channel::Both));
    let again = parse_plan("again", &plan.to_toml().expect("serialises")).expect("reads back");
    assert_eq!(again, plan);
    let text = EXAMPLE.replace(
        "market = \"jp\"\npayment",
        "market = \"jp\"\ncustomers = \"shoppers\"\npayment",
    );
    let error = parse_plan("plan.toml", &text).unwrap_err().to_string();
    assert!(error.contains("customers"), "{error}");
}

#[test]
fn the_desktop_handler_lists_the_store_checklist_with_its_recorded_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut landfall = landfall::api::Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;
    let before = landfall.checklist(id).unwrap().stores;
    // The own store and the Rakuten shop each have their checklist.
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].channel, "own-store-jp");
    assert_eq!(
        before[1].scope,
        landfall::checklist::catalogue::CatalogueKey::Rakuten
    );
    // Store items take progress through the same handler as marketplace items.
    for item in ["store-jp-sct-display", "store-jp-final-confirmation"] {
        landfall
            .update_item(
                id,
                landfall::api::ItemUpdate {
                    item: item.into(),
                    status: landfall::checklist::engine::ProgressStatus::Done,
                    owner: None,
                    reason: None,
                },
            )
            .unwrap();
    }
    let after = landfall.checklist(id).unwrap().stores;
    let item = |id: &str| {
        after[0]
            .checklist
            .items
            .iter()
            .find(|item| item.id == id)
            .unwrap()
            .clone()
    };
    // The display page capture is required evidence: without it the item is reopened, and the
    // returns policy still waits for it. The confirmation screen asks for no evidence: done.
    let display = item("store-jp-sct-display");
    assert_eq!(display.status, landfall::checklist::engine::Status::ToDo);
    assert!(display.reopened.is_some());
    assert_eq!(
        item("store-jp-returns-policy").blocked_by,
        ["store-jp-sct-display"]
    );
    assert_eq!(
        item("store-jp-final-confirmation").status,
        landfall::checklist::engine::Status::Done
    );
    assert_eq!(after[0].checklist.readiness.done, 1);
}
