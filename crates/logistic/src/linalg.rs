//! Small dense linear algebra for the weighted least-squares steps of IRLS.
//!
//! Each IRLS step solves min ‖√W (X b − z)‖² through an orthogonal decomposition √W X = Q R
//! (modified Gram–Schmidt, which applied to the augmented matrix [√W X | √W z] is as stable
//! as Householder QR for least squares; Björck 1967), as R's `glm.fit` does with a QR
//! decomposition rather than the normal equations XᵀWX b = XᵀWz, which would square the
//! condition number. The same triangular factor gives (XᵀWX)⁻¹ = R⁻¹R⁻ᵀ.
//! Matrices are column-major `Vec<Vec<f64>>`.

// Triangular solves read most naturally with explicit indices.
#![allow(clippy::needless_range_loop)]

/// A column whose component orthogonal to the preceding columns is shorter than `ALIAS_TOL`
/// times its own norm is aliased (linearly dependent on them): R's `qr` default `tol = 1e-07`.
pub(crate) const ALIAS_TOL: f64 = 1e-7;

/// Thin QR factor of an n × p matrix of full column rank.
#[derive(Debug, Clone)]
pub(crate) struct Qr {
    /// Orthonormal columns Q (n × p).
    q: Vec<Vec<f64>>,
    /// Upper-triangular R, stored by columns: `r[j][i]` for i ≤ j.
    r: Vec<Vec<f64>>,
}

