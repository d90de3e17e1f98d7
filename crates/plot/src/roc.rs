//! ROC curves in pROC's manner: sensitivity against 1 − specificity (or specificity on a
//! reversed axis), the chance diagonal, each curve's AUC with its confidence interval in the
//! legend, the Youden point marked with its threshold, and an optional confidence band of the
//! sensitivity (pROC `ci.se`).

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite, check_len};
use crate::frame::{Axis, Frame, Tick, bottom_gutter, left_gutter, ticks};
use crate::legend::{Corner, Entry, Key, draw_legend};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{CURVE_PT, GREY, MARGIN_PT, SMALL_PT, TITLE_PT, series_colour};
use crate::ticks::{fmt_ci, fmt_fixed};

/// How the x axis is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RocXAxis {
    /// "1 − Specificity" from 0 to 1 (the usual journal form).
    #[default]
    FalsePositiveRate,
    /// "Specificity" from 1 down to 0 (pROC's default form).
    Specificity,
}

/// A point on the curve marked with its threshold (the Youden-optimal cut-off).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RocPoint {
    pub threshold: f64,
    pub specificity: f64,
    pub sensitivity: f64,
}

/// A confidence band of the sensitivity at given specificities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RocBand {
    pub specificity: Vec<f64>,
    pub sensitivity_lower: Vec<f64>,
    pub sensitivity_upper: Vec<f64>,
}

/// One ROC curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RocSeries {
    /// Legend label (the marker or model name).
    pub label: String,
    /// Specificity of each curve point, in drawing order.
    pub specificity: Vec<f64>,
    /// Sensitivity of each curve point.
    pub sensitivity: Vec<f64>,
    /// Area under the curve.
    pub auc: f64,
    /// Lower confidence limit of the AUC.
    #[serde(default)]
    pub ci_lower: Option<f64>,
    /// Upper confidence limit of the AUC.
    #[serde(default)]
    pub ci_upper: Option<f64>,
    /// The point to mark with its threshold.
    #[serde(default)]
    pub youden: Option<RocPoint>,
    /// Optional confidence band, drawn shaded.
    #[serde(default)]
    pub band: Option<RocBand>,
}

/// ROC figure input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RocFigure {
    pub curves: Vec<RocSeries>,
    #[serde(default)]
    pub x_axis: RocXAxis,
    /// Optional title above the plot.
    #[serde(default)]
    pub title: Option<String>,
}

impl RocFigure {
    fn validate(&self) -> Result<(), PlotError> {
        if self.curves.is_empty() {
            return Err(PlotError::InvalidInput("ROC figure without curves".into()));
        }
        for c in &self.curves {
            check_len(&c.label, c.specificity.len(), c.sensitivity.len())?;
            check_finite(&c.label, &c.specificity)?;
            check_finite(&c.label, &c.sensitivity)?;
            check_finite(&c.label, &[c.auc])?;
            if let Some(b) = &c.band {
                check_len("ROC band", b.specificity.len(), b.sensitivity_lower.len())?;
                check_len("ROC band", b.specificity.len(), b.sensitivity_upper.len())?;
                check_finite("ROC band", &b.specificity)?;
                check_finite("ROC band", &b.sensitivity_lower)?;
                check_finite("ROC band", &b.sensitivity_upper)?;
            }
            if let Some(y) = &c.youden {
                check_finite("Youden point", &[y.specificity, y.sensitivity])?;
            }
        }
        Ok(())
    }

    /// The legend text of a curve: "label: AUC 0.811 (0.713–0.910)".
    pub fn legend_text(c: &RocSeries) -> String {
        let auc = match (c.ci_lower, c.ci_upper) {
            (Some(lo), Some(hi)) if lo.is_finite() && hi.is_finite() => {
                format!("AUC {}", fmt_ci(c.auc, lo, hi, 3))
            }
            _ => format!("AUC {}", fmt_fixed(c.auc, 3)),
        };
        if c.label.is_empty() {
            auc
        } else {
            format!("{}: {auc}", c.label)
        }
    }
}

