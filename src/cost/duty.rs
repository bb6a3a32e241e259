//! The duty of a declaration line from the bundled tariffs (`data/packs/duties/`): the general (MFN)
//! rate of the line's code, the preferential rate when origin is claimed under an agreement that
//! covers it (both shown, the lower charged), and each additional duty the destination lays on goods
//! of the origin (US Section 301), stacked in order. Specific duties are charged on the line's litres,
//! net kilograms or units; a figure the tariff research did not find stays asked of the user.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Explanation, Input, Missing};
use crate::packs::{
    AgreementRow, Combine, Dated, DutyExpression, DutyExtra, LayerMethod, OriginProof, Packs,
    QuantityUnit, RateType, SpecificDuty, TariffRow, TariffStatus,
};
use crate::text::{Lang, NBSP, Text};

/// The quantities of a declaration line a specific duty is charged on.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quantities {
    pub units: Decimal,
    pub litres: Option<Decimal>,
    pub net_kg: Option<Decimal>,
}

impl Quantities {
    fn of(&self, unit: QuantityUnit) -> Option<Decimal> {
        let hundred = Decimal::ONE_HUNDRED;
        match unit {
            QuantityUnit::Litre => self.litres,
            QuantityUnit::Hectolitre => self.litres.map(|litres| litres / hundred),
            QuantityUnit::Kg => self.net_kg,
            QuantityUnit::HundredKg => self.net_kg.map(|kg| kg / hundred),
            // A unit of footwear sold is a pair.
            QuantityUnit::Pair | QuantityUnit::Item => Some(self.units),
        }
    }
}

fn unit_text(lang: Lang, unit: QuantityUnit) -> &'static str {
    match unit {
        QuantityUnit::Kg => "kg",
        QuantityUnit::HundredKg => "100 kg",
        QuantityUnit::Litre => "l",
        QuantityUnit::Hectolitre => "hl",
        QuantityUnit::Pair => lang.pick("pairs", "paires"),
        QuantityUnit::Item => lang.pick("units", "unités"),
    }
}

/// Why a tariff row could not be applied to the line.
pub(super) enum Unpriced {
    /// The line lacks the quantity a specific duty is charged on.
    Quantity(QuantityUnit),
    /// A part the tariff leaves to the product's recipe.
    Extra(DutyExtra),
}

/// A duty expression applied to a line: the amount and its formula.
pub(super) fn evaluate(
    duty: &DutyExpression,
    value: Decimal,
    quantities: &Quantities,
) -> Result<(Decimal, Text), Unpriced> {
    if let Some(extra) = duty.extra {
        return Err(Unpriced::Extra(extra));
    }
    let specific = |part: &SpecificDuty| -> Result<(Decimal, Decimal), Unpriced> {
        let quantity = quantities
            .of(part.per)
            .ok_or(Unpriced::Quantity(part.per))?;
        Ok((quantity, quantity * part.amount))
    };
    let ad_valorem = duty.ad_valorem.map(|rate| (rate, rate.apply(value)));
    let specific_part = duty.specific.as_ref().map(specific).transpose()?;
    let minimum = duty.minimum.as_ref().map(specific).transpose()?;
    let amount = match (ad_valorem, specific_part, duty.combine) {
        (Some((_, a)), Some((_, s)), Some(Combine::Sum)) => a + s,
        (Some((_, a)), Some((_, s)), Some(Combine::Lesser)) => a.min(s),
        (Some((_, a)), Some((_, s)), Some(Combine::Greater)) => a.max(s),
        (Some((_, a)), _, _) => a,
        (None, Some((_, s)), _) => s,
        (None, None, _) => Decimal::ZERO,
    };
    let total = minimum.map_or(amount, |(_, floor)| amount.max(floor));
    let specific_spec = duty.specific.clone();
    let minimum_spec = duty.minimum.clone();
    let formula = Text::by(move |l| {
        let ad_text = ad_valorem.map(|(rate, amount)| {
            format!(
                "{} × {} = {}",
                l.figure(value),
                rate.written(l),
                l.figure(amount)
            )
        });
        let specific_text = |spec: &SpecificDuty, (quantity, amount): (Decimal, Decimal)| {
            format!(
                "{} {} × {} = {}",
                l.figure(quantity),
                unit_text(l, spec.per),
                l.grouped(spec.amount),
                l.figure(amount)
            )
        };
        let sp_text = specific_spec
            .as_ref()
            .zip(specific_part)
            .map(|(spec, part)| specific_text(spec, part));
        let main = match (ad_text, sp_text, duty.combine) {
            (Some(a), Some(s), Some(Combine::Sum)) => format!("{a} + {s} = {}", l.figure(amount)),
            (Some(a), Some(s), Some(combine)) => {
                let name = if combine == Combine::Lesser {
                    "min"
                } else {
                    "max"
                };
                format!(
                    "{name}({a}{} {s}) = {}",
                    l.pick(";", "\u{a0};"),
                    l.figure(amount)
                )
            }
            (Some(a), _, _) => a,
            (None, Some(s), _) => s,
            (None, None, _) => l.figure(amount),
        };
        match minimum_spec.as_ref().zip(minimum) {
            Some((spec, part)) => format!(
                "{main}, {} {} → {}",
                l.pick("at least", "au minimum"),
                specific_text(spec, part),
                l.figure(total)
            ),
            None => main,
        }
    });
    Ok((total, formula))
}

