//! Decision curves as dcurves draws them: net benefit of each model against the threshold
//! probability, with the treat-all and treat-none strategies, the y axis from −0.05 to the
//! largest net benefit, and an optional cost:benefit axis (t : (1 − t)) along the top.

use plotters::prelude::DrawingBackend;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_finite, check_len};
use crate::frame::{Axis, Frame, Tick, bottom_gutter, left_gutter, ticks, top_gutter};
use crate::legend::{Entry, Key, draw_legend_below, legend_below_height};
use crate::painter::Painter;
use crate::render::Figure;
use crate::theme::{AXIS_PT, BLACK, CURVE_PT, GREY, MARGIN_PT, series_colour};
use crate::ticks::{fmt_fixed, pretty};

/// One model's net benefit at each threshold (`None` where undefined).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DcaSeries {
    pub label: String,
    pub net_benefit: Vec<Option<f64>>,
}

/// Decision-curve figure input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DcaFigure {
    /// Threshold probabilities, ascending.
    pub thresholds: Vec<f64>,
    pub models: Vec<DcaSeries>,
    /// Net benefit of treating everybody at each threshold.
    pub treat_all: Vec<Option<f64>>,
    /// Add the cost:benefit ratio axis along the top.
    #[serde(default)]
    pub cost_benefit_axis: bool,
}

impl DcaFigure {
    fn validate(&self) -> Result<(), PlotError> {
        if self.thresholds.len() < 2 {
            return Err(PlotError::InvalidInput(format!(
                "decision curve needs at least 2 thresholds, got {}",
                self.thresholds.len()
            )));
        }
        check_finite("thresholds", &self.thresholds)?;
        check_len("treat all", self.thresholds.len(), self.treat_all.len())?;
        for m in &self.models {
            check_len(&m.label, self.thresholds.len(), m.net_benefit.len())?;
        }
        Ok(())
    }

    fn points(&self, nb: &[Option<f64>]) -> Vec<(f64, f64)> {
        self.thresholds
            .iter()
            .zip(nb)
            .map(|(t, v)| (*t, v.filter(|x| x.is_finite()).unwrap_or(f64::NAN)))
            .collect()
    }
}

/// The cost:benefit ratio t : (1 − t) written as "1:4" (t < 0.5) or "4:1" (t > 0.5).
pub fn cost_benefit_label(t: f64) -> String {
    let short = |v: f64| {
        if (v - v.round()).abs() < 0.05 {
            format!("{}", v.round())
        } else {
            fmt_fixed(v, 1)
        }
    };
    if t <= 0.5 {
        format!("1:{}", short((1.0 - t) / t))
    } else {
        format!("{}:1", short(t / (1.0 - t)))
    }
}

impl Figure for DcaFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        self.validate()?;
        let m = p.px(MARGIN_PT);
        let x_lo = self.thresholds[0];
        let x_hi = self.thresholds[self.thresholds.len() - 1];
        let y_max = self
            .models
            .iter()
            .flat_map(|s| s.net_benefit.iter())
            .chain(self.treat_all.iter())
            .filter_map(|v| *v)
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let y_max = if y_max > 0.0 { y_max } else { 0.05 };
        let y_ticks = ticks(&pretty(-0.05, y_max, 5));
        let x_vals: Vec<f64> = pretty(x_lo, x_hi, 5);
        let x_ticks = ticks(&x_vals);
        let top = m + if self.cost_benefit_axis {
            top_gutter(p)
        } else {
            p.px(2.0)
        };
        let mut entries: Vec<Entry> = self
            .models
            .iter()
            .enumerate()
            .map(|(i, s)| Entry {
                colour: series_colour(i),
                key: Key::Line,
                text: s.label.clone(),
            })
            .collect();
        entries.push(Entry {
            colour: GREY,
            key: Key::Line,
            text: "Treat all".into(),
        });
        entries.push(Entry {
            colour: BLACK,
            key: Key::Line,
            text: "Treat none".into(),
        });
        let left = m + left_gutter(p, &y_ticks);
        let right = p.width - m - p.px(8.0);
        let legend_h = legend_below_height(p, &entries, right - left);
        let frame = Frame {
            left,
            top,
            right,
            bottom: p.height - m - legend_h - p.px(4.0) - bottom_gutter(p),
            x: Axis::linear(x_lo, x_hi),
            y: Axis::linear(-0.05, y_max),
        };
        frame.draw_line(p, &[(x_lo, 0.0), (x_hi, 0.0)], BLACK, AXIS_PT, None)?;
        frame.draw_line(p, &self.points(&self.treat_all), GREY, CURVE_PT, None)?;
        for (i, s) in self.models.iter().enumerate() {
            frame.draw_line(
                p,
                &self.points(&s.net_benefit),
                series_colour(i),
                CURVE_PT,
                None,
            )?;
        }
        frame.draw_bottom_axis(p, &x_ticks, "Threshold probability")?;
        frame.draw_left_axis(p, &y_ticks, "Net benefit")?;
        if self.cost_benefit_axis {
            let cb: Vec<Tick> = x_vals
                .iter()
                .filter(|t| **t > 0.0 && **t < 1.0)
                .map(|t| Tick {
                    value: *t,
                    label: cost_benefit_label(*t),
                })
                .collect();
            p.line(
                &[(frame.left, frame.top), (frame.right, frame.top)],
                BLACK,
                AXIS_PT,
            )?;
            frame.draw_top_axis(p, &cb, "Cost:Benefit ratio")?;
        }
        draw_legend_below(
            p,
            &entries,
            frame.left,
            p.height - m - legend_h,
            frame.right - frame.left,
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_benefit_ratios() {
        // exact: t : (1 − t)
        assert_eq!(cost_benefit_label(0.2), "1:4");
        assert_eq!(cost_benefit_label(0.5), "1:1");
        assert_eq!(cost_benefit_label(0.8), "4:1");
        assert_eq!(cost_benefit_label(0.4), "1:1.5");
    }
}
