//! Publication figures for clinical prediction models, drawn with plotters.
//!
//! The crate draws; it computes no statistics. Each figure takes a small plain input struct that
//! holds exactly what is drawn (curve coordinates, estimates and intervals already computed by
//! the statistical crates), so the driver fills it from any result and tests can load it from
//! JSON. Every input derives `Serialize`/`Deserialize`.
//!
//! | figure | input | modelled on |
//! |---|---|---|
//! | ROC curves | [`RocFigure`] | pROC `plot.roc` |
//! | LASSO coefficient paths | [`LassoPathFigure`] | glmnet `plot(fit, xvar = "lambda")` |
//! | LASSO cross-validation curve | [`LassoCvFigure`] | glmnet `plot(cv.glmnet)` |
//! | Nomogram | [`NomogramFigure`] | rms `plot(nomogram)` |
//! | Calibration | [`CalibrationFigure`] | rms `val.prob` / `plot(calibrate)` |
//! | Decision curve | [`DcaFigure`] | dcurves `plot(dca)` |
//! | Kaplan–Meier | [`KmFigure`] | survminer `ggsurvplot` (with an aligned risk table) |
//! | Forest plot | [`ForestFigure`] | forestplot |
//! | Correlation heatmap | [`HeatmapFigure`] | corrplot |
//!
//! Render with [`to_svg`] or [`to_png`] on a [`Canvas`] given in pixels or as a journal width
//! ([`JournalWidth::Single`] 85 mm, [`JournalWidth::Double`] 180 mm) at a print resolution.
//! One theme ([`theme`]): the embedded DejaVu Sans font and the Okabe–Ito palette.

mod calibration;
mod canvas;
mod decision_curve;
mod error;
mod forest;
mod frame;
mod heatmap;
mod kaplan_meier;
mod lasso;
mod legend;
mod nomogram;
mod painter;
mod render;
mod roc;
pub mod theme;
pub mod ticks;

pub use calibration::{CalibrationFigure, CalibrationGroup, CalibrationStats, Curve};
pub use canvas::{Canvas, JournalWidth};
pub use decision_curve::{DcaFigure, DcaSeries, cost_benefit_label};
pub use error::PlotError;
pub use forest::{ForestFigure, ForestRow, fmt_ratio};
pub use heatmap::{HeatmapFigure, diverging_colour};
pub use kaplan_meier::{HazardRatioText, KmFigure, KmSeries};
pub use lasso::{LassoCvFigure, LassoPathFigure, PathSeries};
pub use nomogram::{NomogramFigure, NomogramScale, TotalPoints};
pub use render::{Figure, to_png, to_svg};
pub use roc::{RocBand, RocFigure, RocPoint, RocSeries, RocXAxis};
