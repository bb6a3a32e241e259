//! Checklist catalogues: one TOML file per marketplace, and one for own web stores, under
//! `data/checklists/`, compiled in.
//!
//! A catalogue that breaks a rule does not load: every problem names the file, line and field, and a
//! dependency cycle is named in full (`a → b → a`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::expr::{Expr, ExprError};
use crate::plan::locate;
use crate::plan::{Marketplace, Problem};
use crate::text::NBSP;

pub use crate::text::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Mandatory,
    Recommended,
    Optional,
    /// A regulatory change to follow: no due date, never counted in readiness.
    Watch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Certainty {
    Confirmed,
    /// The sources leave it open: shown as a hint, never counted as done or as a blocker.
    ToVerify,
}

/// How long a piece of evidence stays good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Validity {
    /// Issued at most `days` days before the as-of date (e.g. a bank statement, 180 days for Amazon JP).
    IssuedWithinDays { days: u32 },
    /// Carries an expiry date that must not have passed (an ID document).
    NotExpired,
    /// Valid until a fixed date printed on it, or `valid_days` after issue when no date is given.
    FixedExpiry {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        valid_days: Option<u32>,
    },
    /// Needed again for every shipment: the item is never done once and for all.
    PerShipment,
    /// Valid until the facts it certifies change (the record is then marked superseded).
    UntilChanged,
}

/// A document or proof an item asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceTemplate {
    pub id: String,
    pub name: Text,
    pub validity: Validity,
    /// File formats accepted by whoever checks it (`pdf`, `jpg`...), empty when not stated.
    #[serde(default)]
    pub formats: Vec<String>,
    /// Who issues the document (bank, customs, certification body...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Whether the item can be done without it.
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Tier {
    /// Official: Amazon Seller Central, a government or regulator.
    A,
    /// Professional secondary: law firms, tax firms, labs, trade-promotion bodies.
    B,
    /// Other secondary: blogs, forums, reposted copies.
    C,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "ChecklistSource")]
pub struct Source {
    pub title: String,
    pub url: String,
    pub tier: Tier,
}

/// A condition as written in the catalogue and as parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Condition {
    pub source: String,
    pub expr: Expr,
}

impl TryFrom<String> for Condition {
    type Error = ExprError;
    fn try_from(source: String) -> Result<Self, ExprError> {
        Ok(Condition {
            expr: Expr::parse(&source)?,
            source,
        })
    }
}

impl From<Condition> for String {
    fn from(condition: Condition) -> String {
        condition.source
    }
}

/// Who carries an own-store obligation when the goods sell on a marketplace instead: the comparison
/// counts the seller's share of the workload per channel from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum OnMarketplace {
    /// The seller's own duty whatever the channel (its identity, VAT, guarantee, withdrawal right).
    Seller,
    /// The marketplace's site and checkout carry it (cookie banner, payment methods, order screen).
    Marketplace,
    /// The marketplace carries it only when it also fulfils the orders (delivery, returns, customer
    /// service under FBA); the seller does when it ships itself.
    Fulfilment,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    /// The requirement concept this item belongs to (`jp.siv`); several items may share one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub group: String,
    pub title: Text,
    pub explanation: Text,
    pub importance: Importance,
    pub certainty: Certainty,
    /// Whether the first sale cannot happen before this is done (ongoing duties are not blocking).
    pub launch_blocking: bool,
    pub applies_when: Condition,
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceTemplate>,
    pub owner_role: String,
    /// Own-store catalogue only: who carries the item when the goods sell on a marketplace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_marketplace: Option<OnMarketplace>,
    /// Calendar days the step typically takes, when a source or common practice gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time_days: Option<u32>,
    /// The rule is in force from this date (items outside their dates do not apply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub effective_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub effective_until: Option<NaiveDate>,
    pub sources: Vec<Source>,
    #[ts(type = "string")]
    pub last_verified: NaiveDate,
}

