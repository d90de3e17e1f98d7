//! Univariate screen: y ~ x for every candidate variable separately (the "univariate
//! analysis" half of a clinical paper's regression table). Each candidate gets its own fit,
//! so each may use its own complete cases (the caller passes one design per candidate);
//! rows report the Wald statistics and odds ratios of every term of the candidate and, per
//! variable, the likelihood-ratio p against the intercept-only model on the same rows.

use rayon::prelude::*;
use serde::Serialize;

use crate::design::Design;
use crate::error::LogisticError;
use crate::fit::{Coefficient, LogisticParams};

/// The univariate fit of one candidate variable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenRow {
    /// The candidate variable.
    pub variable: String,
    /// Observations used.
    pub n: usize,
    /// The non-intercept coefficient rows (one per term; several for a factor).
    pub terms: Vec<Coefficient>,
    /// LR test of the variable against the intercept-only model (`lr_p` of the fit).
    pub lr_p: Option<f64>,
    /// Warnings of the fit (separation, events per variable).
    pub warnings: Vec<String>,
    /// Why the fit failed, when it did (the other rows are still reported).
    pub error: Option<String>,
}

/// Fits y ~ candidate for each (design, y) pair, in order; fits that fail are reported in
/// their row's `error` rather than aborting the screen. The fits run in parallel (rayon);
/// each is independent and the rows are collected in input order, so the result is the same
/// at any thread count.
pub fn screen(params: &LogisticParams, candidates: &[(Design, Vec<f64>)]) -> Vec<ScreenRow> {
    candidates
        .par_iter()
        .map(|(design, y)| one(params, design, y))
        .collect()
}

fn one(params: &LogisticParams, design: &Design, y: &[f64]) -> ScreenRow {
    let variable = design.variable_names().join("+");
    match params.fit(design, y) {
        Ok(fit) => ScreenRow {
            variable,
            n: fit.n,
            terms: fit.coefficients[1..].to_vec(),
            lr_p: fit.lr_p,
            warnings: fit.warnings,
            error: None,
        },
        Err(e) => ScreenRow {
            variable,
            n: y.len(),
            terms: Vec::new(),
            lr_p: None,
            warnings: Vec::new(),
            error: Some(e.to_string()),
        },
    }
}

/// Convenience for a shared outcome: screens every variable of `design` on the same rows.
pub fn screen_design(
    params: &LogisticParams,
    design: &Design,
    y: &[f64],
) -> Result<Vec<ScreenRow>, LogisticError> {
    let mut pairs = Vec::new();
    for v in design.variable_names() {
        pairs.push((design.select_variables(&[v])?, y.to_vec()));
    }
    Ok(screen(params, &pairs))
}
