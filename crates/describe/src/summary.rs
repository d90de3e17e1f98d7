//! Location and spread of one sample, as R's `mean`, `sd` and `quantile(type = 7)`.
//!
//! The mean is the arithmetic mean; R refines it with a second pass (the mean of the
//! residuals is added back), which this module does too so that sums of large values
//! agree to the last digits. The standard deviation uses the n − 1 denominator. Type-7
//! quantiles (Hyndman & Fan 1996, R's default) interpolate linearly between order
//! statistics: with h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the
//! 0-based sorted sample.

use serde::Serialize;

/// Mean with R's second correction pass: m = Σx/n, then m + Σ(x − m)/n.
pub fn mean(x: &[f64]) -> Option<f64> {
    if x.is_empty() {
        return None;
    }
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    Some(m + x.iter().map(|v| v - m).sum::<f64>() / n)
}

/// Sample variance Σ(x − x̄)²/(n − 1); `None` when n < 2.
pub fn variance(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    Some(x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() - 1) as f64)
}

/// Sample standard deviation √variance; `None` when n < 2.
pub fn sd(x: &[f64]) -> Option<f64> {
    variance(x).map(f64::sqrt)
}

/// Type-7 quantile of an already sorted sample (Hyndman & Fan 1996, R's default):
/// h = (n − 1)·p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). `None` for an empty sample.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor();
    let i = lo as usize;
    let frac = h - lo;
    if i + 1 >= n || frac == 0.0 {
        return Some(sorted[i.min(n - 1)]);
    }
    Some(sorted[i] + frac * (sorted[i + 1] - sorted[i]))
}

/// Sorts a copy of the finite values (NaN-free input assumed by the callers).
pub(crate) fn sorted(x: &[f64]) -> Vec<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Summary of one continuous sample: n, missing count, mean ± SD and median (Q1, Q3),
/// quartiles by R's type-7 rule. Values that need more observations than there are
/// (the SD of one value, anything of none) are `None`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub n_missing: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
}

impl Summary {
    /// Summarises the observed values `x` (missing ones counted in `n_missing`).
    pub fn of(x: &[f64], n_missing: usize) -> Summary {
        let s = sorted(x);
        Summary {
            n: x.len(),
            n_missing,
            mean: mean(x),
            sd: sd(x),
            median: quantile_sorted(&s, 0.5),
            q1: quantile_sorted(&s, 0.25),
            q3: quantile_sorted(&s, 0.75),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type7_quartiles_match_r() {
        // R: quantile(c(1, 2, 4, 7, 11), c(.25, .5, .75)) = 2, 4, 7; quantile(1:4, .25) = 1.75
        let s = [1.0, 2.0, 4.0, 7.0, 11.0];
        assert_eq!(quantile_sorted(&s, 0.25), Some(2.0));
        assert_eq!(quantile_sorted(&s, 0.5), Some(4.0));
        assert_eq!(quantile_sorted(&s, 0.75), Some(7.0));
        assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.25), Some(1.75));
        assert_eq!(quantile_sorted(&[], 0.5), None);
        assert_eq!(sd(&[3.0]), None);
    }
}
