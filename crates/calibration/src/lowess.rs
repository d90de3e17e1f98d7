//! Locally weighted regression (Cleveland 1979) as R's `lowess(x, y, f = 2/3, iter = 0)` (equal
//! up to rounding, ~1e-16 relative: see [`local_fit`]), and linear interpolation of the smooth as
//! R's `approx`.
//!
//! # The smoother
//! The points are sorted by x (stably). For each fitted abscissa xᵢ the `ns = max(2, ⌊f·n + 10⁻⁷⌋)`
//! nearest points form a window [nleft, nright], slid rightwards while the point entering on the
//! right is strictly closer to xᵢ than the one leaving on the left. With h the distance from xᵢ to
//! the farther window end, every point within 0.999·h receives the tricube weight
//! (1 − (r/h)³)³ (weight 1 when r ≤ 0.001·h); points beyond the window but tied within 0.999·h are
//! included, so ties on the right are always picked up. The fitted value is the weighted mean of y,
//! corrected by a weighted least-squares slope about the weighted centre of x unless the x spread
//! is below 0.001 of the data range. If all weights vanish the fit is the observed y.
//!
//! To save work (Cleveland's `delta`), after a fit at xᵢ the points within `delta` to the right
//! are skipped and later filled by linear interpolation between fitted points; points tied with
//! the last fitted abscissa copy its value. `delta` is 0.01·(max x − min x), R's default. Only
//! the first pass is computed (`iter = 0`: no robustness reweighting), which is what `rms`
//! (`val.prob`, `calibrate`) uses for binary outcomes.
//!
//! # Interpolation
//! R's `approx(x, y, xout, ties = …)` first collapses tied x into one point (`ties = mean` takes the
//! mean of their y, `ties = first` the first y in sorted order) and then interpolates linearly;
//! outside the data range it returns `NA` (`rule = 1`), which is `None` here.
//! [`Interpolant::at_extrapolated`] continues the end segments linearly, as Hmisc's `approxExtrap`.
//!
//! Reference: Cleveland, W. S. (1979) Robust locally weighted regression and smoothing
//! scatterplots. *JASA* 74, 829–836.

