//! `applies_when`: a tiny, safe condition language over the seller profile.
//!
//! ```text
//! fulfilment == "fba" and has(radio_emitter)
//! marketplace in ["amazon-de", "amazon-fr"] and not seller_in_eu
//! has(toy) and toy_age_min_months < 36
//! ```
//! Grammar: `or` < `and` < `not` < comparison; parentheses group. Only the facts and flags listed in
//! [`Fact`] and [`ProductFlag`] exist; names, operators and literal types are checked when a catalogue
//! loads, so a typo fails the load instead of silently never applying. Nothing is executed.
//! Evaluation returns the atoms that decided the result, which become the item's reason.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::plan::channels::{ChannelPlan, Market};
use crate::plan::{
    Amount, Channel, Entity, Fulfilment, Marketplace, Plan, Product, ProductFlag, Target,
};

/// A fact about the profile an expression may test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// The Amazon marketplace (unknown for an own store).
    Marketplace,
    /// The market sold into (`jp`, `us`, `de`, `fr`, `uk`), for marketplaces and own stores alike.
    Market,
    /// The market is an EU member state.
    MarketInEu,
    /// The buyers are in another country than the seller.
    CrossBorder,
    /// Amazon's fulfilment option (unknown for an own store).
    Fulfilment,
    Channel,
    SellerCountry,
    SellerEntity,
    /// The seller's country is an EU member state.
    SellerInEu,
    ToyAgeMinMonths,
    MonthlySales,
    MonthlySalesCurrency,
    MonthlyUnits,
    /// Twelve times the monthly sales projection (thresholds such as the US INFORM Act count 12 months).
    AnnualSales,
    AnnualUnits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Boolean,
}

