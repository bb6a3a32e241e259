//! Landed cost of an import declaration: customs value, duty, import taxes and fees, per destination
//! regime, with the authority's rounding and de minimis rules from the customs packs.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::duty::{self, LineFacts, Quantities, TariffDuty, TariffOutcome};
use super::{
    CostError, Detail, Explanation, Input, Missing, Steps, invalid, rounding_formula, rounding_name,
};
use crate::money::{
    Currency, FxRate, FxSource, MAX_AMOUNT, Rate, Rounding, RoundingMode, RoundingScope,
    RoundingStep, convert,
};
use crate::packs::{
    CustomsPack, CustomsRoundingRow, Dated, DutyRateRow, EntryKind, Packs, Regime, RoundingTarget,
    ThresholdKind, ThresholdRow, in_force,
};
use crate::text::{Lang, Text};

/// What kind of shipment: a commercial import, or a parcel to a consumer (de minimis, IOSS, the EU
/// €3 rule).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Consignment {
    #[default]
    Commercial,
    B2cParcel,
}

/// Which import-tax rate applies to a line: the pack's standard or reduced rate, or a rate typed by
/// the user (an override, marked as such).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, TS)]
#[ts(type = "string")]
pub enum TaxRateChoice {
    #[default]
    Standard,
    Reduced,
    Explicit(Rate),
}

impl FromStr for TaxRateChoice {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "standard" => Ok(TaxRateChoice::Standard),
            "reduced" => Ok(TaxRateChoice::Reduced),
            other => other.parse().map(TaxRateChoice::Explicit).map_err(|_| {
                format!("`{other}`: expected `standard`, `reduced` or a percentage such as `5%`")
            }),
        }
    }
}

impl fmt::Display for TaxRateChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaxRateChoice::Standard => f.write_str("standard"),
            TaxRateChoice::Reduced => f.write_str("reduced"),
            TaxRateChoice::Explicit(rate) => write!(f, "{rate}"),
        }
    }
}

impl TaxRateChoice {
    /// The choice as a reader of either language names it.
    pub fn text(&self) -> Text {
        match self {
            TaxRateChoice::Standard => Text::new("standard", "taux normal"),
            TaxRateChoice::Reduced => Text::new("reduced", "taux réduit"),
            TaxRateChoice::Explicit(rate) => Text::by(|l| rate.written(l)),
        }
    }
}

impl Serialize for TaxRateChoice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TaxRateChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Where the declaration's exchange rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FxSourceName {
    EcbReference,
    JapanCustomsWeekly,
    Manual,
}

/// `1 declaration currency = rate destination currency`, on `date`, from `source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FxInput {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub rate: Decimal,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub source: FxSourceName,
    #[serde(default)]
    pub note: Option<String>,
}

/// A landed-cost declaration (the `landfall landed FILE` input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// JP, FR, DE, ES, IT, NL, PL, UK, US, CA, AU.
    pub destination: String,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Currency of the amounts in the lines.
    pub currency: Currency,
    #[serde(default)]
    pub consignment: Consignment,
    /// Needed when `currency` is not the destination's currency.
    #[serde(default)]
    pub fx: Option<FxInput>,
    /// EU: the seller uses the Import One-Stop Shop (VAT at checkout, none at the border).
    #[serde(default)]
    pub ioss: bool,
    /// EU: apply the flat €3 per tariff subheading to B2C consignments ≤ €150 (the scope is disputed).
    #[serde(default = "default_true")]
    pub eu_flat_duty: bool,
    /// US: the entry type for the Merchandise Processing Fee; default formal for commercial
    /// consignments, informal for parcels.
    #[serde(default)]
    pub entry: Option<EntryKind>,
    /// US: the Merchandise Processing Fee per entry typed by the user, used instead of the pack's.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub customs_fee: Option<Decimal>,
    pub lines: Vec<DeclarationLine>,
}

fn default_true() -> bool {
    true
}

fn default_quantity() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeclarationLine {
    /// Customs value of the whole line (CIF for JP and the EU). Give it, or `deductive`.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub customs_value: Option<Decimal>,
    /// Stock imported without a sale (FBA): estimate the value from the domestic selling price.
    #[serde(default)]
    pub deductive: Option<DeductiveValue>,
    /// Ad valorem duty rate; optional when `hs_code` resolves to a bundled rate.
    #[serde(default)]
    pub duty_rate: Option<Rate>,
    #[serde(default)]
    pub hs_code: Option<String>,
    /// Country of origin (ISO 3166 alpha-2) for a preferential rate.
    #[serde(default)]
    pub origin: Option<String>,
    /// Preferential duty rate claimed for `origin` (e.g. under the EU–Japan EPA); replaces `duty_rate`.
    #[serde(default)]
    pub preferential_rate: Option<Rate>,
    /// Preferential origin is claimed (and proved): the bundled tariff's preferential rate for
    /// `origin` is charged when it is lower than the general rate.
    #[serde(default)]
    pub preferential_origin: bool,
    /// Litres in the whole line, for duties charged per litre (wine, spirits).
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub litres: Option<Decimal>,
    /// Net kilograms in the whole line, for duties charged by weight.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub net_kg: Option<Decimal>,
    #[serde(default = "default_quantity")]
    pub quantity: u32,
    #[serde(default)]
    pub tax_rate: TaxRateChoice,
    #[serde(default)]
    pub description: Option<String>,
}

/// The deductive method (Customs Tariff Act Art. 4-3, used for FBA stock still owned by the foreign
/// seller): per unit, the domestic selling price without consumption tax, minus the domestic costs
/// (referral, FBA and other fees), minus the import duty itself:
/// `value = (price − costs) ÷ (1 + duty rate)`. Sources are secondary; treat it as an estimate to
/// agree with the customs procedure agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeductiveValue {
    /// Per unit, without consumption tax.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub domestic_price: Decimal,
    /// Per unit: referral fee, fulfilment fee, domestic freight and other costs after import.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub domestic_costs: Decimal,
}

/// Codes of the amounts in `taxes` that are customs fees (a cost), not recoverable import taxes.
pub const CUSTOMS_FEE_CODES: &[&str] = &["US-MPF"];

/// One tax or fee amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxAmount {
    /// `JP-CT-NATIONAL`, `JP-CT-LOCAL`, `VAT`, `US-MPF`, `GST`.
    pub code: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// A line's amounts before the authority's rounding of the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LandedLine {
    /// In the destination currency (converted when the declaration is in another currency).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub customs_value: Decimal,
    /// Absent when the duty rate is missing.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub duty: Option<Decimal>,
    pub taxes: Vec<TaxAmount>,
    pub explain: Vec<Explanation>,
    pub missing: Vec<Missing>,
}

/// What is payable: each total rounded as the authority rounds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LandedTotals {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub duty: Decimal,
    pub taxes: Vec<TaxAmount>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// False when a line is missing an input: the totals then cover only the complete lines.
    pub complete: bool,
    pub explain: Vec<Explanation>,
}

/// The landed cost of a declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LandedCost {
    pub currency: Currency,
    pub destination: String,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub consignment: Consignment,
    pub fx: Option<FxRate>,
    pub lines: Vec<LandedLine>,
    /// Consignment-level steps: thresholds, flat duties, fees on the whole entry.
    pub consignment_explain: Vec<Explanation>,
    /// Consignment-level missing figures (e.g. a rule the packs have no row for at the date).
    pub missing: Vec<Missing>,
    pub totals: LandedTotals,
}

