//! Nothing expires unnoticed: every figure row named by its pack, table and item; the items that have
//! no row in force on a date although they had one before (a gap: `packs validate --as-of` fails);
//! the rows that end within a few days of today; and the figures left to the user.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    AdjustmentKind, Dated, EntryKind, ExciseRow, FbaStatus, FeeService, PackError, Packs,
    Provenance, RoundingTarget, SellerResidence, Source, TariffStatus, ThresholdBasis,
    ThresholdKind, UserEnteredRow,
};
use crate::plan::categories::category_name;
use crate::text::{Lang, Text};

/// How far ahead Settings and `packs validate --as-of` look for figures that end.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

/// One figure row named the way validation and Settings name it.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRef<'a> {
    /// `marketplace`, `customs` or `duties`.
    pub kind: &'static str,
    /// The pack id (`amazon-jp`, `us`); `duties` for every duties pack.
    pub pack: &'a str,
    pub pack_name: Text,
    pub table: &'static str,
    /// What the row is a figure for, within its table (`electronics`, `US-MPF formal`).
    pub item: String,
    /// The item in words, for people (`Merchandise Processing Fee, formal entries`).
    pub label: Text,
    pub provenance: &'a Provenance,
}

/// An item with no row in force on a date although it had one before, and no figure left to the
/// user in its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FigureGap {
    pub pack: String,
    pub table: String,
    pub item: String,
    /// The day the last row stopped applying.
    #[ts(type = "string")]
    pub ended: NaiveDate,
    pub file: String,
    #[ts(type = "number")]
    pub line: usize,
    pub source: Source,
}

impl FigureGap {
    /// The gap as a pack error, naming the row that ended.
    pub fn to_error(&self, as_of: NaiveDate) -> PackError {
        PackError {
            file: self.file.clone(),
            line: Some(self.line),
            field: Some("effective_until".to_owned()),
            message: format!(
                "{} {} `{}` has no row in force on {as_of}: the last one ended on {}; add the \
                 figure in force (or a `[[user_entered]]` row saying it was not found, or \
                 `lapses = true` if the rule itself ended)",
                self.pack, self.table, self.item, self.ended
            ),
        }
    }
}

/// A figure in force today whose row ends soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpiringFigure {
    pub pack: String,
    pub pack_name: Text,
    pub table: String,
    /// The item's id, as validation names it.
    pub item: String,
    /// The item in words.
    pub label: Text,
    #[ts(type = "string")]
    pub until: NaiveDate,
    #[ts(type = "number")]
    pub days_left: i64,
    /// The start of the row that takes over on `until`, when there is one.
    #[ts(type = "string | null")]
    pub successor: Option<NaiveDate>,
    /// The rule itself ends: no successor is expected.
    pub lapses: bool,
    pub note: Option<Text>,
    pub source: Source,
    pub file: String,
    #[ts(type = "number")]
    pub line: usize,
}

/// A figure the research did not find, which the user types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeftToUser {
    pub pack: String,
    pub table: String,
    pub item: String,
    pub label: Text,
    /// Why: what was searched and not found.
    pub why: Text,
    /// Where the figure is published (or was looked for).
    pub source: Source,
    pub file: String,
    #[ts(type = "number")]
    pub line: usize,
}

/// A serde enum value as its file spelling (`taxable-value`).
fn spelled<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

struct Collector<'a> {
    kind: &'static str,
    pack: &'a str,
    pack_name: Text,
    out: Vec<FigureRef<'a>>,
}

impl<'a> Collector<'a> {
    /// Adds the rows of `table`, each named by `item` (its id) and `label` (in words).
    fn add<T>(
        &mut self,
        table: &'static str,
        rows: &'a [Dated<T>],
        item: impl Fn(&T) -> String,
        label: impl Fn(&T) -> Text,
    ) {
        for row in rows {
            self.out.push(FigureRef {
                kind: self.kind,
                pack: self.pack,
                pack_name: self.pack_name.clone(),
                table,
                item: item(&row.row),
                label: label(&row.row),
                provenance: &row.provenance,
            });
        }
    }
}

fn user_entered_item(row: &UserEnteredRow) -> String {
    format!("{} {}", row.table, row.item)
}

/// A label that does not depend on the row.
fn fixed<T>(en: &'static str, fr: &'static str) -> impl Fn(&T) -> Text {
    move |_| Text::new(en, fr)
}

