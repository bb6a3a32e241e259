//! `applies_when`: a tiny, safe condition language over the seller profile.
//!
//! ```text
//! fulfilment == "fba" and has(radio_emitter)
//! marketplace in ["amazon-de", "amazon-fr"] and not seller_in_eu
//! has(toy) and toy_age_min_months < 36
//! monthly_sales > 10000 USD
//! ```
//! Grammar: `or` < `and` < `not` < comparison; parentheses group. Only the facts and flags listed in
//! [`Fact`] and [`ProductFlag`] exist; names, operators and literal types are checked when a catalogue
//! loads, so a typo fails the load instead of silently never applying. Nothing is executed.
//!
//! Evaluation has three outcomes: a condition holds, does not hold, or cannot be decided because the
//! plan does not give a fact it reads (Kleene logic: `false and unknown` is false, `true or unknown` is
//! true, anything else with an unknown is unknown). The atoms that decided the outcome come back with
//! it; for an undecided one they are the facts still to answer.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

pub use super::facts::{Fact, Kind, Profile, Subject, Value};
use crate::plan::ProductFlag;

/// A flag test: a product flag, or `eee` (any electrical or battery flag, for EU rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagTest {
    Flag(ProductFlag),
    Eee,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Text(String),
    Number(Decimal),
    /// An amount and its currency code (`10000 USD`).
    Money(Decimal, String),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(text) => write!(f, "\"{text}\""),
            Literal::Number(number) => write!(f, "{number}"),
            Literal::Money(amount, currency) => write!(f, "{amount} {currency}"),
        }
    }
}

/// A parsed, checked condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Const(bool),
    Has(FlagTest),
    IsTrue(Fact),
    Compare(Fact, CompareOp, Literal),
    In(Fact, Vec<Literal>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

/// A parse error with the 1-based character column where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct ExprError {
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Text(String),
    Number(Decimal),
    Op(CompareOp),
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Comma,
}

