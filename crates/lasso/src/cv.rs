//! K-fold cross-validation of the path, as `cv.glmnet`.
//!
//! The path fitted on all rows gives the λ sequence of the result (cut at glmnet's early stop).
//! Each fold is fitted on the other folds' rows exactly as `cv.glmnet` (glmnet 4.1-6) does it:
//! with the *user's* λ argument — so, by default, the fold's own automatic path (its own λ_max,
//! standardization, and early stop) — and its predictions at the full-data λ values are obtained
//! by glmnet's `lambda.interp`: coefficients interpolated linearly in λ between the two
//! bracketing λ of the fold's path, clamped to the fold path's range. (This is what the R
//! references show; fitting the folds on the full-data sequence instead changes cvm in the 5th
//! digit.) The held-out linear predictors (out-of-fold predictions) give the per-observation
//! losses or per-fold measures, reduced as in [`crate::measure`].
//!
//! The fold paths do not depend on the full one, so the full path and every fold path are
//! fitted at once, in parallel (rayon), each independent and deterministic; the predictions
//! follow once the full-data λ are known. Folds are gathered in fold order, so that the result
//! is identical at any thread count. Random folds follow glmnet's recipe — the labels 1, …, K
//! repeated to length n, then permuted — with the permutation drawn from a ChaCha8 generator
//! seeded by the user.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::coefficients::Coefficients;
use crate::design::Design;
use crate::error::LassoError;
use crate::family::{Family, Response};
use crate::measure::{self, Measure};
use crate::path::{LassoParams, LassoPath, fit_rows};
use crate::working::CoxRisk;

/// How rows are assigned to folds.
#[derive(Debug, Clone, PartialEq)]
pub enum Folds {
    /// Fold ids 1..=K, one per row (glmnet's `foldid`).
    Ids(Vec<usize>),
    /// K random folds from a seed.
    Random { nfolds: usize, seed: u64 },
}

impl Folds {
    /// glmnet's random folds: `sample(rep(1:K, length = n))`, permuted by ChaCha8(seed).
    pub fn random_ids(n: usize, nfolds: usize, seed: u64) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..n).map(|i| i % nfolds + 1).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        ids.shuffle(&mut rng);
        ids
    }

    /// Resolves to validated 1-based fold ids for `n` rows, and the number of folds.
    ///
    /// # Errors
    /// Fewer than 3 folds, fewer rows than folds, or ids that are not 1..=K with every fold
    /// non-empty.
    pub fn resolve(&self, n: usize) -> Result<(Vec<usize>, usize), LassoError> {
        let ids = match self {
            Folds::Random { nfolds, seed } => {
                if *nfolds < 3 {
                    return Err(LassoError::TooFewFolds(*nfolds));
                }
                if n < *nfolds {
                    return Err(LassoError::FewerRowsThanFolds { n, nfolds: *nfolds });
                }
                Self::random_ids(n, *nfolds, *seed)
            }
            Folds::Ids(ids) => {
                if ids.len() != n {
                    return Err(LassoError::FoldId(format!(
                        "{} fold ids for {n} rows",
                        ids.len()
                    )));
                }
                ids.clone()
            }
        };
        let k = ids.iter().copied().max().unwrap_or(0);
        if k < 3 {
            return Err(LassoError::TooFewFolds(k));
        }
        if n < k {
            return Err(LassoError::FewerRowsThanFolds { n, nfolds: k });
        }
        if ids.contains(&0) {
            return Err(LassoError::FoldId("fold ids start at 1".into()));
        }
        for f in 1..=k {
            if !ids.contains(&f) {
                return Err(LassoError::FoldId(format!("fold {f} of 1..={k} is empty")));
            }
        }
        Ok((ids, k))
    }
}

/// Settings of a cross-validation.
#[derive(Debug, Clone, PartialEq)]
pub struct CvParams {
    /// The path settings (α, λ sequence, penalty factors, thresh, maxit).
    pub path: LassoParams,
    /// Fold assignment.
    pub folds: Folds,
    /// `type.measure`; `None` = glmnet's default for the family.
    pub measure: Option<Measure>,
}

