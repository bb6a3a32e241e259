//! The cost types that cross to the UI produce TypeScript declarations in which every amount is a
//! decimal string (never `number`), with the JSON field names.

use landfall::cost::{Explanation, FeeReport, LandedCost, PlanComparison, Quote, UnitEconomics};
use landfall::money::{FxRate, Money};
use landfall::packs::Provenance;
use ts_rs::{Config, TS};

#[test]
fn amounts_are_strings_in_the_declarations() {
    let config = Config::new().with_large_int("number");
    let landed = LandedCost::decl(&config);
    for field in [
        "currency: Currency",
        "lines: Array<LandedLine>",
        "totals: LandedTotals",
    ] {
        assert!(landed.contains(field), "{field} in {landed}");
    }
    let economics = UnitEconomics::decl(&config);
    for field in [
        "price: string | null",
        "margin: string | null",
        "margin_home: Money | null",
    ] {
        assert!(economics.contains(field), "{field} in {economics}");
    }
    assert!(Money::decl(&config).contains("amount: string"));
    assert!(FxRate::decl(&config).contains("rate: string"));
    assert!(Explanation::decl(&config).contains("amount: string | null"));
    assert!(Provenance::decl(&config).contains("effective_from: string"));
    let comparison = PlanComparison::decl(&config);
    assert!(comparison.contains("individual: string"), "{comparison}");
    assert!(
        comparison.contains("break_even_units: number"),
        "{comparison}"
    );
    assert!(FeeReport::decl(&config).contains("totals: FeeTotals"));
    assert!(Quote::decl(&config).contains("items: Array<UnitEconomics>"));
}