fn tokenize(source: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let error = |at: usize, message: String| ExprError {
        column: at + 1,
        message,
    };
    while let Some(&c) = chars.get(i) {
        let start = i;
        let next = chars.get(i + 1).copied();
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '(' => Token::Open,
            ')' => Token::Close,
            '[' => Token::OpenBracket,
            ']' => Token::CloseBracket,
            ',' => Token::Comma,
            '=' if next == Some('=') => Token::Op(CompareOp::Eq),
            '!' if next == Some('=') => Token::Op(CompareOp::Ne),
            '<' if next == Some('=') => Token::Op(CompareOp::Le),
            '>' if next == Some('=') => Token::Op(CompareOp::Ge),
            '<' => Token::Op(CompareOp::Lt),
            '>' => Token::Op(CompareOp::Gt),
            '"' => {
                let close = chars
                    .iter()
                    .skip(i + 1)
                    .position(|&ch| ch == '"')
                    .ok_or_else(|| error(start, "unterminated string".into()))?;
                let text: String = chars.iter().skip(i + 1).take(close).collect();
                i += close + 2;
                tokens.push((start, Token::Text(text)));
                continue;
            }
            c if c.is_ascii_digit() => {
                let len = chars
                    .iter()
                    .skip(i)
                    .take_while(|ch| ch.is_ascii_digit() || **ch == '.')
                    .count();
                let text: String = chars.iter().skip(i).take(len).collect();
                let number = text
                    .parse::<Decimal>()
                    .map_err(|_| error(start, format!("\"{text}\" is not a number")))?;
                i += len;
                tokens.push((start, Token::Number(number)));
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let len = chars
                    .iter()
                    .skip(i)
                    .take_while(|ch| ch.is_ascii_alphanumeric() || **ch == '_')
                    .count();
                let word: String = chars.iter().skip(i).take(len).collect();
                i += len;
                tokens.push((start, Token::Ident(word)));
                continue;
            }
            other => return Err(error(start, format!("unexpected character '{other}'"))),
        };
        i += match token {
            Token::Op(CompareOp::Lt | CompareOp::Gt) => 1,
            Token::Op(_) => 2,
            _ => 1,
        };
        tokens.push((start, token));
    }
    Ok(tokens)
}

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<(usize, Token)>,
    next: usize,
    end_column: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(_, token)| token)
    }

    fn column(&self) -> usize {
        self.tokens
            .get(self.next)
            .map_or(self.end_column, |(at, _)| at + 1)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError {
            column: self.column(),
            message: message.into(),
        })
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.next).map(|(_, token)| token.clone());
        self.next += 1;
        token
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Ident(word)) if word == keyword)
    }

    fn expect(&mut self, wanted: Token, what: &str) -> Result<(), ExprError> {
        if self.peek() == Some(&wanted) {
            self.next += 1;
            Ok(())
        } else {
            self.error(format!("expected {what}"))
        }
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.and()?;
        while self.at_keyword("or") {
            self.next += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.not()?;
        while self.at_keyword("and") {
            self.next += 1;
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        let result = if self.at_keyword("not") {
            self.next += 1;
            self.not().map(|inner| Expr::Not(Box::new(inner)))
        } else {
            self.atom()
        };
        self.depth -= 1;
        result
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        let column = self.column();
        match self.bump() {
            Some(Token::Open) => {
                let inner = self.or()?;
                self.expect(Token::Close, "')'")?;
                Ok(inner)
            }
            Some(Token::Ident(word)) => match word.as_str() {
                "true" => Ok(Expr::Const(true)),
                "false" => Ok(Expr::Const(false)),
                "has" => self.has(),
                _ => self.fact_test(&word, column),
            },
            Some(_) => Err(ExprError {
                column,
                message: "expected a condition".into(),
            }),
            None => self.error("expected a condition, found the end"),
        }
    }

    fn has(&mut self) -> Result<Expr, ExprError> {
        self.expect(Token::Open, "'(' after has")?;
        let column = self.column();
        let Some(Token::Ident(name)) = self.bump() else {
            return Err(ExprError {
                column,
                message: "expected a product flag name".into(),
            });
        };
        let test = if name == "eee" {
            FlagTest::Eee
        } else {
            FlagTest::Flag(ProductFlag::from_id(&name).ok_or_else(|| ExprError {
                column,
                message: format!("unknown product flag `{name}`"),
            })?)
        };
        self.expect(Token::Close, "')'")?;
        Ok(Expr::Has(test))
    }

    fn fact_test(&mut self, name: &str, column: usize) -> Result<Expr, ExprError> {
        let fact = Fact::from_name(name).ok_or_else(|| ExprError {
            column,
            message: format!("unknown fact `{name}`"),
        })?;
        if fact.kind() == Kind::Boolean {
            return Ok(Expr::IsTrue(fact));
        }
        if self.at_keyword("in") {
            self.next += 1;
            self.expect(Token::OpenBracket, "'[' after in")?;
            let mut values = vec![self.literal(fact)?];
            while self.peek() == Some(&Token::Comma) {
                self.next += 1;
                values.push(self.literal(fact)?);
            }
            self.expect(Token::CloseBracket, "']'")?;
            return Ok(Expr::In(fact, values));
        }
        let Some(Token::Op(op)) = self.peek().cloned() else {
            return self.error(format!("expected a comparison or `in` after `{name}`"));
        };
        self.next += 1;
        if fact.kind() == Kind::Text && !matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Err(ExprError {
                column,
                message: format!("`{name}` is text: only == and != apply"),
            });
        }
        let value = self.literal(fact)?;
        Ok(Expr::Compare(fact, op, value))
    }

    fn literal(&mut self, fact: Fact) -> Result<Literal, ExprError> {
        let column = self.column();
        let fail = |message: String| Err(ExprError { column, message });
        match (self.bump(), fact.kind()) {
            (Some(Token::Text(text)), Kind::Text) => match fact.allowed_values() {
                Some(allowed) if !allowed.contains(&text.as_str()) => fail(format!(
                    "`{}` cannot be \"{text}\" (expected one of {})",
                    fact.name(),
                    allowed.join(", ")
                )),
                _ => Ok(Literal::Text(text)),
            },
            (Some(Token::Number(number)), Kind::Number) => Ok(Literal::Number(number)),
            (Some(Token::Number(amount)), Kind::Money) => match self.bump() {
                Some(Token::Ident(code))
                    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) =>
                {
                    Ok(Literal::Money(amount, code))
                }
                _ => fail(format!(
                    "`{}` needs an amount and a currency, e.g. 10000 USD",
                    fact.name()
                )),
            },
            (_, Kind::Text) => fail(format!("`{}` needs a quoted text value", fact.name())),
            (_, Kind::Money) => fail(format!(
                "`{}` needs an amount and a currency, e.g. 10000 USD",
                fact.name()
            )),
            _ => fail(format!("`{}` needs a number", fact.name())),
        }
    }
}

