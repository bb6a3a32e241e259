//! The sector example plans of `data/examples/` through the checklist engine: for each, the items that
//! must apply to that product and market, those that must not, and the order their dependencies
//! impose; the S12-like case (the toy example without its US sales figures) asks for them.

use std::collections::BTreeSet;

use landfall::checklist::bundled::catalogues;
use landfall::checklist::catalogue::Certainty;
use landfall::checklist::engine::{ItemResult, PlanChecklist, evaluate_plan};
use landfall::plan::{Input, InputRef, Marketplace, Plan, parse_plan};

const COSMETICS: &str = include_str!("../data/examples/cosmetics-japan-us.toml");
const WINE: &str = include_str!("../data/examples/wine-japan.toml");
const APPAREL: &str = include_str!("../data/examples/apparel-japan.toml");
const CHOCOLATE: &str = include_str!("../data/examples/chocolate-japan.toml");
const TOYS: &str = include_str!("../data/examples/toys-us-uk.toml");
const LEATHER: &str = include_str!("../data/examples/leather-us-germany.toml");

fn run(plan: &Plan) -> PlanChecklist {
    let packs = landfall::channels::bundled_channels().expect("channel packs");
    let own_stores = landfall::channels::own_stores(plan, &packs);
    evaluate_plan(
        plan,
        &catalogues().expect("catalogues"),
        &own_stores,
        plan.plan.as_of,
        None,
        &[],
    )
}

fn checklist_of(text: &str) -> PlanChecklist {
    run(&parse_plan("example", text).expect("the example plan reads"))
}

fn item<'a>(result: &'a PlanChecklist, id: &str) -> &'a ItemResult {
    result
        .item(id)
        .unwrap_or_else(|| panic!("{id} applies or depends on an answer"))
}

/// Asserts that each of `must` applies outright (not waiting for an answer) and none of `must_not`
/// is listed at all, and that each item of `waits` depends on the items given with it.
fn assert_sets(
    result: &PlanChecklist,
    must: &[&str],
    must_not: &[&str],
    waits: &[(&str, &[&str])],
) {
    // A misspelt id would pass as "not applicable": every id named must be a catalogue's.
    let catalogues = catalogues().expect("catalogues");
    let known: BTreeSet<&str> = catalogues
        .iter()
        .flat_map(|c| c.items.iter().map(|i| i.id.as_str()))
        .collect();
    let named = must.iter().chain(must_not).chain(
        waits
            .iter()
            .flat_map(|(id, deps)| std::iter::once(id).chain(deps.iter())),
    );
    for id in named {
        assert!(known.contains(id), "no catalogue item {id}");
    }
    let listed: BTreeSet<&str> = result.items().map(|i| i.id.as_str()).collect();
    for id in must {
        assert!(listed.contains(id), "{id} must apply; listed: {listed:?}");
        assert!(!item(result, id).undecided, "{id} must apply outright");
    }
    for id in must_not {
        assert!(!listed.contains(id), "{id} must not apply");
    }
    for (id, deps) in waits {
        let depends_on = &item(result, id).depends_on;
        for dep in *deps {
            assert!(
                depends_on.iter().any(|d| d == dep),
                "{id} must wait for {dep}; it waits for {depends_on:?}"
            );
        }
    }
}

#[test]
fn cosmetics_to_japan_and_the_us() {
    let result = checklist_of(COSMETICS);
    assert_sets(
        &result,
        &[
            // Japan: the PMD Act's cosmetics route, and FBA with its import duties.
            "jp-cosmetics-standards",
            "jp-cosmetics-mah",
            "jp-cosmetics-notification",
            "jp-pmd-label",
            "jp-compliance-docs",
            "jp-ior",
            "jp-jct-assessment",
            "jp-fba-prep",
            "jp-fba-inbound-docs",
            // The US: MoCRA, California's warnings, the importer of record.
            "us-mocra-facility",
            "us-mocra-listing",
            "us-mocra-safety",
            "us-mocra-label",
            "us-prop65",
            "us-ior",
            "us-inform",
            // Leaving the EU, with EU origin for the EPA.
            "eu-export-eori",
            "eu-export-declaration",
            "eu-export-origin",
            "eu-export-rex",
            "account-health-daily",
        ],
        &[
            // Not electrical, not a toy, not food: no PSE, no accident report of consumer products.
            "jp-pse-specified",
            "jp-pse-non-specified",
            "jp-specified-importer",
            "jp-accident-report",
            "jp-food-notification",
            "jp-food-label",
            "jp-textile-label",
            "us-cpsc-report",
            "us-fda-registration",
            "us-fda-prior-notice",
            "us-cpc",
            "us-fcc",
            // $7,800 a month: under Amazon's $10,000 insurance threshold.
            "us-insurance",
            // Shipped into FBA, not parcels from abroad; no EU or UK market.
            "jp-ddp",
            "jp-low-value-exemption",
            "eu-gpsr",
            "uk-responsible-person",
        ],
        &[
            ("jp-fba-inbound-docs", &["jp-ior", "jp-pmd-label"]),
            (
                "jp-cosmetics-notification",
                &["jp-cosmetics-mah", "jp-cosmetics-standards"],
            ),
            ("jp-compliance-docs", &["jp-cosmetics-notification"]),
            ("us-mocra-listing", &["us-mocra-facility"]),
            ("us-mocra-label", &["us-mocra-listing"]),
            ("eu-export-rex", &["eu-export-origin", "eu-export-eori"]),
        ],
    );
}

