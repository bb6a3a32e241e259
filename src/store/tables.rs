//! The plan tables: header (with seller and targets), targets, products. Written inside the caller's
//! transaction. Each row also holds its part of the plan as JSON, so a plan reads back exactly as saved,
//! whatever fields the plan room adds. Products are compared with what is stored, so saving one edit to
//! a large catalogue writes one row.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

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
    write_header(tx, id, plan)?;
    write_products(tx, id, &plan.products)
}

/// Header, seller and targets (everything but the products).
fn write_header(tx: &Transaction<'_>, id: PlanId, plan: &Plan) -> Result<(), StoreError> {
    // Every field but the products, whatever fields the plan room adds later.
    let header = Plan {
        products: Vec::new(),
        ..plan.clone()
    };
    let content = serde_json::to_string(&header).map_err(json_error("plan"))?;
    let entity = serde_json::to_value(plan.seller.entity)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
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
            content
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

    Ok(())
}

fn product_json(product: &Product) -> Result<String, StoreError> {
    serde_json::to_string(product)
        .map_err(|err| StoreError::Corrupt(format!("product {}: {err}", product.sku)))
}

fn write_products(
    tx: &Transaction<'_>,
    id: PlanId,
    products: &[Product],
) -> Result<(), StoreError> {
    let mut stored: HashMap<String, (i64, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT sku, position, content FROM plan_products WHERE plan_id = ?1",
        )?;
        let rows = stmt.query_map([id.0], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?;
        rows.collect::<Result<_, _>>()?
    };
    for (position, product) in products.iter().enumerate() {
        let position = position as i64;
        let content = product_json(product)?;
        if let Some((stored_position, stored_content)) = stored.remove(&product.sku)
            && stored_position == position
            && stored_content == content
        {
            continue;
        }
        upsert_product(tx, id, position, product, &content)?;
    }
    let mut delete =
        tx.prepare_cached("DELETE FROM plan_products WHERE plan_id = ?1 AND sku = ?2")?;
    for sku in stored.keys() {
        delete.execute(params![id.0, sku])?;
    }
    Ok(())
}

fn upsert_product(
    tx: &Transaction<'_>,
    id: PlanId,
    position: i64,
    product: &Product,
    content: &str,
) -> Result<(), StoreError> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO plan_products (plan_id, sku, position, name, hs_code, category, \
         unit_cost_amount, unit_cost_currency, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         ON CONFLICT (plan_id, sku) DO UPDATE SET position = excluded.position, name = excluded.name, \
         hs_code = excluded.hs_code, category = excluded.category, \
         unit_cost_amount = excluded.unit_cost_amount, \
         unit_cost_currency = excluded.unit_cost_currency, content = excluded.content",
    )?;
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
    Ok(())
}

/// Replaces the product with the same SKU in place, or appends it. The caller validated it.
pub(super) fn write_one_product(
    tx: &Transaction<'_>,
    id: PlanId,
    product: &Product,
) -> Result<(), StoreError> {
    let position: i64 = tx.query_row(
        "SELECT coalesce((SELECT position FROM plan_products WHERE plan_id = ?1 AND sku = ?2), \
         (SELECT coalesce(max(position) + 1, 0) FROM plan_products WHERE plan_id = ?1))",
        params![id.0, product.sku],
        |row| row.get(0),
    )?;
    upsert_product(tx, id, position, product, &product_json(product)?)
}

/// The plan's header (everything but its products), or `None` when the plan is not in the tables.
pub(super) fn read_header(conn: &Connection, id: PlanId) -> Result<Option<Plan>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT content FROM plan_headers WHERE plan_id = ?1")?;
    let mut rows = stmt.query([id.0])?;
    match rows.next()? {
        Some(row) => {
            let content = row
                .get_ref(0)?
                .as_str()
                .map_err(|err| StoreError::Corrupt(format!("plan_headers.content: {err}")))?;
            Ok(Some(
                serde_json::from_str(content).map_err(json_error("plan header"))?,
            ))
        }
        None => Ok(None),
    }
}

/// The plan as last saved, or `None` when it is not in the tables (its text is unreadable).
pub(super) fn read(conn: &Connection, id: PlanId) -> Result<Option<Plan>, StoreError> {
    let Some(mut plan) = read_header(conn, id)? else {
        return Ok(None);
    };
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
