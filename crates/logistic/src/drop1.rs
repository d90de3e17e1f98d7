//! Likelihood-ratio tests for dropping each variable (R's `drop1(fit, test = "LRT")`).
//!
//! For every variable v in the model (all of a factor's dummies together), the model without
//! v is refitted; the LR statistic is D_{−v} − D with df = the number of v's columns, and
//! p = P(χ²_df > D_{−v} − D). The AIC column is D_{−v} + k·p_{−v} (k = 2 for R's AIC).

use serde::Serialize;

use crate::design::Design;
use crate::dist::chisq_upper;
use crate::error::LogisticError;
use crate::fit::LogisticParams;

/// One row of the drop1 table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drop1Row {
    /// The variable dropped.
    pub variable: String,
    /// Columns dropped (degrees of freedom of the test).
    pub df: usize,
    /// Deviance of the model without the variable.
    pub deviance: f64,
    /// AIC of the model without the variable.
    pub aic: f64,
    /// D_{−v} − D.
    pub lr_chisq: f64,
    /// Upper-tail χ²_df p-value.
    pub p: f64,
}

/// The drop1 table with the full model's deviance and AIC (R's `<none>` row).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drop1 {
    pub deviance: f64,
    pub aic: f64,
    pub rows: Vec<Drop1Row>,
}

/// Deviance and parameter count of y ~ design, fitted without profile limits.
pub(crate) fn deviance_of(
    params: &LogisticParams,
    design: &Design,
    y: &[f64],
) -> Result<(f64, usize), LogisticError> {
    let cheap = LogisticParams {
        profile: false,
        firth: false,
        ..params.clone()
    };
    let fit = cheap.fit(design, y)?;
    Ok((fit.deviance, fit.coefficients.len()))
}

/// LR tests for dropping each variable of y ~ design.
pub fn drop1(params: &LogisticParams, design: &Design, y: &[f64]) -> Result<Drop1, LogisticError> {
    let (dev, p) = deviance_of(params, design, y)?;
    let vars = design.variable_names();
    let mut rows = Vec::with_capacity(vars.len());
    for v in &vars {
        let keep: Vec<String> = vars.iter().filter(|w| *w != v).cloned().collect();
        let reduced = design.select_variables(&keep)?;
        let (d, pr) = deviance_of(params, &reduced, y)?;
        let df = p - pr;
        let lr = d - dev;
        rows.push(Drop1Row {
            variable: v.clone(),
            df,
            deviance: d,
            aic: d + 2.0 * pr as f64,
            lr_chisq: lr,
            p: chisq_upper(lr, df as f64),
        });
    }
    Ok(Drop1 {
        deviance: dev,
        aic: dev + 2.0 * p as f64,
        rows,
    })
}