/// A line's duty: one ad valorem rate, the bundled tariff's rows, or none for goods of the
/// destination's own customs territory.
enum LineDuty<'a> {
    Rate(LineDutyRate<'a>),
    Tariff(TariffDuty<'a>),
    Domestic,
}

/// A line's duty rate and where it came from.
struct LineDutyRate<'a> {
    rate: Rate,
    table_row: Option<&'a Dated<DutyRateRow>>,
    /// The origin of a claimed preferential rate.
    preference: Option<&'a str>,
}

/// Shared state of one computation.
struct Context<'a> {
    declaration: &'a Declaration,
    /// Upper-case destination code.
    destination: String,
    pack: &'a CustomsPack,
    packs: &'a Packs,
    currency: Currency,
    values: Vec<Decimal>,
    total_value: Decimal,
    missing: Vec<Missing>,
    detail: Detail,
    consignment_explain: Steps,
}

/// Computes the landed cost of `declaration` with the packs in force on its `as_of` date, every
/// amount explained.
pub fn landed_cost(declaration: &Declaration, packs: &Packs) -> Result<LandedCost, CostError> {
    landed_cost_with(declaration, packs, Detail::Explained)
}

/// [`landed_cost`] at a chosen level of detail (numbers only for catalogue-wide quotes).
pub fn landed_cost_with(
    declaration: &Declaration,
    packs: &Packs,
    detail: Detail,
) -> Result<LandedCost, CostError> {
    if declaration.lines.is_empty() {
        return Err(invalid(
            "lines",
            "a declaration needs at least one [[lines]] entry",
        ));
    }
    for (index, line) in declaration.lines.iter().enumerate() {
        let amounts = [
            ("customs_value", line.customs_value),
            (
                "deductive.domestic_price",
                line.deductive.as_ref().map(|d| d.domestic_price),
            ),
            (
                "deductive.domestic_costs",
                line.deductive.as_ref().map(|d| d.domestic_costs),
            ),
            ("litres", line.litres),
            ("net_kg", line.net_kg),
        ];
        for (name, value) in amounts {
            if value.is_some_and(|value| value.is_sign_negative() || value > MAX_AMOUNT) {
                return Err(invalid(
                    format!("lines[{index}].{name}"),
                    "must be between 0 and 10^15",
                ));
            }
        }
        if line.preferential_rate.is_some() && line.origin.is_none() {
            return Err(invalid(
                format!("lines[{index}].origin"),
                "a preferential rate is claimed for an origin: give `origin` (e.g. \"FR\")",
            ));
        }
        match (&line.customs_value, &line.deductive) {
            (Some(_), None) => {}
            (None, Some(deductive)) => {
                if line.duty_rate.is_none() {
                    return Err(invalid(
                        format!("lines[{index}].duty_rate"),
                        "the deductive value deducts the duty, so it needs the line's `duty_rate`",
                    ));
                }
                if deductive.domestic_costs > deductive.domestic_price {
                    return Err(invalid(
                        format!("lines[{index}].deductive.domestic_costs"),
                        "the domestic costs exceed the domestic price",
                    ));
                }
            }
            _ => {
                return Err(invalid(
                    format!("lines[{index}].customs_value"),
                    "give either `customs_value` or `[lines.deductive]`, not both or neither",
                ));
            }
        }
        if let Some(hs) = &line.hs_code
            && (hs.len() < 4 || !hs.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(invalid(
                format!("lines[{index}].hs_code"),
                format!("`{hs}`: an HS code is 4 to 10 digits without dots, e.g. `851822`"),
            ));
        }
    }
    let destination = declaration.destination.trim().to_ascii_uppercase();
    let pack = packs
        .customs_for(&destination)
        .ok_or_else(|| CostError::UnknownDestination(declaration.destination.clone()))?;
    let currency = pack.header.currency;
    let (fx, values, fx_explain) = convert_values(declaration, currency, detail)?;
    let total_value = values.iter().copied().sum();
    let mut context = Context {
        declaration,
        destination: destination.clone(),
        pack,
        packs,
        currency,
        values,
        total_value,
        missing: Vec::new(),
        detail,
        consignment_explain: Steps::new(detail),
    };
    context.consignment_explain.extend(fx_explain);
    let (lines, totals) = match pack.header.regime {
        Regime::Japan => japan(&mut context),
        Regime::Eu | Regime::Uk | Regime::Us | Regime::Ca | Regime::Au => simple(&mut context),
    };
    Ok(LandedCost {
        currency,
        destination,
        as_of: declaration.as_of,
        consignment: declaration.consignment,
        fx,
        lines,
        consignment_explain: context.consignment_explain.into_vec(),
        missing: context.missing,
        totals,
    })
}

type Converted = (Option<FxRate>, Vec<Decimal>, Steps);

/// The line's customs value in the declaration currency: given, or estimated by the deductive method
/// (validated beforehand: a deductive line has a duty rate and costs below its price).
fn line_value(index: usize, line: &DeclarationLine, explain: &mut Steps) -> Decimal {
    match (line.customs_value, &line.deductive, line.duty_rate) {
        (Some(value), _, _) => value,
        (None, Some(deductive), Some(rate)) => {
            let quantity = Decimal::from(line.quantity);
            let unit = (deductive.domestic_price - deductive.domestic_costs)
                / (Decimal::ONE + rate.as_fraction());
            let value = unit * quantity;
            explain.add(|| {
                Explanation::new(
                    Text::by(|l| {
                        l.pick(
                            format!("Line {} deductive customs value", index + 1),
                            format!("Ligne {}\u{a0}: valeur en douane par la méthode déductive", index + 1),
                        )
                    }),
                    Text::by(|l| {
                        format!(
                            "{} × ({} − {}) ÷ (1 + {}) = {}",
                            line.quantity,
                            l.grouped(deductive.domestic_price),
                            l.grouped(deductive.domestic_costs),
                            rate.written(l),
                            l.figure(value)
                        )
                    }),
                )
                .amount(value)
                .input(
                    Text::new("method", "méthode"),
                    Text::new(
                        "deductive (Customs Tariff Act Art. 4-3; secondary sources): an estimate to agree with the customs procedure agent",
                        "déductive (loi sur le tarif douanier, art. 4-3\u{a0}; sources secondaires)\u{a0}: une estimation à valider avec le commissionnaire en douane",
                    ),
                )
            });
            value
        }
        _ => Decimal::ZERO,
    }
}

