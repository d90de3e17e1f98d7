//! Pearson and Spearman correlation tests and a features × markers correlation screen.
//!
//! Pearson: r = Σ(x − x̄)(y − ȳ)/√(Σ(x − x̄)²Σ(y − ȳ)²). Spearman: ρ is Pearson's r of the
//! mid-ranks (ties averaged). Both are tested with t = r√((n − 2)/(1 − r²)) on n − 2 df,
//! two-sided, as R's `cor.test(method = "pearson")` and
//! `cor.test(method = "spearman", exact = FALSE)`. For Spearman this t approximation is
//! R's large-sample option (Best & Roberts 1975 give the exact null distribution, which
//! R uses for n < 1290 without ties unless `exact = FALSE`; nomo always uses the t
//! approximation). Pairs are complete cases of the two columns. p-values of a screen are
//! adjusted over all its pairs by Benjamini–Hochberg, Holm and Bonferroni (`p.adjust`).

use serde::Serialize;

use crate::error::DescribeError;
use crate::p_adjust::{PAdjust, p_adjust};
use crate::ranks::midranks;
use crate::tails::t_two_sided;

/// The correlation coefficient.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CorrelationMethod {
    Pearson,
    /// Spearman's ρ, p-value by the t approximation (`cor.test(exact = FALSE)`).
    Spearman,
}

/// A correlation with its t-test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Correlation {
    pub n: usize,
    /// r (Pearson) or ρ (Spearman).
    pub estimate: f64,
    /// t = r√((n − 2)/(1 − r²)), infinite when |r| = 1.
    pub t: f64,
    pub df: f64,
    pub p: f64,
}

/// Pearson's r of two equally long finite samples; errors when n < 3 or a column is
/// constant.
fn pearson_r(x: &[f64], y: &[f64]) -> Result<f64, DescribeError> {
    const WHAT: &str = "correlation";
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 {
        return Err(DescribeError::Constant {
            what: WHAT,
            value: x[0],
        });
    }
    if syy <= 0.0 {
        return Err(DescribeError::Constant {
            what: WHAT,
            value: y[0],
        });
    }
    Ok((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Correlation test of paired samples (same length, finite) with the chosen method.
pub fn correlation_test(
    x: &[f64],
    y: &[f64],
    method: CorrelationMethod,
) -> Result<Correlation, DescribeError> {
    if x.len() != y.len() {
        return Err(DescribeError::LengthMismatch {
            what: "correlation",
            left: x.len(),
            right: y.len(),
        });
    }
    let n = x.len();
    if n < 3 {
        return Err(DescribeError::TooFewObservations {
            what: "correlation test",
            n,
            min: 3,
        });
    }
    let r = match method {
        CorrelationMethod::Pearson => pearson_r(x, y)?,
        CorrelationMethod::Spearman => pearson_r(&midranks(x).0, &midranks(y).0)?,
    };
    let df = (n - 2) as f64;
    let t = if r.abs() >= 1.0 {
        r.signum() * f64::INFINITY
    } else {
        r * (df / (1.0 - r * r)).sqrt()
    };
    Ok(Correlation {
        n,
        estimate: r,
        t,
        df,
        p: t_two_sided(t, df),
    })
}

/// One (x, y) pair of a screen.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScreenPair {
    pub x: String,
    pub y: String,
    /// Complete pairs used.
    pub n: usize,
    pub estimate: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub p_bh: Option<f64>,
    pub p_holm: Option<f64>,
    pub p_bonferroni: Option<f64>,
    /// Why the correlation could not be computed (then the numbers are `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_computable: Option<String>,
}

/// A features × markers correlation screen.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CorrelationScreen {
    pub method: CorrelationMethod,
    /// How the p-values were obtained.
    pub p_value_method: &'static str,
    /// The adjustment a display should show (all three are always computed).
    pub adjust: PAdjust,
    /// Pairs in x-major order.
    pub pairs: Vec<ScreenPair>,
}

/// A named column with missing values.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Correlates every x column with every y column (complete pairs each), then adjusts the
/// p-values over all pairs. Columns must all have the same length. A pair that cannot be
/// computed (fewer than 3 complete pairs, a constant column) carries the reason.
pub fn correlation_screen(
    xs: &[Column],
    ys: &[Column],
    method: CorrelationMethod,
    adjust: PAdjust,
) -> Result<CorrelationScreen, DescribeError> {
    let len = xs.first().or(ys.first()).map_or(0, |c| c.values.len());
    if let Some(bad) = xs.iter().chain(ys).find(|c| c.values.len() != len) {
        return Err(DescribeError::LengthMismatch {
            what: "correlation screen columns",
            left: len,
            right: bad.values.len(),
        });
    }
    let mut pairs = Vec::with_capacity(xs.len() * ys.len());
    for cx in xs {
        for cy in ys {
            let (a, b): (Vec<f64>, Vec<f64>) = cx
                .values
                .iter()
                .zip(&cy.values)
                .filter_map(|(a, b)| match (a, b) {
                    (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some((*a, *b)),
                    _ => None,
                })
                .unzip();
            let n = a.len();
            let (test, reason) = match correlation_test(&a, &b, method) {
                Ok(c) => (Some(c), None),
                Err(e) => (None, Some(e.to_string())),
            };
            pairs.push(ScreenPair {
                x: cx.name.clone(),
                y: cy.name.clone(),
                n,
                estimate: test.map(|c| c.estimate),
                t: test.map(|c| c.t).filter(|t| t.is_finite()),
                df: test.map(|c| c.df),
                p: test.map(|c| c.p),
                p_bh: None,
                p_holm: None,
                p_bonferroni: None,
                not_computable: reason,
            });
        }
    }
    let p: Vec<Option<f64>> = pairs.iter().map(|q| q.p).collect();
    let bh = p_adjust(&p, PAdjust::Bh);
    let holm = p_adjust(&p, PAdjust::Holm);
    let bonf = p_adjust(&p, PAdjust::Bonferroni);
    for (i, q) in pairs.iter_mut().enumerate() {
        q.p_bh = bh[i];
        q.p_holm = holm[i];
        q.p_bonferroni = bonf[i];
    }
    Ok(CorrelationScreen {
        method,
        p_value_method: match method {
            CorrelationMethod::Pearson => "t-test of Pearson's r on n − 2 df",
            CorrelationMethod::Spearman => {
                "t approximation on n − 2 df, as cor.test(method = \"spearman\", exact = FALSE)"
            }
        },
        adjust,
        pairs,
    })
}
