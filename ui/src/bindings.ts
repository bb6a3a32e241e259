// Generated from the Rust types by `make bindings` (landfall::api::bindings). Do not edit.

export type AmazonLink = { marketplace: Marketplace, fulfilment: Fulfilment, };

export type Amount = { amount: string, currency: CurrencyCode, };

export type ApiError = { code: ErrorCode, message: string, 
/**
 * For a refused edit: each field at fault, so the form can show the message beside it.
 */
problems?: Array<Problem>, 
/**
 * For [`ErrorCode::NameTaken`]: the first free `Name (n)`, to offer in the window.
 */
free_name?: string, };

export type AppInfo = { version: string, data_dir: string, database: string, 
/**
 * The example plans a new plan can start from, in the order to offer them.
 */
examples: Array<ExampleInfo>, };

export type Atom = { "kind": "fact", fact: Fact, value: string | null, rule: string | null, } | { "kind": "flag", flag: ProductFlag, present: boolean, } | { "kind": "eee", flags: Array<ProductFlag>, };

export type BundledSnapshot = { file: string, 
/**
 * The first and the last business day the bundled history holds.
 */
first_day: string, last_day: string, confidence: string, source: SourceRef, 
/**
 * The recorded copy the bundled file was taken from.
 */
copy: string, };

export type CatalogueCheck = { file_name: string, 
/**
 * Row, column and reason of every problem. A problem in the header row stops the whole file; a
 * problem in a data row leaves that row out.
 */
errors: Array<RowError>, 
/**
 * What importing the valid rows would change; `None` when no row can be imported.
 */
preview: ImportPreview | null, 
/**
 * The rows left out (as a spreadsheet numbers them), each once.
 */
skipped: number[], };

export type CatalogueKey = string;

export type CategoryChoice = { id: string, 
/**
 * Our name in both languages (`None` when `data/categories.toml` has none).
 */
name: Text | null, 
/**
 * The marketplace's own name for it, as the pack writes it.
 */
label: string, };

export type Certainty = "confirmed" | "to-verify";

export type ChangedProduct = { sku: string, fields: Array<string>, };

export type Channel = "b2c" | "b2b" | "both";

export type ChannelModel = "amazon" | "marketplace" | "own-store" | "payment" | "b2b-leads";

export type ChannelObligations = { channel: string, model: ChannelModel, market: Market, 
/**
 * The applicable `store.*` items the seller carries itself on this channel.
 */
seller: Array<Obligation>, 
/**
 * Those the marketplace carries for the seller.
 */
marketplace: Array<Obligation>, };

export type ChannelOption = { pack: string, name: Text, model: ChannelModel, 
/**
 * The market the pack is tied to (Amazon, Rakuten, eBay sites); otherwise the channel chooses.
 */
market: Market | null, amazon: AmazonLink | null, 
/**
 * Currency of the pack's own figures, and the default of a quote typed for it.
 */
currency: Currency, 
/**
 * The seller ships each order: a delivery cost per unit is needed.
 */
seller_ships: boolean, 
/**
 * An own store: payments go through a payment pack chosen for the channel.
 */
needs_payment: boolean, 
/**
 * The fees the pack has no published figure for, in force at the plan's date.
 */
quotes: Array<QuoteRequest>, };

export type ChannelPlan = { 
/**
 * The name scenarios use for this channel, unique in the plan (e.g. `own-store-jp`).
 */
id: string, 
/**
 * Channel pack id in `data/channels/` (e.g. `amazon-jp-fba`, `shopify-basic`).
 */
pack: string, 
/**
 * The market sold into; Amazon packs fix it, own stores and other marketplaces need it.
 */
market?: Market | null, 
/**
 * Who buys through the channel; decides which own-store obligations apply (consumer rules
 * apply to `b2c` and `both`). Consumers (`b2c`) when absent.
 */
customers?: Channel | null, 
/**
 * How the channel's orders reach buyers when it is not an Amazon target: `mfn` (parcels shipped
 * from abroad, the buyer imports) or `local-3pl` (stock imported into the market and shipped from
 * there). The checklist asks for it when a rule depends on it.
 */
fulfilment?: Fulfilment | null, 
/**
 * Payment pack id for an own store (e.g. `stripe-eea`, `paypal-fr`).
 */
payment?: string | null, 
/**
 * Units per month of each product when no scenario says otherwise.
 */
monthly_units?: number | null, 
/**
 * Advertising spend as a share of sales (marketplaces: sponsored products and the like).
 */
ad_share?: Rate | null, 
/**
 * Marketing cost per order won (own store: search, social, affiliates).
 */
cpa?: Amount | null, 
/**
 * Share of units returned.
 */
return_rate?: Rate | null, 
/**
 * Cost of one return (return shipping, handling, write-off).
 */
cost_per_return?: Amount | null, 
/**
 * Cost of converting the proceeds to the home currency (bank or provider margin), as a share.
 */
fx_cost?: Rate | null, 
/**
 * Monthly costs of running the channel beyond the pack's (customs agent / IOR, hosting, apps).
 */
fixed?: Array<LabelledAmount>, 
/**
 * One-off set-up costs beyond the pack's (store build, translation, registrations).
 */
setup?: Array<LabelledAmount>, 
/**
 * Figures the user typed for a pack item marked "enter your quote", by the item's code.
 */
quotes?: Array<PackQuote>, 
/**
 * Per-product figures on this channel.
 */
products?: Array<ChannelProduct>, };

