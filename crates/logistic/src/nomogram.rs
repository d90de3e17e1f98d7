//! Nomogram points in rms's convention (Harrell 2015, §10.4; rms `nomogram`).
//!
//! A linear model η = β₀ + Σ_v f_v(x_v) (f_v = β_v·x for a continuous variable, the level's
//! coefficient for a categorical one, 0 at its reference level) is drawn as one axis per
//! variable. Each continuous axis carries the ticks `pretty(range(x), 10)` (R's `pretty`, see
//! [`crate::pretty`]); a categorical axis carries its levels. With m_v and M_v the smallest and
//! largest f_v over the axis, the variable with the widest range M_v − m_v spans 0–100 points:
//! the scale is s = 100 / max_v (M_v − m_v) points per unit of linear predictor, and a value
//! scores s·(f_v(x) − m_v). Total points T = Σ_v s·(f_v − m_v) map back to the linear
//! predictor η = β₀ + Σ_v m_v + T/s and to the probability 1/(1 + e^{−η}). Because T is linear
//! in η, a patient's total points follow from the linear predictor alone,
//! T = s·(η − β₀ − Σ_v m_v). Nothing here depends on how the coefficients were estimated, so
//! the same construction serves a LASSO fit.

use serde::Serialize;

use crate::pretty::pretty;

/// One variable of a linear model, for the nomogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum NomogramVariable {
    /// f(x) = coefficient · x over the observed range [min, max].
    Continuous {
        name: String,
        coefficient: f64,
        min: f64,
        max: f64,
    },
    /// f(level) = the level's coefficient (0 for the reference level).
    Categorical {
        name: String,
        levels: Vec<(String, f64)>,
    },
}

/// A tick mark on a variable's axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    /// The label: the value (continuous) or the level.
    pub label: String,
    /// The value for a continuous variable.
    pub value: Option<f64>,
    /// f_v at the tick.
    pub linear_predictor: f64,
    /// s·(f_v − m_v).
    pub points: f64,
}

/// One variable's axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    pub variable: String,
    pub ticks: Vec<Tick>,
}

/// A position on the total-points scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleMark {
    /// Total points.
    pub points: f64,
    /// The linear predictor at these points.
    pub linear_predictor: f64,
    /// The probability at these points.
    pub probability: f64,
}

/// The nomogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nomogram {
    /// Points per unit of linear predictor, s.
    pub points_per_unit: f64,
    /// β₀ + Σ_v m_v: the linear predictor at 0 total points.
    pub linear_predictor_at_zero: f64,
    /// One axis per variable.
    pub axes: Vec<Axis>,
    /// Largest attainable total points, Σ_v s·(M_v − m_v).
    pub max_total_points: f64,
    /// `pretty(0, max total, 10)` ticks of the total-points axis.
    pub total_points_ticks: Vec<f64>,
    /// Linear-predictor axis: `pretty` ticks within the attainable range.
    pub linear_predictor_ticks: Vec<ScaleMark>,
    /// Probability axis at 0.01, 0.05, 0.1, …, 0.9, 0.95, 0.99 within the attainable range.
    pub probability_ticks: Vec<ScaleMark>,
}

/// Why a nomogram cannot be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NomogramError {
    #[error("no variables")]
    Empty,
    #[error("variable `{name}`: {reason}")]
    Invalid { name: String, reason: String },
    #[error("every coefficient is zero: nothing to scale")]
    Flat,
}

/// A variable's name and its ticks as (label, value, f_v).
type RawAxis = (String, Vec<(String, Option<f64>, f64)>);

fn logit_inv(eta: f64) -> f64 {
    crate::predict::expit(eta)
}

