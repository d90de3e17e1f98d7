//! Cohen's kappa for two raters, unweighted and weighted, as `psych::cohen.kappa`.
//!
//! The categories are the union of both raters' labels in level order (L of them). From
//! the L × L table of proportions pᵢⱼ (rater 1 in rows) with margins rᵢ, cⱼ and agreement
//! weights wᵢⱼ (Cohen 1960, 1968):
//! p_o = Σwᵢⱼpᵢⱼ, p_c = Σwᵢⱼrᵢcⱼ, κ = (p_o − p_c)/(1 − p_c).
//! Unweighted: w = I. Linear: wᵢⱼ = 1 − |i − j|/(L − 1). Quadratic: wᵢⱼ = 1 − (i − j)²/(L − 1)²
//! (psych's default weighting).
//!
//! Large-sample variances (Fleiss, Cohen & Everitt 1969), in psych's form:
//! unweighted,
//! Var κ = [Σᵢ pᵢᵢ((1 − p_c) − (rᵢ + cᵢ)(1 − p_o))² + (1 − p_o)²(Σᵢⱼ pᵢⱼ(cᵢ + rⱼ)² −
//! Σᵢ pᵢᵢ(cᵢ + rᵢ)²) − (p_o p_c − 2p_c + p_o)²] / (N(1 − p_c)⁴);
//! weighted, with w̄ᵢ = Σₖ wₖᵢcₖ and ŵⱼ = rⱼΣₖwⱼₖ (psych's `colSums(w * cs)` and
//! `rowSums(w * rs)`),
//! Var κ_w = [Σᵢⱼ pᵢⱼ(wᵢⱼ(1 − p_c) − (w̄ᵢ + ŵⱼ)(1 − p_o))² − (p_o p_c − 2p_c + p_o)²] /
//! (N(1 − p_c)⁴). A negative variance is set to 0 (psych flags it as bad).
//! The 95% bounds are κ ± 1.959964·√Var, clipped to [−1, 1] as psych does.

use serde::Serialize;

use crate::error::DescribeError;
use crate::grouping::levels;
use crate::tails::normal_quantile;

/// The agreement weights of a kappa.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum KappaWeights {
    Unweighted,
    Linear,
    Quadratic,
}

/// One kappa with its variance and 95% bounds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KappaEstimate {
    pub weights: KappaWeights,
    pub kappa: f64,
    pub variance: f64,
    pub lower: f64,
    pub upper: f64,
    /// True when the variance came out negative and was set to 0 (psych's `bad`).
    pub variance_truncated: bool,
}

/// Cohen's kappa of two raters: unweighted, linear and quadratic.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CohenKappa {
    /// Pairs rated by both raters.
    pub n: usize,
    /// Pairs left out because one rating was missing.
    pub n_missing: usize,
    pub levels: Vec<String>,
    /// Counts, rater 1 in rows, rater 2 in columns, in `levels` order.
    pub table: Vec<Vec<u64>>,
    pub observed_agreement: f64,
    pub unweighted: KappaEstimate,
    pub linear: KappaEstimate,
    pub quadratic: KappaEstimate,
}

