//! Gaps in the report's words: what is missing ("the freight and insurance") and why, worded from
//! the input the engine names (the window says the same from its own catalogue). The engines' own
//! sentences name plan-file fields for the command line; a reader of the report sees them only for a
//! gap no plan input answers (a figure the rules lack).

use crate::cost::{Input, Missing};
use crate::text::Lang;

use super::format::marketplace;

/// What `gap` needs, in words, and a sentence saying why, in `lang`.
pub fn gap_words(gap: &Missing, lang: Lang) -> (String, String) {
    let on = gap.input.marketplace.map_or("", marketplace);
    let fr = lang == Lang::Fr;
    let pick = |en: &str, fr_text: &str| {
        if fr {
            fr_text.to_owned()
        } else {
            en.to_owned()
        }
    };
    let need = need(gap.input.input, lang);
    let sentence = match gap.input.input {
        Input::Price => pick(
            &format!("The shelf price on {on} is missing."),
            &format!("Le prix affiché sur {on} manque."),
        ),
        Input::UnitCost => pick(
            "The purchase cost is missing: the landed cost and the margin need it.",
            "Le coût d’achat manque\u{a0}: le coût rendu et la marge en ont besoin.",
        ),
        Input::Freight => pick(
            &format!("Freight to {on} is missing: it is part of the customs value."),
            &format!("Le transport vers {on} manque\u{a0}: il fait partie de la valeur en douane."),
        ),
        Input::Insurance => pick(
            &format!("The insurance to {on} cannot be used as typed."),
            &format!("L’assurance vers {on} ne peut pas être utilisée telle que saisie."),
        ),
        Input::Category => pick(
            &format!("The category on {on} is missing: the referral fee depends on it."),
            &format!("La catégorie sur {on} manque\u{a0}: la commission en dépend."),
        ),
        Input::Package => pick(
            "The package size and weight are missing: the FBA fee depends on them.",
            "Les dimensions et le poids du colis manquent\u{a0}: les frais FBA en dépendent.",
        ),
        Input::HsCode => pick(
            "The HS code is missing: the duty rate depends on it.",
            "Le code SH manque\u{a0}: le taux de droits en dépend.",
        ),
        Input::Origin => pick(
            "The country of origin is missing: a preferential duty rate depends on it.",
            "Le pays d’origine manque\u{a0}: un taux de droits préférentiel en dépend.",
        ),
        Input::FulfilmentFee => pick(
            &format!("The FBA fee on {on} is missing: type it from Amazon’s FBA calculator."),
            &format!(
                "Les frais FBA sur {on} manquent\u{a0}: saisissez-les depuis le calculateur FBA d’Amazon."
            ),
        ),
        Input::DutyRate => pick(
            &format!(
                "No duty rate is known for this HS code on {on}: type it from the customs tariff."
            ),
            &format!(
                "Aucun taux de droits n’est connu pour ce code SH sur {on}\u{a0}: saisissez-le depuis le tarif douanier."
            ),
        ),
        Input::FxRate => pick(
            "An exchange rate is missing: update the rates or type one by hand.",
            "Un taux de change manque\u{a0}: mettez les taux à jour ou saisissez-en un.",
        ),
        Input::MonthlyUnits => pick(
            &format!(
                "Units per month on {on} are missing: the selling plan and the import consignment depend on them."
            ),
            &format!(
                "Les unités par mois sur {on} manquent\u{a0}: l’abonnement vendeur et l’envoi importé en dépendent."
            ),
        ),
        Input::CustomsFee => pick(
            &format!(
                "The customs fee per import to {on} is not in the rules for this date: type it (a broker’s quote, or the customs office’s notice for the year)."
            ),
            &format!(
                "La redevance douanière par importation vers {on} n’est pas connue des règles à cette date\u{a0}: saisissez-la (devis d’un transitaire, ou avis de la douane pour l’année)."
            ),
        ),
        // A rule the packs lack: the engine's sentence names it (without file syntax).
        Input::RulePack => gap.message.get(lang).to_string(),
        _ => pick(&format!("Missing: {need}."), &format!("Il manque {need}.")),
    };
    (need, sentence)
}

/// The input a gap needs, as a reader names it ("the price"), as in the window's "incomplete — needs …".
pub fn need(input: Input, lang: Lang) -> String {
    let (en, fr) = match input {
        Input::UnitCost => ("the purchase cost", "le coût d’achat"),
        Input::Price => ("the price", "le prix"),
        Input::Freight => ("the freight and insurance", "le transport et l’assurance"),
        Input::Insurance => ("the insurance", "l’assurance"),
        Input::Category => ("the category", "la catégorie"),
        Input::Package => (
            "the package size and weight",
            "les dimensions et le poids du colis",
        ),
        Input::HsCode => ("the HS code", "le code SH"),
        Input::Origin => ("the country of origin", "le pays d’origine"),
        Input::FulfilmentFee => ("the FBA fee", "les frais FBA"),
        Input::DutyRate => ("the duty rate", "le taux de droit de douane"),
        Input::ToyAge => (
            "the age the toy is meant for",
            "l’âge auquel le jouet est destiné",
        ),
        Input::MonthlyUnits => ("the units a month", "les unités par mois"),
        Input::MonthlySales => ("the sales a month", "les ventes par mois"),
        Input::Fulfilment => ("the fulfilment", "le mode d’expédition"),
        Input::CustomsFee => (
            "the customs fee per import",
            "la redevance douanière par importation",
        ),
        Input::FxRate => ("an exchange rate", "un taux de change"),
        Input::CustomsValue => ("the customs value", "la valeur en douane"),
        Input::TaxRate => ("the tax rate", "le taux de taxe"),
        Input::Points => ("the points", "les points"),
        Input::ReferralRule => ("the referral fee rule", "la règle de commission"),
        Input::RefundAdministration => (
            "the refund administration fee",
            "les frais de gestion des remboursements",
        ),
        Input::Market => ("a market", "un marché"),
        Input::Payment => ("a payment provider", "un prestataire de paiement"),
        Input::Shipping => (
            "the delivery cost to the buyer",
            "le coût de livraison à l’acheteur",
        ),
        Input::ChannelQuote => ("your quote for a fee", "votre devis pour des frais"),
        Input::FxCost => (
            "the currency conversion cost",
            "le coût de conversion des devises",
        ),
        Input::ReturnRate => ("the return rate", "le taux de retour"),
        Input::CostPerReturn => ("the cost of one return", "le coût d’un retour"),
        Input::Cpa => (
            "the marketing cost per order",
            "le coût marketing par commande",
        ),
        Input::FixedCost => ("a monthly cost", "un coût mensuel"),
        Input::SetupCost => ("a set-up cost", "des frais de mise en place"),
        Input::ChannelProduct => (
            "a product the plan no longer has",
            "un produit que le plan n’a plus",
        ),
        Input::ScenarioVolume | Input::ScenarioPrice => (
            "a channel or product the plan no longer has",
            "un canal ou un produit que le plan n’a plus",
        ),
        Input::RulePack => (
            "a rule in force at the plan's date",
            "une règle en vigueur à la date du plan",
        ),
    };
    match lang {
        Lang::En => en.to_owned(),
        Lang::Fr => fr.to_owned(),
    }
}
