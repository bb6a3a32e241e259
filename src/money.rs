//! Money: `Decimal` amounts with an ISO-4217 currency, named rounding rules, FX conversion.