/// The result of a cross-validation (`cv.glmnet`'s object).
#[derive(Debug, Clone, Serialize)]
pub struct CvResult {
    /// Family.
    pub family: Family,
    /// The measure used (after glmnet's AUC → deviance fallback, if it applied).
    pub measure: Measure,
    /// λ sequence of the full path.
    pub lambda: Vec<f64>,
    /// Cross-validated mean error per λ.
    pub cvm: Vec<f64>,
    /// Its standard error per λ.
    pub cvsd: Vec<f64>,
    /// cvm + cvsd.
    pub cvup: Vec<f64>,
    /// cvm − cvsd.
    pub cvlo: Vec<f64>,
    /// Non-zero coefficients of the full fit per λ.
    pub nzero: Vec<usize>,
    /// λ with the best cvm (the largest, among ties).
    pub lambda_min: f64,
    /// Largest λ within one cvsd of the best.
    pub lambda_1se: f64,
    /// 1-based index of `lambda_min` in `lambda` (R's `index`).
    pub index_min: usize,
    /// 1-based index of `lambda_1se`.
    pub index_1se: usize,
    /// Non-zero coefficients (original scale) of the full fit at `lambda_min`.
    pub coef_lambda_min: Coefficients,
    /// Non-zero coefficients at `lambda_1se`.
    pub coef_lambda_1se: Coefficients,
    /// Fold id (1-based) of every row.
    pub foldid: Vec<usize>,
    /// Out-of-fold linear predictor of every row at `lambda_min`.
    pub oof_lambda_min: Vec<f64>,
    /// Out-of-fold linear predictor of every row at `lambda_1se`.
    pub oof_lambda_1se: Vec<f64>,
    /// Notices (fallbacks glmnet warns about).
    pub warnings: Vec<String>,
    /// The full-data path.
    #[serde(skip)]
    pub fit: LassoPath,
    /// Out-of-fold linear predictors, `[λ index][row]`.
    #[serde(skip)]
    pub oof: Vec<Vec<f64>>,
}

/// One fold's contribution.
/// The rows of one fold: those it is fitted on and those it predicts, ascending.
struct FoldRows {
    train: Vec<usize>,
    held: Vec<usize>,
}

struct FoldFit {
    /// Held-out rows' linear predictors per λ.
    eta: Vec<Vec<f64>>,
    /// Cox grouped deviance difference per λ (Cox deviance only).
    cox_dev: Vec<f64>,
}

