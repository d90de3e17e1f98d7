//! The frozen model (`model.json`): everything needed to score a new cohort without the
//! training data — the derivations, the coding of every input variable, the full-precision
//! coefficients and their covariance, the risk-group cutoff, the nomogram scale, the nomo
//! version and a fingerprint of the training data.
//!
//! Scoring computes, per patient, η = β₀ + Σ βⱼ xⱼ, the probability expit(η) with a
//! delta-method 95% interval expit(η ± 1.959964·√(x̃ᵀVx̃)), the nomogram's total points
//! s·(η − η₀) and the risk group (high when the probability is ≥ the cutoff).
//!
//! The fingerprint is FNV-1a (64-bit) over the training rows' term values and outcomes as
//! IEEE-754 bits, in row order: equal fingerprints mean the same training numbers.

use std::collections::BTreeMap;

use nomo_ingest::{AnalysisData, Table};
use nomo_lasso::LassoPath;
use nomo_logistic::{Design, Nomogram, expit};
use serde::{Deserialize, Serialize};

use crate::cohort::Cohort;
use crate::error::WorkflowError;
use crate::report::{LassoStep, ModelResult};
use crate::runner::NOMO_VERSION;
use crate::spec::{DeriveSpec, OutcomeSpec, Spec, SurvivalSpec};

/// Term columns by term name.
pub type TermColumns = BTreeMap<String, Vec<f64>>;

/// 1.959964: the 97.5% normal quantile.
const Z_975: f64 = 1.959_963_984_540_054;

/// The frozen model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FrozenModel {
    pub format: String,
    pub nomo_version: String,
    pub name: String,
    pub outcome: OutcomeSpec,
    pub survival: Option<SurvivalSpec>,
    pub derivations: Vec<DeriveSpec>,
    /// Input variables and their coding.
    pub variables: Vec<FrozenVariable>,
    /// Intercept first (`(Intercept)`), then the terms.
    pub coefficients: Vec<FrozenCoefficient>,
    /// Covariance of the coefficients (intercept first, row-major).
    pub covariance: Vec<Vec<f64>>,
    /// The Rad-score (LASSO linear predictor) when the model uses it as term `rad_score`.
    pub rad_score: Option<RadScore>,
    /// Probability cutoff of the risk groups (high when p ≥ cutoff).
    pub cutoff: Option<f64>,
    /// Nomogram scale: points = points_per_unit · (η − linear_predictor_at_zero).
    pub points_per_unit: f64,
    pub linear_predictor_at_zero: f64,
    pub training: TrainingInfo,
}

/// One input variable.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FrozenVariable {
    pub name: String,
    /// `numeric` or `categorical`.
    pub kind: String,
    /// Categorical: the reference level.
    pub reference: Option<String>,
    /// Categorical: the non-reference levels, each a term `<name><level>`.
    pub levels: Vec<String>,
}

/// One coefficient.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FrozenCoefficient {
    pub term: String,
    pub estimate: f64,
}

/// The Rad-score: a0 + Σ βⱼ xⱼ over LASSO terms.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RadScore {
    pub intercept: f64,
    pub coefficients: Vec<FrozenCoefficient>,
}

/// What the model was trained on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainingInfo {
    pub data_file: String,
    pub n: usize,
    pub events: usize,
    pub fingerprint: String,
}

/// One scored patient.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredRow {
    /// 0-based data row of the table.
    #[serde(skip)]
    pub index: usize,
    /// Row as a spreadsheet counts it (header = row 1).
    pub row: usize,
    pub id: Option<String>,
    pub linear_predictor: f64,
    pub probability: f64,
    pub probability_lower: f64,
    pub probability_upper: f64,
    pub total_points: f64,
    pub risk_group: Option<String>,
}

fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn variables_of(
    cohort_data: &AnalysisData,
    table: &Table,
    vars: &[String],
) -> Result<Vec<FrozenVariable>, WorkflowError> {
    let mut out = Vec::new();
    for v in vars {
        let terms: Vec<&str> = cohort_data
            .terms
            .iter()
            .filter(|t| t.column == *v)
            .map(|t| t.name.as_str())
            .collect();
        if terms.len() == 1 && terms[0] == v {
            out.push(FrozenVariable {
                name: v.clone(),
                kind: "numeric".into(),
                reference: None,
                levels: Vec::new(),
            });
        } else {
            let levels: Vec<String> = terms
                .iter()
                .map(|t| t.strip_prefix(v.as_str()).unwrap_or(t).to_string())
                .collect();
            let reference = table
                .column(v)?
                .levels()
                .and_then(|all| all.iter().find(|l| !levels.contains(l)).cloned());
            out.push(FrozenVariable {
                name: v.clone(),
                kind: "categorical".into(),
                reference,
                levels,
            });
        }
    }
    Ok(out)
}

