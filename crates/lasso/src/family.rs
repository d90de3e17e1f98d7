//! Families (gaussian, binomial, Cox) and their responses, validated.

use serde::Serialize;

use crate::error::LassoError;

/// The model family, as glmnet's `family` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Squared-error loss: ½n⁻¹ Σ (y − β₀ − xβ)².
    Gaussian,
    /// Logistic loss: −n⁻¹ Σ [y(β₀ + xβ) − log(1 + e^{β₀+xβ})].
    Binomial,
    /// Negative Breslow partial log-likelihood, divided by n (no intercept).
    Cox,
}

impl Family {
    /// glmnet's name of the family.
    pub fn name(self) -> &'static str {
        match self {
            Family::Gaussian => "gaussian",
            Family::Binomial => "binomial",
            Family::Cox => "cox",
        }
    }
}

/// The outcome of a fit.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// A numeric outcome.
    Gaussian(Vec<f64>),
    /// A 0/1 outcome (1 = event level).
    Binomial(Vec<f64>),
    /// Right-censored survival: times and 0/1 status (1 = event).
    Cox { time: Vec<f64>, status: Vec<f64> },
}

impl Response {
    /// The family this response belongs to.
    pub fn family(&self) -> Family {
        match self {
            Response::Gaussian(_) => Family::Gaussian,
            Response::Binomial(_) => Family::Binomial,
            Response::Cox { .. } => Family::Cox,
        }
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        match self {
            Response::Gaussian(y) | Response::Binomial(y) => y.len(),
            Response::Cox { time, .. } => time.len(),
        }
    }

    /// Whether there are no observations.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks values: finite; binomial 0/1 with both classes; Cox status 0/1, at least one
    /// event, and positive times. glmnet refuses a non-positive time after shifting censored
    /// times by 100·ε (so an event at time ≤ 0 or a censored time < 0 is refused); the rows
    /// are named (1-based).
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self, rows: usize) -> Result<(), LassoError> {
        if self.len() != rows {
            return Err(LassoError::ResponseLength {
                len: self.len(),
                rows,
            });
        }
        match self {
            Response::Gaussian(y) => finite("y", y),
            Response::Binomial(y) => {
                finite("y", y)?;
                if let Some((i, &v)) = y.iter().enumerate().find(|(_, v)| **v != 0.0 && **v != 1.0)
                {
                    return Err(LassoError::NotBinary {
                        row: i + 1,
                        value: v,
                    });
                }
                let ones = y.iter().filter(|&&v| v == 1.0).count();
                if ones == 0 || ones == y.len() {
                    return Err(LassoError::OneClass { class: y[0] });
                }
                Ok(())
            }
            Response::Cox { time, status } => {
                if status.len() != time.len() {
                    return Err(LassoError::ResponseLength {
                        len: status.len(),
                        rows: time.len(),
                    });
                }
                finite("time", time)?;
                finite("status", status)?;
                if let Some((i, &v)) = status
                    .iter()
                    .enumerate()
                    .find(|(_, v)| **v != 0.0 && **v != 1.0)
                {
                    return Err(LassoError::NotStatus {
                        row: i + 1,
                        value: v,
                    });
                }
                let bad: Vec<usize> = time
                    .iter()
                    .zip(status)
                    .enumerate()
                    .filter(|(_, (t, s))| if **s == 1.0 { **t <= 0.0 } else { **t < 0.0 })
                    .map(|(i, _)| i + 1)
                    .collect();
                if !bad.is_empty() {
                    return Err(LassoError::NonPositiveTime { rows: bad });
                }
                if !status.contains(&1.0) {
                    return Err(LassoError::NoEvents);
                }
                Ok(())
            }
        }
    }

    /// The response restricted to `rows` (0-based).
    pub(crate) fn subset(&self, rows: &[usize]) -> Response {
        let pick = |v: &[f64]| rows.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        match self {
            Response::Gaussian(y) => Response::Gaussian(pick(y)),
            Response::Binomial(y) => Response::Binomial(pick(y)),
            Response::Cox { time, status } => Response::Cox {
                time: pick(time),
                status: pick(status),
            },
        }
    }
}

fn finite(what: &str, v: &[f64]) -> Result<(), LassoError> {
    match v.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        Some((i, &value)) => Err(LassoError::NonFinite {
            what: what.to_string(),
            row: i + 1,
            value,
        }),
        None => Ok(()),
    }
}
