//! The inner loops of coordinate descent: sums of products and residual updates.
//!
//! Every sum Σᵢ aᵢbᵢ (or Σᵢ (aᵢbᵢ)cᵢ, multiplied left to right) is taken in eight interleaved
//! lanes: element i is added to lane i mod 8 in order, the lanes are combined pairwise as
//! ((l₀ + l₁) + (l₂ + l₃)) + ((l₄ + l₅) + (l₆ + l₇)), and the remainder after the last whole group
//! of eight is added to that, left to right. The additions pipeline and vectorize, and the order
//! is fixed, so a sum differs from the left-to-right one only by rounding (about 10⁻¹⁶ relative)
//! and is the same on every run and at any thread count.
//!
//! On x86-64 processors with AVX2 (detected at run time) the loops run on 256-bit registers, lanes
//! 0–3 in one and 4–7 in another. They perform the same multiplications, subtractions and
//! additions in the same order, with no fused multiply-add, so both versions return identical
//! bits (tested below): results do not depend on the processor either.
//!
//! [`update_then_dot3`] fuses the two halves of consecutive coordinate updates, the residual
//! update rᵢ ← rᵢ − d·xₖᵢ of one coordinate and the gradient Σᵢ (xⱼᵢvᵢ)rᵢ of the next, into one
//! pass over the rows, so the residual is read and written once instead of twice. Each rᵢ is
//! updated before it enters the sum, exactly as when the loops run one after the other.

/// Σᵢ aᵢbᵢ over the common length, in the fixed lane order.
pub(crate) fn dot2(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2 (checked just above).
        return unsafe { avx2::dot2(a, b) };
    }
    portable::dot2(a, b)
}

/// Σᵢ (aᵢbᵢ)cᵢ over the common length, in the fixed lane order.
pub(crate) fn dot3(a: &[f64], b: &[f64], c: &[f64]) -> f64 {
    let n = a.len().min(b.len()).min(c.len());
    let (a, b, c) = (&a[..n], &b[..n], &c[..n]);
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2 (checked just above).
        return unsafe { avx2::dot3(a, b, c) };
    }
    portable::dot3(a, b, c)
}

/// rᵢ ← rᵢ − d·xᵢ over the common length (a product, then a subtraction: no fused
/// multiply-add, so the bits are the same on every processor).
pub(crate) fn subtract_scaled(r: &mut [f64], d: f64, x: &[f64]) {
    let n = r.len().min(x.len());
    let (r, x) = (&mut r[..n], &x[..n]);
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2 (checked just above).
        return unsafe { avx2::subtract_scaled(r, d, x) };
    }
    portable::subtract_scaled(r, d, x)
}

/// rᵢ ← rᵢ − d·xᵢ, then Σᵢ (aᵢbᵢ)rᵢ with the updated r, in the fixed lane order: the same
/// values as [`subtract_scaled`] followed by [`dot3`]`(a, b, r)`, in one pass.
pub(crate) fn update_then_dot3(r: &mut [f64], d: f64, x: &[f64], a: &[f64], b: &[f64]) -> f64 {
    // all four are columns of the same rows (a shorter one would cut the residual update short)
    debug_assert!(x.len() == r.len() && a.len() == r.len() && b.len() == r.len());
    let n = r.len().min(x.len()).min(a.len()).min(b.len());
    let (r, x, a, b) = (&mut r[..n], &x[..n], &a[..n], &b[..n]);
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2 (checked just above).
        return unsafe { avx2::update_then_dot3(r, d, x, a, b) };
    }
    portable::update_then_dot3(r, d, x, a, b)
}

