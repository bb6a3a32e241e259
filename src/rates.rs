//! Exchange rates: ECB euro reference rates (fetched, cached in the store, or the bundled snapshot),
//! cross rates through EUR, and Japan Customs weekly rates entered by hand or from CSV.
//!
//! Fetching is async and touches no database ([`fetch_text`]); the result is then applied to the store in
//! one transaction ([`apply_fetch`]), so a window never waits on the network while holding the store, and
//! a failed fetch never removes cached rates.

mod book;
mod customs;
mod ecb;
mod fetch;
mod history;
mod validate;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::{FxFetchLog, FxRateRow, Store, StoreError};

pub use book::{CrossRate, Origin, RateBook};
pub use customs::{CUSTOMS_CSV_HEADER, CustomsRate, parse_customs_csv};
pub use ecb::{ECB_NAMESPACE, EcbDay, parse_ecb_xml};
pub use fetch::{FetchConfig, fetch_text};
pub use history::{parse_history_csv, parse_history_zip};
pub use validate::{
    MAX_DAILY_FACTOR, MAX_LONG_FACTOR, MAX_PER_EUR, MIN_PER_EUR, RECENT_DAYS, check_feed,
};

/// ECB daily reference rates (the latest business day).
pub const ECB_DAILY_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";
/// ECB reference rates of the last 90 days; the default feed, so gaps while offline fill in.
pub const ECB_90_DAY_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml";

/// Store source id of ECB rates.
pub const SOURCE_ECB: &str = "ecb";
/// Store source id of Japan Customs weekly rates.
pub const SOURCE_JP_CUSTOMS: &str = "jp-customs";
/// Store source id of rates typed by the user (1 EUR = x), each dated by them.
pub const SOURCE_MANUAL: &str = "manual";

/// ECB rates older than this many days (today minus publication date) get a warning. Four days cover a
/// weekend plus a TARGET holiday, when no newer rate exists.
pub const STALE_AFTER_DAYS: i64 = 4;

/// The ECB's daily reference rates since 1999 as the ECB ships them (`eurofxref-hist.zip`, ~640 KB
/// instead of ~1.9 MB of text); `scripts/refresh-ecb-history.sh` replaces it with the newest.
const BUNDLED_HISTORY: &[u8] = include_bytes!("../data/fx/eurofxref-hist.zip");
const BUNDLED_META: &str = include_str!("../data/fx/snapshot.toml");

