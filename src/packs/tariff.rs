//! Duty rates by HS code as the tariffs publish them: each territory's MFN (and statutory) rate, the
//! preferential rate of a trade agreement for goods of its partners, and the additional duties a
//! territory lays on goods of some origins (US Section 301), with specific duties (¥/litre, €/hl) and
//! their alternatives. The landed-cost engine picks among them by HS code, destination, origin,
//! preference claim and date ([`Packs::tariff_lines`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::schema::{FigureRow, RowMeta, figure_row};
use super::{Confidence, Dated, Packs, in_force};
use crate::money::{Currency, Rate};
use crate::text::Text;

/// Which column of a tariff a row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RateType {
    /// The statutory rate for goods of countries without most-favoured-nation treatment (Japan's
    /// general rate 基本税率).
    Statutory,
    /// The most-favoured-nation rate every WTO member's goods get: Japan's WTO rate (協定税率), the US
    /// column 1 general rate, the EU third-country duty, the UK Global Tariff.
    Mfn,
    /// The rate of a trade agreement for goods originating in a partner (`agreement`).
    Preferential,
    /// A duty laid on top of the others for goods of some origins (`measure`, `origins`).
    Additional,
}

impl RateType {
    /// The column in words.
    pub fn name(self) -> Text {
        match self {
            RateType::Statutory => Text::new("statutory rate", "taux de base"),
            RateType::Mfn => Text::new("MFN rate", "taux NPF"),
            RateType::Preferential => Text::new("preferential rate", "taux préférentiel"),
            RateType::Additional => Text::new("additional duty", "droit additionnel"),
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            RateType::Statutory => "statutory",
            RateType::Mfn => "mfn",
            RateType::Preferential => "preferential",
            RateType::Additional => "additional",
        }
    }
}

/// The quantity a specific duty is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum QuantityUnit {
    #[serde(rename = "kg")]
    Kg,
    #[serde(rename = "100kg")]
    HundredKg,
    #[serde(rename = "l")]
    Litre,
    #[serde(rename = "hl")]
    Hectolitre,
    #[serde(rename = "pair")]
    Pair,
    #[serde(rename = "item")]
    Item,
}

/// An amount per unit of quantity, in the currency of the territory's customs pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SpecificDuty {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub per: QuantityUnit,
}

/// How an ad valorem and a specific duty given together make the duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Combine {
    /// Both are charged (US `37.2¢/kg + 6%`).
    Sum,
    /// Whichever is less (Japan's wine `15% or ¥125/l, whichever is less`).
    Lesser,
    /// Whichever is greater.
    Greater,
}

/// A part of the duty the tariff leaves to the product's recipe: the user must give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DutyExtra {
    /// The EU agricultural component (EA, with its additional duties on sugar and flour), set by the
    /// Meursing additional code of the goods' milk, sugar and starch content.
    AgriculturalComponent,
}

/// A duty as the tariff writes it: ad valorem, specific, or both (summed or the lesser/greater),
/// with an optional specific minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DutyExpression {
    #[serde(default)]
    pub ad_valorem: Option<Rate>,
    #[serde(default)]
    pub specific: Option<SpecificDuty>,
    /// Required when both `ad_valorem` and `specific` are given.
    #[serde(default)]
    pub combine: Option<Combine>,
    /// The duty is at least this (Japan's wine: `min ¥67/l`).
    #[serde(default)]
    pub minimum: Option<SpecificDuty>,
    #[serde(default)]
    pub extra: Option<DutyExtra>,
}

impl DutyExpression {
    fn check(&self) -> Result<(), String> {
        match (&self.ad_valorem, &self.specific, self.combine) {
            (None, None, _) => Err("a duty needs `ad_valorem`, `specific` or both".to_owned()),
            (Some(_), Some(_), None) => Err(
                "`ad_valorem` and `specific` together need `combine` (sum, lesser or greater)"
                    .to_owned(),
            ),
            (Some(_), None, Some(_)) | (None, Some(_), Some(_)) => {
                Err("`combine` is only for a duty with both `ad_valorem` and `specific`".to_owned())
            }
            _ => {
                let amounts = [&self.specific, &self.minimum];
                if amounts
                    .iter()
                    .flat_map(|duty| duty.iter())
                    .any(|duty| duty.amount.is_sign_negative())
                {
                    return Err("a specific duty cannot be negative".to_owned());
                }
                Ok(())
            }
        }
    }
}