impl FrozenModel {
    /// Freezes model `m` of a run.
    #[allow(clippy::too_many_arguments)]
    pub fn from_run(
        spec: &Spec,
        cohort: &Cohort,
        m: &ModelResult,
        design_all: &Design,
        train: &[usize],
        nomogram: &Nomogram,
        lasso: Option<&LassoStep>,
        cutoff: Option<f64>,
    ) -> Result<FrozenModel, WorkflowError> {
        let mut inputs: Vec<String> = m
            .variables
            .iter()
            .filter(|v| *v != "rad_score")
            .cloned()
            .collect();
        let rad_score = match (m.variables.iter().any(|v| v == "rad_score"), lasso) {
            (true, Some(l)) => {
                let path: &LassoPath = &l.cv.fit;
                let k = if l.lambda_rule == "1se" {
                    l.cv.index_1se
                } else {
                    l.cv.index_min
                };
                let coef = path
                    .coefficients(k)
                    .map_err(|e| WorkflowError::step("model.json", e))?;
                let mut rs = RadScore {
                    intercept: coef.get("(Intercept)").unwrap_or(0.0),
                    coefficients: Vec::new(),
                };
                for (term, value) in &coef.0 {
                    if term == "(Intercept)" {
                        continue;
                    }
                    rs.coefficients.push(FrozenCoefficient {
                        term: term.clone(),
                        estimate: *value,
                    });
                    if let Some(t) = cohort.data.terms.iter().find(|t| t.name == *term)
                        && !inputs.contains(&t.column)
                    {
                        inputs.push(t.column.clone());
                    }
                }
                Some(rs)
            }
            _ => None,
        };
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let y = cohort.y();
        for &i in train {
            for c in &design_all.columns {
                fnv1a(&mut hash, &c[i].to_bits().to_le_bytes());
            }
            fnv1a(&mut hash, &y[i].to_bits().to_le_bytes());
        }
        // derivations needed: all of the spec's (cheap, and order matters)
        Ok(FrozenModel {
            format: "nomo-model/1".into(),
            nomo_version: NOMO_VERSION.into(),
            name: m.name.clone(),
            outcome: spec.outcome.clone(),
            survival: spec
                .risk_groups
                .as_ref()
                .and_then(|r| spec.survival.get(&r.survival).cloned()),
            derivations: spec.derive.clone(),
            variables: variables_of(&cohort.data, &cohort.table, &inputs)?,
            coefficients: m
                .fit
                .coefficients
                .iter()
                .map(|c| FrozenCoefficient {
                    term: c.term.clone(),
                    estimate: c.estimate,
                })
                .collect(),
            covariance: m.fit.covariance.clone(),
            rad_score,
            cutoff,
            points_per_unit: nomogram.points_per_unit,
            linear_predictor_at_zero: nomogram.linear_predictor_at_zero,
            training: TrainingInfo {
                data_file: spec.data.file.clone(),
                n: train.len(),
                events: train.iter().filter(|&&i| y[i] == 1.0).count(),
                fingerprint: format!("fnv1a64:{hash:016x}"),
            },
        })
    }

    /// Applies the derivations to a new table (a missing input column is an error naming it).
    pub fn derive(&self, table: &mut Table) -> Result<(), WorkflowError> {
        for d in &self.derivations {
            if table.column(&d.name).is_ok() {
                continue;
            }
            table.derive(&d.name, &d.expr).map_err(|e| {
                WorkflowError::Data(format!("derivation `{} = {}`: {e}", d.name, d.expr))
            })?;
        }
        Ok(())
    }

