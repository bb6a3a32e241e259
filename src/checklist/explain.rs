//! Words for the checklist engine's typed results: why an item applies, does not apply or depends on
//! an answer, and the question to answer. One place, both languages, no field names or ids.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::expr::{Atom, CompareOp, Literal, Test};
use super::facts::{Fact, Value};
use crate::plan::ProductFlag;
use crate::plan::channels::Market;
use crate::text::{Lang, NBSP, Text};

/// Whose checklist a reason is written for, for items that apply to everyone there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// One Amazon marketplace target.
    Marketplace,
    /// One channel of the plan (an own store, Rakuten Ichiba).
    Channel,
    /// The product law of a destination, shared by every channel selling into it.
    Goods,
    /// The Amazon seller account, shared by every Amazon marketplace of the plan.
    AmazonAccount,
    /// Other rules shared by every channel they concern (leaving the EU).
    Shared,
}

/// Why an item applies: the facts that made it apply.
pub fn applies(because: &[Atom], audience: Audience) -> Text {
    if because.is_empty() {
        return match audience {
            Audience::Marketplace => Text::new(
                "Applies to every seller on this marketplace",
                "S’applique à tout vendeur sur cette place de marché",
            ),
            Audience::Channel => Text::new(
                "Applies to every seller on this channel",
                "S’applique à tout vendeur sur ce canal",
            ),
            Audience::Goods => Text::new(
                "Applies to every product sold into this market, whatever the channel",
                "S’applique à tout produit vendu sur ce marché, quel que soit le canal",
            ),
            Audience::AmazonAccount => Text::new(
                "Applies on every Amazon marketplace of the plan",
                "S’applique sur chaque place de marché Amazon du plan",
            ),
            Audience::Shared => Text::new(
                "Applies whatever the channel",
                "S’applique quel que soit le canal",
            ),
        };
    }
    listed(because, ("Applies", "S’applique"))
}

/// Why an item does not apply.
pub fn does_not_apply(because: &[Atom]) -> Text {
    if because.is_empty() {
        return Text::new(
            "Switched off in the catalogue",
            "Désactivé dans le catalogue",
        );
    }
    listed(because, ("Does not apply", "Ne s’applique pas"))
}

/// Why an item is listed without being decided: the facts still to answer.
pub fn depends_on(unknown: &[Atom]) -> Text {
    Text::by(|lang| {
        let labels: Vec<String> = unknown.iter().map(|atom| missing(atom, lang)).collect();
        match lang {
            Lang::En => format!("Depends on {}", labels.join(" and ")),
            Lang::Fr => format!("Dépend de{NBSP}: {}", labels.join(" et ")),
        }
    })
}

/// The question whose answer decides an undecided item.
pub fn question(atom: &Atom) -> Text {
    let Atom::Fact { fact, test, .. } = atom else {
        return Text::same("");
    };
    let rule = test.as_ref().map(|test| threshold(*fact, test));
    Text::by(|lang| {
        let asked = match (fact, lang) {
            (Fact::MonthlySales | Fact::AnnualSales, Lang::En) => {
                "What are the expected monthly sales?".to_owned()
            }
            (Fact::MonthlySales | Fact::AnnualSales, Lang::Fr) => {
                format!("Quelles ventes mensuelles prévoyez-vous{NBSP}?")
            }
            (Fact::MonthlyUnits | Fact::AnnualUnits, Lang::En) => {
                "How many units do you expect to sell a month?".to_owned()
            }
            (Fact::MonthlyUnits | Fact::AnnualUnits, Lang::Fr) => {
                format!("Combien d’unités prévoyez-vous de vendre par mois{NBSP}?")
            }
            (Fact::ToyAgeMinMonths, Lang::En) => {
                "From what age, in months, is the toy meant?".to_owned()
            }
            (Fact::ToyAgeMinMonths, Lang::Fr) => {
                format!("À partir de quel âge, en mois, le jouet est-il destiné{NBSP}?")
            }
            (Fact::OriginInEu, Lang::En) => {
                "Where is the product made (its country of origin)?".to_owned()
            }
            (Fact::OriginInEu, Lang::Fr) => {
                format!("Où le produit est-il fabriqué (son pays d’origine){NBSP}?")
            }
            (Fact::Fulfilment, Lang::En) => "How do this channel’s orders reach buyers: from \
                stock held in the market, or parcels shipped from abroad?"
                .to_owned(),
            (Fact::Fulfilment, Lang::Fr) => format!(
                "Comment les commandes de ce canal parviennent-elles aux acheteurs{NBSP}: depuis un \
                 stock sur place, ou par colis expédiés de l’étranger{NBSP}?"
            ),
            (_, _) => missing(atom, lang),
        };
        match &rule {
            Some(rule) if !matches!(fact, Fact::Fulfilment) => match lang {
                Lang::En => format!("{asked} The rule applies {}.", rule.en),
                Lang::Fr => format!("{asked} La règle s’applique {}.", rule.fr),
            },
            _ => asked,
        }
    })
}

