//! Kaplan–Meier curves as survminer's `ggsurvplot` draws them, with a number-at-risk table whose
//! columns line up exactly with the x-axis ticks.
//!
//! The curves are right-continuous step functions starting at S(0) = 1; a censored observation
//! is marked with a "+" on the curve; optional confidence bands are shaded steps; median lines
//! run from S = 0.5 across to each group's median and down to the axis. The x-axis ticks and the
//! at-risk columns are drawn from the same list of times through the same mapping
//! ([`KmFigure::time_ticks`]), so every count sits exactly under its tick (survminer draws the
//! table as a separate plot, which drifts out of line: its issues #302, #448 and #676).

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite, check_len};
use crate::frame::{Axis, Frame, Tick, bottom_gutter, left_gutter, ticks};
use crate::legend::{Corner, Entry, Key, draw_legend};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{AXIS_PT, BLACK, CURVE_PT, GREY, MARGIN_PT, TEXT_PT, TITLE_PT, series_colour};
use crate::ticks::{fmt_ci, fmt_p};

/// One group's survival curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KmSeries {
    /// Group name (legend and at-risk row label).
    pub name: String,
    /// Times of the survival table, ascending.
    pub time: Vec<f64>,
    /// S(t) just after each time.
    pub survival: Vec<f64>,
    /// Lower confidence limit at each time (`None` where undefined).
    #[serde(default)]
    pub lower: Option<Vec<Option<f64>>>,
    /// Upper confidence limit at each time.
    #[serde(default)]
    pub upper: Option<Vec<Option<f64>>>,
    /// Times of censored observations (marked "+").
    #[serde(default)]
    pub censor_times: Vec<f64>,
    /// Median survival time, when reached.
    #[serde(default)]
    pub median: Option<f64>,
}

/// A hazard ratio printed on the plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HazardRatioText {
    /// What the ratio compares, e.g. "female vs male".
    pub label: String,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

/// Kaplan–Meier figure input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KmFigure {
    pub groups: Vec<KmSeries>,
    /// The x-axis ticks, which are also the columns of the number-at-risk table.
    pub time_ticks: Vec<f64>,
    /// Number at risk of each group (outer) at each tick (inner); empty for no table.
    #[serde(default)]
    pub at_risk: Vec<Vec<usize>>,
    /// The x-axis title, e.g. "Time (days)".
    pub time_label: String,
    /// Log-rank p-value, printed on the plot.
    #[serde(default)]
    pub log_rank_p: Option<f64>,
    /// Hazard ratio with CI, printed on the plot.
    #[serde(default)]
    pub hazard_ratio: Option<HazardRatioText>,
    /// Shade the confidence bands.
    #[serde(default)]
    pub show_ci: bool,
    /// Draw the median lines.
    #[serde(default)]
    pub show_median: bool,
}

impl KmFigure {
    fn validate(&self) -> Result<(), PlotError> {
        if self.groups.is_empty() {
            return Err(PlotError::InvalidInput(
                "Kaplan–Meier figure without groups".into(),
            ));
        }
        if self.time_ticks.len() < 2 {
            return Err(PlotError::InvalidInput(format!(
                "Kaplan–Meier figure needs at least 2 time ticks, got {}",
                self.time_ticks.len()
            )));
        }
        check_finite("time ticks", &self.time_ticks)?;
        for g in &self.groups {
            check_len(&g.name, g.time.len(), g.survival.len())?;
            check_finite(&g.name, &g.time)?;
            check_finite(&g.name, &g.survival)?;
            for band in [&g.lower, &g.upper].into_iter().flatten() {
                check_len(&g.name, g.time.len(), band.len())?;
            }
        }
        if !self.at_risk.is_empty() {
            check_len(
                "at-risk rows vs groups",
                self.at_risk.len(),
                self.groups.len(),
            )?;
            for row in &self.at_risk {
                check_len(
                    "at-risk columns vs time ticks",
                    row.len(),
                    self.time_ticks.len(),
                )?;
            }
        }
        Ok(())
    }