/// The duty the bundled tariff gives a line, or why it gives none.
pub(super) enum TariffOutcome<'a> {
    /// The tariff holds no row for the code: the caller asks the user.
    NoRow,
    /// Goods originating inside the destination's own customs territory pay no import duty.
    Domestic,
    Duty(TariffDuty<'a>),
    Gap(Box<Missing>),
}

/// The rows that make a line's duty.
pub(super) struct TariffDuty<'a> {
    /// The general (MFN) row, when published.
    pub general: Option<&'a Dated<TariffRow>>,
    /// The preferential row the origin qualifies for, with its agreement, when published.
    pub preferential: Option<(&'a Dated<TariffRow>, &'a Dated<AgreementRow>)>,
    /// Preference is claimed (and the row above is the one to charge).
    pub claimed: bool,
    pub layers: Vec<&'a Dated<TariffRow>>,
}

/// What the tariff resolution needs of the line.
pub(super) struct LineFacts<'a> {
    pub field: String,
    pub hs: &'a str,
    pub origin: Option<&'a str>,
    pub claimed: bool,
}

fn gap(input: Input, field: &str, message: Text) -> TariffOutcome<'static> {
    TariffOutcome::Gap(Box::new(Missing::new(input, field, message)))
}

fn note_of(row: &Dated<TariffRow>) -> String {
    row.provenance
        .note
        .as_deref()
        .map(|note| format!(" ({note})"))
        .unwrap_or_default()
}

/// The name a row's line goes by: the national line as written, else its digits.
fn line_name(row: &TariffRow) -> String {
    row.line
        .clone()
        .or_else(|| row.hs.clone())
        .unwrap_or_default()
}

