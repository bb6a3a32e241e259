//! Charts as SVG (plotters' SVG backend, no font loading: the PDF typesetter supplies the font
//! named here). Coordinates are display pixels, so the amounts become `f64` only for drawing.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::format::{self, Lang, texts};
use super::{ComparedChannel, LandedRow, ReportError, SensitivityLine};
use crate::money::Currency;

/// The font family the SVG asks for; bundled with the PDF writer.
pub const CHART_FONT: &str = "Liberation Sans, IPAexGothic";

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
    label: String,
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
        label: t.net_price.to_string(),
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
            label: label.to_string(),
            from: running,
            to: running - amount,
            shown: -amount,
            colour: COST_COLOUR,
        });
        running -= amount;
    }
    bars.push(Bar {
        label: t.margin.to_string(),
        from: Decimal::ZERO,
        to: margin,
        shown: margin,
        colour: if margin < Decimal::ZERO {
            LOSS_COLOUR
        } else {
            GAIN_COLOUR
        },
    });
    draw(&bars, lang, e.currency, true).map(Some)
}

/// Horizontal bars of each channel's contribution per unit (one currency), from zero. `None` when no
/// channel has one.
pub fn contribution_bars(
    channels: &[&ComparedChannel],
    lang: Lang,
    currency: Currency,
) -> Result<Option<String>, ReportError> {
    let bars: Vec<Bar> = channels
        .iter()
        .filter_map(|channel| {
            let value = channel.contribution_per_unit?;
            Some(Bar {
                label: channel.channel.clone(),
                from: Decimal::ZERO,
                to: value,
                shown: value,
                colour: if value < Decimal::ZERO {
                    LOSS_COLOUR
                } else {
                    GAIN_COLOUR
                },
            })
        })
        .collect();
    if bars.is_empty() {
        return Ok(None);
    }
    draw(&bars, lang, currency, false).map(Some)
}