/// A QR factor, or the 0-based indices of the aliased columns.
pub(crate) enum QrResult {
    Full(Qr),
    Aliased(Vec<usize>),
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Qr {
    /// Factorises the columns of `a` in the given order. Every column that is (numerically) a
    /// linear combination of the columns before it is reported, in one pass: an aliased column
    /// is left out of the basis and the factorisation continues with the next one.
    pub(crate) fn factor(a: Vec<Vec<f64>>) -> QrResult {
        let mut q: Vec<Vec<f64>> = Vec::with_capacity(a.len());
        let mut r: Vec<Vec<f64>> = Vec::with_capacity(a.len());
        let mut aliased = Vec::new();
        for (j, mut v) in a.into_iter().enumerate() {
            let original = dot(&v, &v).sqrt();
            let mut rj = Vec::with_capacity(q.len() + 1);
            for qi in &q {
                let c = dot(qi, &v);
                for (x, y) in v.iter_mut().zip(qi) {
                    *x -= c * y;
                }
                rj.push(c);
            }
            let norm = dot(&v, &v).sqrt();
            if norm.is_nan() || norm <= ALIAS_TOL * original || norm.is_infinite() {
                aliased.push(j);
                continue;
            }
            for x in &mut v {
                *x /= norm;
            }
            rj.push(norm);
            q.push(v);
            r.push(rj);
        }
        if aliased.is_empty() {
            QrResult::Full(Qr { q, r })
        } else {
            QrResult::Aliased(aliased)
        }
    }

    /// Least-squares solution b of min ‖A b − y‖ (modified Gram–Schmidt on the right-hand side,
    /// then back substitution R b = Qᵀy).
    pub(crate) fn solve(&self, y: &[f64]) -> Vec<f64> {
        let mut res = y.to_vec();
        let mut c = Vec::with_capacity(self.q.len());
        for qi in &self.q {
            let ci = dot(qi, &res);
            for (x, v) in res.iter_mut().zip(qi) {
                *x -= ci * v;
            }
            c.push(ci);
        }
        let p = c.len();
        let mut b = vec![0.0; p];
        for i in (0..p).rev() {
            let mut s = c[i];
            for (k, bk) in b.iter().enumerate().skip(i + 1) {
                s -= self.r[k][i] * bk;
            }
            b[i] = s / self.r[i][i];
        }
        b
    }

    /// (AᵀA)⁻¹ = R⁻¹R⁻ᵀ, the unscaled covariance matrix (row-major p × p, symmetric).
    pub(crate) fn inverse_gram(&self) -> Vec<Vec<f64>> {
        let p = self.r.len();
        // U = R⁻¹ (upper triangular), column by column: R u_j = e_j.
        let mut u = vec![vec![0.0; p]; p]; // u[i][j]
        for j in 0..p {
            for i in (0..=j).rev() {
                let mut s = if i == j { 1.0 } else { 0.0 };
                for k in (i + 1)..=j {
                    s -= self.r[k][i] * u[k][j];
                }
                u[i][j] = s / self.r[i][i];
            }
        }
        let mut v = vec![vec![0.0; p]; p];
        for i in 0..p {
            for j in i..p {
                let s: f64 = (j..p).map(|k| u[i][k] * u[j][k]).sum();
                v[i][j] = s;
                v[j][i] = s;
            }
        }
        v
    }

    /// log |AᵀA| = 2 Σ log R_ii (for Firth's penalty ½ log|I(β)|).
    pub(crate) fn log_det_gram(&self) -> f64 {
        self.r
            .iter()
            .enumerate()
            .map(|(i, c)| 2.0 * c[i].abs().ln())
            .sum()
    }

    /// Diagonal of the hat matrix Q Qᵀ: hᵢ = Σⱼ Q_ij².
    pub(crate) fn leverages(&self, n: usize) -> Vec<f64> {
        let mut h = vec![0.0; n];
        for qj in &self.q {
            for (hi, v) in h.iter_mut().zip(qj) {
                *hi += v * v;
            }
        }
        h
    }
}

/// Solves A s = b for a symmetric positive-definite A by Cholesky decomposition; `None` when a
/// pivot falls below 1e-13 of its diagonal element (numerically singular or too ill-conditioned
/// for the normal equations: the caller then uses the QR route).
pub(crate) fn cholesky_solve(a: &[Vec<f64>], b: &[f64]) -> Option<Vec<f64>> {
    let p = a.len();
    let mut l = vec![vec![0.0; p]; p];
    for j in 0..p {
        let mut d = a[j][j];
        for k in 0..j {
            d -= l[j][k] * l[j][k];
        }
        if d.is_nan() || d <= 1e-13 * a[j][j] || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        l[j][j] = d;
        for i in (j + 1)..p {
            let mut s = a[i][j];
            for k in 0..j {
                s -= l[i][k] * l[j][k];
            }
            l[i][j] = s / d;
        }
    }
    let mut v = b.to_vec();
    for i in 0..p {
        for k in 0..i {
            v[i] -= l[i][k] * v[k];
        }
        v[i] /= l[i][i];
    }
    for i in (0..p).rev() {
        for k in (i + 1)..p {
            v[i] -= l[k][i] * v[k];
        }
        v[i] /= l[i][i];
    }
    Some(v)
}

/// Inverse of a symmetric positive-definite matrix by Cholesky decomposition; `None` when it is
/// not numerically positive definite.
pub(crate) fn spd_inverse(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let p = a.len();
    let mut l = vec![vec![0.0; p]; p];
    for j in 0..p {
        let mut d = a[j][j];
        for k in 0..j {
            d -= l[j][k] * l[j][k];
        }
        if d.is_nan() || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        l[j][j] = d;
        for i in (j + 1)..p {
            let mut s = a[i][j];
            for k in 0..j {
                s -= l[i][k] * l[j][k];
            }
            l[i][j] = s / d;
        }
    }
    // inverse of L, then (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹
    let mut li = vec![vec![0.0; p]; p];
    for j in 0..p {
        li[j][j] = 1.0 / l[j][j];
        for i in (j + 1)..p {
            let mut s = 0.0;
            for k in j..i {
                s -= l[i][k] * li[k][j];
            }
            li[i][j] = s / l[i][i];
        }
    }
    let mut inv = vec![vec![0.0; p]; p];
    for i in 0..p {
        for j in 0..=i {
            let s: f64 = (i..p).map(|k| li[k][i] * li[k][j]).sum();
            inv[i][j] = s;
            inv[j][i] = s;
        }
    }
    Some(inv)
}

/// xᵀ A x for a symmetric matrix A.
pub(crate) fn quad_form(a: &[Vec<f64>], x: &[f64]) -> f64 {
    a.iter().zip(x).map(|(row, xi)| xi * dot(row, x)).sum()
}