/// Converts the line values into the destination currency when needed, recording the rate.
fn convert_values(
    declaration: &Declaration,
    currency: Currency,
    detail: Detail,
) -> Result<Converted, CostError> {
    let mut explain = Steps::new(detail);
    let values: Vec<Decimal> = declaration
        .lines
        .iter()
        .enumerate()
        .map(|(index, line)| line_value(index, line, &mut explain))
        .collect();
    if declaration.currency == currency {
        return Ok((None, values, explain));
    }
    let Some(fx) = &declaration.fx else {
        return Err(invalid(
            "fx",
            format!(
                "the amounts are in {} but {} customs compute in {currency}; add \
                 `[fx] rate = \"…\"` (1 {} = rate {currency}), `date` and `source` \
                 (ecb-reference, japan-customs-weekly or manual)",
                declaration.currency, declaration.destination, declaration.currency
            ),
        ));
    };
    let source = match fx.source {
        FxSourceName::EcbReference => FxSource::EcbReference,
        FxSourceName::JapanCustomsWeekly => FxSource::JapanCustomsWeekly,
        FxSourceName::Manual => FxSource::Manual {
            note: fx.note.clone().unwrap_or_default(),
        },
    };
    let rate = FxRate::new(declaration.currency, currency, fx.rate, fx.date, source)?;
    let mut converted = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        let result = convert(
            &crate::money::Money::new(*value, declaration.currency),
            &rate,
        )?;
        explain.add(|| {
            Explanation::new(
                Text::by(|l| {
                    l.pick(
                        format!("Line {} customs value in {currency}", index + 1),
                        format!("Ligne {}\u{a0}: valeur en douane en {currency}", index + 1),
                    )
                }),
                Text::by(|l| {
                    format!(
                        "{} {} × {} = {} {currency}",
                        l.grouped(*value),
                        declaration.currency,
                        l.rate(rate.rate),
                        l.figure(result.converted.amount)
                    )
                }),
            )
            .amount(result.converted.amount)
            .input(
                Text::new("rate date", "date du cours"),
                Text::same(rate.date.to_string()),
            )
            .input(
                Text::new("rate source", "source du cours"),
                rate.source.text(),
            )
        });
        converted.push(result.converted.amount);
    }
    Ok((Some(rate), converted, explain))
}

impl<'a> Context<'a> {
    fn as_of(&self) -> NaiveDate {
        self.declaration.as_of
    }

    fn rounding(
        &mut self,
        target: RoundingTarget,
    ) -> Option<(Rounding, &'a Dated<crate::packs::CustomsRoundingRow>)> {
        let found = in_force(&self.pack.rounding, self.as_of(), |row| {
            row.applies_to == target
        });
        match found {
            Some(dated) => Some((dated.row.rounding, dated)),
            None => {
                self.pack_gap(Text::by(|l| {
                    l.pick(
                        format!("rounding of {target:?}"),
                        format!("règle d’arrondi ({target:?})"),
                    )
                }));
                None
            }
        }
    }

    fn threshold(&self, kind: ThresholdKind) -> Option<&'a Dated<ThresholdRow>> {
        in_force(&self.pack.thresholds, self.as_of(), |row| {
            row.threshold == kind
        })
    }

    fn pack_gap(&mut self, what: Text) {
        let (as_of, id, name) = (self.as_of(), &self.pack.header.id, &self.pack.header.name);
        // Said without the pack's file syntax: the report shows this sentence to its reader.
        self.missing.push(Missing::new(
            Input::RulePack,
            format!("packs/{id}"),
            Text::by(|l| {
                l.pick(
                    format!(
                        "the rules for {name} give no {} in force on {as_of}; it can be added to a rule pack",
                        what.en
                    ),
                    format!(
                        "les règles pour {name} n’ont pas de {} en vigueur le {}\u{a0}; on peut l’ajouter à un pack de règles",
                        what.fr,
                        as_of.format("%d/%m/%Y")
                    ),
                )
            }),
        ));
    }

    /// The line's duty: the user's rate (preferential first), else the simplified tariff's rate by
    /// longest HS prefix (unless preference is claimed), else the bundled tariff's rows.
    fn line_duty(
        &self,
        index: usize,
        line: &'a DeclarationLine,
    ) -> Result<LineDuty<'a>, Box<Missing>> {
        if let (Some(rate), Some(origin)) = (line.preferential_rate, &line.origin) {
            return Ok(LineDuty::Rate(LineDutyRate {
                rate,
                table_row: None,
                preference: Some(origin),
            }));
        }
        if let Some(rate) = line.duty_rate {
            return Ok(LineDuty::Rate(LineDutyRate {
                rate,
                table_row: None,
                preference: None,
            }));
        }
        let field = format!("lines[{index}].duty_rate");
        let Some(hs) = &line.hs_code else {
            return Err(Box::new(Missing::new(
                Input::DutyRate,
                field,
                Text::new(
                    "no duty rate and no hs_code to look one up: give `duty_rate`",
                    "ni taux de droit ni code SH pour le trouver\u{a0}: indiquez `duty_rate`",
                ),
            )));
        };
        let total = self.total_value;
        let destination = &self.destination;
        // The simplified tariff replaces the full one for small consignments, but not a
        // preferential rate the importer claims.
        let simplified = self
            .packs
            .duties
            .iter()
            .filter(|dated| {
                !line.preferential_origin
                    && dated.in_force(self.as_of())
                    && dated.row.destination == *destination
                    && hs.starts_with(&dated.row.hs_prefix)
                    && dated.row.max_consignment.is_none_or(|max| total <= max)
            })
            .max_by_key(|dated| (dated.row.hs_prefix.len(), dated.provenance.effective_from));
        if let Some(dated) = simplified {
            return Ok(LineDuty::Rate(LineDutyRate {
                rate: dated.row.rate,
                table_row: Some(dated),
                preference: None,
            }));
        }
        let facts = LineFacts {
            field: field.clone(),
            hs,
            origin: line.origin.as_deref(),
            claimed: line.preferential_origin,
        };
        match duty::resolve(self.packs, destination, &facts, self.as_of()) {
            TariffOutcome::Duty(rows) => Ok(LineDuty::Tariff(rows)),
            TariffOutcome::Domestic => Ok(LineDuty::Domestic),
            TariffOutcome::Gap(missing) => Err(missing),
            TariffOutcome::NoRow => {
                let as_of = self.as_of();
                Err(Box::new(Missing::new(
                    Input::DutyRate,
                    field,
                    Text::by(|l| {
                        l.pick(
                            format!(
                                "HS {hs} has no bundled duty rate for {destination} on {as_of}: give `duty_rate` \
                                 (from the tariff or a binding ruling)"
                            ),
                            format!(
                                "le code SH {hs} n’a pas de taux de droit fourni pour {destination} au {as_of}\u{a0}: \
                                 indiquez `duty_rate` (tarif douanier ou renseignement tarifaire contraignant)"
                            ),
                        )
                    }),
                )))
            }
        }
    }

    /// The duty of a line on `base` before the authority's rounding, the tariff's steps added to
    /// `explain` (a rate's own step is the caller's, which words it with its rounding).
    fn duty_amount(
        &self,
        index: usize,
        line: &DeclarationLine,
        duty: &LineDuty<'_>,
        base: Decimal,
        explain: &mut Steps,
    ) -> Result<Decimal, Box<Missing>> {
        match duty {
            LineDuty::Rate(rate) => Ok(rate.rate.apply(base)),
            LineDuty::Domestic => Ok(Decimal::ZERO),
            LineDuty::Tariff(rows) => {
                let quantities = Quantities {
                    units: Decimal::from(line.quantity),
                    litres: line.litres,
                    net_kg: line.net_kg,
                };
                let mut steps = Vec::new();
                let field = format!("lines[{index}].duty_rate");
                let amount = duty::compute(rows, base, &quantities, &field, &mut steps)?;
                for step in steps {
                    explain.add(|| step);
                }
                Ok(amount)
            }
        }
    }

    /// The step of a duty charged on no rate: goods of the destination's own customs territory.
    fn domestic_step(&self, line: &DeclarationLine) -> Explanation {
        let origin = line.origin.clone().unwrap_or_default();
        let territory = self.pack.header.name.clone();
        let step = Explanation::new(
            Text::new("Duty", "Droits de douane"),
            Text::by(|l| {
                l.pick(
                    format!("none: goods originating in {origin}, inside the customs territory of {territory}"),
                    format!("aucun\u{a0}: marchandises originaires de {origin}, dans le territoire douanier ({territory})"),
                )
            }),
        )
        .amount(Decimal::ZERO);
        let group = self.pack.header.id.to_ascii_uppercase();
        match in_force(&self.packs.tariffs.origin_groups, self.as_of(), |row| {
            row.name == group
        }) {
            Some(row) => step.rule(Text::new("member countries", "pays membres"), row),
            None => step,
        }
    }
}

