//! Nothing expires unnoticed: every figure row named by its pack, table and item; the items that have
//! no row in force on a date although they had one before (a gap: `packs validate --as-of` fails);
//! the rows that end within a few days of today; and the figures left to the user.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dated, FbaStatus, PackError, Packs, Provenance, Source, TariffStatus, UserEnteredRow};

/// How far ahead Settings and `packs validate --as-of` look for figures that end.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

/// One figure row named the way validation and Settings name it.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRef<'a> {
    /// `marketplace`, `customs` or `duties`.
    pub kind: &'static str,
    /// The pack id (`amazon-jp`, `us`); `duties` for every duties pack.
    pub pack: &'a str,
    pub pack_name: &'a str,
    pub table: &'static str,
    /// What the row is a figure for, within its table (`electronics`, `US-MPF formal`).
    pub item: String,
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
    pub pack_name: String,
    pub table: String,
    pub item: String,
    #[ts(type = "string")]
    pub until: NaiveDate,
    #[ts(type = "number")]
    pub days_left: i64,
    /// The start of the row that takes over on `until`, when there is one.
    #[ts(type = "string | null")]
    pub successor: Option<NaiveDate>,
    /// The rule itself ends: no successor is expected.
    pub lapses: bool,
    pub note: Option<String>,
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
    pub label: String,
    /// Why: what was searched and not found.
    pub why: String,
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
    pack_name: &'a str,
    out: Vec<FigureRef<'a>>,
}

impl<'a> Collector<'a> {
    fn add<T>(&mut self, table: &'static str, rows: &'a [Dated<T>], item: impl Fn(&T) -> String) {
        for row in rows {
            self.out.push(FigureRef {
                kind: self.kind,
                pack: self.pack,
                pack_name: self.pack_name,
                table,
                item: item(&row.row),
                provenance: &row.provenance,
            });
        }
    }
}

fn user_entered_item(row: &UserEnteredRow) -> String {
    format!("{} {}", row.table, row.item)
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
                pack_name: &header.name,
                out: Vec::new(),
            };
            rows.add("fee_rounding", &pack.fee_rounding, |_| "fees".to_owned());
            rows.add("selling_plans", &pack.selling_plans, |_| "plans".to_owned());
            rows.add("referral", &pack.referral, |row| row.category.clone());
            rows.add("closing_fees", &pack.closing_fees, |row| {
                row.category.clone()
            });
            rows.add("refund_administration", &pack.refund_administration, |_| {
                "refunds".to_owned()
            });
            rows.add("fba", &pack.fba, |_| "size tiers".to_owned());
            // `storage` also shows the `[[storage_fees]]` rows charged per 1,000 cm³: count those once.
            let derived = |dated: &&Dated<super::StorageRow>| {
                pack.storage_fees.iter().any(|fee| {
                    fee.provenance.file == dated.provenance.file
                        && fee.provenance.line == dated.provenance.line
                })
            };
            for row in pack.storage.iter().filter(|row| !derived(row)) {
                rows.add("storage", std::slice::from_ref(row), |row| {
                    storage_item(&row.size_group, &row.months)
                });
            }
            rows.add("fba_fees", &pack.fba_fees, |row| row.table.clone());
            rows.add("fba_adjustments", &pack.fba_adjustments, |row| {
                row.id.clone()
            });
            rows.add("storage_fees", &pack.storage_fees, |row| {
                storage_item(&row.size_group, &row.months)
            });
            rows.add("long_term_storage", &pack.long_term_storage, |row| {
                format!("{} over {} days", row.size_group, row.age_over_days)
            });
            rows.add("fee_taxes", &pack.fee_taxes, |row| {
                let services: Vec<String> = row.services.iter().map(spelled).collect();
                format!(
                    "{} {} {}",
                    row.tax,
                    spelled(&row.seller),
                    services.join("+")
                )
            });
            rows.add("user_entered", &pack.user_entered, user_entered_item);
            all.append(&mut rows.out);
        }
        for pack in self.customs.values() {
            let header = &pack.header;
            let mut rows = Collector {
                kind: "customs",
                pack: &header.id,
                pack_name: &header.name,
                out: Vec::new(),
            };
            rows.add("tax_rates", &pack.tax_rates, |row| {
                format!("{} {}", row.country, row.code)
            });
            rows.add("derived_taxes", &pack.derived_taxes, |row| row.code.clone());
            rows.add("rounding", &pack.rounding, |row| spelled(&row.applies_to));
            rows.add("thresholds", &pack.thresholds, |row| match row.basis {
                super::ThresholdBasis::Consignment => spelled(&row.threshold),
                super::ThresholdBasis::Item => format!("{} per item", spelled(&row.threshold)),
            });
            rows.add("flat_duties", &pack.flat_duties, |_| {
                "per subheading".to_owned()
            });
            rows.add("fees", &pack.fees, |row| {
                format!("{} {}", row.code, spelled(&row.entry))
            });
            rows.add("excise", &pack.excise, |row| {
                format!("{} {}", row.code, row.class)
            });
            rows.add("user_entered", &pack.user_entered, user_entered_item);
            all.append(&mut rows.out);
        }
        let mut rows = Collector {
            kind: "duties",
            pack: "duties",
            pack_name: "Duty rates by HS code",
            out: Vec::new(),
        };
        rows.add("rates", &self.duties, |row| {
            format!("{} {}", row.destination, row.hs_prefix)
        });
        rows.add("tariff", &self.tariffs.rates, super::TariffRow::item);
        rows.add("agreements", &self.tariffs.agreements, |row| row.id.clone());
        rows.add("origin_groups", &self.tariffs.origin_groups, |row| {
            row.name.clone()
        });
        rows.add("user_entered", &self.duties_user_entered, user_entered_item);
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
                    pack_name: figure.pack_name.to_owned(),
                    table: figure.table.to_owned(),
                    item: figure.item.clone(),
                    until,
                    days_left,
                    successor,
                    lapses: row.lapses,
                    note: row.note.clone(),
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
            |pack: &str, table: &str, item: String, label: String, row: &Provenance| LeftToUser {
                pack: pack.to_owned(),
                table: table.to_owned(),
                item,
                label,
                why: row.note.clone().unwrap_or_default(),
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
                    row.row.label.clone(),
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
                        left.push(entry(
                            id,
                            "fba_fees",
                            format!("{} {}{band}", table.row.table, rate.tier),
                            format!("FBA fulfilment fee, tier {}{band}", rate.tier),
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
                            "FBA fulfilment fee (every tier)".to_owned(),
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
                format!("{} ({})", row.row.label, row.row.rate_type.id()),
                &row.provenance,
            ));
        }
        left
    }
}

fn storage_item(size_group: &str, months: &[u32]) -> String {
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if first != last => format!("{size_group} months {first}–{last}"),
        (Some(only), _) => format!("{size_group} month {only}"),
        _ => size_group.to_owned(),
    }
}
