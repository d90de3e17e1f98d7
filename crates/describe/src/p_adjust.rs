//! Multiple-testing adjustment of p-values, as R's `p.adjust`.
//!
//! With m non-missing p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎:
//! * Bonferroni (1936): min(1, m·p);
//! * Holm (1979): p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1)p₍ⱼ₎) (step-down);
//! * Benjamini & Hochberg (1995): p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ (m/j)p₍ⱼ₎) (step-up, FDR).
//!
//! Missing p-values stay missing and do not count in m (R's behaviour).

use serde::Serialize;

/// The adjustment method.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PAdjust {
    /// Benjamini–Hochberg false discovery rate.
    Bh,
    Holm,
    Bonferroni,
}

/// Adjusts `p` (missing entries stay `None`), as `p.adjust(p, method)`.
pub fn p_adjust(p: &[Option<f64>], method: PAdjust) -> Vec<Option<f64>> {
    let present: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|x| !x.is_nan()).map(|x| (i, x)))
        .collect();
    let m = present.len() as f64;
    let mut out = vec![None; p.len()];
    let mut order = present.clone();
    order.sort_by(|a, b| a.1.total_cmp(&b.1));
    match method {
        PAdjust::Bonferroni => {
            for (i, v) in present {
                out[i] = Some((m * v).min(1.0));
            }
        }
        PAdjust::Holm => {
            let mut running: f64 = 0.0;
            for (rank, (i, v)) in order.iter().enumerate() {
                running = running.max((m - rank as f64) * v);
                out[*i] = Some(running.min(1.0));
            }
        }
        PAdjust::Bh => {
            let mut running = f64::INFINITY;
            for (rank, (i, v)) in order.iter().enumerate().rev() {
                running = running.min(m / (rank as f64 + 1.0) * v);
                out[*i] = Some(running.min(1.0));
            }
        }
    }
    out
}