/// An item outside its dates.
pub fn not_yet_in_force(from: NaiveDate) -> Text {
    Text::by(|lang| match lang {
        Lang::En => format!("Not yet in force: applies from {}", date(lang, from)),
        Lang::Fr => format!(
            "Pas encore en vigueur{NBSP}: s’applique à partir du {}",
            date(lang, from)
        ),
    })
}

pub fn no_longer_in_force(until: NaiveDate) -> Text {
    Text::by(|lang| match lang {
        Lang::En => format!("No longer in force since {}", date(lang, until)),
        Lang::Fr => format!("Plus en vigueur depuis le {}", date(lang, until)),
    })
}

/// A calendar date the reader's way: `25 Dec 2025`, `25/12/2025`.
pub fn date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::En => date.format("%-d %b %Y").to_string(),
        Lang::Fr => date.format("%d/%m/%Y").to_string(),
    }
}

/// A market's name, as it reads after "in": `Japan` / `au Japon`.
pub fn market_in(market: Market) -> Text {
    let (en, fr) = match market {
        Market::Jp => ("Japan", "au Japon"),
        Market::Us => ("the United States", "aux États-Unis"),
        Market::De => ("Germany", "en Allemagne"),
        Market::Fr => ("France", "en France"),
        Market::Uk => ("the United Kingdom", "au Royaume-Uni"),
    };
    Text::new(en, fr)
}

/// What a product flag means, in a few words.
pub fn flag_label(flag: ProductFlag) -> Text {
    let (en, fr) = match flag {
        ProductFlag::MainsElectrical => ("mains powered", "alimenté sur secteur"),
        ProductFlag::AcAdapterIncluded => ("AC adapter in the box", "adaptateur secteur fourni"),
        ProductFlag::RadioEmitter => (
            "radio transmitter (Bluetooth, Wi-Fi…)",
            "émetteur radio (Bluetooth, Wi-Fi…)",
        ),
        ProductFlag::LiBatteryContained => {
            ("built-in lithium battery", "batterie lithium intégrée")
        }
        ProductFlag::LiBatteryPackedWith => (
            "lithium battery in the box",
            "batterie lithium fournie avec l’appareil",
        ),
        ProductFlag::LiBatteryStandalone => (
            "lithium battery sold on its own",
            "batterie lithium vendue seule",
        ),
        ProductFlag::MobileBattery => ("power bank", "batterie externe"),
        ProductFlag::Food => ("food", "aliment"),
        ProductFlag::FoodContactArticle => ("in contact with food", "au contact des aliments"),
        ProductFlag::Alcohol => ("alcoholic drink", "boisson alcoolisée"),
        ProductFlag::Supplement => ("food supplement", "complément alimentaire"),
        ProductFlag::FunctionClaim => ("health claim", "allégation de santé"),
        ProductFlag::Cosmetic => ("cosmetic", "cosmétique"),
        ProductFlag::QuasiDrug => ("quasi-drug", "quasi-médicament"),
        ProductFlag::MedicalDevice => ("medical device", "dispositif médical"),
        ProductFlag::Toy => ("toy", "jouet"),
        ProductFlag::TextileApparel => ("textile or clothing", "textile ou vêtement"),
        ProductFlag::PscSpecifiedProduct => ("on Japan’s PSC list", "sur la liste PSC japonaise"),
        ProductFlag::GasAppliance => ("gas appliance", "appareil à gaz"),
        ProductFlag::ChilledFrozen => ("chilled or frozen", "réfrigéré ou surgelé"),
        ProductFlag::ChildrenProduct => (
            "for children 12 or under",
            "pour enfants de 12 ans ou moins",
        ),
        ProductFlag::DeforestationCommodity => (
            "made from cattle, cocoa, coffee, palm oil, soy, rubber or wood",
            "issu de bovins, cacao, café, huile de palme, soja, caoutchouc ou bois",
        ),
    };
    Text::new(en, fr)
}