    /// Term values of every input for the table's rows: (rows complete over the inputs, the
    /// term columns by name). Unseen category levels are errors naming the column and rows;
    /// rows with a missing input are left out.
    pub fn terms(&self, table: &Table) -> Result<(Vec<usize>, TermColumns), WorkflowError> {
        let n = table.n_rows();
        let mut complete = vec![true; n];
        for v in &self.variables {
            let c = table.column(&v.name)?;
            let mut unseen: Vec<String> = Vec::new();
            for (i, ok) in complete.iter_mut().enumerate() {
                if c.is_missing(i) {
                    *ok = false;
                    continue;
                }
                if v.kind == "categorical" {
                    let t = c.text(i).unwrap_or_default();
                    if v.reference.as_deref() != Some(t.as_str()) && !v.levels.contains(&t) {
                        unseen.push(format!("row {} (`{t}`)", table.row_number(i)));
                    }
                } else if c.number(i).is_none() {
                    return Err(WorkflowError::Data(format!(
                        "column `{}`, row {}: `{}` is not a number",
                        v.name,
                        table.row_number(i),
                        c.text(i).unwrap_or_default()
                    )));
                }
            }
            if !unseen.is_empty() {
                let known: Vec<String> = v.reference.iter().chain(&v.levels).cloned().collect();
                return Err(WorkflowError::Data(format!(
                    "column `{}`: levels unseen in training at {} (training levels: {})",
                    v.name,
                    unseen.join(", "),
                    known.join(", ")
                )));
            }
        }
        let rows: Vec<usize> = (0..n).filter(|&i| complete[i]).collect();
        let mut terms = BTreeMap::new();
        for v in &self.variables {
            let c = table.column(&v.name)?;
            if v.kind == "categorical" {
                for l in &v.levels {
                    let col = rows
                        .iter()
                        .map(|&i| f64::from(u8::from(c.text(i).as_deref() == Some(l.as_str()))))
                        .collect();
                    terms.insert(format!("{}{l}", v.name), col);
                }
            } else {
                terms.insert(
                    v.name.clone(),
                    rows.iter()
                        .map(|&i| c.number(i).unwrap_or(f64::NAN))
                        .collect(),
                );
            }
        }
        if let Some(rs) = &self.rad_score {
            let mut score = vec![rs.intercept; rows.len()];
            for c in &rs.coefficients {
                let x = terms.get(&c.term).ok_or_else(|| {
                    WorkflowError::Data(format!("Rad-score term `{}` has no input column", c.term))
                })?;
                for (s, xi) in score.iter_mut().zip(x) {
                    *s += c.estimate * xi;
                }
            }
            terms.insert("rad_score".into(), score);
        }
        Ok((rows, terms))
    }

    /// Scores every complete row of `table` (derivations applied by the caller).
    pub fn score(&self, table: &Table, id: Option<&str>) -> Result<Vec<ScoredRow>, WorkflowError> {
        let (rows, terms) = self.terms(table)?;
        let cols: Vec<&Vec<f64>> = self.coefficients[1..]
            .iter()
            .map(|c| {
                terms.get(&c.term).ok_or_else(|| {
                    WorkflowError::Data(format!("model term `{}` has no input column", c.term))
                })
            })
            .collect::<Result<_, _>>()?;
        let ids = id.and_then(|c| table.column(c).ok());
        let mut out = Vec::with_capacity(rows.len());
        for (k, &i) in rows.iter().enumerate() {
            let x: Vec<f64> = std::iter::once(1.0)
                .chain(cols.iter().map(|c| c[k]))
                .collect();
            let eta: f64 = x
                .iter()
                .zip(&self.coefficients)
                .map(|(a, b)| a * b.estimate)
                .sum();
            let var: f64 = (0..x.len())
                .map(|a| {
                    (0..x.len())
                        .map(|b| x[a] * self.covariance[a][b] * x[b])
                        .sum::<f64>()
                })
                .sum::<f64>()
                .max(0.0);
            let se = var.sqrt();
            let p = expit(eta);
            out.push(ScoredRow {
                index: i,
                row: table.row_number(i),
                id: ids.and_then(|c| c.text(i)),
                linear_predictor: eta,
                probability: p,
                probability_lower: expit(eta - Z_975 * se),
                probability_upper: expit(eta + Z_975 * se),
                total_points: self.points_per_unit * (eta - self.linear_predictor_at_zero),
                risk_group: self
                    .cutoff
                    .map(|c| if p >= c { "high".into() } else { "low".into() }),
            });
        }
        Ok(out)
    }

    /// Read options for a new cohort: the model's categorical inputs declared as such, with
    /// their training reference level.
    pub fn read_options(&self) -> nomo_ingest::ReadOptions {
        let mut options = nomo_ingest::ReadOptions::default();
        for v in self.variables.iter().filter(|v| v.kind == "categorical") {
            options.types.insert(
                v.name.clone(),
                nomo_ingest::Declared::Categorical {
                    reference: v.reference.clone(),
                },
            );
        }
        options
    }

    /// Reads `model.json`.
    pub fn read(path: &std::path::Path) -> Result<FrozenModel, WorkflowError> {
        let text = std::fs::read_to_string(path).map_err(|e| WorkflowError::io(path, e))?;
        serde_json::from_str(&text)
            .map_err(|e| WorkflowError::io(path, format!("not a nomo model: {e}")))
    }
}