export type ChannelProduct = { sku: string, 
/**
 * Price as displayed on this channel (tax-inclusive in JP, EU, UK); defaults to the product's
 * price on the market's Amazon marketplace.
 */
price?: Amount | null, 
/**
 * FBA fee per unit typed from Amazon's calculator (used where the pack has no published fee).
 */
fulfilment_fee?: Amount | null, 
/**
 * Pick, pack and delivery to the buyer per unit when the seller ships (MFN, own store, Rakuten).
 */
shipping?: Amount | null, 
/**
 * Duty rate from the tariff or a binding ruling, where no bundled rate covers the HS code.
 */
duty_rate?: Rate | null, };

export type ChannelResult = { channel: string, pack: string, 
/**
 * The pack's name, in both languages.
 */
name: Text, model: ChannelModel, currency: Currency, monthly_units: number, 
/**
 * Σ units × contribution per unit.
 */
contribution: string, fixed_monthly: string, 
/**
 * Contribution − fixed monthly costs.
 */
monthly_profit: string, monthly_profit_home: Money | null, setup: string, setup_home: Money | null, 
/**
 * ceil(fixed ÷ average contribution per unit); absent when a unit contributes nothing.
 */
break_even_units: number | null, 
/**
 * ceil(set-up ÷ monthly profit); absent when the channel loses money.
 */
months_to_recover: number | null, 
/**
 * False when a figure is missing: the numbers leave it out (see `missing`).
 */
complete: boolean, lines: Array<UnitLine>, 
/**
 * The exchange rates of the channel and its lines, each quotation once.
 */
fx: Array<FxRate>, explain: Array<Explanation>, missing: Array<Missing>, };

export type ChannelScore = { channel: string, scores: Array<number>, 
/**
 * Σ weight × score ÷ Σ weight, on the 1–5 scale.
 */
score: string, 
/**
 * Shown beside the score so the weighing never hides the money; none for an incomplete channel.
 */
monthly_profit_home: Money | null, explain: Explanation, };

export type ChannelSetup = { channels: Array<ChannelPlan>, scenarios: Array<Scenario>, };

export type ChecklistSource = { title: string, url: string, tier: Tier, };

export type ChecklistVersion = { title: Text, version: string, items: number, oldest_verified: string | null, };

export type Comparison = { plan: string, as_of: string, home_currency: Currency | null, 
/**
 * Every scenario side by side (the plan's, or one built from the channels' `monthly_units`).
 */
scenarios: Array<ScenarioResult>, 
/**
 * The scenario the sensitivity and the weighing use.
 */
selected: string, sensitivity: Array<SensitivityRow>, weighing: Weighing, 
/**
 * Per selling channel, the own-store obligations (`store.*` checklist items) the seller carries
 * itself and those the marketplace carries for it.
 */
obligations: Array<ChannelObligations>, };

export type Confidence = "official" | "official-copy" | "secondary";

export type CountryCode = string;

export type CriteriaWeights = { customer_relationship?: string | null, brand_presentation?: string | null, traffic?: string | null, low_investment?: string | null, time_to_market?: string | null, low_operational_load?: string | null, };

export type Criterion = "customer_relationship" | "brand_presentation" | "traffic" | "low_investment" | "time_to_market" | "low_operational_load";

export type CriterionWeight = { criterion: Criterion, label: Text, weight: string, 
/**
 * True when the plan set this weight.
 */
from_plan: boolean, };

export type Currency = string;

export type CurrencyCode = string;

export type CustomsRate = { week_start: string, currency: string, jpy_per_unit: string, };

export type DataVersions = { packs: Array<PackVersion>, checklists: Array<ChecklistVersion>, 
/**
 * Figures in force today whose row ends within the next 90 days, soonest first.
 */
expiring: Array<ExpiringFigure>, 
/**
 * Figures the research did not find, which the user types.
 */
left_to_user: Array<LeftToUser>, };