impl CvParams {
    /// Runs the cross-validation.
    ///
    /// # Errors
    /// Invalid settings, response or folds; a fold whose training rows cannot be fitted; a
    /// fold with one class under AUC (or no comparable pair under C).
    pub fn fit(&self, design: &Design, response: &Response) -> Result<CvResult, LassoError> {
        let family = response.family();
        let n = design.rows();
        let mut measure = self.measure.unwrap_or(Measure::default_for(family));
        if !measure.applies_to(family) {
            return Err(LassoError::MeasureFamily {
                measure: measure.name().into(),
                family: family.name().into(),
            });
        }
        let (foldid, k) = self.folds.resolve(n)?;
        // The settings and the response are checked before any fit starts: the fold fits rely on
        // them as the full fit does.
        self.path.check(design.columns())?;
        response.validate(n)?;
        // each fold's training and held-out rows, split once
        let splits: Vec<FoldRows> = (1..=k)
            .map(|f| {
                let (held, train) = (0..n).partition(|&i| foldid[i] == f);
                FoldRows { train, held }
            })
            .collect();
        // The full path and the fold paths do not depend on one another (each fold has its own
        // λ sequence): all are fitted at once, the full path as one more parallel task. Only the
        // fold predictions need the full-data λ.
        let (full, paths) = rayon::join(
            || {
                fit_rows(
                    &self.path,
                    design,
                    response,
                    None,
                    self.path.lambda.as_deref(),
                )
            },
            || {
                splits
                    .par_iter()
                    .enumerate()
                    .map(|(f, rows)| self.fold_path(design, response, &rows.train, f + 1))
                    .collect::<Vec<_>>()
            },
        );
        let full = full?;
        let mut warnings = Vec::new();
        if measure == Measure::Auc && (n as f64) / (k as f64) < 10.0 {
            warnings.push(format!(
                "too few (< 10) observations per fold for type.measure='auc'; changed to \
                 type.measure='deviance' (glmnet's rule; n = {n}, nfolds = {k})"
            ));
            measure = Measure::Deviance;
        }
        let lambda = full.lambda.clone();
        let nl = lambda.len();
        let fits: Vec<Result<FoldFit, LassoError>> = paths
            .into_par_iter()
            .zip(&splits)
            .map(|(path, rows)| fold_predictions(design, response, rows, &path?, &lambda, measure))
            .collect();
        let mut oof = vec![vec![0.0; n]; nl];
        let mut cox_dev = Vec::with_capacity(k);
        for (fit, rows) in fits.into_iter().zip(&splits) {
            let fit = fit?;
            for (l, eta) in fit.eta.iter().enumerate() {
                for (&i, &e) in rows.held.iter().zip(eta) {
                    oof[l][i] = e;
                }
            }
            cox_dev.push(fit.cox_dev);
        }
        let (cvm, cvsd) = cv_curve(response, &foldid, k, measure, &oof, &cox_dev)?;
        let sign = if measure.larger_is_better() {
            -1.0
        } else {
            1.0
        };
        let score: Vec<f64> = cvm.iter().map(|m| sign * m).collect();
        let best = score.iter().copied().fold(f64::INFINITY, f64::min);
        // λ decreases along the path, so the first index attaining a value is the largest λ.
        let imin = score.iter().position(|&s| s <= best).unwrap_or(0);
        let bound = score[imin] + cvsd[imin];
        let i1se = score.iter().position(|&s| s <= bound).unwrap_or(imin);
        Ok(CvResult {
            family,
            measure,
            cvup: cvm.iter().zip(&cvsd).map(|(m, s)| m + s).collect(),
            cvlo: cvm.iter().zip(&cvsd).map(|(m, s)| m - s).collect(),
            nzero: full.nzero.clone(),
            lambda_min: lambda[imin],
            lambda_1se: lambda[i1se],
            index_min: imin + 1,
            index_1se: i1se + 1,
            coef_lambda_min: full.coefficients(imin)?,
            coef_lambda_1se: full.coefficients(i1se)?,
            oof_lambda_min: oof[imin].clone(),
            oof_lambda_1se: oof[i1se].clone(),
            foldid,
            warnings,
            lambda,
            cvm,
            cvsd,
            fit: full,
            oof,
        })
    }

    /// The path of fold `fold`: fitted on its training rows (the other folds') with the user's
    /// λ argument.
    fn fold_path(
        &self,
        design: &Design,
        response: &Response,
        train: &[usize],
        fold: usize,
    ) -> Result<LassoPath, LassoError> {
        response
            .subset(train)
            .validate(train.len())
            .map_err(|e| LassoError::FoldTraining {
                fold,
                reason: e.to_string(),
            })?;
        fit_rows(
            &self.path,
            design,
            response,
            Some(train),
            self.path.lambda.as_deref(),
        )
    }
}