/// Errors of the rates room. [`RatesError::code`] is stable for the UI.
#[derive(Debug, thiserror::Error)]
pub enum RatesError {
    #[error("the rates feed is not well-formed XML (near byte {position}): {message}")]
    Malformed { position: u64, message: String },
    #[error(
        "the rates feed uses the wrong XML namespace for its Cube elements ({found}); expected {ECB_NAMESPACE}"
    )]
    WrongNamespace { found: String },
    #[error("the rates feed holds no rates (empty Cube)")]
    EmptyFeed,
    #[error("the rates feed has a bad entry{}: {detail}", date.map(|d| format!(" on {d}")).unwrap_or_default())]
    BadEntry {
        date: Option<NaiveDate>,
        detail: String,
    },
    #[error("{url} answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("{url} did not answer within {milliseconds} ms")]
    Timeout { url: String, milliseconds: u128 },
    #[error("{url} redirected more than {limit} times (a redirect loop?)")]
    TooManyRedirects { url: String, limit: usize },
    #[error("cannot connect to {url}: {message}")]
    Connect { url: String, message: String },
    #[error("network error fetching {url}: {message}")]
    Network { url: String, message: String },
    #[error("{url} sent more than {limit} bytes")]
    TooLarge { url: String, limit: usize },
    #[error("no exchange rate for {0}")]
    UnknownCurrency(String),
    #[error("no exchange rate for {currency} on or before {on}")]
    NoRateOnOrBefore { currency: String, on: NaiveDate },
    #[error("invalid customs rate: {0}")]
    InvalidCustomsRate(String),
    #[error("the customs-rate CSV has errors; nothing was imported:\n{}", .0.join("\n"))]
    CustomsCsv(Vec<String>),
    #[error(
        "no Japan Customs rate for {currency} in the week of {on}; enter it with `landfall rates customs set`"
    )]
    NoCustomsRate { currency: String, on: NaiveDate },
    #[error("the bundled rates snapshot is damaged: {0}")]
    Bundled(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RatesError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            RatesError::Malformed { .. } => "rates.malformed",
            RatesError::WrongNamespace { .. } => "rates.wrong_namespace",
            RatesError::EmptyFeed => "rates.empty_feed",
            RatesError::BadEntry { .. } => "rates.bad_entry",
            RatesError::HttpStatus { .. } => "rates.http_status",
            RatesError::Timeout { .. } => "rates.timeout",
            RatesError::TooManyRedirects { .. } => "rates.too_many_redirects",
            RatesError::Connect { .. } => "rates.connect",
            RatesError::Network { .. } => "rates.network",
            RatesError::TooLarge { .. } => "rates.too_large",
            RatesError::UnknownCurrency(_) => "rates.unknown_currency",
            RatesError::NoRateOnOrBefore { .. } => "rates.no_rate_on_or_before",
            RatesError::InvalidCustomsRate(_) => "rates.invalid_customs_rate",
            RatesError::CustomsCsv(_) => "rates.customs_csv",
            RatesError::NoCustomsRate { .. } => "rates.no_customs_rate",
            RatesError::Bundled(_) => "rates.bundled",
            RatesError::Store(err) => err.code(),
        }
    }

    /// Worth another attempt: the server or the network may recover.
    fn is_transient(&self) -> bool {
        match self {
            RatesError::Timeout { .. } | RatesError::Connect { .. } => true,
            RatesError::HttpStatus { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// Three uppercase ASCII letters.
fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A source as shown beside a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SourceRef {
    pub title: String,
    pub url: String,
}

/// Provenance of the bundled snapshot (`data/fx/snapshot.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundledSnapshot {
    pub file: String,
    /// The first and the last business day the bundled history holds.
    #[ts(type = "string")]
    pub first_day: NaiveDate,
    #[ts(type = "string")]
    pub last_day: NaiveDate,
    pub confidence: String,
    pub source: SourceRef,
    /// The recorded copy the bundled file was taken from.
    pub copy: String,
}

/// Where the rates in use come from, with the publication date of the newest one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RatesStatus {
    /// Just fetched.
    Fresh {
        #[ts(type = "string")]
        date: NaiveDate,
    },
    /// Fetched earlier and kept in the database.
    Cached {
        #[ts(type = "string")]
        date: NaiveDate,
    },
    /// The snapshot shipped with Landfall: nothing newer was ever fetched.
    Bundled {
        #[ts(type = "string")]
        date: NaiveDate,
    },
    /// The newest rate is one the user typed.
    Manual {
        #[ts(type = "string")]
        date: NaiveDate,
    },
}

impl RatesStatus {
    pub fn date(&self) -> NaiveDate {
        match self {
            RatesStatus::Fresh { date }
            | RatesStatus::Cached { date }
            | RatesStatus::Bundled { date }
            | RatesStatus::Manual { date } => *date,
        }
    }
}

impl std::fmt::Display for RatesStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RatesStatus::Fresh { date } => write!(f, "fresh ({date})"),
            RatesStatus::Cached { date } => write!(f, "cached ({date})"),
            RatesStatus::Bundled { date } => write!(f, "bundled ({date})"),
            RatesStatus::Manual { date } => write!(f, "typed by hand ({date})"),
        }
    }
}

/// The rates in use: the book, where it comes from, and what the user should be told about it.
#[derive(Debug, Clone)]
pub struct Rates {
    pub book: RateBook,
    pub status: RatesStatus,
    pub warnings: Vec<RateWarning>,
}

