//! Selection stability: how often each feature is selected when the cross-validation is
//! repeated with different random fold assignments.
//!
//! `lambda.min` and `lambda.1se` depend on the random folds; a feature selected in nearly every
//! repeat is a stable choice, one selected in a few is not (the idea of Meinshausen & Bühlmann
//! 2010, applied here to the fold randomness only — the data are not resampled). Repeat r uses
//! the folds of seed `seed + r`; the full-data path is the same in every repeat, so that only
//! the chosen λ varies. Repeats run one after another, each fitting its folds in parallel, so
//! that the result does not depend on the thread count.

use serde::Serialize;

use crate::cv::{CvParams, Folds};
use crate::design::Design;
use crate::error::LassoError;
use crate::family::Response;

/// Selection frequencies over repeated cross-validations.
#[derive(Debug, Clone, Serialize)]
pub struct SelectionStability {
    /// Number of repeats.
    pub repeats: usize,
    /// Seeds used, one per repeat.
    pub seeds: Vec<u64>,
    /// Feature names, in column order.
    pub features: Vec<String>,
    /// Fraction of repeats in which each feature is non-zero at `lambda.min`.
    pub frequency_lambda_min: Vec<f64>,
    /// Fraction of repeats in which each feature is non-zero at `lambda.1se`.
    pub frequency_lambda_1se: Vec<f64>,
    /// `lambda.min` of every repeat.
    pub lambda_min: Vec<f64>,
    /// `lambda.1se` of every repeat.
    pub lambda_1se: Vec<f64>,
}

/// Repeats the cross-validation `repeats` times with random folds (`nfolds`, seeds
/// `seed`, `seed + 1`, …) and counts how often each feature is selected.
///
/// # Errors
/// No repeats, or any error of [`CvParams::fit`].
pub fn selection_stability(
    params: &CvParams,
    design: &Design,
    response: &Response,
    nfolds: usize,
    seed: u64,
    repeats: usize,
) -> Result<SelectionStability, LassoError> {
    if repeats == 0 {
        return Err(LassoError::NoRepeats);
    }
    let p = design.columns();
    let mut at_min = vec![0usize; p];
    let mut at_1se = vec![0usize; p];
    let mut out = SelectionStability {
        repeats,
        seeds: Vec::with_capacity(repeats),
        features: design.names().to_vec(),
        frequency_lambda_min: Vec::new(),
        frequency_lambda_1se: Vec::new(),
        lambda_min: Vec::with_capacity(repeats),
        lambda_1se: Vec::with_capacity(repeats),
    };
    for r in 0..repeats {
        let s = seed.wrapping_add(r as u64);
        let run = CvParams {
            folds: Folds::Random { nfolds, seed: s },
            ..params.clone()
        };
        let cv = run.fit(design, response)?;
        for (j, b) in cv.fit.beta[cv.index_min - 1].iter().enumerate() {
            at_min[j] += usize::from(*b != 0.0);
        }
        for (j, b) in cv.fit.beta[cv.index_1se - 1].iter().enumerate() {
            at_1se[j] += usize::from(*b != 0.0);
        }
        out.seeds.push(s);
        out.lambda_min.push(cv.lambda_min);
        out.lambda_1se.push(cv.lambda_1se);
    }
    let rf = repeats as f64;
    out.frequency_lambda_min = at_min.iter().map(|&c| c as f64 / rf).collect();
    out.frequency_lambda_1se = at_1se.iter().map(|&c| c as f64 / rf).collect();
    Ok(out)
}
