//! Standardized mean differences, as the R package tableone reports them.
//!
//! Continuous (Austin 2009): d = |x̄₁ − x̄₂| / √((s₁² + s₂²)/2).
//! Categorical with levels 1…L (Yang & Dalton 2012): with pₖ the level proportions of a
//! group, T = p₁ − p₂ over levels 2…L (the first level is redundant) and
//! S = (S₁ + S₂)/2 where Sₖₖ = pₖ(1 − pₖ), Sₖₗ = −pₖpₗ; d = √(TᵀS⁻¹T). For two levels this
//! is |p₁ − p₂|/√((p₁(1 − p₁) + p₂(1 − p₂))/2). Levels absent from both groups are dropped
//! (their row and column of S vanish; tableone's generalised inverse does the same).
//! With more than two groups the SMD is the mean over all pairs of groups (tableone's
//! default).

use crate::summary::{mean, variance};

/// Mean pairwise continuous SMD over the groups; `None` when fewer than two groups or a
/// pair has a zero or undefined pooled SD.
pub fn smd_continuous(groups: &[&[f64]]) -> Option<f64> {
    let stats: Vec<(f64, f64)> = groups
        .iter()
        .map(|g| Some((mean(g)?, variance(g)?)))
        .collect::<Option<_>>()?;
    mean_over_pairs(stats.len(), |a, b| {
        let (m1, v1) = stats[a];
        let (m2, v2) = stats[b];
        let pooled = ((v1 + v2) / 2.0).sqrt();
        (pooled > 0.0).then(|| (m1 - m2).abs() / pooled)
    })
}

/// Mean pairwise categorical SMD (Yang & Dalton) from per-group level counts
/// (`counts[g][level]`); `None` when fewer than two groups, an empty group or a singular S.
pub fn smd_categorical(counts: &[Vec<u64>]) -> Option<f64> {
    let props: Vec<Vec<f64>> = counts
        .iter()
        .map(|c| {
            let n: u64 = c.iter().sum();
            (n > 0).then(|| c.iter().map(|&x| x as f64 / n as f64).collect())
        })
        .collect::<Option<_>>()?;
    mean_over_pairs(props.len(), |a, b| pair_categorical(&props[a], &props[b]))
}

fn mean_over_pairs(k: usize, d: impl Fn(usize, usize) -> Option<f64>) -> Option<f64> {
    if k < 2 {
        return None;
    }
    let mut sum = 0.0;
    let mut pairs = 0.0;
    for a in 0..k {
        for b in a + 1..k {
            sum += d(a, b)?;
            pairs += 1.0;
        }
    }
    Some(sum / pairs)
}

fn pair_categorical(p1: &[f64], p2: &[f64]) -> Option<f64> {
    let keep: Vec<usize> = (0..p1.len())
        .filter(|&l| p1[l] > 0.0 || p2[l] > 0.0)
        .skip(1)
        .collect();
    if keep.is_empty() {
        return Some(0.0);
    }
    let t: Vec<f64> = keep.iter().map(|&l| p1[l] - p2[l]).collect();
    let m = keep.len();
    let mut s = vec![vec![0.0; m]; m];
    for (i, &k) in keep.iter().enumerate() {
        for (j, &l) in keep.iter().enumerate() {
            let cov = |p: &[f64]| {
                if k == l {
                    p[k] * (1.0 - p[k])
                } else {
                    -p[k] * p[l]
                }
            };
            s[i][j] = (cov(p1) + cov(p2)) / 2.0;
        }
    }
    let x = solve(s, t.clone())?;
    let q: f64 = t.iter().zip(&x).map(|(a, b)| a * b).sum();
    (q >= 0.0).then(|| q.sqrt())
}

/// Solves A x = b by Gaussian elimination with partial pivoting; `None` if singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for c in 0..n {
        let piv = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[piv][c].abs() < 1e-14 {
            return None;
        }
        a.swap(c, piv);
        b.swap(c, piv);
        let (top, bottom) = a.split_at_mut(c + 1);
        let pivot_row = &top[c];
        for (r, row) in bottom.iter_mut().enumerate() {
            let f = row[c] / pivot_row[c];
            for (x, p) in row.iter_mut().zip(pivot_row).skip(c) {
                *x -= f * p;
            }
            b[c + 1 + r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_level_reduces_to_proportion_formula() {
        // 30/70 vs 50/50: |0.7 − 0.5| / √((0.21 + 0.25)/2); tolerance 1e-14
        let d = smd_categorical(&[vec![30, 70], vec![50, 50]]).unwrap();
        let want = 0.2 / ((0.21_f64 + 0.25) / 2.0).sqrt();
        assert!((d - want).abs() < 1e-14, "{d} vs {want}");
    }
}
