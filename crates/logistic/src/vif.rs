//! Variance inflation factors of a fitted model.
//!
//! Following rms's `vif` (Davis et al. 1986; Harrell 2015, §4.6): with V the covariance
//! matrix of the non-intercept coefficients and R = D^{-½} V D^{-½} its correlation matrix,
//! VIF_j = (R⁻¹)_jj. For a linear model this equals the classical 1/(1 − R²_j); for a GLM it
//! measures the same inflation in the information-weighted metric XᵀŴX. One value per term
//! (factor dummies each get their own, as rms reports them).

use serde::Serialize;

use crate::error::LogisticError;
use crate::fit::LogisticFit;
use crate::linalg::spd_inverse;

/// The VIF of one term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vif {
    pub term: String,
    /// (R⁻¹)_jj, R the correlation matrix of the non-intercept coefficient estimates.
    pub vif: f64,
}

impl LogisticFit {
    /// Variance inflation factors (rms convention); a lone term has VIF 1, an
    /// intercept-only model an empty list.
    pub fn vif(&self) -> Result<Vec<Vif>, LogisticError> {
        let p = self.coefficients.len();
        let v: Vec<Vec<f64>> = (1..p)
            .map(|i| (1..p).map(|j| self.covariance[i][j]).collect())
            .collect();
        let d: Vec<f64> = (0..p - 1).map(|i| v[i][i].sqrt()).collect();
        let r: Vec<Vec<f64>> = (0..p - 1)
            .map(|i| (0..p - 1).map(|j| v[i][j] / (d[i] * d[j])).collect())
            .collect();
        let inv = spd_inverse(&r).ok_or_else(|| LogisticError::Singular {
            aliased: self.term_names(),
        })?;
        Ok((0..p - 1)
            .map(|i| Vif {
                term: self.coefficients[i + 1].term.clone(),
                vif: inv[i][i],
            })
            .collect())
    }
}