impl Expr {
    pub fn parse(source: &str) -> Result<Expr, ExprError> {
        let mut parser = Parser {
            tokens: tokenize(source)?,
            next: 0,
            end_column: source.chars().count() + 1,
            depth: 0,
        };
        let expr = parser.or()?;
        if parser.peek().is_some() {
            return parser.error("unexpected text after the condition");
        }
        Ok(expr)
    }

    /// Whether the expression looks at product facts (then the item lists the SKUs it applies to).
    pub fn mentions_product(&self) -> bool {
        match self {
            Expr::Const(_) => false,
            Expr::Has(_) => true,
            Expr::IsTrue(fact) | Expr::Compare(fact, _, _) | Expr::In(fact, _) => {
                fact.is_product_fact()
            }
            Expr::Not(inner) => inner.mentions_product(),
            Expr::And(a, b) | Expr::Or(a, b) => a.mentions_product() || b.mentions_product(),
        }
    }

    /// Every fact the expression reads.
    pub fn facts(&self) -> Vec<Fact> {
        let mut found = Vec::new();
        self.collect_facts(&mut found);
        found
    }

    fn collect_facts(&self, found: &mut Vec<Fact>) {
        match self {
            Expr::Const(_) | Expr::Has(_) => {}
            Expr::IsTrue(fact) | Expr::Compare(fact, _, _) | Expr::In(fact, _) => {
                if !found.contains(fact) {
                    found.push(*fact);
                }
            }
            Expr::Not(inner) => inner.collect_facts(found),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.collect_facts(found);
                b.collect_facts(found);
            }
        }
    }

    /// Evaluates over a profile; the atoms explain the outcome.
    pub fn evaluate(&self, profile: &Profile) -> Evaluation {
        match self {
            Expr::Const(value) => Evaluation {
                truth: Truth::from(*value),
                because: Vec::new(),
            },
            Expr::Has(FlagTest::Eee) => {
                let flags: Vec<ProductFlag> = profile
                    .flags
                    .iter()
                    .copied()
                    .filter(|flag| flag.implies_eee())
                    .collect();
                Evaluation::atom(Truth::from(!flags.is_empty()), Atom::Eee { flags })
            }
            Expr::Has(FlagTest::Flag(flag)) => {
                let present = profile.flags.contains(flag);
                Evaluation::atom(
                    Truth::from(present),
                    Atom::Flag {
                        flag: *flag,
                        present,
                    },
                )
            }
            Expr::IsTrue(fact) => {
                let value = profile.value(*fact);
                let truth = match value {
                    Value::Boolean(flag) => Truth::from(flag),
                    Value::Unknown => Truth::Unknown,
                    _ => Truth::No,
                };
                Evaluation::atom(truth, Atom::fact(*fact, value, None))
            }
            Expr::Compare(fact, op, literal) => {
                let value = profile.value(*fact);
                let truth = compare(&value, *op, literal);
                let test = Test::Compare(*op, literal.clone());
                Evaluation::atom(truth, Atom::fact(*fact, value, Some(test)))
            }
            Expr::In(fact, literals) => {
                let value = profile.value(*fact);
                let truth = literals
                    .iter()
                    .map(|l| compare(&value, CompareOp::Eq, l))
                    .fold(Truth::No, Truth::or);
                let test = Test::In(literals.clone());
                Evaluation::atom(truth, Atom::fact(*fact, value, Some(test)))
            }
            Expr::Not(inner) => {
                let inner = inner.evaluate(profile);
                Evaluation {
                    truth: inner.truth.not(),
                    because: inner.because,
                }
            }
            Expr::And(a, b) => {
                let left = a.evaluate(profile);
                if left.truth == Truth::No {
                    return left;
                }
                let right = b.evaluate(profile);
                match (left.truth, right.truth) {
                    (_, Truth::No) => right,
                    (Truth::Yes, Truth::Yes) | (Truth::Unknown, Truth::Unknown) => {
                        left.joined(right)
                    }
                    // Only the undecided side is what the outcome waits for.
                    (Truth::Unknown, _) => left,
                    _ => right,
                }
            }
            Expr::Or(a, b) => {
                let left = a.evaluate(profile);
                if left.truth == Truth::Yes {
                    return left;
                }
                let right = b.evaluate(profile);
                match (left.truth, right.truth) {
                    (_, Truth::Yes) => right,
                    (Truth::No, Truth::No) | (Truth::Unknown, Truth::Unknown) => left.joined(right),
                    (Truth::Unknown, _) => left,
                    _ => right,
                }
            }
        }
    }
}

