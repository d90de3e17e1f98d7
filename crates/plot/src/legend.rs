//! Legends: a column of entries (a line or point key and a text) in a white box in a corner of a
//! frame.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use crate::error::PlotError;
use crate::frame::Frame;
use crate::painter::{Anchor, Painter};
use crate::theme::{CURVE_PT, GREY, TEXT_PT, WHITE};

/// How an entry's key is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    Line,
    Dashed,
    Point,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub colour: RGBColor,
    pub key: Key,
    pub text: String,
}

/// The corner of the frame the legend sits in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Corner {
    TopRight,
    BottomRight,
}

/// Draws the legend; returns its pixel rectangle (left, top, right, bottom).
pub(crate) fn draw_legend<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &Frame,
    entries: &[Entry],
    corner: Corner,
) -> Result<(f64, f64, f64, f64), PlotError> {
    if entries.is_empty() {
        return Ok((0.0, 0.0, 0.0, 0.0));
    }
    let key_w = p.px(14.0);
    let pad = p.px(3.0);
    let lh = p.line_height(TEXT_PT);
    let text_w = entries
        .iter()
        .map(|e| p.text_width(&e.text, TEXT_PT))
        .fold(0.0, f64::max);
    let w = pad + key_w + pad + text_w + pad;
    let h = pad + lh * entries.len() as f64 + pad;
    let inset = p.px(4.0);
    let right = frame.right - inset;
    let left = right - w;
    let (top, bottom) = match corner {
        Corner::TopRight => (frame.top + inset, frame.top + inset + h),
        Corner::BottomRight => (frame.bottom - inset - h, frame.bottom - inset),
    };
    p.fill_rect((left, top), (right, bottom), WHITE)?;
    p.rect((left, top), (right, bottom), GREY, 0.4)?;
    for (i, e) in entries.iter().enumerate() {
        let y = top + pad + lh * (i as f64 + 0.5);
        let (k0, k1) = (left + pad, left + pad + key_w);
        match e.key {
            Key::Line => p.line(&[(k0, y), (k1, y)], e.colour, CURVE_PT)?,
            Key::Dashed => p.dashed(&[(k0, y), (k1, y)], e.colour, CURVE_PT, 2.5)?,
            Key::Point => p.circle(((k0 + k1) / 2.0, y), 2.0, e.colour, true)?,
        }
        p.text(
            &e.text,
            (k1 + pad, y),
            TEXT_PT,
            crate::theme::BLACK,
            Anchor::LEFT,
        )?;
    }
    Ok((left, top, right, bottom))
}

/// Lays the entries out in rows across `width` pixels; returns each entry's offset from the
/// block's top-left corner and the block's height.
fn flow<DB: DrawingBackend>(
    p: &Painter<DB>,
    entries: &[Entry],
    width: f64,
) -> (Vec<(f64, f64)>, f64) {
    let key_w = p.px(14.0);
    let gap = p.px(3.0);
    let spacing = p.px(10.0);
    let lh = p.line_height(TEXT_PT);
    let (mut x, mut y) = (0.0, 0.0);
    let mut at = Vec::with_capacity(entries.len());
    for e in entries {
        let w = key_w + gap + p.text_width(&e.text, TEXT_PT);
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += lh;
        }
        at.push((x, y));
        x += w + spacing;
    }
    (at, if entries.is_empty() { 0.0 } else { y + lh })
}

/// Height of a legend laid out in rows under a frame `width` pixels wide.
pub(crate) fn legend_below_height<DB: DrawingBackend>(
    p: &Painter<DB>,
    entries: &[Entry],
    width: f64,
) -> f64 {
    flow(p, entries, width).1
}

/// Draws the legend in rows starting at (`left`, `top`), `width` pixels wide.
pub(crate) fn draw_legend_below<DB: DrawingBackend>(
    p: &Painter<DB>,
    entries: &[Entry],
    left: f64,
    top: f64,
    width: f64,
) -> Result<(), PlotError> {
    let (at, _) = flow(p, entries, width);
    let key_w = p.px(14.0);
    let lh = p.line_height(TEXT_PT);
    for (e, (dx, dy)) in entries.iter().zip(at) {
        let (x, y) = (left + dx, top + dy + lh / 2.0);
        match e.key {
            Key::Line => p.line(&[(x, y), (x + key_w, y)], e.colour, CURVE_PT)?,
            Key::Dashed => p.dashed(&[(x, y), (x + key_w, y)], e.colour, CURVE_PT, 2.5)?,
            Key::Point => p.circle((x + key_w / 2.0, y), 2.0, e.colour, true)?,
        }
        p.text(
            &e.text,
            (x + key_w + p.px(3.0), y),
            TEXT_PT,
            crate::theme::BLACK,
            Anchor::LEFT,
        )?;
    }
    Ok(())
}
