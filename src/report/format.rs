//! The report's words in French and English, and numbers, money, percentages and dates written the
//! way each language writes them (`1 234,56 €` and `€1,234.56`). Display only: computation never
//! goes through these strings.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::Currency;
use crate::plan::Marketplace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// French groups digits with a narrow no-break space and puts the symbol after a no-break space.
const FR_GROUP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

/// `value` rounded half away from zero to `places`, written with the language's separators.
pub fn number(lang: Lang, value: Decimal, places: u32) -> String {
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", places as usize, rounded.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((int_part, frac)) => (int_part, Some(frac)),
        None => (text.as_str(), None),
    };
    let (group, point) = match lang {
        Lang::Fr => (FR_GROUP, ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(text.len() + 4);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (index, digit) in int_part.chars().enumerate() {
        if index > 0 && (int_part.len() - index) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if let Some(frac) = frac_part {
        out.push(point);
        out.push_str(frac);
    }
    out
}

fn symbol(lang: Lang, currency: Currency) -> Option<&'static str> {
    match (currency.code(), lang) {
        ("EUR", _) => Some("€"),
        ("JPY", _) => Some("¥"),
        ("GBP", _) => Some("£"),
        ("USD", Lang::En) => Some("$"),
        ("USD", Lang::Fr) => Some("$US"),
        _ => None,
    }
}

/// An amount to the currency's minor unit: `1 234,56 €`, `€1,234.56`, `6 980 ¥`, `¥6,980`.
pub fn money(lang: Lang, amount: Decimal, currency: Currency) -> String {
    let digits = number(lang, amount, currency.exponent());
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits.as_str()),
    };
    match (lang, symbol(lang, currency)) {
        (Lang::Fr, Some(symbol)) => format!("{sign}{digits}{NBSP}{symbol}"),
        (Lang::En, Some(symbol)) => format!("{sign}{symbol}{digits}"),
        (_, None) => format!("{sign}{digits}{NBSP}{currency}"),
    }
}

/// A fraction as a percentage with one decimal: `12,5 %`, `12.5%`.
pub fn percent(lang: Lang, fraction: Decimal) -> String {
    let digits = number(lang, fraction * Decimal::ONE_HUNDRED, 1);
    match lang {
        Lang::Fr => format!("{digits}{NBSP}%"),
        Lang::En => format!("{digits}%"),
    }
}

/// `22 novembre 2026`, `22 November 2026`.
pub fn date(lang: Lang, date: NaiveDate) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    let month = months.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

/// The marketplace as its buyers know it.
pub fn marketplace(marketplace: Marketplace) -> &'static str {
    match marketplace {
        Marketplace::AmazonJp => "Amazon.co.jp",
        Marketplace::AmazonUs => "Amazon.com",
        Marketplace::AmazonDe => "Amazon.de",
        Marketplace::AmazonFr => "Amazon.fr",
        Marketplace::AmazonUk => "Amazon.co.uk",
    }
}

/// Replaces `{0}`, `{1}`… in `template` with `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    values
        .iter()
        .enumerate()
        .fold(template.to_string(), |text, (index, value)| {
            text.replace(&format!("{{{index}}}"), value)
        })
}

