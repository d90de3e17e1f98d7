//! Classification at one threshold: the 2 × 2 table and the proportions pROC's `coords` reports.
//!
//! With direction `<` an observation is positive when score ≥ t, with `>` when score ≤ t
//! (pROC). From TP, FP, TN, FN (m = TP + FN cases, n = TN + FP controls):
//! sensitivity TP/m, specificity TN/n, PPV TP/(TP + FP), NPV TN/(TN + FN),
//! accuracy (TP + TN)/(m + n), Youden index J = sensitivity + specificity − 1 (Youden 1950).
//! PPV and NPV are undefined (`None`) when nobody is called positive, respectively negative.
//! Each proportion carries a Clopper–Pearson interval.

use serde::Serialize;

use crate::clopper_pearson::{Interval, clopper_pearson};
use crate::error::RocError;
use crate::roc::{Roc, finite_or_null};

/// Counts of the 2 × 2 table at a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Table2x2 {
    pub tp: u64,
    pub fp: u64,
    pub tn: u64,
    pub fn_: u64,
}

impl Table2x2 {
    /// Counts from oriented case and control scores at an oriented threshold (positive when the
    /// oriented score ≥ the oriented threshold).
    pub(crate) fn count(cases: &[f64], controls: &[f64], oriented_threshold: f64) -> Table2x2 {
        let tp = cases.iter().filter(|&&x| x >= oriented_threshold).count() as u64;
        let fp = controls
            .iter()
            .filter(|&&x| x >= oriented_threshold)
            .count() as u64;
        Table2x2 {
            tp,
            fp,
            tn: controls.len() as u64 - fp,
            fn_: cases.len() as u64 - tp,
        }
    }

    fn ratio(a: u64, b: u64) -> Option<f64> {
        (b > 0).then(|| a as f64 / b as f64)
    }
    /// TP/(TP + FN).
    pub fn sensitivity(&self) -> Option<f64> {
        Self::ratio(self.tp, self.tp + self.fn_)
    }
    /// TN/(TN + FP).
    pub fn specificity(&self) -> Option<f64> {
        Self::ratio(self.tn, self.tn + self.fp)
    }
    /// TP/(TP + FP).
    pub fn ppv(&self) -> Option<f64> {
        Self::ratio(self.tp, self.tp + self.fp)
    }
    /// TN/(TN + FN).
    pub fn npv(&self) -> Option<f64> {
        Self::ratio(self.tn, self.tn + self.fn_)
    }
    /// (TP + TN)/total.
    pub fn accuracy(&self) -> Option<f64> {
        Self::ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

/// Coordinates of a ROC curve at one threshold, with Clopper–Pearson 95% (or `level`) CIs.
#[derive(Debug, Clone, Serialize)]
pub struct Coordinates {
    /// The threshold (±∞ serialize as `null`).
    #[serde(serialize_with = "finite_or_null")]
    pub threshold: f64,
    pub tp: u64,
    pub fp: u64,
    pub tn: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// TP/m.
    pub sensitivity: f64,
    /// TN/n.
    pub specificity: f64,
    /// TP/(TP + FP), `None` when nobody is positive.
    pub ppv: Option<f64>,
    /// TN/(TN + FN), `None` when nobody is negative.
    pub npv: Option<f64>,
    /// (TP + TN)/(m + n).
    pub accuracy: f64,
    /// Youden's J = sensitivity + specificity − 1.
    pub youden: f64,
    pub sensitivity_ci: Option<Interval>,
    pub specificity_ci: Option<Interval>,
    pub ppv_ci: Option<Interval>,
    pub npv_ci: Option<Interval>,
    pub accuracy_ci: Option<Interval>,
}

impl Roc {
    /// The 2 × 2 table at `threshold` (pROC: positive when score ≥ t for `<`, ≤ t for `>`).
    pub fn table_at(&self, threshold: f64) -> Result<Table2x2, RocError> {
        if threshold.is_nan() {
            return Err(RocError::NanThreshold);
        }
        Ok(Table2x2::count(
            &self.cases,
            &self.controls,
            self.direction.orient(threshold),
        ))
    }

    /// Sensitivity, specificity, PPV, NPV, accuracy, the counts and Youden's J at `threshold`,
    /// with Clopper–Pearson (1934) intervals at `level` (pROC `coords(x = t, input =
    /// "threshold")`; R `binom.test` for the intervals).
    pub fn coords(&self, threshold: f64, level: f64) -> Result<Coordinates, RocError> {
        if !(level > 0.0 && level < 1.0) {
            return Err(RocError::InvalidLevel(level));
        }
        let t = self.table_at(threshold)?;
        let m = (t.tp + t.fn_) as f64;
        let n = (t.tn + t.fp) as f64;
        let sensitivity = t.tp as f64 / m;
        let specificity = t.tn as f64 / n;
        Ok(Coordinates {
            threshold,
            tp: t.tp,
            fp: t.fp,
            tn: t.tn,
            fn_: t.fn_,
            sensitivity,
            specificity,
            ppv: t.ppv(),
            npv: t.npv(),
            accuracy: (t.tp + t.tn) as f64 / (m + n),
            youden: sensitivity + specificity - 1.0,
            sensitivity_ci: clopper_pearson(t.tp, t.tp + t.fn_, level),
            specificity_ci: clopper_pearson(t.tn, t.tn + t.fp, level),
            ppv_ci: clopper_pearson(t.tp, t.tp + t.fp, level),
            npv_ci: clopper_pearson(t.tn, t.tn + t.fn_, level),
            accuracy_ci: clopper_pearson(t.tp + t.tn, t.tp + t.tn + t.fp + t.fn_, level),
        })
    }
}
