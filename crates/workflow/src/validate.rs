//! External validation of a frozen model on a new cohort, without refitting.
//!
//! - Discrimination: the AUC with its DeLong CI, the ROC direction fixed from training
//!   (higher predicted probability = event, pROC's `<`), never re-chosen on the new data;
//!   sensitivity, specificity, PPV and NPV at the frozen cutoff.
//! - Calibration: `rms::val.prob` indices on the frozen probabilities — calibration-in-the-large
//!   (the intercept of y ~ offset(logit p)), the intercept and slope of y ~ a + b·logit(p),
//!   Brier, Emax/E90/Eavg of the lowess curve — and Hosmer–Lemeshow with 10 groups.
//! - Clinical usefulness: the decision curve over thresholds 0.01–0.99.
//! - Risk groups: Kaplan–Meier, log-rank and Cox of high vs low at the frozen cutoff when the
//!   model carries a survival outcome and the new data have its columns.

use nomo_calibration::{HosmerLemeshow, ValProb, hosmer_lemeshow, val_prob};
use nomo_dca::{DecisionCurve, ModelInput, decision_curve, default_thresholds};
use nomo_ingest::{AnalysisSpec, BinaryOutcome, Table};
use nomo_roc::{Direction, DirectionRule, Roc, RocSummary};
use nomo_survival::{CoxOptions, CutoffRule, KmOptions, SurvivalData, risk_groups};
use serde::Serialize;

use crate::error::WorkflowError;
use crate::frozen::{FrozenModel, ScoredRow};
use crate::report::RiskStratum;

/// The external-validation report.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    pub nomo_version: &'static str,
    pub model: String,
    pub model_fingerprint: String,
    pub data_file: String,
    pub n_rows: usize,
    pub n_used: usize,
    pub n_dropped: usize,
    pub events: usize,
    pub roc: RocSummary,
    pub cutoff: Option<f64>,
    pub at_cutoff: Option<Classification>,
    pub val_prob: ValProb,
    pub hosmer_lemeshow: HosmerLemeshow,
    pub dca: DecisionCurve,
    pub risk_groups: Option<ValidationRiskGroups>,
    #[serde(skip)]
    pub predicted: Vec<f64>,
    #[serde(skip)]
    pub y: Vec<f64>,
}

/// Classification at the frozen cutoff.
#[derive(Debug, Clone, Serialize)]
pub struct Classification {
    pub sensitivity: Option<f64>,
    pub specificity: Option<f64>,
    pub ppv: Option<f64>,
    pub npv: Option<f64>,
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

/// Risk groups on the new cohort at the frozen cutoff.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationRiskGroups {
    pub cutoff: f64,
    pub n_low: usize,
    pub n_high: usize,
    pub strata: Vec<RiskStratum>,
    pub logrank: nomo_survival::LogRank,
    pub cox: nomo_survival::CoxFit,
}

