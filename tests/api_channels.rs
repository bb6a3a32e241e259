//! The Channels view's editing handlers on a real SQLite file: channels added from the bundled packs,
//! edited, renamed and removed; scenarios built, renamed and removed; refusals named on the form's
//! fields; undo putting both back; and the channels following the plan's targets.

use landfall::api::{ChannelSetup, ErrorCode, Landfall, Profile};
use landfall::channels::{FeeBasis, ScenarioResult};
use landfall::plan::channels::{ChannelPlan, Market, Scenario, ScenarioPhase, ScenarioVolume};
use landfall::plan::{Amount, Channel, CurrencyCode, Fulfilment, Marketplace, Target};
use landfall::store::PlanId;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn open() -> (tempfile::TempDir, Landfall, PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;
    (dir, landfall, id)
}

fn money(amount: &str, currency: &str) -> Amount {
    Amount {
        amount: amount.parse().unwrap(),
        currency: CurrencyCode::try_from(currency.to_owned()).unwrap(),
    }
}

fn channel(landfall: &Landfall, id: PlanId, channel: &str) -> ChannelPlan {
    landfall
        .get_plan(id)
        .unwrap()
        .plan
        .channels
        .into_iter()
        .find(|c| c.id == channel)
        .unwrap_or_else(|| panic!("channel {channel}"))
}

fn own_store(id: &str, market: Market) -> ChannelPlan {
    ChannelPlan {
        id: id.into(),
        pack: "shopify-basic".into(),
        market: Some(market),
        customers: None,
        fulfilment: None,
        payment: Some("stripe-eea".into()),
        monthly_units: Some(50),
        ad_share: None,
        cpa: None,
        return_rate: None,
        cost_per_return: None,
        fx_cost: None,
        fixed: vec![],
        setup: vec![],
        quotes: vec![],
        products: vec![],
    }
}

fn volume(channel: &str, units: u32) -> ScenarioVolume {
    ScenarioVolume {
        channel: channel.into(),
        sku: None,
        monthly_units: units,
    }
}

fn scenario(landfall: &Landfall, id: PlanId, name: &str) -> ScenarioResult {
    landfall
        .compare_channels(id, Some(name.into()))
        .unwrap()
        .comparison
        .scenarios
        .into_iter()
        .find(|s| s.name == name)
        .unwrap()
}

fn profit(scenario: &ScenarioResult, channel: &str) -> Decimal {
    scenario
        .channels
        .iter()
        .find(|c| c.channel == channel)
        .unwrap()
        .monthly_profit
}

#[test]
fn the_options_are_the_bundled_packs_with_the_quotes_they_ask_for() {
    let (_dir, landfall, id) = open();
    let options = landfall.channel_options(id).unwrap();
    let shopify = options.iter().find(|o| o.pack == "shopify-basic").unwrap();
    assert!(shopify.needs_payment && shopify.seller_ships && shopify.market.is_none());
    // Shopify publishes no figure for the apps and theme a store needs: the user types a monthly amount.
    let quotes: Vec<(&str, FeeBasis)> = shopify
        .quotes
        .iter()
        .map(|q| (q.code.as_str(), q.basis))
        .collect();
    assert_eq!(quotes, [("apps", FeeBasis::Monthly)]);
    let prompt = &shopify.quotes[0].prompt;
    assert!(
        prompt.en.starts_with("Enter your quote") && prompt.fr.starts_with("Saisissez votre devis")
    );
    let fba = options.iter().find(|o| o.pack == "amazon-us-fba").unwrap();
    assert_eq!(fba.market, Some(Market::Us));
    assert_eq!(
        fba.amazon.map(|link| (link.marketplace, link.fulfilment)),
        Some((Marketplace::AmazonUs, Fulfilment::Fba))
    );
    assert!(options.iter().any(|o| o.pack == "stripe-eea"));
}

#[test]
fn a_typed_ad_share_moves_the_monthly_profit_by_the_share_of_the_price() {
    let (_dir, mut landfall, id) = open();
    let name = "Launch: Amazon FBA only";
    let before = profit(&scenario(&landfall, id, name), "amazon-jp-fba");
    let mut fba = channel(&landfall, id, "amazon-jp-fba");
    assert_eq!(fba.ad_share, Some("8%".parse().unwrap()));
    fba.ad_share = Some("10%".parse().unwrap());
    landfall
        .save_channel(id, Some("amazon-jp-fba".into()), fba)
        .unwrap();
    // Two points more of ¥6,980 is ¥139.60 a unit, × 300 units = ¥41,880 a month less.
    let after = profit(&scenario(&landfall, id, name), "amazon-jp-fba");
    assert_eq!(before - after, dec!(41880));
}