fn duty_rate_explanation(explanation: Explanation, rate: &LineDutyRate<'_>) -> Explanation {
    match (rate.table_row, rate.preference) {
        (Some(row), _) => explanation.rule(
            Text::by(|l| {
                format!(
                    "{} {}{} {}",
                    l.pick("duty rate for HS", "taux de droit pour le code SH"),
                    row.row.hs_prefix,
                    l.pick(":", "\u{a0}:"),
                    row.row.label
                )
            }),
            row,
        ),
        (None, Some(origin)) => explanation
            .input(
                Text::new("duty rate", "taux de droit"),
                Text::by(|l| {
                    l.pick(
                        format!(
                            "preferential rate claimed for origin {origin} (e.g. EU–Japan EPA), entered by the \
                             user: the claim needs proof of origin (a statement on origin)"
                        ),
                        format!(
                            "taux préférentiel demandé pour l’origine {origin} (p. ex. APE UE–Japon), saisi par \
                             l’utilisateur\u{a0}: la demande exige une preuve de l’origine (attestation d’origine)"
                        ),
                    )
                }),
            )
            .overridden(true),
        (None, None) => explanation.input(
            Text::new("duty rate", "taux de droit"),
            Text::new("entered by the user", "saisi par l’utilisateur"),
        ),
    }
}

fn is_excluded(row: &ThresholdRow, hs: Option<&str>) -> Option<String> {
    let hs = hs?;
    row.excluded
        .iter()
        .find(|goods| hs.starts_with(&goods.hs_prefix))
        .map(|goods| goods.label.clone())
}

/// ` (8,923.2: fraction of a yen dropped)` when the exact amount had one.
fn yen_fraction_note(lang: Lang, exact: Decimal, kept: Decimal) -> String {
    if exact == kept {
        String::new()
    } else {
        let exact = lang.grouped(exact.trunc_with_scale(2));
        lang.pick(
            format!(" ({exact}…: fraction of a yen dropped)"),
            format!(" ({exact}…\u{a0}: fraction de yen abandonnée)"),
        )
    }
}

const YEN_DOWN: Rounding = Rounding::new(RoundingStep::MinorUnit, RoundingMode::Truncate);

