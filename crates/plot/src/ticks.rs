//! Axis tick positions and number formatting for labels.
//!
//! Tick positions follow the idea of R's `pretty()`: a step of 1, 2 or 5 times a power of ten
//! chosen so that about `n` intervals cover the range, with ticks at the multiples of the step.

/// Ticks at multiples of a 1–2–5 step inside `[lo, hi]` (about `n` intervals).
pub fn pretty(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || n == 0 {
        return vec![lo];
    }
    let step = nice_step((hi - lo) / n as f64);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| {
            let v = k as f64 * step;
            if v.abs() < step * 1e-9 { 0.0 } else { v }
        })
        .collect()
}

/// The step 1, 2 or 5 × 10^k nearest above `raw`.
pub fn nice_step(raw: f64) -> f64 {
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let m = if r <= 1.0 + 1e-9 {
        1.0
    } else if r <= 2.0 + 1e-9 {
        2.0
    } else if r <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Decimals needed to print multiples of `step` exactly.
pub fn decimals_for(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 0;
    }
    let d = -(step.log10() + 1e-9).floor();
    if d > 0.0 { d as usize } else { 0 }
}

/// Tick labels for `ticks`, all with the decimals the smallest spacing needs.
pub fn labels(ticks: &[f64]) -> Vec<String> {
    let step = ticks
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .fold(f64::INFINITY, f64::min);
    let d = if step.is_finite() {
        decimals_for(step)
    } else {
        0
    };
    ticks.iter().map(|v| fmt_fixed(*v, d)).collect()
}

/// `v` with `d` decimals, with a true minus sign and no "-0".
pub fn fmt_fixed(v: f64, d: usize) -> String {
    let s = format!("{v:.d$}");
    let zero = s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.');
    if zero {
        s.trim_start_matches('-').to_string()
    } else {
        s.replace('-', "\u{2212}")
    }
}

/// A p-value as journals print it: "< 0.001", else two significant digits (two decimals
/// from 0.1 up).
pub fn fmt_p(p: f64) -> String {
    if !p.is_finite() {
        "NA".to_string()
    } else if p < 0.001 {
        "< 0.001".to_string()
    } else if p < 0.01 {
        format!("= {p:.4}")
    } else if p < 0.1 {
        format!("= {p:.3}")
    } else {
        format!("= {p:.2}")
    }
}

/// A p-value for a table column: "<0.001" or three decimals.
pub fn fmt_p_cell(p: f64) -> String {
    if !p.is_finite() {
        "NA".to_string()
    } else if p < 0.001 {
        "<0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// An estimate with its interval, "0.811 (0.713–0.910)", with `d` decimals.
pub fn fmt_ci(est: f64, lo: f64, hi: f64, d: usize) -> String {
    format!(
        "{} ({}\u{2013}{})",
        fmt_fixed(est, d),
        fmt_fixed(lo, d),
        fmt_fixed(hi, d)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_unit_interval() {
        // exact: the ticks are multiples of 0.2
        let t = pretty(0.0, 1.0, 5);
        assert_eq!(labels(&t), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    }

    #[test]
    fn minus_sign_and_no_negative_zero() {
        assert_eq!(fmt_fixed(-0.0001, 2), "0.00");
        assert_eq!(fmt_fixed(-1.5, 1), "\u{2212}1.5");
    }

    #[test]
    fn p_values() {
        assert_eq!(fmt_p(0.00013), "< 0.001");
        assert_eq!(fmt_p(0.0013112), "= 0.0013");
        assert_eq!(fmt_p(0.0471), "= 0.047");
        assert_eq!(fmt_p(0.234), "= 0.23");
        assert_eq!(
            fmt_ci(0.8112, 0.7129, 0.9101, 3),
            "0.811 (0.713\u{2013}0.910)"
        );
    }
}