export type Entity = "company" | "sole-trader";

export type ErrorCode = "bad-input" | "not-found" | "newer-database" | "busy" | "read-only" | "name-taken" | "storage" | "internal";

export type ErrorInfo = { code: string, message: string, };

export type Evidence = { id: number, plan_id: PlanId, 
/**
 * The checklist item it supports, if any.
 */
item_id: string | null, 
/**
 * Lowercase hex SHA-256 of the content; also the stored file's name.
 */
sha256: string, 
/**
 * The file name the user chose, without any folder.
 */
original_name: string, size_bytes: number, 
/**
 * RFC 3339 UTC.
 */
added_at: string, };

export type EvidenceAttachment = { item: string, 
/**
 * The item's evidence template the file stands for.
 */
template: string, 
/**
 * The file on disk (from a file dialog or a drop); it is copied into the data folder.
 */
path: string, 
/**
 * The date printed on the document, which its validity rule counts from.
 */
issued_on: string | null, expires_on: string | null, };

export type EvidenceCheck = { template: string, name: Text, required: boolean, validity: Validity, state: EvidenceState, 
/**
 * Last day the evidence is good, when the rule gives one.
 */
valid_until: string | null, };

export type EvidenceState = "valid" | "missing" | "stale" | "expired" | "undated" | "superseded";

export type ExampleInfo = { id: string, title: Text, };

export type ExpiringFigure = { pack: string, pack_name: Text, table: string, 
/**
 * The item's id, as validation names it.
 */
item: string, 
/**
 * The item in words.
 */
label: Text, until: string, days_left: number, 
/**
 * The start of the row that takes over on `until`, when there is one.
 */
successor: string | null, 
/**
 * The rule itself ends: no successor is expected.
 */
lapses: boolean, note: Text | null, source: Source, file: string, line: number, };

export type ExplainInput = { name: Text, value: Text, };

export type Explanation = { 
/**
 * What the amount is, e.g. "Duty".
 */
label: Text, 
/**
 * The computation with its actual numbers, e.g. `floor(534,795 → 534,000) × 14% = 74,760`.
 */
formula: Text, 
/**
 * The result (as a decimal string), when the step yields an amount.
 */
amount: string | null, 
/**
 * Named inputs with their values.
 */
inputs: Array<ExplainInput>, 
/**
 * The rule applied and where it comes from (absent for plain user input).
 */
rule: RuleRef | null, 
/**
 * True when a figure typed by the user replaced the pack's figure.
 */
overridden: boolean, };

export type ExportProgress = { "stage": "charts", done: number, total: number, } | { "stage": "typesetting" } | { "stage": "writing-pdf" } | { "stage": "writing-workbook" } | { "stage": "writing-files" };

export type Exported = { format: ReportFormat, 
/**
 * The file, or the folder of CSV files.
 */
path: string, bytes: number, 
/**
 * Pages of a PDF.
 */
pages: number | null, 
/**
 * Files written (several for CSV).
 */
files: Array<string>, 
/**
 * Characters of a PDF that no bundled font can draw (printed as empty boxes).
 */
unrendered: Array<string>, };

export type Fact = "marketplace" | "market" | "market_in_eu" | "cross_border" | "fulfilment" | "channel" | "seller_country" | "seller_entity" | "seller_in_eu" | "toy_age_min_months" | "origin_in_eu" | "monthly_sales" | "monthly_units" | "annual_sales" | "annual_units";

export type FeeBasis = "monthly" | "annual" | "setup" | "per-sale" | "fx-conversion";

export type FigureSource = { title: string, url: string, };

export type Freight = { marketplace: Marketplace, freight: Amount, insurance?: Amount | null, };

export type Fulfilment = "fba" | "mfn" | "local-3pl";

export type FxFetchLog = { url: string, 
/**
 * RFC 3339 UTC.
 */
attempted_at: string, 
/**
 * `ok`, or the error code of the failure.
 */
outcome: string, message: string, };

export type FxRate = { from: Currency, to: Currency, rate: string, date: string, source: FxSource, };

export type FxRateRow = { date: string, base: string, quote: string, rate: string, };

export type FxSource = { "kind": "ecb-reference" } | { "kind": "japan-customs-weekly" } | { "kind": "manual", note: string, };

export type HealthReport = { marketplace: Marketplace, programme: Programme, as_of: string, metrics: Array<MetricResult>, 
/**
 * The worst verdict among confirmed targets (to-verify targets are shown but do not decide it).
 */
overall: Verdict, };

export type HsLabel = { code: string, dotted: string, description: string | null, status: HsStatus, };

