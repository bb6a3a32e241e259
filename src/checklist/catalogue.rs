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

pub use super::codes::known_codes;
use super::expr::{Expr, ExprError};
use super::facts::Kind;
use crate::plan::channels::Market;
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

/// What a catalogue is for. Some catalogues hold one channel's own rules and are evaluated for each
/// channel of that kind: an Amazon marketplace target, an own web store, a Rakuten Ichiba shop. The
/// others are shared: evaluated once per plan over every channel they concern, each item listing the
/// channels it applies to — the product law of a destination (it follows the goods, whatever the
/// channel), leaving the EU, and the Amazon seller account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub enum CatalogueKey {
    Marketplace(Marketplace),
    OwnStore,
    /// A Rakuten Ichiba shop (the channel pack `rakuten-ichiba`).
    Rakuten,
    /// The product law of a destination: every channel selling into its markets.
    Goods(Region),
    /// Taking goods out of the EU: every channel selling outside the EU from an EU seller.
    ExportEu,
    /// The Amazon seller account and its performance: every Amazon marketplace target.
    AmazonAccount,
}

/// A destination whose product law is one catalogue (the EU single market is one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    Jp,
    Us,
    Eu,
    Uk,
}

impl Region {
    pub const ALL: [Region; 4] = [Region::Jp, Region::Us, Region::Eu, Region::Uk];

    pub fn of(market: Market) -> Region {
        match market {
            Market::Jp => Region::Jp,
            Market::Us => Region::Us,
            Market::De | Market::Fr => Region::Eu,
            Market::Uk => Region::Uk,
        }
    }
}

/// Which channels of a plan a catalogue is evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// An Amazon marketplace target.
    Marketplace(Marketplace),
    /// A channel of the plan with its own catalogue (an own store, a Rakuten shop).
    Channel(CatalogueKey),
}

impl CatalogueKey {
    /// The shared catalogues, in the order the checklist shows them.
    pub const SHARED: [CatalogueKey; 6] = [
        CatalogueKey::Goods(Region::Jp),
        CatalogueKey::Goods(Region::Us),
        CatalogueKey::Goods(Region::Eu),
        CatalogueKey::Goods(Region::Uk),
        CatalogueKey::ExportEu,
        CatalogueKey::AmazonAccount,
    ];

    /// The identifier used in catalogue files (`amazon-jp`, `own-store`, `goods-jp`).
    pub fn id(self) -> &'static str {
        match self {
            CatalogueKey::Marketplace(marketplace) => marketplace.id(),
            CatalogueKey::OwnStore => "own-store",
            CatalogueKey::Rakuten => "rakuten-ichiba",
            CatalogueKey::Goods(Region::Jp) => "goods-jp",
            CatalogueKey::Goods(Region::Us) => "goods-us",
            CatalogueKey::Goods(Region::Eu) => "goods-eu",
            CatalogueKey::Goods(Region::Uk) => "goods-uk",
            CatalogueKey::ExportEu => "export-eu",
            CatalogueKey::AmazonAccount => "amazon-account",
        }
    }

    fn all() -> impl Iterator<Item = CatalogueKey> {
        Marketplace::ALL
            .into_iter()
            .map(CatalogueKey::Marketplace)
            .chain([CatalogueKey::OwnStore, CatalogueKey::Rakuten])
            .chain(CatalogueKey::SHARED)
    }

    /// Evaluated once per plan over every channel it concerns, rather than per channel.
    pub fn is_shared(self) -> bool {
        CatalogueKey::SHARED.contains(&self)
    }

    /// Whether a shared catalogue concerns a channel of this kind selling into `market`.
    pub fn covers(self, kind: SubjectKind, market: Market) -> bool {
        match self {
            CatalogueKey::Goods(region) => Region::of(market) == region,
            CatalogueKey::ExportEu => true,
            CatalogueKey::AmazonAccount => matches!(kind, SubjectKind::Marketplace(_)),
            _ => false,
        }
    }

    /// Whether every channel it is evaluated for has a sales projection (only Amazon targets do).
    pub fn has_sales_projection(self) -> bool {
        matches!(
            self,
            CatalogueKey::Marketplace(_) | CatalogueKey::AmazonAccount
        )
    }
}

