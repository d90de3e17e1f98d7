//! The two LASSO panels of glmnet: coefficient paths against log(λ) with the number of non-zero
//! coefficients along the top (`plot(fit, xvar = "lambda")`), and the cross-validation curve
//! with cvm ± cvsd error bars, dashed lines at λmin and λ1se and nzero along the top
//! (`plot(cv.glmnet)`). The x axis is the natural logarithm of λ, as glmnet draws it.
//!
//! Unlike glmnet, the path plot names its largest features: the `label_count` paths with the
//! largest |coefficient| at the smallest λ are labelled at their left ends, in their colours,
//! spread vertically so that labels never overlap.

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite, check_len};
use crate::frame::{Axis, Frame, Tick, bottom_gutter, left_gutter, ticks, top_gutter};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{
    AXIS_PT, BLACK, CURVE_PT, GREY, MARGIN_PT, SMALL_PT, VERMILLION, series_colour,
};
use crate::ticks::pretty;

/// One coefficient's path: its value at each λ of the sequence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// Coefficient-path figure input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LassoPathFigure {
    /// The λ sequence (any order).
    pub lambda: Vec<f64>,
    /// Number of non-zero coefficients at each λ.
    pub nzero: Vec<usize>,
    pub coefficients: Vec<PathSeries>,
    /// How many of the largest paths to label.
    #[serde(default)]
    pub label_count: usize,
    /// λ chosen by cross-validation (dashed line), optional.
    #[serde(default)]
    pub lambda_min: Option<f64>,
    /// The one-standard-error λ (dashed line), optional.
    #[serde(default)]
    pub lambda_1se: Option<f64>,
}

/// Cross-validation figure input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LassoCvFigure {
    pub lambda: Vec<f64>,
    /// Mean cross-validated error at each λ.
    pub cvm: Vec<f64>,
    /// Its standard error.
    pub cvsd: Vec<f64>,
    pub nzero: Vec<usize>,
    pub lambda_min: f64,
    pub lambda_1se: f64,
    /// The y-axis title, e.g. "Binomial Deviance".
    pub measure: String,
}

fn check_lambda(lambda: &[f64], nzero: &[usize]) -> Result<(), PlotError> {
    if lambda.len() < 2 {
        return Err(PlotError::InvalidInput(format!(
            "LASSO figure needs at least 2 lambdas, got {}",
            lambda.len()
        )));
    }
    check_finite("lambda", lambda)?;
    if let Some(l) = lambda.iter().find(|l| **l <= 0.0) {
        return Err(PlotError::InvalidInput(format!(
            "lambda must be positive, got {l}"
        )));
    }
    check_len("nzero vs lambda", lambda.len(), nzero.len())
}

/// The x title: "Log(λ)".
const X_TITLE: &str = "Log(\u{03bb})";

/// nzero labels along the top, at λ values chosen left to right so that labels do not collide.
fn nzero_ticks<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &Frame,
    log_lambda: &[f64],
    nzero: &[usize],
) -> Vec<Tick> {
    let mut order: Vec<usize> = (0..log_lambda.len()).collect();
    order.sort_by(|&a, &b| log_lambda[a].total_cmp(&log_lambda[b]));
    let mut out: Vec<Tick> = Vec::new();
    let mut last_right = f64::NEG_INFINITY;
    for i in order {
        let label = nzero[i].to_string();
        let x = frame.x_px(log_lambda[i]);
        let half = p.text_width(&label, SMALL_PT) / 2.0;
        if x - half > last_right + p.px(4.0) {
            last_right = x + half;
            out.push(Tick {
                value: log_lambda[i],
                label,
            });
        }
    }
    out
}

fn vline<DB: DrawingBackend>(p: &Painter<DB>, frame: &Frame, x: f64) -> Result<(), PlotError> {
    let px = frame.x_px(x);
    p.dashed(&[(px, frame.top), (px, frame.bottom)], BLACK, AXIS_PT, 2.5)
}

fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    })
}