impl Figure for RocFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        self.validate()?;
        let m = p.px(MARGIN_PT);
        let unit = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];
        let y_ticks = ticks(&unit);
        let x_ticks: Vec<Tick> = match self.x_axis {
            RocXAxis::FalsePositiveRate => ticks(&unit),
            RocXAxis::Specificity => ticks(&unit)
                .into_iter()
                .map(|t| Tick {
                    label: fmt_fixed(1.0 - t.value, 1),
                    value: t.value,
                })
                .collect(),
        };
        let x_title = match self.x_axis {
            RocXAxis::FalsePositiveRate => "1 \u{2212} Specificity",
            RocXAxis::Specificity => "Specificity",
        };
        let top = m + if self.title.is_some() {
            p.line_height(TITLE_PT) * 1.5
        } else {
            p.px(4.0)
        };
        let left = m + left_gutter(p, &y_ticks);
        let bottom = p.height - m - bottom_gutter(p);
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
        if let Some(t) = &self.title {
            p.text(
                t,
                ((frame.left + frame.right) / 2.0, m),
                TITLE_PT,
                crate::theme::BLACK,
                Anchor(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Top,
                ),
            )?;
        }
        frame.draw_line(p, &[(0.0, 0.0), (1.0, 1.0)], GREY, 0.8, Some(3.0))?;
        for (i, c) in self.curves.iter().enumerate() {
            if let Some(b) = &c.band {
                let colour = series_colour(i);
                let mut poly: Vec<_> = b
                    .specificity
                    .iter()
                    .zip(&b.sensitivity_upper)
                    .map(|(s, u)| frame.at(1.0 - s, *u))
                    .collect();
                poly.extend(
                    b.specificity
                        .iter()
                        .zip(&b.sensitivity_lower)
                        .rev()
                        .map(|(s, l)| frame.at(1.0 - s, *l)),
                );
                p.polygon(&poly, colour, 0.18)?;
            }
        }
        let mut entries = Vec::new();
        for (i, c) in self.curves.iter().enumerate() {
            let colour = series_colour(i);
            let pts: Vec<(f64, f64)> = c
                .specificity
                .iter()
                .zip(&c.sensitivity)
                .map(|(s, se)| (1.0 - s, *se))
                .collect();
            frame.draw_line(p, &pts, colour, CURVE_PT, None)?;
            entries.push(Entry {
                colour,
                key: Key::Line,
                text: Self::legend_text(c),
            });
        }
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        for (i, c) in self.curves.iter().enumerate() {
            if let Some(y) = &c.youden {
                let colour = series_colour(i);
                let at = frame.at(1.0 - y.specificity, y.sensitivity);
                p.circle(at, 2.2, colour, true)?;
                let label = format!(
                    "{} ({}, {})",
                    fmt_threshold(y.threshold),
                    fmt_fixed(y.specificity, 3),
                    fmt_fixed(y.sensitivity, 3)
                );
                let (w, h) = (p.text_width(&label, SMALL_PT), p.line_height(SMALL_PT));
                let x = (at.0 + p.px(3.0)).min(frame.right - w - p.px(2.0));
                let mut top = at.1 + p.px(2.0);
                while placed
                    .iter()
                    .any(|r| x < r.2 && x + w > r.0 && top < r.3 && top + h > r.1)
                {
                    top += h;
                }
                placed.push((x, top, x + w, top + h));
                p.fill_rect((x - 1.0, top), (x + w + 1.0, top + h), crate::theme::WHITE)?;
                p.text(&label, (x, top + h / 2.0), SMALL_PT, colour, Anchor::LEFT)?;
            }
        }
        frame.draw_box(p)?;
        frame.draw_bottom_axis(p, &x_ticks, x_title)?;
        frame.draw_left_axis(p, &y_ticks, "Sensitivity")?;
        draw_legend(p, &frame, &entries, Corner::BottomRight)?;
        Ok(())
    }
}

/// A threshold with three significant digits (thresholds range from 0.01 to thousands).
fn fmt_threshold(t: f64) -> String {
    if !t.is_finite() {
        return "NA".into();
    }
    let mag = t.abs().log10().floor();
    let d = if t == 0.0 {
        0
    } else {
        (2.0 - mag).clamp(0.0, 6.0) as usize
    };
    fmt_fixed(t, d)
}