#[test]
fn wine_to_japan_shipped_from_france_on_amazon_and_an_own_store() {
    let result = checklist_of(WINE);
    assert_sets(
        &result,
        &[
            // Parcels from France: the buyer imports, duties paid for them, Japanese service.
            "jp-ddp",
            "jp-returns",
            "jp-cs-japanese",
            "jp-metrics-mfn",
            "jp-jct-assessment-mfn",
            "jp-low-value-exemption",
            // Alcohol: food rules and the liquor licence, to verify for parcels from abroad.
            "jp-food-notification-mfn",
            "jp-food-label-mfn",
            "jp-liquor-licence-mfn",
            "jp-liquor-age-notice",
            "jp-compliance-docs",
            // The own store selling to Japanese consumers.
            "store-jp-sct-display",
            "store-jp-returns-policy",
            "store-jp-final-confirmation",
            "store-jp-appi-purpose",
            "store-eu-legal-notice",
            "store-eu-privacy-notice",
            "store-payment-methods",
            "store-cs-language",
            // Leaving the EU with an excise good of EU origin.
            "eu-export-eori",
            "eu-export-declaration",
            "eu-export-excise",
            "eu-export-origin",
            "eu-export-rex",
        ],
        &[
            // No stock in Japan: no importer of record, no FBA, no licence of a Japanese importer.
            "jp-ior",
            "jp-fba-prep",
            "jp-fba-inbound-docs",
            "jp-liquor-licence",
            "jp-liquor-label",
            "jp-food-notification",
            "jp-food-label",
            // Consumers only: no qualified invoices.
            "jp-jct-invoice-number",
            "store-jp-qualified-invoice",
            // Not a consumer product of the safety acts, not electrical.
            "jp-accident-report",
            "jp-pse-specified",
            "jp-cosmetics-mah",
            // Japanese buyers: the EU's consumer and VAT rules of the own store do not apply.
            "store-eu-withdrawal",
            "store-eu-oss",
            "eu-export-eudr",
        ],
        &[
            ("jp-liquor-age-notice", &["jp-liquor-licence-mfn"]),
            ("store-jp-returns-policy", &["store-jp-sct-display"]),
            ("eu-export-excise", &["eu-export-eori"]),
            ("eu-export-rex", &["eu-export-origin", "eu-export-eori"]),
        ],
    );
    // Whether a licence is needed to sell wine shipped from abroad is left to verify, not dropped.
    assert_eq!(
        item(&result, "jp-liquor-licence-mfn").certainty,
        Certainty::ToVerify
    );
    // The product rules follow the wine into Japan: both channels are named on them.
    for id in ["jp-liquor-licence-mfn", "jp-food-label-mfn"] {
        assert_eq!(item(&result, id).channels.len(), 2, "{id}");
    }
}

#[test]
fn apparel_to_japan_with_fba() {
    let result = checklist_of(APPAREL);
    assert_sets(
        &result,
        &[
            "jp-textile-label",
            "jp-accident-report",
            "jp-compliance-docs",
            "jp-ior",
            "jp-fba-inbound-docs",
            "jp-trademark",
            "eu-export-origin",
            "eu-export-rex",
        ],
        &[
            "jp-pse-specified",
            "jp-pse-non-specified",
            "jp-specified-importer",
            "jp-giteki",
            "jp-food-notification",
            "jp-cosmetics-notification",
            "jp-toy-safety-docs",
            "jp-fba-dangerous-goods",
            "jp-grocery-approval",
        ],
        &[
            (
                "jp-fba-inbound-docs",
                &["jp-ior", "jp-fba-prep", "jp-textile-label"],
            ),
            ("jp-compliance-docs", &["jp-textile-label"]),
        ],
    );
}

