//! Errors of the figure renderers.

use thiserror::Error;

/// Why a figure could not be drawn.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PlotError {
    /// The requested canvas is smaller than the smallest useful figure (400 × 300 px).
    #[error("canvas {width} × {height} px is smaller than the minimum 400 × 300 px")]
    CanvasTooSmall { width: u32, height: u32 },
    /// A journal size or resolution that is not a positive finite number.
    #[error("invalid {what}: {value}")]
    InvalidSize { what: &'static str, value: f64 },
    /// The figure input is inconsistent (lengths differ, nothing to draw, non-finite values).
    #[error("invalid figure input: {0}")]
    InvalidInput(String),
    /// The drawing backend failed.
    #[error("drawing failed: {0}")]
    Backend(String),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Png(String),
}

/// Converts any plotters drawing error into [`PlotError::Backend`].
pub(crate) fn backend<E: std::fmt::Display>(e: E) -> PlotError {
    PlotError::Backend(e.to_string())
}

/// Checks that `values` are finite, naming the field in the error.
pub(crate) fn check_finite(what: &str, values: &[f64]) -> Result<(), PlotError> {
    match values.iter().find(|v| !v.is_finite()) {
        Some(v) => Err(PlotError::InvalidInput(format!(
            "{what} holds a non-finite value ({v})"
        ))),
        None => Ok(()),
    }
}

/// Checks that two parallel vectors have equal length.
pub(crate) fn check_len(what: &str, a: usize, b: usize) -> Result<(), PlotError> {
    if a == b {
        Ok(())
    } else {
        Err(PlotError::InvalidInput(format!(
            "{what}: lengths differ ({a} vs {b})"
        )))
    }
}