impl Fact {
    const ALL: [Fact; 15] = [
        Fact::Marketplace,
        Fact::Market,
        Fact::MarketInEu,
        Fact::CrossBorder,
        Fact::Fulfilment,
        Fact::Channel,
        Fact::SellerCountry,
        Fact::SellerEntity,
        Fact::SellerInEu,
        Fact::ToyAgeMinMonths,
        Fact::MonthlySales,
        Fact::MonthlySalesCurrency,
        Fact::MonthlyUnits,
        Fact::AnnualSales,
        Fact::AnnualUnits,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Fact::Marketplace => "marketplace",
            Fact::Market => "market",
            Fact::MarketInEu => "market_in_eu",
            Fact::CrossBorder => "cross_border",
            Fact::Fulfilment => "fulfilment",
            Fact::Channel => "channel",
            Fact::SellerCountry => "seller_country",
            Fact::SellerEntity => "seller_entity",
            Fact::SellerInEu => "seller_in_eu",
            Fact::ToyAgeMinMonths => "toy_age_min_months",
            Fact::MonthlySales => "monthly_sales",
            Fact::MonthlySalesCurrency => "monthly_sales_currency",
            Fact::MonthlyUnits => "monthly_units",
            Fact::AnnualSales => "annual_sales",
            Fact::AnnualUnits => "annual_units",
        }
    }

    fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|fact| fact.name() == name)
    }

    fn kind(self) -> Kind {
        match self {
            Fact::Marketplace
            | Fact::Market
            | Fact::Fulfilment
            | Fact::Channel
            | Fact::SellerCountry
            | Fact::SellerEntity
            | Fact::MonthlySalesCurrency => Kind::Text,
            Fact::SellerInEu | Fact::MarketInEu | Fact::CrossBorder => Kind::Boolean,
            Fact::ToyAgeMinMonths
            | Fact::MonthlySales
            | Fact::MonthlyUnits
            | Fact::AnnualSales
            | Fact::AnnualUnits => Kind::Number,
        }
    }

    /// The closed set of values a text fact can take, when there is one (checked at load).
    fn allowed_values(self) -> Option<Vec<&'static str>> {
        match self {
            Fact::Marketplace => Some(Marketplace::ALL.iter().map(|m| m.id()).collect()),
            Fact::Market => Some(Market::ALL.iter().map(|m| m.id()).collect()),
            Fact::Fulfilment => Some(Fulfilment::ALL.iter().map(|f| f.id()).collect()),
            Fact::Channel => Some(Channel::ALL.iter().map(|c| c.id()).collect()),
            Fact::SellerEntity => Some(Entity::ALL.iter().map(|e| e.id()).collect()),
            _ => None,
        }
    }

    /// Product facts make an item product-specific (its SKUs are listed).
    fn is_product_fact(self) -> bool {
        self == Fact::ToyAgeMinMonths
    }
}

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
    fn symbol(self) -> &'static str {
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
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(text) => write!(f, "\"{text}\""),
            Literal::Number(number) => write!(f, "{number}"),
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
            (_, Kind::Text) => fail(format!("`{}` needs a quoted text value", fact.name())),
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

    /// Evaluates over a profile; the atoms explain the result (true or false).
    pub fn evaluate(&self, profile: &Profile) -> Evaluation {
        match self {
            Expr::Const(value) => Evaluation {
                holds: *value,
                because: Vec::new(),
            },
            Expr::Has(FlagTest::Eee) => {
                let flags: Vec<String> = profile
                    .flags
                    .iter()
                    .filter(|flag| flag.implies_eee())
                    .map(|flag| flag.id().to_owned())
                    .collect();
                Evaluation::atom(!flags.is_empty(), Atom::Eee { flags })
            }
            Expr::Has(FlagTest::Flag(flag)) => {
                let holds = profile.flags.contains(flag);
                Evaluation::atom(
                    holds,
                    Atom::Flag {
                        flag: flag.id().into(),
                        present: holds,
                    },
                )
            }
            Expr::IsTrue(fact) => {
                let value = profile.value(*fact);
                let holds = value == Value::Boolean(true);
                Evaluation::atom(holds, Atom::fact(*fact, &value, None))
            }
            Expr::Compare(fact, op, literal) => {
                let value = profile.value(*fact);
                let holds = compare(&value, *op, literal);
                let rule = format!("{} {literal}", op.symbol());
                Evaluation::atom(holds, Atom::fact(*fact, &value, Some(rule)))
            }
            Expr::In(fact, literals) => {
                let value = profile.value(*fact);
                let holds = literals.iter().any(|l| compare(&value, CompareOp::Eq, l));
                let listed: Vec<String> = literals.iter().map(ToString::to_string).collect();
                let rule = format!("in [{}]", listed.join(", "));
                Evaluation::atom(holds, Atom::fact(*fact, &value, Some(rule)))
            }
            Expr::Not(inner) => {
                let inner = inner.evaluate(profile);
                Evaluation {
                    holds: !inner.holds,
                    because: inner.because,
                }
            }
            Expr::And(a, b) => {
                let left = a.evaluate(profile);
                if !left.holds {
                    return left;
                }
                let right = b.evaluate(profile);
                if !right.holds {
                    return right;
                }
                left.joined(right)
            }
            Expr::Or(a, b) => {
                let left = a.evaluate(profile);
                if left.holds {
                    return left;
                }
                let right = b.evaluate(profile);
                if right.holds {
                    return right;
                }
                left.joined(right)
            }
        }
    }
}

fn compare(value: &Value, op: CompareOp, literal: &Literal) -> bool {
    match (value, literal) {
        (Value::Text(value), Literal::Text(wanted)) => match op {
            CompareOp::Eq => value == wanted,
            CompareOp::Ne => value != wanted,
            _ => false,
        },
        (Value::Number(value), Literal::Number(wanted)) => match op {
            CompareOp::Eq => value == wanted,
            CompareOp::Ne => value != wanted,
            CompareOp::Lt => value < wanted,
            CompareOp::Le => value <= wanted,
            CompareOp::Gt => value > wanted,
            CompareOp::Ge => value >= wanted,
        },
        // An unknown fact satisfies no comparison: a missing projection never triggers a threshold.
        _ => false,
    }
}