impl Rates {
    /// Every cross rate (through EUR) the book gives on `on`: the engines pick the pairs they need
    /// and record each one they use.
    pub fn cross_rates_on(&self, on: NaiveDate) -> Vec<crate::money::FxRate> {
        let currencies = self
            .book
            .currencies()
            .chain(std::iter::once("EUR"))
            .filter_map(|code| code.parse::<crate::money::Currency>().ok())
            .collect();
        self.book.fx_rates_among(&currencies, on)
    }
}

/// The provenance of the bundled snapshot.
pub fn bundled_snapshot() -> Result<BundledSnapshot, RatesError> {
    toml::from_str(BUNDLED_META).map_err(|err| RatesError::Bundled(err.to_string()))
}

/// The days of the bundled history, oldest first (parsed on each call: for checks and tools; the
/// rates in use come from [`bundled_book`]).
pub fn bundled_days() -> Result<Vec<EcbDay>, RatesError> {
    parse_history_zip(BUNDLED_HISTORY)
}

/// The bundled history as a rate book, parsed on first use and kept for the life of the process.
pub fn bundled_book() -> Result<&'static RateBook, RatesError> {
    static BOOK: std::sync::OnceLock<Result<RateBook, String>> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| match bundled_days() {
        Ok(days) => {
            let mut book = RateBook::default();
            book.add_days(&days, Origin::Bundled);
            Ok(book)
        }
        Err(RatesError::Bundled(message)) => Err(message),
        Err(other) => Err(other.to_string()),
    })
    .as_ref()
    .map_err(|message| RatesError::Bundled(message.clone()))
}

/// ECB days kept in the store.
pub fn cached_days(store: &Store) -> Result<Vec<EcbDay>, RatesError> {
    stored_days(store, SOURCE_ECB)
}

/// Days of euro rates of one store source.
fn stored_days(store: &Store, source: &str) -> Result<Vec<EcbDay>, RatesError> {
    let mut days: Vec<EcbDay> = Vec::new();
    for row in store.fx_rates(source)? {
        // Rows come sorted by date, so a new date starts a new day.
        match days.last_mut() {
            Some(day) if day.date == row.date => {
                day.rates.insert(row.quote, row.rate);
            }
            _ => days.push(EcbDay {
                date: row.date,
                rates: [(row.quote, row.rate)].into_iter().collect(),
            }),
        }
    }
    Ok(days)
}

/// The rates to use on `today`: cached rates over the bundled history, with staleness warnings.
pub fn load(store: &Store, today: NaiveDate) -> Result<Rates, RatesError> {
    let mut book = RateBook::over(bundled_book()?);
    book.add_days(&cached_days(store)?, Origin::Cached);
    book.add_days(&stored_days(store, SOURCE_MANUAL)?, Origin::Manual);
    let (date, origin) = book.latest().ok_or(RatesError::EmptyFeed)?;
    let status = match origin {
        Origin::Bundled => RatesStatus::Bundled { date },
        Origin::Cached => RatesStatus::Cached { date },
        Origin::Manual => RatesStatus::Manual { date },
    };
    let warnings = staleness_warnings(status, today);
    Ok(Rates {
        book,
        status,
        warnings,
    })
}

/// Why the rates in use deserve a second look, as data so each language can word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RateWarning {
    /// Only the snapshot bundled with Landfall is available.
    Bundled {
        #[ts(type = "string")]
        published: NaiveDate,
        age_days: i64,
        #[ts(type = "string")]
        on: NaiveDate,
    },
    /// The newest fetched rates are older than [`STALE_AFTER_DAYS`].
    Stale {
        #[ts(type = "string")]
        published: NaiveDate,
        age_days: i64,
        #[ts(type = "string")]
        on: NaiveDate,
    },
}

impl std::fmt::Display for RateWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RateWarning::Bundled {
                published,
                age_days,
                on,
            } => write!(
                f,
                "using the ECB rates bundled with Landfall, published {published} ({age_days} days \
                 before {on}); run `landfall rates update` when online"
            ),
            RateWarning::Stale {
                published,
                age_days,
                on,
            } => write!(
                f,
                "the newest ECB rates are from {published}, {age_days} days before {on}; run \
                 `landfall rates update`"
            ),
        }
    }
}

