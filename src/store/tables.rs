//! The plan tables: header and seller, targets, products. Written inside the caller's transaction.
//! Products are compared with what is stored, so saving one edit to a large catalogue writes one row.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::{PlanId, StoreError};
use crate::plan::{Amount, Plan};

fn amount_columns(amount: Option<&Amount>) -> (Option<String>, Option<String>) {
    match amount {
        Some(amount) => (
            Some(amount.amount.to_string()),
            Some(amount.currency.as_str().to_owned()),
        ),
        None => (None, None),
    }
}

fn enum_id<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => Ok(id),
        _ => Err(StoreError::Corrupt(
            "a plan enum did not serialise to a string".into(),
        )),
    }
}

pub(super) fn write(tx: &Transaction<'_>, id: PlanId, plan: &Plan) -> Result<(), StoreError> {
    let (capital_amount, capital_currency) = amount_columns(plan.seller.capital.as_ref());
    tx.execute(
        "INSERT INTO plan_headers (plan_id, as_of, home_currency, seller_country, seller_entity, \
         capital_amount, capital_currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (plan_id) DO UPDATE SET as_of = excluded.as_of, \
         home_currency = excluded.home_currency, seller_country = excluded.seller_country, \
         seller_entity = excluded.seller_entity, capital_amount = excluded.capital_amount, \
         capital_currency = excluded.capital_currency",
        params![
            id.0,
            plan.plan.as_of.to_string(),
            plan.plan.home_currency.as_str(),
            plan.seller.country.as_str(),
            enum_id(&plan.seller.entity)?,
            capital_amount,
            capital_currency
        ],
    )?;

    tx.execute("DELETE FROM plan_targets WHERE plan_id = ?1", [id.0])?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO plan_targets (plan_id, position, marketplace, fulfilment, channel, \
             monthly_sales_amount, monthly_sales_currency, monthly_units) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (position, target) in plan.targets.iter().enumerate() {
            let (sales_amount, sales_currency) = amount_columns(target.monthly_sales.as_ref());
            insert.execute(params![
                id.0,
                position as i64,
                target.marketplace.id(),
                target.fulfilment.id(),
                target.channel.id(),
                sales_amount,
                sales_currency,
                target.monthly_units
            ])?;
        }
    }

    write_products(tx, id, plan)
}

fn write_products(tx: &Transaction<'_>, id: PlanId, plan: &Plan) -> Result<(), StoreError> {
    let mut stored: HashMap<String, (i64, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT sku, position, content FROM plan_products WHERE plan_id = ?1",
        )?;
        let rows = stmt.query_map([id.0], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut upsert = tx.prepare_cached(
        "INSERT INTO plan_products (plan_id, sku, position, name, hs_code, category, \
         unit_cost_amount, unit_cost_currency, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         ON CONFLICT (plan_id, sku) DO UPDATE SET position = excluded.position, name = excluded.name, \
         hs_code = excluded.hs_code, category = excluded.category, \
         unit_cost_amount = excluded.unit_cost_amount, \
         unit_cost_currency = excluded.unit_cost_currency, content = excluded.content",
    )?;
    for (position, product) in plan.products.iter().enumerate() {
        let position = position as i64;
        let content = serde_json::to_string(product)
            .map_err(|err| StoreError::Corrupt(format!("product {}: {err}", product.sku)))?;
        if let Some((stored_position, stored_content)) = stored.remove(&product.sku)
            && stored_position == position
            && stored_content == content
        {
            continue;
        }
        let (cost_amount, cost_currency) = amount_columns(product.unit_cost.as_ref());
        upsert.execute(params![
            id.0,
            product.sku,
            position,
            product.name,
            product.hs_code,
            product.category,
            cost_amount,
            cost_currency,
            content
        ])?;
    }
    let mut delete =
        tx.prepare_cached("DELETE FROM plan_products WHERE plan_id = ?1 AND sku = ?2")?;
    for sku in stored.keys() {
        delete.execute(params![id.0, sku])?;
    }
    Ok(())
}
