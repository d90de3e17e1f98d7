//! The log-rank test and the Fleming–Harrington G^ρ family, k groups, optionally stratified, as
//! R's `survdiff`; and the test for trend across ordered groups.
//!
//! # Derivation
//! Under H₀ (one hazard for all groups) and conditional on the risk sets, the dⱼ deaths at an
//! event time tⱼ fall on the nⱼ subjects at risk like draws without replacement: group g, with
//! n_gj at risk, expects E_gj = dⱼ n_gj / nⱼ deaths, with hypergeometric covariance
//!
//! ```text
//! V_gh,j = dⱼ (nⱼ − dⱼ)/(nⱼ − 1) · (n_gj / nⱼ) (δ_gh − n_hj / nⱼ)      (nⱼ > 1).
//! ```
//!
//! The G^ρ statistic (Harrington & Fleming 1982) weights time tⱼ by wⱼ = Ŝ(tⱼ−)^ρ, Ŝ the
//! Kaplan–Meier estimate of the pooled sample (within the stratum) just before tⱼ: ρ = 0 is the
//! log-rank test (Mantel 1966), ρ = 1 the Peto–Peto modification of the Gehan–Wilcoxon test.
//! Summing over event times (and over strata, for a stratified test),
//!
//! ```text
//! O_g = Σⱼ wⱼ d_gj,   E_g = Σⱼ wⱼ E_gj,   V = Σⱼ wⱼ² Vⱼ,
//! ```
//!
//! so the `observed` and `expected` that `survdiff` prints are the weighted ones when ρ ≠ 0.
//! Since Σ_g (O_g − E_g) = 0, V is singular; as `survdiff`, groups with E_g = 0 are set aside,
//! the first remaining group is dropped and χ² = zᵀ V₋₁⁻¹ z on the rest, with k′ − 1 degrees of
//! freedom (k′ the groups kept).
//!
//! **Trend test** (Collett 2015, §2.7; Therneau's `survdiff` vignette): for scores s_g of ordered
//! groups (default 1, 2, …, k), U = Σ_g s_g (O_g − E_g) with variance sᵀ V s; U²/(sᵀVs) is χ² on
//! one degree of freedom.
//!
//! Hand-worked (two groups, no ties): A dies at 1 and 3, B at 2, one B censored at 4. At t = 1:
//! n = (2, 2), E_A = 1/2, V = 1/4; at 2: n = (1, 2), E_A = 1/3, V = 2/9; at 3: n = (1, 1),
//! E_A = 1/2, V = 1/4. O_A = 2, E_A = 4/3, V = 13/18, χ² = (2/3)²/(13/18) = 8/13 (unit test).

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::data::{SurvivalData, order_by_time};
use crate::error::{Result, SurvivalError};
use crate::groups::Groups;
use crate::linalg::{Ldl, quad_form_inv};

/// χ² statistic, degrees of freedom and upper-tail p.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChiSquareTest {
    /// Statistic.
    pub chisq: f64,
    /// Degrees of freedom.
    pub df: usize,
    /// P(χ²_df ≥ chisq), computed as the upper tail directly.
    pub p: f64,
}

impl ChiSquareTest {
    /// Builds the test with p from the χ² survival function (never 1 − cdf).
    pub(crate) fn new(chisq: f64, df: usize) -> Self {
        let p = if df == 0 || !chisq.is_finite() {
            f64::NAN
        } else {
            ChiSquared::new(df as f64).map_or(f64::NAN, |d| d.sf(chisq.max(0.0)))
        };
        Self { chisq, df, p }
    }
}

/// Result of `survdiff`: the G^ρ test with observed and expected per group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRank {
    /// ρ of the G^ρ weights (0 = log-rank, 1 = Peto–Peto).
    pub rho: f64,
    /// χ² statistic.
    pub chisq: f64,
    /// Degrees of freedom (groups with positive expected count, minus one).
    pub df: usize,
    /// Upper-tail p-value.
    pub p: f64,
    /// Weighted observed events per group.
    pub observed: Vec<f64>,
    /// Weighted expected events per group.
    pub expected: Vec<f64>,
    /// Subjects per group.
    pub n: Vec<usize>,
    /// Group names, in level order.
    pub groups: Vec<String>,
    /// Weighted covariance matrix of O − E (row-major, k × k).
    #[serde(skip)]
    pub variance: Vec<f64>,
}