    /// The lines printed in the plot's lower-left corner: "Log-rank p = 0.0013",
    /// "HR 0.58 (0.41–0.80)" and the HR's label in parentheses.
    pub fn annotation(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(p) = self.log_rank_p {
            out.push(format!("Log-rank p {}", fmt_p(p)));
        }
        if let Some(hr) = &self.hazard_ratio {
            out.push(format!("HR {}", fmt_ci(hr.estimate, hr.lower, hr.upper, 2)));
            if !hr.label.is_empty() {
                out.push(format!("({})", hr.label));
            }
        }
        out
    }
}

/// S(t) of a step function given by its jump times and values (1 before the first time).
fn step_value(time: &[f64], surv: &[f64], t: f64) -> f64 {
    let k = time.partition_point(|&x| x <= t);
    if k == 0 { 1.0 } else { surv[k - 1] }
}

/// The corners of a step function from (0, 1) through the table.
fn step_points(time: &[f64], values: &[f64], start: f64) -> Vec<(f64, f64)> {
    let mut pts = vec![(0.0, start)];
    let mut last = start;
    for (&t, &s) in time.iter().zip(values) {
        pts.push((t, last));
        pts.push((t, s));
        last = s;
    }
    pts
}

impl Figure for KmFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        self.validate()?;
        let m = p.px(MARGIN_PT);
        let lh = p.line_height(TEXT_PT);
        let y_ticks = ticks(&[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let x_ticks: Vec<Tick> = ticks(&self.time_ticks);
        let names_w = self
            .groups
            .iter()
            .map(|g| p.text_width(&g.name, TEXT_PT))
            .fold(0.0, f64::max)
            + p.px(6.0);
        let half_w = |col: usize| {
            let label = x_ticks.get(col).map(|t| p.text_width(&t.label, TEXT_PT));
            let counts = self
                .at_risk
                .iter()
                .filter_map(|row| row.get(col))
                .map(|n| p.text_width(&n.to_string(), TEXT_PT));
            counts.chain(label).fold(0.0, f64::max) / 2.0
        };
        let left = m + left_gutter(p, &y_ticks).max(names_w + half_w(0));
        let right = p.width - m - half_w(x_ticks.len() - 1).max(p.px(4.0));
        let table_h = if self.at_risk.is_empty() {
            0.0
        } else {
            p.px(6.0) + lh * (1.0 + self.groups.len() as f64)
        };
        let bottom = p.height - m - table_h - bottom_gutter(p);
        let last_tick = self.time_ticks.iter().copied().fold(f64::MIN, f64::max);
        let first_tick = self.time_ticks.iter().copied().fold(f64::MAX, f64::min);
        let frame = Frame {
            left,
            top: m + p.px(2.0),
            right,
            bottom,
            x: Axis::linear(first_tick.min(0.0), last_tick),
            y: Axis::linear(-0.02, 1.02),
        };
        for (i, g) in self.groups.iter().enumerate() {
            if !self.show_ci {
                break;
            }
            if let (Some(lo), Some(hi)) = (&g.lower, &g.upper) {
                draw_band(p, &frame, &g.time, lo, hi, series_colour(i))?;
            }
        }
        let mut entries = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            let colour = series_colour(i);
            frame.draw_line(
                p,
                &step_points(&g.time, &g.survival, 1.0),
                colour,
                CURVE_PT,
                None,
            )?;
            let arm = p.px(2.2);
            for &c in &g.censor_times {
                if frame.contains(c, 0.5) {
                    let (x, y) = frame.at(c, step_value(&g.time, &g.survival, c));
                    p.line(&[(x, y - arm), (x, y + arm)], colour, 0.8)?;
                    p.line(&[(x - arm, y), (x + arm, y)], colour, 0.8)?;
                }
            }
            entries.push(Entry {
                colour,
                key: Key::Line,
                text: g.name.clone(),
            });
        }
        if self.show_median {
            let medians: Vec<f64> = self
                .groups
                .iter()
                .filter_map(|g| g.median)
                .filter(|m| m.is_finite())
                .collect();
            if let Some(max) = medians.iter().copied().reduce(f64::max) {
                frame.draw_line(p, &[(0.0, 0.5), (max, 0.5)], GREY, AXIS_PT, Some(2.5))?;
                for md in medians {
                    frame.draw_line(p, &[(md, 0.5), (md, 0.0)], GREY, AXIS_PT, Some(2.5))?;
                }
            }
        }
        frame.draw_bottom_axis(p, &x_ticks, &self.time_label)?;
        frame.draw_left_axis(p, &y_ticks, "Survival probability")?;
        draw_legend(p, &frame, &entries, Corner::TopRight)?;
        let notes = self.annotation();
        for (k, line) in notes.iter().enumerate() {
            let y = frame.bottom - p.px(4.0) - lh * (notes.len() - k) as f64 + lh / 2.0;
            p.text(
                line,
                (frame.left + p.px(6.0), y),
                TEXT_PT,
                BLACK,
                Anchor::LEFT,
            )?;
        }
        if !self.at_risk.is_empty() {
            let top = bottom + bottom_gutter(p) + p.px(6.0);
            p.text(
                "Number at risk",
                (m, top + lh / 2.0),
                TITLE_PT,
                BLACK,
                Anchor::LEFT,
            )?;
            for (i, (g, row)) in self.groups.iter().zip(&self.at_risk).enumerate() {
                let y = top + lh * (i as f64 + 1.5);
                p.text(
                    &g.name,
                    (frame.left - half_w(0) - p.px(6.0), y),
                    TEXT_PT,
                    series_colour(i),
                    Anchor::RIGHT,
                )?;
                for (t, n) in x_ticks.iter().zip(row) {
                    p.text(
                        &n.to_string(),
                        (frame.x_px(t.value), y),
                        TEXT_PT,
                        BLACK,
                        Anchor::CENTER,
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// Shaded step band between the lower and upper limits, split where a limit is undefined.
fn draw_band<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &Frame,
    time: &[f64],
    lo: &[Option<f64>],
    hi: &[Option<f64>],
    colour: plotters::style::RGBColor,
) -> Result<(), PlotError> {
    let mut run_t: Vec<f64> = Vec::new();
    let mut run_lo: Vec<f64> = Vec::new();
    let mut run_hi: Vec<f64> = Vec::new();
    let mut start = (0.0, 1.0, 1.0);
    let flush =
        |t: &mut Vec<f64>, l: &mut Vec<f64>, h: &mut Vec<f64>, start: (f64, f64, f64), end: f64| {
            if t.is_empty() && start.0 >= end {
                return Ok(());
            }
            let mut upper = vec![(start.0, start.2)];
            let mut lower = vec![(start.0, start.1)];
            let (mut pl, mut ph) = (start.1, start.2);
            for k in 0..t.len() {
                upper.push((t[k], ph));
                upper.push((t[k], h[k]));
                lower.push((t[k], pl));
                lower.push((t[k], l[k]));
                pl = l[k];
                ph = h[k];
            }
            upper.push((end, ph));
            lower.push((end, pl));
            let x_end = frame.x.hi;
            let poly: Vec<_> = upper
                .iter()
                .chain(lower.iter().rev())
                .map(|&(x, y)| frame.at(x.min(x_end), y.clamp(0.0, 1.0)))
                .collect();
            t.clear();
            l.clear();
            h.clear();
            p.polygon(&poly, colour, 0.15)
        };
    let mut open = true;
    for k in 0..time.len() {
        match (lo[k], hi[k]) {
            (Some(l), Some(h)) if l.is_finite() && h.is_finite() => {
                if !open {
                    start = (time[k], l, h);
                    open = true;
                } else {
                    run_t.push(time[k]);
                    run_lo.push(l);
                    run_hi.push(h);
                }
            }
            _ => {
                if open {
                    flush(&mut run_t, &mut run_lo, &mut run_hi, start, time[k])?;
                    open = false;
                }
            }
        }
    }
    if open {
        let end = time.last().copied().unwrap_or(0.0);
        flush(&mut run_t, &mut run_lo, &mut run_hi, start, end)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_function_is_right_continuous() {
        // exact: S = 1 before the first time, the jump value at and after each time
        let (t, s) = ([2.0, 5.0], [0.8, 0.5]);
        assert_eq!(step_value(&t, &s, 1.9), 1.0);
        assert_eq!(step_value(&t, &s, 2.0), 0.8);
        assert_eq!(step_value(&t, &s, 7.0), 0.5);
        assert_eq!(
            step_points(&t, &s, 1.0),
            vec![(0.0, 1.0), (2.0, 1.0), (2.0, 0.8), (5.0, 0.8), (5.0, 0.5)]
        );
    }
}