/// `Applies: a; b` in both languages.
fn listed(because: &[Atom], (en, fr): (&str, &str)) -> Text {
    Text::by(|lang| {
        let parts: Vec<String> = because.iter().map(|atom| phrase(atom, lang)).collect();
        match lang {
            Lang::En => format!("{en}: {}", parts.join("; ")),
            Lang::Fr => format!("{fr}{NBSP}: {}", parts.join(" ; ")),
        }
    })
}

/// One deciding fact as the reader sees it.
fn phrase(atom: &Atom, lang: Lang) -> String {
    match atom {
        Atom::Flag {
            flag,
            present: true,
        } => lang.pick(
            format!("product: {}", flag_label(*flag).en),
            format!("produit{NBSP}: {}", flag_label(*flag).fr),
        ),
        Atom::Flag {
            flag,
            present: false,
        } => lang.pick(
            format!("no product: {}", flag_label(*flag).en),
            format!("aucun produit{NBSP}: {}", flag_label(*flag).fr),
        ),
        Atom::Eee { flags } if flags.is_empty() => lang
            .pick(
                "no electrical or electronic equipment",
                "aucun équipement électrique ou électronique",
            )
            .to_owned(),
        Atom::Eee { flags } => {
            let labels: Vec<String> = flags
                .iter()
                .map(|flag| flag_label(*flag).get(lang).to_owned())
                .collect();
            lang.pick(
                format!("electrical or electronic equipment ({})", labels.join(", ")),
                format!(
                    "équipement électrique ou électronique ({})",
                    labels.join(", ")
                ),
            )
        }
        Atom::Fact {
            value: Value::Unknown,
            ..
        } => missing(atom, lang),
        Atom::Fact { fact, value, test } => {
            let stated = value_phrase(*fact, value, lang);
            match test {
                Some(test @ Test::Compare(op, _))
                    if !matches!(op, CompareOp::Eq | CompareOp::Ne) =>
                {
                    let rule = threshold(*fact, test);
                    lang.pick(
                        format!("{stated} (rule: {})", rule.en),
                        format!("{stated} (règle{NBSP}: {})", rule.fr),
                    )
                }
                _ => stated,
            }
        }
    }
}

/// What is missing for an undecided atom.
fn missing(atom: &Atom, lang: Lang) -> String {
    let Atom::Fact { fact, value, test } = atom else {
        return String::new();
    };
    if let (Value::Money(_, given), Some(Test::Compare(_, Literal::Money(_, wanted)))) =
        (value, test)
    {
        // The projection is in another currency than the threshold: the engine holds no rate.
        return lang.pick(
            format!("monthly sales in {wanted} (the plan gives {given})"),
            format!("ventes mensuelles en {wanted} (le plan les donne en {given})"),
        );
    }
    let (en, fr) = match fact {
        Fact::MonthlySales | Fact::AnnualSales => ("monthly sales", "ventes mensuelles"),
        Fact::MonthlyUnits | Fact::AnnualUnits => ("units sold a month", "unités vendues par mois"),
        Fact::ToyAgeMinMonths => ("the toy’s minimum age", "âge minimum du jouet"),
        Fact::OriginInEu => (
            "the product’s country of origin",
            "pays d’origine du produit",
        ),
        Fact::Fulfilment => (
            "how this channel’s orders are shipped",
            "mode d’expédition des commandes de ce canal",
        ),
        _ => ("an answer", "une réponse"),
    };
    lang.pick(
        format!("{en} (not in the plan yet)"),
        format!("{fr} (pas encore dans le plan)"),
    )
}