/// What a catalogue is for: selling on one Amazon marketplace, or running the seller's own web store
/// (one catalogue for every market; its items test the `market` fact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub enum CatalogueKey {
    Marketplace(Marketplace),
    OwnStore,
}

impl CatalogueKey {
    /// The identifier used in catalogue files (`amazon-jp`, `own-store`).
    pub fn id(self) -> &'static str {
        match self {
            CatalogueKey::Marketplace(marketplace) => marketplace.id(),
            CatalogueKey::OwnStore => "own-store",
        }
    }
}

impl TryFrom<String> for CatalogueKey {
    type Error = String;
    fn try_from(id: String) -> Result<Self, String> {
        if id == CatalogueKey::OwnStore.id() {
            return Ok(CatalogueKey::OwnStore);
        }
        Marketplace::ALL
            .into_iter()
            .find(|marketplace| marketplace.id() == id)
            .map(CatalogueKey::Marketplace)
            .ok_or_else(|| {
                let known: Vec<&str> = Marketplace::ALL
                    .iter()
                    .map(|m| m.id())
                    .chain([CatalogueKey::OwnStore.id()])
                    .collect();
                format!(
                    "unknown catalogue scope \"{id}\" (expected one of {})",
                    known.join(", ")
                )
            })
    }
}

impl From<CatalogueKey> for String {
    fn from(key: CatalogueKey) -> String {
        key.id().to_owned()
    }
}

impl fmt::Display for CatalogueKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CatalogueHeader {
    /// A marketplace id (`amazon-jp`) or `own-store`.
    pub scope: CatalogueKey,
    /// The catalogue's own version (the date its content was last reviewed).
    #[ts(type = "string")]
    pub version: NaiveDate,
    pub title: Text,
    /// Shown with every checklist: this is planning help, not legal or tax advice.
    pub disclaimer: Text,
}

/// A marketplace's catalogue, its items in dependency order (catalogue order among equals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub catalogue: CatalogueHeader,
    pub items: Vec<Item>,
}

impl Catalogue {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }
}

/// The requirement codes a catalogue's items may carry.
pub fn known_codes(scope: CatalogueKey) -> &'static [&'static str] {
    match scope {
        CatalogueKey::Marketplace(Marketplace::AmazonJp) => &JP_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonUs) => &US_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonDe) => &DE_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonFr) => &FR_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonUk) => &UK_CODES,
        CatalogueKey::OwnStore => &STORE_CODES,
    }
}

/// Own-store obligations: EU consumer, e-commerce, privacy and VAT rules; Japan's Act on Specified
/// Commercial Transactions, APPI and qualified invoices; and practice items for every market.
const STORE_CODES: [&str; 20] = [
    "store.eu.legal-notice",
    "store.eu.terms-price",
    "store.eu.withdrawal",
    "store.eu.delivery",
    "store.eu.legal-guarantee",
    "store.eu.cookie-consent",
    "store.eu.privacy-notice",
    "store.eu.processing-records",
    "store.eu.oss",
    "store.eu.ioss",
    "store.eu.invoices",
    "store.eu.refunds",
    "store.jp.sct-display",
    "store.jp.returns-policy",
    "store.jp.final-confirmation",
    "store.jp.appi-purpose",
    "store.jp.qualified-invoice",
    "store.payment-methods",
    "store.cs-language",
    "store.returns-logistics",
];