/// The outcome of a condition: three-valued, so a fact the plan does not give never reads as a no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    Yes,
    No,
    Unknown,
}

impl From<bool> for Truth {
    fn from(value: bool) -> Truth {
        if value { Truth::Yes } else { Truth::No }
    }
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }

    fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
            (Truth::No, Truth::No) => Truth::No,
            _ => Truth::Unknown,
        }
    }
}

/// A comparison of a value with a literal: text only equals or differs; an unknown value decides
/// nothing; an absent one equals nothing; amounts compare only in the same currency.
fn compare(value: &Value, op: CompareOp, literal: &Literal) -> Truth {
    let ordered = |ordering: std::cmp::Ordering| {
        use std::cmp::Ordering::{Equal, Greater, Less};
        Truth::from(match op {
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        })
    };
    match (value, literal) {
        (Value::Unknown, _) => Truth::Unknown,
        (Value::Absent, _) => Truth::from(op == CompareOp::Ne),
        (Value::Text(value), Literal::Text(wanted)) => match op {
            CompareOp::Eq | CompareOp::Ne => ordered(value.cmp(wanted)),
            _ => Truth::No,
        },
        (Value::Number(value), Literal::Number(wanted)) => ordered(value.cmp(wanted)),
        // A projection in another currency than the threshold's cannot be judged without a rate.
        (Value::Money(_, currency), Literal::Money(_, wanted)) if currency != wanted => {
            Truth::Unknown
        }
        (Value::Money(value, _), Literal::Money(wanted, _)) => ordered(value.cmp(wanted)),
        _ => Truth::No,
    }
}

/// The result of evaluating a condition, with the facts that decided it (for an undecided result,
/// the facts still to answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub truth: Truth,
    pub because: Vec<Atom>,
}

impl Evaluation {
    fn atom(truth: Truth, atom: Atom) -> Evaluation {
        Evaluation {
            truth,
            because: vec![atom],
        }
    }

    fn joined(mut self, other: Evaluation) -> Evaluation {
        for atom in other.because {
            if !self.because.contains(&atom) {
                self.because.push(atom);
            }
        }
        self
    }
}

/// The test a fact was held against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    Compare(CompareOp, Literal),
    In(Vec<Literal>),
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Test::Compare(op, literal) => write!(f, "{} {literal}", op.symbol()),
            Test::In(literals) => {
                let listed: Vec<String> = literals.iter().map(ToString::to_string).collect();
                write!(f, "in [{}]", listed.join(", "))
            }
        }
    }
}

/// One fact that decided a condition, as it is in the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(into = "AtomView")]
#[ts(as = "AtomView")]
pub enum Atom {
    /// `fact` has `value`; `test` is what it was held against.
    Fact {
        fact: Fact,
        value: Value,
        test: Option<Test>,
    },
    Flag {
        flag: ProductFlag,
        present: bool,
    },
    /// Electrical or electronic equipment for EU rules; `flags` are the product flags that make it so.
    Eee {
        flags: Vec<ProductFlag>,
    },
}

impl Atom {
    fn fact(fact: Fact, value: Value, test: Option<Test>) -> Atom {
        Atom::Fact { fact, value, test }
    }
}

/// An atom as it is written in JSON: the fact and its value as text (`null` when not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "Atom")]
pub enum AtomView {
    Fact {
        fact: Fact,
        value: Option<String>,
        rule: Option<String>,
    },
    Flag {
        flag: ProductFlag,
        present: bool,
    },
    Eee {
        flags: Vec<ProductFlag>,
    },
}