/// Resolves the tariff rows of a line entering `destination` on `as_of`.
pub(super) fn resolve<'a>(
    packs: &'a Packs,
    destination: &str,
    facts: &LineFacts<'_>,
    as_of: NaiveDate,
) -> TariffOutcome<'a> {
    let Some(territory) = packs.territory_of(destination) else {
        return TariffOutcome::NoRow;
    };
    let (hs, field) = (facts.hs, facts.field.as_str());
    // The EU's territory is the group of its members; the others are their own country.
    let group = [territory.to_ascii_uppercase()];
    match facts.origin {
        Some(origin)
            if packs.territory_of(origin) == Some(territory)
                || packs.origin_in(origin, &group, as_of) =>
        {
            return TariffOutcome::Domestic;
        }
        // Goods of a customs union's own members are common for its sellers: the third-country
        // duty is not assumed.
        None if packs
            .tariffs
            .origin_groups
            .iter()
            .any(|row| row.row.name == group[0]) =>
        {
            return gap(
                Input::Origin,
                field,
                Text::by(|l| {
                    l.pick(
                        format!(
                            "the {territory} duty applies to goods from outside its customs territory only: give the product's country of origin"
                        ),
                        format!(
                            "les droits {territory} ne s’appliquent qu’aux marchandises originaires de pays tiers{NBSP}: indiquez le pays d’origine du produit"
                        ),
                    )
                }),
            );
        }
        _ => {}
    }
    let lines = packs.tariff_lines(destination, hs, facts.origin, as_of);
    let published = |row: &&Dated<TariffRow>| row.row.status == TariffStatus::Published;
    let general = lines.mfn;
    let preferential = lines.preferential.first().copied();
    if general.is_none() && preferential.is_none() {
        let mut candidates: Vec<String> = lines
            .narrower
            .iter()
            .filter(|row| row.row.rate_type == RateType::Mfn)
            .map(|row| format!("{} {}", line_name(&row.row), row.row.label))
            .collect();
        candidates.dedup();
        if candidates.is_empty() {
            return TariffOutcome::NoRow;
        }
        let list = candidates.join("; ");
        return gap(
            Input::DutyRate,
            field,
            Text::by(|l| {
                l.pick(
                    format!(
                        "HS {hs} covers several national lines of the {territory} tariff with different rates ({list}): give the national line as the HS code, or type the duty rate"
                    ),
                    format!(
                        "le code SH {hs} couvre plusieurs lignes nationales du tarif {territory} aux taux différents ({list}){NBSP}: indiquez la ligne nationale comme code SH, ou saisissez le taux de droit"
                    ),
                )
            }),
        );
    }
    let claimed = facts.claimed && preferential.is_some();
    if claimed && let Some((row, agreement)) = preferential.filter(|(row, _)| !published(row)) {
        let (name, note) = (&agreement.row.name, note_of(row));
        return gap(
            Input::DutyRate,
            field,
            Text::by(|l| {
                l.pick(
                    format!(
                        "the preferential rate of HS {hs} under the {name} was not found{note}: type the duty rate"
                    ),
                    format!(
                        "le taux préférentiel du code SH {hs} au titre de l’accord {name} n’a pas été trouvé{note}{NBSP}: saisissez le taux de droit"
                    ),
                )
            }),
        );
    }
    let general_published = general.filter(published);
    if !claimed && general_published.is_none() {
        let note = general.map(note_of).unwrap_or_default();
        return gap(
            Input::DutyRate,
            field,
            Text::by(|l| {
                l.pick(
                    format!(
                        "the duty rate of HS {hs} in the {territory} tariff was not found{note}: type it from the tariff or a binding ruling"
                    ),
                    format!(
                        "le taux de droit du code SH {hs} dans le tarif {territory} n’a pas été trouvé{note}{NBSP}: saisissez-le depuis le tarif ou un renseignement tarifaire contraignant"
                    ),
                )
            }),
        );
    }
    // Additional duties depend on origin: an origin no researched measure names is not assumed free.
    let has_layers = packs
        .tariffs
        .rates
        .iter()
        .any(|row| row.row.territory == territory && row.row.rate_type == RateType::Additional);
    if has_layers {
        let Some(origin) = facts.origin else {
            return gap(
                Input::Origin,
                field,
                Text::by(|l| {
                    l.pick(
                        format!(
                            "the {territory} tariff lays additional duties by origin: give the product's country of origin"
                        ),
                        format!(
                            "le tarif {territory} impose des droits additionnels selon l’origine{NBSP}: indiquez le pays d’origine du produit"
                        ),
                    )
                }),
            );
        };
        let researched = packs.tariffs.rates.iter().any(|row| {
            row.row.territory == territory
                && row.row.rate_type == RateType::Additional
                && packs.origin_in(origin, &row.row.origins, row.provenance.effective_from)
        });
        if !researched {
            return gap(
                Input::DutyRate,
                field,
                Text::by(|l| {
                    l.pick(
                        format!(
                            "the additional duties on goods of {origin} entering {territory} were not researched: type the total duty rate (general rate and every additional duty)"
                        ),
                        format!(
                            "les droits additionnels sur les marchandises originaires de {origin} importées ({territory}) n’ont pas été recherchés{NBSP}: saisissez le taux de droit total (taux général et chaque droit additionnel)"
                        ),
                    )
                }),
            );
        }
    }
    TariffOutcome::Duty(TariffDuty {
        general: general_published,
        preferential: preferential.filter(|(row, _)| published(row)),
        claimed,
        layers: lines.layers,
    })
}