export type HsStatus = "subheading" | "national-line" | "not-in-nomenclature" | "malformed";

export type ImportPreview = { rows: number, added: Array<string>, changed: Array<ChangedProduct>, unchanged: number, };

export type Importance = "mandatory" | "recommended" | "optional" | "watch";

export type Input = "unit-cost" | "price" | "freight" | "insurance" | "category" | "package" | "hs-code" | "origin" | "fulfilment-fee" | "duty-rate" | "toy-age" | "monthly-units" | "monthly-sales" | "fulfilment" | "customs-fee" | "fx-rate" | "customs-value" | "tax-rate" | "points" | "referral-rule" | "refund-administration" | "market" | "payment" | "shipping" | "channel-quote" | "fx-cost" | "return-rate" | "cost-per-return" | "cpa" | "fixed-cost" | "setup-cost" | "channel-product" | "scenario-volume" | "scenario-price" | "rule-pack";

export type InputRef = { input: Input, sku: string | null, marketplace: Marketplace | null, channel: string | null, };

export type ItemResult = { id: string, code: string | null, group: string, 
/**
 * The group's name in both languages.
 */
group_title: Text, title: Text, explanation: Text, importance: Importance, certainty: Certainty, 
/**
 * Mandatory, confirmed and needed before the first sale.
 */
launch_blocking: boolean, 
/**
 * The applicable items this one waits for.
 */
depends_on: Array<string>, reason: Text, 
/**
 * The facts that made it apply, or that it still depends on.
 */
because: Array<Atom>, 
/**
 * Whether it applies is not decided yet: it depends on the answers to `questions`. It is listed
 * and counted as not done until then.
 */
undecided: boolean, 
/**
 * Facts the plan does not give that decide whether it applies (for all products, or for some).
 */
questions: Array<Question>, 
/**
 * The SKUs it applies to, for product rules.
 */
products: Array<string>, 
/**
 * For a shared item: the channels of the plan it applies (or may apply) to.
 */
channels: Array<SubjectRef>, status: Status, blocked_by: Array<string>, 
/**
 * Why a done item was reopened (evidence expired, stale or missing).
 */
reopened: Text | null, owner_role: string, 
/**
 * The role in both languages.
 */
owner_role_title: Text, owner: string | null, lead_time_days: number | null, due: string | null, overdue: boolean, evidence: Array<EvidenceCheck>, sources: Array<ChecklistSource>, last_verified: string, 
/**
 * `last_verified` is more than a year before the as-of date.
 */
needs_reverification: boolean, };

export type ItemUpdate = { item: string, status: ProgressStatus, owner: string | null, 
/**
 * Required when `status` is `not_applicable`: why the item does not concern this seller.
 */
reason: string | null, };

export type LabelledAmount = { label: string, amount: Amount, };

export type Lang = "fr" | "en";

export type LeftToUser = { pack: string, table: string, item: string, label: Text, 
/**
 * Why: what was searched and not found.
 */
why: Text, 
/**
 * Where the figure is published (or was looked for).
 */
source: Source, file: string, line: number, };

export type ManualRate = { currency: string, per_eur: string, date: string, };

export type Market = "jp" | "us" | "de" | "fr" | "uk";

export type MarketTerms = { 
/**
 * The marketplace's own name ("Amazon.co.jp").
 */
name: string, 
/**
 * Shelf prices include the destination's consumption tax or VAT (Japan, the EU, the UK), or
 * not (the US, where sales tax is added at checkout).
 */
prices_include_tax: boolean, 
/**
 * The referral-fee categories in force, in the pack's order.
 */
categories: Array<CategoryChoice>, 
/**
 * The destination's customs charge a fee per entry (the US Merchandise Processing Fee), which
 * the user may type when the rules have none in force.
 */
customs_fee: boolean, };

export type Marketplace = "amazon-jp" | "amazon-us" | "amazon-de" | "amazon-fr" | "amazon-uk";

export type MarketplaceCategory = { marketplace: Marketplace, category: string, };

export type MenuLabels = { file: string, new_plan: string, open: string, save_copy: string, export_report: string, quit: string, edit: string, undo: string, redo: string, cut: string, copy: string, paste: string, select_all: string, view: string, workshop: string, };

export type Metric = "order_defect_rate" | "pre_fulfilment_cancel_rate" | "late_shipment_rate" | "response_within_24h";

export type MetricResult = { metric: Metric, label: Text, value: string | null, 
/**
 * The rule as shown to the user, e.g. `< 1%`.
 */
rule: string | null, at_risk_from: string | null, verdict: Verdict, certainty: Certainty | null, confidence: Confidence | null, source: FigureSource | null, };