/// The lane sums in plain Rust (any processor). All slices have the same length.
mod portable {
    /// Combines the eight lanes pairwise.
    pub(super) fn combine(l: [f64; 8]) -> f64 {
        ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]))
    }

    pub(super) fn dot2(a: &[f64], b: &[f64]) -> f64 {
        let mut l = [0.0; 8];
        for (a8, b8) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
            for k in 0..8 {
                l[k] += a8[k] * b8[k];
            }
        }
        let whole = a.len() / 8 * 8;
        let mut sum = combine(l);
        for i in whole..a.len() {
            sum += a[i] * b[i];
        }
        sum
    }

    pub(super) fn dot3(a: &[f64], b: &[f64], c: &[f64]) -> f64 {
        let mut l = [0.0; 8];
        for ((a8, b8), c8) in a
            .chunks_exact(8)
            .zip(b.chunks_exact(8))
            .zip(c.chunks_exact(8))
        {
            for k in 0..8 {
                l[k] += a8[k] * b8[k] * c8[k];
            }
        }
        let whole = a.len() / 8 * 8;
        let mut sum = combine(l);
        for i in whole..a.len() {
            sum += a[i] * b[i] * c[i];
        }
        sum
    }

    pub(super) fn subtract_scaled(r: &mut [f64], d: f64, x: &[f64]) {
        for (ri, xi) in r.iter_mut().zip(x) {
            *ri -= d * xi;
        }
    }

    pub(super) fn update_then_dot3(r: &mut [f64], d: f64, x: &[f64], a: &[f64], b: &[f64]) -> f64 {
        let mut l = [0.0; 8];
        let chunks = r
            .chunks_exact_mut(8)
            .zip(x.chunks_exact(8))
            .zip(a.chunks_exact(8).zip(b.chunks_exact(8)));
        for ((r8, x8), (a8, b8)) in chunks {
            for k in 0..8 {
                r8[k] -= d * x8[k];
                l[k] += a8[k] * b8[k] * r8[k];
            }
        }
        let whole = r.len() / 8 * 8;
        let mut sum = combine(l);
        for i in whole..r.len() {
            r[i] -= d * x[i];
            sum += a[i] * b[i] * r[i];
        }
        sum
    }
}