/// A fact's value in words.
fn value_phrase(fact: Fact, value: &Value, lang: Lang) -> String {
    let word = |en: &str, fr: &str| lang.pick(en, fr).to_owned();
    match (fact, value) {
        (Fact::Marketplace, Value::Absent) => word("not sold on Amazon", "pas vendu sur Amazon"),
        (Fact::Marketplace, _) => word("sold on Amazon", "vendu sur Amazon"),
        (Fact::Market, Value::Text(id)) => {
            let market = Market::ALL.into_iter().find(|m| m.id() == id);
            let place = market.map_or_else(|| id.clone(), |m| market_in(m).get(lang).to_owned());
            lang.pick(format!("buyers in {place}"), format!("acheteurs {place}"))
        }
        (Fact::MarketInEu, Value::Boolean(true)) => word("buyers in the EU", "acheteurs dans l’UE"),
        (Fact::MarketInEu, _) => word("buyers outside the EU", "acheteurs hors de l’UE"),
        (Fact::CrossBorder, Value::Boolean(true)) => word(
            "buyers in another country than yours",
            "acheteurs dans un autre pays que le vôtre",
        ),
        (Fact::CrossBorder, _) => word(
            "buyers in your own country",
            "acheteurs dans votre propre pays",
        ),
        (Fact::Fulfilment, Value::Text(id)) => match id.as_str() {
            "fba" => word(
                "orders fulfilled by Amazon",
                "commandes expédiées par Amazon",
            ),
            "mfn" => word(
                "orders shipped by you, parcel by parcel",
                "commandes expédiées par vos soins, colis par colis",
            ),
            _ => word(
                "stock held in the market by a logistics provider",
                "stock tenu sur place par un logisticien",
            ),
        },
        (Fact::Channel, Value::Text(id)) => match id.as_str() {
            "b2c" => word("sold to consumers", "vente aux consommateurs"),
            "b2b" => word("sold to businesses", "vente aux professionnels"),
            _ => word(
                "sold to consumers and businesses",
                "vente aux consommateurs et aux professionnels",
            ),
        },
        (Fact::SellerCountry, Value::Text(code)) => lang.pick(
            format!("seller’s country: {code}"),
            format!("pays du vendeur{NBSP}: {code}"),
        ),
        (Fact::SellerEntity, Value::Text(id)) if id == "sole-trader" => word(
            "the seller is a sole trader",
            "le vendeur est un entrepreneur individuel",
        ),
        (Fact::SellerEntity, _) => word("the seller is a company", "le vendeur est une société"),
        (Fact::OriginInEu, Value::Boolean(true)) => {
            word("product made in the EU", "produit fabriqué dans l’UE")
        }
        (Fact::OriginInEu, _) => word(
            "product made outside the EU",
            "produit fabriqué hors de l’UE",
        ),
        (Fact::SellerInEu, Value::Boolean(true)) => {
            word("seller established in the EU", "vendeur établi dans l’UE")
        }
        (Fact::SellerInEu, _) => word(
            "seller established outside the EU",
            "vendeur établi hors de l’UE",
        ),
        (Fact::ToyAgeMinMonths, Value::Number(months)) => lang.pick(
            format!("toy for children from {} months", lang.grouped(*months)),
            format!("jouet pour enfants dès {}{NBSP}mois", lang.grouped(*months)),
        ),
        (Fact::MonthlySales, Value::Money(amount, currency)) => lang.pick(
            format!("monthly sales {}", money(lang, *amount, currency)),
            format!("ventes mensuelles de {}", money(lang, *amount, currency)),
        ),
        (Fact::AnnualSales, Value::Money(amount, currency)) => lang.pick(
            format!("sales over 12 months {}", money(lang, *amount, currency)),
            format!("ventes sur 12 mois de {}", money(lang, *amount, currency)),
        ),
        (Fact::MonthlyUnits, Value::Number(units)) => lang.pick(
            format!("{} units a month", lang.grouped(*units)),
            format!("{} unités par mois", lang.grouped(*units)),
        ),
        (Fact::AnnualUnits, Value::Number(units)) => lang.pick(
            format!("{} units over 12 months", lang.grouped(*units)),
            format!("{} unités sur 12 mois", lang.grouped(*units)),
        ),
        _ => missing(
            &Atom::Fact {
                fact,
                value: Value::Unknown,
                test: None,
            },
            lang,
        ),
    }
}

/// A numeric rule in words: `above 10,000 USD a month`, `under 36 months`.
fn threshold(fact: Fact, test: &Test) -> Text {
    let Test::Compare(op, literal) = test else {
        return Text::same("");
    };
    Text::by(|lang| {
        let figure = match literal {
            Literal::Number(number) => lang.grouped(*number),
            Literal::Money(amount, currency) => money(lang, *amount, currency),
            Literal::Text(text) => text.clone(),
        };
        let relation = match op {
            CompareOp::Lt => lang.pick("under", "en dessous de"),
            CompareOp::Le => lang.pick("up to", "jusqu’à"),
            CompareOp::Gt => lang.pick("above", "au-delà de"),
            CompareOp::Ge => lang.pick("from", "à partir de"),
            CompareOp::Eq => lang.pick("at exactly", "à exactement"),
            CompareOp::Ne => lang.pick("other than", "hors"),
        };
        let unit = match fact {
            Fact::ToyAgeMinMonths => lang.pick(" months", "\u{a0}mois"),
            Fact::MonthlySales => lang.pick(" a month", " par mois"),
            Fact::MonthlyUnits => lang.pick(" units a month", " unités par mois"),
            Fact::AnnualSales => lang.pick(" over 12 months", " sur 12 mois"),
            Fact::AnnualUnits => lang.pick(" units over 12 months", " unités sur 12 mois"),
            _ => "",
        };
        format!("{relation} {figure}{unit}")
    })
}

