//! Cross-validated loss measures (`type.measure`) and their reduction to `cvm` and `cvsd`,
//! as `cv.glmnet` (glmnet 4.1) computes them.
//!
//! Per-observation losses on the held-out predictions (η the out-of-fold linear predictor,
//! p = 1/(1 + e^{−η})):
//!
//! * gaussian `mse` (= `deviance`): (y − η)²; `mae`: |y − η|;
//! * binomial `deviance`: −2[y log p + (1 − y) log(1 − p)] with p clipped to [10⁻⁵, 1 − 10⁻⁵];
//!   `mse`: 2(y − p)² and `mae`: 2|y − p| (glmnet sums over both indicator columns);
//!   `class`: misclassification, y = 0 counts an error when p > ½ and y = 1 when p ≤ ½.
//!
//! These are *grouped*: each fold's mean loss fₖ is weighted by its size Wₖ, so
//! `cvm` = Σ Wₖfₖ / Σ Wₖ and `cvsd` = √(Σ Wₖ(fₖ − cvm)² / Σ Wₖ / (K − 1)). With fewer than 3
//! observations per fold glmnet ungroups (every observation is its own group, K → n).
//!
//! Per-fold measures: binomial `auc` — the Mann–Whitney probability that a held-out event has a
//! higher p than a held-out non-event, ties counting ½ (glmnet calls survival's `concordance`),
//! weighted by fold size; glmnet falls back to `deviance` with fewer than 10 observations per
//! fold, and so does this crate (with a warning). Cox `C`: Harrell's concordance of −η with the
//! survival times (survival's conventions: ties in η count ½, tied event times are not
//! comparable, an event and a censoring at the same time are), weighted by fold size. Cox
//! `deviance`: for fold k with coefficients β₋ₖ fitted without it, glmnet's grouped
//! partial-likelihood difference D_full(β₋ₖ) − D_{−k}(β₋ₖ) (Verweij & van Houwelingen 1993),
//! divided by the events eₖ of the fold and weighted by eₖ (a fold without events drops out).
//!
//! `lambda.min` is the largest λ attaining the smallest `cvm`, `lambda.1se` the largest λ whose
//! `cvm` ≤ `cvm(lambda.min)` + `cvsd(lambda.min)`; AUC and C are negated first, so that smaller
//! is better (Hastie, Tibshirani & Friedman 2009, §7.10).

use serde::Serialize;

use crate::family::Family;

/// `type.measure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Measure {
    /// Deviance (gaussian: squared error).
    #[serde(rename = "deviance")]
    Deviance,
    /// Mean squared error.
    #[serde(rename = "mse")]
    Mse,
    /// Mean absolute error.
    #[serde(rename = "mae")]
    Mae,
    /// Misclassification rate (binomial).
    #[serde(rename = "class")]
    Class,
    /// Area under the ROC curve (binomial).
    #[serde(rename = "auc")]
    Auc,
    /// Harrell's C (Cox).
    #[serde(rename = "C")]
    C,
}

impl Measure {
    /// glmnet's default for a family: deviance for binomial and Cox, mse for gaussian.
    pub fn default_for(family: Family) -> Self {
        match family {
            Family::Gaussian => Measure::Mse,
            Family::Binomial | Family::Cox => Measure::Deviance,
        }
    }

    /// The name as `type.measure` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Deviance => "deviance",
            Measure::Mse => "mse",
            Measure::Mae => "mae",
            Measure::Class => "class",
            Measure::Auc => "auc",
            Measure::C => "C",
        }
    }

    /// Parses a `type.measure` name.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "deviance" => Measure::Deviance,
            "mse" => Measure::Mse,
            "mae" => Measure::Mae,
            "class" => Measure::Class,
            "auc" => Measure::Auc,
            "C" | "c" => Measure::C,
            _ => return None,
        })
    }

    /// Whether glmnet accepts the measure for the family.
    pub fn applies_to(self, family: Family) -> bool {
        match family {
            Family::Gaussian => matches!(self, Measure::Deviance | Measure::Mse | Measure::Mae),
            Family::Binomial => !matches!(self, Measure::C),
            Family::Cox => matches!(self, Measure::Deviance | Measure::C),
        }
    }

    /// Whether larger is better (AUC, C): negated for `lambda.min` / `lambda.1se`.
    pub fn larger_is_better(self) -> bool {
        matches!(self, Measure::Auc | Measure::C)
    }
}