/// Test for trend across ordered groups (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendTest {
    /// Scores of the groups, in level order.
    pub scores: Vec<f64>,
    /// U = Σ s_g (O_g − E_g).
    pub statistic: f64,
    /// sᵀ V s.
    pub variance: f64,
    /// U² / variance.
    pub chisq: f64,
    /// Always 1.
    pub df: usize,
    /// Upper-tail p-value.
    pub p: f64,
}

/// Running sums O, E (length k) and V (k × k, row-major).
struct Sums {
    obs: Vec<f64>,
    exp: Vec<f64>,
    var: Vec<f64>,
}

/// Accumulates O, E and V of one stratum.
fn accumulate(data: &SurvivalData, group: &[usize], rows: &[usize], rho: f64, sums: &mut Sums) {
    let k = sums.obs.len();
    let Sums { obs, exp, var } = sums;
    let time = data.time();
    let event = data.event();
    let local: Vec<f64> = rows.iter().map(|&i| time[i]).collect();
    let order: Vec<usize> = order_by_time(&local).into_iter().map(|o| rows[o]).collect();
    let mut at_risk = vec![0.0f64; k];
    for &i in &order {
        at_risk[group[i]] += 1.0;
    }
    let mut n_total = order.len() as f64;
    let mut km: f64 = 1.0;
    let mut deaths = vec![0.0f64; k];
    let mut leaving = vec![0.0f64; k];
    let mut a = 0;
    while a < order.len() {
        let t = time[order[a]];
        let mut b = a;
        deaths.iter_mut().for_each(|x| *x = 0.0);
        leaving.iter_mut().for_each(|x| *x = 0.0);
        while b < order.len() && time[order[b]] == t {
            let i = order[b];
            if event[i] {
                deaths[group[i]] += 1.0;
            }
            leaving[group[i]] += 1.0;
            b += 1;
        }
        let d: f64 = deaths.iter().sum();
        if d > 0.0 {
            let w = if rho == 0.0 { 1.0 } else { km.powf(rho) };
            for g in 0..k {
                obs[g] += w * deaths[g];
                exp[g] += w * d * at_risk[g] / n_total;
            }
            if n_total > 1.0 {
                let factor = w * w * d * (n_total - d) / (n_total - 1.0);
                for g in 0..k {
                    let pg = at_risk[g] / n_total;
                    for h in 0..k {
                        let ph = at_risk[h] / n_total;
                        let delta = if g == h { 1.0 } else { 0.0 };
                        var[g * k + h] += factor * pg * (delta - ph);
                    }
                }
            }
            km *= 1.0 - d / n_total;
        }
        for g in 0..k {
            at_risk[g] -= leaving[g];
        }
        n_total -= (b - a) as f64;
        a = b;
    }
}

