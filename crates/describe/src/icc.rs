//! Intraclass correlation in the six Shrout–Fleiss forms, as `psych::ICC(x, lmer = FALSE)`.
//!
//! For n subjects rated by k raters (a complete n × k matrix), the two-way ANOVA gives the
//! mean squares MSB (between subjects, n − 1 df), MSJ (between raters, k − 1 df), MSE
//! (residual, (n − 1)(k − 1) df) and MSW = (SSJ + SSE)/(n(k − 1)) (within subjects). Then
//! (Shrout & Fleiss 1979; McGraw & Wong 1996)
//!
//! * ICC1  = (MSB − MSW)/(MSB + (k − 1)MSW)            one-way random, single rater
//! * ICC2  = (MSB − MSE)/(MSB + (k − 1)MSE + k(MSJ − MSE)/n)   two-way random, absolute
//! * ICC3  = (MSB − MSE)/(MSB + (k − 1)MSE)            two-way mixed, consistency
//! * ICC1k = (MSB − MSW)/MSB,  ICC2k = (MSB − MSE)/(MSB + (MSJ − MSE)/n),
//!   ICC3k = (MSB − MSE)/MSB                           the same for the mean of k raters.
//!
//! F-tests: F₁ = MSB/MSW on (n − 1, n(k − 1)) df for ICC1/ICC1k, F₃ = MSB/MSE on
//! (n − 1, (n − 1)(k − 1)) df for the others; p is the upper F tail.
//!
//! 95% bounds (α = 0.05) as psych computes them: with F_L = F/q(1 − α/2; df₁, df₂) and
//! F_U = F·q(1 − α/2; df₂, df₁), ICC1 and ICC3 have (F_L − 1)/(F_L + k − 1) to
//! (F_U − 1)/(F_U + k − 1) and their k-forms 1 − 1/F_L to 1 − 1/F_U. ICC2 uses
//! Satterthwaite's df v = (k − 1)(n − 1)[kρF_J + n(1 + (k − 1)ρ) − kρ]² /
//! [(n − 1)k²ρ²F_J² + (n(1 + (k − 1)ρ) − kρ)²] with ρ = ICC2 and F_J = MSJ/MSE:
//! L = n(MSB − F*MSE)/(F*(kMSJ + (kn − k − n)MSE) + nMSB), F* = q(1 − α/2; n − 1, v),
//! U = n(F°MSB − MSE)/(kMSJ + (kn − k − n)MSE + nF°MSB), F° = q(1 − α/2; v, n − 1);
//! ICC2k's bounds are the Spearman–Brown steps kL/(1 + (k − 1)L) of these.

use serde::Serialize;

use crate::error::DescribeError;
use crate::tails::{f_upper, f_upper_quantile};

/// One Shrout–Fleiss form.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IccRow {
    /// "ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k" or "ICC3k" (psych's names).
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub icc: f64,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub lower: f64,
    pub upper: f64,
}

/// All six ICC forms with the ANOVA they come from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Icc {
    pub n_subjects: usize,
    pub n_raters: usize,
    /// Mean square between subjects.
    pub ms_subjects: f64,
    /// Mean square between raters.
    pub ms_raters: f64,
    /// Residual mean square.
    pub ms_residual: f64,
    /// Mean square within subjects, (SS_raters + SS_residual)/(n(k − 1)).
    pub ms_within: f64,
    pub confidence: f64,
    pub rows: Vec<IccRow>,
}

