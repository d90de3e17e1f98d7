//! Net benefit of treating by a model's predictions (Vickers & Elkin 2006), as dcurves computes it.
//!
//! At threshold probability t a patient is treated when the predicted probability is ≥ t. With
//! TP and FP the treated patients with and without the event among n,
//!
//! NB(t) = TP/n − FP/n · t/(1 − t),
//!
//! the odds t/(1 − t) being the exchange rate between a false positive and a true positive that
//! the threshold expresses. *Treat all* gives π − (1 − π)·t/(1 − t) with π the prevalence;
//! *treat none* gives 0. Further per model:
//!
//! * **harm** (optional, dcurves `harm`): a constant subtracted from the model's net benefit, the
//!   cost of obtaining the prediction expressed in true positives per patient;
//! * **standardized net benefit** NB/π (Kerr et al. 2016), the fraction of the maximal benefit;
//! * **net interventions avoided per 100 patients** (NB_model − NB_all)·(1 − t)/t · 100
//!   (Vickers et al. 2008; dcurves' `net_intervention_avoided`), undefined at t = 0.

use serde::Serialize;

use crate::DcaError;
use crate::grid::check_thresholds;

/// A model's predictions to evaluate.
#[derive(Debug, Clone, Copy)]
pub struct ModelInput<'a> {
    pub name: &'a str,
    /// Predicted probabilities, one per patient.
    pub probs: &'a [f64],
    /// Harm subtracted from the model's net benefit (0 for none).
    pub harm: f64,
}

/// One model's decision curve.
#[derive(Debug, Clone, Serialize)]
pub struct ModelCurve {
    pub name: String,
    pub harm: f64,
    /// Net benefit at each threshold (harm subtracted).
    pub net_benefit: Vec<f64>,
    /// Net benefit / prevalence; `None` without events.
    pub standardized_net_benefit: Vec<Option<f64>>,
    /// Net interventions avoided per 100 patients; `None` at threshold 0.
    pub interventions_avoided_per_100: Vec<Option<f64>>,
    /// TP/n at each threshold.
    pub true_positive_rate: Vec<f64>,
    /// FP/n at each threshold.
    pub false_positive_rate: Vec<f64>,
}

/// Decision curves of several models over a threshold grid.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionCurve {
    pub n: usize,
    pub prevalence: f64,
    pub thresholds: Vec<f64>,
    pub models: Vec<ModelCurve>,
    /// Net benefit of treating everybody.
    pub treat_all: Vec<f64>,
    /// Net benefit of treating nobody (0).
    pub treat_none: Vec<f64>,
}

/// Checks 0/1 outcomes.
pub(crate) fn check_outcomes(y: &[f64]) -> Result<(), DcaError> {
    match y.iter().position(|&v| v != 0.0 && v != 1.0) {
        Some(index) => Err(DcaError::OutcomeNotBinary {
            index,
            value: y[index],
        }),
        None => Ok(()),
    }
}

/// Checks a model's length and probability range.
pub(crate) fn check_model(model: &ModelInput<'_>, n: usize) -> Result<(), DcaError> {
    if model.probs.len() != n {
        return Err(DcaError::LengthMismatch {
            what: format!("model {}", model.name),
            got: model.probs.len(),
            expected: n,
        });
    }
    if let Some(index) = model.probs.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(DcaError::ProbabilityOutOfRange {
            model: model.name.to_string(),
            index,
            value: model.probs[index],
        });
    }
    Ok(())
}

/// Odds t/(1 − t).
pub(crate) fn odds(t: f64) -> f64 {
    t / (1.0 - t)
}

/// TP/n and FP/n of treating when p ≥ t, for each threshold, on the rows `rows` (weights by
/// repetition) — the shared kernel of the curve and its bootstrap.
pub(crate) fn rates(
    probs: &[f64],
    y: &[f64],
    rows: &[usize],
    thresholds: &[f64],
) -> Vec<(f64, f64)> {
    let n = rows.len() as f64;
    thresholds
        .iter()
        .map(|&t| {
            let (mut tp, mut fp) = (0usize, 0usize);
            for &i in rows {
                if probs[i] >= t {
                    if y[i] == 1.0 {
                        tp += 1;
                    } else {
                        fp += 1;
                    }
                }
            }
            (tp as f64 / n, fp as f64 / n)
        })
        .collect()
}

/// Builds a model's curve from its TP/FP rates and the treat-all curve.
pub(crate) fn model_curve(
    name: &str,
    harm: f64,
    rates: &[(f64, f64)],
    thresholds: &[f64],
    treat_all: &[f64],
    prevalence: f64,
) -> ModelCurve {
    let net_benefit: Vec<f64> = rates
        .iter()
        .zip(thresholds)
        .map(|(&(tp, fp), &t)| tp - fp * odds(t) - harm)
        .collect();
    ModelCurve {
        name: name.to_string(),
        harm,
        standardized_net_benefit: net_benefit
            .iter()
            .map(|nb| (prevalence > 0.0).then(|| nb / prevalence))
            .collect(),
        interventions_avoided_per_100: net_benefit
            .iter()
            .zip(treat_all)
            .zip(thresholds)
            .map(|((nb, all), &t)| (t > 0.0).then(|| (nb - all) / odds(t) * 100.0))
            .collect(),
        true_positive_rate: rates.iter().map(|r| r.0).collect(),
        false_positive_rate: rates.iter().map(|r| r.1).collect(),
        net_benefit,
    }
}

/// Decision curves for binary outcomes `y` (0/1) and the given models.
pub fn decision_curve(
    y: &[f64],
    models: &[ModelInput<'_>],
    thresholds: &[f64],
) -> Result<DecisionCurve, DcaError> {
    check_outcomes(y)?;
    check_thresholds(thresholds)?;
    if y.is_empty() {
        return Err(DcaError::Empty("no observations"));
    }
    for m in models {
        check_model(m, y.len())?;
    }
    let n = y.len();
    let prevalence = y.iter().sum::<f64>() / n as f64;
    let treat_all: Vec<f64> = thresholds
        .iter()
        .map(|&t| prevalence - (1.0 - prevalence) * odds(t))
        .collect();
    let rows: Vec<usize> = (0..n).collect();
    let curves = models
        .iter()
        .map(|m| {
            let r = rates(m.probs, y, &rows, thresholds);
            model_curve(m.name, m.harm, &r, thresholds, &treat_all, prevalence)
        })
        .collect();
    Ok(DecisionCurve {
        n,
        prevalence,
        thresholds: thresholds.to_vec(),
        models: curves,
        treat_none: vec![0.0; thresholds.len()],
        treat_all,
    })
}