/// `survdiff(Surv(time, status) ~ group [+ strata(strata)], rho = rho)`.
pub fn survdiff(
    data: &SurvivalData,
    groups: &Groups,
    strata: Option<&Groups>,
    rho: f64,
) -> Result<LogRank> {
    let n = data.len();
    if groups.index().len() != n {
        return Err(SurvivalError::LengthMismatch {
            what: "group",
            expected: n,
            found: groups.index().len(),
        });
    }
    if let Some(s) = strata
        && s.index().len() != n
    {
        return Err(SurvivalError::LengthMismatch {
            what: "strata",
            expected: n,
            found: s.index().len(),
        });
    }
    if !rho.is_finite() || rho < 0.0 {
        return Err(SurvivalError::InvalidArgument {
            what: "rho",
            value: rho,
        });
    }
    if data.n_events() == 0 {
        return Err(SurvivalError::NoEvents { n });
    }
    let k = groups.n_levels();
    let mut counts = vec![0usize; k];
    for &g in groups.index() {
        counts[g] += 1;
    }
    let present = counts.iter().filter(|&&c| c > 0).count();
    if present < 2 {
        return Err(SurvivalError::TooFewGroups { found: present });
    }
    let mut sums = Sums {
        obs: vec![0.0; k],
        exp: vec![0.0; k],
        var: vec![0.0; k * k],
    };
    let strata_rows = match strata {
        Some(s) => s.rows(),
        None => vec![(0..n).collect()],
    };
    for rows in &strata_rows {
        accumulate(data, groups.index(), rows, rho, &mut sums);
    }
    let Sums { obs, exp, var } = sums;
    let kept: Vec<usize> = (0..k).filter(|&g| exp[g] > 0.0).collect();
    if kept.len() < 2 {
        return Err(SurvivalError::TooFewGroups { found: kept.len() });
    }
    let rest = &kept[1..];
    let m = rest.len();
    let z: Vec<f64> = rest.iter().map(|&g| obs[g] - exp[g]).collect();
    let mut v = vec![0.0; m * m];
    for (a, &g) in rest.iter().enumerate() {
        for (b, &h) in rest.iter().enumerate() {
            v[a * m + b] = var[g * k + h];
        }
    }
    let ldl = Ldl::new(&v, m, 1e-12);
    if !ldl.is_full_rank() {
        return Err(SurvivalError::Singular {
            what: "log-rank variance matrix",
        });
    }
    let test = ChiSquareTest::new(quad_form_inv(&ldl, &z), m);
    Ok(LogRank {
        rho,
        chisq: test.chisq,
        df: test.df,
        p: test.p,
        observed: obs,
        expected: exp,
        n: counts,
        groups: groups.levels().to_vec(),
        variance: var,
    })
}

/// Test for trend across the ordered groups of a `survdiff` result, with the given scores
/// (`None`: 1, 2, …, k).
pub fn trend_test(fit: &LogRank, scores: Option<&[f64]>) -> Result<TrendTest> {
    let k = fit.observed.len();
    let scores: Vec<f64> = match scores {
        Some(s) if s.len() != k => {
            return Err(SurvivalError::LengthMismatch {
                what: "trend scores",
                expected: k,
                found: s.len(),
            });
        }
        Some(s) => s.to_vec(),
        None => (1..=k).map(|g| g as f64).collect(),
    };
    let u: f64 = (0..k)
        .map(|g| scores[g] * (fit.observed[g] - fit.expected[g]))
        .sum();
    let mut v = 0.0;
    for g in 0..k {
        for h in 0..k {
            v += scores[g] * fit.variance[g * k + h] * scores[h];
        }
    }
    if v.is_nan() || v <= 0.0 {
        return Err(SurvivalError::Singular {
            what: "trend-test variance (constant scores?)",
        });
    }
    let test = ChiSquareTest::new(u * u / v, 1);
    Ok(TrendTest {
        scores,
        statistic: u,
        variance: v,
        chisq: test.chisq,
        df: 1,
        p: test.p,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_worked_two_groups() {
        // tolerance 1e-14 absolute (closed form, see the module docs)
        let d = SurvivalData::from_binary(&[1., 3., 2., 4.], &[1., 1., 1., 0.]).unwrap();
        let g = Groups::from_labels(&["A", "A", "B", "B"]);
        let fit = survdiff(&d, &g, None, 0.0).unwrap();
        assert!((fit.expected[0] - 4.0 / 3.0).abs() < 1e-14);
        assert!((fit.variance[0] - 13.0 / 18.0).abs() < 1e-14);
        assert!((fit.chisq - 8.0 / 13.0).abs() < 1e-14);
    }

    #[test]
    fn one_group_or_no_events_is_an_error() {
        let d = SurvivalData::from_binary(&[1., 2.], &[1., 0.]).unwrap();
        let g = Groups::from_labels(&["A", "A"]);
        assert_eq!(
            survdiff(&d, &g, None, 0.0),
            Err(SurvivalError::TooFewGroups { found: 1 })
        );
        let d = SurvivalData::from_binary(&[1., 2.], &[0., 0.]).unwrap();
        let g = Groups::from_labels(&["A", "B"]);
        assert_eq!(
            survdiff(&d, &g, None, 0.0),
            Err(SurvivalError::NoEvents { n: 2 })
        );
    }
}