/// A lowess smooth: the x values in ascending order with the smoothed y at each.
#[derive(Debug, Clone, PartialEq)]
pub struct Lowess {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// R's `lowess(x, y, f = span, iter = 0)` with `delta = 0.01·range(x)`.
///
/// `x` and `y` must have equal lengths and finite values (the callers validate their inputs).
pub fn lowess(x: &[f64], y: &[f64], span: f64) -> Lowess {
    let n = x.len().min(y.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let xs: Vec<f64> = order.iter().map(|&i| x[i]).collect();
    let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    let fitted = smooth_sorted(&xs, &ys, span);
    Lowess { x: xs, y: fitted }
}

fn tricube(u: f64) -> f64 {
    let c = 1.0 - u * u * u;
    c * c * c
}

/// Clowess's weight of a point at distance `r`: 1 within 0.001·h, the tricube (1 − (r/h)³)³
/// within 0.999·h, else 0. Branch-free so that the window loop vectorizes.
fn weight(r: f64, inv_h: f64, h_inner: f64, h_outer: f64) -> f64 {
    let t = tricube(r * inv_h);
    let inner = if r <= h_inner { 1.0 } else { t };
    if r <= h_outer { inner } else { 0.0 }
}

/// Σₖ term(k) for k < len, componentwise, with four interleaved partial sums per component (term
/// k goes to lane k mod 4; the lanes are added as (l₀ + l₁) + (l₂ + l₃)): a fixed order, so the
/// same bits on every run, and additions that do not wait on one another.
fn sums<const K: usize>(len: usize, term: impl Fn(usize) -> [f64; K]) -> [f64; K] {
    let mut acc = [[0.0; K]; 4];
    let full = len - len % 4;
    let mut k = 0;
    while k < full {
        for (l, lane) in acc.iter_mut().enumerate() {
            let t = term(k + l);
            for (a, v) in lane.iter_mut().zip(t) {
                *a += v;
            }
        }
        k += 4;
    }
    for (lane, k) in acc.iter_mut().zip(full..len) {
        for (a, v) in lane.iter_mut().zip(term(k)) {
            *a += v;
        }
    }
    std::array::from_fn(|c| (acc[0][c] + acc[1][c]) + (acc[2][c] + acc[3][c]))
}

/// One local linear fit at `xi` over the window starting at `nleft`, reaching at least `nright`.
/// Returns `None` when every weight is zero.
///
/// The window [nleft, nright] is weighted first, then tied points to its right within 0.999·h
/// join (clowess's loop runs on while they are in reach); points of the window beyond 0.999·h
/// weigh 0 and change none of the sums. With W = Σwₖ, the centre c = Σwₖxₖ/W, the spread
/// s = Σwₖ(xₖ − c)²/W and b = (xᵢ − c)/s, clowess's fit Σ(wₖ/W)(1 + b(xₖ − c))yₖ is computed
/// as (Σwₖyₖ + b·Σwₖ(xₖ − c)yₖ)/W without normalizing the weights first (equal up to rounding,
/// ~1e-16 relative, as are the four-lane [`sums`]).
fn local_fit(
    x: &[f64],
    y: &[f64],
    xi: f64,
    nleft: usize,
    nright: usize,
    w: &mut [f64],
) -> Option<f64> {
    let n = x.len();
    let range = x[n - 1] - x[0];
    let h = (xi - x[nleft]).max(x[nright] - xi);
    let h_outer = 0.999 * h;
    let h_inner = 0.001 * h;
    // h = 0 gives inv_h = ∞, but then every r is 0 ≤ h_inner and the tricube is not used
    let inv_h = 1.0 / h;
    for (wj, xj) in w[nleft..=nright].iter_mut().zip(&x[nleft..=nright]) {
        *wj = weight((xj - xi).abs(), inv_h, h_inner, h_outer);
    }
    let mut last = nright;
    while last + 1 < n && (x[last + 1] - xi).abs() <= h_outer {
        last += 1;
        w[last] = weight((x[last] - xi).abs(), inv_h, h_inner, h_outer);
    }
    let (ws, xs, ys) = (&w[nleft..=last], &x[nleft..=last], &y[nleft..=last]);
    let len = ws.len();
    let [total, sx, sy] = sums(len, |k| [ws[k], ws[k] * xs[k], ws[k] * ys[k]]);
    if total <= 0.0 {
        return None;
    }
    let centre = sx / total;
    let wy = sy / total;
    if h > 0.0 {
        let [ss, sdy] = sums(len, |k| {
            let d = xs[k] - centre;
            let wd = ws[k] * d;
            [wd * d, wd * ys[k]]
        });
        let spread = ss / total;
        if spread.sqrt() > 0.001 * range {
            return Some(wy + (xi - centre) / spread * (sdy / total));
        }
    }
    Some(wy)
}

/// First lowess pass on data sorted by x.
fn smooth_sorted(x: &[f64], y: &[f64], span: f64) -> Vec<f64> {
    let n = x.len();
    if n < 2 {
        return y.to_vec();
    }
    let delta = 0.01 * (x[n - 1] - x[0]);
    let ns = ((span * n as f64 + 1e-7) as usize).clamp(2, n);
    let mut fitted = vec![0.0; n];
    let mut w = vec![0.0; n];
    let mut nleft = 0usize;
    let mut nright = ns - 1;
    let mut last: Option<usize> = None;
    let mut i = 0usize;
    loop {
        if nright < n - 1 {
            let d_left = x[i] - x[nleft];
            let d_right = x[nright + 1] - x[i];
            if d_left > d_right {
                nleft += 1;
                nright += 1;
                continue;
            }
        }
        fitted[i] = local_fit(x, y, x[i], nleft, nright, &mut w).unwrap_or(y[i]);
        if let Some(l) = last
            && l + 1 < i
        {
            let denom = x[i] - x[l];
            for j in (l + 1)..i {
                let alpha = (x[j] - x[l]) / denom;
                fitted[j] = alpha * fitted[i] + (1.0 - alpha) * fitted[l];
            }
        }
        let mut l = i;
        let cut = x[l] + delta;
        let mut k = l + 1;
        while k < n {
            if x[k] > cut {
                break;
            }
            if x[k] == x[l] {
                fitted[k] = fitted[l];
                l = k;
            }
            k += 1;
        }
        last = Some(l);
        if l >= n - 1 {
            break;
        }
        i = (l + 1).max(k - 1);
    }
    fitted
}

/// How tied x values are collapsed before interpolation (R's `approx(ties = …)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ties {
    /// Mean of the tied y values.
    Mean,
    /// The first tied y value in ascending-x order.
    First,
}

/// A piecewise-linear interpolant through points with distinct, ascending x.
#[derive(Debug, Clone, PartialEq)]
pub struct Interpolant {
    x: Vec<f64>,
    y: Vec<f64>,
}

impl Interpolant {
    /// Collapses ties of x (sorted ascending) as `ties` says.
    pub fn new(x_sorted: &[f64], y: &[f64], ties: Ties) -> Self {
        let mut xs: Vec<f64> = Vec::with_capacity(x_sorted.len());
        let mut out: Vec<f64> = Vec::with_capacity(x_sorted.len());
        let mut i = 0;
        while i < x_sorted.len() {
            let mut j = i + 1;
            while j < x_sorted.len() && x_sorted[j] == x_sorted[i] {
                j += 1;
            }
            let value = match ties {
                Ties::First => y[i],
                Ties::Mean => y[i..j].iter().sum::<f64>() / (j - i) as f64,
            };
            xs.push(x_sorted[i]);
            out.push(value);
            i = j;
        }
        Interpolant { x: xs, y: out }
    }