impl Figure for LassoPathFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        check_lambda(&self.lambda, &self.nzero)?;
        if self.coefficients.is_empty() {
            return Err(PlotError::InvalidInput(
                "LASSO path without coefficients".into(),
            ));
        }
        for c in &self.coefficients {
            check_len(&c.name, self.lambda.len(), c.values.len())?;
            check_finite(&c.name, &c.values)?;
        }
        let m = p.px(MARGIN_PT);
        let ll: Vec<f64> = self.lambda.iter().map(|l| l.ln()).collect();
        let (x_lo, x_hi) = range(ll.iter().copied());
        let (y_lo, y_hi) = range(
            self.coefficients
                .iter()
                .flat_map(|c| c.values.iter().copied()),
        );
        let pad_y = (y_hi - y_lo).max(1e-12) * 0.04;
        let y_ticks = ticks(&pretty(y_lo - pad_y, y_hi + pad_y, 5));
        // the smallest lambda is where the paths are widest apart
        let end = (0..ll.len())
            .min_by(|&a, &b| ll[a].total_cmp(&ll[b]))
            .unwrap_or(0);
        let mut ranked: Vec<usize> = (0..self.coefficients.len()).collect();
        ranked.sort_by(|&a, &b| {
            self.coefficients[b].values[end]
                .abs()
                .total_cmp(&self.coefficients[a].values[end].abs())
        });
        ranked.truncate(self.label_count.min(self.coefficients.len()));
        ranked.retain(|&i| self.coefficients[i].values[end] != 0.0);
        let label_w = ranked
            .iter()
            .map(|&i| p.text_width(&self.coefficients[i].name, SMALL_PT))
            .fold(0.0, f64::max);
        let left = m + left_gutter(p, &y_ticks);
        let right = p.width - m - p.px(4.0);
        let gutter = if ranked.is_empty() {
            0.0
        } else {
            label_w + p.px(6.0)
        };
        let plot_w = (right - left - gutter).max(1.0);
        let x_span = x_hi - x_lo;
        let frame = Frame {
            left,
            top: m + top_gutter(p),
            right,
            bottom: p.height - m - bottom_gutter(p),
            x: Axis::linear(
                x_lo - x_span * (gutter / plot_w) - x_span * 0.01,
                x_hi + x_span * 0.01,
            ),
            y: Axis::linear(y_lo - pad_y, y_hi + pad_y),
        };
        frame.draw_line(
            p,
            &[(x_lo, 0.0), (frame.x.hi, 0.0)],
            GREY,
            AXIS_PT,
            Some(2.0),
        )?;
        for lam in [self.lambda_min, self.lambda_1se].into_iter().flatten() {
            if lam > 0.0 {
                vline(p, &frame, lam.ln())?;
            }
        }
        for (i, c) in self.coefficients.iter().enumerate() {
            let pts: Vec<(f64, f64)> = ll.iter().copied().zip(c.values.iter().copied()).collect();
            frame.draw_line(p, &pts, series_colour(i), CURVE_PT * 0.8, None)?;
        }
        // labels: sorted by height, pushed apart to one line each, kept inside the frame
        let lh = p.line_height(SMALL_PT);
        let mut labels: Vec<(f64, usize)> = ranked
            .iter()
            .map(|&i| (frame.y_px(self.coefficients[i].values[end]), i))
            .collect();
        labels.sort_by(|a, b| a.0.total_cmp(&b.0));
        let n = labels.len();
        for k in 0..n {
            let lo = frame.top + lh / 2.0 + k as f64 * lh;
            let prev = if k > 0 { labels[k - 1].0 + lh } else { lo };
            labels[k].0 = labels[k].0.max(prev).max(lo);
        }
        for k in (0..n).rev() {
            let hi = frame.bottom - lh / 2.0 - (n - 1 - k) as f64 * lh;
            let next = if k + 1 < n { labels[k + 1].0 - lh } else { hi };
            labels[k].0 = labels[k].0.min(next).min(hi);
        }
        let x_end = frame.x_px(ll[end]) - p.px(2.0);
        for (y, i) in labels {
            p.text(
                &self.coefficients[i].name,
                (x_end, y),
                SMALL_PT,
                series_colour(i),
                Anchor::RIGHT,
            )?;
        }
        frame.draw_box(p)?;
        let x_ticks = ticks(&pretty(x_lo, x_hi, 5));
        frame.draw_bottom_axis(p, &x_ticks, X_TITLE)?;
        frame.draw_left_axis(p, &y_ticks, "Coefficients")?;
        let top = nzero_ticks(p, &frame, &ll, &self.nzero);
        frame.draw_top_axis(p, &top, "Number of non-zero coefficients")?;
        Ok(())
    }
}