/// Japan: CIF value; duty and consumption tax per line with Customs' rounding; totals rounded down to
/// ¥100 on the sum of the unrounded line amounts (Customs Answer 1111); ¥10,000 de minimis.
fn japan(context: &mut Context<'_>) -> (Vec<LandedLine>, LandedTotals) {
    let currency = context.currency;
    let as_of = context.as_of();
    let value_rounding = context.rounding(RoundingTarget::TaxableValue);
    let amount_rounding = context.rounding(RoundingTarget::Amount);
    let national = in_force(&context.pack.tax_rates, as_of, |row| {
        row.country == "JP" && row.code == "JP-CT-NATIONAL"
    });
    let local = in_force(&context.pack.derived_taxes, as_of, |row| {
        row.code == "JP-CT-LOCAL" && row.of == "JP-CT-NATIONAL"
    });
    if national.is_none() {
        context.pack_gap(Text::new(
            "national consumption tax rate",
            "taux de la taxe nationale à la consommation",
        ));
    }
    if local.is_none() {
        context.pack_gap(Text::new(
            "local consumption tax ratio",
            "proportion de la taxe locale à la consommation",
        ));
    }
    let exemption = context.threshold(ThresholdKind::DutyAndTaxFree);
    let exempt_consignment = exemption.filter(|row| context.total_value <= row.row.amount);
    if let Some(row) = exempt_consignment {
        context.consignment_explain.add(||
            Explanation::new(
                Text::new("Small-amount exemption (少額免税)", "Franchise des petits montants (少額免税)"),
                Text::by(|l| {
                    let (total, limit) = (l.grouped(context.total_value), l.grouped(row.row.amount));
                    l.pick(
                        format!("total customs value {total} ≤ {limit} {currency}: no duty and no consumption tax, except on excluded goods"),
                        format!("valeur en douane totale {total} ≤ {limit} {currency}\u{a0}: ni droits ni taxe à la consommation, sauf sur les marchandises exclues"),
                    )
                }),
            )
            .rule(Text::new("duty and tax exemption at or below the threshold", "exonération de droits et de taxes jusqu’au seuil"), row),
        );
    }
    let (
        Some((value_rule, value_row)),
        Some((amount_rule, amount_row)),
        Some(national),
        Some(local),
    ) = (value_rounding, amount_rounding, national, local)
    else {
        let lines = context
            .values
            .iter()
            .map(|value| incomplete_line(*value))
            .collect();
        return (lines, empty_totals());
    };

    let mut lines = Vec::with_capacity(context.values.len());
    let mut complete = true;
    for (index, line) in context.declaration.lines.iter().enumerate() {
        let value = context.values.get(index).copied().unwrap_or_default();
        let mut explain = Steps::new(context.detail);
        explain.add(|| {
            Explanation::new(
                Text::new("Customs value (CIF)", "Valeur en douane (CAF)"),
                Text::by(|l| format!("{} {currency}", l.figure(value))),
            )
            .amount(value)
        });
        if let Some(row) = exempt_consignment {
            match is_excluded(&row.row, line.hs_code.as_deref()) {
                None => {
                    let mut missing = Vec::new();
                    if line.hs_code.is_none() && !row.row.excluded.is_empty() {
                        missing.push(Missing::new(
                            Input::HsCode,
                            format!("lines[{index}].hs_code"),
                            Text::new(
                                "no HS code: the excluded-goods list could not be checked; exemption assumed",
                                "pas de code SH\u{a0}: la liste des marchandises exclues n’a pas pu être vérifiée\u{a0}; franchise supposée",
                            ),
                        ));
                    }
                    explain.add(|| {
                        Explanation::new(
                            Text::new(
                                "Duty and consumption tax",
                                "Droits et taxe à la consommation",
                            ),
                            Text::new("exempt (total ≤ threshold)", "exonérés (total ≤ seuil)"),
                        )
                        .amount(Decimal::ZERO)
                        .rule(
                            Text::new("small-amount exemption", "franchise des petits montants"),
                            row,
                        )
                    });
                    lines.push(LandedLine {
                        customs_value: value,
                        duty: Some(Decimal::ZERO),
                        taxes: vec![
                            tax("JP-CT-NATIONAL", Decimal::ZERO),
                            tax("JP-CT-LOCAL", Decimal::ZERO),
                        ],
                        explain: explain.into_vec(),
                        missing,
                    });
                    continue;
                }
                Some(label) => explain.add(|| {
                    Explanation::new(
                        Text::new("Not exempt", "Non exonéré"),
                        Text::by(|l| {
                            l.pick(
                                format!("{label} is excluded from the small-amount exemption"),
                                format!("{label}\u{a0}: exclu de la franchise des petits montants"),
                            )
                        }),
                    )
                    .rule(
                        Text::new(
                            "goods excluded from the exemption",
                            "marchandises exclues de la franchise",
                        ),
                        row,
                    )
                }),
            }
        }
        let line_duty = match context.line_duty(index, line) {
            Ok(duty) => duty,
            Err(missing) => {
                complete = false;
                lines.push(LandedLine {
                    customs_value: value,
                    duty: None,
                    taxes: Vec::new(),
                    explain: explain.into_vec(),
                    missing: vec![*missing],
                });
                continue;
            }
        };
        let duty_base = value_rule.apply(value, currency);
        explain.add(|| {
            Explanation::new(
                Text::new("Duty base", "Assiette des droits"),
                Text::by(|l| rounding_formula(l, &value_rule, value, duty_base)),
            )
            .amount(duty_base)
            .rule(
                Text::by(|l| {
                    let how = value_rule.describe();
                    l.pick(
                        format!("taxable value {} per line", how.en),
                        format!("valeur imposable {} par ligne", how.fr),
                    )
                }),
                value_row,
            )
        });
        let duty_raw = match context.duty_amount(index, line, &line_duty, duty_base, &mut explain) {
            Ok(amount) => amount,
            Err(missing) => {
                complete = false;
                lines.push(LandedLine {
                    customs_value: value,
                    duty: None,
                    taxes: Vec::new(),
                    explain: explain.into_vec(),
                    missing: vec![*missing],
                });
                continue;
            }
        };
        let duty = YEN_DOWN.apply(duty_raw, currency);
        explain.add(|| match &line_duty {
            LineDuty::Rate(duty_rate) => duty_rate_explanation(
                Explanation::new(
                    Text::new("Duty", "Droits de douane"),
                    Text::by(|l| {
                        format!(
                            "{} × {} = {}{}",
                            rounding_formula(l, &value_rule, value, duty_base),
                            duty_rate.rate.written(l),
                            l.grouped(duty),
                            yen_fraction_note(l, duty_raw, duty)
                        )
                    }),
                )
                .amount(duty),
                duty_rate,
            ),
            LineDuty::Domestic => context.domestic_step(line),
            LineDuty::Tariff(_) => Explanation::new(
                Text::new("Duty", "Droits de douane"),
                Text::by(|l| {
                    format!(
                        "{}{}",
                        l.grouped(duty),
                        yen_fraction_note(l, duty_raw, duty)
                    )
                }),
            )
            .amount(duty),
        });
        let duty_in_base = amount_rule.apply(duty, currency);
        explain.add(|| {
            Explanation::new(
                Text::new("Duty in the tax base", "Droits dans l’assiette de la taxe"),
                Text::by(|l| rounding_formula(l, &amount_rule, duty, duty_in_base)),
            )
            .amount(duty_in_base)
            .rule(
                Text::by(|l| {
                    let how = amount_rule.describe();
                    l.pick(
                        format!(
                            "duty amount {} (as in Customs' worked example 1111)",
                            how.en
                        ),
                        format!(
                            "montant des droits {} (comme dans l’exemple 1111 des douanes)",
                            how.fr
                        ),
                    )
                }),
                amount_row,
            )
        });
        let tax_base_raw = value + duty_in_base;
        let tax_base = value_rule.apply(tax_base_raw, currency);
        explain.add(|| {
            Explanation::new(
                Text::new(
                    "Consumption-tax base",
                    "Assiette de la taxe à la consommation",
                ),
                Text::by(|l| {
                    format!(
                        "{}({} + {} = {} → {})",
                        rounding_name(l, &value_rule),
                        l.figure(value),
                        l.grouped(duty_in_base),
                        l.grouped(tax_base_raw),
                        l.grouped(tax_base)
                    )
                }),
            )
            .amount(tax_base)
            .rule(
                Text::by(|l| {
                    let how = value_rule.describe();
                    l.pick(
                        format!("taxable value {}", how.en),
                        format!("valeur imposable {}", how.fr),
                    )
                }),
                value_row,
            )
        });
        let (national_rate, overridden) = match line.tax_rate {
            TaxRateChoice::Standard => (Some(national.row.standard), false),
            TaxRateChoice::Reduced => (national.row.reduced, false),
            TaxRateChoice::Explicit(rate) => (Some(rate), true),
        };
        let Some(national_rate) = national_rate else {
            complete = false;
            lines.push(LandedLine {
                customs_value: value,
                duty: Some(duty),
                taxes: Vec::new(),
                explain: explain.into_vec(),
                missing: vec![Missing::new(
                    Input::TaxRate,
                    format!("lines[{index}].tax_rate"),
                    Text::new(
                        "the pack has no reduced rate: give the rate as a percentage",
                        "le pack n’a pas de taux réduit\u{a0}: indiquez le taux en pourcentage",
                    ),
                )],
            });
            continue;
        };
        let national_raw = national_rate.apply(tax_base);
        let national_tax = YEN_DOWN.apply(national_raw, currency);
        explain.add(|| {
            Explanation::new(
                Text::new(
                    "National consumption tax",
                    "Taxe nationale à la consommation",
                ),
                Text::by(|l| {
                    format!(
                        "{} × {} = {}{}",
                        l.grouped(tax_base),
                        national_rate.written(l),
                        l.grouped(national_tax),
                        yen_fraction_note(l, national_raw, national_tax)
                    )
                }),
            )
            .amount(national_tax)
            .input(Text::new("rate", "taux"), line.tax_rate.text())
            .rule(
                Text::new(
                    "national consumption tax on imports",
                    "taxe nationale à la consommation à l’importation",
                ),
                national,
            )
            .overridden(overridden)
        });
        let national_rounded = amount_rule.apply(national_tax, currency);
        let local_raw = local.row.ratio.apply(national_rounded);
        let local_tax = YEN_DOWN.apply(local_raw, currency);
        explain.add(|| {
            Explanation::new(
                Text::new("Local consumption tax", "Taxe locale à la consommation"),
                Text::by(|l| {
                    format!(
                        "{} × {} = {}{}",
                        rounding_formula(l, &amount_rule, national_tax, national_rounded),
                        local.row.ratio.written(l),
                        l.grouped(local_tax),
                        yen_fraction_note(l, local_raw, local_tax)
                    )
                }),
            )
            .amount(local_tax)
            .rule(
                Text::new(
                    "local consumption tax as a ratio of the national tax",
                    "taxe locale à la consommation, proportion de la taxe nationale",
                ),
                local,
            )
        });
        lines.push(LandedLine {
            customs_value: value,
            duty: Some(duty),
            taxes: vec![
                tax("JP-CT-NATIONAL", national_tax),
                tax("JP-CT-LOCAL", local_tax),
            ],
            explain: explain.into_vec(),
            missing: Vec::new(),
        });
    }
    let mut totals_explain = Steps::new(context.detail);
    let line_amounts = |pick: &dyn Fn(&LandedLine) -> Option<Decimal>| -> Vec<Decimal> {
        lines.iter().filter_map(pick).collect()
    };
    let duty_parts = line_amounts(&|line| line.duty);
    let national_parts = line_amounts(&|line| tax_of(line, "JP-CT-NATIONAL"));
    let local_parts = line_amounts(&|line| tax_of(line, "JP-CT-LOCAL"));
    let mut total_of = |label: Text, parts: Vec<Decimal>| {
        payable_total(&mut totals_explain, label, &parts, amount_row, currency)
    };
    let duty_total = total_of(Text::new("Duty payable", "Droits à payer"), duty_parts);
    let national_total = total_of(
        Text::new(
            "National consumption tax payable",
            "Taxe nationale à la consommation à payer",
        ),
        national_parts,
    );
    let local_total = total_of(
        Text::new(
            "Local consumption tax payable",
            "Taxe locale à la consommation à payer",
        ),
        local_parts,
    );
    let totals = LandedTotals {
        duty: duty_total,
        taxes: vec![
            tax("JP-CT-NATIONAL", national_total),
            tax("JP-CT-LOCAL", local_total),
        ],
        total: duty_total + national_total + local_total,
        complete,
        explain: totals_explain.into_vec(),
    };
    (lines, totals)
}

