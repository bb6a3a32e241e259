//! Property tests of the money room: algebra, idempotent rounding, allocations that sum exactly.

use landfall::money::{
    AllocationBasis, AllocationLine, Currency, FxRate, Money, Rounding, RoundingMode, RoundingStep,
    allocate, allocate_by_weights, convert,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![
        Just(Currency::JPY),
        Just(Currency::EUR),
        Just(Currency::USD),
        Just("KWD".parse::<Currency>().expect("listed"))
    ]
}

/// Amounts up to ±10^12 with up to 4 decimals.
fn amount() -> impl Strategy<Value = Decimal> {
    (
        -10_000_000_000_000_000_i64..10_000_000_000_000_000_i64,
        0u32..=4,
    )
        .prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

/// A total already in whole minor units of its currency.
fn minor_total() -> impl Strategy<Value = Money> {
    (currency(), -10_000_000_000i64..10_000_000_000i64).prop_map(|(currency, units)| {
        Money::new(Decimal::new(units, currency.exponent()), currency)
    })
}

fn rounding() -> impl Strategy<Value = Rounding> {
    let step = prop_oneof![
        Just(RoundingStep::MinorUnit),
        Just(RoundingStep::Units(Decimal::ONE)),
        Just(RoundingStep::Units(Decimal::ONE_HUNDRED)),
        Just(RoundingStep::Units(Decimal::ONE_THOUSAND)),
    ];
    let mode = prop_oneof![
        Just(RoundingMode::Truncate),
        Just(RoundingMode::HalfUp),
        Just(RoundingMode::HalfEven)
    ];
    (step, mode).prop_map(|(step, mode)| Rounding::new(step, mode))
}

proptest! {
    #[test]
    fn addition_is_commutative_and_associative(c in currency(), a in amount(), b in amount(), d in amount()) {
        let (a, b, d) = (Money::new(a, c), Money::new(b, c), Money::new(d, c));
        prop_assert_eq!(a.checked_add(&b), b.checked_add(&a));
        let left = a.checked_add(&b).and_then(|ab| ab.checked_add(&d));
        let right = b.checked_add(&d).and_then(|bd| a.checked_add(&bd));
        prop_assert_eq!(left, right);
    }

    #[test]
    fn subtraction_undoes_addition(c in currency(), a in amount(), b in amount()) {
        let (a, b) = (Money::new(a, c), Money::new(b, c));
        let back = a.checked_add(&b).and_then(|sum| sum.checked_sub(&b));
        prop_assert_eq!(back, Ok(a));
        prop_assert_eq!(a.checked_add(&a.neg()), Ok(Money::zero(c)));
    }

    #[test]
    fn zero_is_neutral_and_mismatch_always_errors(c in currency(), a in amount()) {
        let money = Money::new(a, c);
        prop_assert_eq!(money.checked_add(&Money::zero(c)), Ok(money));
        let other = if c == Currency::EUR { Currency::JPY } else { Currency::EUR };
        prop_assert!(money.checked_add(&Money::zero(other)).is_err());
    }

    #[test]
    fn rounding_is_idempotent_and_lands_on_the_step(c in currency(), a in amount(), rule in rounding()) {
        let once = rule.apply(a, c);
        prop_assert_eq!(rule.apply(once, c), once);
        let step = match rule.step {
            RoundingStep::MinorUnit => c.minor_unit(),
            RoundingStep::Units(step) => step,
        };
        prop_assert_eq!((once / step).fract(), Decimal::ZERO);
        // Never moves by a whole step or more.
        prop_assert!((once - a).abs() < step);
    }

    #[test]
    fn truncation_never_increases_the_magnitude(c in currency(), a in amount()) {
        let rule = Rounding::new(RoundingStep::Units(Decimal::ONE_THOUSAND), RoundingMode::Truncate);
        prop_assert!(rule.apply(a, c).abs() <= a.abs());
    }

    #[test]
    fn allocation_parts_sum_to_the_total(
        total in minor_total(),
        weights in prop::collection::vec(0u32..1_000_000, 1..40),
    ) {
        let weights: Vec<Decimal> = weights.into_iter().map(Decimal::from).collect();
        prop_assume!(weights.iter().any(|w| !w.is_zero()));
        let parts = allocate_by_weights(&total, &weights).expect("valid weights");
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(Money::sum(total.currency, &parts), Ok(total));
        for (part, weight) in parts.iter().zip(&weights) {
            // Whole minor units, same sign as the total, nothing to a zero weight.
            prop_assert_eq!((part.amount / total.currency.minor_unit()).fract(), Decimal::ZERO);
            prop_assert!(part.amount.is_zero() || part.amount.is_sign_negative() == total.amount.is_sign_negative());
            if weight.is_zero() {
                prop_assert!(part.amount.is_zero());
            }
        }
    }

    #[test]
    fn each_share_is_within_one_minor_unit_of_its_exact_share(
        total in minor_total(),
        weights in prop::collection::vec(1u32..10_000, 1..20),
    ) {
        let weights: Vec<Decimal> = weights.into_iter().map(Decimal::from).collect();
        let weight_sum: Decimal = weights.iter().copied().sum();
        let parts = allocate_by_weights(&total, &weights).expect("valid weights");
        for (part, weight) in parts.iter().zip(&weights) {
            let exact = total.amount * weight / weight_sum;
            prop_assert!((part.amount - exact).abs() < total.currency.minor_unit());
        }
    }

    #[test]
    fn equal_basis_differs_by_at_most_one_minor_unit(total in minor_total(), count in 1usize..30) {
        let lines = vec![AllocationLine::default(); count];
        let parts = allocate(&total, AllocationBasis::Equal, &lines).expect("equal basis");
        let amounts: Vec<Decimal> = parts.iter().map(|part| part.amount).collect();
        let max = amounts.iter().copied().max().unwrap_or_default();
        let min = amounts.iter().copied().min().unwrap_or_default();
        prop_assert!(max - min <= total.currency.minor_unit());
        prop_assert_eq!(Money::sum(total.currency, &parts), Ok(total));
    }
}

#[test]
fn converting_against_the_rate_divides_by_the_published_rate() {
    // 2,500 EUR × 171.94 = 429,850 JPY, and back: 429,850 ÷ 171.94 = 2,500 EUR exactly (multiplying
    // by the rounded inverse 0.005815982… would give 2,499.999…).
    let rate = FxRate::new(
        Currency::EUR,
        Currency::JPY,
        "171.94".parse().unwrap(),
        chrono::NaiveDate::from_ymd_opt(2024, 6, 28).unwrap(),
        landfall::money::FxSource::EcbReference,
    )
    .unwrap();
    let yen = convert(&Money::new("2500".parse().unwrap(), Currency::EUR), &rate).unwrap();
    assert_eq!(
        yen.converted,
        Money::new("429850".parse().unwrap(), Currency::JPY)
    );
    let euros = convert(&yen.converted, &rate).unwrap();
    assert_eq!(
        euros.converted,
        Money::new("2500".parse().unwrap(), Currency::EUR)
    );
    assert_eq!(
        euros.rate.from,
        Currency::JPY,
        "the rate shown is the one applied"
    );
}
