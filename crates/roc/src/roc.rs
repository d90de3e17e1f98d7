//! The empirical ROC curve, the AUC and the DeLong placements, from one sort.
//!
//! Let the m cases score X₁…X_m and the n controls Y₁…Y_n, oriented so that cases tend to score
//! higher (scores are negated for direction `>`). With ψ(x, y) = 1 if x > y, ½ if x = y and 0
//! otherwise, the Mann–Whitney AUC is θ = (mn)⁻¹ Σᵢ Σⱼ ψ(Xᵢ, Yⱼ), the area under the empirical
//! curve with ties counted ½ (Hanley & McNeil 1982). DeLong, DeLong & Clarke-Pearson (1988)
//! split it into structural components (placements)
//!
//!   V10(Xᵢ) = n⁻¹ Σⱼ ψ(Xᵢ, Yⱼ)  (one per case),   V01(Yⱼ) = m⁻¹ Σᵢ ψ(Xᵢ, Yⱼ)  (one per control),
//!
//! whose means both equal θ. Computing them pairwise costs O(mn). Sun & Xu (2014) observed that
//! with mid-ranks R_Z over the pooled sample and R_X, R_Y within each class,
//! V10(Xᵢ) = (R_Z(Xᵢ) − R_X(Xᵢ))/n and V01(Yⱼ) = 1 − (R_Z(Yⱼ) − R_Y(Yⱼ))/m, so one sort suffices.
//! We use the same identity in its counting form: sort the pooled scores once and walk the
//! groups of equal values in ascending order, keeping the numbers of cases and controls seen
//! below the group (c_<, d_<). A group with c cases and d controls gives each of its cases
//! V10 = (d_< + d/2)/n and each of its controls V01 = (m − c_< − c/2)/m: the pooled mid-rank
//! minus the within-class mid-rank is exactly the count of the other class below plus half the
//! ties. θ = Σ_groups c·(2d_< + d) / (2mn) is accumulated in integers, so it is exact up to the
//! final division. The whole construction costs one stable sort of the scores' order keys
//! (`nomo-sort`'s `sort_pairs`: a radix sort, or hashing and a counting sort when the scores take
//! few distinct values, as measured scores rounded to a few decimals do) and O(N) passes.
//!
//! The same walk yields the curve with pROC's conventions: thresholds −∞, the midpoints
//! (u_k + u_{k+1})/2 between consecutive distinct pooled scores, and +∞; at each threshold the
//! sensitivity TP/m and specificity TN/n. For direction `<` the thresholds ascend, for `>` they
//! descend (pROC lists them so that every curve starts at sensitivity 1, specificity 0).

use serde::{Serialize, Serializer};

use crate::direction::{Direction, DirectionRule, auto_direction};
use crate::error::RocError;
use nomo_sort::{from_order_key, order_key, sort_pairs};

/// Serializes a threshold, writing ±∞ as `null` (as the R references do).
pub(crate) fn finite_or_null<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() {
        s.serialize_f64(*value)
    } else {
        s.serialize_none()
    }
}

/// Tag bit marking a case in the sort's (key, tag) pairs; the other 31 bits hold the position
/// within the class.
const CASE: u32 = 1 << 31;

/// Largest sample the 31-bit within-class positions address.
const MAX_OBSERVATIONS: usize = CASE as usize;

/// The points of the empirical ROC curve, in pROC's order (sensitivity 1 → 0).
#[derive(Debug, Clone, Serialize)]
pub struct RocPoint {
    /// Threshold (pROC: −∞, midpoints between consecutive distinct scores, +∞); ±∞ serialize as `null`.
    #[serde(serialize_with = "finite_or_null")]
    pub threshold: f64,
    /// Sensitivity TP/m at the threshold.
    pub sensitivity: f64,
    /// Specificity TN/n at the threshold.
    pub specificity: f64,
}

/// A fitted ROC analysis of one score against a binary outcome.
#[derive(Debug, Clone)]
pub struct Roc {
    pub(crate) direction: Direction,
    /// The outcome as given (true = case), kept to check pairing and to resample.
    pub(crate) outcome: Vec<bool>,
    /// Oriented case scores (negated for `>`), in input order.
    pub(crate) cases: Vec<f64>,
    /// Oriented control scores, in input order.
    pub(crate) controls: Vec<f64>,
    /// V10 of each case, in input order.
    pub(crate) v10: Vec<f64>,
    /// V01 of each control, in input order.
    pub(crate) v01: Vec<f64>,
    pub(crate) auc: f64,
    pub(crate) curve: Vec<RocPoint>,
}

