//! Decision curves for a time-to-event outcome at a horizon τ (Vickers et al. 2008), as dcurves
//! computes them with `time = τ`.
//!
//! Predictions are probabilities of the event by τ. Censoring makes TP and FP unobservable, so
//! they are estimated with the Kaplan–Meier estimator Ŝ (Kaplan & Meier 1958): among the
//! patients with p ≥ t (a fraction q of all), the event risk by τ is 1 − Ŝ₊(τ), so
//!
//! TP/n = q·(1 − Ŝ₊(τ)),  FP/n = q·Ŝ₊(τ),  NB(t) = TP/n − FP/n · t/(1 − t),
//!
//! and both are 0 when nobody is treated. Treat all uses the whole cohort's Ŝ(τ):
//! NB = 1 − Ŝ(τ) − Ŝ(τ)·t/(1 − t). Ŝ(τ) = Π_{tⱼ ≤ τ} (1 − dⱼ/rⱼ) over the distinct event times,
//! with the events at a time counted before the censorings at that time; beyond the last
//! observation it stays at its last value. The "prevalence" of the derived measures is 1 − Ŝ(τ).

use serde::Serialize;

use crate::DcaError;
use crate::grid::check_thresholds;
use crate::net_benefit::{ModelCurve, ModelInput, check_model, model_curve, odds};

/// Survival decision curves at a time horizon.
#[derive(Debug, Clone, Serialize)]
pub struct SurvivalDecisionCurve {
    pub n: usize,
    pub horizon: f64,
    /// Kaplan–Meier risk 1 − Ŝ(τ) of the whole cohort.
    pub risk_at_horizon: f64,
    pub thresholds: Vec<f64>,
    pub models: Vec<ModelCurve>,
    pub treat_all: Vec<f64>,
    pub treat_none: Vec<f64>,
}

/// Kaplan–Meier survival at `horizon` over `rows`.
fn km_at(time: &[f64], status: &[f64], rows: &[usize], horizon: f64) -> f64 {
    let mut order: Vec<usize> = rows.to_vec();
    order.sort_by(|&a, &b| time[a].total_cmp(&time[b]));
    let mut at_risk = order.len() as f64;
    let mut surv = 1.0;
    let mut i = 0;
    while i < order.len() && time[order[i]] <= horizon {
        let t = time[order[i]];
        let (mut deaths, mut leaving) = (0.0, 0.0);
        while i < order.len() && time[order[i]] == t {
            deaths += status[order[i]];
            leaving += 1.0;
            i += 1;
        }
        if deaths > 0.0 {
            surv *= 1.0 - deaths / at_risk;
        }
        at_risk -= leaving;
    }
    surv
}

/// Survival decision curves: `time`, `status` (1 event, 0 censored), predicted risks by
/// `horizon` for each model.
pub fn survival_decision_curve(
    time: &[f64],
    status: &[f64],
    models: &[ModelInput<'_>],
    horizon: f64,
    thresholds: &[f64],
) -> Result<SurvivalDecisionCurve, DcaError> {
    let n = time.len();
    if n == 0 {
        return Err(DcaError::Empty("no observations"));
    }
    if status.len() != n {
        return Err(DcaError::LengthMismatch {
            what: "status".into(),
            got: status.len(),
            expected: n,
        });
    }
    if let Some(index) = time.iter().position(|t| !(t.is_finite() && *t >= 0.0)) {
        return Err(DcaError::Time {
            index,
            value: time[index],
        });
    }
    if let Some(index) = status.iter().position(|&s| s != 0.0 && s != 1.0) {
        return Err(DcaError::OutcomeNotBinary {
            index,
            value: status[index],
        });
    }
    if !(horizon.is_finite() && horizon > 0.0) {
        return Err(DcaError::Horizon(horizon));
    }
    check_thresholds(thresholds)?;
    for m in models {
        check_model(m, n)?;
    }
    let all: Vec<usize> = (0..n).collect();
    let s_all = km_at(time, status, &all, horizon);
    let risk = 1.0 - s_all;
    let treat_all: Vec<f64> = thresholds.iter().map(|&t| risk - s_all * odds(t)).collect();
    let curves = models
        .iter()
        .map(|m| {
            let rates: Vec<(f64, f64)> = thresholds
                .iter()
                .map(|&t| {
                    let treated: Vec<usize> = (0..n).filter(|&i| m.probs[i] >= t).collect();
                    if treated.is_empty() {
                        return (0.0, 0.0);
                    }
                    let q = treated.len() as f64 / n as f64;
                    let s = km_at(time, status, &treated, horizon);
                    (q * (1.0 - s), q * s)
                })
                .collect();
            model_curve(m.name, m.harm, &rates, thresholds, &treat_all, risk)
        })
        .collect();
    Ok(SurvivalDecisionCurve {
        n,
        horizon,
        risk_at_horizon: risk,
        thresholds: thresholds.to_vec(),
        models: curves,
        treat_none: vec![0.0; thresholds.len()],
        treat_all,
    })
}