fn tax(code: &str, amount: Decimal) -> TaxAmount {
    TaxAmount {
        code: code.to_string(),
        amount,
    }
}

fn tax_of(line: &LandedLine, code: &str) -> Option<Decimal> {
    line.taxes
        .iter()
        .find(|tax| tax.code == code)
        .map(|tax| tax.amount)
}

fn incomplete_line(value: Decimal) -> LandedLine {
    LandedLine {
        customs_value: value,
        duty: None,
        taxes: Vec::new(),
        explain: Vec::new(),
        missing: Vec::new(),
    }
}

fn empty_totals() -> LandedTotals {
    LandedTotals {
        duty: Decimal::ZERO,
        taxes: Vec::new(),
        total: Decimal::ZERO,
        complete: false,
        explain: Vec::new(),
    }
}

/// The ad valorem regimes (EU, UK, US, CA, AU): duty = value × rate unless a low-value rule applies;
/// import VAT/GST on value + duty (or on the value at the point of sale for low-value B2C parcels);
/// totals rounded by the pack's rule.
fn simple(context: &mut Context<'_>) -> (Vec<LandedLine>, LandedTotals) {
    let regime = context.pack.header.regime;
    let currency = context.currency;
    let as_of = context.as_of();
    let b2c = context.declaration.consignment == Consignment::B2cParcel;
    let total_value = context.total_value;
    let Some((amount_rule, amount_row)) = context.rounding(RoundingTarget::Amount) else {
        let lines = context
            .values
            .iter()
            .map(|value| incomplete_line(*value))
            .collect();
        return (lines, empty_totals());
    };
    let destination = context.destination.clone();
    let tax_country = if destination == "GB" {
        "UK".to_string()
    } else {
        destination
    };
    let tax_code = match regime {
        Regime::Au | Regime::Ca => "GST",
        _ => "VAT",
    };
    let has_import_tax = regime != Regime::Us;
    let tax_row = in_force(&context.pack.tax_rates, as_of, |row| {
        row.country == tax_country && row.code == tax_code
    });

    // Consignment-level low-value rules.
    let all_free = applies_to_b2c(
        context.threshold(ThresholdKind::DutyAndTaxFree),
        b2c,
        total_value,
    );
    let point_of_sale = applies_to_b2c(
        context.threshold(ThresholdKind::PointOfSaleTax),
        b2c,
        total_value,
    );
    let duty_free = applies_to_b2c(context.threshold(ThresholdKind::DutyFree), b2c, total_value);
    let flat_duty = in_force(&context.pack.flat_duties, as_of, |_| true).filter(|row| {
        b2c && context.declaration.eu_flat_duty && total_value <= row.row.consignment_max
    });
    for (row, text) in [
        (
            all_free,
            Text::new(
                "no duty and no import tax",
                "ni droits ni taxe à l’importation",
            ),
        ),
        (
            duty_free,
            Text::new("no customs duty", "pas de droits de douane"),
        ),
    ] {
        if let Some(row) = row {
            context.consignment_explain.add(|| {
                Explanation::new(
                    Text::new("Low-value consignment", "Envoi de faible valeur"),
                    Text::by(|l| {
                        let (total, limit) = (l.grouped(total_value), l.grouped(row.row.amount));
                        l.pick(
                            format!("B2C consignment {total} ≤ {limit} {currency}: {}", text.en),
                            format!("envoi B2C {total} ≤ {limit} {currency}\u{a0}: {}", text.fr),
                        )
                    }),
                )
                .rule(low_value_threshold(), row)
            });
        }
    }
    // IOSS matters only in the EU; elsewhere the point-of-sale rule is the law for low-value B2C.
    let tax_at_point_of_sale =
        point_of_sale.filter(|_| regime != Regime::Eu || context.declaration.ioss);
    if let Some(row) = point_of_sale {
        let at_sale = tax_at_point_of_sale.is_some();
        context.consignment_explain.add(|| {
            Explanation::new(
                Text::new("Low-value B2C sale", "Vente B2C de faible valeur"),
                Text::by(|l| {
                    let (total, limit) = (l.grouped(total_value), l.grouped(row.row.amount));
                    match (l, at_sale) {
                        (Lang::En, true) => format!("consignment {total} ≤ {limit} {currency}: {tax_code} charged at the point of sale (checkout), not at the border; computed on the value"),
                        (Lang::En, false) => format!("consignment {total} ≤ {limit} {currency}: no IOSS: import {tax_code} is collected at the border"),
                        (Lang::Fr, true) => format!("envoi {total} ≤ {limit} {currency}\u{a0}: {} perçue à la vente (au paiement), pas à la frontière\u{a0}; calculée sur la valeur", tax_label_fr(tax_code)),
                        (Lang::Fr, false) => format!("envoi {total} ≤ {limit} {currency}\u{a0}: sans IOSS, la {} à l’importation est perçue à la frontière", tax_label_fr(tax_code)),
                    }
                }),
            )
            .rule(
                Text::new(
                    "point-of-sale taxation threshold",
                    "seuil de taxation au point de vente",
                ),
                row,
            )
        });
    }
    if regime == Regime::Us
        && let Some(row) = context.threshold(ThresholdKind::DeMinimis)
    {
        context.consignment_explain.add(|| {
            Explanation::new(
                Text::new("De minimis", "De minimis"),
                Text::by(|l| {
                    let limit = l.grouped(row.row.amount);
                    l.pick(
                        format!("duty-free de minimis in force: {limit} {currency}"),
                        format!("seuil de franchise de droits (de minimis) en vigueur\u{a0}: {limit} {currency}"),
                    )
                }),
            )
            .rule(
                Text::new("de minimis (suspended when 0)", "de minimis (suspendu s’il vaut 0)"),
                row,
            )
        });
    }
    let mut counted_subheadings = BTreeSet::new();

    let mut lines = Vec::with_capacity(context.values.len());
    let mut complete = true;
    for (index, line) in context.declaration.lines.iter().enumerate() {
        let value = context.values.get(index).copied().unwrap_or_default();
        let mut explain = Steps::new(context.detail);
        explain.add(|| {
            Explanation::new(
                Text::new("Customs value", "Valeur en douane"),
                Text::by(|l| format!("{} {currency}", l.figure(value))),
            )
            .amount(value)
        });
        let mut missing = Vec::new();
        // Duty.
        let duty = if let Some(row) = all_free.or(duty_free) {
            explain.add(|| {
                Explanation::new(Text::new("Duty", "Droits de douane"), none_low_value())
                    .amount(Decimal::ZERO)
                    .rule(low_value_threshold(), row)
            });
            Some(Decimal::ZERO)
        } else if let Some(row) = flat_duty {
            let subheading = line
                .hs_code
                .as_deref()
                .map(|hs| hs.chars().take(6).collect::<String>());
            if subheading.is_none() {
                missing.push(Missing::new(
                    Input::HsCode,
                    format!("lines[{index}].hs_code"),
                    Text::new(
                        "no HS code: counted as a distinct tariff subheading for the flat duty",
                        "pas de code SH\u{a0}: compté comme une sous-position tarifaire distincte pour le droit forfaitaire",
                    ),
                ));
            }
            let first = subheading
                .as_ref()
                .is_none_or(|code| counted_subheadings.insert(code.clone()));
            let amount = if first {
                row.row.per_subheading
            } else {
                Decimal::ZERO
            };
            explain.add(|| {
                let formula = Text::by(|l| {
                    let amount = l.grouped(amount);
                    match (&subheading, first, l) {
                        (Some(code), true, Lang::En) => {
                            format!("subheading {code}: {amount} {currency}")
                        }
                        (Some(code), true, Lang::Fr) => {
                            format!("sous-position {code}\u{a0}: {amount} {currency}")
                        }
                        (Some(code), false, Lang::En) => {
                            format!("subheading {code} already charged on an earlier line: 0")
                        }
                        (Some(code), false, Lang::Fr) => format!(
                            "sous-position {code} déjà comptée sur une ligne précédente\u{a0}: 0"
                        ),
                        (None, _, Lang::En) => format!("unknown subheading: {amount} {currency}"),
                        (None, _, Lang::Fr) => {
                            format!("sous-position inconnue\u{a0}: {amount} {currency}")
                        }
                    }
                });
                Explanation::new(
                    Text::new(
                        "Flat duty per tariff subheading",
                        "Droit forfaitaire par sous-position tarifaire",
                    ),
                    formula,
                )
                .amount(amount)
                .rule(
                    Text::new(
                        "flat duty on low-value B2C consignments",
                        "droit forfaitaire sur les envois B2C de faible valeur",
                    ),
                    row,
                )
            });
            Some(amount)
        } else {
            let duty = context.line_duty(index, line).and_then(|line_duty| {
                context
                    .duty_amount(index, line, &line_duty, value, &mut explain)
                    .map(|amount| (line_duty, amount))
            });
            match duty {
                Ok((line_duty, duty)) => {
                    explain.add(|| match &line_duty {
                        LineDuty::Rate(rate) => duty_rate_explanation(
                            Explanation::new(
                                Text::new("Duty", "Droits de douane"),
                                Text::by(|l| {
                                    format!(
                                        "{} × {} = {}",
                                        l.figure(value),
                                        rate.rate.written(l),
                                        l.grouped(duty)
                                    )
                                }),
                            )
                            .amount(duty),
                            rate,
                        ),
                        LineDuty::Domestic => context.domestic_step(line),
                        LineDuty::Tariff(_) => Explanation::new(
                            Text::new("Duty", "Droits de douane"),
                            Text::by(|l| l.figure(duty)),
                        )
                        .amount(duty),
                    });
                    Some(duty)
                }
                Err(gap) => {
                    missing.push(*gap);
                    None
                }
            }
        };
        // Import tax.
        let mut taxes = Vec::new();
        if has_import_tax {
            if let Some(row) = all_free {
                explain.add(|| {
                    Explanation::new(
                        Text::new(tax_code, tax_label_fr(tax_code)),
                        none_low_value(),
                    )
                    .amount(Decimal::ZERO)
                    .rule(low_value_threshold(), row)
                });
                taxes.push(tax(tax_code, Decimal::ZERO));
            } else {
                let (rate, overridden) = match (line.tax_rate, tax_row) {
                    (TaxRateChoice::Explicit(rate), _) => (Some(rate), true),
                    (TaxRateChoice::Standard, Some(row)) => (Some(row.row.standard), false),
                    (TaxRateChoice::Reduced, Some(row)) => (row.row.reduced, false),
                    (_, None) => (None, false),
                };
                let base = if tax_at_point_of_sale.is_some() {
                    Some(value)
                } else {
                    duty.map(|duty| value + duty)
                };
                match (rate, base) {
                    (Some(rate), Some(base)) => {
                        let amount = rate.apply(base);
                        explain.add(|| {
                            let formula = Text::by(|l| {
                                let (rate, amount) = (rate.written(l), l.grouped(amount));
                                if tax_at_point_of_sale.is_some() {
                                    let at_sale = l.pick("at the point of sale", "à la vente");
                                    format!("{} × {rate} = {amount} ({at_sale})", l.grouped(base))
                                } else {
                                    let duty = l.pick("duty", "droits");
                                    format!(
                                        "({} + {duty} {}) × {rate} = {amount}",
                                        l.figure(value),
                                        l.grouped(base - value)
                                    )
                                }
                            });
                            let step = Explanation::new(
                                Text::new(tax_code, tax_label_fr(tax_code)),
                                formula,
                            )
                            .amount(amount)
                            .input(Text::new("rate", "taux"), line.tax_rate.text())
                            .overridden(overridden);
                            match (tax_row, overridden) {
                                (Some(row), false) => step.rule(
                                    Text::by(|l| {
                                        l.pick(
                                            format!("{tax_code} rate for {tax_country}"),
                                            format!(
                                                "taux de {} pour {tax_country}",
                                                tax_label_fr(tax_code)
                                            ),
                                        )
                                    }),
                                    row,
                                ),
                                _ => step,
                            }
                        });
                        taxes.push(tax(tax_code, amount));
                    }
                    (None, _) => {
                        let choice = line.tax_rate.text();
                        missing.push(Missing::new(
                            Input::TaxRate,
                            format!("lines[{index}].tax_rate"),
                            Text::by(|l| l.pick(
                                format!(
                                    "no {} {tax_code} rate in the packs for {tax_country} on {as_of}: give the rate as a percentage",
                                    choice.en
                                ),
                                format!(
                                    "aucun {} de {} dans les packs pour {tax_country} au {as_of}\u{a0}: indiquez le taux en pourcentage",
                                    choice.fr,
                                    tax_label_fr(tax_code)
                                ),
                            )),
                        ))
                    }
                    (Some(_), None) => missing.push(Missing::new(
                        Input::TaxRate,
                        format!("lines[{index}].tax_rate"),
                        Text::by(|l| {
                            l.pick(
                                format!(
                                    "{tax_code} not computed: its base includes the missing duty"
                                ),
                                format!(
                                    "{} non calculée\u{a0}: son assiette inclut les droits manquants",
                                    tax_label_fr(tax_code)
                                ),
                            )
                        }),
                    )),
                }
            }
        }
        // A line missing only its subheading is still complete: the flat duty is charged anyway.
        if !missing.iter().all(|gap| gap.input.input == Input::HsCode) {
            complete = false;
        }
        lines.push(LandedLine {
            customs_value: value,
            duty,
            taxes,
            explain: explain.into_vec(),
            missing,
        });
    }

    // Totals, rounded by the pack's rule.
    let mut totals_explain = Steps::new(context.detail);
    let line_amounts = |pick: &dyn Fn(&LandedLine) -> Option<Decimal>| -> Vec<Decimal> {
        lines.iter().filter_map(pick).collect()
    };
    let mut round_total = |label: Text, parts: Vec<Decimal>| {
        payable_total(&mut totals_explain, label, &parts, amount_row, currency)
    };
    let duty_total = round_total(
        Text::new("Duty payable", "Droits à payer"),
        line_amounts(&|line| line.duty),
    );
    let mut taxes = Vec::new();
    if has_import_tax {
        let parts = line_amounts(&|line| tax_of(line, tax_code));
        let label = Text::new(
            format!("{tax_code} payable"),
            format!("{} à payer", tax_label_fr(tax_code)),
        );
        taxes.push(tax(tax_code, round_total(label, parts)));
    }
    if regime == Regime::Us {
        match merchandise_processing_fee(context, amount_rule) {
            Some(fee) => taxes.push(fee),
            // A fee that is due but whose figure is unknown leaves the total short.
            None => complete = false,
        }
    }
    let total = duty_total + taxes.iter().map(|tax| tax.amount).sum::<Decimal>();
    (
        lines,
        LandedTotals {
            duty: duty_total,
            taxes,
            total,
            complete,
            explain: totals_explain.into_vec(),
        },
    )
}

