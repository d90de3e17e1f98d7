//! Forest plots of odds or hazard ratios: one row per term with its estimate as a square and its
//! confidence interval as a whisker on a log axis, a dashed line at 1, and columns with the
//! estimate (CI) and the p-value.

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite};
use crate::frame::{Axis, Frame, Tick, bottom_gutter};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{AXIS_PT, BLACK, BLUE, GREY, MARGIN_PT, TEXT_PT, TITLE_PT};
use crate::ticks::{fmt_fixed, fmt_p_cell};

/// One row: a term's ratio with its CI and p-value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestRow {
    pub label: String,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    #[serde(default)]
    pub p_value: Option<f64>,
}

/// Forest-plot input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestFigure {
    pub rows: Vec<ForestRow>,
    /// The ratio's short name for the column header, "OR" or "HR".
    pub measure: String,
    /// The x-axis title, e.g. "Odds ratio (log scale)".
    pub axis_title: String,
}

/// A ratio for a table cell: two decimals from 0.1 up, two significant digits below, "<0.001"
/// and ">999" at the extremes.
pub fn fmt_ratio(v: f64) -> String {
    if !v.is_finite() {
        "NA".into()
    } else if v < 0.001 {
        "<0.001".into()
    } else if v >= 1000.0 {
        ">999".into()
    } else if v >= 100.0 {
        fmt_fixed(v, 0)
    } else if v >= 0.1 {
        fmt_fixed(v, 2)
    } else {
        let d = (1.0 - v.log10().floor()) as usize;
        fmt_fixed(v, d)
    }
}

/// Log-axis ticks: 1–2–5 per decade over narrow ranges, powers of ten over wide ones.
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let mults: &[f64] = if b - a > 3 { &[1.0] } else { &[1.0, 2.0, 5.0] };
    let mut out = Vec::new();
    for e in a..=b {
        for m in mults {
            let v = m * 10f64.powi(e);
            if v >= lo * 0.999 && v <= hi * 1.001 {
                out.push(v);
            }
        }
    }
    out
}

fn tick_label(v: f64) -> String {
    if v >= 1.0 {
        format!("{}", v.round())
    } else {
        let d = (-v.log10().floor()) as usize;
        fmt_fixed(v, d)
    }
}

impl Figure for ForestFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        if self.rows.is_empty() {
            return Err(PlotError::InvalidInput("forest plot without rows".into()));
        }
        for r in &self.rows {
            check_finite(&r.label, &[r.estimate, r.lower, r.upper])?;
            if r.lower <= 0.0 || r.estimate <= 0.0 {
                return Err(PlotError::InvalidInput(format!(
                    "{}: ratios must be positive on a log axis (lower {})",
                    r.label, r.lower
                )));
            }
        }
        let m = p.px(MARGIN_PT);
        let lo = self.rows.iter().map(|r| r.lower).fold(1.0, f64::min);
        let hi = self.rows.iter().map(|r| r.upper).fold(1.0, f64::max);
        let (mut x_lo, mut x_hi) = (lo / 1.15, hi * 1.15);
        let mut tick_vals = log_ticks(x_lo, x_hi);
        if tick_vals.len() < 3 {
            x_lo = 10f64.powf(x_lo.log10().floor());
            x_hi = 10f64.powf(x_hi.log10().ceil());
            tick_vals = log_ticks(x_lo, x_hi);
        }
        let ci_text: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                let (lo, hi) = (fmt_ratio(r.lower), fmt_ratio(r.upper));
                if lo == hi {
                    let d = 3;
                    format!(
                        "{} ({}\u{2013}{})",
                        fmt_fixed(r.estimate, d),
                        fmt_fixed(r.lower, d),
                        fmt_fixed(r.upper, d)
                    )
                } else {
                    format!("{} ({lo}\u{2013}{hi})", fmt_ratio(r.estimate))
                }
            })
            .collect();
        let p_text: Vec<String> = self
            .rows
            .iter()
            .map(|r| r.p_value.map(fmt_p_cell).unwrap_or_default())
            .collect();
        let header_ci = format!("{} (95% CI)", self.measure);
        let widest = |items: &[String], head: &str| {
            items
                .iter()
                .map(|s| p.text_width(s, TEXT_PT))
                .fold(p.text_width(head, TITLE_PT), f64::max)
        };
        let labels: Vec<String> = self.rows.iter().map(|r| r.label.clone()).collect();
        let label_w = widest(&labels, "Variable");
        let ci_w = widest(&ci_text, &header_ci);
        let p_w = widest(&p_text, "p");
        let gap = p.px(8.0);
        let lh = p.line_height(TEXT_PT);
        let header_y = m + lh / 2.0;
        let top = m + lh * 1.5;
        let bottom = p.height - m - bottom_gutter(p);
        let frame = Frame {
            left: m + label_w + gap,
            top,
            right: p.width - m - p_w - gap - ci_w - gap,
            bottom,
            x: Axis::log(x_lo, x_hi),
            y: Axis::linear(0.0, self.rows.len() as f64),
        };
        let ci_x = frame.right + gap;
        let p_x = p.width - m;
        p.text("Variable", (m, header_y), TITLE_PT, BLACK, Anchor::LEFT)?;
        p.text(&header_ci, (ci_x, header_y), TITLE_PT, BLACK, Anchor::LEFT)?;
        p.text("p", (p_x, header_y), TITLE_PT, BLACK, Anchor::RIGHT)?;
        p.line(&[(m, top), (p.width - m, top)], BLACK, AXIS_PT)?;
        let one = frame.x_px(1.0);
        p.dashed(&[(one, frame.top), (one, frame.bottom)], GREY, AXIS_PT, 2.5)?;
        let n = self.rows.len() as f64;
        let row_h = (frame.bottom - frame.top) / n;
        let half = (p.px(2.4)).min(row_h * 0.3);
        // rows too close for the body font get a smaller one (never below 5 pt)
        let row_pt = (TEXT_PT * (row_h / (lh * 1.05)).min(1.0)).max(5.0);
        for (k, r) in self.rows.iter().enumerate() {
            let y = frame.y_px(n - k as f64 - 0.5);
            let (a, b) = (frame.x_px(r.lower), frame.x_px(r.upper));
            p.line(&[(a, y), (b, y)], BLACK, AXIS_PT * 1.3)?;
            let c = frame.x_px(r.estimate);
            p.fill_rect((c - half, y - half), (c + half, y + half), BLUE)?;
            p.text(&r.label, (m, y), row_pt, BLACK, Anchor::LEFT)?;
            p.text(&ci_text[k], (ci_x, y), row_pt, BLACK, Anchor::LEFT)?;
            p.text(&p_text[k], (p_x, y), row_pt, BLACK, Anchor::RIGHT)?;
        }
        let ticks: Vec<Tick> = tick_vals
            .iter()
            .map(|v| Tick {
                value: *v,
                label: tick_label(*v),
            })
            .collect();
        frame.draw_bottom_axis(p, &ticks, &self.axis_title)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_cells_and_ticks() {
        assert_eq!(fmt_ratio(1.5773), "1.58");
        assert_eq!(fmt_ratio(0.0379), "0.038");
        assert_eq!(fmt_ratio(0.00002), "<0.001");
        assert_eq!(fmt_ratio(545.4), "545");
        assert_eq!(log_ticks(0.3, 3.0), vec![0.5, 1.0, 2.0]);
        assert_eq!(
            log_ticks(0.0002, 800.0),
            vec![0.001, 0.01, 0.1, 1.0, 10.0, 100.0]
        );
        assert_eq!(tick_label(0.01), "0.01");
    }
}
