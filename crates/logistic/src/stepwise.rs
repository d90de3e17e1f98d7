//! Stepwise variable selection: R's `step` (AIC or BIC) and SPSS's p-value stepwise.
//!
//! **Information criteria (R's `step`, Venables & Ripley 2002, §6.8).** The criterion of a
//! model with deviance D and p parameters is D + k·p, k = 2 (AIC) or k = log n (BIC). From the
//! start model, each step evaluates, in this order, the current model ("<none>"), the removal
//! of every variable of the current model not in the lower scope (`backward`, `both`), and
//! the addition of every variable of the upper scope not in the model (`forward`, `both`);
//! the move with the smallest criterion is taken, ties going to the earliest in that order,
//! and the search stops when "<none>" is (one of) the smallest. Removals keep the order of
//! the remaining terms; additions are appended (as R's `update(~ . + x)`). A factor's
//! dummies move together. The start is the full upper scope for `both` and `backward`, the
//! lower scope for `forward`, unless given.
//!
//! **p-values (SPSS `LOGISTIC REGRESSION /METHOD = FSTEP(LR)` or `BSTEP(LR)`).** Entry is
//! tested with Rao's score statistic of each eligible variable given the current model
//! ([`crate::score`]), removal with the likelihood-ratio statistic of dropping each variable
//! of the current model. Forward (`forward` and `both`): starting from the lower scope,
//! (1) enter the variable with the smallest score p if that p < `entry` (default 0.05),
//! otherwise stop; (2) then, while the variable of the model with the largest LR p has p >
//! `removal` (default 0.10), remove it; go to (1). Backward: starting from the full model,
//! (1) while the largest LR p exceeds `removal`, remove that variable; (2) enter the
//! variable with the smallest score p below `entry`, if any, and go to (1), else stop. In both
//! the search also stops when a model recurs (SPSS's guard against cycling). Ties go to the
//! variable listed first.

use std::collections::HashSet;

use serde::Serialize;

use crate::design::Design;
use crate::dist::chisq_upper;
use crate::drop1::deviance_of;
use crate::error::LogisticError;
use crate::fit::{LogisticFit, LogisticParams};
use crate::score::score_test;

/// Search direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Both,
    Forward,
    Backward,
}

/// Selection criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    /// D + 2p.
    Aic,
    /// D + p·log n.
    Bic,
    /// SPSS: score-test entry, LR-test removal.
    P,
}

/// Stepwise settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepwiseParams {
    pub direction: Direction,
    pub criterion: Criterion,
    /// Start model (variables); `None`: the full scope for both/backward, the lower scope
    /// for forward.
    pub start: Option<Vec<String>>,
    /// Variables that are never removed (R's `scope = list(lower = ...)`).
    pub lower: Vec<String>,
    /// Entry significance for the p criterion (SPSS PIN).
    pub entry: f64,
    /// Removal significance for the p criterion (SPSS POUT).
    pub removal: f64,
    /// Maximum number of steps (R's `steps = 1000`).
    pub max_steps: usize,
    /// How each model is fitted; the final model uses these settings (profile CIs included
    /// if requested), intermediate ones skip profile limits.
    pub fit: LogisticParams,
}

impl Default for StepwiseParams {
    fn default() -> Self {
        StepwiseParams {
            direction: Direction::Both,
            criterion: Criterion::Aic,
            start: None,
            lower: Vec::new(),
            entry: 0.05,
            removal: 0.10,
            max_steps: 1000,
            fit: LogisticParams::default(),
        }
    }
}

/// One move of the search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// `"+ x"` or `"- x"` (R's `anova` component of `step`).
    pub action: String,
    /// The variable entered or removed.
    pub variable: String,
    /// Criterion of the model after the move (AIC/BIC), or `None` for the p criterion.
    pub criterion: Option<f64>,
    /// Score (entry) or LR (removal) statistic, for the p criterion.
    pub statistic: Option<f64>,
    /// Its p-value, for the p criterion.
    pub p: Option<f64>,
    /// Variables of the model after the move.
    pub model: Vec<String>,
}

