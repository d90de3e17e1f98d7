//! Nomograms in rms's layout (`plot(nomogram(fit))`): a Points axis from 0 to 100, one axis per
//! predictor (ticks at values of a continuous predictor, one tick per level of a categorical
//! one), the Total Points axis, and the outcome axes (linear predictor, predicted probability)
//! placed on the total-points scale.
//!
//! The driver computes every tick's position in points (the predictor's contribution scaled so
//! that the widest-ranging predictor spans 0–100, Iasonos et al. 2008, J Clin Oncol 26:1364);
//! this module only draws them. Crowded tick labels alternate above and below their axis, and
//! every second label is dropped if that is still not enough, as rms staggers them.

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite, check_len};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{AXIS_PT, BLACK, MARGIN_PT, SMALL_PT, TEXT_PT, TICK_PT, TITLE_PT};
use crate::ticks::fmt_fixed;

/// One axis: its title and ticks (positions in points, or in total points for outcome axes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NomogramScale {
    pub name: String,
    pub positions: Vec<f64>,
    pub labels: Vec<String>,
}

/// The Total Points axis: its length and tick values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalPoints {
    pub max: f64,
    pub ticks: Vec<f64>,
}

/// Nomogram input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NomogramFigure {
    /// Predictor axes, positions in points (0–100).
    pub predictors: Vec<NomogramScale>,
    pub total_points: TotalPoints,
    /// Outcome axes (linear predictor, probability), positions in total points.
    pub outcome_scales: Vec<NomogramScale>,
}

impl NomogramFigure {
    fn validate(&self) -> Result<(), PlotError> {
        if self.predictors.is_empty() {
            return Err(PlotError::InvalidInput(
                "nomogram without predictors".into(),
            ));
        }
        if !(self.total_points.max.is_finite() && self.total_points.max > 0.0) {
            return Err(PlotError::InvalidInput(format!(
                "total points maximum must be positive, got {}",
                self.total_points.max
            )));
        }
        check_finite("total points ticks", &self.total_points.ticks)?;
        for s in self.predictors.iter().chain(&self.outcome_scales) {
            check_len(&s.name, s.positions.len(), s.labels.len())?;
            check_finite(&s.name, &s.positions)?;
        }
        Ok(())
    }
}

/// Where a tick label goes.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Above,
    Below,
    Hidden,
}

/// Chooses label placement so that no two labels on the same side overlap.
fn place_labels(xs: &[f64], widths: &[f64], gap: f64) -> Vec<Place> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let fits = |chosen: &[usize]| {
        chosen
            .windows(2)
            .all(|w| xs[w[1]] - xs[w[0]] >= (widths[w[0]] + widths[w[1]]) / 2.0 + gap)
    };
    for stride in 1..=xs.len().max(1) {
        let shown: Vec<usize> = order.iter().copied().step_by(stride).collect();
        let mut places = vec![Place::Hidden; xs.len()];
        if fits(&shown) {
            for &i in &shown {
                places[i] = Place::Above;
            }
            return places;
        }
        let above: Vec<usize> = shown.iter().copied().step_by(2).collect();
        let below: Vec<usize> = shown.iter().copied().skip(1).step_by(2).collect();
        if fits(&above) && fits(&below) {
            for &i in &above {
                places[i] = Place::Above;
            }
            for &i in &below {
                places[i] = Place::Below;
            }
            return places;
        }
    }
    vec![Place::Hidden; xs.len()]
}

/// A numeric label with a true minus sign ("−8" rather than "-8"); other labels unchanged.
fn display_label(label: &str) -> String {
    if label.starts_with('-') && label.parse::<f64>().is_ok() {
        label.replacen('-', "\u{2212}", 1)
    } else {
        label.to_string()
    }
}

