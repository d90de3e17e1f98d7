//! Rank discrimination of predictions for a binary outcome: the concordance index C
//! (Harrell 1982; the area under the ROC curve, Hanley & McNeil 1982), Somers' Dxy = 2C − 1,
//! and Gini's mean difference (rms's `g`/`gp`).
//!
//! C is the proportion of (event, non-event) pairs in which the event has the higher prediction,
//! ties counting ½; it equals the Mann–Whitney statistic computed from mid-ranks:
//! C = (R₁ − n₁(n₁ + 1)/2) / (n₁n₀), R₁ the rank sum of the events.
//!
//! `rms::val.prob` (through `lrm.fit`, rms 6.5) does not use the exact ranks: it first puts each
//! probability into the cell ⌊5000·p⌋ (width 0.0002), so an event and a non-event in one cell
//! count as a tie. [`binned_c`] reproduces that convention; [`exact_c`] is the exact statistic
//! (as `Hmisc::somers2`, which `rms::validate` uses).

/// Exact concordance index from mid-ranks; `None` without both outcomes.
pub fn exact_c(score: &[f64], y: &[f64]) -> Option<f64> {
    let n = score.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| score[a].total_cmp(&score[b]));
    let mut rank_sum_events = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && score[order[j]] == score[order[i]] {
            j += 1;
        }
        // positions i..j (0-based) share the mid-rank (i + 1 + j) / 2
        let mid = (i + 1 + j) as f64 / 2.0;
        let events: f64 = order[i..j].iter().map(|&k| y[k]).sum();
        rank_sum_events += mid * events;
        i = j;
    }
    let n1: f64 = y.iter().sum();
    let n0 = n as f64 - n1;
    if n1 <= 0.0 || n0 <= 0.0 {
        return None;
    }
    Some((rank_sum_events - n1 * (n1 + 1.0) / 2.0) / (n1 * n0))
}

/// rms 6.5 `lrm.fit`'s concordance: the exact C of the cell indices ⌊5000·p⌋.
pub fn binned_c(prob: &[f64], y: &[f64]) -> Option<f64> {
    let cells: Vec<f64> = prob.iter().map(|&p| (5000.0 * p).floor()).collect();
    exact_c(&cells, y)
}

/// Gini's mean difference Σᵢ≠ⱼ |xᵢ − xⱼ| / (n(n − 1)) = 2 Σₖ (2k − n − 1) x₍ₖ₎ / (n(n − 1))
/// over the sorted values (David 1968); 0 for fewer than two values.
pub fn gini_mean_difference(x: &[f64]) -> f64 {
    let n = x.len();
    if n < 2 {
        return 0.0;
    }
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let nf = n as f64;
    let total: f64 = s
        .iter()
        .enumerate()
        .map(|(k, v)| (2.0 * (k + 1) as f64 - nf - 1.0) * v)
        .sum();
    2.0 * total / (nf * (nf - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concordance_counts_ties_half() {
        // pairs (event score, non-event score): (3,1) (3,2) (2,1) (2,2): 1 + 1 + 1 + ½ = 3.5 of 4
        let score = [1.0, 2.0, 2.0, 3.0];
        let y = [0.0, 0.0, 1.0, 1.0];
        assert_eq!(exact_c(&score, &y), Some(0.875));
        assert_eq!(exact_c(&score, &[0.0; 4]), None);
    }

    #[test]
    fn gini_by_definition() {
        // |1−2| + |1−4| + |2−4| = 6 over 3 pairs → 2
        assert!((gini_mean_difference(&[4.0, 1.0, 2.0]) - 2.0).abs() < 1e-15);
    }
}
