//! Univariate Cox screen: one Cox model per candidate covariate, tabulated as the first table of
//! a prognostic-factor paper ("HR (95% CI), p" per variable; Therneau & Grambsch 2000, §3).
//!
//! Each row is `coxph(Surv(time, status) ~ x)` on the subjects with x observed (complete cases
//! per variable, as fitting each model separately in R does). A candidate that cannot be fitted
//! (constant, no events among its complete cases, monotone likelihood) keeps its row with the
//! reason in `note` instead of failing the whole table.

use serde::Serialize;

use crate::cox::{CoxOptions, cox_fit};
use crate::data::SurvivalData;
use crate::error::{Result, SurvivalError};

/// One row of the univariate screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenRow {
    /// Term name.
    pub term: String,
    /// Subjects used (x observed).
    pub n: usize,
    /// Events among them.
    pub n_events: usize,
    /// β̂.
    pub coef: Option<f64>,
    /// Hazard ratio per unit of x.
    pub hr: Option<f64>,
    /// Lower confidence limit of the HR.
    pub hr_lower: Option<f64>,
    /// Upper confidence limit of the HR.
    pub hr_upper: Option<f64>,
    /// Wald p-value.
    pub p: Option<f64>,
    /// Likelihood-ratio p-value.
    pub p_lr: Option<f64>,
    /// Harrell's C of x alone.
    pub concordance: Option<f64>,
    /// Why the row has no estimate (or a warning), when it has one.
    pub note: Option<String>,
}

/// Screens each column (`NaN` = missing) with its own Cox model.
pub fn univariate_cox<C: AsRef<[f64]>>(
    data: &SurvivalData,
    names: &[String],
    columns: &[C],
    options: &CoxOptions,
) -> Result<Vec<ScreenRow>> {
    if names.len() != columns.len() {
        return Err(SurvivalError::LengthMismatch {
            what: "term names",
            expected: columns.len(),
            found: names.len(),
        });
    }
    names
        .iter()
        .zip(columns)
        .map(|(name, column)| {
            let column = column.as_ref();
            if column.len() != data.len() {
                return Err(SurvivalError::LengthMismatch {
                    what: "covariate",
                    expected: data.len(),
                    found: column.len(),
                });
            }
            let rows: Vec<usize> = (0..column.len())
                .filter(|&i| column[i].is_finite())
                .collect();
            let sub = data.subset(&rows);
            let x: Vec<f64> = rows.iter().map(|&i| column[i]).collect();
            let mut row = ScreenRow {
                term: name.clone(),
                n: rows.len(),
                n_events: sub.n_events(),
                coef: None,
                hr: None,
                hr_lower: None,
                hr_upper: None,
                p: None,
                p_lr: None,
                concordance: None,
                note: None,
            };
            match cox_fit(&sub, std::slice::from_ref(name), &[x], options) {
                Ok(fit) => {
                    let c = &fit.coefficients[0];
                    row.coef = c.coef;
                    row.hr = c.hr;
                    row.hr_lower = c.hr_lower;
                    row.hr_upper = c.hr_upper;
                    row.p = c.p;
                    row.p_lr = Some(fit.lr_test.p);
                    row.concordance = Some(fit.concordance);
                    row.note = fit.warnings.first().cloned();
                }
                Err(e) => row.note = Some(e.to_string()),
            }
            Ok(row)
        })
        .collect()
}
