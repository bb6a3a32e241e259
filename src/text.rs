//! Words in French and English. Every sentence the engines write for a person (a step of the workings,
//! a missing input, a refused field) is a [`Text`] carrying both languages, so the window and the
//! report show it in the reader's language and the engines never need to know which one that is.
//! Numbers inside those sentences are written each language's way (`534,795` and `534 795`).
//! Display only: computation never goes through these strings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The English or the French of a pair.
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    /// `value` exactly as held (trailing zeros dropped), digits grouped: `534,795.5`, `534 795,5`.
    pub fn grouped(self, value: Decimal) -> String {
        write_digits(self, &value.normalize().to_string())
    }

    /// `value` with every decimal it was written with (`-3.50`, `-3,50`), digits grouped: for
    /// echoing back a figure the user typed.
    pub fn as_typed(self, value: Decimal) -> String {
        self.number(value, value.scale())
    }

    /// `value` rounded half away from zero to `places`, written with the language's separators.
    pub fn number(self, value: Decimal, places: u32) -> String {
        let rounded = value
            .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let text = format!("{:.*}", places as usize, rounded.abs());
        // -0.004 rounds to zero and is written without a sign.
        let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
            "-"
        } else {
            ""
        };
        write_digits(self, &format!("{sign}{text}"))
    }

    /// A computed figure in a formula, to its display precision: at most four decimals (trailing
    /// zeros dropped), so a quotient never shows 28 digits (`6,345.4545`, not `6,345.4545454545…`).
    pub fn figure(self, value: Decimal) -> String {
        self.grouped(value.round_dp_with_strategy(
            FIGURE_DECIMALS,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        ))
    }

    /// An exchange rate in a formula: six significant digits (`171.78`, `0.0058214` for its inverse).
    pub fn rate(self, value: Decimal) -> String {
        let magnitude = value.abs();
        let integer_digits = if magnitude >= Decimal::ONE {
            magnitude.trunc().to_string().len() as u32
        } else {
            0
        };
        let mut places = RATE_DIGITS.saturating_sub(integer_digits);
        if magnitude < Decimal::ONE && !magnitude.is_zero() {
            // Leading zeros after the point do not count as significant.
            let mut scaled = magnitude;
            while scaled < Decimal::new(1, 1) && places < 26 {
                scaled *= Decimal::TEN;
                places += 1;
            }
        }
        self.grouped(
            value.round_dp_with_strategy(
                places,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            ),
        )
    }

    /// A percentage as held, with the language's spacing: `14%`, `14 %`, `7,8 %`.
    pub fn percent(self, percent: Decimal) -> String {
        let digits = self.grouped(percent);
        match self {
            Lang::Fr => format!("{digits}{NBSP}%"),
            Lang::En => format!("{digits}%"),
        }
    }
}

/// Decimals a computed figure shows in a formula.
const FIGURE_DECIMALS: u32 = 4;
/// Significant digits an exchange rate shows in a formula.
const RATE_DIGITS: u32 = 6;

/// French groups digits with a narrow no-break space and puts a no-break space before a symbol.
pub const FR_GROUP: char = '\u{202F}';
pub const NBSP: char = '\u{00A0}';

/// Groups the integer part of a plain decimal text (`-1234.5`) and writes the language's point.
fn write_digits(lang: Lang, text: &str) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((int_part, frac)) => (int_part, Some(frac)),
        None => (unsigned, None),
    };
    let (group, point) = lang.pick((',', '.'), (FR_GROUP, ','));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 4);
    out.push_str(sign);
    for (index, digit) in int_part.chars().enumerate() {
        if index > 0 && (int_part.len() - index) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if let Some(frac) = frac_part {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A French and English text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub fr: String,
}

impl Text {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            fr: fr.into(),
        }
    }

    /// Names, codes, paths and what the user typed: written the same in both languages.
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            en: text.clone(),
            fr: text,
        }
    }

    /// A pack's English with its optional French: the English stands in where no French is given.
    pub fn with_french(en: &str, fr: Option<&str>) -> Text {
        Text::new(en, fr.unwrap_or(en))
    }

    /// A text written once per language, for sentences that carry numbers or other texts.
    pub fn by(write: impl Fn(Lang) -> String) -> Text {
        Text {
            en: write(Lang::En),
            fr: write(Lang::Fr),
        }
    }

    /// An exact number, grouped each language's way.
    pub fn number(value: Decimal) -> Text {
        Text::by(|lang| lang.grouped(value))
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn exact_numbers_are_grouped_the_way_each_language_groups_them() {
        assert_eq!(Lang::En.grouped(dec!(534795.50)), "534,795.5");
        assert_eq!(Lang::Fr.grouped(dec!(534795.50)), "534\u{202F}795,5");
        assert_eq!(Lang::En.grouped(dec!(-1234)), "-1,234");
        assert_eq!(Lang::Fr.grouped(dec!(999)), "999");
        assert_eq!(Lang::Fr.as_typed(dec!(-1234.50)), "-1\u{202F}234,50");
        assert_eq!(Lang::En.as_typed(dec!(7)), "7");
    }

    #[test]
    fn rounded_numbers_and_percentages_follow_the_language() {
        assert_eq!(Lang::En.number(dec!(1234.565), 2), "1,234.57");
        assert_eq!(Lang::Fr.number(dec!(-0.004), 2), "0,00");
        assert_eq!(Lang::Fr.percent(dec!(7.80)), "7,8\u{00A0}%");
        assert_eq!(Lang::En.percent(dec!(14)), "14%");
    }

    #[test]
    fn formulas_show_figures_and_rates_to_their_display_precision() {
        let net = dec!(6980) / dec!(1.1);
        assert_eq!(Lang::En.figure(net), "6,345.4545");
        assert_eq!(Lang::Fr.figure(net), "6\u{202F}345,4545");
        assert_eq!(Lang::En.figure(dec!(16.30)), "16.3");
        let inverse = Decimal::ONE / dec!(171.78);
        assert_eq!(Lang::En.rate(inverse), "0.0058214");
        assert_eq!(Lang::En.rate(dec!(171.78)), "171.78");
        assert_eq!(Lang::En.rate(dec!(1.16570)), "1.1657");
        assert_eq!(Lang::En.rate(dec!(147.3612345)), "147.361");
    }

    #[test]
    fn a_pack_text_without_french_shows_its_english_in_both() {
        let name = Text::with_french("Amazon.co.jp", None);
        assert_eq!(
            (name.en.as_str(), name.fr.as_str()),
            ("Amazon.co.jp", "Amazon.co.jp")
        );
        let name = Text::with_french("Japan Customs", Some("Douane japonaise"));
        assert_eq!(name.get(Lang::Fr), "Douane japonaise");
    }

    #[test]
    fn a_text_built_per_language_holds_both() {
        let text = Text::by(|lang| {
            format!(
                "{} {}",
                lang.pick("Duty", "Droits"),
                lang.grouped(dec!(74760))
            )
        });
        assert_eq!(text.get(Lang::En), "Duty 74,760");
        assert_eq!(text.get(Lang::Fr), "Droits 74\u{202F}760");
    }
}