/// The result of a stepwise search.
#[derive(Debug, Clone, Serialize)]
pub struct StepwiseResult {
    pub direction: Direction,
    pub criterion: Criterion,
    /// The penalty per parameter (2 or log n) for AIC/BIC.
    pub k: Option<f64>,
    /// Variables of the start model.
    pub start: Vec<String>,
    /// Variables of the selected model, in model order.
    pub selected: Vec<String>,
    /// The moves, in order.
    pub steps: Vec<Step>,
    /// The selected model.
    pub fit: LogisticFit,
}

/// Runs the stepwise search over the variables of `scope` (the upper scope).
pub fn stepwise(
    params: &StepwiseParams,
    scope: &Design,
    y: &[f64],
) -> Result<StepwiseResult, LogisticError> {
    let upper = scope.variable_names();
    for v in params.lower.iter().chain(params.start.iter().flatten()) {
        if !upper.contains(v) {
            return Err(LogisticError::UnknownTerm(v.clone()));
        }
    }
    let mut start = match (&params.start, params.direction) {
        (Some(s), _) => s.clone(),
        (None, Direction::Forward) => params.lower.clone(),
        (None, _) => upper.clone(),
    };
    for l in &params.lower {
        if !start.contains(l) {
            start.push(l.clone());
        }
    }
    let (selected, steps, k) = match params.criterion {
        Criterion::Aic => {
            let (s, st) = by_criterion(params, scope, y, &upper, start.clone(), 2.0)?;
            (s, st, Some(2.0))
        }
        Criterion::Bic => {
            let k = (y.len() as f64).ln();
            let (s, st) = by_criterion(params, scope, y, &upper, start.clone(), k)?;
            (s, st, Some(k))
        }
        Criterion::P => {
            let (s, st) = by_p(params, scope, y, &upper, start.clone())?;
            (s, st, None)
        }
    };
    let fit = params.fit.fit(&scope.select_variables(&selected)?, y)?;
    Ok(StepwiseResult {
        direction: params.direction,
        criterion: params.criterion,
        k,
        start,
        selected,
        steps,
        fit,
    })
}

fn criterion_of(
    params: &StepwiseParams,
    scope: &Design,
    y: &[f64],
    model: &[String],
    k: f64,
) -> Result<f64, LogisticError> {
    let (dev, p) = deviance_of(&params.fit, &scope.select_variables(model)?, y)?;
    Ok(dev + k * p as f64)
}

type Search = (Vec<String>, Vec<Step>);

fn by_criterion(
    params: &StepwiseParams,
    scope: &Design,
    y: &[f64],
    upper: &[String],
    mut current: Vec<String>,
    k: f64,
) -> Result<Search, LogisticError> {
    let backward = matches!(params.direction, Direction::Both | Direction::Backward);
    let forward = matches!(params.direction, Direction::Both | Direction::Forward);
    let mut steps = Vec::new();
    let mut best = criterion_of(params, scope, y, &current, k)?;
    for _ in 0..params.max_steps {
        // candidate moves in R's order: drops (model order), then adds (scope order)
        let mut moves: Vec<(String, Vec<String>, bool)> = Vec::new();
        if backward {
            for v in current.iter().filter(|v| !params.lower.contains(v)) {
                let m: Vec<String> = current.iter().filter(|w| *w != v).cloned().collect();
                moves.push((v.clone(), m, false));
            }
        }
        if forward {
            for v in upper.iter().filter(|v| !current.contains(v)) {
                let mut m = current.clone();
                m.push(v.clone());
                moves.push((v.clone(), m, true));
            }
        }
        let mut chosen: Option<(usize, f64)> = None;
        for (i, (_, m, _)) in moves.iter().enumerate() {
            // a candidate that cannot be fitted (singular, not converging) is not eligible
            let Ok(c) = criterion_of(params, scope, y, m, k) else {
                continue;
            };
            let incumbent = chosen.map_or(best, |(_, b)| b);
            if c < incumbent {
                chosen = Some((i, c));
            }
        }
        let Some((i, c)) = chosen else {
            break;
        };
        let (v, m, add) = moves.swap_remove(i);
        current = m;
        best = c;
        steps.push(Step {
            action: format!("{} {v}", if add { "+" } else { "-" }),
            variable: v,
            criterion: Some(c),
            statistic: None,
            p: None,
            model: current.clone(),
        });
    }
    Ok((current, steps))
}

