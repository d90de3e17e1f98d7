//! DeLong variance of an AUC, its confidence interval, and the covariance of two paired AUCs.
//!
//! From the structural components of [`crate::Roc`] (V10 per case, V01 per control, both with
//! mean θ), DeLong, DeLong & Clarke-Pearson (1988) estimate
//!
//!   S10 = (m − 1)⁻¹ Σᵢ (V10ᵢ − θ)²,  S01 = (n − 1)⁻¹ Σⱼ (V01ⱼ − θ)²,  Var θ̂ = S10/m + S01/n,
//!
//! and for two scores measured on the same patients the covariance
//! Cov(θ̂_a, θ̂_b) = S10_ab/m + S01_ab/n with S10_ab = (m − 1)⁻¹ Σᵢ (V10ᵢᵃ − θ_a)(V10ᵢᵇ − θ_b)
//! (likewise S01_ab). This is pROC's `var(roc)` and `cov(roc1, roc2)` with `method = "delong"`.
//! The components come from one sort (Sun & Xu 2014), so the variance costs O(N log N).
//!
//! The confidence interval is pROC's `ci.auc(method = "delong")`: θ̂ ± z_{1−α/2} √Var θ̂, clipped
//! to [0, 1].

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::error::RocError;
use crate::roc::Roc;

/// AUC with its DeLong variance and confidence interval.
#[derive(Debug, Clone, Serialize)]
pub struct DelongAuc {
    /// Mann–Whitney AUC θ̂.
    pub auc: f64,
    /// DeLong (1988) variance S10/m + S01/n.
    pub variance: f64,
    /// Lower bound max(0, θ̂ − z √Var) (pROC `ci.auc(method = "delong")`).
    pub ci_lower: f64,
    /// Upper bound min(1, θ̂ + z √Var).
    pub ci_upper: f64,
    /// Confidence level of the interval.
    pub level: f64,
}

/// z_{1−α/2} for a two-sided interval at `level`.
pub(crate) fn normal_quantile(level: f64) -> Result<f64, RocError> {
    if !(level > 0.0 && level < 1.0) {
        return Err(RocError::InvalidLevel(level));
    }
    Ok(Normal::standard().inverse_cdf(0.5 + level / 2.0))
}

/// Sample covariance (divisor len − 1) of two aligned component vectors around their means.
fn component_cov(a: &[f64], mean_a: f64, b: &[f64], mean_b: f64) -> f64 {
    let sum: f64 = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| (x - mean_a) * (y - mean_b))
        .sum();
    sum / (a.len() as f64 - 1.0)
}

fn check_variance(roc: &Roc) -> Result<(), RocError> {
    if roc.n_cases() < 2 || roc.n_controls() < 2 {
        return Err(RocError::VarianceUndefined {
            n_cases: roc.n_cases(),
            n_controls: roc.n_controls(),
        });
    }
    Ok(())
}

/// Checks that two curves were built on the same patients (same length, same outcome vector).
pub(crate) fn check_paired(a: &Roc, b: &Roc) -> Result<(), RocError> {
    let first_difference = a.outcome.iter().zip(&b.outcome).position(|(x, y)| x != y);
    if a.outcome.len() != b.outcome.len() || first_difference.is_some() {
        return Err(RocError::NotPaired {
            n_a: a.outcome.len(),
            n_b: b.outcome.len(),
            first_difference,
        });
    }
    Ok(())
}

impl Roc {
    /// DeLong variance of the AUC, Var θ̂ = S10/m + S01/n (DeLong et al. 1988; pROC
    /// `var(roc, method = "delong")`). Needs at least two cases and two controls.
    pub fn delong_variance(&self) -> Result<f64, RocError> {
        check_variance(self)?;
        Ok(
            component_cov(&self.v10, self.auc, &self.v10, self.auc) / self.n_cases() as f64
                + component_cov(&self.v01, self.auc, &self.v01, self.auc)
                    / self.n_controls() as f64,
        )
    }

    /// AUC with DeLong variance and normal confidence interval clipped to [0, 1]
    /// (pROC `ci.auc(method = "delong")`; DeLong et al. 1988).
    pub fn delong(&self, level: f64) -> Result<DelongAuc, RocError> {
        let z = normal_quantile(level)?;
        let variance = self.delong_variance()?;
        let half = z * variance.sqrt();
        Ok(DelongAuc {
            auc: self.auc,
            variance,
            ci_lower: (self.auc - half).max(0.0),
            ci_upper: (self.auc + half).min(1.0),
            level,
        })
    }
}

/// DeLong covariance of two AUCs on the same patients, S10_ab/m + S01_ab/n (DeLong et al. 1988;
/// pROC `cov(roc1, roc2, method = "delong")`). Errors when the curves are not paired.
pub fn delong_covariance(a: &Roc, b: &Roc) -> Result<f64, RocError> {
    check_paired(a, b)?;
    check_variance(a)?;
    Ok(
        component_cov(&a.v10, a.auc, &b.v10, b.auc) / a.n_cases() as f64
            + component_cov(&a.v01, a.auc, &b.v01, b.auc) / a.n_controls() as f64,
    )
}