#[test]
fn packaged_food_to_japan_with_fba() {
    let result = checklist_of(CHOCOLATE);
    assert_sets(
        &result,
        &[
            "jp-food-notification",
            "jp-food-label",
            "jp-grocery-approval",
            "jp-compliance-docs",
            "jp-fba-inbound-docs",
            // Reduced-rate consumption tax is assessed at import like any other.
            "jp-jct-assessment",
            "eu-export-origin",
        ],
        &[
            // Food is not a consumer product of the safety acts, and not chilled.
            "jp-accident-report",
            "jp-fba-no-chilled",
            "jp-food-notification-mfn",
            "jp-food-label-mfn",
            "jp-liquor-licence",
            "jp-supplement-no-drug-claims",
            "jp-supplement-function-claims",
            "jp-pse-specified",
            "jp-cosmetics-mah",
            "jp-textile-label",
            "eu-export-excise",
        ],
        &[
            ("jp-fba-inbound-docs", &["jp-ior", "jp-food-label"]),
            ("jp-food-notification", &["jp-ior"]),
            ("jp-food-label", &["jp-ior"]),
            ("jp-grocery-approval", &["jp-plan"]),
        ],
    );
    // Cocoa products leaving the EU carry the deforestation due diligence from its start on
    // 2026-12-30, after the example's date.
    assert!(result.item("eu-export-eudr").is_none());
    let mut later = parse_plan("chocolate", CHOCOLATE).expect("the example plan reads");
    later.plan.as_of = "2027-01-04".parse().expect("date");
    let result = run(&later);
    assert_sets(
        &result,
        &["eu-export-eudr"],
        &[],
        &[("eu-export-eudr", &["eu-export-declaration"])],
    );
}

#[test]
fn toys_to_the_us_and_the_uk() {
    let result = checklist_of(TOYS);
    assert_sets(
        &result,
        &[
            // The US: children's product certificate, tracking labels, incident reports.
            "us-cpc",
            "us-tracking-label",
            "us-cpsc-report",
            "us-prop65",
            "us-ior",
            "us-inform",
            // The UK: UKCA marking, a UK responsible person, UK VAT for stock in the UK.
            "uk-ukca",
            "uk-responsible-person",
            "uk-vat",
            "uk-siv",
            // Leaving the EU for the UK with EU origin (TCA preference).
            "eu-export-eori",
            "eu-export-declaration",
            "eu-export-origin",
            "eu-export-rex",
        ],
        &[
            // No FDA food items, no cosmetics, no radio for a wooden toy.
            "us-fda-registration",
            "us-fda-prior-notice",
            "us-mocra-facility",
            "us-fcc",
            "us-fcc-listing",
            // $6,000 a month: under Amazon's $10,000 insurance threshold.
            "us-insurance",
            "uk-low-value-vat",
            // Japan's toy rules do not follow goods that do not go there.
            "jp-child-psc",
            "jp-toy-safety-docs",
            "eu-ce",
        ],
        &[("eu-export-rex", &["eu-export-origin", "eu-export-eori"])],
    );
}

#[test]
fn leather_goods_to_the_us_and_germany() {
    let result = checklist_of(LEATHER);
    assert_sets(
        &result,
        &[
            "us-ior",
            "us-prop65",
            "us-cpsc-report",
            // $19,920 a month: over Amazon's $10,000 insurance threshold.
            "us-insurance",
            "us-inform",
            // Germany: EU product safety, packaging registration, VAT for stock in Germany.
            "eu-gpsr",
            "eu-gpsr-accident",
            "de-epr-packaging",
            "eu-vat-registration",
            "eu-siv",
            // Leaving the EU for the US only.
            "eu-export-eori",
            "eu-export-declaration",
        ],
        &[
            // Not a children's product, not a cosmetic, not electrical, not in the EUDR's list.
            "us-cpc",
            "us-mocra-facility",
            "us-fda-registration",
            "eu-ce",
            "eu-batteries",
            "de-epr-weee",
            "eu-eudr",
            "eu-export-eudr",
            // A French seller is not a non-EU seller on Amazon.de; France's own EPR is for France.
            "eu-deemed-supplier",
            "fr-epr-uin",
            // No preferential origin proof for the US, and FBA is not merchant-fulfilled.
            "eu-export-origin",
            "eu-export-rex",
            "eu-returns",
            "eu-cs-local",
        ],
        &[
            ("eu-gpsr-accident", &["eu-gpsr"]),
            ("eu-export-declaration", &["eu-export-eori"]),
        ],
    );
}

#[test]
fn the_toy_example_without_us_sales_figures_asks_for_them() {
    // The S12-like case on the bundled example: a French toy maker on Amazon.com whose plan gives no
    // monthly sales or units for it.
    let mut plan = parse_plan("toys", TOYS).expect("the example plan reads");
    let us = plan
        .targets
        .iter_mut()
        .find(|t| t.marketplace == Marketplace::AmazonUs)
        .expect("a US target");
    us.monthly_sales = None;
    us.monthly_units = None;
    let result = run(&plan);
    let insurance = item(&result, "us-insurance");
    assert!(insurance.undecided, "listed, not dropped");
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
    let inform = item(&result, "us-inform");
    assert!(inform.undecided);
    let inputs: Vec<Input> = inform.questions.iter().map(|q| q.input.input).collect();
    assert_eq!(inputs, [Input::MonthlyUnits, Input::MonthlySales]);
    // The UK target keeps its own figures: nothing there depends on them.
    assert!(
        result
            .items()
            .all(|i| !i.undecided || i.id.starts_with("us-"))
    );
}