fn staleness_warnings(status: RatesStatus, today: NaiveDate) -> Vec<RateWarning> {
    let published = status.date();
    let age_days = (today - published).num_days();
    match status {
        RatesStatus::Bundled { .. } => vec![RateWarning::Bundled {
            published,
            age_days,
            on: today,
        }],
        _ if age_days > STALE_AFTER_DAYS => vec![RateWarning::Stale {
            published,
            age_days,
            on: today,
        }],
        _ => Vec::new(),
    }
}

/// What an update attempt did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UpdateOutcome {
    pub url: String,
    pub status: RatesStatus,
    /// Business days received (0 when the fetch failed).
    pub days_received: usize,
    /// Why the fetch failed; the previous rates were kept.
    pub error: Option<ErrorInfo>,
    pub warnings: Vec<RateWarning>,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

impl From<&RatesError> for ErrorInfo {
    fn from(err: &RatesError) -> Self {
        ErrorInfo {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

/// Applies the result of [`fetch_text`] on `url`: parses it and, only if it is a sound feed, stores its
/// rates in one transaction. Every attempt is logged. A failed fetch changes no rate.
pub fn apply_fetch(
    store: &mut Store,
    url: &str,
    fetched: Result<String, RatesError>,
    today: NaiveDate,
) -> Result<UpdateOutcome, RatesError> {
    // A feed is stored only if every day of it is plausible next to the rates known before it.
    let known = load(store, today)?.book;
    let parsed = fetched
        .and_then(|xml| parse_ecb_xml(&xml))
        .and_then(|days| check_feed(&days, &known, today).map(|()| days));
    let (days_received, error) = match parsed {
        Ok(days) => {
            let rows: Vec<FxRateRow> = days
                .iter()
                .flat_map(|day| {
                    day.rates.iter().map(|(currency, rate)| FxRateRow {
                        date: day.date,
                        base: "EUR".to_owned(),
                        quote: currency.clone(),
                        rate: *rate,
                    })
                })
                .collect();
            store.put_fx_rates(SOURCE_ECB, &rows)?;
            let message = format!("{} business days", days.len());
            store.log_fx_fetch(SOURCE_ECB, url, "ok", &message)?;
            (days.len(), None)
        }
        Err(err) => {
            store.log_fx_fetch(SOURCE_ECB, url, err.code(), &err.to_string())?;
            (0, Some(ErrorInfo::from(&err)))
        }
    };
    let rates = load(store, today)?;
    let status = match (&error, rates.status) {
        (None, RatesStatus::Cached { date }) => RatesStatus::Fresh { date },
        (_, status) => status,
    };
    Ok(UpdateOutcome {
        url: url.to_owned(),
        status,
        days_received,
        error,
        warnings: staleness_warnings(status, today),
    })
}

/// Fetches `url` and applies it, on a private single-thread runtime. For the CLI and tests; the desktop
/// shell awaits [`fetch_text`] on its own runtime and then calls [`apply_fetch`].
pub fn update_blocking(
    store: &mut Store,
    url: &str,
    config: &FetchConfig,
    today: NaiveDate,
) -> Result<UpdateOutcome, RatesError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| RatesError::Network {
            url: url.to_owned(),
            message: format!("cannot start the network runtime: {err}"),
        })?;
    let fetched = runtime.block_on(fetch_text(url, config));
    apply_fetch(store, url, fetched, today)
}

/// Keeps a rate the user typed, 1 EUR = `per_eur` `currency` from `date` on (until a newer
/// rate), replacing one typed for the same currency and date. The ECB rates stay stored.
pub fn set_manual_rate(
    store: &mut Store,
    currency: &str,
    per_eur: Decimal,
    date: NaiveDate,
) -> Result<(), RatesError> {
    if !is_currency_code(currency) || currency == "EUR" {
        return Err(RatesError::UnknownCurrency(currency.to_owned()));
    }
    if per_eur <= Decimal::ZERO {
        return Err(RatesError::BadEntry {
            date: Some(date),
            detail: format!("1 EUR = {per_eur} {currency}: a rate must be greater than zero"),
        });
    }
    let row = FxRateRow {
        date,
        base: "EUR".to_owned(),
        quote: currency.to_owned(),
        rate: per_eur,
    };
    Ok(store.put_fx_rates(SOURCE_MANUAL, &[row])?)
}

/// Forgets a rate the user typed; the ECB rate of that date applies again.
pub fn remove_manual_rate(
    store: &mut Store,
    currency: &str,
    date: NaiveDate,
) -> Result<(), RatesError> {
    Ok(store.delete_fx_rate(SOURCE_MANUAL, date, "EUR", currency)?)
}

/// Stores Japan Customs weekly rates (replacing the same week and currency), all or nothing.
pub fn save_customs_rates(store: &mut Store, rates: &[CustomsRate]) -> Result<(), RatesError> {
    let rows: Vec<FxRateRow> = rates
        .iter()
        .map(|rate| FxRateRow {
            date: rate.week_start,
            base: rate.currency.clone(),
            quote: "JPY".to_owned(),
            rate: rate.jpy_per_unit,
        })
        .collect();
    Ok(store.put_fx_rates(SOURCE_JP_CUSTOMS, &rows)?)
}

/// All stored Japan Customs weekly rates, oldest week first.
pub fn customs_rates(store: &Store) -> Result<Vec<CustomsRate>, RatesError> {
    Ok(store
        .fx_rates(SOURCE_JP_CUSTOMS)?
        .into_iter()
        .map(|row| CustomsRate {
            week_start: row.date,
            currency: row.base,
            jpy_per_unit: row.rate,
        })
        .collect())
}

/// The customs rate of `currency` whose week contains `on`.
pub fn customs_rate_on<'a>(
    rates: &'a [CustomsRate],
    currency: &str,
    on: NaiveDate,
) -> Result<&'a CustomsRate, RatesError> {
    rates
        .iter()
        .find(|rate| rate.currency == currency && rate.week_start <= on && on <= rate.week_end())
        .ok_or_else(|| RatesError::NoCustomsRate {
            currency: currency.to_owned(),
            on,
        })
}