/// Validates `model` on `table` (derivations applied here).
pub fn validate(model: &FrozenModel, mut table: Table) -> Result<Validation, WorkflowError> {
    model.derive(&mut table)?;
    let n_rows = table.n_rows();
    let scored: Vec<ScoredRow> = model.score(&table, None)?;
    // outcome on the scored rows; rows without an outcome are left out
    let outcome = table.analysis(&AnalysisSpec {
        binary: Some(BinaryOutcome {
            column: model.outcome.column.clone(),
            event: model.outcome.event.clone(),
        }),
        ..AnalysisSpec::default()
    })?;
    let y_of: std::collections::HashMap<usize, f64> = outcome
        .rows
        .iter()
        .zip(outcome.y.as_deref().unwrap_or(&[]))
        .map(|(&r, &v)| (r, v))
        .collect();
    let mut p = Vec::new();
    let mut y = Vec::new();
    let mut kept = Vec::new();
    for s in &scored {
        let r = s.index;
        if let Some(&v) = y_of.get(&r) {
            p.push(s.probability);
            y.push(v);
            kept.push(r);
        }
    }
    let yb: Vec<bool> = y.iter().map(|&v| v == 1.0).collect();
    let roc = Roc::new(&p, &yb, DirectionRule::Fixed(Direction::Less))
        .map_err(|e| WorkflowError::step("validate", e))?
        .summary(0.95)
        .map_err(|e| WorkflowError::step("validate", e))?;
    let at_cutoff = model.cutoff.map(|c| {
        let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
        for (&pi, &yi) in p.iter().zip(&yb) {
            match (pi >= c, yi) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, false) => tn += 1,
                (false, true) => fn_ += 1,
            }
        }
        let ratio = |a: usize, b: usize| (a + b > 0).then(|| a as f64 / (a + b) as f64);
        Classification {
            sensitivity: ratio(tp, fn_),
            specificity: ratio(tn, fp),
            ppv: ratio(tp, fp),
            npv: ratio(tn, fn_),
            tp,
            fp,
            tn,
            fn_,
        }
    });
    let vp = val_prob(&p, &y).map_err(|e| WorkflowError::step("validate", e))?;
    let hl = hosmer_lemeshow(&p, &y, 10).map_err(|e| WorkflowError::step("validate", e))?;
    let dca = decision_curve(
        &y,
        &[ModelInput {
            name: &model.name,
            probs: &p,
            harm: 0.0,
        }],
        &default_thresholds(),
    )
    .map_err(|e| WorkflowError::step("validate", e))?;
    let risk = match (&model.survival, model.cutoff) {
        (Some(s), Some(cutoff))
            if table.column(&s.time).is_ok() && table.column(&s.status).is_ok() =>
        {
            let (tc, sc) = (table.column(&s.time)?, table.column(&s.status)?);
            let mut t = Vec::new();
            let mut st = Vec::new();
            let mut score = Vec::new();
            for (k, &r) in kept.iter().enumerate() {
                if let (Some(a), Some(b)) = (tc.number(r), sc.number(r)) {
                    t.push(a);
                    st.push(b);
                    score.push(p[k]);
                }
            }
            let event: Vec<bool> = match &s.event {
                Some(e) => {
                    let code: f64 = e.parse().map_err(|_| {
                        WorkflowError::Data(format!("status event `{e}` is not a number"))
                    })?;
                    st.iter().map(|&v| v == code).collect()
                }
                None => nomo_survival::status_from_codes(&st)
                    .map_err(|e| WorkflowError::step("validate", e))?,
            };
            let data =
                SurvivalData::new(&t, &event).map_err(|e| WorkflowError::step("validate", e))?;
            let cox = CoxOptions {
                eps: 1e-12,
                max_iter: 100,
                ..CoxOptions::default()
            };
            match risk_groups(
                &data,
                &score,
                CutoffRule::Given { cutoff },
                KmOptions::default(),
                &cox,
            ) {
                Ok(g) => Some(ValidationRiskGroups {
                    cutoff,
                    n_low: g.n_low,
                    n_high: g.n_high,
                    strata: g
                        .strata
                        .into_iter()
                        .map(|s| RiskStratum {
                            group: s.name,
                            curve: s.curve,
                        })
                        .collect(),
                    logrank: g.logrank,
                    cox: g.cox,
                }),
                Err(_) => None,
            }
        }
        _ => None,
    };
    Ok(Validation {
        nomo_version: crate::runner::NOMO_VERSION,
        model: model.name.clone(),
        model_fingerprint: model.training.fingerprint.clone(),
        data_file: table.file().to_string(),
        n_rows,
        n_used: p.len(),
        n_dropped: n_rows - p.len(),
        events: yb.iter().filter(|&&b| b).count(),
        roc,
        cutoff: model.cutoff,
        at_cutoff,
        val_prob: vp,
        hosmer_lemeshow: hl,
        dca,
        risk_groups: risk,
        predicted: p,
        y,
    })
}