export type Metrics = { marketplace: Marketplace, programme: Programme, 
/**
 * The date of the snapshot (picks the targets in force).
 */
as_of: string, 
/**
 * Percentages; leave out what you do not have (cancel and late rates only exist for orders you ship).
 */
order_defect_rate?: string | null, pre_fulfilment_cancel_rate?: string | null, late_shipment_rate?: string | null, response_within_24h?: string | null, };

export type Missing = { 
/**
 * The input the gap needs, and where.
 */
input: InputRef, 
/**
 * Where it goes in an input file, e.g. `lines[2].duty_rate` (for the command line).
 */
field: string, message: Text, };

export type Money = { amount: string, currency: Currency, };

export type NewPlan = { name: string, home_currency: CurrencyCode, seller: Seller, targets: Array<Target>, };

export type NotApplicable = { id: string, code: string | null, title: Text, reason: Text, };

export type Obligation = { code: string, title: Text, };

export type Origin = "bundled" | "cached" | "manual";

export type PackOrigin = "bundled" | "user";

export type PackQuote = { code: string, amount?: Amount | null, rate?: Rate | null, };

export type PackVersion = { 
/**
 * `marketplace`, `customs` or `duties`.
 */
kind: string, id: string, name: Text, file: string, figures: number, oldest: string | null, newest: string | null, 
/**
 * Some figures come from the user's own pack folder.
 */
user: boolean, };

export type Package = { length_cm: string, width_cm: string, height_cm: string, weight_g: string, };

export type Paper = "a4" | "letter";

export type PhaseResult = { from_month: number, result: ScenarioResult, };

export type Plan = { plan: PlanHeader, seller: Seller, targets?: Array<Target>, products?: Array<Product>, 
/**
 * Channel comparison inputs (optional; see [`channels`]).
 */
channels?: Array<ChannelPlan>, scenarios?: Array<Scenario>, criteria?: CriteriaWeights | null, };

export type PlanChecklist = { targets: Array<TargetChecklist>, 
/**
 * Own stores and Rakuten shops.
 */
stores: Array<StoreChecklist>, 
/**
 * The rules that follow the goods or the seller across channels, once per plan.
 */
shared: Array<SharedChecklist>, };

export type PlanComparison = { comparison: Comparison, rates: RatesStatus, rate_warnings: Array<RateWarning>, };

export type PlanDetail = { summary: PlanSummary, plan: Plan, 
/**
 * Each product's HS code (as stored) with its HS 2022 description, or flagged when the
 * nomenclature does not hold it.
 */
hs_codes: { [key in string]: HsLabel }, 
/**
 * The currency each marketplace sells in (from its pack): prices and fees typed for a
 * marketplace are in it.
 */
currencies: { [key in Marketplace]?: Currency }, 
/**
 * What the window needs to ask for a plan's inputs in each marketplace's terms.
 */
markets: { [key in Marketplace]?: MarketTerms }, };

export type PlanHeader = { name: string, 
/**
 * The date the rules are evaluated at.
 */
as_of: string, home_currency: CurrencyCode, };

export type PlanId = number;

export type PlanQuote = { quote: Quote, 
/**
 * Where the rates come from (fetched, cached or bundled) and their date.
 */
rates: RatesStatus, 
/**
 * Staleness warnings to show beside the figures.
 */
rate_warnings: Array<RateWarning>, };

export type PlanSummary = { id: PlanId, name: string, 
/**
 * RFC 3339 UTC.
 */
created_at: string, 
/**
 * RFC 3339 UTC.
 */
updated_at: string, };

export type Price = { marketplace: Marketplace, price: Amount, };

export type Problem = { 
/**
 * Dotted path such as `products[1].unit_cost.amount`; empty when the file as a whole is unreadable.
 */
field: string, line: number | null, column: number | null, 
/**
 * Why, in both languages; the CLI and error strings print the English.
 */
message: Text, };

export type Product = { sku: string, name: string, hs_code?: string | null, flags?: Array<ProductFlag>, 
/**
 * Minimum age in months the toy is meant for (only meaningful for toys).
 */
toy_age_min_months?: number | null, 
/**
 * Referral-fee category id in the marketplace packs, on every marketplace without its own entry
 * in `categories`.
 */
category?: string | null, 
/**
 * The category on one marketplace, where its category tree differs (Amazon.fr has no
 * "beauty-health" row, Amazon.co.jp no "most").
 */
categories?: Array<MarketplaceCategory>, 
/**
 * Purchase cost per unit.
 */
unit_cost?: Amount | null, package?: Package | null, 
/**
 * Litres of liquid in one unit (a 75 cl bottle: 0.75), for duties charged per litre (wine,
 * spirits).
 */
litres?: string, 
/**
 * Country of origin (ISO 3166 alpha-2), for tariff preferences.
 */
origin?: CountryCode | null, 
/**
 * The seller claims preferential origin (e.g. under the EU–Japan EPA) where an agreement covers
 * the origin and the destination, and holds the proof it asks for.
 */
preferential_origin?: boolean, prices?: Array<Price>, freight?: Array<Freight>, 
/**
 * Figures the user typed for one marketplace, used instead of the packs' and marked as such.
 */
overrides?: Array<ProductOverride>, };

