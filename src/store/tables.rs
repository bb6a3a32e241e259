//! The plan tables: header (with seller and targets), targets, products. Written inside the caller's
//! transaction. Each row also holds its part of the plan as JSON, so a plan reads back exactly as saved,
//! whatever fields the plan room adds. Products are compared with what is stored, so saving one edit to
//! a large catalogue writes one row.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};
use serde_json::Value;

use super::{PlanId, StoreError};
use crate::plan::{Amount, Plan, Product};

fn amount_columns(amount: Option<&Amount>) -> (Option<String>, Option<String>) {
    match amount {
        Some(amount) => (
            Some(amount.amount.to_string()),
            Some(amount.currency.as_str().to_owned()),
        ),
        None => (None, None),
    }
}

fn json_error(what: &str) -> impl FnOnce(serde_json::Error) -> StoreError + '_ {
    move |err| StoreError::Corrupt(format!("{what}: {err}"))
}

pub(super) fn write(tx: &Transaction<'_>, id: PlanId, plan: &Plan) -> Result<(), StoreError> {
    let mut value = serde_json::to_value(plan).map_err(json_error("plan"))?;
    let products = match value.as_object_mut().and_then(|o| o.remove("products")) {
        Some(Value::Array(products)) => products,
        _ => Vec::new(),
    };
    let entity = value["seller"]["entity"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (capital_amount, capital_currency) = amount_columns(plan.seller.capital.as_ref());
    tx.execute(
        "INSERT INTO plan_headers (plan_id, as_of, home_currency, seller_country, seller_entity, \
         capital_amount, capital_currency, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (plan_id) DO UPDATE SET as_of = excluded.as_of, \
         home_currency = excluded.home_currency, seller_country = excluded.seller_country, \
         seller_entity = excluded.seller_entity, capital_amount = excluded.capital_amount, \
         capital_currency = excluded.capital_currency, content = excluded.content",
        params![
            id.0,
            plan.plan.as_of.to_string(),
            plan.plan.home_currency.as_str(),
            plan.seller.country.as_str(),
            entity,
            capital_amount,
            capital_currency,
            value.to_string()
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

    write_products(tx, id, &plan.products, &products)
}

fn write_products(
    tx: &Transaction<'_>,
    id: PlanId,
    products: &[Product],
    contents: &[Value],
) -> Result<(), StoreError> {
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
    for (position, (product, content)) in products.iter().zip(contents).enumerate() {
        let position = position as i64;
        let content = content.to_string();
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

/// The plan as last saved, or `None` when it is not in the tables (its text is unreadable).
pub(super) fn read(conn: &Connection, id: PlanId) -> Result<Option<Plan>, StoreError> {
    let header: Option<String> = {
        let mut stmt =
            conn.prepare_cached("SELECT content FROM plan_headers WHERE plan_id = ?1")?;
        let mut rows = stmt.query([id.0])?;
        match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        }
    };
    let Some(header) = header else {
        return Ok(None);
    };
    let mut plan: Plan = serde_json::from_str(&header).map_err(json_error("plan header"))?;
    let mut stmt = conn.prepare_cached(
        "SELECT sku, content FROM plan_products WHERE plan_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([id.0])?;
    while let Some(row) = rows.next()? {
        let content = row
            .get_ref(1)?
            .as_str()
            .map_err(|err| StoreError::Corrupt(format!("plan_products.content: {err}")))?;
        let product: Product = serde_json::from_str(content).map_err(|err| {
            StoreError::Corrupt(format!(
                "product {}: {err}",
                row.get::<_, String>(0).unwrap_or_default()
            ))
        })?;
        plan.products.push(product);
    }
    Ok(Some(plan))
}
