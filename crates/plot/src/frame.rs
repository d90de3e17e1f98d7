//! A plotting frame: a pixel rectangle with a data scale on each axis, axis drawing, and clipping
//! of data lines to the rectangle.
//!
//! Tick marks, tick labels and anything aligned with them (the Kaplan–Meier number-at-risk
//! columns, the nzero labels of the LASSO plot) are placed with the same `x_px` mapping, so they
//! line up to the pixel.

use plotters::prelude::DrawingBackend;

use crate::error::PlotError;
use crate::painter::{Anchor, Painter, Px};
use crate::theme::{AXIS_PT, BLACK, TEXT_PT, TICK_PT, TITLE_PT};

/// Linear or logarithmic mapping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Scale {
    Linear,
    Log,
}

/// A data range on one axis.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub scale: Scale,
}

impl Axis {
    pub fn linear(lo: f64, hi: f64) -> Self {
        let (lo, hi) = widen(lo, hi);
        Axis {
            lo,
            hi,
            scale: Scale::Linear,
        }
    }

    pub fn log(lo: f64, hi: f64) -> Self {
        let lo = if lo > 0.0 { lo } else { 1e-3 };
        let hi = if hi > lo { hi } else { lo * 10.0 };
        Axis {
            lo,
            hi,
            scale: Scale::Log,
        }
    }

    /// Position of `v` as a fraction of the axis (0 at `lo`, 1 at `hi`).
    pub fn frac(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Linear => (v - self.lo) / (self.hi - self.lo),
            Scale::Log => (v.ln() - self.lo.ln()) / (self.hi.ln() - self.lo.ln()),
        }
    }
}

/// Makes a degenerate range drawable.
fn widen(lo: f64, hi: f64) -> (f64, f64) {
    if hi > lo {
        (lo, hi)
    } else {
        let d = if lo.abs() > 0.0 { lo.abs() * 0.1 } else { 1.0 };
        (lo - d, lo + d)
    }
}

/// A tick: its data value and label.
#[derive(Debug, Clone)]
pub(crate) struct Tick {
    pub value: f64,
    pub label: String,
}

/// Ticks labelled with `labels(values)`.
pub(crate) fn ticks(values: &[f64]) -> Vec<Tick> {
    values
        .iter()
        .zip(crate::ticks::labels(values))
        .map(|(v, l)| Tick {
            value: *v,
            label: l,
        })
        .collect()
}

/// A rectangle in pixels with a data axis on each side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub x: Axis,
    pub y: Axis,
}

impl Frame {
    pub fn x_px(&self, v: f64) -> f64 {
        self.left + self.x.frac(v) * (self.right - self.left)
    }

    pub fn y_px(&self, v: f64) -> f64 {
        self.bottom - self.y.frac(v) * (self.bottom - self.top)
    }

    pub fn at(&self, x: f64, y: f64) -> Px {
        (self.x_px(x), self.y_px(y))
    }

