//! Small dense symmetric linear algebra: an LDLᵀ (square-root-free Cholesky) factorization with
//! a pivot tolerance, as used by Newton–Raphson for the Cox model and by the quadratic-form
//! tests. A pivot below `tol` times the original diagonal marks a direction as non-estimable;
//! solves then return 0 in that direction (a generalized inverse), which is how the Cox
//! iteration keeps going when one coefficient runs off to infinity (Therneau & Grambsch 2000,
//! §3.5).

/// LDLᵀ factor of a symmetric p × p matrix (row-major), with the set of dropped pivots.
#[derive(Debug, Clone)]
pub(crate) struct Ldl {
    p: usize,
    l: Vec<f64>,
    d: Vec<f64>,
    /// `true` for a pivot that fell below the tolerance (direction treated as singular).
    pub(crate) dropped: Vec<bool>,
}

impl Ldl {
    /// Factors `a` (symmetric, row-major p × p). Pivots ≤ `tol`·|aᵢᵢ| (or not finite) are dropped.
    pub(crate) fn new(a: &[f64], p: usize, tol: f64) -> Self {
        let mut l = vec![0.0; p * p];
        let mut d = vec![0.0; p];
        let mut dropped = vec![false; p];
        for j in 0..p {
            let mut dj = a[j * p + j];
            for k in 0..j {
                dj -= l[j * p + k] * l[j * p + k] * d[k];
            }
            let scale = a[j * p + j].abs();
            if !(dj.is_finite() && dj > tol * scale && dj > 0.0) {
                dropped[j] = true;
                d[j] = 0.0;
                l[j * p + j] = 1.0;
                continue;
            }
            d[j] = dj;
            l[j * p + j] = 1.0;
            for i in j + 1..p {
                let mut v = a[i * p + j];
                for k in 0..j {
                    v -= l[i * p + k] * l[j * p + k] * d[k];
                }
                l[i * p + j] = v / dj;
            }
        }
        Self { p, l, d, dropped }
    }

    /// True when every pivot was kept (the matrix is positive definite to the tolerance).
    pub(crate) fn is_full_rank(&self) -> bool {
        !self.dropped.iter().any(|&x| x)
    }

    /// Solves A x = b in the estimable directions (0 in dropped ones).
    pub(crate) fn solve(&self, b: &[f64]) -> Vec<f64> {
        let p = self.p;
        let mut y = b.to_vec();
        for i in 0..p {
            for k in 0..i {
                y[i] -= self.l[i * p + k] * y[k];
            }
        }
        for (i, yi) in y.iter_mut().enumerate() {
            *yi = if self.dropped[i] {
                0.0
            } else {
                *yi / self.d[i]
            };
        }
        for i in (0..p).rev() {
            for k in i + 1..p {
                y[i] -= self.l[k * p + i] * y[k];
            }
            if self.dropped[i] {
                y[i] = 0.0;
            }
        }
        y
    }

    /// The (generalized) inverse, row-major.
    pub(crate) fn inverse(&self) -> Vec<f64> {
        let p = self.p;
        let mut inv = vec![0.0; p * p];
        for j in 0..p {
            let mut e = vec![0.0; p];
            e[j] = 1.0;
            let col = self.solve(&e);
            for i in 0..p {
                inv[i * p + j] = col[i];
            }
        }
        inv
    }
}

/// xᵀ A⁻ x through a factorization.
pub(crate) fn quad_form_inv(ldl: &Ldl, x: &[f64]) -> f64 {
    let y = ldl.solve(x);
    x.iter().zip(&y).map(|(a, b)| a * b).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts() {
        // tolerance 1e-12 absolute
        let a = [4.0, 2.0, 2.0, 3.0];
        let f = Ldl::new(&a, 2, 1e-10);
        assert!(f.is_full_rank());
        let x = f.solve(&[2.0, 1.0]);
        assert!((x[0] - 0.5).abs() < 1e-12 && x[1].abs() < 1e-12);
        let inv = f.inverse();
        assert!((inv[0] - 0.375).abs() < 1e-12 && (inv[1] + 0.25).abs() < 1e-12);
        let s = Ldl::new(&[1.0, 1.0, 1.0, 1.0], 2, 1e-10);
        assert_eq!(s.dropped, vec![false, true]);
    }
}