/// Cohen's kappa of two raters' labels (pairs with a missing label are dropped), as
/// `psych::cohen.kappa` with α = 0.05. Needs ≥ 2 complete pairs and ≥ 2 categories.
pub fn cohen_kappa(
    rater1: &[Option<String>],
    rater2: &[Option<String>],
) -> Result<CohenKappa, DescribeError> {
    const WHAT: &str = "Cohen's kappa";
    if rater1.len() != rater2.len() {
        return Err(DescribeError::LengthMismatch {
            what: WHAT,
            left: rater1.len(),
            right: rater2.len(),
        });
    }
    let pairs: Vec<(&String, &String)> = rater1
        .iter()
        .zip(rater2)
        .filter_map(|(a, b)| Some((a.as_ref()?, b.as_ref()?)))
        .collect();
    let n = pairs.len();
    if n < 2 {
        return Err(DescribeError::TooFewObservations {
            what: WHAT,
            n,
            min: 2,
        });
    }
    let all: Vec<Option<&String>> = pairs
        .iter()
        .flat_map(|(a, b)| [Some(*a), Some(*b)])
        .collect();
    let levels = levels(&all);
    let l = levels.len();
    if l < 2 {
        return Err(DescribeError::Degenerate {
            what: WHAT,
            reason: format!(
                "both raters used only one category ({}): kappa is undefined",
                levels.first().map_or("", String::as_str)
            ),
        });
    }
    let index = |s: &String| levels.iter().position(|v| v == s).unwrap_or(0);
    let mut table = vec![vec![0u64; l]; l];
    for (a, b) in &pairs {
        table[index(a)][index(b)] += 1;
    }
    let nf = n as f64;
    let p: Vec<Vec<f64>> = table
        .iter()
        .map(|r| r.iter().map(|&c| c as f64 / nf).collect())
        .collect();
    let rs: Vec<f64> = p.iter().map(|r| r.iter().sum()).collect();
    let cs: Vec<f64> = (0..l).map(|j| p.iter().map(|r| r[j]).sum()).collect();
    let po: f64 = (0..l).map(|i| p[i][i]).sum();
    let z = -normal_quantile(0.025);

    let estimate = |weights: KappaWeights| -> Result<KappaEstimate, DescribeError> {
        let lm1 = (l - 1) as f64;
        let w = |i: usize, j: usize| -> f64 {
            let d = (i as f64 - j as f64).abs();
            match weights {
                KappaWeights::Unweighted => f64::from(u8::from(i == j)),
                KappaWeights::Linear => 1.0 - d / lm1,
                KappaWeights::Quadratic => 1.0 - d * d / (lm1 * lm1),
            }
        };
        let (mut wpo, mut wpc) = (0.0, 0.0);
        for i in 0..l {
            for j in 0..l {
                wpo += w(i, j) * p[i][j];
                wpc += w(i, j) * rs[i] * cs[j];
            }
        }
        if wpc >= 1.0 {
            return Err(DescribeError::Degenerate {
                what: WHAT,
                reason: "chance agreement is 1: kappa is undefined".into(),
            });
        }
        let kappa = (wpo - wpc) / (1.0 - wpc);
        let last = (wpo * wpc - 2.0 * wpc + wpo).powi(2);
        let raw = if weights == KappaWeights::Unweighted {
            let mut diag = 0.0;
            let mut cross = 0.0;
            let mut cross_diag = 0.0;
            for i in 0..l {
                let t = (1.0 - wpc) - (rs[i] + cs[i]) * (1.0 - wpo);
                diag += p[i][i] * t * t;
                cross_diag += p[i][i] * (cs[i] + rs[i]).powi(2);
                for j in 0..l {
                    cross += p[i][j] * (cs[i] + rs[j]).powi(2);
                }
            }
            (diag + (1.0 - wpo).powi(2) * (cross - cross_diag) - last) / (nf * (1.0 - wpc).powi(4))
        } else {
            let colw: Vec<f64> = (0..l)
                .map(|j| (0..l).map(|i| w(i, j) * cs[i]).sum())
                .collect();
            let roww: Vec<f64> = (0..l)
                .map(|i| rs[i] * (0..l).map(|j| w(i, j)).sum::<f64>())
                .collect();
            let mut s = 0.0;
            for i in 0..l {
                for j in 0..l {
                    let t = w(i, j) * (1.0 - wpc) - (colw[i] + roww[j]) * (1.0 - wpo);
                    s += p[i][j] * t * t;
                }
            }
            (s - last) / (nf * (1.0 - wpc).powi(4))
        };
        let truncated = raw.is_nan() || raw < 0.0;
        let variance = if truncated { 0.0 } else { raw };
        let half = z * variance.sqrt();
        Ok(KappaEstimate {
            weights,
            kappa,
            variance,
            lower: (kappa - half).clamp(-1.0, 1.0),
            upper: (kappa + half).clamp(-1.0, 1.0),
            variance_truncated: truncated,
        })
    };
    Ok(CohenKappa {
        n,
        n_missing: rater1.len() - n,
        levels: levels.clone(),
        table: table.clone(),
        observed_agreement: po,
        unweighted: estimate(KappaWeights::Unweighted)?,
        linear: estimate(KappaWeights::Linear)?,
        quadratic: estimate(KappaWeights::Quadratic)?,
    })
}