/// Shrout–Fleiss ICCs of a complete subjects × raters matrix (`ratings[i][j]` = rater j on
/// subject i), as `psych::ICC(lmer = FALSE)` with α = 0.05. Needs ≥ 2 subjects, ≥ 2 raters,
/// finite values and non-zero between-subject and residual variation.
pub fn icc(ratings: &[Vec<f64>]) -> Result<Icc, DescribeError> {
    const WHAT: &str = "ICC";
    let n = ratings.len();
    if n < 2 {
        return Err(DescribeError::TooFewObservations {
            what: WHAT,
            n,
            min: 2,
        });
    }
    let k = ratings[0].len();
    if let Some(bad) = ratings.iter().find(|r| r.len() != k) {
        return Err(DescribeError::LengthMismatch {
            what: "ICC rating rows",
            left: k,
            right: bad.len(),
        });
    }
    if k < 2 {
        return Err(DescribeError::TooFewGroups {
            what: "ICC raters",
            k,
            min: 2,
        });
    }
    if let Some(&bad) = ratings.iter().flatten().find(|v| !v.is_finite()) {
        return Err(DescribeError::NonFinite {
            what: WHAT,
            value: bad,
        });
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = ratings.iter().flatten().sum::<f64>() / (nf * kf);
    let row_means: Vec<f64> = ratings.iter().map(|r| r.iter().sum::<f64>() / kf).collect();
    let col_means: Vec<f64> = (0..k)
        .map(|j| ratings.iter().map(|r| r[j]).sum::<f64>() / nf)
        .collect();
    let ss_rows = kf
        * row_means
            .iter()
            .map(|m| (m - grand) * (m - grand))
            .sum::<f64>();
    let ss_cols = nf
        * col_means
            .iter()
            .map(|m| (m - grand) * (m - grand))
            .sum::<f64>();
    let mut ss_err = 0.0;
    for (i, r) in ratings.iter().enumerate() {
        for (j, &v) in r.iter().enumerate() {
            let e = v - row_means[i] - col_means[j] + grand;
            ss_err += e * e;
        }
    }
    let df_b = nf - 1.0;
    let df_j = kf - 1.0;
    let df_e = df_b * df_j;
    let msb = ss_rows / df_b;
    let msj = ss_cols / df_j;
    let mse = ss_err / df_e;
    let msw = (ss_cols + ss_err) / (df_j + df_e);
    if msb <= 0.0 || mse <= 0.0 || msw <= 0.0 {
        return Err(DescribeError::Degenerate {
            what: WHAT,
            reason: format!(
                "zero variation (MS subjects {msb}, MS residual {mse}, MS within {msw})"
            ),
        });
    }
    let icc1 = (msb - msw) / (msb + (kf - 1.0) * msw);
    let icc2 = (msb - mse) / (msb + (kf - 1.0) * mse + kf * (msj - mse) / nf);
    let icc3 = (msb - mse) / (msb + (kf - 1.0) * mse);
    let icc1k = (msb - msw) / msb;
    let icc2k = (msb - mse) / (msb + (msj - mse) / nf);
    let icc3k = (msb - mse) / msb;

    const HALF_ALPHA: f64 = 0.025;
    let f11 = msb / msw;
    let (df11n, df11d) = (nf - 1.0, nf * (kf - 1.0));
    let p11 = f_upper(f11, df11n, df11d);
    let f21 = msb / mse;
    let (df21n, df21d) = (nf - 1.0, df_e);
    let p21 = f_upper(f21, df21n, df21d);

    let f1l = f11 / f_upper_quantile(HALF_ALPHA, df11n, df11d);
    let f1u = f11 * f_upper_quantile(HALF_ALPHA, df11d, df11n);
    let f3l = f21 / f_upper_quantile(HALF_ALPHA, df21n, df21d);
    let f3u = f21 * f_upper_quantile(HALF_ALPHA, df21d, df21n);

    let fj = msj / mse;
    let a = nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2;
    let vn = (kf - 1.0) * (nf - 1.0) * (kf * icc2 * fj + a).powi(2);
    let vd = (nf - 1.0) * kf * kf * icc2 * icc2 * fj * fj + a * a;
    let v = vn / vd;
    let fs = f_upper_quantile(HALF_ALPHA, nf - 1.0, v);
    let fo = f_upper_quantile(HALF_ALPHA, v, nf - 1.0);
    let mid = kf * msj + (kf * nf - kf - nf) * mse;
    let l2 = nf * (msb - fs * mse) / (fs * mid + nf * msb);
    let u2 = nf * (fo * msb - mse) / (mid + nf * fo * msb);

    let row = |kind, icc, f, df1, df2, p, lower, upper| IccRow {
        kind,
        icc,
        f,
        df1,
        df2,
        p,
        lower,
        upper,
    };
    let sb = |x: f64| x * kf / (1.0 + x * (kf - 1.0));
    let rows = vec![
        row(
            "ICC1",
            icc1,
            f11,
            df11n,
            df11d,
            p11,
            (f1l - 1.0) / (f1l + kf - 1.0),
            (f1u - 1.0) / (f1u + kf - 1.0),
        ),
        row("ICC2", icc2, f21, df21n, df21d, p21, l2, u2),
        row(
            "ICC3",
            icc3,
            f21,
            df21n,
            df21d,
            p21,
            (f3l - 1.0) / (f3l + kf - 1.0),
            (f3u - 1.0) / (f3u + kf - 1.0),
        ),
        row(
            "ICC1k",
            icc1k,
            f11,
            df11n,
            df11d,
            p11,
            1.0 - 1.0 / f1l,
            1.0 - 1.0 / f1u,
        ),
        row("ICC2k", icc2k, f21, df21n, df21d, p21, sb(l2), sb(u2)),
        row(
            "ICC3k",
            icc3k,
            f21,
            df21n,
            df21d,
            p21,
            1.0 - 1.0 / f3l,
            1.0 - 1.0 / f3u,
        ),
    ];
    Ok(Icc {
        n_subjects: n,
        n_raters: k,
        ms_subjects: msb,
        ms_raters: msj,
        ms_residual: mse,
        ms_within: msw,
        confidence: 0.95,
        rows,
    })
}