/// glmnet's clipping of predicted probabilities for the binomial deviance.
const PROB_MIN: f64 = 1e-5;

/// Per-observation loss of a held-out prediction η for the gaussian and binomial measures.
pub(crate) fn pointwise(family: Family, measure: Measure, y: f64, eta: f64) -> f64 {
    match family {
        Family::Gaussian => match measure {
            Measure::Mae => (y - eta).abs(),
            _ => (y - eta) * (y - eta),
        },
        _ => {
            let p = 1.0 / (1.0 + (-eta).exp());
            match measure {
                Measure::Mse => 2.0 * (y - p) * (y - p),
                Measure::Mae => 2.0 * (y - p).abs(),
                Measure::Class => {
                    if y == 1.0 {
                        f64::from(u8::from(p <= 0.5))
                    } else {
                        f64::from(u8::from(p > 0.5))
                    }
                }
                _ => {
                    let p = p.clamp(PROB_MIN, 1.0 - PROB_MIN);
                    -2.0 * (y * p.ln() + (1.0 - y) * (1.0 - p).ln())
                }
            }
        }
    }
}

/// Mann–Whitney AUC of p = 1/(1 + e^{−η}) between events (y = 1) and non-events, ties ½;
/// `None` when one class is absent.
pub(crate) fn auc(y: &[f64], eta: &[f64]) -> Option<f64> {
    let p: Vec<f64> = eta.iter().map(|e| 1.0 / (1.0 + (-e).exp())).collect();
    let cases: Vec<f64> = p
        .iter()
        .zip(y)
        .filter(|(_, y)| **y == 1.0)
        .map(|(p, _)| *p)
        .collect();
    let controls: Vec<f64> = p
        .iter()
        .zip(y)
        .filter(|(_, y)| **y != 1.0)
        .map(|(p, _)| *p)
        .collect();
    if cases.is_empty() || controls.is_empty() {
        return None;
    }
    let mut s = 0.0;
    for &a in &cases {
        for &b in &controls {
            s += if a > b {
                1.0
            } else if a == b {
                0.5
            } else {
                0.0
            };
        }
    }
    Some(s / (cases.len() * controls.len()) as f64)
}

/// Harrell's C of risk score η for survival data (survival's `concordance(y ~ -η)`); `None`
/// without a comparable pair.
pub(crate) fn harrell_c(time: &[f64], status: &[f64], eta: &[f64]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..time.len() {
        if status[i] != 1.0 {
            continue;
        }
        for j in 0..time.len() {
            let comparable = time[i] < time[j] || (time[i] == time[j] && status[j] == 0.0);
            if i == j || !comparable {
                continue;
            }
            den += 1.0;
            num += if eta[i] > eta[j] {
                1.0
            } else if eta[i] == eta[j] {
                0.5
            } else {
                0.0
            };
        }
    }
    (den > 0.0).then(|| num / den)
}

/// `cvm` and `cvsd` from per-group values `f` with weights `w` (groups with weight 0 or a
/// non-finite value drop out, as `weighted.mean(na.rm = TRUE)` drops them).
pub(crate) fn reduce(f: &[f64], w: &[f64]) -> (f64, f64) {
    let kept: Vec<(f64, f64)> = f
        .iter()
        .zip(w)
        .filter(|(f, w)| f.is_finite() && **w > 0.0)
        .map(|(f, w)| (*f, *w))
        .collect();
    let sw: f64 = kept.iter().map(|(_, w)| w).sum();
    let cvm = kept.iter().map(|(f, w)| f * w).sum::<f64>() / sw;
    let var = kept
        .iter()
        .map(|(f, w)| w * (f - cvm) * (f - cvm))
        .sum::<f64>()
        / sw;
    let groups = kept.len() as f64;
    (cvm, (var / (groups - 1.0)).sqrt())
}