/// The held-out predictions of a fold at the full-data λ values, from its `path`.
fn fold_predictions(
    design: &Design,
    response: &Response,
    rows: &FoldRows,
    path: &LassoPath,
    lambda: &[f64],
    measure: Measure,
) -> Result<FoldFit, LassoError> {
    let n = design.rows();
    let FoldRows { train, held } = rows;
    // Coefficients at every full-data λ, interpolated on the fold's own path.
    let coef: Vec<(f64, Vec<f64>)> = lambda
        .iter()
        .map(|&s| {
            let (left, right, frac) = interpolate(&path.lambda, s);
            let a0 = frac * path.a0[left] + (1.0 - frac) * path.a0[right];
            let beta = path.beta[left]
                .iter()
                .zip(&path.beta[right])
                .map(|(l, r)| frac * l + (1.0 - frac) * r)
                .collect();
            (a0, beta)
        })
        .collect();
    let predict = |a0: f64, beta: &[f64], rows: &[usize]| -> Vec<f64> {
        let mut eta = vec![a0; rows.len()];
        for (j, &b) in beta.iter().enumerate() {
            if b != 0.0 {
                let x = design.column(j);
                for (e, &i) in eta.iter_mut().zip(rows) {
                    *e += b * x[i];
                }
            }
        }
        eta
    };
    let eta: Vec<Vec<f64>> = coef.iter().map(|(a0, b)| predict(*a0, b, held)).collect();
    let cox_dev = match (response, measure) {
        (Response::Cox { time, status }, Measure::Deviance) => {
            let all: Vec<usize> = (0..n).collect();
            let full_risk = CoxRisk::new(time, status);
            let sub = |v: &[f64]| train.iter().map(|&i| v[i]).collect::<Vec<f64>>();
            let train_risk = CoxRisk::new(&sub(time), &sub(status));
            coef.iter()
                .map(|(_, b)| {
                    full_risk.deviance(&predict(0.0, b, &all))
                        - train_risk.deviance(&predict(0.0, b, train))
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(FoldFit { eta, cox_dev })
}

/// glmnet's `lambda.interp`: the path values bracketing `s` (clamped to the path's range) and
/// the weight of the left (larger-λ) one; coefficients are interpolated linearly in λ.
fn interpolate(path: &[f64], s: f64) -> (usize, usize, f64) {
    let k = path.len();
    if k == 1 {
        return (0, 0, 1.0);
    }
    let s = s.clamp(path[k - 1], path[0]);
    // First index whose λ is ≤ s (the path decreases).
    let right = path.iter().position(|&l| l <= s).unwrap_or(k - 1);
    if path[right] == s || right == 0 {
        return (right, right, 1.0);
    }
    let left = right - 1;
    let width = path[left] - path[right];
    if width.abs() < f64::EPSILON {
        return (left, right, 1.0);
    }
    (left, right, (s - path[right]) / width)
}

/// cvm and cvsd per λ from the out-of-fold predictions.
fn cv_curve(
    response: &Response,
    foldid: &[usize],
    k: usize,
    measure: Measure,
    oof: &[Vec<f64>],
    cox_dev: &[Vec<f64>],
) -> Result<(Vec<f64>, Vec<f64>), LassoError> {
    let n = foldid.len();
    let family = response.family();
    let members: Vec<Vec<usize>> = (1..=k)
        .map(|f| (0..n).filter(|&i| foldid[i] == f).collect())
        .collect();
    let sizes: Vec<f64> = members.iter().map(|m| m.len() as f64).collect();
    let mut cvm = Vec::with_capacity(oof.len());
    let mut cvsd = Vec::with_capacity(oof.len());
    for (l, eta) in oof.iter().enumerate() {
        let (m, s) = match (response, measure) {
            (Response::Cox { status, .. }, Measure::Deviance) => {
                let events: Vec<f64> = members
                    .iter()
                    .map(|m| m.iter().map(|&i| status[i]).sum())
                    .collect();
                let f: Vec<f64> = (0..k).map(|f| cox_dev[f][l] / events[f]).collect();
                measure::reduce(&f, &events)
            }
            (Response::Cox { time, status }, _) => {
                let mut f = Vec::with_capacity(k);
                for (fold, m) in members.iter().enumerate() {
                    let pick = |v: &[f64]| m.iter().map(|&i| v[i]).collect::<Vec<f64>>();
                    f.push(
                        measure::harrell_c(&pick(time), &pick(status), &pick(eta))
                            .ok_or(LassoError::NoComparablePair { fold: fold + 1 })?,
                    );
                }
                measure::reduce(&f, &sizes)
            }
            (Response::Binomial(y), Measure::Auc) => {
                let mut f = Vec::with_capacity(k);
                for (fold, m) in members.iter().enumerate() {
                    let ys: Vec<f64> = m.iter().map(|&i| y[i]).collect();
                    let es: Vec<f64> = m.iter().map(|&i| eta[i]).collect();
                    f.push(measure::auc(&ys, &es).ok_or(LassoError::SingleClassFold {
                        fold: fold + 1,
                        class: ys[0],
                    })?);
                }
                measure::reduce(&f, &sizes)
            }
            (Response::Gaussian(y) | Response::Binomial(y), _) => {
                let raw: Vec<f64> = (0..n)
                    .map(|i| measure::pointwise(family, measure, y[i], eta[i]))
                    .collect();
                if (n as f64) / (k as f64) < 3.0 {
                    // glmnet ungroups: every observation is a group of weight 1.
                    measure::reduce(&raw, &vec![1.0; n])
                } else {
                    let f: Vec<f64> = members
                        .iter()
                        .map(|m| m.iter().map(|&i| raw[i]).sum::<f64>() / m.len() as f64)
                        .collect();
                    measure::reduce(&f, &sizes)
                }
            }
        };
        cvm.push(m);
        cvsd.push(s);
    }
    Ok((cvm, cvsd))
}