impl From<Atom> for AtomView {
    fn from(atom: Atom) -> AtomView {
        match atom {
            Atom::Fact { fact, value, test } => AtomView::Fact {
                fact,
                value: match value {
                    Value::Text(text) => Some(text),
                    Value::Number(number) => Some(number.to_string()),
                    Value::Money(amount, currency) => Some(format!("{amount} {currency}")),
                    Value::Boolean(flag) => Some(flag.to_string()),
                    Value::Unknown | Value::Absent => None,
                },
                rule: test.map(|test| test.to_string()),
            },
            Atom::Flag { flag, present } => AtomView::Flag { flag, present },
            Atom::Eee { flags } => AtomView::Eee { flags },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::channels::Market;
    use crate::plan::{Amount, Channel, Entity, Fulfilment, Marketplace};

    fn profile(fulfilment: Fulfilment, flags: &[ProductFlag]) -> Profile {
        Profile {
            marketplace: Some(Marketplace::AmazonJp),
            channel_id: None,
            market: Market::Jp,
            fulfilment: Some(fulfilment),
            channel: Channel::B2c,
            seller_country: "FR".into(),
            seller_entity: Entity::Company,
            sku: Some("P-1".into()),
            flags: flags.iter().copied().collect(),
            toy_age_min_months: None,
            origin: None,
            monthly_sales: None,
            monthly_units: None,
        }
    }

    fn holds(source: &str, profile: &Profile) -> Truth {
        Expr::parse(source).unwrap().evaluate(profile).truth
    }

    fn sales(amount: i64, currency: &str) -> Option<Amount> {
        Some(Amount {
            amount: Decimal::from(amount),
            currency: currency.to_owned().try_into().unwrap(),
        })
    }

    #[test]
    fn and_collects_both_atoms() {
        let expr = Expr::parse("fulfilment == \"fba\" and has(radio_emitter)").unwrap();
        let result = expr.evaluate(&profile(Fulfilment::Fba, &[ProductFlag::RadioEmitter]));
        assert_eq!(result.truth, Truth::Yes);
        assert_eq!(result.because.len(), 2);
        assert!(matches!(
            result.because[1],
            Atom::Flag {
                flag: ProductFlag::RadioEmitter,
                present: true
            }
        ));
        let result = expr.evaluate(&profile(Fulfilment::Mfn, &[ProductFlag::RadioEmitter]));
        assert_eq!(result.truth, Truth::No);
        assert_eq!(
            result.because,
            [Atom::Fact {
                fact: Fact::Fulfilment,
                value: Value::Text("mfn".into()),
                test: Some(Test::Compare(CompareOp::Eq, Literal::Text("fba".into()))),
            }]
        );
    }

    #[test]
    fn precedence_not_and_or() {
        // not binds tighter than and, and tighter than or: (not a) and b or c.
        let source = "not has(food) and fulfilment == \"mfn\" or has(toy)";
        assert_eq!(holds(source, &profile(Fulfilment::Mfn, &[])), Truth::Yes);
        assert_eq!(
            holds(source, &profile(Fulfilment::Mfn, &[ProductFlag::Food])),
            Truth::No
        );
        assert_eq!(
            holds(source, &profile(Fulfilment::Fba, &[ProductFlag::Toy])),
            Truth::Yes
        );
        assert_eq!(
            holds(
                "not (has(food) or has(toy))",
                &profile(Fulfilment::Fba, &[ProductFlag::Toy])
            ),
            Truth::No
        );
    }

    #[test]
    fn in_lists_and_numbers() {
        let source = "fulfilment in [\"fba\", \"local-3pl\"]";
        assert_eq!(
            holds(source, &profile(Fulfilment::Local3pl, &[])),
            Truth::Yes
        );
        assert_eq!(holds(source, &profile(Fulfilment::Mfn, &[])), Truth::No);

        let source = "has(toy) and toy_age_min_months < 36";
        let mut toddler = profile(Fulfilment::Fba, &[ProductFlag::Toy]);
        toddler.toy_age_min_months = Some(35);
        assert_eq!(holds(source, &toddler), Truth::Yes);
        toddler.toy_age_min_months = Some(36);
        assert_eq!(holds(source, &toddler), Truth::No);
    }

    #[test]
    fn a_missing_fact_is_undecided_and_names_only_what_is_missing() {
        let expr = Expr::parse("has(toy) and toy_age_min_months < 36").unwrap();
        let toy = profile(Fulfilment::Fba, &[ProductFlag::Toy]);
        let result = expr.evaluate(&toy);
        assert_eq!(result.truth, Truth::Unknown);
        assert_eq!(
            result.because,
            [Atom::Fact {
                fact: Fact::ToyAgeMinMonths,
                value: Value::Unknown,
                test: Some(Test::Compare(CompareOp::Lt, Literal::Number(36.into()))),
            }]
        );
        // A known "no" elsewhere decides: no toy, nothing to ask.
        assert_eq!(
            expr.evaluate(&profile(Fulfilment::Fba, &[])).truth,
            Truth::No
        );
        // A known "yes" elsewhere decides an or.
        let either = "has(food) or toy_age_min_months < 36";
        assert_eq!(
            holds(either, &profile(Fulfilment::Fba, &[ProductFlag::Food])),
            Truth::Yes
        );
        assert_eq!(holds(either, &toy), Truth::Unknown);
        // Negation keeps it undecided.
        assert_eq!(holds("not toy_age_min_months < 36", &toy), Truth::Unknown);
    }

    #[test]
    fn an_absent_fact_equals_nothing() {
        let mut store = profile(Fulfilment::Mfn, &[]);
        store.marketplace = None;
        assert_eq!(holds("marketplace == \"amazon-jp\"", &store), Truth::No);
        assert_eq!(holds("marketplace != \"amazon-jp\"", &store), Truth::Yes);
        assert_eq!(holds("marketplace in [\"amazon-jp\"]", &store), Truth::No);
        // An own store without a fulfilment mode: undecided, not absent.
        store.fulfilment = None;
        assert_eq!(holds("fulfilment == \"mfn\"", &store), Truth::Unknown);
    }

    #[test]
    fn eee_and_eu_membership() {
        let source = "has(eee) and seller_in_eu";
        assert_eq!(
            holds(
                source,
                &profile(Fulfilment::Fba, &[ProductFlag::LiBatteryContained])
            ),
            Truth::Yes
        );
        assert_eq!(
            holds(source, &profile(Fulfilment::Fba, &[ProductFlag::Food])),
            Truth::No
        );
        let mut us = profile(Fulfilment::Fba, &[ProductFlag::MainsElectrical]);
        us.seller_country = "US".into();
        assert_eq!(holds(source, &us), Truth::No);
    }

    #[test]
    fn errors_name_the_column() {
        let cases = [
            ("fulfilment == \"fbm\"", 15, "cannot be \"fbm\""),
            ("has(radio)", 5, "unknown product flag `radio`"),
            ("fulfillment == \"fba\"", 1, "unknown fact `fulfillment`"),
            ("has(toy) and", 13, "found the end"),
            ("(has(toy)", 10, "expected ')'"),
            ("toy_age_min_months < \"3\"", 22, "needs a number"),
            ("fulfilment < \"fba\"", 1, "only == and !="),
            ("has(toy) has(food)", 10, "unexpected text"),
            ("has(toy) ; x", 10, "unexpected character ';'"),
            ("marketplace == \"amazon-jp", 16, "unterminated string"),
            (
                "monthly_sales > 10000",
                17,
                "needs an amount and a currency",
            ),
            (
                "monthly_sales > 10000 usd",
                17,
                "needs an amount and a currency",
            ),
            (
                "monthly_sales_currency == \"USD\"",
                1,
                "unknown fact `monthly_sales_currency`",
            ),
            (&"(".repeat(100_000), 65, "nested more than 64 levels deep"),
            (
                &"not ".repeat(100_000),
                257,
                "nested more than 64 levels deep",
            ),
        ];
        for (source, column, needle) in cases {
            let err = Expr::parse(source).unwrap_err();
            assert_eq!(err.column, column, "{source}: {err}");
            assert!(err.message.contains(needle), "{source}: {err}");
        }
    }

    #[test]
    fn a_projection_too_large_to_annualise_is_unknown_not_a_panic() {
        let mut p = profile(Fulfilment::Fba, &[]);
        p.monthly_sales = Some(Amount {
            amount: Decimal::MAX,
            currency: "USD".to_owned().try_into().unwrap(),
        });
        assert_eq!(holds("annual_sales > 1 USD", &p), Truth::Unknown);
    }

    #[test]
    fn thresholds_on_projections_compare_amounts_in_the_same_currency() {
        let source = "monthly_sales > 10000 USD";
        let mut p = profile(Fulfilment::Fba, &[]);
        assert_eq!(
            holds(source, &p),
            Truth::Unknown,
            "no projection: a question"
        );
        p.monthly_sales = sales(10_001, "USD");
        assert_eq!(holds(source, &p), Truth::Yes);
        p.monthly_sales = sales(10_000, "USD");
        assert_eq!(holds(source, &p), Truth::No);
        // 20,000 EUR may or may not exceed 10,000 USD for the engine, which holds no rate.
        p.monthly_sales = sales(20_000, "EUR");
        assert_eq!(holds(source, &p), Truth::Unknown);
        // 17 units a month projects to 204 a year (≥ 200), 16 to 192.
        p.monthly_units = Some(17);
        assert_eq!(holds("annual_units >= 200", &p), Truth::Yes);
        p.monthly_units = Some(16);
        assert_eq!(holds("annual_units >= 200", &p), Truth::No);
        p.monthly_sales = sales(417, "USD");
        assert_eq!(holds("annual_sales >= 5000 USD", &p), Truth::Yes);
        p.monthly_sales = sales(416, "USD");
        assert_eq!(holds("annual_sales >= 5000 USD", &p), Truth::No);
    }
}