const JP_CODES: [&str; 44] = [
    "jp.plan",
    "jp.registration",
    "jp.siv",
    "jp.2sv",
    "jp.seller-info",
    "jp.landed-cost",
    "jp.metrics.odr",
    "jp.metrics.mfn",
    "jp.compliance-docs",
    "jp.ior",
    "jp.customs-valuation",
    "jp.fba.inbound-docs",
    "jp.fba.prep",
    "jp.fba.dangerous-goods",
    "jp.jct.assessment",
    "jp.jct.invoice-number",
    "jp.ddp",
    "jp.returns",
    "jp.cs-japanese",
    "jp.pse.specified",
    "jp.pse.non-specified",
    "jp.specified-importer",
    "jp.giteki",
    "jp.giteki.listing",
    "jp.mobile-battery-approval",
    "jp.food.notification",
    "jp.food.label",
    "jp.grocery-approval",
    "jp.cosmetics.mah",
    "jp.cosmetics.notification",
    "jp.pmd-label",
    "jp.medical-device",
    "jp.child-psc",
    "jp.toy.food-sanitation",
    "jp.toy.safety-docs",
    "jp.textile-label",
    "jp.liquor-licence",
    "jp.liquor.age-notice",
    "jp.supplement.no-drug-claims",
    "jp.supplement.function-claims",
    "jp.low-value-exemption",
    "jp.amazon-business.metrics",
    "jp.points",
    "jp.pl-insurance",
];

const US_CODES: [&str; 13] = [
    "us.siv",
    "us.2sv",
    "us.tax-interview",
    "us.sales-tax",
    "us.ior",
    "us.ddp",
    "us.insurance",
    "us.inform",
    "us.fcc",
    "us.cpc",
    "us.fda",
    "us.fba.dangerous-goods",
    "us.returns",
];

const DE_CODES: [&str; 10] = [
    "eu.vat-registration",
    "eu.deemed-supplier",
    "de.epr.packaging",
    "de.epr.weee",
    "de.epr.batteries",
    "eu.gpsr",
    "eu.ce",
    "eu.fba.dangerous-goods",
    "eu.returns",
    "eu.cs-local",
];

const FR_CODES: [&str; 8] = [
    "eu.vat-registration",
    "eu.deemed-supplier",
    "fr.epr.uin",
    "eu.gpsr",
    "eu.ce",
    "eu.fba.dangerous-goods",
    "eu.returns",
    "eu.cs-local",
];

const UK_CODES: [&str; 4] = [
    "uk.vat",
    "uk.low-value-vat",
    "uk.ukca",
    "uk.responsible-person",
];

/// The catalogues that failed to load, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CatalogueError {
    pub problems: Vec<(String, Problem)>,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self
            .problems
            .iter()
            .map(|(file, problem)| {
                crate::plan::render_problems(file, std::slice::from_ref(problem))
            })
            .collect();
        f.write_str(&lines.join("\n"))
    }
}

/// All loaded catalogues, one per scope (marketplace or own store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogues {
    by_scope: BTreeMap<CatalogueKey, Catalogue>,
}

impl Catalogues {
    /// Loads (file name, text) pairs; all problems in all files are reported together.
    pub fn load(files: &[(&str, &str)]) -> Result<Catalogues, CatalogueError> {
        let mut problems = Vec::new();
        let mut by_scope = BTreeMap::new();
        for (file, text) in files {
            match load_one(text) {
                Ok(catalogue) => {
                    let scope = catalogue.catalogue.scope;
                    if by_scope.insert(scope, catalogue).is_some() {
                        let mut problem = vec![Problem::at(
                            "catalogue.scope",
                            Text::new(
                                format!("a second catalogue for {scope}"),
                                format!("un second catalogue pour {scope}"),
                            ),
                        )];
                        locate::place(text, &mut problem);
                        problems.extend(problem.into_iter().map(|p| (file.to_string(), p)));
                    }
                }
                Err(found) => problems.extend(found.into_iter().map(|p| (file.to_string(), p))),
            }
        }
        if problems.is_empty() {
            Ok(Catalogues { by_scope })
        } else {
            Err(CatalogueError { problems })
        }
    }

    pub fn get(&self, marketplace: Marketplace) -> Option<&Catalogue> {
        self.by_scope.get(&CatalogueKey::Marketplace(marketplace))
    }

