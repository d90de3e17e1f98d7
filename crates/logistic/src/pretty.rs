//! "Pretty" axis breakpoints as R's `pretty(x, n)` chooses them (R's `R_pretty`, after
//! Becker, Chambers & Wilks 1988): a cell width of about (hi − lo)/n is rounded to 1, 2, 5 or
//! 10 times a power of ten (with R's bias factors h = 1.5 for 1→2 and 10, h5 = 0.5 + 1.5h for
//! 2→5), and the axis runs over the multiples of that unit that cover [lo, hi]. rms's
//! nomogram puts its tick marks at `pretty(range(x), 10)`.

/// Ticks covering [lo, hi] with about `n` intervals (R's defaults `min.n = n %/% 3`,
/// `shrink.sml = 0.75`, `high.u.bias = 1.5`). Empty if lo or hi is not finite.
pub fn pretty(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let ndiv = n.max(1) as f64;
    let min_n = (n / 3) as f64;
    let h = 1.5;
    let h5 = 0.5 + 1.5 * h;
    let rounding_eps = 1e-10;
    let dx = hi - lo;
    let mut cell;
    let i_small;
    if dx == 0.0 && hi == 0.0 {
        cell = 1.0;
        i_small = true;
    } else {
        cell = lo.abs().max(hi.abs());
        let u = 1.0
            + if h5 >= 1.5 * h + 0.5 {
                1.0 / (1.0 + h)
            } else {
                1.5 / (1.0 + h5)
            };
        let u = u * ndiv * f64::EPSILON;
        i_small = dx < cell * u * 3.0;
    }
    if i_small {
        if cell > 10.0 {
            cell = 9.0 + cell / 10.0;
        }
        cell *= 0.75;
        if min_n > 1.0 {
            cell /= min_n;
        }
    } else {
        cell = dx;
        if ndiv > 1.0 {
            cell /= ndiv;
        }
    }
    let cell = cell.max(20.0 * f64::MIN_POSITIVE);
    let base = 10f64.powf(cell.log10().floor());
    let mut unit = base;
    if 2.0 * base - cell < h * (cell - unit) {
        unit = 2.0 * base;
        if 5.0 * base - cell < h5 * (cell - unit) {
            unit = 5.0 * base;
            if 10.0 * base - cell < h * (cell - unit) {
                unit = 10.0 * base;
            }
        }
    }
    let mut ns = (lo / unit + rounding_eps).floor();
    let mut nu = (hi / unit - rounding_eps).ceil();
    while ns * unit > lo + rounding_eps * unit {
        ns -= 1.0;
    }
    while nu * unit < hi - rounding_eps * unit {
        nu += 1.0;
    }
    let k = (0.5 + nu - ns).floor();
    if k < min_n {
        let k = min_n - k;
        if ns >= 0.0 {
            nu += (k / 2.0).floor();
            ns -= (k / 2.0).floor() + k % 2.0;
        } else {
            ns -= (k / 2.0).floor();
            nu += (k / 2.0).floor() + k % 2.0;
        }
    }
    let count = (nu - ns).round() as i64;
    (0..=count).map(|i| (ns + i as f64) * unit).collect()
}

#[cfg(test)]
mod tests {
    use super::pretty;

    /// Against R 4.2's `pretty(x, 10)` (printed values; exact up to floating rounding, 1e-12).
    #[test]
    fn matches_r() {
        let cases: [(f64, f64, &[f64]); 3] = [
            (
                0.8011782,
                4.2084673,
                &[0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5],
            ),
            (
                3.01,
                419.19,
                &[
                    0.0, 50.0, 100.0, 150.0, 200.0, 250.0, 300.0, 350.0, 400.0, 450.0,
                ],
            ),
            (
                0.668,
                1.512,
                &[0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6],
            ),
        ];
        for (lo, hi, want) in cases {
            let got = pretty(lo, hi, 10);
            assert_eq!(got.len(), want.len(), "{lo}..{hi}: {got:?}");
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() <= 1e-12, "{lo}..{hi}: {got:?}");
            }
        }
    }
}
