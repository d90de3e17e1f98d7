//! Shapiro–Wilk test of normality by Royston's algorithm AS R94 (1995), as R's
//! `shapiro.test`.
//!
//! W is the squared correlation between the ordered sample x₍₁₎ ≤ … ≤ x₍ₙ₎ and
//! coefficients a that approximate the normalised expected normal order statistics.
//! Royston's construction: take mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4)) (Blom scores) and
//! ‖m‖² = Σmᵢ². The two most extreme coefficients come from polynomials in u = 1/√n,
//!
//!   a₍ₙ₎ = c₍ₙ₎ + 0.221157u − 0.147981u² − 2.071190u³ + 4.434685u⁴ − 2.706056u⁵,
//!   a₍ₙ₋₁₎ = c₍ₙ₋₁₎ + 0.042981u − 0.293762u² − 1.752461u³ + 5.682633u⁴ − 3.582633u⁵,
//!
//! with cᵢ = mᵢ/‖m‖ (the second one only for n > 5), and the middle ones are the scaled
//! Blom scores aᵢ = mᵢ/ε with ε chosen so that Σaᵢ² = 1. The coefficients are
//! antisymmetric (a₍ᵢ₎ = −a₍ₙ₊₁₋ᵢ₎); for n = 3 they are exactly ±1/√2.
//!
//! W = (Σaᵢx₍ᵢ₎)² / Σ(xᵢ − x̄)², computed as 1 − (1 − W) from the correlation of a and
//! x/range, which keeps precision when W is close to 1.
//!
//! The p-value normalises ln(1 − W): for n = 3 it is exact, p = (6/π)(asin √W − asin √¾);
//! for 4 ≤ n ≤ 11, y = −ln(γ − ln(1 − W)) with γ = −2.273 + 0.459n is normal with
//! mean 0.5440 − 0.39978n + 0.025054n² − 0.0006714n³ and
//! log-sd 1.3822 − 0.77857n + 0.062767n² − 0.0020322n³; for n ≥ 12, ln(1 − W) is normal
//! with mean −1.5861 − 0.31082L − 0.083751L² + 0.0038915L³ and
//! log-sd −0.4803 − 0.082676L + 0.0030302L², L = ln n. p is the upper normal tail.
//!
//! References: Shapiro & Wilk (1965) Biometrika 52:591–611; Royston (1992) Statistics and
//! Computing 2:117–119; Royston (1995) Applied Statistics 44:547–551 (AS R94).

use serde::Serialize;

use crate::error::DescribeError;
use crate::summary::sorted;
use crate::tails::{normal_quantile, normal_upper};

/// Result of the Shapiro–Wilk test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct ShapiroWilk {
    pub n: usize,
    /// The W statistic.
    pub w: f64,
    /// Royston's p-value.
    pub p: f64,
}

/// Horner evaluation of c₀ + c₁x + … with ascending coefficients.
fn poly(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

/// Shapiro–Wilk W and p for 3 ≤ n ≤ 5000 finite values (Royston 1995, AS R94, as R's
/// `shapiro.test`). Errors: fewer than 3 or more than 5000 values, a non-finite value, or
/// all values identical (W undefined).
pub fn shapiro_wilk(x: &[f64]) -> Result<ShapiroWilk, DescribeError> {
    const WHAT: &str = "Shapiro–Wilk";
    let n = x.len();
    if n < 3 {
        return Err(DescribeError::TooFewObservations {
            what: WHAT,
            n,
            min: 3,
        });
    }
    if n > 5000 {
        return Err(DescribeError::TooManyObservations {
            what: WHAT,
            n,
            max: 5000,
        });
    }
    if let Some(&bad) = x.iter().find(|v| !v.is_finite()) {
        return Err(DescribeError::NonFinite {
            what: WHAT,
            value: bad,
        });
    }
    let xs = sorted(x);
    let range = xs[n - 1] - xs[0];
    if range < 1e-19 {
        return Err(DescribeError::Constant {
            what: WHAT,
            value: xs[0],
        });
    }
    let nf = n as f64;
    let half = n / 2;
    // a[i] for i = 0..half: coefficient of the (i+1)-th largest value (positive).
    let mut a = vec![0.0; half];
    if n == 3 {
        a[0] = std::f64::consts::FRAC_1_SQRT_2;
    } else {
        let m: Vec<f64> = (1..=half)
            .map(|i| -normal_quantile((i as f64 - 0.375) / (nf + 0.25)))
            .collect();
        let summ2 = 2.0 * m.iter().map(|v| v * v).sum::<f64>();
        let ssumm2 = summ2.sqrt();
        let u = 1.0 / nf.sqrt();
        const C1: [f64; 6] = [0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
        const C2: [f64; 6] = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
        let a1 = poly(&C1, u) + m[0] / ssumm2;
        let (first, fac) = if n > 5 {
            let a2 = poly(&C2, u) + m[1] / ssumm2;
            a[1] = a2;
            let fac = ((summ2 - 2.0 * m[0] * m[0] - 2.0 * m[1] * m[1])
                / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2))
                .sqrt();
            (2, fac)
        } else {
            let fac = ((summ2 - 2.0 * m[0] * m[0]) / (1.0 - 2.0 * a1 * a1)).sqrt();
            (1, fac)
        };
        a[0] = a1;
        for i in first..half {
            a[i] = m[i] / fac;
        }
    }
    // Coefficient of the j-th order statistic (0-based): −a[j] in the lower half,
    // +a[n−1−j] in the upper half, 0 for the median of an odd sample.
    let coef = |j: usize| -> f64 {
        if j < half {
            -a[j]
        } else if n - 1 - j < half {
            a[n - 1 - j]
        } else {
            0.0
        }
    };
    let sa = (0..n).map(coef).sum::<f64>() / nf;
    let sx = xs.iter().map(|v| v / range).sum::<f64>() / nf;
    let (mut ssa, mut ssx, mut sax) = (0.0, 0.0, 0.0);
    for (j, &xj) in xs.iter().enumerate() {
        let asa = coef(j) - sa;
        let xsx = xj / range - sx;
        ssa += asa * asa;
        ssx += xsx * xsx;
        sax += asa * xsx;
    }
    let ssassx = (ssa * ssx).sqrt();
    let one_minus_w = (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
    let w = 1.0 - one_minus_w;
    let p = shapiro_p(w, n);
    Ok(ShapiroWilk { n, w, p })
}

/// Royston's normalising transformation of W into an upper-tail p-value.
fn shapiro_p(w: f64, n: usize) -> f64 {
    let nf = n as f64;
    if n == 3 {
        const PI6: f64 = 6.0 / std::f64::consts::PI;
        const STQR: f64 = std::f64::consts::FRAC_PI_3;
        return (PI6 * (w.sqrt().asin() - STQR)).max(0.0);
    }
    let y = (-w).ln_1p();
    if n <= 11 {
        let gamma = poly(&[-2.273, 0.459], nf);
        if y >= gamma {
            // ln(1 − W) beyond the transformation's pole: p is below any representable tail
            return 1e-99;
        }
        let y = -(gamma - y).ln();
        let m = poly(&[0.544, -0.39978, 0.025054, -6.714e-4], nf);
        let s = poly(&[1.3822, -0.77857, 0.062767, -0.0020322], nf).exp();
        normal_upper((y - m) / s)
    } else {
        let l = nf.ln();
        let m = poly(&[-1.5861, -0.31082, -0.083751, 0.0038915], l);
        let s = poly(&[-0.4803, -0.082676, 0.0030302], l).exp();
        normal_upper((y - m) / s)
    }
}
