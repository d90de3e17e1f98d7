//! Sample quantiles, R's default `quantile(type = 7)` (Hyndman & Fan 1996, definition 7).
//!
//! For sorted data x₍₁₎ ≤ … ≤ x₍ₙ₎ and probability p, let h = 1 + (n − 1)p, l = ⌊h⌋ and
//! u = ⌈h⌉; the quantile is x₍ₗ₎ + (h − l)(x₍ᵤ₎ − x₍ₗ₎), taken as x₍ₗ₎ when x₍ᵤ₎ = x₍ₗ₎
//! (R's rule, which keeps ties exact).

/// Type-7 quantile of already sorted, finite data; `None` for empty data.
pub fn quantile7_sorted(sorted: &[f64], prob: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = 1.0 + (n - 1) as f64 * prob;
    let lo = h.floor();
    let hi = h.ceil();
    let lo_i = (lo as usize).clamp(1, n) - 1;
    let hi_i = (hi as usize).clamp(1, n) - 1;
    let qs = sorted[lo_i];
    if h > lo && sorted[hi_i] != qs {
        let w = h - lo;
        Some((1.0 - w) * qs + w * sorted[hi_i])
    } else {
        Some(qs)
    }
}

/// Type-7 quantile of unsorted finite data (sorts a copy).
pub fn quantile7(values: &[f64], prob: f64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile7_sorted(&sorted, prob)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_r_type7() {
        // R: quantile(c(1, 2, 4, 7, 11), c(0, 0.1, 0.5, 0.9, 1)) = 1, 1.4, 4, 9.4, 11 (exact to 1e-15)
        let x = [7.0, 1.0, 11.0, 2.0, 4.0];
        let expected = [1.0, 1.4, 4.0, 9.4, 11.0];
        for (p, e) in [0.0, 0.1, 0.5, 0.9, 1.0].iter().zip(expected) {
            let q = quantile7(&x, *p).expect("non-empty");
            assert!((q - e).abs() <= 1e-15 * e, "p = {p}: {q} vs {e}");
        }
        assert_eq!(quantile7(&[], 0.5), None);
    }
}