    /// The own-store obligations catalogue.
    pub fn own_store(&self) -> Option<&Catalogue> {
        self.by_scope.get(&CatalogueKey::OwnStore)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Catalogue> {
        self.by_scope.values()
    }
}

fn load_one(text: &str) -> Result<Catalogue, Vec<Problem>> {
    let mut catalogue: Catalogue = locate::from_toml(text).map_err(|problem| vec![problem])?;
    let mut problems = validate(&catalogue);
    if problems.is_empty() {
        match dependency_order(&catalogue.items) {
            Ok(order) => {
                let mut slots: Vec<Option<Item>> = catalogue.items.drain(..).map(Some).collect();
                catalogue.items = order
                    .into_iter()
                    .filter_map(|index| slots.get_mut(index).and_then(Option::take))
                    .collect();
                return Ok(catalogue);
            }
            Err(problem) => problems.push(problem),
        }
    }
    locate::place(text, &mut problems);
    Err(problems)
}

fn validate(catalogue: &Catalogue) -> Vec<Problem> {
    let mut problems = Vec::new();
    let scope = catalogue.catalogue.scope;
    let codes = known_codes(scope);
    let ids: HashSet<&str> = catalogue
        .items
        .iter()
        .map(|item| item.id.as_str())
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (field, text) in [
        ("catalogue.title", &catalogue.catalogue.title),
        ("catalogue.disclaimer", &catalogue.catalogue.disclaimer),
    ] {
        check_text(field, text, &mut problems);
    }
    for (index, item) in catalogue.items.iter().enumerate() {
        let at = format!("items[{index}]");
        let mut problem = |field: &str, message: Text| {
            problems.push(Problem::at(format!("{at}.{field}"), message))
        };
        let well_formed = !item.id.is_empty()
            && item
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !well_formed {
            problem(
                "id",
                Text::new(
                    format!(
                        "\"{}\": use lower-case letters, digits, '-' and '.'",
                        item.id
                    ),
                    format!(
                        "«{NBSP}{}{NBSP}»{NBSP}: utilisez des minuscules, des chiffres, «{NBSP}-{NBSP}» et «{NBSP}.{NBSP}»",
                        item.id
                    ),
                ),
            );
        }
        if let Some(first) = seen.insert(&item.id, index) {
            problem(
                "id",
                Text::new(
                    format!("duplicate id \"{}\" (also items[{first}])", item.id),
                    format!(
                        "identifiant «{NBSP}{}{NBSP}» en double (aussi items[{first}])",
                        item.id
                    ),
                ),
            );
        }
        if let Some(code) = &item.code
            && !codes.contains(&code.as_str())
        {
            problem(
                "code",
                Text::new(
                    format!("\"{code}\" is not a requirement code for {scope}"),
                    format!("«{NBSP}{code}{NBSP}» n’est pas un code d’exigence pour {scope}"),
                ),
            );
        }
        if item.group.trim().is_empty() {
            problem("group", not_empty());
        }
        if item.owner_role.trim().is_empty() {
            problem("owner_role", not_empty());
        }
        match (scope, item.on_marketplace) {
            (CatalogueKey::OwnStore, None) => problem(
                "on_marketplace",
                Text::new(
                    "an own-store item says who carries it on a marketplace: \"seller\", \"marketplace\" or \"fulfilment\"",
                    format!(
                        "un point de boutique en propre indique qui en a la charge sur une place de marché{NBSP}: \
                         «{NBSP}seller{NBSP}», «{NBSP}marketplace{NBSP}» ou «{NBSP}fulfilment{NBSP}»"
                    ),
                ),
            ),
            (CatalogueKey::Marketplace(_), Some(_)) => problem(
                "on_marketplace",
                Text::new(
                    "only own-store items say who carries them on a marketplace",
                    "seuls les points de boutique en propre indiquent qui en a la charge sur une place de marché",
                ),
            ),
            _ => {}
        }
        for (d, dependency) in item.depends_on.iter().enumerate() {
            if dependency == &item.id {
                problem(
                    &format!("depends_on[{d}]"),
                    Text::new(
                        "an item cannot depend on itself",
                        "un point ne peut pas dépendre de lui-même",
                    ),
                );
            } else if !ids.contains(dependency.as_str()) {
                problem(
                    &format!("depends_on[{d}]"),
                    Text::new(
                        format!("no item \"{dependency}\" in this catalogue"),
                        format!("aucun point «{NBSP}{dependency}{NBSP}» dans ce catalogue"),
                    ),
                );
            }
        }
        if item.sources.is_empty() {
            problem(
                "sources",
                Text::new(
                    "every item needs at least one source",
                    "chaque point doit citer au moins une source",
                ),
            );
        }
        for (s, source) in item.sources.iter().enumerate() {
            if !source.url.starts_with("https://") && !source.url.starts_with("http://") {
                problem(
                    &format!("sources[{s}].url"),
                    Text::new(
                        format!("\"{}\" is not a web address", source.url),
                        format!("«{NBSP}{}{NBSP}» n’est pas une adresse web", source.url),
                    ),
                );
            }
            if source.title.trim().is_empty() {
                problem(&format!("sources[{s}].title"), not_empty());
            }
        }
        if item.importance == Importance::Watch && item.launch_blocking {
            problem(
                "launch_blocking",
                Text::new(
                    "a watch item cannot block the launch",
                    "un point à surveiller ne peut pas bloquer le lancement",
                ),
            );
        }
        if let (Some(from), Some(until)) = (item.effective_from, item.effective_until)
            && until < from
        {
            problem(
                "effective_until",
                Text::new(
                    format!("{until} is before effective_from {from}"),
                    format!("{until} précède effective_from {from}"),
                ),
            );
        }
        let mut evidence_ids = HashSet::new();
        for (e, evidence) in item.evidence.iter().enumerate() {
            if !evidence_ids.insert(evidence.id.as_str()) {
                problem(
                    &format!("evidence[{e}].id"),
                    Text::new(
                        format!("duplicate evidence id \"{}\"", evidence.id),
                        format!(
                            "identifiant de justificatif «{NBSP}{}{NBSP}» en double",
                            evidence.id
                        ),
                    ),
                );
            }
            if let Validity::IssuedWithinDays { days: 0 } = evidence.validity {
                problem(
                    &format!("evidence[{e}].validity.days"),
                    Text::new("must be at least 1", "doit valoir au moins 1"),
                );
            }
        }
        let texts: Vec<(String, &Text)> = [
            ("title".to_owned(), &item.title),
            ("explanation".to_owned(), &item.explanation),
        ]
        .into_iter()
        .chain(
            item.evidence
                .iter()
                .enumerate()
                .map(|(e, ev)| (format!("evidence[{e}].name"), &ev.name)),
        )
        .collect();
        for (field, text) in texts {
            check_text(&format!("{at}.{field}"), text, &mut problems);
        }
    }
    problems
}

fn check_text(field: &str, text: &Text, problems: &mut Vec<Problem>) {
    for (language, value) in [("en", &text.en), ("fr", &text.fr)] {
        if value.trim().is_empty() {
            problems.push(Problem::at(format!("{field}.{language}"), not_empty()));
        }
    }
}

/// Catalogue indices in dependency order (each item after what it depends on; catalogue order among
/// the ready ones), or the problem naming a cycle.
fn dependency_order(items: &[Item]) -> Result<Vec<usize>, Problem> {
    let index_of: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    let deps: Vec<Vec<usize>> = items
        .iter()
        .map(|item| {
            item.depends_on
                .iter()
                .filter_map(|d| index_of.get(d.as_str()).copied())
                .collect()
        })
        .collect();
    let mut placed = vec![false; items.len()];
    let mut order = Vec::with_capacity(items.len());
    while order.len() < items.len() {
        let ready = (0..items.len()).find(|&i| {
            !placed.get(i).copied().unwrap_or(true)
                && deps
                    .get(i)
                    .is_some_and(|d| d.iter().all(|&j| placed.get(j).copied().unwrap_or(false)))
        });
        match ready {
            Some(i) => {
                if let Some(slot) = placed.get_mut(i) {
                    *slot = true;
                }
                order.push(i);
            }
            None => return Err(cycle_problem(items, &deps, &placed)),
        }
    }
    Ok(order)
}

/// Follows unplaced dependencies from an unplaced item until one repeats: that loop is the cycle.
fn cycle_problem(items: &[Item], deps: &[Vec<usize>], placed: &[bool]) -> Problem {
    let unplaced = |i: &usize| !placed.get(*i).copied().unwrap_or(true);
    let mut path: Vec<usize> = Vec::new();
    let mut current = (0..items.len()).find(unplaced);
    while let Some(i) = current {
        if let Some(start) = path.iter().position(|&p| p == i) {
            let mut names: Vec<&str> = path
                .iter()
                .skip(start)
                .filter_map(|&p| items.get(p).map(|item| item.id.as_str()))
                .collect();
            names.extend(items.get(i).map(|item| item.id.as_str()));
            return Problem::at(
                format!("items[{i}].depends_on"),
                Text::new(
                    format!("dependency cycle: {}", names.join(" → ")),
                    format!("cycle de dépendances{NBSP}: {}", names.join(" → ")),
                ),
            );
        }
        path.push(i);
        current = deps.get(i).and_then(|d| d.iter().copied().find(unplaced));
    }
    Problem::at(
        "items",
        Text::new("dependency cycle", "cycle de dépendances"),
    )
}

fn not_empty() -> Text {
    Text::new("must not be empty", "ne doit pas être vide")
}

/// The name of a catalogue group in both languages (the group is an id in the catalogue files).
/// An unknown group is shown as its id.
pub fn group_title(group: &str) -> Text {
    let (en, fr) = match group {
        "account" => ("Seller account", "Compte vendeur"),
        "consumer" => ("Consumer law", "Droit de la consommation"),
        "customer-service" => ("Customer service", "Service client"),
        "epr" => (
            "Producer responsibility (EPR)",
            "Responsabilité élargie du producteur (REP)",
        ),
        "fba" => ("Fulfilment by Amazon", "Expédié par Amazon"),
        "import" => ("Import and customs", "Importation et douane"),
        "insurance" => ("Insurance", "Assurance"),
        "marketing" => ("Marketing", "Marketing"),
        "operations" => ("Operations", "Opérations"),
        "performance" => ("Seller performance", "Performance vendeur"),
        "privacy" => ("Personal data", "Données personnelles"),
        "product" => ("Product compliance", "Conformité des produits"),
        "tax" => ("Tax", "Fiscalité"),
        "website" => ("Web store", "Boutique en ligne"),
        other => (other, other),
    };
    Text {
        en: en.to_owned(),
        fr: fr.to_owned(),
    }
}

/// The role that usually owns an item, in both languages (the catalogue files name it in English).
/// An unknown role is shown as written.
pub fn owner_role_title(role: &str) -> Text {
    let (en, fr) = match role {
        "quality and compliance" => (role, "qualité et conformité"),
        "legal representative" => (role, "représentant légal"),
        "tax adviser" => (role, "conseiller fiscal"),
        "logistics" => (role, "logistique"),
        "export manager" => (role, "responsable export"),
        "customer service" => (role, "service client"),
        "customs agent" => (role, "commissionnaire en douane"),
        "every Seller Central user" => (role, "chaque utilisateur de Seller Central"),
        "web store manager" => (role, "responsable de la boutique en ligne"),
        "data protection lead" => (role, "référent protection des données"),
        "Marketing Authorization Holder" => {
            (role, "titulaire de l'autorisation de mise sur le marché")
        }
        other => (other, other),
    };
    Text {
        en: en.to_owned(),
        fr: fr.to_owned(),
    }
}