impl TryFrom<String> for CatalogueKey {
    type Error = String;
    fn try_from(id: String) -> Result<Self, String> {
        CatalogueKey::all()
            .find(|key| key.id() == id)
            .ok_or_else(|| {
                let known: Vec<&str> = CatalogueKey::all().map(CatalogueKey::id).collect();
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

/// All loaded catalogues, one per scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogues {
    by_scope: BTreeMap<CatalogueKey, Catalogue>,
}

impl Catalogues {
    /// Loads (file name, text) pairs; all problems in all files are reported together. A channel's
    /// catalogue may depend on items of the shared catalogues (FBA inbound waits for the Japanese
    /// labels of the product-law catalogue); a shared catalogue only on its own items.
    pub fn load(files: &[(&str, &str)]) -> Result<Catalogues, CatalogueError> {
        let mut problems = Vec::new();
        let mut parsed: Vec<(&str, &str, Catalogue)> = Vec::new();
        for (file, text) in files {
            match locate::from_toml::<Catalogue>(text) {
                Ok(catalogue) => parsed.push((file, text, catalogue)),
                Err(problem) => problems.push((file.to_string(), problem)),
            }
        }
        let shared_ids: HashSet<String> = parsed
            .iter()
            .filter(|(_, _, catalogue)| catalogue.catalogue.scope.is_shared())
            .flat_map(|(_, _, catalogue)| catalogue.items.iter().map(|item| item.id.clone()))
            .collect();
        let mut by_scope = BTreeMap::new();
        for (file, text, catalogue) in parsed {
            let scope = catalogue.catalogue.scope;
            let external = if scope.is_shared() {
                HashSet::new()
            } else {
                shared_ids.clone()
            };
            let mut found = Vec::new();
            match settle(catalogue, &external) {
                Ok(catalogue) => {
                    if by_scope.insert(scope, catalogue).is_some() {
                        found.push(Problem::at(
                            "catalogue.scope",
                            Text::new(
                                format!("a second catalogue for {scope}"),
                                format!("un second catalogue pour {scope}"),
                            ),
                        ));
                    }
                }
                Err(errors) => found = errors,
            }
            locate::place(text, &mut found);
            problems.extend(found.into_iter().map(|p| (file.to_string(), p)));
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

    pub fn scope(&self, key: CatalogueKey) -> Option<&Catalogue> {
        self.by_scope.get(&key)
    }

    /// The own-store obligations catalogue.
    pub fn own_store(&self) -> Option<&Catalogue> {
        self.scope(CatalogueKey::OwnStore)
    }

    /// The shared catalogues, in the order the checklist shows them.
    pub fn shared(&self) -> impl Iterator<Item = &Catalogue> {
        CatalogueKey::SHARED
            .into_iter()
            .filter_map(|key| self.by_scope.get(&key))
    }

    /// Every item of every catalogue with the id.
    pub fn find_item(&self, id: &str) -> Option<&Item> {
        self.iter().find_map(|catalogue| catalogue.item(id))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Catalogue> {
        self.by_scope.values()
    }
}

/// Validates one catalogue and puts its items in dependency order. `external` are the items of the
/// shared catalogues it may depend on (already placed, so they never hold its order up).
fn settle(mut catalogue: Catalogue, external: &HashSet<String>) -> Result<Catalogue, Vec<Problem>> {
    let mut problems = validate(&catalogue, external);
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
    Err(problems)
}

fn validate(catalogue: &Catalogue, external: &HashSet<String>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (field, text) in [
        ("catalogue.title", &catalogue.catalogue.title),
        ("catalogue.disclaimer", &catalogue.catalogue.disclaimer),
    ] {
        check_text(field, text, &mut problems);
    }
    let ids: HashSet<&str> = catalogue
        .items
        .iter()
        .map(|item| item.id.as_str())
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, item) in catalogue.items.iter().enumerate() {
        let at = format!("items[{index}]");
        let mut problem = |field: &str, message: Text| {
            problems.push(Problem::at(format!("{at}.{field}"), message))
        };
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
        if external.contains(&item.id) {
            problem(
                "id",
                Text::new(
                    format!("\"{}\" is already an item of a shared catalogue", item.id),
                    format!(
                        "«{NBSP}{}{NBSP}» est déjà un point d’un catalogue partagé",
                        item.id
                    ),
                ),
            );
        }
        validate_item(catalogue.catalogue.scope, item, &mut problem);
        for (d, dependency) in item.depends_on.iter().enumerate() {
            if let Some(message) = dependency_problem(item, dependency, &ids, external) {
                problem(&format!("depends_on[{d}]"), message);
            }
        }
        validate_sources_and_dates(item, &mut problem);
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

fn dependency_problem(
    item: &Item,
    dependency: &str,
    ids: &HashSet<&str>,
    external: &HashSet<String>,
) -> Option<Text> {
    if dependency == item.id {
        Some(Text::new(
            "an item cannot depend on itself",
            "un point ne peut pas dépendre de lui-même",
        ))
    } else if !ids.contains(dependency) && !external.contains(dependency) {
        Some(Text::new(
            format!("no item \"{dependency}\" in this catalogue or a shared one"),
            format!(
                "aucun point «{NBSP}{dependency}{NBSP}» dans ce catalogue ou un catalogue partagé"
            ),
        ))
    } else {
        None
    }
}

/// The rules of one item that do not involve the rest of its catalogue.
fn validate_item(scope: CatalogueKey, item: &Item, problem: &mut impl FnMut(&str, Text)) {
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
    if let Some(code) = &item.code
        && !known_codes(scope).contains(&code.as_str())
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
        (CatalogueKey::OwnStore, Some(_)) | (_, None) => {}
        (_, Some(_)) => problem(
            "on_marketplace",
            Text::new(
                "only own-store items say who carries them on a marketplace",
                "seuls les points de boutique en propre indiquent qui en a la charge sur une place de marché",
            ),
        ),
    }
    let reads_sales = item
        .applies_when
        .expr
        .facts()
        .into_iter()
        .any(|fact| fact.kind() == Kind::Money);
    if reads_sales && !scope.has_sales_projection() {
        problem(
            "applies_when",
            Text::new(
                format!(
                    "{scope} is evaluated for channels that have no sales projection: test units, not sales"
                ),
                format!(
                    "{scope} est évalué pour des canaux sans prévision de ventes{NBSP}: testez les unités, pas les ventes"
                ),
            ),
        );
    }
}

fn validate_sources_and_dates(item: &Item, problem: &mut impl FnMut(&str, Text)) {
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
        "brand" => (
            "Brand and distribution rights",
            "Marque et droits de distribution",
        ),
        "conduct" => ("Rules of conduct", "Règles de conduite"),
        "export" => ("Leaving the EU", "Sortie de l’UE"),
        "incidents" => ("Accidents and recalls", "Accidents et rappels"),
        "listing" => ("Listings", "Fiches produit"),
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
            (role, "titulaire de l’autorisation de mise sur le marché")
        }
        other => (other, other),
    };
    Text {
        en: en.to_owned(),
        fr: fr.to_owned(),
    }
}
