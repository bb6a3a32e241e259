//! The requirement codes each catalogue's items may carry: a code names a requirement concept (several
//! items may share one, e.g. a variant for merchant-fulfilled orders), and a code outside its
//! catalogue's list fails the load, so a typo cannot create a new concept.

use super::catalogue::{CatalogueKey, Region};
use crate::plan::Marketplace;

/// The requirement codes a catalogue's items may carry.
pub fn known_codes(scope: CatalogueKey) -> &'static [&'static str] {
    match scope {
        CatalogueKey::Marketplace(Marketplace::AmazonJp) => &JP_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonUs) => &US_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonDe) => &DE_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonFr) => &FR_CODES,
        CatalogueKey::Marketplace(Marketplace::AmazonUk) => &UK_CODES,
        CatalogueKey::OwnStore => &STORE_CODES,
        CatalogueKey::Rakuten => &RAKUTEN_CODES,
        CatalogueKey::Goods(Region::Jp) => &GOODS_JP_CODES,
        CatalogueKey::Goods(Region::Us) => &GOODS_US_CODES,
        CatalogueKey::Goods(Region::Eu) => &GOODS_EU_CODES,
        CatalogueKey::Goods(Region::Uk) => &GOODS_UK_CODES,
        CatalogueKey::ExportEu => &EXPORT_EU_CODES,
        CatalogueKey::AmazonAccount => &ACCOUNT_CODES,
    }
}

/// Amazon.co.jp: the account, listings, customer service, FBA and Amazon's compliance gates.
const JP_CODES: [&str; 26] = [
    "jp.plan",
    "jp.registration",
    "jp.linked-accounts",
    "jp.siv",
    "jp.2sv",
    "jp.seller-info",
    "jp.detail-page",
    "jp.bil",
    "jp.brand-registry",
    "jp.cs-japanese",
    "jp.ddp",
    "jp.returns",
    "jp.metrics.odr",
    "jp.metrics.mfn",
    "jp.amazon-business.metrics",
    "jp.jct.invoice-number",
    "jp.fba.prep",
    "jp.fba.dangerous-goods",
    "jp.fba.inbound-docs",
    "jp.mobile-battery-approval",
    "jp.giteki.listing",
    "jp.toy.safety-docs",
    "jp.grocery-approval",
    "jp.compliance-docs",
    "jp.points",
    "jp.pl-insurance",
];

/// Amazon.com: the account, tax, delivery, thresholds on sales and listings.
const US_CODES: [&str; 11] = [
    "us.siv",
    "us.2sv",
    "us.tax-interview",
    "us.sales-tax",
    "us.ddp",
    "us.returns",
    "us.fba.dangerous-goods",
    "us.insurance",
    "us.inform",
    "us.fcc",
    "us.amazon-business.metrics",
];

/// Amazon.de: the account, VAT and fulfilment (shared with Amazon.fr).
const DE_CODES: [&str; 5] = [
    "eu.vat-registration",
    "eu.deemed-supplier",
    "eu.fba.dangerous-goods",
    "eu.returns",
    "eu.cs-local",
];

/// Amazon.fr: the account, VAT and fulfilment (shared with Amazon.de).
const FR_CODES: [&str; 5] = [
    "eu.vat-registration",
    "eu.deemed-supplier",
    "eu.fba.dangerous-goods",
    "eu.returns",
    "eu.cs-local",
];

/// Amazon.co.uk: the account and VAT.
const UK_CODES: [&str; 2] = ["uk.vat", "uk.low-value-vat"];

/// Own-store obligations: EU consumer, e-commerce, accessibility, privacy and VAT rules; Japan's Act on
/// Specified Commercial Transactions, APPI and qualified invoices; and practice items for every market.
const STORE_CODES: [&str; 23] = [
    "store.eu.legal-notice",
    "store.eu.terms-price",
    "store.eu.accessibility",
    "store.eu.withdrawal",
    "store.eu.delivery",
    "store.eu.legal-guarantee",
    "store.eu.extra-payments",
    "store.eu.unsolicited-supply",
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

/// A Rakuten Ichiba shop: eligibility, Japanese operations, shop information, delivery, duties, payment.
const RAKUTEN_CODES: [&str; 6] = [
    "rakuten.eligibility",
    "rakuten.japanese-operations",
    "rakuten.shop-info",
    "rakuten.shipping-returns",
    "rakuten.duties",
    "rakuten.payment-points",
];

/// Goods sold into Japan: import, consumption tax, brand, product safety, food, alcohol, cosmetics, incidents.
const GOODS_JP_CODES: [&str; 29] = [
    "jp.landed-cost",
    "jp.ior",
    "jp.customs-valuation",
    "jp.jct.assessment",
    "jp.low-value-exemption",
    "jp.trademark",
    "jp.distribution-rights",
    "jp.specified-importer",
    "jp.pse.specified",
    "jp.pse.non-specified",
    "jp.giteki",
    "jp.psc",
    "jp.gas-appliance",
    "jp.child-psc",
    "jp.toy.food-sanitation",
    "jp.food.notification",
    "jp.food.label",
    "jp.supplement.no-drug-claims",
    "jp.supplement.function-claims",
    "jp.liquor-licence",
    "jp.liquor.label",
    "jp.liquor.age-notice",
    "jp.cosmetics.standards",
    "jp.cosmetics.mah",
    "jp.cosmetics.notification",
    "jp.pmd-label",
    "jp.medical-device",
    "jp.textile-label",
    "jp.product-incidents",
];

/// Goods sold into the US: import, FCC, CPSC, FDA, cosmetics (MoCRA), Proposition 65, incidents.
const GOODS_US_CODES: [&str; 11] = [
    "us.ior",
    "us.fcc",
    "us.cpc",
    "us.tracking-label",
    "us.prop65",
    "us.fda",
    "us.cosmetics.registration",
    "us.cosmetics.listing",
    "us.cosmetics.safety",
    "us.cosmetics.label",
    "us.product-incidents",
];

/// Goods sold into the EU: product safety, CE, batteries, deforestation, producer responsibility, incidents.
const GOODS_EU_CODES: [&str; 9] = [
    "eu.gpsr",
    "eu.ce",
    "eu.batteries",
    "eu.eudr",
    "de.epr.packaging",
    "de.epr.weee",
    "de.epr.batteries",
    "fr.epr.uin",
    "eu.product-incidents",
];

/// Goods sold into the UK: conformity marking and the UK responsible person.
const GOODS_UK_CODES: [&str; 2] = ["uk.ukca", "uk.responsible-person"];

/// Leaving the EU: EORI, export declaration, excise, preferential origin, deforestation.
const EXPORT_EU_CODES: [&str; 6] = [
    "eu.export.eori",
    "eu.export.declaration",
    "eu.export.excise",
    "eu.export.origin",
    "eu.export.rex",
    "eu.export.eudr",
];

/// The Amazon seller account: health, enforcement, appeals and prohibited practices.
const ACCOUNT_CODES: [&str; 7] = [
    "account.health",
    "account.enforcement",
    "account.appeal",
    "account.multiple-accounts",
    "account.communication",
    "account.reviews",
    "account.images",
];