impl Roc {
    /// Builds the ROC analysis of `scores` (larger = more like a case for `<`) against
    /// `outcome` (true = case).
    ///
    /// Errors: lengths differ, a score is NaN or ±∞, no cases, no controls. A score with a single
    /// distinct value is valid: its curve has the two thresholds −∞ and +∞ and AUC ½.
    pub fn new(scores: &[f64], outcome: &[bool], rule: DirectionRule) -> Result<Roc, RocError> {
        if scores.len() != outcome.len() {
            return Err(RocError::LengthMismatch {
                scores: scores.len(),
                outcome: outcome.len(),
            });
        }
        if scores.len() > MAX_OBSERVATIONS {
            return Err(RocError::TooManyObservations { n: scores.len() });
        }
        if let Some((index, &value)) = scores.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(RocError::NonFiniteScore { index, value });
        }
        let m = outcome.iter().filter(|&&o| o).count();
        let n = outcome.len() - m;
        if m == 0 {
            return Err(RocError::NoCases { n_controls: n });
        }
        if n == 0 {
            return Err(RocError::NoControls { n_cases: m });
        }
        // The class vectors, and each observation's tag for the sort: its position within its
        // class, with the top bit set for a case. The walk below then reads only the sorted keys
        // and tags, never the input in random order.
        let mut cases = Vec::with_capacity(m);
        let mut controls = Vec::with_capacity(n);
        let mut tags = Vec::with_capacity(scores.len());
        for (&s, &o) in scores.iter().zip(outcome) {
            if o {
                tags.push(CASE | cases.len() as u32);
                cases.push(s);
            } else {
                tags.push(controls.len() as u32);
                controls.push(s);
            }
        }
        let direction = match rule {
            DirectionRule::Fixed(d) => d,
            DirectionRule::Auto => auto_direction(&cases, &controls),
        };
        if direction == Direction::Greater {
            cases.iter_mut().for_each(|v| *v = -*v);
            controls.iter_mut().for_each(|v| *v = -*v);
        }
        // One sort of the pooled oriented scores, carrying the tags.
        let mut keys: Vec<u64> = scores
            .iter()
            .map(|&s| order_key(direction.orient(s)))
            .collect();
        sort_pairs(&mut keys, &mut tags);