export type ProductFlag = "mains_electrical" | "ac_adapter_included" | "radio_emitter" | "li_battery_contained" | "li_battery_packed_with" | "li_battery_standalone" | "mobile_battery" | "food" | "food_contact_article" | "alcohol" | "supplement" | "function_claim" | "cosmetic" | "quasi_drug" | "medical_device" | "toy" | "textile_apparel" | "psc_specified_product" | "gas_appliance" | "chilled_frozen" | "children_product" | "deforestation_commodity";

export type ProductOverride = { marketplace: Marketplace, fulfilment_fee?: Amount | null, duty_rate?: Rate | null, };

export type Profile = { as_of: string, home_currency: CurrencyCode, seller: Seller, targets: Array<Target>, };

export type Programme = "standard" | "business";

export type ProgressStatus = "to_do" | "in_progress" | "in_review" | "done" | "not_applicable";

export type Provenance = { source: Source, effective_from: string, effective_until: string | null, 
/**
 * `effective_until` ends the rule itself: no successor is expected.
 */
lapses: boolean, confidence: Confidence, note: string | null, 
/**
 * The note in French; required where the note is shown in the window (figures left to the user).
 */
note_fr: string | null, file: string, line: number, origin: PackOrigin, };

export type Question = { input: InputRef, text: Text, };

export type Quote = { plan: string, as_of: string, items: Array<UnitEconomics>, };

export type QuoteRequest = { code: string, label: Text, 
/**
 * Per-sale and conversion fees are rates; monthly, annual and set-up fees are amounts.
 */
basis: FeeBasis, prompt: Text, 
/**
 * The markets the fee is charged in (all when empty): PayPal's international rate is not asked
 * of a store selling at home.
 */
markets: Array<Market>, };

export type Rate = string;

export type RateWarning = { "kind": "bundled", published: string, age_days: number, on: string, } | { "kind": "stale", published: string, age_days: number, on: string, };

export type RatesReport = { 
/**
 * The date the rates are given for.
 */
on: string, status: RatesStatus, source: SourceRef, bundled: BundledSnapshot, rates: Array<ShownRate>, customs: Array<CustomsRate>, 
/**
 * The rates the user typed (1 EUR = `rate` `quote` from `date`), oldest first.
 */
manual: Array<FxRateRow>, last_attempt: FxFetchLog | null, last_success: FxFetchLog | null, warnings: Array<RateWarning>, };

export type RatesStatus = { "kind": "fresh", date: string, } | { "kind": "cached", date: string, } | { "kind": "bundled", date: string, } | { "kind": "manual", date: string, };

export type Readiness = { done: number, total: number, 
/**
 * `done / total × 100`, two decimals; 100 when nothing is counted.
 */
percent: string, 
/**
 * Launch-blocking items not done, by due date: these stop the first sale.
 */
blockers: Array<string>, 
/**
 * Other counted items not done.
 */
remaining: Array<string>, 
/**
 * Items never counted: watch items and items the sources leave open.
 */
not_counted: Array<string>, };

export type ReportFormat = "pdf" | "xlsx" | "csv" | "json";

export type ReportRequest = { format: ReportFormat, lang: Lang, paper: Paper, consultant: string | null, client: string | null, };

export type RowError = { 
/**
 * Row number as a spreadsheet shows it (the header is row 1).
 */
row: number, 
/**
 * The column as written in the file's header; empty for a whole-row or whole-file problem.
 */
column: string, 
/**
 * Why, in both languages; the CLI and error strings print the English.
 */
message: Text, };

export type RuleRef = { description: Text, provenance: Provenance, };

export type Scenario = { name: string, 
/**
 * Channels not listed sell nothing in this scenario.
 */
volumes?: Array<ScenarioVolume>, prices?: Array<ScenarioPrice>, 
/**
 * Later periods ("FBA from month 4"): from a month on, another mix. The volumes and prices above
 * hold from month 1 until the first phase.
 */
phases?: Array<ScenarioPhase>, 
/**
 * Length of the month-by-month timeline of a phased scenario ([`DEFAULT_TIMELINE_MONTHS`] when
 * absent).
 */
months?: number | null, };