/// A tax by its code, in words where the code is Landfall's own (`JP-CT-NATIONAL`).
fn tax_name(code: &str) -> Text {
    match code {
        "VAT" => Text::new("VAT", "TVA"),
        "GST" => Text::new("GST", "TPS"),
        "JCT" => Text::new("JCT (consumption tax)", "JCT (taxe à la consommation)"),
        "JP-CT-NATIONAL" => Text::new(
            "national consumption tax",
            "taxe nationale à la consommation",
        ),
        "JP-CT-LOCAL" => Text::new("local consumption tax", "taxe locale à la consommation"),
        "JP-LIQUOR" => Text::new("liquor tax", "taxe sur les alcools"),
        other => Text::same(other),
    }
}

/// A customs fee by its code: its official name, and in French a translation with the acronym.
fn customs_fee_name(code: &str, entry: EntryKind) -> Text {
    let name = match code {
        "US-MPF" => Text::new(
            "Merchandise Processing Fee",
            "redevance de traitement des marchandises (MPF)",
        ),
        "US-HMF" => Text::new(
            "Harbor Maintenance Fee",
            "redevance d’entretien des ports (HMF)",
        ),
        other => Text::same(other),
    };
    Text::by(|lang| {
        let name = name.get(lang);
        let entries = match entry {
            EntryKind::Formal => lang.pick("formal entries", "déclarations formelles"),
            EntryKind::Informal => lang.pick("informal entries", "déclarations informelles"),
        };
        format!("{name}, {entries}")
    })
}

fn threshold_name(kind: ThresholdKind, basis: ThresholdBasis) -> Text {
    let name = match kind {
        ThresholdKind::DutyAndTaxFree => Text::new(
            "no duty or import tax at or below",
            "franchise de droits et de taxes",
        ),
        ThresholdKind::PointOfSaleTax => Text::new(
            "tax charged at the point of sale at or below",
            "taxe perçue à la vente en deçà du seuil",
        ),
        ThresholdKind::DutyFree => Text::new("no duty at or below", "franchise de droits"),
        ThresholdKind::DeMinimis => Text::new("de minimis", "de minimis"),
    };
    match basis {
        ThresholdBasis::Consignment => name,
        ThresholdBasis::Item => Text::by(|lang| {
            format!(
                "{}, {}",
                name.get(lang),
                lang.pick("per item", "par article")
            )
        }),
    }
}

fn fee_tax_name(row: &super::FeeTaxRow) -> Text {
    let tax = tax_name(&row.tax);
    Text::by(|lang| {
        let seller = match row.seller {
            SellerResidence::Resident => lang.pick("resident sellers", "vendeurs résidents"),
            SellerResidence::NonResident => {
                lang.pick("non-resident sellers", "vendeurs non résidents")
            }
        };
        let services: Vec<&str> = row
            .services
            .iter()
            .map(|service| match service {
                FeeService::Selling => lang.pick("selling", "vente"),
                FeeService::Fulfilment => lang.pick("fulfilment", "expédition"),
                FeeService::Advertising => lang.pick("advertising", "publicité"),
            })
            .collect();
        let on = lang.pick("on", "sur");
        format!("{}, {seller}, {on} {}", tax.get(lang), services.join(" + "))
    })
}

/// A referral or closing-fee category by its name, its id when the names file lacks it.
fn category(id: &str) -> Text {
    category_name(id).cloned().unwrap_or_else(|| Text::same(id))
}