fn draw(
    bars: &[Bar],
    lang: Lang,
    currency: Currency,
    connected: bool,
) -> Result<String, ReportError> {
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX);
    let height = rows.saturating_mul(ROW_HEIGHT) + 2 * TOP as u32;
    let plot_left = LABEL_WIDTH + VALUE_WIDTH / 2;
    let scale = Scale::new(
        bars.iter().flat_map(|bar| [bar.from, bar.to]).map(float),
        plot_left,
        WIDTH as i32 - plot_left - VALUE_WIDTH,
    );
    let x = |value: Decimal| scale.at(float(value));

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
                clipped(&bar.label),
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
            if connected && index + 1 < rows as i32 {
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

/// A label cut to what fits beside the bars.
fn clipped(label: &str) -> String {
    const MAX: usize = 22;
    if label.chars().count() > MAX {
        label.chars().take(MAX - 1).chain(['…']).collect()
    } else {
        label.to_string()
    }
}

const LOW_COLOUR: RGBColor = RGBColor(214, 110, 77);
const HIGH_COLOUR: RGBColor = RGBColor(52, 101, 164);
const LINE_COLOURS: [RGBColor; 6] = [
    RGBColor(52, 101, 164),
    RGBColor(214, 110, 77),
    RGBColor(46, 139, 87),
    RGBColor(142, 68, 173),
    RGBColor(120, 120, 120),
    RGBColor(192, 57, 43),
];

/// Maps amounts onto `[left, left + width]` pixels, zero included.
struct Scale {
    lowest: f64,
    span: f64,
    left: i32,
    width: f64,
}

impl Scale {
    fn new(values: impl Iterator<Item = f64>, left: i32, width: i32) -> Scale {
        let (lowest, highest) = values.fold((0.0f64, 0.0f64), |(low, high), value| {
            (low.min(value), high.max(value))
        });
        Scale {
            lowest,
            span: (highest - lowest).max(f64::EPSILON),
            left,
            width: f64::from(width),
        }
    }

    fn at(&self, value: f64) -> i32 {
        self.left + ((value - self.lowest) / self.span * self.width).round() as i32
    }
}

fn float(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The tornado chart: for each input (largest swing first), a bar from the base profit to the profit
/// with the input low, and one to the profit with the input high. `None` without rows.
pub fn tornado(rows: &[SensitivityLine], lang: Lang) -> Result<Option<String>, ReportError> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let t = texts(lang);
    let currency = first.profit_base.currency;
    let count = i32::try_from(rows.len()).unwrap_or(i32::MAX).min(50);
    let legend = 24;
    let height = TOP * 2 + legend + count * ROW_HEIGHT as i32;
    let plot_left = LABEL_WIDTH + VALUE_WIDTH;
    let scale = Scale::new(
        rows.iter()
            .flat_map(|row| [row.profit_low, row.profit_base, row.profit_high])
            .map(|money| float(money.amount)),
        plot_left,
        WIDTH as i32 - plot_left - VALUE_WIDTH,
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, u32::try_from(height).unwrap_or(0)))
            .into_drawing_area();
        let fail = |error: DrawingAreaErrorKind<_>| ReportError::Chart(error.to_string());
        root.fill(&WHITE).map_err(fail)?;
        let label_style = TextStyle::from((CHART_FONT, 15).into_font())
            .pos(Pos::new(HPos::Right, VPos::Center))
            .color(&BLACK);
        let left_value = TextStyle::from((CHART_FONT, 13).into_font())
            .pos(Pos::new(HPos::Right, VPos::Center))
            .color(&BLACK);
        let right_value = TextStyle::from((CHART_FONT, 13).into_font())
            .pos(Pos::new(HPos::Left, VPos::Center))
            .color(&BLACK);
        for (offset, colour, word) in [
            (0, LOW_COLOUR, t.low_value),
            (140, HIGH_COLOUR, t.high_value),
        ] {
            let x = plot_left + offset;
            root.draw(&Rectangle::new(
                [(x, TOP + 4), (x + 14, TOP + 16)],
                colour.filled(),
            ))
            .map_err(fail)?;
            root.draw(&Text::new(
                word.to_string(),
                (x + 20, TOP + 10),
                &right_value,
            ))
            .map_err(fail)?;
        }
        let base = scale.at(float(first.profit_base.amount));
        for (index, row) in (0i32..).zip(rows.iter().take(50)) {
            let top = TOP + legend + index * ROW_HEIGHT as i32 + 5;
            let bottom = top + ROW_HEIGHT as i32 - 10;
            let middle = (top + bottom) / 2;
            root.draw(&Text::new(
                clipped(&row.label),
                (LABEL_WIDTH - 8, middle),
                &label_style,
            ))
            .map_err(fail)?;
            let mut ends = Vec::with_capacity(2);
            for (profit, colour) in [(row.profit_low, LOW_COLOUR), (row.profit_high, HIGH_COLOUR)] {
                let end = scale.at(float(profit.amount));
                let (left, right) = (base.min(end), base.max(end).max(base.min(end) + 1));
                root.draw(&Rectangle::new(
                    [(left, top), (right, bottom)],
                    colour.filled(),
                ))
                .map_err(fail)?;
                ends.push((end, profit));
            }
            // The smaller profit is written left of its bar, the larger right of its bar.
            ends.sort_by_key(|(end, _)| *end);
            if let (Some((low_end, low)), Some((high_end, high))) = (ends.first(), ends.last()) {
                root.draw(&Text::new(
                    format::money(lang, low.amount, currency),
                    ((*low_end).min(base) - 4, middle),
                    &left_value,
                ))
                .map_err(fail)?;
                root.draw(&Text::new(
                    format::money(lang, high.amount, currency),
                    ((*high_end).max(base) + 4, middle),
                    &right_value,
                ))
                .map_err(fail)?;
            }
        }
        root.draw(&PathElement::new(
            vec![(base, TOP + legend), (base, height - TOP)],
            BLACK.stroke_width(1),
        ))
        .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(Some(svg))
}

