//! The fixed-design logistic model of `nomo-logistic` as a [`Refit`] procedure: every resample
//! refits y ~ 1 + design by maximum likelihood (no profile intervals), as `rms::validate` refits
//! an `lrm`. A fit that does not converge is reported as failed, so the resample is skipped
//! (rms's `fail` rule).

use nomo_logistic::{Design, LogisticParams};

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

/// β₀ + Σⱼ βⱼ xᵢⱼ over the columns of a design.
struct LinearPredictor<'a> {
    coefficients: Vec<f64>,
    columns: &'a [Vec<f64>],
}

impl Predictor for LinearPredictor<'_> {
    fn linear_predictor(&self, row: usize) -> f64 {
        self.coefficients[0]
            + self
                .columns
                .iter()
                .zip(&self.coefficients[1..])
                .map(|(c, b)| b * c[row])
                .sum::<f64>()
    }
}

impl Refit for LogisticRefit<'_> {
    fn fit(&self, rows: &[usize]) -> Result<Box<dyn Predictor + '_>, RefitError> {
        let columns = self
            .design
            .columns
            .iter()
            .map(|c| rows.iter().map(|&i| c[i]).collect())
            .collect();
        let sub = Design::with_variables(
            self.design.names.clone(),
            self.design.variables.clone(),
            columns,
        );
        let y: Vec<f64> = rows.iter().map(|&i| self.y[i]).collect();
        let fit = self
            .params
            .fit(&sub, &y)
            .map_err(|e| RefitError(e.to_string()))?;
        if !fit.converged {
            return Err(RefitError(format!(
                "logistic fit did not converge in {} iterations",
                fit.iterations
            )));
        }
        Ok(Box::new(LinearPredictor {
            coefficients: fit.estimates(),
            columns: &self.design.columns,
        }))
    }
}