impl Packs {
    /// Every figure row of every pack, named by pack, table and item: marketplaces, customs, duties.
    pub fn figures(&self) -> Vec<FigureRef<'_>> {
        let mut all = Vec::new();
        for pack in self.marketplaces.values() {
            let header = &pack.header;
            let mut rows = Collector {
                kind: "marketplace",
                pack: &header.id,
                pack_name: header.name_text(),
                out: Vec::new(),
            };
            rows.add(
                "fee_rounding",
                &pack.fee_rounding,
                |_| "fees".to_owned(),
                fixed("every fee", "tous les frais"),
            );
            rows.add(
                "selling_plans",
                &pack.selling_plans,
                |_| "plans".to_owned(),
                fixed(
                    "Professional and Individual plans",
                    "formules Professionnel et Individuel",
                ),
            );
            rows.add(
                "referral",
                &pack.referral,
                |row| row.category.clone(),
                |row| category(&row.category),
            );
            rows.add(
                "closing_fees",
                &pack.closing_fees,
                |row| row.category.clone(),
                |row| category(&row.category),
            );
            rows.add(
                "refund_administration",
                &pack.refund_administration,
                |_| "refunds".to_owned(),
                fixed("refunds", "remboursements"),
            );
            rows.add(
                "fba",
                &pack.fba,
                |_| "size tiers".to_owned(),
                fixed("size tiers", "catégories de taille"),
            );
            // `storage` also shows the `[[storage_fees]]` rows charged per 1,000 cm³: count those once.
            let derived = |dated: &&Dated<super::StorageRow>| {
                pack.storage_fees.iter().any(|fee| {
                    fee.provenance.file == dated.provenance.file
                        && fee.provenance.line == dated.provenance.line
                })
            };
            for row in pack.storage.iter().filter(|row| !derived(row)) {
                rows.add(
                    "storage",
                    std::slice::from_ref(row),
                    |row| storage_item(&row.size_group, &row.months, Lang::En),
                    |row| storage_label(&row.size_group, &row.months),
                );
            }
            rows.add(
                "fba_fees",
                &pack.fba_fees,
                |row| row.table.clone(),
                |row| Text::by(|lang| format!("{} {}", lang.pick("table", "grille"), row.table)),
            );
            rows.add(
                "fba_adjustments",
                &pack.fba_adjustments,
                |row| row.id.clone(),
                |row| {
                    Text::by(|lang| {
                        let kind = match row.kind {
                            AdjustmentKind::Surcharge => lang.pick("surcharge", "supplément"),
                            AdjustmentKind::Discount => lang.pick("discount", "remise"),
                        };
                        format!("{kind} {}", row.id)
                    })
                },
            );
            rows.add(
                "storage_fees",
                &pack.storage_fees,
                |row| storage_item(&row.size_group, &row.months, Lang::En),
                |row| storage_label(&row.size_group, &row.months),
            );
            rows.add(
                "long_term_storage",
                &pack.long_term_storage,
                |row| format!("{} over {} days", row.size_group, row.age_over_days),
                |row| {
                    Text::by(|lang| {
                        let over = lang.pick("over", "au-delà de");
                        let days = lang.pick("days", "jours");
                        format!("{}, {over} {} {days}", row.size_group, row.age_over_days)
                    })
                },
            );
            rows.add(
                "fee_taxes",
                &pack.fee_taxes,
                |row| {
                    let services: Vec<String> = row.services.iter().map(spelled).collect();
                    format!(
                        "{} {} {}",
                        row.tax,
                        spelled(&row.seller),
                        services.join("+")
                    )
                },
                fee_tax_name,
            );
            rows.add(
                "user_entered",
                &pack.user_entered,
                user_entered_item,
                UserEnteredRow::label_text,
            );
            all.append(&mut rows.out);
        }
        for pack in self.customs.values() {
            let header = &pack.header;
            let mut rows = Collector {
                kind: "customs",
                pack: &header.id,
                pack_name: header.name_text(),
                out: Vec::new(),
            };
            rows.add(
                "tax_rates",
                &pack.tax_rates,
                |row| format!("{} {}", row.country, row.code),
                |row| Text::by(|lang| format!("{} {}", tax_name(&row.code).get(lang), row.country)),
            );
            rows.add(
                "derived_taxes",
                &pack.derived_taxes,
                |row| row.code.clone(),
                |row| tax_name(&row.code),
            );
            rows.add(
                "rounding",
                &pack.rounding,
                |row| spelled(&row.applies_to),
                |row| match row.applies_to {
                    RoundingTarget::TaxableValue => Text::new("taxable value", "valeur imposable"),
                    RoundingTarget::Amount => {
                        Text::new("duty and tax amounts", "montants des droits et taxes")
                    }
                },
            );
            rows.add(
                "thresholds",
                &pack.thresholds,
                |row| match row.basis {
                    ThresholdBasis::Consignment => spelled(&row.threshold),
                    ThresholdBasis::Item => format!("{} per item", spelled(&row.threshold)),
                },
                |row| threshold_name(row.threshold, row.basis),
            );
            rows.add(
                "flat_duties",
                &pack.flat_duties,
                |_| "per subheading".to_owned(),
                fixed("per tariff subheading", "par sous-position tarifaire"),
            );
            rows.add(
                "fees",
                &pack.fees,
                |row| format!("{} {}", row.code, spelled(&row.entry)),
                |row| customs_fee_name(&row.code, row.entry),
            );
            rows.add(
                "excise",
                &pack.excise,
                |row| format!("{} {}", row.code, row.class),
                ExciseRow::label_text,
            );
            rows.add(
                "user_entered",
                &pack.user_entered,
                user_entered_item,
                UserEnteredRow::label_text,
            );
            all.append(&mut rows.out);
        }
        let mut rows = Collector {
            kind: "duties",
            pack: "duties",
            pack_name: Text::new(
                "Duty rates by HS code",
                "Taux des droits de douane par code SH",
            ),
            out: Vec::new(),
        };
        rows.add(
            "rates",
            &self.duties,
            |row| format!("{} {}", row.destination, row.hs_prefix),
            |row| {
                Text::by(|lang| {
                    let hs = lang.pick("HS", "SH");
                    format!("{} {hs} {}", row.destination, row.hs_prefix)
                })
            },
        );
        rows.add(
            "tariff",
            &self.tariffs.rates,
            super::TariffRow::item,
            tariff_label,
        );
        rows.add(
            "agreements",
            &self.tariffs.agreements,
            |row| row.id.clone(),
            |row| Text::same(&row.id),
        );
        rows.add(
            "origin_groups",
            &self.tariffs.origin_groups,
            |row| row.name.clone(),
            |row| Text::same(&row.name),
        );
        rows.add(
            "user_entered",
            &self.duties_user_entered,
            user_entered_item,
            UserEnteredRow::label_text,
        );
        all.append(&mut rows.out);
        all
    }

    /// Is `item` of `table` in `pack` left to the user on `on`?
    fn left_to_user_on(&self, pack: &str, table: &str, item: &str, on: NaiveDate) -> bool {
        let rows = match self.marketplaces.get(pack) {
            Some(marketplace) => &marketplace.user_entered,
            None => match self.customs.get(pack) {
                Some(customs) => &customs.user_entered,
                None => &self.duties_user_entered,
            },
        };
        rows.iter()
            .any(|row| row.row.table == table && row.row.item == item && row.in_force(on))
    }

    /// Items that had a row in force before `as_of` but have none on it, and are not left to the
    /// user: a figure the engines need has expired without a successor.
    pub fn gaps_on(&self, as_of: NaiveDate) -> Vec<FigureGap> {
        let figures = self.figures();
        let mut gaps: Vec<FigureGap> = Vec::new();
        for (index, figure) in figures.iter().enumerate() {
            let same = |other: &&FigureRef<'_>| {
                other.kind == figure.kind
                    && other.pack == figure.pack
                    && other.table == figure.table
                    && other.item == figure.item
            };
            // Each item once: at its first row.
            if figures[..index].iter().any(|other| same(&other)) {
                continue;
            }
            let history: Vec<&FigureRef<'_>> = figures.iter().filter(same).collect();
            let started: Vec<&Provenance> = history
                .iter()
                .map(|other| other.provenance)
                .filter(|row| row.effective_from <= as_of)
                .collect();
            let in_force = started
                .iter()
                .any(|row| row.effective_until.is_none_or(|until| as_of < until));
            if started.is_empty() || in_force {
                continue;
            }
            let Some(last) = started.iter().max_by_key(|row| row.effective_until) else {
                continue;
            };
            let Some(ended) = last.effective_until else {
                continue;
            };
            if last.lapses || self.left_to_user_on(figure.pack, figure.table, &figure.item, as_of) {
                continue;
            }
            gaps.push(FigureGap {
                pack: figure.pack.to_owned(),
                table: figure.table.to_owned(),
                item: figure.item.clone(),
                ended,
                file: last.file.clone(),
                line: last.line,
                source: last.source.clone(),
            });
        }
        gaps
    }

    /// The rows in force on `today` that end within `within_days` days, soonest first, each with the
    /// start of its successor (none: it will leave a gap unless the rule itself lapses).
    pub fn expiring(&self, today: NaiveDate, within_days: i64) -> Vec<ExpiringFigure> {
        let figures = self.figures();
        let mut soon: Vec<ExpiringFigure> = figures
            .iter()
            .filter_map(|figure| {
                let row = figure.provenance;
                let until = row.effective_until?;
                let days_left = (until - today).num_days();
                let current = row.effective_from <= today && today < until;
                (current && days_left <= within_days).then_some((figure, row, until, days_left))
            })
            .map(|(figure, row, until, days_left)| {
                let successor = figures
                    .iter()
                    .filter(|other| {
                        other.kind == figure.kind
                            && other.pack == figure.pack
                            && other.table == figure.table
                            && other.item == figure.item
                            && other.provenance.effective_from <= until
                            && other
                                .provenance
                                .effective_until
                                .is_none_or(|next_until| until < next_until)
                    })
                    .map(|other| other.provenance.effective_from)
                    .max()
                    .or_else(|| {
                        self.left_to_user_on(figure.pack, figure.table, &figure.item, until)
                            .then_some(until)
                    });
                ExpiringFigure {
                    pack: figure.pack.to_owned(),
                    pack_name: figure.pack_name.clone(),
                    table: figure.table.to_owned(),
                    item: figure.item.clone(),
                    label: figure.label.clone(),
                    until,
                    days_left,
                    successor,
                    lapses: row.lapses,
                    note: row.note_text(),
                    source: row.source.clone(),
                    file: row.file.clone(),
                    line: row.line,
                }
            })
            .collect();
        soon.sort_by(|a, b| (a.until, &a.pack, &a.item).cmp(&(b.until, &b.pack, &b.item)));
        soon
    }

    /// Every figure left to the user on `as_of`: the `[[user_entered]]` rows, tariff lines not found,
    /// fulfilment tiers without a fee, and FBA tables given as tiers only.
    pub fn left_to_user(&self, as_of: NaiveDate) -> Vec<LeftToUser> {
        let mut left = Vec::new();
        let entry =
            |pack: &str, table: &str, item: String, label: Text, row: &Provenance| LeftToUser {
                pack: pack.to_owned(),
                table: table.to_owned(),
                item,
                label,
                why: row.note_text().unwrap_or_else(|| Text::same("")),
                source: row.source.clone(),
                file: row.file.clone(),
                line: row.line,
            };
        let user_rows = self
            .marketplaces
            .values()
            .map(|pack| (pack.header.id.as_str(), &pack.user_entered))
            .chain(
                self.customs
                    .values()
                    .map(|pack| (pack.header.id.as_str(), &pack.user_entered)),
            )
            .chain(std::iter::once(("duties", &self.duties_user_entered)));
        for (pack, rows) in user_rows {
            for row in rows.iter().filter(|row| row.in_force(as_of)) {
                left.push(entry(
                    pack,
                    &row.row.table,
                    row.row.item.clone(),
                    row.row.label_text(),
                    &row.provenance,
                ));
            }
        }
        for pack in self.marketplaces.values() {
            let id = pack.header.id.as_str();
            let table = super::in_force(&pack.fba_fees, as_of, |_| true);
            match table {
                Some(table) => {
                    for rate in table.row.rates.iter().filter(|rate| rate.fee.is_none()) {
                        let band = rate
                            .band
                            .as_ref()
                            .map(|band| format!(" ({band})"))
                            .unwrap_or_default();
                        let label = Text::by(|lang| {
                            let fee = lang.pick(
                                "FBA fulfilment fee, tier",
                                "Frais d’expédition FBA, catégorie",
                            );
                            format!("{fee} {}{band}", rate.tier)
                        });
                        left.push(entry(
                            id,
                            "fba_fees",
                            format!("{} {}{band}", table.row.table, rate.tier),
                            label,
                            &table.provenance,
                        ));
                    }
                }
                None => {
                    if let Some(old) = super::in_force(&pack.fba, as_of, |_| true)
                        .filter(|old| old.row.status == FbaStatus::UserEntered)
                    {
                        left.push(entry(
                            id,
                            "fba",
                            "size tiers".to_owned(),
                            Text::new(
                                "FBA fulfilment fee (every tier)",
                                "Frais d’expédition FBA (toutes les catégories)",
                            ),
                            &old.provenance,
                        ));
                    }
                }
            }
        }
        let current: Vec<&Dated<super::TariffRow>> = self
            .tariffs
            .rates
            .iter()
            .filter(|row| row.in_force(as_of) && row.row.status == TariffStatus::UserEntered)
            .collect();
        for row in current {
            left.push(entry(
                "duties",
                "tariff",
                row.row.item(),
                tariff_label(&row.row),
                &row.provenance,
            ));
        }
        left
    }
}

/// A storage row's size group and months: the item as validation names it in English
/// (`standard months 1–9`), and in French for its label.
fn storage_item(size_group: &str, months: &[u32], lang: Lang) -> String {
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if first != last => {
            let months = lang.pick("months", "mois");
            format!("{size_group} {months} {first}–{last}")
        }
        (Some(only), _) => format!("{size_group} {} {only}", lang.pick("month", "mois")),
        _ => size_group.to_owned(),
    }
}

fn storage_label(size_group: &str, months: &[u32]) -> Text {
    Text::by(|lang| storage_item(size_group, months, lang))
}

/// A tariff row in words: the goods and the column (`Lipstick (MFN rate)`).
fn tariff_label(row: &super::TariffRow) -> Text {
    let goods = row.label_text();
    let column = row.rate_type.name();
    Text::by(|lang| format!("{} ({})", goods.get(lang), column.get(lang)))
}