impl Figure for NomogramFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        self.validate()?;
        let m = p.px(MARGIN_PT);
        let lh = p.line_height(TEXT_PT);
        let points = NomogramScale {
            name: "Points".into(),
            positions: (0..=10).map(|k| f64::from(k) * 10.0).collect(),
            labels: (0..=10).map(|k| (k * 10).to_string()).collect(),
        };
        let total = NomogramScale {
            name: "Total Points".into(),
            positions: self.total_points.ticks.clone(),
            labels: self
                .total_points
                .ticks
                .iter()
                .map(|v| fmt_fixed(*v, if v.fract() == 0.0 { 0 } else { 1 }))
                .collect(),
        };
        // rows: (scale, full length of the axis in its own units)
        let mut rows: Vec<(&NomogramScale, f64)> = vec![(&points, 100.0)];
        rows.extend(self.predictors.iter().map(|s| (s, 100.0)));
        rows.push((&total, self.total_points.max));
        rows.extend(
            self.outcome_scales
                .iter()
                .map(|s| (s, self.total_points.max)),
        );
        let name_w = rows
            .iter()
            .map(|(s, _)| p.text_width(&s.name, TITLE_PT))
            .fold(0.0, f64::max);
        let label_w = |s: &NomogramScale| -> Vec<f64> {
            s.labels.iter().map(|l| p.text_width(l, SMALL_PT)).collect()
        };
        let edge = rows
            .iter()
            .flat_map(|(s, _)| label_w(s))
            .fold(0.0, f64::max)
            / 2.0;
        let x0 = m + name_w + p.px(8.0) + edge;
        let x1 = p.width - m - edge;
        let row_h = ((p.height - 2.0 * m) / rows.len() as f64).min(lh * 3.0);
        let tick = p.px(TICK_PT);
        for (k, (scale, length)) in rows.iter().enumerate() {
            let top = m + row_h * k as f64;
            let y = top + row_h * 0.55;
            let xs: Vec<f64> = scale
                .positions
                .iter()
                .map(|v| x0 + v / length * (x1 - x0))
                .collect();
            p.text(&scale.name, (m, y), TITLE_PT, BLACK, Anchor::LEFT)?;
            let (lo, hi) = xs
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                    (a.min(*x), b.max(*x))
                });
            if lo < hi {
                p.line(&[(lo, y), (hi, y)], BLACK, AXIS_PT)?;
            }
            if k == 0 {
                for minor in 0..20 {
                    let x = x0 + (f64::from(minor) * 5.0 + 5.0) / 100.0 * (x1 - x0);
                    p.line(&[(x, y), (x, y - tick * 0.6)], BLACK, AXIS_PT)?;
                }
            }
            let places = place_labels(&xs, &label_w(scale), p.px(3.0));
            for ((x, label), place) in xs.iter().zip(&scale.labels).zip(places) {
                let label = &display_label(label);
                match place {
                    Place::Above => {
                        p.line(&[(*x, y), (*x, y - tick)], BLACK, AXIS_PT)?;
                        p.text(
                            label,
                            (*x, y - tick - p.px(1.0)),
                            SMALL_PT,
                            BLACK,
                            Anchor::BOTTOM,
                        )?;
                    }
                    Place::Below => {
                        p.line(&[(*x, y), (*x, y + tick)], BLACK, AXIS_PT)?;
                        p.text(
                            label,
                            (*x, y + tick + p.px(1.0)),
                            SMALL_PT,
                            BLACK,
                            Anchor::TOP,
                        )?;
                    }
                    Place::Hidden => {
                        p.line(&[(*x, y), (*x, y - tick * 0.6)], BLACK, AXIS_PT)?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_labels_alternate_then_thin_out() {
        // exact: labels 10 px wide every 20 px fit on one side
        let wide = place_labels(&[0.0, 20.0, 40.0], &[10.0; 3], 2.0);
        assert!(wide.iter().all(|p| *p == Place::Above));
        // every 8 px: alternate above and below (16 px apart on each side)
        let tight = place_labels(&[0.0, 8.0, 16.0, 24.0], &[10.0; 4], 2.0);
        assert!(tight[0] == Place::Above && tight[1] == Place::Below);
        // every 3 px: some labels are hidden
        let crowded = place_labels(&[0.0, 3.0, 6.0, 9.0, 12.0, 15.0], &[10.0; 6], 2.0);
        assert!(crowded.contains(&Place::Hidden));
        assert_eq!(display_label("-8"), "\u{2212}8");
        assert_eq!(display_label("B"), "B");
    }
}