/// Every string the report writes, in one language.
#[derive(Debug, Serialize)]
pub struct Texts {
    pub title: &'static str,
    pub prepared_for: &'static str,
    pub prepared_by: &'static str,
    pub generated_on: &'static str,
    pub rules_as_of: &'static str,
    pub home_currency: &'static str,
    pub page: &'static str,
    pub contents: &'static str,
    // Sections.
    pub summary: &'static str,
    pub landed_cost: &'static str,
    pub landed_overview: &'static str,
    pub landed_detail: &'static str,
    pub fees: &'static str,
    pub assumptions: &'static str,
    pub overrides: &'static str,
    pub no_overrides: &'static str,
    pub fx_rates: &'static str,
    pub no_fx: &'static str,
    pub missing: &'static str,
    pub no_missing: &'static str,
    pub sources: &'static str,
    pub working: &'static str,
    pub disclaimer_title: &'static str,
    pub waterfall: &'static str,
    pub detail_limited: &'static str,
    pub no_lines: &'static str,
    pub chart_incomplete: &'static str,
    // Summary.
    pub products: &'static str,
    pub targets: &'static str,
    pub lines: &'static str,
    pub complete: &'static str,
    pub negative_margins: &'static str,
    pub missing_inputs: &'static str,
    pub best_line: &'static str,
    pub worst_line: &'static str,
    pub signals: &'static str,
    pub go: &'static str,
    pub caution: &'static str,
    pub stop: &'static str,
    pub signal_empty: &'static str,
    pub signal_negative: &'static str,
    pub signal_incomplete: &'static str,
    pub signal_positive: &'static str,
    pub signal_blockers: &'static str,
    pub signal_ready: &'static str,
    // Checklist.
    pub checklist: &'static str,
    pub readiness: &'static str,
    pub launch_date: &'static str,
    pub earliest: &'static str,
    pub blockers: &'static str,
    pub no_blockers: &'static str,
    pub all_items: &'static str,
    pub group: &'static str,
    pub item: &'static str,
    pub status: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub overdue: &'static str,
    pub launch_blocking: &'static str,
    pub status_to_do: &'static str,
    pub status_in_progress: &'static str,
    pub status_in_review: &'static str,
    pub status_done: &'static str,
    pub status_recurring: &'static str,
    pub status_blocked: &'static str,
    pub status_not_applicable: &'static str,
    // Columns and figures.
    pub sku: &'static str,
    pub product: &'static str,
    pub marketplace: &'static str,
    pub currency: &'static str,
    pub price: &'static str,
    pub net_price: &'static str,
    pub referral_fee: &'static str,
    pub closing_fee: &'static str,
    pub fulfilment_fee: &'static str,
    pub selling_plan: &'static str,
    pub unit_cost: &'static str,
    pub freight: &'static str,
    pub duty: &'static str,
    pub import_taxes: &'static str,
    pub landed: &'static str,
    pub total_fees: &'static str,
    pub share_of_price: &'static str,
    pub margin: &'static str,
    pub margin_rate: &'static str,
    pub margin_home: &'static str,
    pub home: &'static str,
    pub field: &'static str,
    pub message: &'static str,
    pub figure: &'static str,
    pub formula: &'static str,
    pub amount: &'static str,
    pub source: &'static str,
    pub url: &'static str,
    pub effective_from: &'static str,
    pub effective_until: &'static str,
    pub confidence: &'static str,
    pub origin: &'static str,
    pub location: &'static str,
    pub older_than_a_year: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub rate: &'static str,
    pub date: &'static str,
    pub not_available: &'static str,
    pub bundled: &'static str,
    pub user: &'static str,
    pub official: &'static str,
    pub official_copy: &'static str,
    pub secondary: &'static str,
    pub value: &'static str,
    pub level: &'static str,
    pub signal: &'static str,
    // Channel comparison and sensitivity.
    pub channel_comparison: &'static str,
    pub sensitivity: &'static str,
    pub scenario: &'static str,
    pub selected_scenario_note: &'static str,
    pub total_monthly_profit: &'static str,
    pub channel: &'static str,
    pub units_per_month: &'static str,
    pub revenue: &'static str,
    pub contribution_per_unit: &'static str,
    pub fixed_monthly: &'static str,
    pub monthly_profit: &'static str,
    pub monthly_profit_home: &'static str,
    pub setup: &'static str,
    pub break_even: &'static str,
    pub months_to_recover: &'static str,
    pub never: &'static str,
    pub incomplete: &'static str,
    pub chart_contribution: &'static str,
    pub chart_profit_volume: &'static str,
    pub no_channel_in_scenario: &'static str,
    pub channels_missing: &'static str,
    pub channel_note: &'static str,
    pub sensitivity_intro: &'static str,
    pub sensitivity_empty: &'static str,
    pub input: &'static str,
    pub low_value: &'static str,
    pub high_value: &'static str,
    pub profit_low: &'static str,
    pub profit_base: &'static str,
    pub profit_high: &'static str,
    pub swing: &'static str,
    pub tornado: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub best_channel: &'static str,
    pub channel_overrides: &'static str,
    pub rows_limited: &'static str,
    pub timeline: &'static str,
    pub month: &'static str,
    pub phase: &'static str,
    pub month_profit: &'static str,
    pub cumulative: &'static str,
    pub payback: &'static str,
    pub no_payback: &'static str,

    pub signal_best_channel: &'static str,
    pub signal_no_profitable_channel: &'static str,
    pub signal_channel_loss: &'static str,
    pub signal_channels_incomplete: &'static str,
    pub assumptions_list: &'static [&'static str],
    pub disclaimer: &'static str,
    pub engine_language_note: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fr => &FRENCH,
        Lang::En => &ENGLISH,
    }
}

