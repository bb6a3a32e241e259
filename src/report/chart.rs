//! Charts as SVG (plotters' SVG backend, no font loading: the PDF typesetter supplies the font
//! named here). Coordinates are display pixels, so the amounts become `f64` only for drawing.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::format::{self, Lang, texts};
use super::{LandedRow, ReportError};

/// The font family the SVG asks for; bundled with the PDF writer.
pub const CHART_FONT: &str = "Liberation Sans";

const WIDTH: u32 = 540;
const ROW_HEIGHT: u32 = 34;
const LABEL_WIDTH: i32 = 170;
const VALUE_WIDTH: i32 = 96;
const TOP: i32 = 10;

const PRICE_COLOUR: RGBColor = RGBColor(52, 101, 164);
const COST_COLOUR: RGBColor = RGBColor(214, 110, 77);
const GAIN_COLOUR: RGBColor = RGBColor(46, 139, 87);
const LOSS_COLOUR: RGBColor = RGBColor(192, 57, 43);

struct Bar {
    label: &'static str,
    from: Decimal,
    to: Decimal,
    shown: Decimal,
    colour: RGBColor,
}

/// A horizontal waterfall from the price net of tax, down through each fee and cost, to the margin
/// per unit. `None` when the margin could not be computed (the missing inputs say why).
pub fn waterfall(row: &LandedRow, lang: Lang) -> Result<Option<String>, ReportError> {
    let e = &row.economics;
    let t = texts(lang);
    let (Some(net), Some(margin)) = (e.net_price, e.margin) else {
        return Ok(None);
    };
    let mut bars = vec![Bar {
        label: t.net_price,
        from: Decimal::ZERO,
        to: net,
        shown: net,
        colour: PRICE_COLOUR,
    }];
    let mut running = net;
    for (label, amount) in [
        (t.referral_fee, e.referral_fee),
        (t.closing_fee, e.closing_fee),
        (t.fulfilment_fee, e.fulfilment_fee),
        (t.selling_plan, e.selling_plan),
        (t.unit_cost, e.unit_cost),
        (t.freight, e.freight),
        (t.duty, e.duty),
    ] {
        let amount = amount.unwrap_or_default();
        bars.push(Bar {
            label,
            from: running,
            to: running - amount,
            shown: -amount,
            colour: COST_COLOUR,
        });
        running -= amount;
    }
    bars.push(Bar {
        label: t.margin,
        from: Decimal::ZERO,
        to: margin,
        shown: margin,
        colour: if margin < Decimal::ZERO {
            LOSS_COLOUR
        } else {
            GAIN_COLOUR
        },
    });
    draw(&bars, lang, e.currency).map(Some)
}

fn draw(bars: &[Bar], lang: Lang, currency: crate::money::Currency) -> Result<String, ReportError> {
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX);
    let height = rows.saturating_mul(ROW_HEIGHT) + 2 * TOP as u32;
    let lowest = bars
        .iter()
        .flat_map(|bar| [bar.from, bar.to])
        .fold(Decimal::ZERO, Decimal::min);
    let highest = bars
        .iter()
        .flat_map(|bar| [bar.from, bar.to])
        .fold(Decimal::ZERO, Decimal::max);
    let span = (highest - lowest).to_f64().unwrap_or(1.0).max(f64::EPSILON);
    let plot_left = LABEL_WIDTH + VALUE_WIDTH / 2;
    let plot_width = f64::from(WIDTH as i32 - plot_left - VALUE_WIDTH);
    let x = |value: Decimal| {
        let offset = (value - lowest).to_f64().unwrap_or(0.0) / span;
        plot_left + (offset * plot_width).round() as i32
    };

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let fail = |error: DrawingAreaErrorKind<_>| ReportError::Chart(error.to_string());
        root.fill(&WHITE).map_err(fail)?;
        let label_style = TextStyle::from((CHART_FONT, 15).into_font())
            .pos(Pos::new(HPos::Right, VPos::Center))
            .color(&BLACK);
        let value_style = TextStyle::from((CHART_FONT, 14).into_font())
            .pos(Pos::new(HPos::Left, VPos::Center))
            .color(&BLACK);
        let zero = x(Decimal::ZERO);
        for (index, bar) in (0i32..).zip(bars) {
            let top = TOP + index * ROW_HEIGHT as i32 + 5;
            let bottom = top + ROW_HEIGHT as i32 - 10;
            let middle = (top + bottom) / 2;
            let (left, right) = {
                let (a, b) = (x(bar.from), x(bar.to));
                (a.min(b), a.max(b).max(a.min(b) + 1))
            };
            root.draw(&Text::new(
                bar.label,
                (LABEL_WIDTH - 8, middle),
                &label_style,
            ))
            .map_err(fail)?;
            root.draw(&Rectangle::new(
                [(left, top), (right, bottom)],
                bar.colour.filled(),
            ))
            .map_err(fail)?;
            root.draw(&Text::new(
                format::money(lang, bar.shown, currency),
                (right + 6, middle),
                &value_style,
            ))
            .map_err(fail)?;
            if index + 1 < rows as i32 {
                let next_top = top + ROW_HEIGHT as i32;
                let join = x(bar.to);
                root.draw(&PathElement::new(
                    vec![(join, bottom), (join, next_top)],
                    RGBColor(150, 150, 150),
                ))
                .map_err(fail)?;
            }
        }
        root.draw(&PathElement::new(
            vec![(zero, TOP), (zero, height as i32 - TOP)],
            BLACK.stroke_width(1),
        ))
        .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}
