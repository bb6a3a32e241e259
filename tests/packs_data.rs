//! The rule data of the bundled packs: duty rates by HS code, destination, origin and date (against
//! the tariff pages they cite), marketplace fee tables, and nothing expiring unnoticed.

use std::process::Command;

use chrono::NaiveDate;
use landfall::money::Rate;
use landfall::packs::{
    self, Combine, Dated, FeeService, LayerMethod, Packs, QuantityUnit, RateType, SellerResidence,
    TariffRow, TariffStatus, VolumeUnit, in_force,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

fn bundled() -> Packs {
    packs::bundled().unwrap_or_else(|errors| panic!("bundled packs invalid:\n{errors}"))
}

fn rate(text: &str) -> Rate {
    text.parse().expect("rate")
}

fn ad_valorem(row: &Dated<TariffRow>) -> Rate {
    row.row
        .duty
        .as_ref()
        .and_then(|duty| duty.ad_valorem)
        .expect("an ad valorem duty")
}

// ---------------------------------------------------------------- duty rates

#[test]
fn face_cream_into_japan_the_us_and_the_eu() {
    let packs = bundled();
    let today = date("2026-12-03");
    // Japan Customs' ruling J22300099: skin-care preparations 3304.99-010, general 5.8%, WTO free.
    let jp = packs.tariff_lines("JP", "330499010", Some("FR"), today);
    assert_eq!(jp.territory, "jp");
    assert_eq!(ad_valorem(jp.mfn.expect("WTO rate")), rate("0%"));
    assert_eq!(
        ad_valorem(jp.statutory.expect("general rate")),
        rate("5.8%")
    );
    assert!(
        jp.preferential.is_empty(),
        "no EPA row: WTO is already free"
    );
    assert!(
        jp.mfn
            .expect("row")
            .provenance
            .source
            .url
            .contains("customs.go.jp")
    );
    // The six-digit code is too short to choose Japan's nine-digit line: it is offered.
    let six = packs.tariff_lines("JP", "330499", Some("FR"), today);
    assert!(six.mfn.is_none());
    assert!(
        six.narrower
            .iter()
            .any(|row| row.row.line.as_deref() == Some("3304.99-010"))
    );
    // United States: free under column 1, and French goods are topped up to 10% (Section 301
    // forced-labour action, 9903.05.38) since 2026-07-24.
    let us = packs.tariff_lines("US", "330499", Some("FR"), today);
    assert_eq!(ad_valorem(us.mfn.expect("MFN")), rate("0%"));
    let layers: Vec<_> = us
        .layers
        .iter()
        .map(|row| row.row.measure.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(layers, ["us-301-forced-labour-eu"]);
    assert_eq!(us.layers[0].row.method, Some(LayerMethod::TopUp));
    assert_eq!(ad_valorem(us.layers[0]), rate("10%"));
    // Japanese goods: 12.5%. Goods of a country without a layer: none.
    let from_japan = packs.tariff_lines("US", "330499", Some("JP"), today);
    assert_eq!(ad_valorem(from_japan.layers[0]), rate("12.5%"));
    assert!(
        packs
            .tariff_lines("US", "330499", Some("CH"), today)
            .layers
            .is_empty()
    );
    // EU, goods of non-EU origin (a Chinese-made cream into FR or DE): third-country duty free.
    for destination in ["FR", "DE"] {
        let eu = packs.tariff_lines(destination, "330499", Some("CN"), today);
        assert_eq!(eu.territory, "eu");
        assert_eq!(ad_valorem(eu.mfn.expect("CN duty")), rate("0%"));
    }
}

#[test]
fn handbag_into_japan_the_us_and_the_eu() {
    let packs = bundled();
    let today = date("2026-12-03");
    // Japan 4202.21-220: general 12.5%, WTO 10%; EPA year 9 worked out as 1.8% (to verify).
    let jp = packs.tariff_lines("JP", "420221220", Some("FR"), today);
    assert_eq!(ad_valorem(jp.mfn.expect("WTO")), rate("10%"));
    assert_eq!(ad_valorem(jp.statutory.expect("general")), rate("12.5%"));
    let (epa, agreement) = jp.preferential.first().expect("EPA rate for EU origin");
    assert_eq!(ad_valorem(epa), rate("1.8%"));
    assert_eq!(agreement.row.id, "eu-japan-epa");
    let rex = agreement.row.registered_exporter.as_ref().expect("REX");
    assert_eq!((rex.above, rex.currency.code()), (dec!(6000), "EUR"));
    assert!(
        epa.provenance
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("verify")
    );
    // The EPA rate needs EU origin: a Chinese-made bag gets none.
    assert!(
        packs
            .tariff_lines("JP", "420221220", Some("CN"), today)
            .preferential
            .is_empty()
    );
    // US: CBP's ruling NY N319939 (a handbag from France) gives 9% above $20; the EU top-up adds 1%.
    let us = packs.tariff_lines("US", "42022190", Some("FR"), today);
    assert_eq!(ad_valorem(us.mfn.expect("MFN")), rate("9%"));
    assert!(
        us.mfn
            .expect("row")
            .provenance
            .source
            .url
            .contains("N319939")
    );
    assert_eq!(ad_valorem(us.layers[0]), rate("10%"));
    // At six digits the US value split (up to $20: 10%, above: 9%) must be chosen.
    let lines: Vec<_> = packs
        .tariff_lines("US", "420221", Some("FR"), today)
        .narrower
        .iter()
        .filter_map(|row| row.row.hs.clone())
        .collect();
    assert!(lines.contains(&"42022160".to_string()) && lines.contains(&"42022190".to_string()));
    // EU third-country duty 3%.
    let eu = packs.tariff_lines("FR", "420221", Some("VN"), today);
    assert_eq!(ad_valorem(eu.mfn.expect("EU duty")), rate("3%"));
}

#[test]
fn wine_into_japan_with_and_without_the_epa_claim() {
    let packs = bundled();
    let today = date("2026-12-03");
    let wine = packs.tariff_lines("JP", "220421020", Some("FR"), today);
    // WTO: 15% or ¥125/l, whichever is less, at least ¥67/l (2204.21-020).
    let duty = wine.mfn.expect("WTO").row.duty.as_ref().expect("duty");
    assert_eq!(duty.ad_valorem, Some(rate("15%")));
    let specific = duty.specific.as_ref().expect("specific");
    assert_eq!(
        (specific.amount, specific.per),
        (dec!(125), QuantityUnit::Litre)
    );
    assert_eq!(duty.combine, Some(Combine::Lesser));
    assert_eq!(duty.minimum.as_ref().expect("minimum").amount, dec!(67));
    // With the EPA claim: free for EU wine since the agreement entered into force.
    let (epa, agreement) = wine.preferential.first().expect("EPA");
    assert_eq!(ad_valorem(epa), rate("0%"));
    assert_eq!(
        agreement.row.name,
        "EU–Japan Economic Partnership Agreement"
    );
    // Without EU origin there is nothing to claim.
    assert!(
        packs
            .tariff_lines("JP", "220421020", Some("AU"), today)
            .preferential
            .is_empty()
    );
    // Liquor tax is due either way: ¥100/l for still wine (brewed liquor) since 2023-10-01.
    let jp = packs.customs_for("JP").expect("jp");
    let liquor = in_force(&jp.excise, today, |row| {
        row.code == "JP-LIQUOR" && row.class == "brewed"
    })
    .expect("liquor tax");
    assert_eq!(liquor.row.duty.amount, dec!(100));
    assert!(
        liquor
            .row
            .hs
            .iter()
            .any(|prefix| "220421020".starts_with(prefix.as_str()))
    );
    // US: 6.3¢/l under column 1 (2204.21.50), no ad valorem part.
    let us = packs.tariff_lines("US", "22042150", Some("FR"), today);
    let us_duty = us.mfn.expect("MFN").row.duty.as_ref().expect("duty");
    assert_eq!(
        us_duty.specific.as_ref().map(|duty| duty.amount),
        Some(dec!(0.063))
    );
}

#[test]
fn the_date_picks_the_duty_in_force() {
    let packs = bundled();
    let cheese = |on: &str| {
        packs
            .tariff_lines("JP", "040690090", Some("FR"), date(on))
            .preferential
            .first()
            .map(|(row, _)| row.row.clone())
    };
    // EPA year 7 read in the April 2024 edition; year 8 not read (typed by the user); year 9 worked
    // out; after year 9 nothing until the next edition is read.
    assert_eq!(
        cheese("2024-10-01")
            .and_then(|row| row.duty)
            .and_then(|d| d.ad_valorem),
        Some(rate("16.8%"))
    );
    assert_eq!(
        cheese("2025-10-01").map(|row| row.status),
        Some(TariffStatus::UserEntered)
    );
    assert_eq!(
        cheese("2026-10-01")
            .and_then(|row| row.duty)
            .and_then(|d| d.ad_valorem),
        Some(rate("13%"))
    );
    assert_eq!(cheese("2027-05-01"), None);
    // US layers by entry date: none carried before 2026-02-24 (the IEEPA duties collected until
    // then were not researched: the user types them), the Section 122 surcharge until 2026-07-23,
    // the forced-labour top-up from 2026-07-24.
    let measures = |on: &str| -> Vec<String> {
        packs
            .tariff_lines("US", "950300", Some("DE"), date(on))
            .layers
            .iter()
            .filter_map(|row| row.row.measure.clone())
            .collect()
    };
    assert!(measures("2026-01-15").is_empty());
    assert_eq!(measures("2026-05-01"), ["us-122-surcharge"]);
    assert_eq!(measures("2026-07-23"), ["us-122-surcharge"]);
    assert_eq!(measures("2026-07-24"), ["us-301-forced-labour-eu"]);
    // Goods on the EU exception list (natural diamonds, 7102) pay no top-up.
    assert!(
        packs
            .tariff_lines("US", "710239", Some("BE"), date("2026-12-03"))
            .layers
            .is_empty()
    );
}

#[test]
fn the_eu_uk_agreement_covers_every_eu_good() {
    let packs = bundled();
    let today = date("2026-12-03");
    let uk = packs.tariff_lines("UK", "610910", Some("IT"), today);
    assert_eq!(ad_valorem(uk.mfn.expect("UK Global Tariff")), rate("12%"));
    let (tca, agreement) = uk.preferential.first().expect("TCA");
    assert_eq!(ad_valorem(tca), rate("0%"));
    assert_eq!(agreement.row.id, "eu-uk-tca");
    assert!(
        packs
            .tariff_lines("GB", "610910", Some("CN"), today)
            .preferential
            .is_empty()
    );
    // Origin groups are dated: the UK is not in the EU group since 2020-02-01.
    assert!(packs.origin_in("FR", &["EU".to_string()], today));
    assert!(!packs.origin_in("GB", &["EU".to_string()], today));
}

fn load_duties(text: &str) -> Result<Packs, String> {
    packs::load(
        packs::BUNDLED_FILES.iter().copied(),
        [("user/duties.toml", text)],
    )
    .map_err(|errors| errors.to_string())
}

const HEADER: &str = "[pack]\nkind = \"duties\"\nid = \"mine\"\nname = \"Mine\"\nname_fr = \"Les miens\"\n[sources.s]\ntitle = \"Tariff\"\nurl = \"https://example.org/tariff/3304\"\n";

#[test]
fn a_broken_tariff_row_is_refused_naming_its_line_and_field() {
    let cases = [
        (
            "[[tariff]]\nterritory = \"jp\"\nhs = \"330410\"\nlabel = \"x\"\nrate_type = \"mfn\"\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n",
            "user/duties.toml:9: field `duty`: a published row gives its `duty`",
        ),
        (
            "[[tariff]]\nterritory = \"jp\"\nhs = \"330410\"\nlabel = \"x\"\nrate_type = \"preferential\"\nduty = { ad_valorem = \"0%\" }\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n",
            "field `agreement`",
        ),
        (
            "[[tariff]]\nterritory = \"jp\"\nhs = \"330410\"\nlabel = \"x\"\nrate_type = \"mfn\"\nduty = { ad_valorem = \"5%\", specific = { amount = \"10\", per = \"kg\" } }\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n",
            "need `combine`",
        ),
        (
            "[[tariff]]\nterritory = \"mars\"\nhs = \"330410\"\nlabel = \"x\"\nrate_type = \"mfn\"\nduty = { ad_valorem = \"5%\" }\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n",
            "field `territory`: no customs pack `mars`",
        ),
        (
            "[[tariff]]\nterritory = \"us\"\nlabel = \"x\"\nrate_type = \"additional\"\nmeasure = \"m\"\norigins = [\"Atlantis\"]\nmethod = \"top-up\"\nlegal_basis = \"l\"\nduty = { ad_valorem = \"5%\" }\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n",
            "`Atlantis` is neither a country code nor an origin group",
        ),
        (
            "[[tariff]]\nterritory = \"us\"\nlabel = \"x\"\nrate_type = \"additional\"\nmeasure = \"m\"\norigins = [\"EU\"]\nmethod = \"top-up\"\nlegal_basis = \"l\"\nduty = { specific = { amount = \"1\", per = \"kg\" } }\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n",
            "a top-up layer is an ad valorem rate",
        ),
    ];
    for (rows, expected) in cases {
        let error = load_duties(&format!("{HEADER}{rows}")).expect_err(expected);
        assert!(error.contains(expected), "{error}\nexpected: {expected}");
    }
    // A well-formed row of the user's own loads and is picked over nothing.
    let mine = load_duties(&format!(
        "{HEADER}[[tariff]]\nterritory = \"jp\"\nhs = \"330410\"\nlabel = \"Lipstick (my ruling)\"\nrate_type = \"mfn\"\nduty = {{ ad_valorem = \"0%\" }}\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\n"
    ))
    .expect("valid");
    let row = mine
        .tariff_lines("JP", "330410", None, date("2026-12-03"))
        .mfn
        .expect("the user's row");
    assert_eq!(row.row.status, TariffStatus::Published);
    assert_eq!(row.row.rate_type, RateType::Mfn);
}

/// A figure left to the user is listed in the window in the reader's language: a pack missing the
/// French of its label, its note or its name is refused, naming the file, the line and the field.
#[test]
fn a_figure_left_to_the_user_without_its_french_is_refused() {
    let customs = "[pack]\nkind = \"customs\"\nid = \"zz\"\nname = \"Testland\"\nname_fr = \"Testlande\"\nregime = \"us\"\ndestinations = [\"ZZ\"]\ncurrency = \"USD\"\n[sources.s]\ntitle = \"Testland notice\"\nurl = \"https://example.org/testland/fees\"\n";
    let user_entered = "[[user_entered]]\ntable = \"fees\"\nitem = \"ZZ-FEE formal\"\nlabel = \"Fee 2027\"\nlabel_fr = \"Redevance 2027\"\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\nnote = \"Not found.\"\nnote_fr = \"Introuvable.\"\n";
    let tariff = "[[tariff]]\nterritory = \"jp\"\nhs = \"330410\"\nlabel = \"Lip make-up preparations\"\nlabel_fr = \"Préparations pour le maquillage des lèvres\"\nrate_type = \"mfn\"\nstatus = \"user-entered\"\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\nnote = \"Not found.\"\nnote_fr = \"Introuvable.\"\n";
    let marketplace = "[pack]\nkind = \"marketplace\"\nid = \"zz-market\"\nname = \"Testmarket\"\ncurrency = \"EUR\"\n[sources.s]\ntitle = \"Rate card\"\nurl = \"https://example.org/rate-card\"\n";
    let fba = "[[fba_fees]]\ntable = \"fba\"\nlength_unit = \"cm\"\nweight_unit = \"g\"\ntiers = [{ name = \"Small\", max_weight = \"250\" }, { name = \"Large\", max_weight = \"9000\" }]\nrates = [{ tier = \"Small\", fee = \"3\" }, { tier = \"Large\" }]\neffective_from = \"2026-01-01\"\nsource = \"s\"\nconfidence = \"official\"\nnote = \"The large fee was not found.\"\nnote_fr = \"Les frais des grands articles sont introuvables.\"\n";
    let load = |name: &str, text: String| {
        packs::load(
            packs::BUNDLED_FILES.iter().copied(),
            [(name, text.as_str())],
        )
        .map(|_| ())
        .map_err(|errors| errors.to_string())
    };
    // Complete, each loads.
    load("user/zz.toml", format!("{customs}{user_entered}")).expect("customs with its French");
    load("user/duties.toml", format!("{HEADER}{tariff}")).expect("tariff with its French");
    load("user/market.toml", format!("{marketplace}{fba}")).expect("fee table with its French");
    let without = |text: &str, line: &str| text.replace(&format!("{line}\n"), "");
    let cases = [
        (
            "user/zz.toml",
            format!(
                "{customs}{}",
                without(user_entered, "label_fr = \"Redevance 2027\"")
            ),
            "user/zz.toml:12: field `label_fr`: a figure left to the user gives its label in French",
        ),
        (
            "user/zz.toml",
            format!(
                "{customs}{}",
                without(user_entered, "note_fr = \"Introuvable.\"")
            ),
            "user/zz.toml:12: field `note_fr`: a figure left to the user gives its note in French",
        ),
        (
            "user/duties.toml",
            format!(
                "{HEADER}{}",
                without(
                    tariff,
                    "label_fr = \"Préparations pour le maquillage des lèvres\""
                )
            ),
            "user/duties.toml:9: field `label_fr`: a figure left to the user gives its label in French",
        ),
        (
            "user/duties.toml",
            format!("{HEADER}{}", without(tariff, "note_fr = \"Introuvable.\"")),
            "user/duties.toml:9: field `note_fr`: a figure left to the user gives its note in French",
        ),
        (
            "user/market.toml",
            format!(
                "{marketplace}{}",
                without(
                    fba,
                    "note_fr = \"Les frais des grands articles sont introuvables.\""
                )
            ),
            "user/market.toml:9: field `note_fr`: a figure left to the user gives its note in French",
        ),
        (
            "user/zz.toml",
            format!(
                "{}{user_entered}",
                without(customs, "name_fr = \"Testlande\"")
            ),
            "user/zz.toml:1: field `name_fr`",
        ),
        (
            "user/duties.toml",
            format!("{}{tariff}", without(HEADER, "name_fr = \"Les miens\"")),
            "user/duties.toml:1: field `name_fr`",
        ),
    ];
    for (name, text, expected) in cases {
        let error = load(name, text).expect_err(expected);
        assert!(error.starts_with(expected), "{error}\nexpected: {expected}");
    }
}

// ---------------------------------------------------------------- marketplace fees

#[test]
fn japan_fba_fees_by_tier_with_the_unknown_2025_cuts_left_to_the_user() {
    let packs = bundled();
    let jp = packs.marketplace("amazon-jp").expect("jp");
    let fee = |on: &str, tier: &str| {
        let table = in_force(&jp.fba_fees, date(on), |row| row.table == "fba").expect("table");
        table
            .row
            .rates
            .iter()
            .find(|rate| rate.tier == tier)
            .map(|rate| rate.fee)
            .expect("tier")
    };
    // 2024 split of the ≤ 40 cm standard tier (Amazon's notice): ¥413 / ¥434 / ¥455.
    assert_eq!(fee("2024-06-01", "標準20 Standard-20"), Some(dec!(413)));
    assert_eq!(fee("2024-06-01", "標準40 Standard-40"), Some(dec!(455)));
    // The example speaker (20 × 12 × 10 cm, sum 42 cm, 650 g) is a 標準50: ¥465, JCT included.
    assert_eq!(fee("2026-12-03", "標準50 Standard-50"), Some(dec!(465)));
    // Cut by ¥71–¥194 from 2025-04-01, amounts not found: typed by the user.
    assert_eq!(fee("2024-06-01", "標準100 Standard-100"), Some(dec!(603)));
    assert_eq!(fee("2026-12-03", "標準100 Standard-100"), None);
    let table = in_force(&jp.fba_fees, date("2026-12-03"), |_| true).expect("table");
    assert!(table.row.tax_included);
    let left = packs.left_to_user(date("2026-12-03"));
    assert!(
        left.iter()
            .any(|figure| figure.item == "fba 標準100 Standard-100")
    );
    // Items priced ¥1,000 or less: ¥66 off.
    let low = in_force(&jp.fba_adjustments, date("2026-12-03"), |row| {
        row.id == "low-price"
    })
    .expect("discount");
    assert_eq!(
        (low.row.amount, low.row.price_up_to),
        (Some(dec!(66)), Some(dec!(1000)))
    );
}

#[test]
fn us_fba_grid_by_tier_price_band_and_weight() {
    let packs = bundled();
    let us = packs.marketplace("amazon-us").expect("us");
    let table = in_force(&us.fba_fees, date("2026-12-03"), |_| true).expect("table");
    let cell = |tier: &str, band: &str, weight: Option<Decimal>| {
        table
            .row
            .rates
            .iter()
            .find(|rate| {
                rate.tier == tier
                    && rate.band.as_deref() == Some(band)
                    && rate.weight_up_to == weight
            })
            .expect("cell")
    };
    // The rows inventoryhero.ai also gives: large standard ≤ 1 lb $4.60, small bulky $7.55,
    // large bulky $9.35, in the $10–$50 band.
    assert_eq!(
        cell("Large standard", "10-50", Some(dec!(16))).fee,
        Some(dec!(4.60))
    );
    assert_eq!(cell("Small bulky", "10-50", None).fee, Some(dec!(7.55)));
    assert_eq!(cell("Large bulky", "10-50", None).fee, Some(dec!(9.35)));
    // Low-price FBA (under $10): small standard ≤ 2 oz $2.43.
    assert_eq!(
        cell("Small standard", "under-10", Some(dec!(2))).fee,
        Some(dec!(2.43))
    );
    // Above 3 lb: +$0.08 per 4 oz.
    let heavy = cell("Large standard", "over-50", Some(dec!(320)));
    let step = heavy.step.as_ref().expect("step");
    assert_eq!(
        (heavy.fee, step.above, step.every, step.fee),
        (Some(dec!(7.23)), dec!(48), dec!(4), dec!(0.08))
    );
    // The 3.5% fuel and logistics surcharge from 2026-04-17.
    assert!(in_force(&us.fba_adjustments, date("2026-04-16"), |_| true).is_none());
    assert_eq!(
        in_force(&us.fba_adjustments, date("2026-12-03"), |_| true).and_then(|row| row.row.rate),
        Some(rate("3.5%"))
    );
    // Storage per cubic foot: $0.78 January–September, $2.40 October–December.
    let december = in_force(&us.storage_fees, date("2026-12-03"), |row| {
        row.size_group == "standard" && row.months.contains(&12)
    })
    .expect("Q4 rate");
    assert_eq!(
        (december.row.rate, december.row.per),
        (dec!(2.40), VolumeUnit::CubicFoot)
    );
    // Only per-1,000 cm³ rows reach the older storage table the fee engine reads.
    assert!(us.storage.is_empty());
    let jp = packs.marketplace("amazon-jp").expect("jp");
    let oversize = in_force(&jp.storage, date("2026-05-01"), |row| {
        row.size_group == "oversize"
    })
    .expect("JP oversize");
    assert_eq!(oversize.row.rate_per_1000_cm3, dec!(3.278));
}

#[test]
fn referral_tables_cover_the_categories_exporters_sell() {
    let packs = bundled();
    let today = date("2026-12-03");
    let bands = |marketplace: &str, category: &str, on: NaiveDate| {
        let pack = packs.marketplace(marketplace).expect("pack");
        in_force(&pack.referral, on, |row| row.category == category)
            .unwrap_or_else(|| panic!("{marketplace} {category} on {on}"))
            .row
            .bands
            .iter()
            .map(|band| band.rate)
            .collect::<Vec<_>>()
    };
    // Amazon.co.jp food & beverages: 5% to ¥750, then 8.4% to ¥1,500 and 10.4% above (2026-04-01).
    assert_eq!(
        bands("amazon-jp", "grocery", today),
        [rate("5%"), rate("8.4%"), rate("10.4%")]
    );
    for category in [
        "shoes-bags",
        "jewellery",
        "pet-supplies",
        "baby",
        "musical-instruments",
    ] {
        bands("amazon-jp", category, today);
    }
    // Amazon.fr includes the 3% French digital services tax since 2019-10-01 (15% → 15.45%).
    assert_eq!(
        bands("amazon-fr", "most", date("2019-10-01")),
        [rate("15.45%")]
    );
    assert!(
        in_force(
            &packs.marketplace("amazon-fr").expect("fr").referral,
            date("2019-09-30"),
            |row| row.category == "most"
        )
        .is_none()
    );
    // Amazon.co.uk: 15.3% from 2020-09-01 (Amazon's own notice).
    assert_eq!(
        bands("amazon-uk", "most", date("2020-09-01")),
        [rate("15.3%")]
    );
    // EU clothing from 2025-12-15: 5% up to €15, 10% up to €20, 15% above (Amazon.de, no DST).
    assert_eq!(
        bands("amazon-de", "clothing", today),
        [rate("5%"), rate("10%"), rate("15%")]
    );
    // US media pay the $1.80 closing fee.
    let us = packs.marketplace("amazon-us").expect("us");
    let closing = in_force(&us.closing_fees, today, |row| row.category == "books").expect("fee");
    assert_eq!(closing.row.amount, dec!(1.80));
}

#[test]
fn japan_charges_jct_on_its_fees_by_where_the_seller_resides() {
    let packs = bundled();
    let jp = packs.marketplace("amazon-jp").expect("jp");
    let jct = |seller: SellerResidence, service: FeeService| {
        in_force(&jp.fee_taxes, date("2026-12-03"), |row| {
            row.seller == seller && row.services.contains(&service)
        })
        .expect("row")
        .row
        .clone()
    };
    assert_eq!(
        jct(SellerResidence::Resident, FeeService::Selling).rate,
        rate("10%")
    );
    assert_eq!(
        jct(SellerResidence::NonResident, FeeService::Selling).rate,
        rate("0%")
    );
    let fba = jct(SellerResidence::NonResident, FeeService::Fulfilment);
    assert_eq!((fba.rate, fba.included), (rate("10%"), Some(true)));
}

#[test]
fn us_entry_fees_and_de_minimis() {
    let packs = bundled();
    let us = packs.customs_for("US").expect("us");
    // Harbor Maintenance Fee 0.125%, ocean cargo only.
    let hmf = in_force(&us.fees, date("2026-12-03"), |row| row.code == "US-HMF").expect("HMF");
    assert_eq!(hmf.row.rate, Some(rate("0.125%")));
    assert_eq!(hmf.row.modes, [packs::TransportMode::Sea]);
    // No de minimis: suspended from 2025-08-29, ended by statute for commercial shipments from
    // 2027-07-01 (a row in force on each side).
    for on in ["2026-12-03", "2027-07-01"] {
        let row = in_force(&us.thresholds, date(on), |row| {
            row.threshold == packs::ThresholdKind::DeMinimis
        })
        .expect("de minimis row");
        assert_eq!(row.row.amount, Decimal::ZERO);
    }
    // The fiscal-year 2027 Merchandise Processing Fee was not found: left to the user, with why.
    let left = packs.left_to_user(date("2026-12-03"));
    let mpf = left
        .iter()
        .find(|figure| figure.item == "US-MPF formal")
        .expect("MPF left to the user");
    assert!(mpf.why.en.contains("not found"), "{}", mpf.why.en);
    // The Japanese low-value consumption-tax change is dated (to verify).
    let jp = packs.customs_for("JP").expect("jp");
    let reform = in_force(&jp.thresholds, date("2028-04-01"), |row| {
        row.basis == packs::ThresholdBasis::Item
    })
    .expect("2028 rule");
    assert_eq!(reform.row.amount, dec!(10000));
    assert!(
        in_force(&jp.thresholds, date("2028-03-31"), |row| {
            row.basis == packs::ThresholdBasis::Item
        })
        .is_none()
    );
}

// ---------------------------------------------------------------- nothing expires unnoticed

#[test]
fn every_figure_the_engines_need_is_in_force_today() {
    let packs = bundled();
    assert_eq!(packs.gaps_on(date("2026-12-03")), []);
    // Without the FY2027 MPF row left to the user, the ended FY2026 rows would be a gap.
    let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
        .args(["packs", "validate", "data", "--as-of", "2026-12-03"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("every figure the engines need"));
    // A year on, the rows of the EPA year that ends on 2027-04-01 have no successor yet.
    let later = packs.gaps_on(date("2027-04-02"));
    assert!(
        later
            .iter()
            .any(|gap| gap.item == "jp 420221220 preferential eu-japan-epa"),
        "{later:?}"
    );
}

const EXPIRING: &str = r#"[pack]
kind = "customs"
id = "zz"
name = "Testland"
name_fr = "Testlande"
regime = "us"
destinations = ["ZZ"]
currency = "USD"
[sources.notice]
title = "Testland customs notice"
url = "https://example.org/testland/fees"
[[fees]]
code = "ZZ-FEE"
entry = "formal"
amount = "5"
effective_from = "2026-01-01"
effective_until = "2026-12-31"
source = "notice"
confidence = "official"
"#;

#[test]
fn a_row_that_expired_without_a_successor_fails_validation() {
    let packs = packs::load([("customs/zz.toml", EXPIRING)], std::iter::empty()).expect("loads");
    // Before the end: listed among the figures that end soon, with no successor.
    let soon = packs.expiring(date("2026-12-03"), 90);
    assert_eq!(soon.len(), 1);
    assert_eq!(
        (soon[0].item.as_str(), soon[0].days_left),
        ("ZZ-FEE formal", 28)
    );
    assert_eq!((soon[0].successor, soon[0].lapses), (None, false));
    // After the end: a gap naming the file, the row's line and the item.
    let gaps = packs.gaps_on(date("2027-01-05"));
    assert_eq!(gaps.len(), 1);
    let error = gaps[0].to_error(date("2027-01-05")).to_string();
    assert_eq!(
        error,
        "customs/zz.toml:12: field `effective_until`: zz fees `ZZ-FEE formal` has no row in force on 2027-01-05: the last one ended on 2026-12-31; add the figure in force (or a `[[user_entered]]` row saying it was not found, or `lapses = true` if the rule itself ended)"
    );
    // Not a gap before it ever applied.
    assert!(packs.gaps_on(date("2025-06-01")).is_empty());
    // A successor, a lapsing rule, or a figure left to the user each close the gap.
    let successor = format!(
        "{EXPIRING}[[fees]]\ncode = \"ZZ-FEE\"\nentry = \"formal\"\namount = \"6\"\neffective_from = \"2026-12-31\"\nsource = \"notice\"\nconfidence = \"official\"\n"
    );
    let lapsing = EXPIRING.replace(
        "effective_until = \"2026-12-31\"\n",
        "effective_until = \"2026-12-31\"\nlapses = true\n",
    );
    let left = format!(
        "{EXPIRING}[[user_entered]]\ntable = \"fees\"\nitem = \"ZZ-FEE formal\"\nlabel = \"Fee 2027\"\nlabel_fr = \"Redevance 2027\"\neffective_from = \"2026-12-31\"\nsource = \"notice\"\nconfidence = \"official\"\nnote = \"The 2027 notice was not found.\"\nnote_fr = \"L’avis de 2027 est introuvable.\"\n"
    );
    for text in [&successor, &lapsing, &left] {
        let packs =
            packs::load([("customs/zz.toml", text.as_str())], std::iter::empty()).expect("loads");
        assert!(packs.gaps_on(date("2027-01-05")).is_empty(), "{text}");
    }
    let with_successor = packs::load(
        [("customs/zz.toml", successor.as_str())],
        std::iter::empty(),
    )
    .expect("loads");
    assert_eq!(
        with_successor.expiring(date("2026-12-03"), 90)[0].successor,
        Some(date("2026-12-31"))
    );
    // A lapsing row must say when it ends.
    let undated = EXPIRING.replace("effective_until = \"2026-12-31\"\n", "lapses = true\n");
    let error = packs::load([("customs/zz.toml", undated.as_str())], std::iter::empty())
        .expect_err("lapses without an end");
    assert!(error.to_string().contains("field `lapses`"), "{error}");
}

#[test]
fn the_cli_fails_on_a_pack_whose_row_expired_without_a_successor() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("zz.toml"), EXPIRING).expect("pack");
    let run = |as_of: &str| {
        Command::new(env!("CARGO_BIN_EXE_landfall"))
            .args([
                "packs",
                "validate",
                &dir.path().to_string_lossy(),
                "--as-of",
                as_of,
            ])
            .output()
            .expect("runs")
    };
    let before = run("2026-12-03");
    assert!(
        before.status.success(),
        "{}",
        String::from_utf8_lossy(&before.stderr)
    );
    assert!(
        String::from_utf8_lossy(&before.stdout)
            .contains("1 end within 90 days without a successor")
    );
    let after = run("2027-01-05");
    assert_eq!(after.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&after.stderr);
    assert!(
        stderr.contains("zz fees `ZZ-FEE formal` has no row in force on 2027-01-05"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------- provenance

#[test]
fn every_source_names_a_page_and_no_file_points_to_the_research_notes() {
    let packs = bundled();
    for figure in packs.figures() {
        let url = &figure.provenance.source.url;
        let path = url
            .split_once("://")
            .map(|(_, rest)| rest.split_once('/').map_or("", |(_, path)| path))
            .unwrap_or_default();
        assert!(
            !path.is_empty(),
            "{}:{} cites a site, not a page: {url}",
            figure.provenance.file,
            figure.provenance.line
        );
    }
    for (name, text) in packs::BUNDLED_FILES {
        assert!(
            !text.contains("/work/") && !text.contains("fees-taxes.md"),
            "{name} points to an internal research file"
        );
    }
    // Rounding rows that are assumptions say so in their source.
    for pack in packs.customs.values() {
        for row in &pack.rounding {
            if row
                .provenance
                .note
                .as_deref()
                .unwrap_or_default()
                .contains("assumed")
            {
                assert!(
                    row.provenance.source.title.contains("assumption"),
                    "{row:?}"
                );
            }
        }
    }
}