/// LR removal test of each removable variable; the one with the largest p.
fn worst_removal(
    params: &StepwiseParams,
    scope: &Design,
    y: &[f64],
    current: &[String],
) -> Result<Option<(String, f64, f64)>, LogisticError> {
    let (dev, p_full) = deviance_of(&params.fit, &scope.select_variables(current)?, y)?;
    let mut worst: Option<(String, f64, f64)> = None;
    for v in current.iter().filter(|v| !params.lower.contains(v)) {
        let m: Vec<String> = current.iter().filter(|w| *w != v).cloned().collect();
        let Ok((d, p)) = deviance_of(&params.fit, &scope.select_variables(&m)?, y) else {
            continue;
        };
        let lr = d - dev;
        let pv = chisq_upper(lr, (p_full - p) as f64);
        if worst.as_ref().is_none_or(|w| pv > w.2) {
            worst = Some((v.clone(), lr, pv));
        }
    }
    Ok(worst)
}

/// Score entry test of each eligible variable; the one with the smallest p.
fn best_entry(
    params: &StepwiseParams,
    scope: &Design,
    y: &[f64],
    upper: &[String],
    current: &[String],
) -> Result<Option<(String, f64, f64)>, LogisticError> {
    let cur = scope.select_variables(current)?;
    let cheap = LogisticParams {
        profile: false,
        firth: false,
        ..params.fit.clone()
    };
    let fit = cheap.fit(&cur, y)?;
    let mut best: Option<(String, f64, f64)> = None;
    for v in upper.iter().filter(|v| !current.contains(v)) {
        let cand = scope.select_variables(std::slice::from_ref(v))?;
        let Some((s, _, pv)) = score_test(&cur, &cand, &fit.linear_predictor, &fit.fitted, y)
        else {
            continue;
        };
        if best.as_ref().is_none_or(|b| pv < b.2) {
            best = Some((v.clone(), s, pv));
        }
    }
    Ok(best)
}

fn by_p(
    params: &StepwiseParams,
    scope: &Design,
    y: &[f64],
    upper: &[String],
    mut current: Vec<String>,
) -> Result<Search, LogisticError> {
    let mut steps = Vec::new();
    let mut seen: HashSet<Vec<String>> = HashSet::new();
    let key = |m: &[String]| {
        let mut k = m.to_vec();
        k.sort();
        k
    };
    seen.insert(key(&current));
    let forward = params.direction != Direction::Backward;
    let push = |steps: &mut Vec<Step>, add: bool, v: &str, s: f64, p: f64, m: &[String]| {
        steps.push(Step {
            action: format!("{} {v}", if add { "+" } else { "-" }),
            variable: v.to_string(),
            criterion: None,
            statistic: Some(s),
            p: Some(p),
            model: m.to_vec(),
        });
    };
    'outer: while steps.len() < params.max_steps {
        if forward {
            match best_entry(params, scope, y, upper, &current)? {
                Some((v, s, p)) if p < params.entry => {
                    current.push(v.clone());
                    push(&mut steps, true, &v, s, p, &current);
                    if !seen.insert(key(&current)) {
                        break 'outer;
                    }
                }
                _ => break 'outer,
            }
        }
        // removals
        while steps.len() < params.max_steps {
            match worst_removal(params, scope, y, &current)? {
                Some((v, s, p)) if p > params.removal => {
                    current.retain(|w| *w != v);
                    push(&mut steps, false, &v, s, p, &current);
                    if !seen.insert(key(&current)) {
                        break 'outer;
                    }
                }
                _ => break,
            }
        }
        if !forward {
            match best_entry(params, scope, y, upper, &current)? {
                Some((v, s, p)) if p < params.entry => {
                    current.push(v.clone());
                    push(&mut steps, true, &v, s, p, &current);
                    if !seen.insert(key(&current)) {
                        break 'outer;
                    }
                }
                _ => break 'outer,
            }
        }
    }
    Ok((current, steps))
}