export type ScenarioKind = "plan" | "channel-units";

export type ScenarioPhase = { from_month: number, 
/**
 * Channels not listed sell nothing in this phase.
 */
volumes?: Array<ScenarioVolume>, 
/**
 * Prices in this phase; the scenario's prices when empty.
 */
prices?: Array<ScenarioPrice>, };

export type ScenarioPrice = { channel: string, sku?: string | null, price: Amount, };

export type ScenarioResult = { name: string, kind: ScenarioKind, channels: Array<ChannelResult>, 
/**
 * The sum of the channels' monthly profits; partial (and not to be shown as a result) when the
 * scenario is not complete.
 */
total_monthly_profit_home: Money | null, 
/**
 * The complete channels with a home-currency profit, most profitable first; a channel missing an
 * input is not ranked.
 */
ranking: Array<string>, 
/**
 * The most profitable channel, only when every channel of the scenario is complete: with an input
 * missing anywhere, no channel is called best.
 */
best: string | null, 
/**
 * False when an input is missing for a channel or a volume names a channel or product the plan
 * does not have: the scenario is then "incomplete", never a loss.
 */
complete: boolean, 
/**
 * Volumes, prices or channel figures naming a channel or a SKU the plan does not have.
 */
missing: Array<Missing>, 
/**
 * Month by month, for a scenario with phases (absent otherwise).
 */
timeline: Timeline | null, };

export type ScenarioVolume = { channel: string, 
/**
 * The product; every product of the plan when absent.
 */
sku?: string | null, monthly_units: number, };

export type Seller = { country: CountryCode, entity: Entity, capital?: Amount | null, };

export type SensitivityInput = "price" | "fx-rate" | "return-rate" | "ad-share" | "duty-rate";

export type SensitivityRow = { input: SensitivityInput, description: string, low_factor: string, high_factor: string, profit_low: Money, profit_base: Money, profit_high: Money, 
/**
 * |profit high − profit low|.
 */
swing: string, };

export type SharedChecklist = { 
/**
 * `goods-jp`, `goods-us`, `goods-eu`, `goods-uk`, `export-eu` or `amazon-account`.
 */
scope: CatalogueKey, title: Text, 
/**
 * Every channel of the plan it was evaluated for.
 */
channels: Array<SubjectRef>, catalogue_version: string, as_of: string, launch_date: string, 
/**
 * No launch date was given: this is the earliest one the remaining lead times allow.
 */
launch_date_is_earliest: boolean, disclaimer: Text, items: Array<ItemResult>, not_applicable: Array<NotApplicable>, readiness: Readiness, };

export type ShownRate = { currency: string, 
/**
 * 1 EUR = `per_eur` `currency`.
 */
per_eur: string, 
/**
 * Publication date of this rate (earlier than the date asked for on weekends and holidays).
 */
published: string, origin: Origin, };

export type Source = { title: string, url: string, };

export type SourceRef = { title: string, url: string, };

export type Status = "to_do" | "in_progress" | "in_review" | "done" | "recurring" | "blocked" | "not_applicable";

export type StoreChecklist = { 
/**
 * The channel id in the plan (`own-store-jp`).
 */
channel: string, 
/**
 * Its channel pack (`shopify-basic`, `rakuten-ichiba`).
 */
pack: string, 
/**
 * The catalogue it was evaluated against: `own-store` or `rakuten-ichiba`.
 */
scope: CatalogueKey, market: Market, customers: Channel, catalogue_version: string, as_of: string, launch_date: string, 
/**
 * No launch date was given: this is the earliest one the remaining lead times allow.
 */
launch_date_is_earliest: boolean, disclaimer: Text, items: Array<ItemResult>, not_applicable: Array<NotApplicable>, readiness: Readiness, };

export type SubjectRef = { 
/**
 * The Amazon marketplace, for a marketplace target.
 */
marketplace: Marketplace | null, fulfilment: Fulfilment | null, 
/**
 * The channel id in the plan, for an own store or a Rakuten shop.
 */
channel: string | null, 
/**
 * Its channel pack (`shopify-basic`, `rakuten-ichiba`).
 */
pack: string | null, market: Market, };

export type Target = { marketplace: Marketplace, fulfilment: Fulfilment, channel: Channel, monthly_sales?: Amount | null, monthly_units?: number | null, 
/**
 * The customs fee per import consignment the user typed (a broker's quote, or the US
 * Merchandise Processing Fee of a year the rules do not hold yet), used instead of the rules'.
 */
customs_fee?: Amount | null, };