fn low_value_threshold() -> Text {
    Text::new("low-value threshold", "seuil des envois de faible valeur")
}

fn none_low_value() -> Text {
    Text::new(
        "none: low-value consignment",
        "aucun\u{a0}: envoi de faible valeur",
    )
}

/// VAT and GST as French writes them (TVA, TPS); the code itself in English.
fn tax_label_fr(tax_code: &str) -> &'static str {
    match tax_code {
        "GST" => "TPS",
        _ => "TVA",
    }
}

/// The threshold row when a B2C consignment's value is at or below it.
fn applies_to_b2c(
    row: Option<&Dated<ThresholdRow>>,
    b2c: bool,
    total_value: Decimal,
) -> Option<&Dated<ThresholdRow>> {
    row.filter(|row| b2c && total_value <= row.row.amount)
}

/// A payable total: the line amounts `parts` rounded by the pack's rule, per line or on the total as
/// the rule's scope says, with its explanation.
fn payable_total(
    steps: &mut Steps,
    label: Text,
    parts: &[Decimal],
    row: &Dated<CustomsRoundingRow>,
    currency: Currency,
) -> Decimal {
    let (rule, scope) = (row.row.rounding, row.row.scope);
    let total = scope.total(&rule, parts, currency);
    steps.add(|| {
        let formula = Text::by(|l| match (parts, scope) {
            ([], _) => l
                .pick("no complete line: 0", "aucune ligne complète\u{a0}: 0")
                .to_string(),
            ([single], _) => rounding_formula(l, &rule, *single, total),
            (_, RoundingScope::OnTotal) => {
                let terms: Vec<String> = parts.iter().map(|part| l.grouped(*part)).collect();
                let sum: Decimal = parts.iter().copied().sum();
                format!(
                    "{}({} = {} → {})",
                    rounding_name(l, &rule),
                    terms.join(" + "),
                    l.grouped(sum),
                    l.grouped(total)
                )
            }
            (_, RoundingScope::PerLine) => {
                let terms: Vec<String> = parts
                    .iter()
                    .map(|part| rounding_formula(l, &rule, *part, rule.apply(*part, currency)))
                    .collect();
                format!("{} = {}", terms.join(" + "), l.grouped(total))
            }
        });
        let how = Text::by(|l| {
            let rounded = rule.describe();
            match (scope, l) {
                (RoundingScope::OnTotal, Lang::En) => {
                    format!("sum of the unrounded line amounts, {}", rounded.en)
                }
                (RoundingScope::OnTotal, Lang::Fr) => {
                    format!("somme des montants de ligne non arrondis, {}", rounded.fr)
                }
                (RoundingScope::PerLine, Lang::En) => {
                    format!("each line amount rounded, then summed, {}", rounded.en)
                }
                (RoundingScope::PerLine, Lang::Fr) => {
                    format!(
                        "chaque montant de ligne arrondi, puis additionné, {}",
                        rounded.fr
                    )
                }
            }
        });
        Explanation::new(label, formula)
            .amount(total)
            .rule(how, row)
    });
    total
}

