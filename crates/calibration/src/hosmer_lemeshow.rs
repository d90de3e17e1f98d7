//! The Hosmer–Lemeshow goodness-of-fit test (Hosmer & Lemeshow 1980; 2013, §5.2.2) with the
//! grouping of `ResourceSelection::hoslem.test`, and the grouped calibration table.
//!
//! The breaks are the *unique* type-7 quantiles of p at probabilities 0, 1/g, 2/g, …, 1 (R's
//! `seq(0, 1, 1/g)`); each prediction falls in the interval (b_{k−1}, b_k], the lowest interval
//! also including its left end (R's `cut(right = TRUE, include.lowest = TRUE)`). When p has
//! fewer distinct values than g, fewer intervals form; an interval holding no prediction is left
//! out. With O₁ₖ, O₀ₖ the observed events and non-events and E₁ₖ = Σp, E₀ₖ = Σ(1 − p) their
//! expectations in group k,
//!
//! χ² = Σₖ (O₁ₖ − E₁ₖ)²/E₁ₖ + (O₀ₖ − E₀ₖ)²/E₀ₖ,
//!
//! referred to χ² with g − 2 degrees of freedom for the *requested* g, even when fewer groups
//! form (as `hoslem.test`; the result reports `groups_formed` and a note). A cell with zero
//! expected and zero observed count adds nothing.
//!
//! Each group's observed rate has a 95% Wilson score interval (Wilson 1927; Hmisc `binconf`'s
//! default): (k + z²/2 ± z√(k(n − k)/n + z²/4)) / (n + z²).

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::quantile::quantile7_sorted;
use crate::recalibration::Z975;
use crate::{CalibrationError, validate_inputs};

/// One Hosmer–Lemeshow group.
#[derive(Debug, Clone, Serialize)]
pub struct HlGroup {
    /// Left break (excluded, except for the first group).
    pub lower: f64,
    /// Right break (included).
    pub upper: f64,
    pub n: usize,
    /// Observed events.
    pub events: f64,
    /// Expected events Σp.
    pub expected_events: f64,
    /// Mean predicted probability.
    pub mean_predicted: f64,
    /// Observed event rate events / n.
    pub observed_rate: f64,
    /// 95% Wilson interval of the observed rate.
    pub observed_lower: f64,
    pub observed_upper: f64,
}

/// Hosmer–Lemeshow statistic and grouped table.
#[derive(Debug, Clone, Serialize)]
pub struct HosmerLemeshow {
    /// Groups requested.
    pub g: usize,
    /// Non-empty groups formed (fewer than g when p has ties at the quantiles).
    pub groups_formed: usize,
    pub chisq: f64,
    /// Degrees of freedom g − 2 with the requested g.
    pub df: usize,
    /// Upper-tail χ² p-value; `None` when df = 0.
    pub p: Option<f64>,
    pub groups: Vec<HlGroup>,
    pub notes: Vec<String>,
}

/// Wilson score interval for k successes out of n at 95%.
pub fn wilson_interval(k: f64, n: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let z2 = Z975 * Z975;
    let centre = (k + z2 / 2.0) / (n + z2);
    let half = Z975 * (k * (n - k) / n + z2 / 4.0).sqrt() / (n + z2);
    let lower = if k <= 0.0 { 0.0 } else { centre - half };
    let upper = if k >= n { 1.0 } else { centre + half };
    (lower, upper)
}

/// The unique type-7 quantile breaks at 0, 1/g, …, 1 (R: `unique(quantile(p, seq(0, 1, 1/g)))`).
fn breaks(sorted: &[f64], g: usize) -> Vec<f64> {
    let by = 1.0 / g as f64;
    let mut out: Vec<f64> = Vec::with_capacity(g + 1);
    for k in 0..=g {
        let prob = (k as f64 * by).min(1.0);
        if let Some(q) = quantile7_sorted(sorted, prob)
            && !out.contains(&q)
        {
            out.push(q);
        }
    }
    out
}

/// Hosmer–Lemeshow test with `g` quantile groups.
pub fn hosmer_lemeshow(p: &[f64], y: &[f64], g: usize) -> Result<HosmerLemeshow, CalibrationError> {
    validate_inputs(p, y)?;
    if g < 2 {
        return Err(CalibrationError::Groups(g));
    }
    if p.is_empty() {
        return Err(CalibrationError::TooFew {
            what: "Hosmer–Lemeshow",
            min: 1,
            n: 0,
        });
    }
    let mut sorted = p.to_vec();
    sorted.sort_by(f64::total_cmp);
    let b = breaks(&sorted, g);
    let intervals = b.len().saturating_sub(1).max(1);
    let mut n_k = vec![0usize; intervals];
    let mut o1 = vec![0.0; intervals];
    let mut e1 = vec![0.0; intervals];
    for (&pi, &yi) in p.iter().zip(y) {
        // first break ≥ p, i.e. the interval (b[k-1], b[k]] (lowest included)
        let k = b.partition_point(|&v| v < pi).clamp(1, intervals) - 1;
        n_k[k] += 1;
        o1[k] += yi;
        e1[k] += pi;
    }
    let mut groups = Vec::new();
    let mut chisq = 0.0;
    let cell = |o: f64, e: f64| {
        if e > 0.0 {
            (o - e) * (o - e) / e
        } else if o == 0.0 {
            0.0
        } else {
            f64::INFINITY
        }
    };
    for k in 0..intervals {
        if n_k[k] == 0 {
            continue;
        }
        let n = n_k[k] as f64;
        let (o0, e0) = (n - o1[k], n - e1[k]);
        chisq += cell(o1[k], e1[k]) + cell(o0, e0);
        let (lo, hi) = wilson_interval(o1[k], n);
        groups.push(HlGroup {
            lower: b[k],
            upper: if b.len() > 1 { b[k + 1] } else { b[0] },
            n: n_k[k],
            events: o1[k],
            expected_events: e1[k],
            mean_predicted: e1[k] / n,
            observed_rate: o1[k] / n,
            observed_lower: lo,
            observed_upper: hi,
        });
    }
    let df = g - 2;
    let pval = if df > 0 && chisq.is_finite() {
        ChiSquared::new(df as f64).map(|c| c.sf(chisq)).ok()
    } else if df > 0 {
        Some(0.0)
    } else {
        None
    };
    let mut notes = Vec::new();
    if groups.len() < g {
        notes.push(format!(
            "only {} of {g} groups formed (tied predictions); df = g − 2 = {df} with the \
             requested g, as ResourceSelection::hoslem.test",
            groups.len()
        ));
    }
    Ok(HosmerLemeshow {
        g,
        groups_formed: groups.len(),
        chisq,
        df,
        p: pval,
        groups,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_hmisc_binconf() {
        // Hmisc::binconf(3, 10): 0.1077913 0.6032219
        let (lo, hi) = wilson_interval(3.0, 10.0);
        assert!((lo - 0.107_791_3).abs() < 1e-7 && (hi - 0.603_221_9).abs() < 1e-7);
    }

    #[test]
    fn fewer_distinct_predictions_than_groups() {
        let p = [0.2, 0.2, 0.2, 0.5, 0.5, 0.5, 0.8, 0.8];
        let y = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0];
        let hl = hosmer_lemeshow(&p, &y, 10).expect("valid input");
        assert_eq!(hl.groups_formed, 3);
        assert_eq!(hl.df, 8);
        assert_eq!(hl.groups.iter().map(|g| g.n).sum::<usize>(), 8);
        assert_eq!(hl.notes.len(), 1);
    }
}