        let (mf, nf) = (m as f64, n as f64);
        let mut v10 = vec![0.0; m];
        let mut v01 = vec![0.0; n];
        // at most one point per observation and one more: reserved once (untouched capacity
        // costs no memory), trimmed after the walk
        let mut curve = Vec::with_capacity(keys.len() + 1);
        curve.push(RocPoint {
            threshold: direction.orient(f64::NEG_INFINITY),
            sensitivity: 1.0,
            specificity: 0.0,
        });
        let (mut cases_below, mut controls_below) = (0usize, 0usize);
        let mut twice_mw: u128 = 0;
        let mut start = 0;
        while start < keys.len() {
            let key = keys[start];
            let value = from_order_key(key);
            let mut end = start;
            let mut c = 0usize;
            while end < keys.len() && keys[end] == key {
                c += usize::from(tags[end] & CASE != 0);
                end += 1;
            }
            let d = end - start - c;
            let case_place = (controls_below as f64 + d as f64 / 2.0) / nf;
            let control_place = (mf - cases_below as f64 - c as f64 / 2.0) / mf;
            // each member's placement, in sorted order, over its key (read for the last time);
            // one pass after the walk moves them to patient order: the scattered writes run in a
            // loop of their own, where they overlap (~30 % faster on 10⁶ distinct scores)
            for (slot, &tag) in keys[start..end].iter_mut().zip(&tags[start..end]) {
                let place = if tag & CASE != 0 {
                    case_place
                } else {
                    control_place
                };
                *slot = place.to_bits();
            }
            twice_mw += c as u128 * (2 * controls_below + d) as u128;
            cases_below += c;
            controls_below += d;
            let threshold = if end < keys.len() {
                direction.orient((value + from_order_key(keys[end])) / 2.0)
            } else {
                direction.orient(f64::INFINITY)
            };
            curve.push(RocPoint {
                threshold,
                sensitivity: (m - cases_below) as f64 / mf,
                specificity: controls_below as f64 / nf,
            });
            start = end;
        }
        for (&place, &tag) in keys.iter().zip(&tags) {
            let position = (tag & !CASE) as usize;
            if tag & CASE != 0 {
                v10[position] = f64::from_bits(place);
            } else {
                v01[position] = f64::from_bits(place);
            }
        }
        curve.shrink_to_fit();
        let auc = twice_mw as f64 / (2.0 * mf * nf);
        Ok(Roc {
            direction,
            outcome: outcome.to_vec(),
            cases,
            controls,
            v10,
            v01,
            auc,
            curve,
        })
    }

    /// The area under the empirical ROC curve: the Mann–Whitney statistic
    /// θ = (mn)⁻¹ Σᵢ Σⱼ ψ(Xᵢ, Yⱼ), ties counted ½ (Hanley & McNeil 1982; pROC's `auc`).
    pub fn auc(&self) -> f64 {
        self.auc
    }

    /// The direction used (given, or chosen by pROC's median rule on the full data).
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Number of cases m.
    pub fn n_cases(&self) -> usize {
        self.cases.len()
    }

    /// Number of controls n.
    pub fn n_controls(&self) -> usize {
        self.controls.len()
    }

    /// The curve's points in pROC's order: thresholds −∞ … +∞ for `<`, +∞ … −∞ for `>`.
    pub fn curve(&self) -> &[RocPoint] {
        &self.curve
    }

    /// DeLong's structural components V10 (one per case, input order).
    pub fn v10(&self) -> &[f64] {
        &self.v10
    }

    /// DeLong's structural components V01 (one per control, input order).
    pub fn v01(&self) -> &[f64] {
        &self.v01
    }

    /// The outcome the curve was built on (true = case).
    pub fn outcome(&self) -> &[bool] {
        &self.outcome
    }

    /// The case and control scores on their original scale, in input order.
    pub fn class_scores(&self) -> (Vec<f64>, Vec<f64>) {
        let back = |v: &[f64]| v.iter().map(|&x| self.direction.orient(x)).collect();
        (back(&self.cases), back(&self.controls))
    }
}

/// Mann–Whitney AUC of oriented case and control scores, both sorted ascending:
/// (mn)⁻¹ Σᵢ (#{Yⱼ < Xᵢ} + ½ #{Yⱼ = Xᵢ}), by one merge.
pub(crate) fn mann_whitney_sorted(cases: &[f64], controls: &[f64]) -> f64 {
    let (mut below, mut upto) = (0usize, 0usize);
    let mut twice: u128 = 0;
    for &x in cases {
        while below < controls.len() && controls[below] < x {
            below += 1;
        }
        if upto < below {
            upto = below;
        }
        while upto < controls.len() && controls[upto] <= x {
            upto += 1;
        }
        twice += (below + upto) as u128;
    }
    twice as f64 / (2.0 * cases.len() as f64 * controls.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bootstrap's merge-based Mann–Whitney equals the AUC of the one-sort walk (exactly:
    /// both are integer counts over 2mn).
    #[test]
    fn merge_auc_equals_walk_auc_with_ties() {
        let scores = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 0.5, 2.0, 3.0];
        let outcome = [
            true, false, true, true, false, false, true, false, true, false,
        ];
        for rule in [
            DirectionRule::Fixed(Direction::Less),
            DirectionRule::Fixed(Direction::Greater),
        ] {
            let roc = Roc::new(&scores, &outcome, rule).unwrap();
            let mut c = roc.cases.clone();
            let mut d = roc.controls.clone();
            c.sort_by(f64::total_cmp);
            d.sort_by(f64::total_cmp);
            assert_eq!(mann_whitney_sorted(&c, &d), roc.auc());
            let mean_v10 = roc.v10.iter().sum::<f64>() / roc.v10.len() as f64;
            let mean_v01 = roc.v01.iter().sum::<f64>() / roc.v01.len() as f64;
            assert!((mean_v10 - roc.auc()).abs() < 1e-15);
            assert!((mean_v01 - roc.auc()).abs() < 1e-15);
        }
    }
}
