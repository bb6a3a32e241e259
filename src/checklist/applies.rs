//! Whether one item applies: in force at the as-of date, and its condition evaluated for every
//! subject it may concern and every product of the plan. An item applies when its condition holds
//! for one of them; it depends on an answer when it holds for none but cannot be decided for some.

use chrono::NaiveDate;

use super::catalogue::Item;
use super::engine::Question;
use super::explain::{self, Audience};
use super::expr::{Atom, Truth};
use super::facts::{Profile, Subject};
use crate::plan::Plan;
use crate::text::Text;

/// An item that applies, or may apply.
pub(super) struct Found {
    pub truth: Truth,
    pub reason: Text,
    pub because: Vec<Atom>,
    /// The SKUs it applies to, for product rules.
    pub products: Vec<String>,
    /// The subjects (indices into the list evaluated) it applies or may apply to.
    pub subjects: Vec<usize>,
    /// What to answer to decide it where it is undecided.
    pub questions: Vec<Question>,
}

/// Evaluates `item` for `subjects`; `Err` is the reason it does not apply.
pub(super) fn evaluate_item(
    plan: &Plan,
    subjects: &[Subject],
    item: &Item,
    as_of: NaiveDate,
    audience: Audience,
) -> Result<Found, Text> {
    if let Some(from) = item.effective_from
        && as_of < from
    {
        return Err(explain::not_yet_in_force(from));
    }
    if let Some(until) = item.effective_until
        && as_of > until
    {
        return Err(explain::no_longer_in_force(until));
    }
    let expr = &item.applies_when.expr;
    let per_product = !plan.products.is_empty() && expr.mentions_product();
    let mut found = Tally::default();
    for (index, subject) in subjects.iter().enumerate() {
        let profiles: Vec<Profile> = if per_product {
            plan.products
                .iter()
                .map(|product| Profile::new(plan, subject, Some(product)))
                .collect()
        } else {
            vec![Profile::new(plan, subject, None)]
        };
        for profile in profiles {
            let evaluation = expr.evaluate(&profile);
            found.add(
                index,
                per_product,
                &profile,
                evaluation.truth,
                evaluation.because,
            );
        }
    }
    found.settle(audience)
}

#[derive(Default)]
struct Tally {
    first_yes: Option<Vec<Atom>>,
    no: Vec<Atom>,
    unknown: Vec<Atom>,
    products: Vec<String>,
    subjects: Vec<usize>,
    questions: Vec<Question>,
}

impl Tally {
    fn add(
        &mut self,
        subject: usize,
        per_product: bool,
        profile: &Profile,
        truth: Truth,
        because: Vec<Atom>,
    ) {
        if truth != Truth::No && !self.subjects.contains(&subject) {
            self.subjects.push(subject);
        }
        match truth {
            Truth::Yes => {
                if let Some(sku) = profile.sku.as_ref().filter(|_| per_product)
                    && !self.products.contains(sku)
                {
                    self.products.push(sku.clone());
                }
                self.first_yes.get_or_insert(because);
            }
            Truth::No => push_new(&mut self.no, because),
            Truth::Unknown => {
                for atom in &because {
                    let Atom::Fact { fact, .. } = atom else {
                        continue;
                    };
                    if let Some(input) = profile.input_ref(*fact)
                        && !self.questions.iter().any(|q| q.input == input)
                    {
                        self.questions.push(Question {
                            input,
                            text: explain::question(atom),
                        });
                    }
                }
                push_new(&mut self.unknown, because);
            }
        }
    }

    fn settle(self, audience: Audience) -> Result<Found, Text> {
        let (truth, reason, because) = match self.first_yes {
            Some(because) => (Truth::Yes, explain::applies(&because, audience), because),
            None if !self.unknown.is_empty() => (
                Truth::Unknown,
                explain::depends_on(&self.unknown),
                self.unknown,
            ),
            None => return Err(explain::does_not_apply(&self.no)),
        };
        Ok(Found {
            truth,
            reason,
            because,
            products: self.products,
            subjects: self.subjects,
            questions: self.questions,
        })
    }
}

fn push_new(into: &mut Vec<Atom>, atoms: Vec<Atom>) {
    for atom in atoms {
        if !into.contains(&atom) {
            into.push(atom);
        }
    }
}
