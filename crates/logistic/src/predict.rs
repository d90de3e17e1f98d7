//! Prediction for new observations.
//!
//! For a row x (the model's terms, intercept implicit) the linear predictor is η = β̂₀ + xᵀβ̂
//! with variance Var(η) = x̃ᵀ V x̃, x̃ = (1, x) and V = (XᵀŴX)⁻¹ (delta method, exact for a
//! linear function of β̂). The 95% interval is computed on the logit scale,
//! η ± 1.959964·SE(η), and carried to the probability scale by the inverse logit, so it stays
//! inside (0, 1) (R's `predict(type = "link", se.fit = TRUE)` followed by `plogis`).

use serde::Serialize;

use crate::dist::Z_975;
use crate::error::LogisticError;
use crate::fit::LogisticFit;

/// A prediction for one new observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// η = β̂₀ + xᵀβ̂.
    pub linear_predictor: f64,
    /// sqrt(x̃ᵀVx̃).
    pub se_linear_predictor: f64,
    /// 1/(1 + e^{−η}).
    pub probability: f64,
    /// expit(η − 1.959964·SE).
    pub lower: f64,
    /// expit(η + 1.959964·SE).
    pub upper: f64,
}

/// The inverse logit 1/(1 + e^{−η}), written to avoid overflow for large |η|.
pub fn expit(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

impl LogisticFit {
    fn check_row(&self, i: usize, row: &[f64]) -> Result<(), LogisticError> {
        let expected = self.coefficients.len() - 1;
        if row.len() != expected {
            return Err(LogisticError::PredictionWidth {
                row: i,
                got: row.len(),
                expected,
            });
        }
        if let Some((k, &value)) = row.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(LogisticError::NonFinite {
                term: self.coefficients[k + 1].term.clone(),
                row: i,
                value,
            });
        }
        Ok(())
    }

    /// Linear predictors β̂₀ + xᵀβ̂ of rows of term values (in the model's term order).
    pub fn predict_linear(&self, rows: &[Vec<f64>]) -> Result<Vec<f64>, LogisticError> {
        let b = self.estimates();
        rows.iter()
            .enumerate()
            .map(|(i, row)| {
                self.check_row(i, row)?;
                Ok(b[0] + row.iter().zip(&b[1..]).map(|(x, c)| x * c).sum::<f64>())
            })
            .collect()
    }

    /// Linear predictors of a column-major design holding (at least) the model's terms by name.
    pub fn predict_linear_design(&self, design: &crate::Design) -> Result<Vec<f64>, LogisticError> {
        let n = design.columns.first().map_or(0, Vec::len);
        let b = self.estimates();
        let mut eta = vec![b[0]; n];
        for (c, coef) in self.coefficients.iter().enumerate().skip(1) {
            let j = design
                .names
                .iter()
                .position(|t| *t == coef.term)
                .ok_or_else(|| LogisticError::UnknownTerm(coef.term.clone()))?;
            let col = &design.columns[j];
            if col.len() != n {
                return Err(LogisticError::LengthMismatch {
                    term: coef.term.clone(),
                    len: col.len(),
                    n,
                });
            }
            for (e, x) in eta.iter_mut().zip(col) {
                *e += b[c] * x;
            }
        }
        Ok(eta)
    }

    /// Predictions with delta-method 95% intervals for rows of term values.
    pub fn predict(&self, rows: &[Vec<f64>]) -> Result<Vec<Prediction>, LogisticError> {
        let etas = self.predict_linear(rows)?;
        Ok(rows
            .iter()
            .zip(etas)
            .map(|(row, eta)| {
                let xt: Vec<f64> = std::iter::once(1.0).chain(row.iter().copied()).collect();
                let var = crate::linalg::quad_form(&self.covariance, &xt).max(0.0);
                let se = var.sqrt();
                Prediction {
                    linear_predictor: eta,
                    se_linear_predictor: se,
                    probability: expit(eta),
                    lower: expit(eta - Z_975 * se),
                    upper: expit(eta + Z_975 * se),
                }
            })
            .collect())
    }
}