static FRENCH: Texts = Texts {
    title: "Rapport de planification export",
    prepared_for: "Préparé pour",
    prepared_by: "Préparé par",
    generated_on: "Date du rapport",
    rules_as_of: "Règles en vigueur au",
    home_currency: "Devise de référence",
    page: "Page",
    contents: "Sommaire",
    summary: "Synthèse",
    landed_cost: "Coût rendu par produit",
    landed_overview: "Vue d’ensemble",
    landed_detail: "Détail",
    fees: "Frais par place de marché",
    assumptions: "Hypothèses et valeurs saisies",
    overrides: "Valeurs saisies par l’utilisateur",
    no_overrides: "Aucune valeur saisie : toutes les valeurs viennent des règles fournies.",
    fx_rates: "Taux de change utilisés",
    no_fx: "Aucune conversion de devise.",
    missing: "Données manquantes",
    no_missing: "Aucune donnée manquante.",
    sources: "Annexe : sources",
    working: "Détail des calculs",
    disclaimer_title: "Avertissement",
    waterfall: "Du prix à la marge, par unité",
    detail_limited: "Le détail est donné pour les {0} premières lignes ; toutes les lignes figurent dans la vue d’ensemble et dans l’export Excel.",
    no_lines: "Le plan ne contient aucune ligne produit × place de marché.",
    chart_incomplete: "Graphique non tracé : des données manquent pour calculer la marge.",
    products: "Produits",
    targets: "Places de marché",
    lines: "Lignes produit × place de marché",
    complete: "Lignes calculées entièrement",
    negative_margins: "Marges négatives",
    missing_inputs: "Données manquantes",
    best_line: "Meilleure marge",
    worst_line: "Marge la plus faible",
    signals: "Signaux",
    go: "FEU VERT",
    caution: "ATTENTION",
    stop: "STOP",
    signal_empty: "Le plan ne contient encore ni produit ni place de marché.",
    signal_negative: "{0} ligne(s) avec une marge négative : revoir le prix ou les coûts avant de lancer.",
    signal_incomplete: "{0} ligne(s) incomplète(s), {1} donnée(s) manquante(s) : voir « Données manquantes ».",
    signal_positive: "{0} ligne(s) calculée(s) avec une marge positive.",
    signal_blockers: "{0} : préparation {1}, {2} point(s) bloquant(s) avant la première vente.",
    signal_ready: "{0} : préparation {1}, aucun point bloquant.",
    checklist: "Check-list d’entrée sur le marché",
    readiness: "Préparation",
    launch_date: "Date de lancement",
    earliest: "au plus tôt",
    blockers: "Points bloquants",
    no_blockers: "Aucun point bloquant.",
    all_items: "Tous les points",
    group: "Groupe",
    item: "Point",
    status: "Statut",
    owner: "Responsable",
    due: "Échéance",
    overdue: "en retard",
    launch_blocking: "Bloquant",
    status_to_do: "À faire",
    status_in_progress: "En cours",
    status_in_review: "En revue",
    status_done: "Fait",
    status_recurring: "Récurrent",
    status_blocked: "En attente",
    status_not_applicable: "Sans objet",
    sku: "Réf.",
    product: "Produit",
    marketplace: "Place de marché",
    currency: "Devise",
    price: "Prix affiché",
    net_price: "Prix hors taxe",
    referral_fee: "Commission",
    closing_fee: "Frais de clôture",
    fulfilment_fee: "Frais d’expédition",
    selling_plan: "Abonnement vendeur",
    unit_cost: "Coût d’achat",
    freight: "Fret et assurance",
    duty: "Droits de douane",
    import_taxes: "Taxes à l’import (récupérables)",
    landed: "Coût rendu",
    total_fees: "Total des frais",
    share_of_price: "Part du prix",
    margin: "Marge",
    margin_rate: "Taux de marge",
    margin_home: "Marge (devise de réf.)",
    home: "Devise de réf.",
    field: "Champ",
    message: "Message",
    figure: "Valeur",
    formula: "Calcul",
    amount: "Montant",
    source: "Source",
    url: "Adresse",
    effective_from: "En vigueur depuis",
    effective_until: "Jusqu’au",
    confidence: "Fiabilité",
    origin: "Origine",
    location: "Fichier:ligne",
    older_than_a_year: "Plus d’un an",
    yes: "oui",
    no: "non",
    from: "De",
    to: "Vers",
    rate: "Taux",
    date: "Date",
    not_available: "—",
    bundled: "fournie",
    user: "utilisateur",
    official: "officielle",
    official_copy: "copie officielle",
    secondary: "secondaire",
    value: "Valeur",
    level: "Niveau",
    signal: "Signal",
    channel_comparison: "Comparaison des canaux",
    sensitivity: "Sensibilité du bénéfice mensuel",
    scenario: "Scénario",
    selected_scenario_note: "Le meilleur canal et la sensibilité portent sur le scénario « {0} ».",
    total_monthly_profit: "Bénéfice mensuel total",
    channel: "Canal",
    units_per_month: "Unités / mois",
    revenue: "Chiffre d’affaires HT / mois",
    contribution_per_unit: "Contribution / unité",
    fixed_monthly: "Coûts fixes / mois",
    monthly_profit: "Bénéfice / mois",
    monthly_profit_home: "Bénéfice / mois (devise de réf.)",
    setup: "Mise en place",
    break_even: "Point mort (unités / mois)",
    months_to_recover: "Mois pour amortir la mise en place",
    never: "jamais",
    incomplete: "incomplet",
    chart_contribution: "Contribution par unité, par canal",
    chart_profit_volume: "Bénéfice mensuel selon le volume mensuel (point mort marqué)",
    no_channel_in_scenario: "Aucun canal ne vend dans ce scénario.",
    channels_missing: "Données manquantes pour la comparaison",
    channel_note: "Montants dans la devise du marché de chaque canal, hors taxe ; la contribution par unité est la moyenne des produits vendus sur le canal. Les noms des canaux et le détail des calculs sont ceux du moteur, en anglais.",
    sensitivity_intro: "Chaque donnée est déplacée seule, les autres restant inchangées, et le scénario « {0} » est recalculé par le même moteur ; les données sont classées par écart entre les deux bénéfices.",
    sensitivity_empty: "Sensibilité non calculée : le bénéfice total du scénario dans la devise de référence est inconnu (voir les données manquantes).",
    input: "Donnée",
    low_value: "Valeur basse",
    high_value: "Valeur haute",
    profit_low: "Bénéfice (bas)",
    profit_base: "Bénéfice (base)",
    profit_high: "Bénéfice (haut)",
    swing: "Écart",
    tornado: "Bénéfice mensuel, donnée basse et haute",
    low: "bas",
    high: "haut",
    best_channel: "Meilleur canal",
    channel_overrides: "Valeurs saisies pour les canaux",
    timeline: "Mois par mois",
    month: "Mois",
    phase: "Phase (depuis le mois)",
    month_profit: "Résultat du mois",
    cumulative: "Cumul",
    payback: "Retour sur investissement : mois {0} (cumul positif ou nul à partir de ce mois).",
    no_payback: "Pas de retour sur investissement en {0} mois.",
    rows_limited: "Les {0} premières lignes sont affichées ; toutes figurent dans l’export Excel.",
    signal_best_channel: "Meilleur canal (scénario « {0} ») : {1}, bénéfice mensuel {2}.",
    signal_no_profitable_channel: "Aucun canal n’est rentable dans le scénario « {0} » ; la plus petite perte : {1}, {2} par mois.",
    signal_channel_loss: "{0} perd {1} par mois à {2} unités ; point mort à {3} unités par mois.",
    signal_channels_incomplete: "Comparaison des canaux incomplète (scénario « {0} ») : voir « Données manquantes pour la comparaison ».",
    assumptions_list: &[
        "Le prix affiché inclut la taxe à la consommation ou la TVA du pays de destination (aucune aux États-Unis), reversée par le vendeur.",
        "La taxe à l’importation est récupérable par un importateur enregistré : elle est indiquée mais n’est pas déduite de la marge.",
        "Le stock est importé en un envoi commercial par mois (volume mensuel de la cible) ; les arrondis douaniers s’appliquent à cet envoi.",
        "Les montants sont exprimés dans la devise de la place de marché, puis la marge est convertie dans la devise de référence aux taux indiqués.",
    ],
    disclaimer: "Ce rapport est un outil de planification. Il ne constitue ni un conseil juridique, ni un conseil fiscal, ni un conseil douanier. Les règles, taux et frais évoluent : vérifiez chaque valeur auprès de la source indiquée avant toute décision.",
    engine_language_note: "Les libellés et formules de calcul du moteur sont en anglais.",
};