fn money(lang: Lang, amount: Decimal, currency: &str) -> String {
    format!("{}{NBSP}{currency}", lang.grouped(amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::expr::Expr;
    use crate::checklist::facts::Profile;
    use crate::plan::{Amount, Channel, Entity, Fulfilment, Marketplace};

    fn profile() -> Profile {
        Profile {
            marketplace: Some(Marketplace::AmazonUs),
            channel_id: None,
            market: Market::Us,
            fulfilment: Some(Fulfilment::Fba),
            channel: Channel::B2c,
            seller_country: "FR".into(),
            seller_entity: Entity::Company,
            sku: Some("T-1".into()),
            flags: [ProductFlag::Toy, ProductFlag::LiBatteryContained]
                .into_iter()
                .collect(),
            toy_age_min_months: None,
            origin: Some("FR".into()),
            monthly_sales: None,
            monthly_units: None,
        }
    }

    fn because(source: &str, profile: &Profile) -> Vec<Atom> {
        Expr::parse(source).unwrap().evaluate(profile).because
    }

    #[test]
    fn reasons_are_words_in_both_languages() {
        let atoms = because(
            "fulfilment == \"fba\" and has(li_battery_contained)",
            &profile(),
        );
        let text = applies(&atoms, Audience::Marketplace);
        assert_eq!(
            text.en,
            "Applies: orders fulfilled by Amazon; product: built-in lithium battery"
        );
        assert_eq!(
            text.fr,
            "S’applique\u{a0}: commandes expédiées par Amazon ; produit\u{a0}: batterie lithium intégrée"
        );
        let atoms = because("has(ac_adapter_included) or not seller_in_eu", &profile());
        assert_eq!(
            does_not_apply(&atoms).en,
            "Does not apply: no product: AC adapter in the box; seller established in the EU"
        );
    }

    #[test]
    fn a_missing_projection_becomes_a_question_with_its_threshold() {
        let atoms = because("monthly_sales > 10000 USD", &profile());
        assert_eq!(
            depends_on(&atoms).en,
            "Depends on monthly sales (not in the plan yet)"
        );
        assert_eq!(
            depends_on(&atoms).fr,
            "Dépend de\u{a0}: ventes mensuelles (pas encore dans le plan)"
        );
        assert_eq!(
            question(&atoms[0]).en,
            "What are the expected monthly sales? The rule applies above 10,000\u{a0}USD a month."
        );
        assert_eq!(
            question(&atoms[0]).fr,
            "Quelles ventes mensuelles prévoyez-vous\u{a0}? La règle s’applique au-delà de \
             10\u{202f}000\u{a0}USD par mois."
        );
        let mut euros = profile();
        euros.monthly_sales = Some(Amount {
            amount: 20_000.into(),
            currency: "EUR".to_owned().try_into().unwrap(),
        });
        let atoms = because("monthly_sales > 10000 USD", &euros);
        assert_eq!(
            depends_on(&atoms).en,
            "Depends on monthly sales in USD (the plan gives EUR)"
        );
    }

    #[test]
    fn toy_ages_and_dates_read_the_language_s_way() {
        let mut toy = profile();
        toy.toy_age_min_months = Some(24);
        let atoms = because("has(toy) and toy_age_min_months < 36", &toy);
        assert_eq!(
            applies(&atoms, Audience::Shared).fr,
            "S’applique\u{a0}: produit\u{a0}: jouet ; jouet pour enfants dès 24\u{a0}mois \
             (règle\u{a0}: en dessous de 36\u{a0}mois)"
        );
        let from = NaiveDate::from_ymd_opt(2025, 12, 25).unwrap();
        assert_eq!(
            not_yet_in_force(from).en,
            "Not yet in force: applies from 25 Dec 2025"
        );
        assert_eq!(
            not_yet_in_force(from).fr,
            "Pas encore en vigueur\u{a0}: s’applique à partir du 25/12/2025"
        );
    }
}
