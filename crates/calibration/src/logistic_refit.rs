//! `nomo-logistic` models as [`Refit`] procedures.
//!
//! * [`LogisticRefit`]: the fixed-design model; every resample refits y ~ 1 + design by maximum
//!   likelihood (no profile intervals), as `rms::validate` refits an `lrm`.
//! * [`StepwiseRefit`]: the whole selection; every resample reruns the stepwise search over the
//!   scope and fits the selected model, so the optimism includes the selection's (Harrell 2015,
//!   §5.3.4; rms's `validate(bw = TRUE)` does this for fast backward elimination).
//!
//! A fit that does not converge is reported as failed, so the resample is skipped (rms's `fail`
//! rule).

use nomo_logistic::{Design, LogisticFit, LogisticParams, StepwiseParams, stepwise};

use crate::bootstrap::{Predictor, Refit, RefitError};

/// A logistic model with a fixed set of terms, refitted on each resample.
#[derive(Debug, Clone)]
pub struct LogisticRefit<'a> {
    design: &'a Design,
    y: &'a [f64],
    params: LogisticParams,
}

impl<'a> LogisticRefit<'a> {
    /// The model y ~ 1 + `design` on outcomes `y` (0/1), fitted with `params` (profile
    /// intervals are switched off: resamples need only the estimates).
    pub fn new(design: &'a Design, y: &'a [f64], params: LogisticParams) -> Self {
        LogisticRefit {
            design,
            y,
            params: params.without_profile(),
        }
    }
}

/// β₀ + Σⱼ βⱼ xᵢⱼ over the selected columns of a design.
struct LinearPredictor<'a> {
    intercept: f64,
    terms: Vec<(&'a [f64], f64)>,
}

impl Predictor for LinearPredictor<'_> {
    fn linear_predictor(&self, row: usize) -> f64 {
        self.intercept + self.terms.iter().map(|(c, b)| b * c[row]).sum::<f64>()
    }
}

/// The rows `rows` of a design (repetitions kept).
fn subset(design: &Design, rows: &[usize]) -> Design {
    let columns = design
        .columns
        .iter()
        .map(|c| rows.iter().map(|&i| c[i]).collect())
        .collect();
    Design::with_variables(design.names.clone(), design.variables.clone(), columns)
}

/// The fitted model's linear predictor over the full design's columns, matched by term name.
fn predictor<'a>(fit: &LogisticFit, design: &'a Design) -> Result<LinearPredictor<'a>, RefitError> {
    if !fit.converged {
        return Err(RefitError(format!(
            "logistic fit did not converge in {} iterations",
            fit.iterations
        )));
    }
    let mut intercept = 0.0;
    let mut terms = Vec::new();
    for c in &fit.coefficients {
        if c.term == "(Intercept)" {
            intercept = c.estimate;
        } else {
            let j = design
                .names
                .iter()
                .position(|n| *n == c.term)
                .ok_or_else(|| RefitError(format!("unknown term {}", c.term)))?;
            terms.push((design.columns[j].as_slice(), c.estimate));
        }
    }
    Ok(LinearPredictor { intercept, terms })
}

impl Refit for LogisticRefit<'_> {
    fn fit(&self, rows: &[usize]) -> Result<Box<dyn Predictor + '_>, RefitError> {
        let y: Vec<f64> = rows.iter().map(|&i| self.y[i]).collect();
        let fit = self
            .params
            .fit(&subset(self.design, rows), &y)
            .map_err(|e| RefitError(e.to_string()))?;
        Ok(Box::new(predictor(&fit, self.design)?))
    }
}

/// A stepwise selection over a scope of terms, rerun on each resample.
#[derive(Debug, Clone)]
pub struct StepwiseRefit<'a> {
    scope: &'a Design,
    y: &'a [f64],
    params: StepwiseParams,
}

impl<'a> StepwiseRefit<'a> {
    /// Stepwise selection with `params` over the variables of `scope` for outcomes `y` (0/1);
    /// profile intervals of the selected fits are switched off.
    pub fn new(scope: &'a Design, y: &'a [f64], params: StepwiseParams) -> Self {
        let mut params = params;
        params.fit = params.fit.without_profile();
        StepwiseRefit { scope, y, params }
    }
}

impl Refit for StepwiseRefit<'_> {
    fn fit(&self, rows: &[usize]) -> Result<Box<dyn Predictor + '_>, RefitError> {
        let y: Vec<f64> = rows.iter().map(|&i| self.y[i]).collect();
        let result = stepwise(&self.params, &subset(self.scope, rows), &y)
            .map_err(|e| RefitError(e.to_string()))?;
        Ok(Box::new(predictor(&result.fit, self.scope)?))
    }
}