/// US Merchandise Processing Fee on the whole entry: formal entries ad valorem between the minimum and
/// maximum; informal entries a fixed fee.
fn merchandise_processing_fee(context: &mut Context<'_>, rounding: Rounding) -> Option<TaxAmount> {
    let currency = context.currency;
    let entry = context
        .declaration
        .entry
        .unwrap_or(match context.declaration.consignment {
            Consignment::Commercial => EntryKind::Formal,
            Consignment::B2cParcel => EntryKind::Informal,
        });
    let (en, fr) = match entry {
        EntryKind::Formal => ("formal", "formelles"),
        EntryKind::Informal => ("informal", "simplifiées"),
    };
    let label = || {
        Text::new(
            "Merchandise Processing Fee",
            "Merchandise Processing Fee (redevance de traitement des marchandises)",
        )
    };
    if let Some(fee) = context.declaration.customs_fee {
        context.consignment_explain.add(|| {
            Explanation::new(
                label(),
                Text::by(|l| {
                    format!(
                        "{} {}",
                        l.pick("per entry:", "par déclaration\u{a0}:"),
                        l.grouped(fee)
                    )
                }),
            )
            .amount(fee)
            .input(
                Text::new("customs fee", "redevance douanière"),
                Text::new("entered by the user", "saisie par l’utilisateur"),
            )
            .overridden(true)
        });
        return Some(tax("US-MPF", fee));
    }
    let Some(row) = in_force(&context.pack.fees, context.as_of(), |row| {
        row.code == "US-MPF" && row.entry == entry
    }) else {
        let (as_of, name) = (context.as_of(), &context.pack.header.name);
        // The user can type the fee in force (a broker's quote, or the year's CBP notice).
        context.missing.push(Missing::new(
            Input::CustomsFee,
            "customs_fee",
            Text::by(|l| {
                l.pick(
                    format!(
                        "the rules for {name} give no Merchandise Processing Fee for {en} entries in force on {as_of}: type the fee per entry"
                    ),
                    format!(
                        "les règles pour {name} n’ont pas de redevance de traitement des marchandises pour les déclarations {fr} en vigueur le {}\u{a0}: saisissez la redevance par déclaration",
                        as_of.format("%d/%m/%Y")
                    ),
                )
            }),
        ));
        return None;
    };
    let total_value = context.total_value;
    let (amount, raw) = match (row.row.rate, row.row.amount) {
        (Some(rate), _) => {
            let raw = rate.apply(total_value);
            let floored = row.row.minimum.map_or(raw, |min| raw.max(min));
            let capped = row.row.maximum.map_or(floored, |max| floored.min(max));
            (rounding.apply(capped, currency), Some((rate, raw)))
        }
        (None, Some(fixed)) => (fixed, None),
        (None, None) => return None,
    };
    context.consignment_explain.add(|| {
        let formula = Text::by(|l| match raw {
            Some((rate, raw)) => {
                let bound = |value: Option<Decimal>| {
                    value.map_or(l.pick("none", "aucun").to_string(), |v| l.grouped(v))
                };
                format!(
                    "{} × {} = {} → {}(min {}, max {}) = {}",
                    l.grouped(total_value),
                    rate.written(l),
                    l.grouped(raw),
                    l.pick("clamp", "borné"),
                    bound(row.row.minimum),
                    bound(row.row.maximum),
                    l.grouped(amount)
                )
            }
            None => l.pick(
                format!("fixed fee per {en} entry: {}", l.grouped(amount)),
                format!(
                    "forfait par déclaration {}\u{a0}: {}",
                    fr.trim_end_matches('s'),
                    l.grouped(amount)
                ),
            ),
        });
        Explanation::new(label(), formula).amount(amount).rule(
            Text::new(
                "US Merchandise Processing Fee",
                "redevance américaine de traitement des marchandises (MPF)",
            ),
            row,
        )
    });
    Some(tax("US-MPF", amount))
}