/// The same lane sums on 256-bit registers: lanes 0–3 in `lo`, 4–7 in `hi`. Each function
/// computes the common length n of its slices itself and loads and stores four elements at
/// offsets s (and s + 4) with s + 8 ≤ n only (s + 4 ≤ n in `subtract_scaled`, which has no
/// lanes), so every access is in bounds whatever it is given.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256d, _mm256_add_pd, _mm256_loadu_pd, _mm256_mul_pd, _mm256_set1_pd, _mm256_setzero_pd,
        _mm256_storeu_pd, _mm256_sub_pd,
    };

    use super::portable::combine;

    /// The eight lanes of two registers.
    #[target_feature(enable = "avx2")]
    fn lanes(lo: __m256d, hi: __m256d) -> [f64; 8] {
        let mut l = [0.0; 8];
        // SAFETY: `l` holds eight f64: four at 0 and four at 4.
        unsafe {
            _mm256_storeu_pd(l.as_mut_ptr(), lo);
            _mm256_storeu_pd(l.as_mut_ptr().add(4), hi);
        }
        l
    }

    /// Four elements of `x` from `s` (s + 4 ≤ x.len() is the caller's to ensure).
    #[target_feature(enable = "avx2")]
    unsafe fn load(x: &[f64], s: usize) -> __m256d {
        debug_assert!(s + 4 <= x.len());
        // SAFETY: s + 4 ≤ x.len() (the caller's contract).
        unsafe { _mm256_loadu_pd(x.as_ptr().add(s)) }
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn dot2(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len().min(b.len());
        let whole = n / 8 * 8;
        let (mut lo, mut hi) = (_mm256_setzero_pd(), _mm256_setzero_pd());
        for s in (0..whole).step_by(8) {
            // SAFETY: s + 8 ≤ whole ≤ n, the length of both slices.
            unsafe {
                lo = _mm256_add_pd(lo, _mm256_mul_pd(load(a, s), load(b, s)));
                hi = _mm256_add_pd(hi, _mm256_mul_pd(load(a, s + 4), load(b, s + 4)));
            }
        }
        let mut sum = combine(lanes(lo, hi));
        for i in whole..n {
            sum += a[i] * b[i];
        }
        sum
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn dot3(a: &[f64], b: &[f64], c: &[f64]) -> f64 {
        let n = a.len().min(b.len()).min(c.len());
        let whole = n / 8 * 8;
        let (mut lo, mut hi) = (_mm256_setzero_pd(), _mm256_setzero_pd());
        for s in (0..whole).step_by(8) {
            // SAFETY: s + 8 ≤ whole ≤ n, the length of all three slices.
            unsafe {
                let p = _mm256_mul_pd(_mm256_mul_pd(load(a, s), load(b, s)), load(c, s));
                lo = _mm256_add_pd(lo, p);
                let q = _mm256_mul_pd(
                    _mm256_mul_pd(load(a, s + 4), load(b, s + 4)),
                    load(c, s + 4),
                );
                hi = _mm256_add_pd(hi, q);
            }
        }
        let mut sum = combine(lanes(lo, hi));
        for i in whole..n {
            sum += a[i] * b[i] * c[i];
        }
        sum
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn subtract_scaled(r: &mut [f64], d: f64, x: &[f64]) {
        let n = r.len().min(x.len());
        let whole = n / 4 * 4;
        let dd = _mm256_set1_pd(d);
        for s in (0..whole).step_by(4) {
            // SAFETY: s + 4 ≤ whole ≤ n, the length of both slices; `r` is written only at the
            // offsets just read.
            unsafe {
                let v = _mm256_sub_pd(load(r, s), _mm256_mul_pd(dd, load(x, s)));
                _mm256_storeu_pd(r.as_mut_ptr().add(s), v);
            }
        }
        for i in whole..n {
            r[i] -= d * x[i];
        }
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn update_then_dot3(r: &mut [f64], d: f64, x: &[f64], a: &[f64], b: &[f64]) -> f64 {
        let n = r.len().min(x.len()).min(a.len()).min(b.len());
        let whole = n / 8 * 8;
        let dd = _mm256_set1_pd(d);
        let (mut lo, mut hi) = (_mm256_setzero_pd(), _mm256_setzero_pd());
        for s in (0..whole).step_by(8) {
            // SAFETY: s + 8 ≤ whole ≤ n, the length of all four slices; `r` is written only
            // at the offsets just read.
            unsafe {
                let r0 = _mm256_sub_pd(load(r, s), _mm256_mul_pd(dd, load(x, s)));
                let r1 = _mm256_sub_pd(load(r, s + 4), _mm256_mul_pd(dd, load(x, s + 4)));
                _mm256_storeu_pd(r.as_mut_ptr().add(s), r0);
                _mm256_storeu_pd(r.as_mut_ptr().add(s + 4), r1);
                lo = _mm256_add_pd(lo, _mm256_mul_pd(_mm256_mul_pd(load(a, s), load(b, s)), r0));
                let q = _mm256_mul_pd(_mm256_mul_pd(load(a, s + 4), load(b, s + 4)), r1);
                hi = _mm256_add_pd(hi, q);
            }
        }
        let mut sum = combine(lanes(lo, hi));
        for i in whole..n {
            r[i] -= d * x[i];
            sum += a[i] * b[i] * r[i];
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values of one magnitude (so that a one-ulp difference in any product shows in the sum),
    /// then signed zeros, subnormals and large values (a fixed linear congruential stream).
    fn values(n: usize, seed: u64) -> Vec<f64> {
        const SPECIAL: [f64; 6] = [0.0, -0.0, 5e-324, -2.5e-310, 1e150, -3e149];
        let mut s = seed;
        (0..n)
            .map(|i| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let u = (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
                if i % 17 == 16 {
                    SPECIAL[(s % 6) as usize]
                } else {
                    u
                }
            })
            .collect()
    }

    /// The sum as the code before this module wrote it (`lane_sum`), kept verbatim as the
    /// reference: products folded from 1.0 left to right, eight lanes, then the remainder.
    fn old_lane_sum<const M: usize>(cols: [&[f64]; M]) -> f64 {
        let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
        let product = |i: usize| cols.iter().fold(1.0, |t, c| t * c[i]);
        let mut lanes = [0.0f64; 8];
        let whole = n / 8 * 8;
        for start in (0..whole).step_by(8) {
            let chunks = cols.map(|c| &c[start..start + 8]);
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane += chunks.iter().fold(1.0, |t, c| t * c[k]);
            }
        }
        let [a, b, c, d, e, f, g, h] = lanes;
        let mut sum = ((a + b) + (c + d)) + ((e + f) + (g + h));
        for i in whole..n {
            sum += product(i);
        }
        sum
    }

    /// The residual update as the code before this module wrote it.
    fn old_update(r: &mut [f64], d: f64, x: &[f64]) {
        for (ri, xi) in r.iter_mut().zip(x) {
            *ri -= d * xi;
        }
    }

    const LENGTHS: [usize; 12] = [0, 1, 7, 8, 9, 15, 16, 17, 23, 100, 901, 1000];

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits()
    }

    #[test]
    fn sums_equal_the_previous_lane_sum_bit_for_bit() {
        for n in LENGTHS {
            let (a, b, c) = (values(n, 1), values(n, 2), values(n, 3));
            let want2 = old_lane_sum([&a, &b]);
            let want3 = old_lane_sum([&a, &b, &c]);
            assert!(same(dot2(&a, &b), want2), "dot2, n = {n}");
            assert!(
                same(portable::dot2(&a, &b), want2),
                "portable dot2, n = {n}"
            );
            assert!(same(dot3(&a, &b, &c), want3), "dot3, n = {n}");
            assert!(same(portable::dot3(&a, &b, &c), want3), "portable, n = {n}");
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                let (g2, g3) = unsafe { (avx2::dot2(&a, &b), avx2::dot3(&a, &b, &c)) };
                assert!(same(g2, want2), "avx2 dot2, n = {n}");
                assert!(same(g3, want3), "avx2 dot3, n = {n}");
            }
        }
    }

    #[test]
    fn the_fused_update_equals_the_two_previous_loops_bit_for_bit() {
        for n in LENGTHS {
            let (x, a, b) = (values(n, 4), values(n, 5), values(n, 6));
            let d = 0.372_918_4;
            let mut want_r = values(n, 7);
            old_update(&mut want_r, d, &x);
            let want = old_lane_sum([&a, &b, &want_r]);
            type Fused = fn(&mut [f64], f64, &[f64], &[f64], &[f64]) -> f64;
            let mut versions: Vec<(&str, Fused)> = vec![
                ("dispatched", update_then_dot3),
                ("portable", portable::update_then_dot3),
            ];
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                versions.push(("avx2", |r, d, x, a, b| {
                    // SAFETY: pushed only when the processor has AVX2.
                    unsafe { avx2::update_then_dot3(r, d, x, a, b) }
                }));
            }
            for (name, f) in versions {
                let mut r = values(n, 7);
                let got = f(&mut r, d, &x, &a, &b);
                assert!(same(got, want), "{name}, n = {n}");
                assert!(r.iter().zip(&want_r).all(|(g, w)| same(*g, *w)), "{name} r");
            }
        }
    }

    #[test]
    fn the_update_equals_the_previous_loop_bit_for_bit() {
        for n in LENGTHS {
            let x = values(n, 10);
            for d in [0.372_918_4, -1.5e-3] {
                let mut want = values(n, 11);
                old_update(&mut want, d, &x);
                type Update = fn(&mut [f64], f64, &[f64]);
                let mut versions: Vec<(&str, Update)> = vec![
                    ("dispatched", subtract_scaled),
                    ("portable", portable::subtract_scaled),
                ];
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2") {
                    versions.push(("avx2", |r, d, x| {
                        // SAFETY: pushed only when the processor has AVX2.
                        unsafe { avx2::subtract_scaled(r, d, x) }
                    }));
                }
                for (name, f) in versions {
                    let mut r = values(n, 11);
                    f(&mut r, d, &x);
                    assert!(
                        r.iter().zip(&want).all(|(g, w)| same(*g, *w)),
                        "{name}, n = {n}"
                    );
                }
            }
        }
    }

    #[test]
    fn slices_of_different_lengths_use_the_common_length() {
        let (a, b) = (values(20, 8), values(13, 9));
        assert!(same(dot2(&a, &b), dot2(&a[..13], &b)));
        assert!(same(
            dot3(&a, &b, &a),
            old_lane_sum([&a[..13], &b, &a[..13]])
        ));
    }
}
