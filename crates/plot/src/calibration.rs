//! Calibration plots as rms draws them (`val.prob`, `plot(calibrate)`): the ideal diagonal, the
//! apparent (lowess) curve and the bootstrap bias-corrected curve, grouped observed proportions
//! with confidence intervals, a rug of the predictions along the bottom, and a box with the
//! calibration intercept and slope, the Brier score and the Hosmer–Lemeshow p-value.

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite, check_len};
use crate::frame::{Axis, Frame, bottom_gutter, left_gutter, ticks};
use crate::legend::{Entry, Key, draw_legend_below, legend_below_height};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{AXIS_PT, BLACK, BLUE, CURVE_PT, GREY, MARGIN_PT, SMALL_PT, VERMILLION, WHITE};
use crate::ticks::{fmt_fixed, fmt_p};

/// A curve through (x, y) points, x ascending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// One group of patients: mean prediction, observed proportion and its CI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationGroup {
    pub predicted: f64,
    pub observed: f64,
    #[serde(default)]
    pub lower: Option<f64>,
    #[serde(default)]
    pub upper: Option<f64>,
}

/// The statistics printed in the box (each left out when `None`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CalibrationStats {
    #[serde(default)]
    pub intercept: Option<f64>,
    #[serde(default)]
    pub slope: Option<f64>,
    #[serde(default)]
    pub brier: Option<f64>,
    #[serde(default)]
    pub hosmer_lemeshow_p: Option<f64>,
}

/// Calibration figure input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationFigure {
    /// The apparent calibration curve (lowess of outcome on prediction).
    #[serde(default)]
    pub apparent: Option<Curve>,
    /// The bootstrap bias-corrected curve.
    #[serde(default)]
    pub bias_corrected: Option<Curve>,
    /// Grouped observed proportions.
    #[serde(default)]
    pub groups: Vec<CalibrationGroup>,
    /// Every patient's predicted probability (drawn as a rug).
    #[serde(default)]
    pub predictions: Vec<f64>,
    #[serde(default)]
    pub stats: CalibrationStats,
}

impl CalibrationFigure {
    fn validate(&self) -> Result<(), PlotError> {
        for (name, c) in [
            ("apparent", &self.apparent),
            ("bias-corrected", &self.bias_corrected),
        ] {
            if let Some(c) = c {
                check_len(name, c.x.len(), c.y.len())?;
                check_finite(name, &c.x)?;
                check_finite(name, &c.y)?;
            }
        }
        check_finite("predictions", &self.predictions)?;
        if self.apparent.is_none() && self.bias_corrected.is_none() && self.groups.is_empty() {
            return Err(PlotError::InvalidInput(
                "calibration figure without curves or groups".into(),
            ));
        }
        Ok(())
    }

    fn legend_entries(&self) -> Vec<Entry> {
        let mut entries = vec![Entry {
            colour: GREY,
            key: Key::Dashed,
            text: "Ideal".into(),
        }];
        if self.apparent.is_some() {
            entries.push(Entry {
                colour: BLUE,
                key: Key::Line,
                text: "Apparent".into(),
            });
        }
        if self.bias_corrected.is_some() {
            entries.push(Entry {
                colour: VERMILLION,
                key: Key::Dashed,
                text: "Bias-corrected".into(),
            });
        }
        if !self.groups.is_empty() {
            entries.push(Entry {
                colour: BLACK,
                key: Key::Point,
                text: "Groups (95% CI)".into(),
            });
        }
        entries
    }

    /// The lines of the statistics box: "Intercept 0.000", "Slope 1.000", "Brier 0.165",
    /// "Hosmer–Lemeshow p = 0.75".
    pub fn stats_lines(&self) -> Vec<String> {
        let s = &self.stats;
        let mut out = Vec::new();
        if let Some(v) = s.intercept {
            out.push(format!("Intercept {}", fmt_fixed(v, 3)));
        }
        if let Some(v) = s.slope {
            out.push(format!("Slope {}", fmt_fixed(v, 3)));
        }
        if let Some(v) = s.brier {
            out.push(format!("Brier {}", fmt_fixed(v, 3)));
        }
        if let Some(v) = s.hosmer_lemeshow_p {
            out.push(format!("Hosmer\u{2013}Lemeshow p {}", fmt_p(v)));
        }
        out
    }
}

impl Figure for CalibrationFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        self.validate()?;
        let m = p.px(MARGIN_PT);
        let unit = ticks(&[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let entries = self.legend_entries();
        let left = m + left_gutter(p, &unit);
        let legend_h = legend_below_height(p, &entries, p.width - m - left);
        let bottom = p.height - m - legend_h - p.px(4.0) - bottom_gutter(p);
        let top = m + p.px(2.0);
        let avail_w = p.width - m - p.px(4.0) - left;
        let side = (bottom - top).min(avail_w);
        let left = left + (avail_w - side) / 2.0;
        let frame = Frame {
            left,
            top: bottom - side,
            right: left + side,
            bottom,
            x: Axis::linear(-0.02, 1.02),
            y: Axis::linear(-0.02, 1.02),
        };
        frame.draw_line(p, &[(0.0, 0.0), (1.0, 1.0)], GREY, AXIS_PT, Some(3.0))?;
        let rug = p.px(4.0);
        for &x in &self.predictions {
            let px = frame.x_px(x);
            p.line(&[(px, frame.bottom), (px, frame.bottom - rug)], GREY, 0.4)?;
        }
        for g in &self.groups {
            if let (Some(lo), Some(hi)) = (g.lower, g.upper) {
                frame.draw_line(
                    p,
                    &[(g.predicted, lo), (g.predicted, hi)],
                    GREY,
                    AXIS_PT,
                    None,
                )?;
            }
        }
        for g in &self.groups {
            if frame.contains(g.predicted, g.observed) {
                p.circle(frame.at(g.predicted, g.observed), 1.8, BLACK, true)?;
            }
        }
        if let Some(c) = &self.apparent {
            let pts: Vec<_> = c.x.iter().copied().zip(c.y.iter().copied()).collect();
            frame.draw_line(p, &pts, BLUE, CURVE_PT, None)?;
        }
        if let Some(c) = &self.bias_corrected {
            let pts: Vec<_> = c.x.iter().copied().zip(c.y.iter().copied()).collect();
            frame.draw_line(p, &pts, VERMILLION, CURVE_PT, Some(3.0))?;
        }
        frame.draw_box(p)?;
        frame.draw_bottom_axis(p, &unit, "Predicted probability")?;
        frame.draw_left_axis(p, &unit, "Observed proportion")?;
        draw_legend_below(p, &entries, m, p.height - m - legend_h, p.width - 2.0 * m)?;
        let lines = self.stats_lines();
        if !lines.is_empty() {
            let lh = p.line_height(SMALL_PT);
            let pad = p.px(3.0);
            let w = lines
                .iter()
                .map(|l| p.text_width(l, SMALL_PT))
                .fold(0.0, f64::max);
            let (x1, y1) = (frame.right - p.px(4.0), frame.bottom - p.px(6.0));
            let (x0, y0) = (x1 - w - 2.0 * pad, y1 - lh * lines.len() as f64 - 2.0 * pad);
            p.fill_rect((x0, y0), (x1, y1), WHITE)?;
            p.rect((x0, y0), (x1, y1), GREY, 0.4)?;
            for (k, l) in lines.iter().enumerate() {
                p.text(
                    l,
                    (x0 + pad, y0 + pad + lh * (k as f64 + 0.5)),
                    SMALL_PT,
                    BLACK,
                    Anchor::LEFT,
                )?;
            }
        }
        Ok(())
    }
}