static ENGLISH: Texts = Texts {
    title: "Export planning report",
    prepared_for: "Prepared for",
    prepared_by: "Prepared by",
    generated_on: "Report date",
    rules_as_of: "Rules in force on",
    home_currency: "Home currency",
    page: "Page",
    contents: "Contents",
    summary: "Executive summary",
    landed_cost: "Landed cost per product",
    landed_overview: "Overview",
    landed_detail: "Detail",
    fees: "Fees per marketplace",
    assumptions: "Assumptions and overrides",
    overrides: "Figures entered by the user",
    no_overrides: "No user figures: every figure comes from the bundled rules.",
    fx_rates: "Exchange rates used",
    no_fx: "No currency conversion.",
    missing: "Missing inputs",
    no_missing: "No missing inputs.",
    sources: "Appendix: sources",
    working: "Working",
    disclaimer_title: "Disclaimer",
    waterfall: "From price to margin, per unit",
    detail_limited: "Detail is given for the first {0} lines; every line is in the overview and in the Excel export.",
    no_lines: "The plan has no product × marketplace lines.",
    chart_incomplete: "No chart: inputs are missing to compute the margin.",
    products: "Products",
    targets: "Marketplaces",
    lines: "Product × marketplace lines",
    complete: "Fully computed lines",
    negative_margins: "Negative margins",
    missing_inputs: "Missing inputs",
    best_line: "Best margin",
    worst_line: "Lowest margin",
    signals: "Signals",
    go: "GO",
    caution: "CAUTION",
    stop: "STOP",
    signal_empty: "The plan has no product or marketplace yet.",
    signal_negative: "{0} line(s) with a negative margin: revisit the price or the costs before launch.",
    signal_incomplete: "{0} incomplete line(s), {1} missing input(s): see “Missing inputs”.",
    signal_positive: "{0} fully computed line(s) with a positive margin.",
    signal_blockers: "{0}: readiness {1}, {2} launch blocker(s) before the first sale.",
    signal_ready: "{0}: readiness {1}, no launch blocker.",
    checklist: "Market-entry checklist",
    readiness: "Readiness",
    launch_date: "Launch date",
    earliest: "earliest possible",
    blockers: "Launch blockers",
    no_blockers: "No launch blockers.",
    all_items: "All items",
    group: "Group",
    item: "Item",
    status: "Status",
    owner: "Owner",
    due: "Due",
    overdue: "overdue",
    launch_blocking: "Blocking",
    status_to_do: "To do",
    status_in_progress: "In progress",
    status_in_review: "In review",
    status_done: "Done",
    status_recurring: "Recurring",
    status_blocked: "Waiting",
    status_not_applicable: "Not applicable",
    sku: "SKU",
    product: "Product",
    marketplace: "Marketplace",
    currency: "Currency",
    price: "Displayed price",
    net_price: "Price net of tax",
    referral_fee: "Referral fee",
    closing_fee: "Closing fee",
    fulfilment_fee: "Fulfilment fee",
    selling_plan: "Selling plan",
    unit_cost: "Unit cost",
    freight: "Freight and insurance",
    duty: "Duty",
    import_taxes: "Import taxes (recoverable)",
    landed: "Landed cost",
    total_fees: "Total fees",
    share_of_price: "Share of price",
    margin: "Margin",
    margin_rate: "Margin rate",
    margin_home: "Margin (home)",
    home: "Home currency",
    field: "Field",
    message: "Message",
    figure: "Figure",
    formula: "Working",
    amount: "Amount",
    source: "Source",
    url: "URL",
    effective_from: "In force from",
    effective_until: "Until",
    confidence: "Confidence",
    origin: "Origin",
    location: "File:line",
    older_than_a_year: "Over a year old",
    yes: "yes",
    no: "no",
    from: "From",
    to: "To",
    rate: "Rate",
    date: "Date",
    not_available: "—",
    bundled: "bundled",
    user: "user",
    official: "official",
    official_copy: "official copy",
    secondary: "secondary",
    value: "Value",
    level: "Level",
    signal: "Signal",
    channel_comparison: "Channel comparison",
    sensitivity: "Sensitivity of monthly profit",
    scenario: "Scenario",
    selected_scenario_note: "The best channel and the sensitivity use the scenario “{0}”.",
    total_monthly_profit: "Total monthly profit",
    channel: "Channel",
    units_per_month: "Units / month",
    revenue: "Revenue net of tax / month",
    contribution_per_unit: "Contribution / unit",
    fixed_monthly: "Fixed costs / month",
    monthly_profit: "Profit / month",
    monthly_profit_home: "Profit / month (home)",
    setup: "Set-up",
    break_even: "Break-even (units / month)",
    months_to_recover: "Months to recover set-up",
    never: "never",
    incomplete: "incomplete",
    chart_contribution: "Contribution per unit, by channel",
    chart_profit_volume: "Monthly profit against monthly volume (break-even marked)",
    no_channel_in_scenario: "No channel sells in this scenario.",
    channels_missing: "Missing inputs for the comparison",
    channel_note: "Amounts in each channel’s market currency, net of tax; the contribution per unit is the average over the products sold on the channel. Channel names and the engine’s working are in English.",
    sensitivity_intro: "Each input is moved on its own, the others unchanged, and the scenario “{0}” is computed again by the same engine; inputs are ranked by the swing between the two profits.",
    sensitivity_empty: "Sensitivity not computed: the scenario’s total profit in the home currency is unknown (see the missing inputs).",
    input: "Input",
    low_value: "Low value",
    high_value: "High value",
    profit_low: "Profit at low",
    profit_base: "Base profit",
    profit_high: "Profit at high",
    swing: "Swing",
    tornado: "Monthly profit, input low and high",
    low: "low",
    high: "high",
    best_channel: "Best channel",
    channel_overrides: "User figures for channels",
    timeline: "Month by month",
    month: "Month",
    phase: "Phase (from month)",
    month_profit: "Profit of the month",
    cumulative: "Cumulative",
    payback: "Payback: month {0} (cumulative profit ≥ 0 from then on).",
    no_payback: "Not paid back within {0} months.",
    rows_limited: "The first {0} rows are shown; every row is in the Excel export.",
    signal_best_channel: "Best channel (scenario “{0}”): {1}, monthly profit {2}.",
    signal_no_profitable_channel: "No channel makes a profit in the scenario “{0}”; the smallest loss: {1}, {2} a month.",
    signal_channel_loss: "{0} loses {1} a month at {2} units; break-even at {3} units a month.",
    signal_channels_incomplete: "Channel comparison incomplete (scenario “{0}”): see “Missing inputs for the comparison”.",
    assumptions_list: &[
        "The displayed price includes the destination's consumption tax or VAT (none in the US), which the seller remits.",
        "Import consumption tax / VAT is recoverable by a registered importer: it is shown but not deducted from the margin.",
        "Stock is imported as one commercial consignment per month (the target's monthly units); customs rounding applies to that consignment.",
        "Amounts are in the marketplace's currency; the margin is converted to the home currency at the rates listed.",
    ],
    disclaimer: "This report is a planning aid. It is not legal, tax or customs advice. Rules, rates and fees change: check every figure against its stated source before making a decision.",
    engine_language_note: "The engine's step labels and formulas are in English.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_is_written_the_way_each_language_writes_it() {
        assert_eq!(
            money(Lang::Fr, dec!(1234.56), Currency::EUR),
            "1\u{202F}234,56\u{00A0}€"
        );
        assert_eq!(money(Lang::En, dec!(1234.56), Currency::EUR), "€1,234.56");
        assert_eq!(money(Lang::En, dec!(6980), Currency::JPY), "¥6,980");
        // 16.333… yen shows as ¥16: JPY has no minor unit.
        assert_eq!(money(Lang::En, dec!(16.3333), Currency::JPY), "¥16");
        assert_eq!(
            money(Lang::Fr, dec!(-1234567.5), Currency::JPY),
            "-1\u{202F}234\u{202F}568\u{00A0}¥"
        );
        assert_eq!(money(Lang::En, dec!(-0.004), Currency::EUR), "€0.00");
        assert_eq!(money(Lang::En, dec!(-10.5), Currency::USD), "-$10.50");
    }

    #[test]
    fn percentages_and_dates_follow_the_language() {
        assert_eq!(percent(Lang::Fr, dec!(0.125)), "12,5\u{00A0}%");
        assert_eq!(percent(Lang::En, dec!(-0.0333)), "-3.3%");
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        assert_eq!(date(Lang::Fr, day), "22 novembre 2026");
        assert_eq!(date(Lang::En, day), "22 November 2026");
    }

    #[test]
    fn fill_replaces_numbered_holes() {
        assert_eq!(fill("{0} of {1}", &["3", "5"]), "3 of 5");
    }
}