/// Monthly profit against monthly volume for each channel of one currency: the line
/// `volume × contribution per unit − fixed costs`, from zero to past the furthest of the channels'
/// volumes and break-even points, with each break-even point marked and labelled. `None` when no
/// channel has a contribution per unit.
pub fn profit_by_volume(
    channels: &[&ComparedChannel],
    lang: Lang,
    currency: Currency,
) -> Result<Option<String>, ReportError> {
    let lines: Vec<(&ComparedChannel, f64)> = channels
        .iter()
        .filter_map(|channel| Some((*channel, float(channel.contribution_per_unit?))))
        .collect();
    if lines.is_empty() {
        return Ok(None);
    }
    let furthest = lines
        .iter()
        .map(|(channel, _)| {
            f64::from(channel.monthly_units).max(channel.break_even_units.unwrap_or(0) as f64)
        })
        .fold(10.0f64, f64::max);
    let x_max = nice_ceiling(furthest * 1.2);
    let profit = |channel: &ComparedChannel, per_unit: f64, volume: f64| {
        volume * per_unit - float(channel.fixed_monthly)
    };
    let (width, height) = (WIDTH as i32, 330i32);
    let (left, right, top, bottom) = (104, 16, 14 + 18 * lines.len().min(6) as i32, 40);
    let x_scale = Scale::new([0.0, x_max].into_iter(), left, width - left - right);
    let y_values: Vec<f64> = lines
        .iter()
        .flat_map(|(channel, per_unit)| {
            [
                profit(channel, *per_unit, 0.0),
                profit(channel, *per_unit, x_max),
            ]
        })
        .collect();
    let y_ticks = ticks(
        y_values.iter().copied().fold(0.0, f64::min),
        y_values.iter().copied().fold(0.0, f64::max),
    );
    // Pixels grow downwards: the scale runs from the top value down.
    let y_scale = Scale::new(y_ticks.iter().map(|tick| -tick), top, height - top - bottom);
    let y = |value: f64| y_scale.at(-value);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height as u32)).into_drawing_area();
        let fail = |error: DrawingAreaErrorKind<_>| ReportError::Chart(error.to_string());
        root.fill(&WHITE).map_err(fail)?;
        let small = |h, v| {
            TextStyle::from((CHART_FONT, 12).into_font())
                .pos(Pos::new(h, v))
                .color(&BLACK)
        };
        let grid = RGBColor(220, 220, 220);
        for tick in &y_ticks {
            let at = y(*tick);
            let colour = if *tick == 0.0 { BLACK } else { grid };
            root.draw(&PathElement::new(
                vec![(left, at), (width - right, at)],
                colour.stroke_width(1),
            ))
            .map_err(fail)?;
            root.draw(&Text::new(
                format::money(lang, decimal(*tick), currency),
                (left - 6, at),
                small(HPos::Right, VPos::Center),
            ))
            .map_err(fail)?;
        }
        for tick in ticks(0.0, x_max) {
            let at = x_scale.at(tick);
            root.draw(&PathElement::new(
                vec![(at, height - bottom), (at, height - bottom + 4)],
                BLACK.stroke_width(1),
            ))
            .map_err(fail)?;
            root.draw(&Text::new(
                lang.number(decimal(tick), 0),
                (at, height - bottom + 6),
                small(HPos::Center, VPos::Top),
            ))
            .map_err(fail)?;
        }
        root.draw(&Text::new(
            texts(lang).units_per_month.to_string(),
            (width - right, height - 4),
            small(HPos::Right, VPos::Bottom),
        ))
        .map_err(fail)?;
        for (index, (channel, per_unit)) in lines.iter().enumerate() {
            let colour = LINE_COLOURS[index % LINE_COLOURS.len()];
            root.draw(&PathElement::new(
                vec![
                    (x_scale.at(0.0), y(profit(channel, *per_unit, 0.0))),
                    (x_scale.at(x_max), y(profit(channel, *per_unit, x_max))),
                ],
                colour.stroke_width(2),
            ))
            .map_err(fail)?;
            if let Some(units) = channel.break_even_units {
                let volume = units as f64;
                if volume <= x_max {
                    let point = (x_scale.at(volume), y(profit(channel, *per_unit, volume)));
                    root.draw(&Circle::new(point, 4, colour.filled()))
                        .map_err(fail)?;
                    root.draw(&Text::new(
                        lang.number(Decimal::from(units), 0),
                        // Staggered so that close break-even points keep readable labels.
                        (point.0 + 5, point.1 - 4 - 11 * (index % 4) as i32),
                        small(HPos::Left, VPos::Bottom),
                    ))
                    .map_err(fail)?;
                }
            }
            if index < 6 {
                let row = 6 + 18 * index as i32;
                root.draw(&Rectangle::new(
                    [(left, row + 3), (left + 18, row + 7)],
                    colour.filled(),
                ))
                .map_err(fail)?;
                root.draw(&Text::new(
                    channel.channel.clone(),
                    (left + 24, row + 5),
                    small(HPos::Left, VPos::Center),
                ))
                .map_err(fail)?;
            }
        }
        root.present().map_err(fail)?;
    }
    Ok(Some(svg))
}

/// The nearest decimal to a tick value, for its label.
fn decimal(value: f64) -> Decimal {
    Decimal::try_from(value).unwrap_or_default()
}

/// 1, 2 or 5 × a power of ten at or above `value`.
fn nice_ceiling(value: f64) -> f64 {
    let power = 10f64.powf(value.max(1.0).log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|candidate| *candidate >= value)
        .unwrap_or(10.0 * power)
}

/// Round tick values covering `[low, high]` (about five), zero among them.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let step = nice_ceiling(((high - low) / 5.0).max(1.0));
    let first = (low / step).floor() as i64;
    let last = (high / step).ceil() as i64;
    (first..=last.max(first + 1))
        .take(40)
        .map(|index| index as f64 * step)
        .collect()
}

/// Channels grouped by their market currency, in order of first appearance: one chart per group.
pub fn by_currency(channels: &[ComparedChannel]) -> Vec<(Currency, Vec<&ComparedChannel>)> {
    let mut groups: Vec<(Currency, Vec<&ComparedChannel>)> = Vec::new();
    for channel in channels {
        match groups
            .iter_mut()
            .find(|(currency, _)| *currency == channel.currency)
        {
            Some((_, group)) => group.push(channel),
            None => groups.push((channel.currency, vec![channel])),
        }
    }
    groups
}