#[test]
fn an_own_store_is_added_renamed_and_removed_with_the_scenarios_that_name_it() {
    let (dir, mut landfall, id) = open();
    let store = ChannelPlan {
        quotes: vec![landfall::plan::channels::PackQuote {
            code: "apps".into(),
            amount: Some(money("30", "USD")),
            rate: None,
        }],
        ..own_store("shop-jp-2", Market::Jp)
    };
    landfall.save_channel(id, None, store).unwrap();
    landfall
        .save_scenario(
            id,
            None,
            Scenario {
                name: "Two stores".into(),
                volumes: vec![volume("own-store-jp", 60), volume("shop-jp-2", 40)],
                prices: vec![],
                phases: vec![ScenarioPhase {
                    from_month: 4,
                    volumes: vec![volume("shop-jp-2", 80)],
                    prices: vec![],
                }],
                months: Some(12),
            },
        )
        .unwrap();

    let mut renamed = channel(&landfall, id, "shop-jp-2");
    renamed.id = "Boutique Japon".into();
    landfall
        .save_channel(id, Some("shop-jp-2".into()), renamed)
        .unwrap();
    let plan = landfall.get_plan(id).unwrap().plan;
    let two = plan
        .scenarios
        .iter()
        .find(|s| s.name == "Two stores")
        .unwrap();
    assert_eq!(two.volumes[1].channel, "Boutique Japon");
    assert_eq!(two.phases[0].volumes[0].channel, "Boutique Japon");

    landfall.delete_channel(id, "Boutique Japon").unwrap();
    // The plan as stored after reopening the database: no channel and no volume name the store.
    drop(landfall);
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let plan = landfall.get_plan(id).unwrap().plan;
    assert!(plan.channels.iter().all(|c| c.id != "Boutique Japon"));
    let two = plan
        .scenarios
        .iter()
        .find(|s| s.name == "Two stores")
        .unwrap();
    assert_eq!(two.volumes, [volume("own-store-jp", 60)]);
    assert!(two.phases[0].volumes.is_empty());
    assert!(scenario(&landfall, id, "Two stores").complete);
}

#[test]
fn a_refused_channel_names_its_own_fields_and_changes_nothing() {
    let (_dir, mut landfall, id) = open();
    let before = landfall.get_plan(id).unwrap().plan;
    let bad = ChannelPlan {
        market: None,
        payment: None,
        ad_share: Some("150%".parse().unwrap()),
        cpa: Some(money("-5", "JPY")),
        ..own_store("shop", Market::Jp)
    };
    let error = landfall.save_channel(id, None, bad).unwrap_err();
    assert_eq!(error.code, ErrorCode::BadInput);
    let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["market", "payment"]);
    assert_eq!(
        error.problems[0].message.fr,
        "choisissez le marché sur lequel ce canal vend"
    );

    // With the packs' questions answered, the plan's own rules speak.
    let bad = ChannelPlan {
        ad_share: Some("150%".parse().unwrap()),
        cpa: Some(money("-5", "JPY")),
        ..own_store("shop", Market::Jp)
    };
    let error = landfall.save_channel(id, None, bad).unwrap_err();
    let found: Vec<(&str, &str)> = error
        .problems
        .iter()
        .map(|p| (p.field.as_str(), p.message.en.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("ad_share", "a share is between 0 and 100%"),
            ("cpa.amount", "must not be negative, found -5"),
        ]
    );
    assert_eq!(landfall.get_plan(id).unwrap().plan, before);
}