export type TargetChecklist = { marketplace: Marketplace, fulfilment: Fulfilment, channel: Channel, catalogue_version: string, as_of: string, launch_date: string, 
/**
 * No launch date was given: this is the earliest one the remaining lead times allow.
 */
launch_date_is_earliest: boolean, disclaimer: Text, items: Array<ItemResult>, not_applicable: Array<NotApplicable>, readiness: Readiness, };

export type Text = { en: string, fr: string, };

export type Tier = "A" | "B" | "C";

export type Timeline = { phases: Array<PhaseResult>, 
/**
 * Empty when a phase's profit or a set-up cost has no home-currency figure (see `missing`).
 */
months: Array<TimelineMonth>, 
/**
 * First month from which the cumulative profit stays ≥ 0 to the end; absent when it ends below 0.
 */
payback_month: number | null, complete: boolean, missing: Array<Missing>, };

export type TimelineMonth = { month: number, 
/**
 * The `from_month` of the phase in force.
 */
phase: number, 
/**
 * The phase's total monthly profit (contribution − fixed costs of its channels).
 */
monthly_profit: Money, 
/**
 * Set-up costs of the channels selling for the first time this month.
 */
setup: Money, 
/**
 * `monthly_profit − setup`.
 */
profit: Money, cumulative: Money, };

export type UnitEconomics = { sku: string, marketplace: Marketplace, currency: Currency, 
/**
 * As displayed to the buyer.
 */
price: string | null, 
/**
 * Price without the destination's consumption tax / VAT.
 */
net_price: string | null, referral_fee: string | null, closing_fee: string | null, fulfilment_fee: string | null, 
/**
 * The cheaper selling plan's cost per unit at the target's monthly volume.
 */
selling_plan: string | null, unit_cost: string | null, 
/**
 * Freight and insurance per unit.
 */
freight: string | null, 
/**
 * Duty and customs fees (US MPF) per unit.
 */
duty: string | null, 
/**
 * Import consumption tax / VAT per unit (recoverable; not in the margin).
 */
import_taxes: string | null, 
/**
 * Unit cost + freight + duty and customs fees.
 */
landed_cost: string | null, 
/**
 * Net price − fees − selling plan − landed cost.
 */
margin: string | null, 
/**
 * Margin in the plan's home currency.
 */
margin_home: Money | null, 
/**
 * Margin ÷ net price, as a fraction (0.25 = 25%).
 */
margin_rate: string | null, 
/**
 * The exchange rates used.
 */
fx: Array<FxRate>, explain: Array<Explanation>, missing: Array<Missing>, };

export type UnitFigures = { 
/**
 * As displayed to the buyer (tax-inclusive in JP, EU, UK).
 */
price: string, 
/**
 * Price without consumption tax / VAT: the seller's revenue.
 */
net_price: string, 
/**
 * Referral and closing fees (Amazon) or the platform's per-sale fees.
 */
marketplace_fees: string, 
/**
 * FBA fee, or the seller's delivery to the buyer.
 */
fulfilment: string, 
/**
 * Unit cost + freight and insurance + duty.
 */
landed_cost: string, payment_fees: string, 
/**
 * Cost of converting the proceeds to the home currency.
 */
fx_cost: string, 
/**
 * Return rate × cost per return.
 */
returns: string, 
/**
 * Ad share × price + cost per acquisition.
 */
marketing: string, 
/**
 * Net price − every cost above.
 */
contribution: string, contribution_home: Money | null, 
/**
 * Contribution ÷ net price.
 */
margin_rate: string | null, 
/**
 * Contribution ÷ landed cost: the return on the money tied up in one unit.
 */
roi: string | null, };

export type UnitLine = { channel: string, sku: string, currency: Currency, monthly_units: number, 
/**
 * Absent when the price or the landed cost cannot be computed (see `missing`).
 */
figures: UnitFigures | null, 
/**
 * The exchange rates the line was converted with, each quotation once.
 */
fx: Array<FxRate>, explain: Array<Explanation>, missing: Array<Missing>, };

export type UpdateOutcome = { url: string, status: RatesStatus, 
/**
 * Business days received (0 when the fetch failed).
 */
days_received: number, 
/**
 * Why the fetch failed; the previous rates were kept.
 */
error: ErrorInfo | null, warnings: Array<RateWarning>, };

export type Validity = { "kind": "issued-within-days", days: number, } | { "kind": "not-expired" } | { "kind": "fixed-expiry", valid_days?: number | null, } | { "kind": "per-shipment" } | { "kind": "until-changed" };

export type Verdict = "not_given" | "no_target" | "pass" | "at_risk" | "fail";

export type Weighing = { criteria: Array<CriterionWeight>, 
/**
 * Best score first.
 */
channels: Array<ChannelScore>, missing: Array<Missing>, };