impl Figure for LassoCvFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        check_lambda(&self.lambda, &self.nzero)?;
        check_len("cvm vs lambda", self.lambda.len(), self.cvm.len())?;
        check_len("cvsd vs lambda", self.lambda.len(), self.cvsd.len())?;
        check_finite("cvm", &self.cvm)?;
        check_finite("cvsd", &self.cvsd)?;
        check_finite(
            "lambda.min and lambda.1se",
            &[self.lambda_min, self.lambda_1se],
        )?;
        let m = p.px(MARGIN_PT);
        let ll: Vec<f64> = self.lambda.iter().map(|l| l.ln()).collect();
        let (x_lo, x_hi) = range(ll.iter().copied());
        let (y_lo, y_hi) = range(
            self.cvm
                .iter()
                .zip(&self.cvsd)
                .flat_map(|(c, s)| [c - s, c + s]),
        );
        let pad_x = (x_hi - x_lo) * 0.03;
        let pad_y = (y_hi - y_lo).max(1e-12) * 0.04;
        let y_ticks = ticks(&pretty(y_lo, y_hi, 5));
        let frame = Frame {
            left: m + left_gutter(p, &y_ticks),
            top: m + top_gutter(p),
            right: p.width - m - p.px(4.0),
            bottom: p.height - m - bottom_gutter(p),
            x: Axis::linear(x_lo - pad_x, x_hi + pad_x),
            y: Axis::linear(y_lo - pad_y, y_hi + pad_y),
        };
        let cap = p.px(1.2);
        for ((x, c), s) in ll.iter().zip(&self.cvm).zip(&self.cvsd) {
            let px = frame.x_px(*x);
            let (a, b) = (frame.y_px(c - s), frame.y_px(c + s));
            p.line(&[(px, a), (px, b)], GREY, AXIS_PT)?;
            p.line(&[(px - cap, a), (px + cap, a)], GREY, AXIS_PT)?;
            p.line(&[(px - cap, b), (px + cap, b)], GREY, AXIS_PT)?;
        }
        for (x, c) in ll.iter().zip(&self.cvm) {
            p.circle(frame.at(*x, *c), 1.3, VERMILLION, true)?;
        }
        vline(p, &frame, self.lambda_min.ln())?;
        vline(p, &frame, self.lambda_1se.ln())?;
        frame.draw_box(p)?;
        let x_ticks = ticks(&pretty(x_lo, x_hi, 5));
        frame.draw_bottom_axis(p, &x_ticks, X_TITLE)?;
        frame.draw_left_axis(p, &y_ticks, &self.measure)?;
        let top = nzero_ticks(p, &frame, &ll, &self.nzero);
        frame.draw_top_axis(p, &top, "Number of non-zero coefficients")?;
        // name the two dashed lines just inside the top of the frame
        let y = frame.top + p.line_height(SMALL_PT) * 0.7;
        p.text(
            "\u{03bb}min",
            (frame.x_px(self.lambda_min.ln()) - p.px(2.0), y),
            SMALL_PT,
            BLACK,
            Anchor::RIGHT,
        )?;
        p.text(
            "\u{03bb}1se",
            (frame.x_px(self.lambda_1se.ln()) + p.px(2.0), y),
            SMALL_PT,
            BLACK,
            Anchor::LEFT,
        )?;
        Ok(())
    }
}