    /// The smooth's interpolant (`approx(smooth, ties = …)`).
    pub fn from_lowess(smooth: &Lowess, ties: Ties) -> Self {
        Self::new(&smooth.x, &smooth.y, ties)
    }

    /// The collapsed points: distinct x ascending and their y.
    pub fn points(&self) -> (&[f64], &[f64]) {
        (&self.x, &self.y)
    }

    /// Linear interpolation at `t`; `None` outside the data range (R's `rule = 1`).
    pub fn at(&self, t: f64) -> Option<f64> {
        let n = self.x.len();
        if n == 0 || !(t >= self.x[0] && t <= self.x[n - 1]) {
            return None;
        }
        // first index with x > t
        let j = self.x.partition_point(|&v| v <= t);
        if j == 0 {
            return Some(self.y[0]);
        }
        let i = j - 1;
        if self.x[i] == t || j == n {
            return Some(self.y[i]);
        }
        Some(self.y[i] + (self.y[j] - self.y[i]) * (t - self.x[i]) / (self.x[j] - self.x[i]))
    }

    /// Interpolation inside the range, linear extrapolation of the end segments outside
    /// (Hmisc `approxExtrap`); a single point extrapolates as a constant.
    pub fn at_extrapolated(&self, t: f64) -> Option<f64> {
        let n = self.x.len();
        if n == 0 {
            return None;
        }
        if let Some(v) = self.at(t) {
            return Some(v);
        }
        if n == 1 {
            return Some(self.y[0]);
        }
        let (a, b) = if t < self.x[0] {
            (0, 1)
        } else {
            (n - 2, n - 1)
        };
        Some(self.y[a] + (self.y[b] - self.y[a]) * (t - self.x[a]) / (self.x[b] - self.x[a]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_r_lowess_on_a_small_example() {
        // R 4.2: lowess(c(1,2,3,4,5,6,7,8,9,10), c(2,4,3,6,5,8,9,7,10,12), iter = 0)$y
        let x: Vec<f64> = (1..=10).map(f64::from).collect();
        let y = [2.0, 4.0, 3.0, 6.0, 5.0, 8.0, 9.0, 7.0, 10.0, 12.0];
        let s = lowess(&x, &y, 2.0 / 3.0);
        let r = [
            2.26820242996,
            3.18241160633,
            4.12559625399,
            4.97445771885,
            6.22565022683,
            7.18706694091,
            7.93068137062,
            8.88225168847,
            10.06119634711,
            11.38438613931,
        ];
        for (a, e) in s.y.iter().zip(r) {
            assert!(
                (a - e).abs() <= 1e-10,
                "{a} vs {e} (abs. tolerance 1e-10: R printed 12 digits)"
            );
        }
    }

    #[test]
    fn interpolation_ties_and_range() {
        let f = Interpolant::new(&[0.0, 1.0, 1.0, 2.0], &[0.0, 1.0, 3.0, 4.0], Ties::Mean);
        assert_eq!(f.at(1.0), Some(2.0));
        assert_eq!(f.at(0.5), Some(1.0));
        assert_eq!(f.at(2.5), None);
        assert_eq!(f.at_extrapolated(3.0), Some(6.0));
        let g = Interpolant::new(&[0.0, 1.0, 1.0, 2.0], &[0.0, 1.0, 3.0, 4.0], Ties::First);
        assert_eq!(g.at(1.0), Some(1.0));
    }
}