/// How an additional duty stacks on the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum LayerMethod {
    /// Charged on top of every other duty.
    Add,
    /// Raises the total duty to at least the layer's rate: pays `max(rate − other duties, 0)` (US
    /// Section 301 forced-labour action, note 52: specific duties count at their ad valorem equivalent).
    TopUp,
}

/// Whether the research found the figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TariffStatus {
    #[default]
    Published,
    /// Searched for and not found: the row names the line and where to read it, and the user types
    /// the rate (from the tariff or a binding ruling).
    UserEntered,
}

figure_row! {
    /// One duty of one tariff line (or, for an additional duty, of every line not `excluded`).
    TariffRow {
        /// The customs pack whose destinations this tariff covers (`jp`, `us`, `eu`, `uk`).
        territory: String,
        /// Digits of the HS subheading or national line (4 to 10); absent for a preferential or
        /// additional duty on all goods.
        #[serde(default)]
        hs: Option<String>,
        /// The national line as the tariff writes it (`2204.21-020`, `4202.21.90.00`).
        #[serde(default)]
        line: Option<String>,
        label: String,
        /// Required when the row is left to the user (`user-entered`), like `note_fr`.
        #[serde(default)]
        label_fr: Option<String>,
        rate_type: RateType,
        #[serde(default)]
        status: TariffStatus,
        #[serde(default)]
        duty: Option<DutyExpression>,
        /// Preferential rows: the `[[agreements]]` id.
        #[serde(default)]
        agreement: Option<String>,
        /// Additional rows: the measure's id (one per legal action and origin).
        #[serde(default)]
        measure: Option<String>,
        /// Additional rows: the countries (ISO alpha-2) or `[[origin_groups]]` whose goods pay it.
        #[serde(default)]
        origins: Vec<String>,
        #[serde(default)]
        method: Option<LayerMethod>,
        /// Additional rows: the legal instrument and the tariff heading it is entered under.
        #[serde(default)]
        legal_basis: Option<String>,
        /// Additional rows: HS prefixes the duty does not apply to.
        #[serde(default)]
        excluded: Vec<String>,
    }
}

impl TariffRow {
    /// The row's identity: territory, code, column and scheme. Rows with the same key are one
    /// figure's history.
    pub fn key(&self) -> (String, String, RateType, String) {
        (
            self.territory.clone(),
            self.hs.clone().unwrap_or_default(),
            self.rate_type,
            self.agreement
                .clone()
                .or_else(|| self.measure.clone())
                .unwrap_or_default(),
        )
    }

    /// The key in words for validation messages: `jp 220421 preferential eu-japan-epa`.
    pub fn item(&self) -> String {
        let (territory, hs, rate_type, scheme) = self.key();
        let hs = if hs.is_empty() { "all goods" } else { &hs };
        [territory.as_str(), hs, rate_type.id(), scheme.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The goods' description in both languages (English where the row gives no French).
    pub fn label_text(&self) -> Text {
        Text::with_french(&self.label, self.label_fr.as_deref())
    }

    /// Does the row's code cover `code` (the row's digits start it)? A row without a code covers
    /// every code but those it excludes.
    pub fn covers(&self, code: &str) -> bool {
        let excluded = self
            .excluded
            .iter()
            .any(|prefix| code.starts_with(prefix.as_str()));
        !excluded && self.hs.as_deref().is_none_or(|hs| code.starts_with(hs))
    }
}

fn is_hs_digits(code: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

impl FigureRow for TariffRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        let additional = self.rate_type == RateType::Additional;
        // An agreement's or an additional duty's rate may cover every line (EU–UK: 0% on all
        // originating goods); an MFN or statutory rate is a line's.
        let all_goods_allowed = additional || self.rate_type == RateType::Preferential;
        match &self.hs {
            Some(hs) if !is_hs_digits(hs, 4..=10) => {
                return Err((
                    "hs",
                    "an HS code here is 4 to 10 digits, e.g. `330499`".into(),
                ));
            }
            None if !all_goods_allowed => {
                return Err(("hs", "give the HS subheading or national line".into()));
            }
            _ => {}
        }
        match (self.status, &self.duty) {
            (TariffStatus::Published, None) => {
                return Err(("duty", "a published row gives its `duty`".into()));
            }
            (TariffStatus::UserEntered, Some(_)) => {
                return Err(("duty", "a user-entered row gives no `duty`".into()));
            }
            (_, Some(duty)) => duty.check().map_err(|message| ("duty", message))?,
            (TariffStatus::UserEntered, None) => {
                super::schema::left_to_user_in_french(&self.label_fr, &self.note_fr)?;
            }
        }
        if (self.rate_type == RateType::Preferential) != self.agreement.is_some() {
            return Err((
                "agreement",
                "a preferential row names its `agreement`, and only a preferential row does".into(),
            ));
        }
        let layer_fields = self.measure.is_some()
            || !self.origins.is_empty()
            || self.method.is_some()
            || self.legal_basis.is_some()
            || !self.excluded.is_empty();
        if additional {
            for (field, missing) in [
                ("measure", self.measure.is_none()),
                ("origins", self.origins.is_empty()),
                ("method", self.method.is_none()),
                ("legal_basis", self.legal_basis.is_none()),
            ] {
                if missing {
                    return Err((field, "an additional duty needs it".into()));
                }
            }
            if self.method == Some(LayerMethod::TopUp)
                && self.duty.as_ref().is_some_and(|duty| {
                    duty.specific.is_some() || duty.ad_valorem.is_none() || duty.minimum.is_some()
                })
            {
                return Err((
                    "duty",
                    "a top-up layer is an ad valorem rate the total duty is raised to".into(),
                ));
            }
        } else if layer_fields {
            return Err((
                "measure",
                "`measure`, `origins`, `method`, `legal_basis` and `excluded` are for additional duties"
                    .into(),
            ));
        }
        if let Some(prefix) = self
            .excluded
            .iter()
            .find(|prefix| !is_hs_digits(prefix, 2..=10))
        {
            return Err((
                "excluded",
                format!("`{prefix}`: excluded codes are HS prefixes of 2 to 10 digits"),
            ));
        }
        Ok(())
    }
}

/// A way to prove preferential origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum OriginProof {
    /// The exporter's statement on origin on the invoice or another commercial document.
    StatementOnOrigin,
    /// The importer's knowledge that the product is originating.
    ImportersKnowledge,
}