/// The line's duty from its resolved rows: each rate and layer is a step; the total is returned raw
/// (the caller rounds it as the authority does).
pub(super) fn compute(
    duty: &TariffDuty<'_>,
    value: Decimal,
    quantities: &Quantities,
    field: &str,
    steps: &mut Vec<Explanation>,
) -> Result<Decimal, Box<Missing>> {
    let priced = |row: &Dated<TariffRow>| -> Result<(Decimal, Text), Box<Missing>> {
        let expression = row.row.duty.as_ref().ok_or_else(|| {
            Box::new(Missing::new(
                Input::DutyRate,
                field,
                Text::new(
                    "the tariff row gives no duty",
                    "la ligne tarifaire ne donne aucun droit",
                ),
            ))
        })?;
        evaluate(expression, value, quantities).map_err(|why| unpriced(why, field, &row.row))
    };
    let general = duty
        .general
        .map(|row| priced(row).map(|p| (row, p)))
        .transpose()?;
    let preferential = duty
        .preferential
        .map(|(row, agreement)| priced(row).map(|p| (row, agreement, p)))
        .transpose()?;
    // Claimed: the lower of the two (a preferential rate above the general one is not used).
    let use_preferential = duty.claimed
        && preferential.as_ref().is_some_and(|(_, _, (pref, _))| {
            general
                .as_ref()
                .is_none_or(|(_, (general, _))| pref <= general)
        });
    let mut total = Decimal::ZERO;
    if let Some((row, (amount, formula))) = general {
        let charged = !use_preferential;
        if charged {
            total = amount;
        }
        steps.push(rate_step(
            Text::new(
                "Duty at the general rate (MFN)",
                "Droits au taux général (NPF)",
            ),
            formula,
            charged.then_some(amount),
            row,
        ));
    }
    if let Some((row, agreement, (amount, formula))) = preferential {
        if use_preferential {
            total = amount;
        }
        let status = match (duty.claimed, use_preferential) {
            (true, true) => Text::new("claimed: charged", "demandé\u{a0}: appliqué"),
            (true, false) => Text::new(
                "claimed, but not lower than the general rate: not used",
                "demandé, mais pas inférieur au taux général\u{a0}: non utilisé",
            ),
            (false, _) => Text::new(
                "not claimed: available with proof of origin",
                "non demandé\u{a0}: possible avec une preuve de l’origine",
            ),
        };
        let name = agreement.row.name.clone();
        let step = rate_step(
            Text::by(|l| {
                format!(
                    "{} ({name})",
                    l.pick(
                        "Duty at the preferential rate",
                        "Droits au taux préférentiel"
                    )
                )
            }),
            formula,
            use_preferential.then_some(amount),
            row,
        )
        .input(Text::new("preference", "préférence"), status)
        .input(
            Text::new("proof of origin", "preuve de l’origine"),
            proofs(agreement),
        );
        steps.push(step);
    }
    for layer in duty.layers.iter().copied() {
        let row = &layer.row;
        let (amount, formula) = match (row.method, row.duty.as_ref().and_then(|d| d.ad_valorem)) {
            (Some(LayerMethod::TopUp), Some(rate)) => {
                let floor = rate.apply(value);
                let amount = (floor - total).max(Decimal::ZERO);
                let so_far = total;
                let formula = Text::by(move |l| {
                    format!(
                        "max({} × {} − {} {}, 0) = {}",
                        l.figure(value),
                        rate.written(l),
                        l.pick("duty", "droits"),
                        l.figure(so_far),
                        l.figure(amount)
                    )
                });
                (amount, formula)
            }
            _ => priced(layer)?,
        };
        total += amount;
        let legal_basis = row.legal_basis.clone().unwrap_or_default();
        let label = row.label.clone();
        steps.push(
            Explanation::new(
                Text::by(|l| {
                    format!(
                        "{} {label}",
                        l.pick("Additional duty:", "Droit additionnel\u{a0}:")
                    )
                }),
                formula,
            )
            .amount(amount)
            .input(
                Text::new("legal basis", "base légale"),
                Text::same(legal_basis),
            )
            .rule(
                Text::by(|l| {
                    format!(
                        "{}{}: {label}",
                        l.pick("additional duty", "droit additionnel"),
                        l.pick("", "\u{a0}")
                    )
                }),
                layer,
            ),
        );
    }
    Ok(total)
}