/// One ECB rate as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShownRate {
    pub currency: String,
    /// 1 EUR = `per_eur` `currency`.
    #[ts(type = "string")]
    pub per_eur: Decimal,
    /// Publication date of this rate (earlier than the date asked for on weekends and holidays).
    #[ts(type = "string")]
    pub published: NaiveDate,
    pub origin: Origin,
}

/// Everything `rates show` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatesReport {
    /// The date the rates are given for.
    #[ts(type = "string")]
    pub on: NaiveDate,
    pub status: RatesStatus,
    pub source: SourceRef,
    pub bundled: BundledSnapshot,
    pub rates: Vec<ShownRate>,
    pub customs: Vec<CustomsRate>,
    /// The rates the user typed (1 EUR = `rate` `quote` from `date`), oldest first.
    pub manual: Vec<FxRateRow>,
    pub last_attempt: Option<FxFetchLog>,
    pub last_success: Option<FxFetchLog>,
    pub warnings: Vec<RateWarning>,
}

/// The rates in force on `on`, each with its publication date and origin.
pub fn report(store: &Store, on: NaiveDate) -> Result<RatesReport, RatesError> {
    let rates = load(store, on)?;
    let bundled = bundled_snapshot()?;
    let mut shown = Vec::new();
    for currency in rates.book.currencies() {
        // A currency first published after `on` has no rate yet on that date: leave it out.
        if let Ok(cross) = rates.book.cross("EUR", currency, on) {
            shown.push(ShownRate {
                currency: currency.to_owned(),
                per_eur: cross.rate,
                published: cross.published,
                origin: cross.origin,
            });
        }
    }
    let (last_attempt, last_success) = store.last_fx_fetches(SOURCE_ECB)?;
    Ok(RatesReport {
        on,
        status: rates.status,
        source: bundled.source.clone(),
        bundled,
        rates: shown,
        customs: customs_rates(store)?,
        manual: store.fx_rates(SOURCE_MANUAL)?,
        last_attempt,
        last_success,
        warnings: rates.warnings,
    })
}
