//! Threshold grids. The default is dcurves' 0.01, 0.02, …, 0.99 (the 99 values i/100);
//! `from:to:by` includes `to` (within 10⁻⁹·by of the last step), with each value rounded to
//! 12 decimals so that 0.01 + 6 × 0.01 prints as 0.07.

use crate::DcaError;

/// The default grid i/100, i = 1, …, 99.
pub fn default_thresholds() -> Vec<f64> {
    (1..=99).map(|i| f64::from(i) / 100.0).collect()
}

/// Checks that every threshold lies in [0, 1).
pub fn check_thresholds(thresholds: &[f64]) -> Result<(), DcaError> {
    match thresholds.iter().find(|t| !(0.0..1.0).contains(*t)) {
        Some(&t) => Err(DcaError::Threshold(t)),
        None => Ok(()),
    }
}

/// The grid from, from + by, …, to (to included when it lies on the grid).
pub fn threshold_grid(from: f64, to: f64, by: f64) -> Result<Vec<f64>, DcaError> {
    if by.is_nan() || by <= 0.0 || !from.is_finite() || !to.is_finite() || to < from {
        return Err(DcaError::Grid(format!(
            "{from}:{to}:{by} needs from ≤ to and a positive step"
        )));
    }
    let steps = ((to - from) / by + 1e-9).floor() as usize;
    let grid: Vec<f64> = (0..=steps)
        .map(|k| ((from + k as f64 * by) * 1e12).round() / 1e12)
        .collect();
    check_thresholds(&grid)?;
    Ok(grid)
}

/// Parses `from:to:by` (e.g. `0.01:0.99:0.01`).
pub fn parse_grid(spec: &str) -> Result<Vec<f64>, DcaError> {
    let parts: Vec<&str> = spec.split(':').collect();
    let nums: Result<Vec<f64>, _> = parts.iter().map(|s| s.trim().parse::<f64>()).collect();
    match nums {
        Ok(v) if v.len() == 3 => threshold_grid(v[0], v[1], v[2]),
        _ => Err(DcaError::Grid(format!("'{spec}' is not from:to:by"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids() {
        let g = parse_grid("0.01:0.99:0.01").expect("valid");
        assert_eq!(g, default_thresholds());
        assert_eq!(
            parse_grid("0.1:0.5:0.2").expect("valid"),
            vec![0.1, 0.3, 0.5]
        );
        assert_eq!(parse_grid("0.5:1:0.25"), Err(DcaError::Threshold(1.0)));
        assert!(parse_grid("0.1:0.5").is_err());
    }
}