/// The result of evaluating a condition, with the facts that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub holds: bool,
    pub because: Vec<Atom>,
}

impl Evaluation {
    fn atom(holds: bool, atom: Atom) -> Evaluation {
        Evaluation {
            holds,
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

/// One fact that decided a condition, as it is in the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Atom {
    /// `fact` has `value` (`None` when the plan does not say); `rule` is the test it was held against.
    Fact {
        fact: String,
        value: Option<String>,
        rule: Option<String>,
    },
    Flag {
        flag: String,
        present: bool,
    },
    /// Electrical or electronic equipment for EU rules; `flags` are the product flags that make it so.
    Eee {
        flags: Vec<String>,
    },
}

impl Atom {
    fn fact(fact: Fact, value: &Value, rule: Option<String>) -> Atom {
        Atom::Fact {
            fact: fact.name().into(),
            value: value.shown(),
            rule,
        }
    }

    pub fn describe_en(&self) -> String {
        match self {
            Atom::Flag {
                flag,
                present: true,
            } => format!("product has {flag}"),
            Atom::Flag {
                flag,
                present: false,
            } => format!("no product has {flag}"),
            Atom::Eee { flags } if flags.is_empty() => {
                "no product is electrical or electronic equipment".into()
            }
            Atom::Eee { flags } => format!(
                "product is electrical or electronic equipment ({})",
                flags.join(", ")
            ),
            Atom::Fact {
                fact,
                value: Some(value),
                ..
            } => format!("{fact} = {value}"),
            Atom::Fact {
                fact, value: None, ..
            } => format!("{fact} not given in the plan"),
        }
    }

    pub fn describe_fr(&self) -> String {
        match self {
            Atom::Flag {
                flag,
                present: true,
            } => format!("le produit a {flag}"),
            Atom::Flag {
                flag,
                present: false,
            } => format!("aucun produit n'a {flag}"),
            Atom::Eee { flags } if flags.is_empty() => {
                "aucun produit n'est un équipement électrique ou électronique".into()
            }
            Atom::Eee { flags } => format!(
                "le produit est un équipement électrique ou électronique ({})",
                flags.join(", ")
            ),
            Atom::Fact {
                fact,
                value: Some(value),
                ..
            } => format!("{fact} = {value}"),
            Atom::Fact {
                fact, value: None, ..
            } => format!("{fact} non renseigné dans le plan"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Number(Decimal),
    Boolean(bool),
    Unknown,
}

impl Value {
    fn shown(&self) -> Option<String> {
        match self {
            Value::Text(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Boolean(flag) => Some(flag.to_string()),
            Value::Unknown => None,
        }
    }
}

/// EU member states (ISO 3166 alpha-2), for `seller_in_eu`.
const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// What a checklist is evaluated for: a marketplace target, or an own-store channel selling into a
/// market.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Subject<'a> {
    Target(&'a Target),
    Store {
        channel: &'a ChannelPlan,
        market: Market,
    },
}

impl Subject<'_> {
    pub fn market(&self) -> Market {
        match self {
            Subject::Target(target) => Market::of(target.marketplace),
            Subject::Store { market, .. } => *market,
        }
    }

    /// Who buys: the target's channel, or the store's customers (consumers when not given).
    pub fn customers(&self) -> Channel {
        match self {
            Subject::Target(target) => target.channel,
            Subject::Store { channel, .. } => channel.customers.unwrap_or(Channel::B2c),
        }
    }
}

/// What a condition is evaluated over: the seller, one subject and (optionally) one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub marketplace: Option<Marketplace>,
    pub market: Market,
    pub fulfilment: Option<Fulfilment>,
    pub channel: Channel,
    pub seller_country: String,
    pub seller_entity: Entity,
    pub flags: BTreeSet<ProductFlag>,
    pub toy_age_min_months: Option<u32>,
    pub monthly_sales: Option<Amount>,
    pub monthly_units: Option<u32>,
}

impl Profile {
    /// The profile for one subject and one product (`None`: the seller-level profile without product
    /// facts). An own store has no marketplace, fulfilment option or sales projection.
    pub fn new(plan: &Plan, subject: &Subject, product: Option<&Product>) -> Profile {
        let target = match subject {
            Subject::Target(target) => Some(*target),
            Subject::Store { .. } => None,
        };
        Profile {
            marketplace: target.map(|t| t.marketplace),
            market: subject.market(),
            fulfilment: target.map(|t| t.fulfilment),
            channel: subject.customers(),
            seller_country: plan.seller.country.as_str().to_owned(),
            seller_entity: plan.seller.entity,
            flags: product.map_or_else(BTreeSet::new, |p| p.flags.iter().copied().collect()),
            toy_age_min_months: product.and_then(|p| p.toy_age_min_months),
            monthly_sales: target.and_then(|t| t.monthly_sales.clone()),
            monthly_units: target.and_then(|t| t.monthly_units),
        }
    }

    fn value(&self, fact: Fact) -> Value {
        let text = |s: &str| Value::Text(s.to_owned());
        let twelve = Decimal::from(12);
        match fact {
            Fact::Marketplace => self.marketplace.map_or(Value::Unknown, |m| text(m.id())),
            Fact::Market => text(self.market.id()),
            Fact::MarketInEu => Value::Boolean(EU_MEMBERS.contains(&self.market.country())),
            Fact::CrossBorder => Value::Boolean(self.market.country() != self.seller_country),
            Fact::Fulfilment => self.fulfilment.map_or(Value::Unknown, |f| text(f.id())),
            Fact::Channel => text(self.channel.id()),
            Fact::SellerCountry => text(&self.seller_country),
            Fact::SellerEntity => text(self.seller_entity.id()),
            Fact::SellerInEu => Value::Boolean(EU_MEMBERS.contains(&self.seller_country.as_str())),
            Fact::ToyAgeMinMonths => self
                .toy_age_min_months
                .map_or(Value::Unknown, |m| Value::Number(m.into())),
            Fact::MonthlySales => self
                .monthly_sales
                .as_ref()
                .map_or(Value::Unknown, |s| Value::Number(s.amount)),
            Fact::MonthlySalesCurrency => self
                .monthly_sales
                .as_ref()
                .map_or(Value::Unknown, |s| text(s.currency.as_str())),
            Fact::MonthlyUnits => self
                .monthly_units
                .map_or(Value::Unknown, |u| Value::Number(u.into())),
            Fact::AnnualSales => self
                .monthly_sales
                .as_ref()
                .and_then(|s| s.amount.checked_mul(twelve))
                .map_or(Value::Unknown, Value::Number),
            Fact::AnnualUnits => self
                .monthly_units
                .map_or(Value::Unknown, |u| Value::Number(Decimal::from(u) * twelve)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(fulfilment: Fulfilment, flags: &[ProductFlag]) -> Profile {
        Profile {
            marketplace: Some(Marketplace::AmazonJp),
            market: Market::Jp,
            fulfilment: Some(fulfilment),
            channel: Channel::B2c,
            seller_country: "FR".into(),
            seller_entity: Entity::Company,
            flags: flags.iter().copied().collect(),
            toy_age_min_months: None,
            monthly_sales: None,
            monthly_units: None,
        }
    }

    fn described(evaluation: &Evaluation) -> Vec<String> {
        evaluation.because.iter().map(Atom::describe_en).collect()
    }

    #[test]
    fn and_collects_both_atoms() {
        let expr = Expr::parse("fulfilment == \"fba\" and has(radio_emitter)").unwrap();
        let result = expr.evaluate(&profile(Fulfilment::Fba, &[ProductFlag::RadioEmitter]));
        assert!(result.holds);
        assert_eq!(
            described(&result),
            ["fulfilment = fba", "product has radio_emitter"]
        );
        let result = expr.evaluate(&profile(Fulfilment::Mfn, &[ProductFlag::RadioEmitter]));
        assert!(!result.holds);
        assert_eq!(described(&result), ["fulfilment = mfn"]);
    }

    #[test]
    fn precedence_not_and_or() {
        // not binds tighter than and, and tighter than or: (not a) and b or c.
        let expr = Expr::parse("not has(food) and fulfilment == \"mfn\" or has(toy)").unwrap();
        assert!(expr.evaluate(&profile(Fulfilment::Mfn, &[])).holds);
        assert!(
            !expr
                .evaluate(&profile(Fulfilment::Mfn, &[ProductFlag::Food]))
                .holds
        );
        assert!(
            expr.evaluate(&profile(Fulfilment::Fba, &[ProductFlag::Toy]))
                .holds
        );
        let grouped = Expr::parse("not (has(food) or has(toy))").unwrap();
        assert!(
            !grouped
                .evaluate(&profile(Fulfilment::Fba, &[ProductFlag::Toy]))
                .holds
        );
    }

    #[test]
    fn in_lists_and_numbers() {
        let expr = Expr::parse("fulfilment in [\"fba\", \"local-3pl\"]").unwrap();
        assert!(expr.evaluate(&profile(Fulfilment::Local3pl, &[])).holds);
        assert!(!expr.evaluate(&profile(Fulfilment::Mfn, &[])).holds);

        let expr = Expr::parse("has(toy) and toy_age_min_months < 36").unwrap();
        let mut toddler = profile(Fulfilment::Fba, &[ProductFlag::Toy]);
        toddler.toy_age_min_months = Some(35);
        assert!(expr.evaluate(&toddler).holds);
        toddler.toy_age_min_months = Some(36);
        assert!(!expr.evaluate(&toddler).holds);
        toddler.toy_age_min_months = None;
        let result = expr.evaluate(&toddler);
        assert!(!result.holds);
        assert_eq!(
            described(&result),
            ["toy_age_min_months not given in the plan"]
        );
    }

    #[test]
    fn eee_and_eu_membership() {
        let expr = Expr::parse("has(eee) and seller_in_eu").unwrap();
        assert!(
            expr.evaluate(&profile(
                Fulfilment::Fba,
                &[ProductFlag::LiBatteryContained]
            ))
            .holds
        );
        assert!(
            !expr
                .evaluate(&profile(Fulfilment::Fba, &[ProductFlag::Food]))
                .holds
        );
        let mut us = profile(Fulfilment::Fba, &[ProductFlag::MainsElectrical]);
        us.seller_country = "US".into();
        assert!(!expr.evaluate(&us).holds);
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
        let result = Expr::parse("annual_sales > 1").unwrap().evaluate(&p);
        assert!(!result.holds);
        assert_eq!(
            result.because[0].describe_en(),
            "annual_sales not given in the plan"
        );
    }

    #[test]
    fn thresholds_on_projections() {
        let expr =
            Expr::parse("monthly_sales_currency == \"USD\" and monthly_sales > 10000").unwrap();
        let mut p = profile(Fulfilment::Fba, &[]);
        p.monthly_sales = Some(Amount {
            amount: Decimal::from(10_001),
            currency: "USD".to_owned().try_into().unwrap(),
        });
        assert!(expr.evaluate(&p).holds);
        p.monthly_sales = Some(Amount {
            amount: Decimal::from(10_000),
            currency: "USD".to_owned().try_into().unwrap(),
        });
        assert!(!expr.evaluate(&p).holds);
        // 17 units a month projects to 204 a year (≥ 200), 16 to 192.
        let expr = Expr::parse("annual_units >= 200").unwrap();
        p.monthly_units = Some(17);
        assert!(expr.evaluate(&p).holds);
        p.monthly_units = Some(16);
        assert!(!expr.evaluate(&p).holds);
    }
}