/// Above this consignment value the exporter must be registered (EU REX) to make out a statement on
/// origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RegisteredExporter {
    /// The registration system (`REX`).
    pub system: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub above: Decimal,
    pub currency: Currency,
}

figure_row! {
    /// A trade agreement giving preferential rates in `territory` to goods originating in `origins`.
    AgreementRow {
        id: String,
        name: String,
        territory: String,
        origins: Vec<String>,
        proofs: Vec<OriginProof>,
        #[serde(default)]
        registered_exporter: Option<RegisteredExporter>,
    }
}

impl FigureRow for AgreementRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.origins.is_empty() {
            return Err(("origins", "name the partners whose goods qualify".into()));
        }
        if self.proofs.is_empty() {
            return Err(("proofs", "name how origin is proved".into()));
        }
        Ok(())
    }
}

figure_row! {
    /// A named set of countries (`EU`): the members at the row's dates.
    OriginGroupRow {
        name: String,
        members: Vec<String>,
    }
}

impl FigureRow for OriginGroupRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.name.trim().is_empty() || self.members.is_empty() {
            return Err((
                "members",
                "a group has a name and at least one member".into(),
            ));
        }
        if let Some(code) = self.members.iter().find(|code| !is_country(code)) {
            return Err((
                "members",
                format!("`{code}` is not an ISO 3166 alpha-2 code"),
            ));
        }
        Ok(())
    }
}

pub(crate) fn is_country(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// The duty rows that apply to one product in one territory on one date.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TariffLines<'a> {
    /// The customs pack id of the destination.
    pub territory: String,
    /// The MFN row of the longest code that starts the product's code.
    pub mfn: Option<&'a Dated<TariffRow>>,
    pub statutory: Option<&'a Dated<TariffRow>>,
    /// Preferential rows whose agreement covers the product's origin, with the agreement: used when
    /// preference is claimed and proved, and shown beside the MFN rate otherwise.
    pub preferential: Vec<(&'a Dated<TariffRow>, &'a Dated<AgreementRow>)>,
    /// Additional duties for the origin, in the order of their rows.
    pub layers: Vec<&'a Dated<TariffRow>>,
    /// National lines under the product's code: the code is too short to choose among them (e.g.
    /// a handbag's 4202.21 is 4202.21.60 up to $20 and 4202.21.90 above).
    pub narrower: Vec<&'a Dated<TariffRow>>,
}

