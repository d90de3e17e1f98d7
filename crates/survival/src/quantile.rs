//! Quantiles of a survival curve with confidence limits, as survival's `quantile.survfit`.
//!
//! # Rule
//! The p-quantile is the first time at which the curve reaches 1 − p: with times t₁ < t₂ < …
//! (every distinct time of the fit, censoring-only ones included) and values S₁ ≥ S₂ ≥ …, take
//! the first i with Sᵢ ≤ 1 − p. A curve compared "equal" uses a tolerance of √ε (ε the machine
//! epsilon), as products of fractions are not exact.
//!
//! **Flat stretch.** When Sᵢ equals 1 − p (within the tolerance), the curve is flat at exactly
//! the target over an interval, and any time in it is a quantile. R then reports the midpoint of
//! that interval: (tᵢ + tⱼ)/2 with tⱼ the first time where the curve drops below 1 − p, or the
//! last time of the curve if it never does (Therneau, `?quantile.survfit`).
//!
//! Hand-worked: times 1, 2, 3, 4 (events), 5+, 6+, 7 (event), 8+ → S(4) = 1/2 exactly and the
//! curve stays there until it drops at 7: median (4 + 7)/2 = 5.5. With times 1, 2 (events),
//! 3+, 4+ the curve is 1/2 from 2 to the end: median (2 + 4)/2 = 3. Both agree with R.
//!
//! **Confidence limits** (Brookmeyer & Crowley 1982): the same rule applied to the lower
//! pointwise confidence curve gives the lower limit, and to the upper curve the upper limit.
//! Undefined points of a confidence curve (where S = 0, or S = 1 for log-log) never count as
//! reaching the target. A quantile that is never reached is `None` ("not reached").

use serde::Serialize;

/// A quantile of survival time with its confidence limits (`None` = not reached).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantile {
    /// Probability p (0.5 for the median).
    pub probability: f64,
    /// First time S(t) ≤ 1 − p (flat-stretch midpoint rule).
    pub quantile: Option<f64>,
    /// The same for the lower confidence curve.
    pub lower: Option<f64>,
    /// The same for the upper confidence curve.
    pub upper: Option<f64>,
}

/// The time at which a non-increasing step curve `values` (at `times`) first reaches `target`,
/// with the flat-stretch midpoint rule (see the module docs).
pub(crate) fn curve_quantile(times: &[f64], values: &[Option<f64>], target: f64) -> Option<f64> {
    let tol = f64::EPSILON.sqrt();
    let i = values
        .iter()
        .position(|v| v.is_some_and(|v| v <= target + tol))?;
    let vi = values[i]?;
    if (vi - target).abs() < tol {
        let end = values[i + 1..]
            .iter()
            .position(|v| v.is_some_and(|v| v < target - tol))
            .map_or(times.len() - 1, |k| i + 1 + k);
        Some((times[i] + times[end]) / 2.0)
    } else {
        Some(times[i])
    }
}

#[cfg(test)]
mod tests {
    use crate::{KaplanMeier, KmOptions, SurvivalData};

    #[test]
    fn flat_stretch_midpoints_as_r() {
        // R 4.2.2, survival 3.5-3: quantile(survfit(...), 0.5) gives 5.5 and 3 (exact).
        let d = SurvivalData::from_binary(
            &[1., 2., 3., 4., 5., 6., 7., 8.],
            &[1., 1., 1., 1., 0., 0., 1., 0.],
        )
        .unwrap();
        let km = KaplanMeier::fit(&d, KmOptions::default()).unwrap();
        assert_eq!(km.median, Some(5.5));
        assert_eq!(km.median_lower, Some(3.0));
        assert_eq!(km.median_upper, None);
        let d = SurvivalData::from_binary(&[1., 2., 3., 4.], &[1., 1., 0., 0.]).unwrap();
        let km = KaplanMeier::fit(&d, KmOptions::default()).unwrap();
        assert_eq!(km.median, Some(3.0));
        // R: quantile(f, c(.25,.5,.75)) for times 1..6, status 1,1,0,1,1,0 → 2, 4, 5
        let d = SurvivalData::from_binary(&[1., 2., 3., 4., 5., 6.], &[1., 1., 0., 1., 1., 0.])
            .unwrap();
        let km = KaplanMeier::fit(&d, KmOptions::default()).unwrap();
        let q: Vec<_> = [0.25, 0.5, 0.75]
            .iter()
            .map(|&p| km.quantile(p).unwrap().quantile)
            .collect();
        assert_eq!(q, vec![Some(2.0), Some(4.0), Some(5.0)]);
        assert_eq!(km.quantile(0.5).unwrap().lower, Some(2.0));
    }
}