fn rate_step(
    label: Text,
    formula: Text,
    amount: Option<Decimal>,
    row: &Dated<TariffRow>,
) -> Explanation {
    let line = line_name(&row.row);
    let description = row.row.label.clone();
    let step = Explanation::new(label, formula).rule(
        Text::by(|l| {
            format!(
                "{} {line}{} {description}",
                l.pick("tariff line", "ligne tarifaire"),
                l.pick(":", "\u{a0}:")
            )
        }),
        row,
    );
    match amount {
        Some(amount) => step.amount(amount),
        None => step,
    }
}

/// How an agreement's origin is proved, with the registered-exporter threshold.
fn proofs(agreement: &Dated<AgreementRow>) -> Text {
    let row = &agreement.row;
    Text::by(|l| {
        let mut ways: Vec<&str> = row
            .proofs
            .iter()
            .map(|proof| match proof {
                OriginProof::StatementOnOrigin => {
                    l.pick("statement on origin", "attestation d’origine")
                }
                OriginProof::ImportersKnowledge => {
                    l.pick("importer’s knowledge", "connaissance de l’importateur")
                }
            })
            .collect();
        ways.dedup();
        let mut text = ways.join(l.pick(" or ", " ou "));
        if let Some(rex) = &row.registered_exporter {
            text.push_str(&l.pick(
                format!(
                    "; above {} {} per consignment the exporter needs a {} number",
                    l.grouped(rex.above),
                    rex.currency,
                    rex.system
                ),
                format!(
                    "{NBSP}; au-delà de {} {} par envoi, l’exportateur doit avoir un numéro {}",
                    l.grouped(rex.above),
                    rex.currency,
                    rex.system
                ),
            ));
        }
        text
    })
}

fn unpriced(why: Unpriced, field: &str, row: &TariffRow) -> Box<Missing> {
    let line = line_name(row);
    let message = match why {
        Unpriced::Quantity(unit) => {
            let (input_field, en, fr) = match unit {
                QuantityUnit::Litre | QuantityUnit::Hectolitre => ("litres", "litres", "litres"),
                _ => ("net_kg", "net kilograms", "kilogrammes nets"),
            };
            Text::by(move |l| {
                l.pick(
                    format!(
                        "the duty of line {line} is charged per {}: give the line's {en} (`{input_field}`) or type the duty rate",
                        unit_text(l, unit)
                    ),
                    format!(
                        "les droits de la ligne {line} sont perçus par {}{NBSP}: indiquez les {fr} de la ligne (`{input_field}`) ou saisissez le taux de droit",
                        unit_text(l, unit)
                    ),
                )
            })
        }
        Unpriced::Extra(DutyExtra::AgriculturalComponent) => Text::by(move |l| {
            l.pick(
                format!(
                    "the duty of line {line} adds the EU agricultural component, set by the recipe's Meursing code: type the duty rate"
                ),
                format!(
                    "les droits de la ligne {line} ajoutent l’élément agricole de l’UE, fixé par le code Meursing de la recette{NBSP}: saisissez le taux de droit"
                ),
            )
        }),
    };
    Box::new(Missing::new(Input::DutyRate, field, message))
}