/// The in-force row of each key among `rows`: the user's own row first (a binding ruling beats the
/// bundled rate, or the bundled "not found" placeholder, whatever their dates), then the latest start.
fn latest_per_key<'a>(
    rows: impl Iterator<Item = &'a Dated<TariffRow>>,
    as_of: NaiveDate,
) -> Vec<&'a Dated<TariffRow>> {
    let rank = |row: &Dated<TariffRow>| {
        (
            row.provenance.origin == super::PackOrigin::User,
            row.provenance.effective_from,
        )
    };
    let mut picked: Vec<&Dated<TariffRow>> = Vec::new();
    for row in rows.filter(|row| row.in_force(as_of)) {
        match picked
            .iter_mut()
            .find(|seen| seen.row.key() == row.row.key())
        {
            Some(seen) if rank(row) > rank(seen) => *seen = row,
            Some(_) => {}
            None => picked.push(row),
        }
    }
    picked
}

/// The rows of every duties pack: tariff lines, agreements and origin groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TariffTables {
    pub rates: Vec<Dated<TariffRow>>,
    pub agreements: Vec<Dated<AgreementRow>>,
    pub origin_groups: Vec<Dated<OriginGroupRow>>,
}

impl Packs {
    /// The customs pack id (`jp`, `eu`) of a destination country.
    pub fn territory_of(&self, destination: &str) -> Option<&str> {
        self.customs_for(destination)
            .map(|pack| pack.header.id.as_str())
    }

    /// Is `origin` (a country) one of `members` (countries or group names) on `as_of`?
    pub fn origin_in(&self, origin: &str, members: &[String], as_of: NaiveDate) -> bool {
        members.iter().any(|member| {
            member == origin
                || in_force(&self.tariffs.origin_groups, as_of, |group| {
                    &group.name == member
                })
                .is_some_and(|group| group.row.members.iter().any(|code| code == origin))
        })
    }

    /// The agreement `id` in force on `as_of`.
    pub fn agreement(&self, id: &str, as_of: NaiveDate) -> Option<&Dated<AgreementRow>> {
        in_force(&self.tariffs.agreements, as_of, |row| row.id == id)
    }

    /// The duty rows for goods of `origin` (when known) with HS `code` entering `destination` on
    /// `as_of`: the MFN and statutory rows of the longest code that covers the product's, the
    /// preferential rows its origin qualifies for, the additional duties on its origin, and the
    /// narrower national lines when the code is too short to choose.
    pub fn tariff_lines(
        &self,
        destination: &str,
        code: &str,
        origin: Option<&str>,
        as_of: NaiveDate,
    ) -> TariffLines<'_> {
        let Some(territory) = self.territory_of(destination) else {
            return TariffLines::default();
        };
        let rows = self
            .tariffs
            .rates
            .iter()
            .filter(move |row| row.row.territory == territory);
        let current = latest_per_key(rows, as_of);
        let longest = |rate_type: RateType| {
            current
                .iter()
                .copied()
                .filter(|row| {
                    row.row.rate_type == rate_type && row.row.hs.is_some() && row.row.covers(code)
                })
                .max_by_key(|row| row.row.hs.as_ref().map_or(0, String::len))
        };
        let preferential = current
            .iter()
            .copied()
            .filter(|row| row.row.rate_type == RateType::Preferential && row.row.covers(code))
            .filter_map(|row| {
                let agreement = self.agreement(row.row.agreement.as_deref()?, as_of)?;
                let qualifies = origin
                    .is_some_and(|origin| self.origin_in(origin, &agreement.row.origins, as_of));
                qualifies.then_some((row, agreement))
            })
            .collect::<Vec<_>>();
        // Of several preferential rows of one agreement, the longest code is the line.
        let preferential = preferential
            .iter()
            .filter(|(row, agreement)| {
                !preferential.iter().any(|(other, other_agreement)| {
                    other_agreement.row.id == agreement.row.id
                        && other.row.hs.as_ref().map_or(0, String::len)
                            > row.row.hs.as_ref().map_or(0, String::len)
                })
            })
            .copied()
            .collect();
        let layers = current
            .iter()
            .copied()
            .filter(|row| {
                row.row.rate_type == RateType::Additional
                    && row.row.covers(code)
                    && origin.is_some_and(|origin| self.origin_in(origin, &row.row.origins, as_of))
            })
            .collect();
        let narrower = current
            .iter()
            .copied()
            .filter(|row| {
                row.row.rate_type != RateType::Additional
                    && row
                        .row
                        .hs
                        .as_deref()
                        .is_some_and(|hs| hs.len() > code.len() && hs.starts_with(code))
            })
            .collect();
        TariffLines {
            territory: territory.to_owned(),
            mfn: longest(RateType::Mfn),
            statutory: longest(RateType::Statutory),
            preferential,
            layers,
            narrower,
        }
    }
}