impl Nomogram {
    /// Builds the nomogram of η = intercept + Σ f_v.
    pub fn new(intercept: f64, variables: &[NomogramVariable]) -> Result<Nomogram, NomogramError> {
        if variables.is_empty() {
            return Err(NomogramError::Empty);
        }
        if !intercept.is_finite() {
            return Err(NomogramError::Invalid {
                name: "(Intercept)".into(),
                reason: format!("non-finite value {intercept}"),
            });
        }
        // raw ticks: (label, value, f)
        let mut raw: Vec<RawAxis> = Vec::new();
        for v in variables {
            match v {
                NomogramVariable::Continuous {
                    name,
                    coefficient,
                    min,
                    max,
                } => {
                    if !(coefficient.is_finite() && min.is_finite() && max.is_finite()) || min > max
                    {
                        return Err(NomogramError::Invalid {
                            name: name.clone(),
                            reason: format!(
                                "coefficient {coefficient} and range [{min}, {max}] must be finite and ordered"
                            ),
                        });
                    }
                    let ticks = pretty(*min, *max, 10)
                        .into_iter()
                        .map(|x| (format_tick(x), Some(x), coefficient * x))
                        .collect();
                    raw.push((name.clone(), ticks));
                }
                NomogramVariable::Categorical { name, levels } => {
                    if levels.is_empty() {
                        return Err(NomogramError::Invalid {
                            name: name.clone(),
                            reason: "no levels".into(),
                        });
                    }
                    if let Some((l, c)) = levels.iter().find(|(_, c)| !c.is_finite()) {
                        return Err(NomogramError::Invalid {
                            name: name.clone(),
                            reason: format!("level {l} has coefficient {c}"),
                        });
                    }
                    raw.push((
                        name.clone(),
                        levels.iter().map(|(l, c)| (l.clone(), None, *c)).collect(),
                    ));
                }
            }
        }
        let ranges: Vec<(f64, f64)> = raw
            .iter()
            .map(|(_, t)| {
                t.iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                        (a.min(x.2), b.max(x.2))
                    })
            })
            .collect();
        let widest = ranges.iter().map(|(a, b)| b - a).fold(0.0, f64::max);
        if widest <= 0.0 {
            return Err(NomogramError::Flat);
        }
        let s = 100.0 / widest;
        let axes = raw
            .into_iter()
            .zip(&ranges)
            .map(|((variable, ticks), (m, _))| Axis {
                variable,
                ticks: ticks
                    .into_iter()
                    .map(|(label, value, f)| Tick {
                        label,
                        value,
                        linear_predictor: f,
                        points: s * (f - m),
                    })
                    .collect(),
            })
            .collect();
        let at_zero = intercept + ranges.iter().map(|r| r.0).sum::<f64>();
        let max_total = s * ranges.iter().map(|(a, b)| b - a).sum::<f64>();
        let mark = |points: f64| ScaleMark {
            points,
            linear_predictor: at_zero + points / s,
            probability: logit_inv(at_zero + points / s),
        };
        let lp_hi = at_zero + max_total / s;
        let linear_predictor_ticks = pretty(at_zero, lp_hi, 10)
            .into_iter()
            .filter(|&e| e >= at_zero - 1e-12 && e <= lp_hi + 1e-12)
            .map(|e| mark(s * (e - at_zero)))
            .collect();
        let probability_ticks = [
            0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99,
        ]
        .into_iter()
        .map(|p: f64| (p / (1.0 - p)).ln())
        .filter(|&e| e >= at_zero && e <= lp_hi)
        .map(|e| mark(s * (e - at_zero)))
        .collect();
        Ok(Nomogram {
            points_per_unit: s,
            linear_predictor_at_zero: at_zero,
            axes,
            max_total_points: max_total,
            total_points_ticks: pretty(0.0, max_total, 10),
            linear_predictor_ticks,
            probability_ticks,
        })
    }

    /// A patient's total points from their linear predictor: s·(η − β₀ − Σ_v m_v).
    pub fn total_points(&self, linear_predictor: f64) -> f64 {
        self.points_per_unit * (linear_predictor - self.linear_predictor_at_zero)
    }

    /// The linear predictor at the given total points.
    pub fn linear_predictor(&self, total_points: f64) -> f64 {
        self.linear_predictor_at_zero + total_points / self.points_per_unit
    }

    /// The probability at the given total points.
    pub fn probability(&self, total_points: f64) -> f64 {
        logit_inv(self.linear_predictor(total_points))
    }
}

/// Shortest decimal label of a tick (`pretty` values are round numbers).
fn format_tick(x: f64) -> String {
    let r = (x * 1e10).round() / 1e10;
    let s = format!("{r}");
    if s == "-0" { "0".into() } else { s }
}

impl crate::fit::LogisticFit {
    /// The nomogram variables of this fit on its design: a variable whose single term carries
    /// its own name is continuous over the observed range of its column; the dummies of a
    /// factor (terms named `<variable><level>`, as ingestion names them) form a
    /// categorical axis whose first level is the reference (labelled `reference`, 0) and whose
    /// other levels are the term names with the variable name removed (`genderMale` → `Male`).
    pub fn nomogram_variables(
        &self,
        design: &crate::Design,
        reference: &str,
    ) -> Result<Vec<NomogramVariable>, NomogramError> {
        let mut out = Vec::new();
        for v in design.variable_names() {
            let idx: Vec<usize> = (0..design.names.len())
                .filter(|&j| design.variables[j] == v)
                .collect();
            let coef = |j: usize| -> Result<f64, NomogramError> {
                self.coefficients
                    .iter()
                    .find(|c| c.term == design.names[j])
                    .map(|c| c.estimate)
                    .ok_or_else(|| NomogramError::Invalid {
                        name: design.names[j].clone(),
                        reason: "not a term of the fitted model".into(),
                    })
            };
            let is_factor = idx.iter().any(|&j| design.names[j] != v);
            if let ([j], false) = (&idx[..], is_factor) {
                let j = *j;
                let col = &design.columns[j];
                let (min, max) = col
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                        (a.min(x), b.max(x))
                    });
                out.push(NomogramVariable::Continuous {
                    name: v.clone(),
                    coefficient: coef(j)?,
                    min,
                    max,
                });
            } else {
                let mut levels = vec![(reference.to_string(), 0.0)];
                for &j in &idx {
                    let label = design.names[j]
                        .strip_prefix(v.as_str())
                        .unwrap_or(&design.names[j])
                        .to_string();
                    levels.push((label, coef(j)?));
                }
                out.push(NomogramVariable::Categorical {
                    name: v.clone(),
                    levels,
                });
            }
        }
        Ok(out)
    }
}
