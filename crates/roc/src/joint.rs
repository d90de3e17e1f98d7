//! Joint test that k ≥ 3 correlated AUCs are equal (DeLong, DeLong & Clarke-Pearson 1988).
//!
//! With θ̂ = (θ̂₁ … θ̂_k)ᵀ the AUCs of k scores on the same patients and S = S10/m + S01/n their
//! DeLong covariance matrix (S10, S01 the sample covariance matrices of the structural components
//! across scores), any contrast matrix L with rows summing to zero gives, under H₀: Lθ = 0,
//!
//!   χ² = (Lθ̂)ᵀ (L S Lᵀ)⁻¹ (Lθ̂)  ~  χ²_{rank L}.
//!
//! We take the successive differences θ₁ − θ₂, θ₂ − θ₃, …, θ_{k−1} − θ_k, so L is (k − 1) × k of
//! full row rank and df = k − 1; the statistic is invariant to the choice of L with the same row
//! space. pROC offers no such test (pROC issue #12); the R fixture builds it from pROC's own
//! DeLong placements.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::delong::{check_paired, delong_covariance};
use crate::error::RocError;
use crate::roc::Roc;

/// The χ² test of equal AUCs across k ≥ 3 paired curves.
#[derive(Debug, Clone, Serialize)]
pub struct JointTest {
    /// (Lθ̂)ᵀ(L S Lᵀ)⁻¹(Lθ̂).
    pub chisq: f64,
    /// rank L = k − 1.
    pub df: usize,
    /// Upper tail P(χ²_df > chisq), from the survival function.
    pub p: f64,
}

/// DeLong covariance matrix S of the AUCs of curves on the same patients (k × k, row-major).
pub fn delong_covariance_matrix(rocs: &[&Roc]) -> Result<Vec<Vec<f64>>, RocError> {
    let k = rocs.len();
    let mut s = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in i..k {
            let c = delong_covariance(rocs[i], rocs[j])?;
            s[i][j] = c;
            s[j][i] = c;
        }
    }
    Ok(s)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; a pivot below `1e-13` times
/// the largest diagonal element is reported as singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Result<Vec<f64>, RocError> {
    let n = b.len();
    let scale = (0..n).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    for col in 0..n {
        let pivot_row = (col..n)
            .max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot_row);
        b.swap(col, pivot_row);
        let pivot = a[col][col];
        if pivot.is_nan() || pivot.abs() <= 1e-13 * scale {
            return Err(RocError::SingularContrast { pivot });
        }
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let f = row[col] / pivot;
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + offset] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|c| a[row][c] * x[c]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Ok(x)
}

/// DeLong (1988) χ² test that the AUCs of k ≥ 3 scores on the same patients are all equal, with
/// the successive-difference contrast matrix L (df = rank L = k − 1).
pub fn delong_joint(rocs: &[&Roc]) -> Result<JointTest, RocError> {
    let k = rocs.len();
    if k < 3 {
        return Err(RocError::TooFewCurves(k));
    }
    for r in &rocs[1..] {
        check_paired(rocs[0], r)?;
    }
    let s = delong_covariance_matrix(rocs)?;
    // L θ: successive differences; L S Lᵀ entries: (e_i − e_{i+1})ᵀ S (e_j − e_{j+1}).
    let d: Vec<f64> = (0..k - 1)
        .map(|i| rocs[i].auc() - rocs[i + 1].auc())
        .collect();
    let lsl: Vec<Vec<f64>> = (0..k - 1)
        .map(|i| {
            (0..k - 1)
                .map(|j| s[i][j] - s[i][j + 1] - s[i + 1][j] + s[i + 1][j + 1])
                .collect()
        })
        .collect();
    let x = solve(lsl, d.clone())?;
    let chisq: f64 = d.iter().zip(&x).map(|(a, b)| a * b).sum();
    let df = k - 1;
    let p = ChiSquared::new(df as f64)
        .map_err(|_| RocError::TooFewCurves(k))?
        .sf(chisq);
    Ok(JointTest { chisq, df, p })
}
