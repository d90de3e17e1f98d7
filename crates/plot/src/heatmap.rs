//! Correlation heatmaps for feature × marker screens (corrplot's layout): one cell per pair
//! coloured on a diverging scale from −1 (blue) through 0 (white) to +1 (vermillion) (or ±limit),
//! a dot in
//! every cell that is significant after false-discovery-rate control, and a colour bar.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};

use crate::error::{PlotError, check_len};
use crate::painter::{Anchor, Painter};
use crate::render::Figure;
use crate::theme::{
    AXIS_PT, BLACK, BLUE, GREY, LIGHT_GREY, MARGIN_PT, SMALL_PT, TEXT_PT, VERMILLION, WHITE,
};

/// Heatmap input: `values[row][column]` in [−1, 1] (`None` where undefined).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatmapFigure {
    pub row_labels: Vec<String>,
    pub col_labels: Vec<String>,
    pub values: Vec<Vec<Option<f64>>>,
    /// `significant[row][column]`: marked with a dot (e.g. BH-adjusted q < 0.05).
    #[serde(default)]
    pub significant: Vec<Vec<bool>>,
    /// The colour bar's title, e.g. "Spearman ρ".
    pub legend_title: String,
    /// A footnote explaining the dots.
    #[serde(default)]
    pub note: Option<String>,
    /// The colour scale spans −limit … +limit (default 1; weak screens read better at 0.3).
    #[serde(default)]
    pub limit: Option<f64>,
}

/// The diverging colour of a correlation `r` (clamped to [−1, 1]).
pub fn diverging_colour(r: f64) -> RGBColor {
    let t = r.clamp(-1.0, 1.0);
    let (end, f) = if t < 0.0 { (BLUE, -t) } else { (VERMILLION, t) };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    RGBColor(
        mix(WHITE.0, end.0),
        mix(WHITE.1, end.1),
        mix(WHITE.2, end.2),
    )
}

impl HeatmapFigure {
    fn validate(&self) -> Result<(), PlotError> {
        if self.row_labels.is_empty() || self.col_labels.is_empty() {
            return Err(PlotError::InvalidInput(
                "heatmap without rows or columns".into(),
            ));
        }
        check_len("heatmap rows", self.row_labels.len(), self.values.len())?;
        for row in &self.values {
            check_len("heatmap columns", self.col_labels.len(), row.len())?;
        }
        if !self.significant.is_empty() {
            check_len(
                "significance rows",
                self.row_labels.len(),
                self.significant.len(),
            )?;
            for row in &self.significant {
                check_len("significance columns", self.col_labels.len(), row.len())?;
            }
        }
        Ok(())
    }
}

impl Figure for HeatmapFigure {
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError> {
        self.validate()?;
        let limit = self
            .limit
            .filter(|l| l.is_finite() && *l > 0.0)
            .unwrap_or(1.0);
        let m = p.px(MARGIN_PT);
        let lh = p.line_height(TEXT_PT);
        let row_w = self
            .row_labels
            .iter()
            .map(|l| p.text_width(l, SMALL_PT))
            .fold(0.0, f64::max);
        let col_h = self
            .col_labels
            .iter()
            .map(|l| p.text_width(l, SMALL_PT))
            .fold(0.0, f64::max);
        let bar_w = p.px(8.0);
        let bar_labels_w = p.text_width("\u{2212}0.55", SMALL_PT);
        let note_h = if self.note.is_some() { lh * 1.2 } else { 0.0 };
        let left = m + row_w + p.px(3.0);
        let right_space = p.px(8.0) + bar_w + p.px(2.0) + bar_labels_w + p.px(4.0) + lh;
        let top = m + p.px(2.0);
        let avail_w = p.width - m - right_space - left;
        let avail_h = p.height - m - note_h - col_h - p.px(3.0) - top;
        let (nr, nc) = (self.row_labels.len() as f64, self.col_labels.len() as f64);
        let cell = (avail_w / nc).min(avail_h / nr);
        let (gw, gh) = (cell * nc, cell * nr);
        for (i, row) in self.values.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                let (x, y) = (left + cell * j as f64, top + cell * i as f64);
                let colour = match v {
                    Some(r) if r.is_finite() => diverging_colour(*r / limit),
                    _ => LIGHT_GREY,
                };
                p.fill_rect((x, y), (x + cell, y + cell), colour)?;
                let sig = self
                    .significant
                    .get(i)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(false);
                if sig {
                    p.circle(
                        (x + cell / 2.0, y + cell / 2.0),
                        (cell / p.px(1.0) * 0.12).min(2.5),
                        BLACK,
                        true,
                    )?;
                }
            }
        }
        for k in 0..=self.col_labels.len() {
            let x = left + cell * k as f64;
            p.line(&[(x, top), (x, top + gh)], WHITE, 0.5)?;
        }
        for k in 0..=self.row_labels.len() {
            let y = top + cell * k as f64;
            p.line(&[(left, y), (left + gw, y)], WHITE, 0.5)?;
        }
        p.rect((left, top), (left + gw, top + gh), GREY, AXIS_PT)?;
        for (i, l) in self.row_labels.iter().enumerate() {
            let y = top + cell * (i as f64 + 0.5);
            p.text(l, (left - p.px(3.0), y), SMALL_PT, BLACK, Anchor::RIGHT)?;
        }
        for (j, l) in self.col_labels.iter().enumerate() {
            let x = left + cell * (j as f64 + 0.5);
            let w = p.text_width(l, SMALL_PT);
            p.text_vertical(l, (x, top + gh + p.px(3.0) + w / 2.0), SMALL_PT, BLACK)?;
        }
        // colour bar
        let bx = left + gw + p.px(8.0);
        let steps = 100;
        for k in 0..steps {
            let f0 = k as f64 / steps as f64;
            let f1 = (k + 1) as f64 / steps as f64;
            let r = 1.0 - 2.0 * (f0 + f1) / 2.0;
            p.fill_rect(
                (bx, top + gh * f0),
                (bx + bar_w, top + gh * f1 + 1.0),
                diverging_colour(r),
            )?;
        }
        p.rect((bx, top), (bx + bar_w, top + gh), GREY, AXIS_PT)?;
        let bar_ticks = crate::ticks::pretty(-limit, limit, 6);
        let bar_labels = crate::ticks::labels(&bar_ticks);
        for (v, label) in bar_ticks.iter().zip(&bar_labels) {
            let y = top + gh * (1.0 - v / limit) / 2.0;
            p.line(
                &[(bx + bar_w, y), (bx + bar_w + p.px(2.0), y)],
                BLACK,
                AXIS_PT,
            )?;
            p.text(
                label,
                (bx + bar_w + p.px(4.0), y),
                SMALL_PT,
                BLACK,
                Anchor::LEFT,
            )?;
        }
        p.text_vertical(
            &self.legend_title,
            (
                bx + bar_w + p.px(4.0) + bar_labels_w + lh / 2.0,
                top + gh / 2.0,
            ),
            TEXT_PT,
            BLACK,
        )?;
        if let Some(note) = &self.note {
            let y = top + gh + p.px(3.0) + col_h + p.px(3.0) + note_h / 2.0;
            p.text(note, (m, y), SMALL_PT, BLACK, Anchor::LEFT)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_scale_ends() {
        assert_eq!(diverging_colour(0.0), WHITE);
        assert_eq!(diverging_colour(1.0), VERMILLION);
        assert_eq!(diverging_colour(-3.0), BLUE);
    }
}