#[test]
fn a_scenario_is_built_renamed_and_deleted_and_a_bad_phase_is_named() {
    let (_dir, mut landfall, id) = open();
    let mix = Scenario {
        name: "FBA and store".into(),
        volumes: vec![volume("amazon-jp-fba", 200), volume("own-store-jp", 100)],
        prices: vec![],
        phases: vec![],
        months: None,
    };
    landfall.save_scenario(id, None, mix.clone()).unwrap();
    let result = scenario(&landfall, id, "FBA and store");
    assert_eq!(result.channels.len(), 2);
    assert_eq!(result.channels[0].monthly_units, 200);

    let duplicate = Scenario {
        name: "Every channel".into(),
        ..mix.clone()
    };
    let error = landfall
        .save_scenario(id, Some("FBA and store".into()), duplicate)
        .unwrap_err();
    assert_eq!(error.problems[0].field, "name");

    let late = Scenario {
        phases: vec![ScenarioPhase {
            from_month: 30,
            volumes: vec![volume("amazon-jp-fba", 300)],
            prices: vec![],
        }],
        ..mix.clone()
    };
    let error = landfall
        .save_scenario(id, Some("FBA and store".into()), late)
        .unwrap_err();
    assert_eq!(error.problems[0].field, "phases[0].from_month");
    assert_eq!(
        error.problems[0].message.en,
        "month 30 is beyond the 24-month timeline (make the timeline longer)"
    );

    let renamed = Scenario {
        name: "Store first".into(),
        ..mix
    };
    landfall
        .save_scenario(id, Some("FBA and store".into()), renamed)
        .unwrap();
    let names: Vec<String> = landfall
        .get_plan(id)
        .unwrap()
        .plan
        .scenarios
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(names.contains(&"Store first".into()) && !names.contains(&"FBA and store".into()));
    landfall.delete_scenario(id, "Store first").unwrap();
    assert_eq!(landfall.get_plan(id).unwrap().plan.scenarios.len(), 4);
    let missing = landfall.delete_scenario(id, "Store first").unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn undo_puts_the_channels_and_scenarios_back_together() {
    let (_dir, mut landfall, id) = open();
    let plan = landfall.get_plan(id).unwrap().plan;
    let before = ChannelSetup {
        channels: plan.channels.clone(),
        scenarios: plan.scenarios.clone(),
    };
    landfall.delete_channel(id, "own-store-jp").unwrap();
    let after = landfall.get_plan(id).unwrap().plan;
    assert_eq!(after.channels.len(), 3);
    landfall.save_channel_setup(id, before.clone()).unwrap();
    let back = landfall.get_plan(id).unwrap().plan;
    assert_eq!(back.channels, before.channels);
    assert_eq!(back.scenarios, before.scenarios);
}

fn profile(landfall: &Landfall, id: PlanId) -> Profile {
    let plan = landfall.get_plan(id).unwrap().plan;
    Profile {
        as_of: plan.plan.as_of,
        home_currency: plan.plan.home_currency,
        seller: plan.seller,
        targets: plan.targets,
    }
}

#[test]
fn the_channels_follow_the_targets_without_losing_what_the_user_typed() {
    let (_dir, mut landfall, id) = open();
    let mut with_us = profile(&landfall, id);
    with_us.targets.push(Target {
        marketplace: Marketplace::AmazonUs,
        fulfilment: Fulfilment::Fba,
        channel: Channel::B2c,
        monthly_sales: None,
        monthly_units: Some(200),
        customs_fee: None,
    });
    landfall.save_profile(id, with_us.clone()).unwrap();
    let us = channel(&landfall, id, "amazon-us-fba");
    assert_eq!(
        (us.pack.as_str(), us.monthly_units),
        ("amazon-us-fba", Some(200))
    );

    // More units on the target: the channel as it came follows.
    with_us.targets[1].monthly_units = Some(250);
    landfall.save_profile(id, with_us.clone()).unwrap();
    assert_eq!(
        channel(&landfall, id, "amazon-us-fba").monthly_units,
        Some(250)
    );

    // Once the user has typed into the channel, only its units still follow the target's.
    let typed = ChannelPlan {
        ad_share: Some("12%".parse().unwrap()),
        ..channel(&landfall, id, "amazon-us-fba")
    };
    landfall
        .save_channel(id, Some("amazon-us-fba".into()), typed)
        .unwrap();
    with_us.targets[1].monthly_units = Some(300);
    landfall.save_profile(id, with_us.clone()).unwrap();
    let us = channel(&landfall, id, "amazon-us-fba");
    assert_eq!(
        (us.monthly_units, us.ad_share),
        (Some(300), Some("12%".parse().unwrap()))
    );

    // Removing the target keeps the channel the user worked on…
    let mut without_us = with_us.clone();
    without_us.targets.pop();
    landfall.save_profile(id, without_us.clone()).unwrap();
    assert!(
        landfall
            .get_plan(id)
            .unwrap()
            .plan
            .channels
            .iter()
            .any(|c| c.id == "amazon-us-fba")
    );

    // …while a channel still as it came leaves with its target: undoing the target's addition.
    landfall.delete_channel(id, "amazon-us-fba").unwrap();
    landfall.save_profile(id, with_us.clone()).unwrap();
    assert_eq!(
        channel(&landfall, id, "amazon-us-fba").monthly_units,
        Some(300)
    );
    landfall.save_profile(id, without_us).unwrap();
    let has_us = |landfall: &Landfall| {
        landfall
            .get_plan(id)
            .unwrap()
            .plan
            .channels
            .iter()
            .any(|c| c.id == "amazon-us-fba")
    };
    assert!(!has_us(&landfall));

    // A target that was already there does not bring back a channel the user removed.
    landfall.save_profile(id, with_us.clone()).unwrap();
    landfall.delete_channel(id, "amazon-us-fba").unwrap();
    with_us.targets[1].monthly_units = Some(350);
    landfall.save_profile(id, with_us).unwrap();
    assert!(!has_us(&landfall));
}