    /// `true` when the data point lies inside the frame.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let (px, py) = self.at(x, y);
        px >= self.left - 0.5
            && px <= self.right + 0.5
            && py >= self.top - 0.5
            && py <= self.bottom + 0.5
    }

    /// The polyline through the data points, cut to the frame (one piece per visible run).
    pub fn clip(&self, pts: &[(f64, f64)]) -> Vec<Vec<Px>> {
        let mut runs: Vec<Vec<Px>> = Vec::new();
        let mut current: Vec<Px> = Vec::new();
        let px: Vec<Option<Px>> = pts
            .iter()
            .map(|&(x, y)| {
                let p = self.at(x, y);
                (p.0.is_finite() && p.1.is_finite()).then_some(p)
            })
            .collect();
        for w in px.windows(2) {
            let (Some(a), Some(b)) = (w[0], w[1]) else {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
                continue;
            };
            match self.clip_segment(a, b) {
                Some((ca, cb)) => {
                    if current.last().is_none_or(|l| dist(*l, ca) > 0.01) {
                        if current.len() > 1 {
                            runs.push(std::mem::take(&mut current));
                        }
                        current.clear();
                        current.push(ca);
                    }
                    current.push(cb);
                }
                None => {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
            }
        }
        if current.len() > 1 {
            runs.push(current);
        }
        runs
    }

    /// Liang–Barsky clipping of one segment to the frame.
    fn clip_segment(&self, a: Px, b: Px) -> Option<(Px, Px)> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        let checks = [
            (-dx, a.0 - self.left),
            (dx, self.right - a.0),
            (-dy, a.1 - self.top),
            (dy, self.bottom - a.1),
        ];
        for (p, q) in checks {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if t0 > t1 {
            return None;
        }
        Some((
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        ))
    }

    /// Draws the data polyline clipped to the frame.
    pub fn draw_line<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        pts: &[(f64, f64)],
        colour: plotters::style::RGBColor,
        width_pt: f64,
        dash_pt: Option<f64>,
    ) -> Result<(), PlotError> {
        for run in self.clip(pts) {
            match dash_pt {
                Some(d) => p.dashed(&run, colour, width_pt, d)?,
                None => p.line(&run, colour, width_pt)?,
            }
        }
        Ok(())
    }

    /// The frame's outline.
    pub fn draw_box<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        p.rect(
            (self.left, self.top),
            (self.right, self.bottom),
            BLACK,
            AXIS_PT,
        )
    }

    /// The x axis along the bottom with ticks, labels and a title below.
    pub fn draw_bottom_axis<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        ticks: &[Tick],
        title: &str,
    ) -> Result<(), PlotError> {
        let tick = p.px(TICK_PT);
        p.line(
            &[(self.left, self.bottom), (self.right, self.bottom)],
            BLACK,
            AXIS_PT,
        )?;
        let mut last_right = f64::NEG_INFINITY;
        for t in ticks {
            let x = self.x_px(t.value);
            p.line(&[(x, self.bottom), (x, self.bottom + tick)], BLACK, AXIS_PT)?;
            // a label that would touch the previous one is left out (its tick stays)
            let half = p.text_width(&t.label, TEXT_PT) / 2.0;
            if x - half < last_right + p.px(2.0) {
                continue;
            }
            last_right = x + half;
            p.text(
                &t.label,
                (x, self.bottom + tick + p.px(1.5)),
                TEXT_PT,
                BLACK,
                Anchor::TOP,
            )?;
        }
        let y = self.bottom + tick + p.px(1.5) + p.line_height(TEXT_PT) + p.px(2.0);
        p.text(
            title,
            ((self.left + self.right) / 2.0, y),
            TITLE_PT,
            BLACK,
            Anchor::TOP,
        )
    }

    /// The x axis along the top with ticks and labels above it, and a title above those.
    pub fn draw_top_axis<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        ticks: &[Tick],
        title: &str,
    ) -> Result<(), PlotError> {
        let tick = p.px(TICK_PT);
        for t in ticks {
            let x = self.x_px(t.value);
            p.line(&[(x, self.top), (x, self.top - tick)], BLACK, AXIS_PT)?;
            p.text(
                &t.label,
                (x, self.top - tick - p.px(1.5)),
                crate::theme::SMALL_PT,
                BLACK,
                Anchor::BOTTOM,
            )?;
        }
        let y = self.top - tick - p.px(1.5) - p.line_height(crate::theme::SMALL_PT) - p.px(1.5);
        p.text(
            title,
            ((self.left + self.right) / 2.0, y),
            crate::theme::SMALL_PT,
            BLACK,
            Anchor::BOTTOM,
        )
    }

    /// The y axis on the left with ticks, labels and a vertical title.
    pub fn draw_left_axis<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        ticks: &[Tick],
        title: &str,
    ) -> Result<(), PlotError> {
        let tick = p.px(TICK_PT);
        p.line(
            &[(self.left, self.top), (self.left, self.bottom)],
            BLACK,
            AXIS_PT,
        )?;
        let mut widest: f64 = 0.0;
        for t in ticks {
            let y = self.y_px(t.value);
            p.line(&[(self.left - tick, y), (self.left, y)], BLACK, AXIS_PT)?;
            p.text(
                &t.label,
                (self.left - tick - p.px(2.0), y),
                TEXT_PT,
                BLACK,
                Anchor::RIGHT,
            )?;
            widest = widest.max(p.text_width(&t.label, TEXT_PT));
        }
        let x = self.left - tick - p.px(2.0) - widest - p.px(3.0) - p.line_height(TITLE_PT) / 2.0;
        p.text_vertical(title, (x, (self.top + self.bottom) / 2.0), TITLE_PT, BLACK)
    }
}

fn dist(a: Px, b: Px) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Space needed left of a frame for y tick labels and a vertical title, in pixels.
pub(crate) fn left_gutter<DB: DrawingBackend>(p: &Painter<DB>, ticks: &[Tick]) -> f64 {
    let widest = ticks
        .iter()
        .map(|t| p.text_width(&t.label, TEXT_PT))
        .fold(0.0, f64::max);
    p.px(TICK_PT) + p.px(2.0) + widest + p.px(3.0) + p.line_height(TITLE_PT)
}

/// Space needed below a frame for x tick labels and a title, in pixels.
pub(crate) fn bottom_gutter<DB: DrawingBackend>(p: &Painter<DB>) -> f64 {
    p.px(TICK_PT) + p.px(1.5) + p.line_height(TEXT_PT) + p.px(2.0) + p.line_height(TITLE_PT)
}

/// Space needed above a frame for a small top axis with a title, in pixels.
pub(crate) fn top_gutter<DB: DrawingBackend>(p: &Painter<DB>) -> f64 {
    p.px(TICK_PT) + p.px(3.0) + 2.0 * p.line_height(crate::theme::SMALL_PT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_frame() -> Frame {
        Frame {
            left: 0.0,
            top: 0.0,
            right: 100.0,
            bottom: 100.0,
            x: Axis::linear(0.0, 1.0),
            y: Axis::linear(0.0, 1.0),
        }
    }

    #[test]
    fn clipping_cuts_at_the_edges() {
        // exact: a line from (0.5, 0.5) to (0.5, -1) leaves through the bottom edge at y = 100 px
        let runs = unit_frame().clip(&[(0.5, 0.5), (0.5, -1.0)]);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0], vec![(50.0, 50.0), (50.0, 100.0)]);
        // a segment entirely outside disappears; a NaN splits the line
        assert!(unit_frame().clip(&[(2.0, 2.0), (3.0, 3.0)]).is_empty());
        let split = unit_frame().clip(&[
            (0.1, 0.1),
            (0.2, 0.2),
            (f64::NAN, 0.3),
            (0.4, 0.4),
            (0.5, 0.5),
        ]);
        assert_eq!(split.len(), 2);
    }

    #[test]
    fn log_axis_maps_decades_evenly() {
        // 1e-12 absolute: 1 is halfway between 0.1 and 10 on a log axis
        let f = Frame {
            x: Axis::log(0.1, 10.0),
            ..unit_frame()
        };
        assert!((f.x_px(1.0) - 50.0).abs() < 1e-12);
    }
}
