//! Tests comparing two AUCs: paired DeLong, unpaired DeLong (pROC's Welch-type test).
//!
//! **Paired** (same patients, two scores; DeLong et al. 1988): with the DeLong variances and
//! covariance, Z = (θ̂_a − θ̂_b)/√(V_a + V_b − 2C_ab) is referred to the standard normal, and the
//! difference has the interval (θ̂_a − θ̂_b) ± z_{1−α/2}√(V_a + V_b − 2C_ab) (pROC `roc.test(method
//! = "delong", paired = TRUE)`, whose `conf.int` is this interval for every alternative).
//!
//! **Unpaired** (independent samples; pROC `roc.test(method = "delong", paired = FALSE)`):
//! D = (θ̂₁ − θ̂₂)/√(V₁ + V₂) is referred to Student's t with Welch–Satterthwaite degrees of
//! freedom df = (V₁ + V₂)² / (V₁²/(N₁ − 1) + V₂²/(N₂ − 1)), where Nₖ = n_casesₖ + n_controlsₖ is
//! the size of each curve's sample (pROC's convention); p = 2·P(T_df > |D|) two-sided. pROC gives
//! no interval for the unpaired difference, and neither do we (`null`).

use serde::Serialize;

use crate::alternative::Alternative;
use crate::delong::{delong_covariance, normal_quantile};
use crate::error::RocError;
use crate::roc::Roc;

/// Result of comparing two AUCs. `statistic`, `p` are `None` when the variance of the difference
/// is zero (e.g. two identical scores); `df` is `None` for normal-reference tests.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// `delong_paired`, `delong_unpaired` or `bootstrap_paired`.
    pub method: &'static str,
    /// Z (paired DeLong, bootstrap) or D (unpaired DeLong).
    pub statistic: Option<f64>,
    /// Degrees of freedom of the t reference (unpaired DeLong only).
    pub df: Option<f64>,
    /// p-value for the chosen alternative.
    pub p: Option<f64>,
    /// θ̂_a − θ̂_b.
    pub difference: f64,
    /// Lower confidence bound of the difference (`None` for the unpaired test).
    pub difference_ci_lower: Option<f64>,
    /// Upper confidence bound of the difference.
    pub difference_ci_upper: Option<f64>,
}

/// Paired DeLong test of AUC_a = AUC_b on the same patients (DeLong et al. 1988):
/// Z = (θ̂_a − θ̂_b)/√(V_a + V_b − 2C_ab), normal p for `alternative`, difference CI at `level`.
/// Errors if the curves were not built on the same outcome vector.
pub fn delong_paired(
    a: &Roc,
    b: &Roc,
    alternative: Alternative,
    level: f64,
) -> Result<Comparison, RocError> {
    let z_crit = normal_quantile(level)?;
    let cov = delong_covariance(a, b)?;
    let var = a.delong_variance()? + b.delong_variance()? - 2.0 * cov;
    let difference = a.auc() - b.auc();
    let sd = var.max(0.0).sqrt();
    let statistic = (sd > 0.0).then(|| difference / sd);
    Ok(Comparison {
        method: "delong_paired",
        statistic,
        df: None,
        p: statistic.map(|z| alternative.normal_p(z)),
        difference,
        difference_ci_lower: Some(difference - z_crit * sd),
        difference_ci_upper: Some(difference + z_crit * sd),
    })
}

/// Unpaired DeLong test of two AUCs from independent samples, as pROC:
/// D = (θ̂₁ − θ̂₂)/√(V₁ + V₂), df = (V₁ + V₂)²/(V₁²/(N₁ − 1) + V₂²/(N₂ − 1)) with
/// Nₖ = n_casesₖ + n_controlsₖ, p from Student's t (DeLong et al. 1988; pROC 1.18 `roc.test`).
pub fn delong_unpaired(a: &Roc, b: &Roc, alternative: Alternative) -> Result<Comparison, RocError> {
    let va = a.delong_variance()?;
    let vb = b.delong_variance()?;
    let difference = a.auc() - b.auc();
    let total = va + vb;
    let na = (a.n_cases() + a.n_controls()) as f64;
    let nb = (b.n_cases() + b.n_controls()) as f64;
    let (statistic, df, p) = if total > 0.0 {
        let d = difference / total.sqrt();
        let df = total * total / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
        (Some(d), Some(df), alternative.student_p(d, df))
    } else {
        (None, None, None)
    };
    Ok(Comparison {
        method: "delong_unpaired",
        statistic,
        df,
        p,
        difference,
        difference_ci_lower: None,
        difference_ci_upper: None,
    })
}
