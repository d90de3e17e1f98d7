//! The workflow of the seed study, in its order: derive → Table 1 → Youden cutoffs →
//! univariate screen → LASSO → stepwise multivariable → named models → ROC with DeLong
//! comparisons → nomogram → calibration with bootstrap validation → decision curve → risk
//! groups with KM, log-rank and Cox → subgroup AUCs → Kruskal–Wallis of the score across
//! groups → interobserver agreement.
//!
//! Every model is fitted on the training part only (the whole cohort without a split); every
//! performance table is computed on each part from the training fit. The ROC direction of a
//! model's probability is fixed (higher probability = event, pROC's `<`), never re-chosen on
//! a part; Youden cutoffs of single variables use pROC's automatic direction.

use std::time::Instant;

use nomo_calibration::{
    BootstrapParams, LogisticRefit, bootstrap_validate, hosmer_lemeshow, val_prob,
};
use nomo_dca::{ModelInput, decision_curve, default_thresholds, parse_grid};
use nomo_describe::{TableOneParams, Variable, kruskal_wallis, table_one};
use nomo_lasso::{CvParams, Folds, LassoParams, Measure, Response};
use nomo_logistic::{
    Criterion, Design, Direction as StepDirection, LogisticParams, Nomogram, StepwiseParams, expit,
    screen_design, stepwise,
};
use nomo_roc::{
    Alternative, Direction, DirectionRule, Roc, delong_joint, delong_paired, delong_unpaired,
};
use nomo_survival::{CoxOptions, CutoffRule, KmOptions, SurvivalData, risk_groups};
use serde::Serialize;

use crate::cohort::{self, Cohort, Part};
use crate::design::{full_design, pick, restrict, select};
use crate::error::WorkflowError;
use crate::frozen::FrozenModel;
use crate::report::*;
use crate::spec::LoadedSpec;

/// The version written into reports and frozen models.
pub const NOMO_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Options of a run that are not part of the spec.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Overrides the spec's base seed.
    pub seed: Option<u64>,
}

/// One line of `run.log`.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub step: String,
    pub seconds: f64,
    pub detail: String,
}

/// The result of a run: the report, the frozen model, the log, and what the figures need.
#[derive(Debug, Clone)]
pub struct Run {
    pub report: Report,
    pub model: Option<FrozenModel>,
    pub log: Vec<LogEntry>,
    /// Outcome of the analysis rows.
    pub y: Vec<f64>,
    /// Part of each analysis row.
    pub parts: Vec<Option<Part>>,
}

/// Tight IRLS tolerance: the fits land on the optimum (the references used glm ε = 1e-14).
fn logistic_params() -> LogisticParams {
    LogisticParams {
        epsilon: 1e-14,
        max_iter: 100,
        ..LogisticParams::default()
    }
}

struct Clock {
    log: Vec<LogEntry>,
    start: Instant,
}

impl Clock {
    fn lap(&mut self, step: &str, detail: String) {
        let now = Instant::now();
        self.log.push(LogEntry {
            step: step.to_string(),
            seconds: (now - self.start).as_secs_f64(),
            detail,
        });
        self.start = now;
    }
}

/// Runs the spec's workflow.
pub fn run(loaded: &LoadedSpec, options: &RunOptions) -> Result<Run, WorkflowError> {
    let mut spec = loaded.spec.clone();
    if let Some(s) = options.seed {
        spec.seed = s;
    }
    let mut clock = Clock {
        log: Vec::new(),
        start: Instant::now(),
    };
    let cohort = cohort::build(loaded)?;
    let y = cohort.y().to_vec();
    let events = y.iter().filter(|&&v| v == 1.0).count();
    let mut detail = format!(
        "{} rows read; {} used, {}; {} events",
        cohort.table.n_rows(),
        cohort.data.n_used,
        cohort.data.summary(),
        events
    );
    for d in &cohort.derived {
        detail.push_str(&format!("\n  derived {}", d.summary()));
    }
    clock.lap("data", detail);
    let split = cohort.split_summary(&spec);
    clock.lap(
        "split",
        split
            .parts
            .iter()
            .map(|p| format!("{} {} rows ({} events)", p.part.as_str(), p.n, p.events))
            .collect::<Vec<_>>()
            .join(", ")
            + &split
                .seed
                .map(|s| format!("; seed {s}"))
                .unwrap_or_default(),
    );

    let full = full_design(&cohort.data);
    let train = cohort.rows_of(Part::Training);
    let y_train = pick(&y, &train);

    let table_one = match &spec.table_one {
        Some(t) => {
            let r = table_one_step(&cohort, t, &spec.outcome.column)?;
            clock.lap("table_one", format!("{} rows, by {}", r.n, r.by));
            Some(r)
        }
        None => None,
    };

    let youden = match &spec.youden {
        Some(ys) => {
            let vars = match &ys.variables {
                Some(v) => v.clone(),
                None => spec
                    .candidates
                    .iter()
                    .filter(|c| is_continuous(&full, c))
                    .cloned()
                    .collect(),
            };
            let r = youden_step(&full, &vars, &train, &y_train)?;
            clock.lap(
                "youden",
                format!("{} variables on {} training rows", r.len(), train.len()),
            );
            Some(r)
        }
        None => None,
    };

    let univariate = match &spec.univariate {
        Some(u) => {
            let d = select(&full, &spec.candidates, &train, "univariate")?;
            let rows = screen_design(&logistic_params().without_profile(), &d, &y_train)
                .map_err(|e| WorkflowError::step("univariate", e))?;
            let mut out = Vec::new();
            for r in rows {
                if let Some(e) = &r.error {
                    return Err(WorkflowError::step(
                        "univariate",
                        format!("{}: {e}", r.variable),
                    ));
                }
                let passes = if r.terms.len() == 1 {
                    r.terms[0].p < u.p_threshold
                } else {
                    r.lr_p.is_some_and(|p| p < u.p_threshold)
                };
                for t in &r.terms {
                    out.push(UnivariateRow {
                        variable: r.variable.clone(),
                        term: t.term.clone(),
                        n: r.n,
                        estimate: t.estimate,
                        std_error: t.std_error,
                        z: t.z,
                        p: t.p,
                        odds_ratio: t.odds_ratio,
                        or_lower: t.or_lower,
                        or_upper: t.or_upper,
                        lr_p: r.lr_p,
                        selected: passes,
                    });
                }
            }
            clock.lap(
                "univariate",
                format!(
                    "{} candidates, p < {}: {} pass",
                    spec.candidates.len(),
                    u.p_threshold,
                    passing(&out).len()
                ),
            );
            Some(out)
        }
        None => None,
    };

    let lasso = match &spec.lasso {
        Some(l) => {
            let seed = l.seed.unwrap_or(spec.seed);
            let r = lasso_step(&cohort, &full, l, &spec.candidates, &train, &y_train, seed)?;
            clock.lap(
                "lasso",
                format!(
                    "{} folds ({}), seed {}; lambda.{} = {}; {} selected",
                    l.folds,
                    l.fold_rule,
                    seed,
                    l.lambda,
                    r.0.lambda,
                    r.0.selected.len()
                ),
            );
            Some(r)
        }
        None => None,
    };

    let stepwise_step = match &spec.stepwise {
        Some(st) => {
            let scope: Vec<String> = match st.from.as_str() {
                "univariate" => univariate.as_deref().map(passing).unwrap_or_default(),
                "lasso" => lasso
                    .as_ref()
                    .map(|l| l.0.selected.clone())
                    .unwrap_or_default(),
                _ => spec.candidates.clone(),
            };
            if scope.is_empty() {
                return Err(WorkflowError::step(
                    "stepwise",
                    "empty scope: no variable to select from",
                ));
            }
            let d = select(&full, &scope, &train, "stepwise")?;
            let params = StepwiseParams {
                direction: match st.direction.as_str() {
                    "forward" => StepDirection::Forward,
                    "backward" => StepDirection::Backward,
                    _ => StepDirection::Both,
                },
                criterion: match st.criterion.as_str() {
                    "bic" => Criterion::Bic,
                    "p" => Criterion::P,
                    _ => Criterion::Aic,
                },
                fit: logistic_params(),
                ..StepwiseParams::default()
            };
            let result =
                stepwise(&params, &d, &y_train).map_err(|e| WorkflowError::step("stepwise", e))?;
            clock.lap(
                "stepwise",
                format!(
                    "scope {} variables; selected {}",
                    scope.len(),
                    result.selected.join(", ")
                ),
            );
            Some(StepwiseStep { scope, result })
        }
        None => None,
    };

    // Named models, with the Rad-score column when a model asks for it.
    let mut full = full;
    if spec.models.iter().any(|m| m.rad_score)
        && let Some((_, ref score)) = lasso
    {
        full.names.push("rad_score".into());
        full.variables.push("rad_score".into());
        full.columns.push(score.clone());
    }
    let mut models = Vec::new();
    let mut fits: Vec<(String, Design)> = Vec::new();
    for m in &spec.models {
        let mut vars: Vec<String> = Vec::new();
        if m.rad_score {
            vars.push("rad_score".into());
        }
        match m.from.as_deref() {
            Some("lasso") => vars.extend(
                lasso
                    .as_ref()
                    .map(|l| l.0.selected.clone())
                    .unwrap_or_default(),
            ),
            Some("stepwise") => vars.extend(
                stepwise_step
                    .as_ref()
                    .map(|s| s.result.selected.clone())
                    .unwrap_or_default(),
            ),
            _ => {}
        }
        for t in &m.terms {
            if !vars.contains(t) {
                vars.push(t.clone());
            }
        }
        let step = format!("model {}", m.name);
        let d_all = full
            .select_variables(&vars)
            .map_err(|e| WorkflowError::step(&step, e))?;
        let d_train = restrict(&d_all, &train);
        let fit = logistic_params()
            .fit(&d_train, &y_train)
            .map_err(|e| WorkflowError::step(&step, e))?;
        let eta = fit
            .predict_linear_design(&d_all)
            .map_err(|e| WorkflowError::step(&step, e))?;
        let predicted: Vec<f64> = eta.iter().map(|&e| expit(e)).collect();
        let performance = performance(&cohort, &predicted, &y, &step)?;
        clock.lap(
            &step,
            format!(
                "{} on {} training rows; AUC {:.4}",
                vars.join(" + "),
                train.len(),
                performance[0].auc
            ),
        );
        models.push(ModelResult {
            name: m.name.clone(),
            variables: vars,
            fit,
            performance,
            predicted,
        });
        fits.push((m.name.clone(), d_all));
    }
    let model = |name: &str| models.iter().position(|m| m.name == name);

    let mut delong = Vec::new();
    let mut joint = Vec::new();
    if let Some(r) = &spec.roc {
        for part in cohort.present_parts() {
            let rows = cohort.rows_of(part);
            let yb: Vec<bool> = rows.iter().map(|&i| y[i] == 1.0).collect();
            let roc_of = |k: usize| {
                Roc::new(
                    &pick(&models[k].predicted, &rows),
                    &yb,
                    DirectionRule::Fixed(Direction::Less),
                )
                .map_err(|e| WorkflowError::step("roc", e))
            };
            for [a, b] in &r.compare {
                let (ka, kb) = (model(a).unwrap_or(0), model(b).unwrap_or(0));
                let (ra, rb) = (roc_of(ka)?, roc_of(kb)?);
                let comparison = delong_paired(&ra, &rb, Alternative::TwoSided, 0.95)
                    .map_err(|e| WorkflowError::step("roc", e))?;
                delong.push(DelongRow {
                    a: a.clone(),
                    b: b.clone(),
                    part,
                    auc_a: ra.auc(),
                    auc_b: rb.auc(),
                    comparison,
                });
            }
            if r.joint.len() >= 3 {
                let rocs: Vec<Roc> = r
                    .joint
                    .iter()
                    .map(|m| roc_of(model(m).unwrap_or(0)))
                    .collect::<Result<_, _>>()?;
                let refs: Vec<&Roc> = rocs.iter().collect();
                let test = delong_joint(&refs).map_err(|e| WorkflowError::step("roc", e))?;
                joint.push(JointRow {
                    models: r.joint.clone(),
                    part,
                    test,
                });
            }
        }
        clock.lap("roc", format!("{} DeLong comparisons", delong.len()));
    }

    let mut frozen = None;
    let nomogram = match &spec.nomogram {
        Some(n) => {
            let k = model(&n.model).unwrap_or(0);
            let d_train = restrict(&fits[k].1, &train);
            let vars = models[k]
                .fit
                .nomogram_variables(&d_train, "reference")
                .map_err(|e| WorkflowError::step("nomogram", e))?;
            let nomo = Nomogram::new(models[k].fit.coefficients[0].estimate, &vars)
                .map_err(|e| WorkflowError::step("nomogram", e))?;
            clock.lap(
                "nomogram",
                format!("model {}; max {:.1} points", n.model, nomo.max_total_points),
            );
            frozen = Some((k, nomo.clone()));
            Some(NomogramStep {
                model: n.model.clone(),
                nomogram: nomo,
            })
        }
        None => None,
    };

    let mut calibration = Vec::new();
    let mut bootstrap = None;
    if let Some(c) = &spec.calibration {
        for name in &c.models {
            let k = model(name).unwrap_or(0);
            for part in cohort.present_parts() {
                let rows = cohort.rows_of(part);
                let p = pick(&models[k].predicted, &rows);
                let yp = pick(&y, &rows);
                let step = format!("calibration {name}");
                calibration.push(CalibrationRow {
                    model: name.clone(),
                    part,
                    val_prob: val_prob(&p, &yp).map_err(|e| WorkflowError::step(&step, e))?,
                    hosmer_lemeshow: hosmer_lemeshow(&p, &yp, c.hl_groups)
                        .map_err(|e| WorkflowError::step(&step, e))?,
                });
            }
        }
        if c.bootstrap > 0 {
            let name = c
                .bootstrap_model
                .clone()
                .unwrap_or_else(|| c.models[0].clone());
            let k = model(&name).unwrap_or(0);
            let d_train = restrict(&fits[k].1, &train);
            let refit = LogisticRefit::new(&d_train, &y_train, logistic_params());
            let seed = c.seed.unwrap_or(spec.seed);
            let validation = bootstrap_validate(
                &refit,
                &y_train,
                &BootstrapParams {
                    resamples: c.bootstrap,
                    seed,
                },
                None,
            )
            .map_err(|e| WorkflowError::step("bootstrap", e))?;
            clock.lap(
                "calibration",
                format!(
                    "bootstrap B = {} (seed {seed}, {} successful), model {name}",
                    c.bootstrap, validation.successful
                ),
            );
            bootstrap = Some(BootstrapStep {
                model: name,
                validation,
            });
        } else {
            clock.lap("calibration", "no bootstrap".into());
        }
    }

    let mut dca = Vec::new();
    if let Some(d) = &spec.dca {
        let thresholds = match &d.thresholds {
            Some(t) => parse_grid(t).map_err(|e| WorkflowError::step("dca", e))?,
            None => default_thresholds(),
        };
        for part in cohort.present_parts() {
            let rows = cohort.rows_of(part);
            let probs: Vec<Vec<f64>> = d
                .models
                .iter()
                .map(|m| pick(&models[model(m).unwrap_or(0)].predicted, &rows))
                .collect();
            let inputs: Vec<ModelInput> = d
                .models
                .iter()
                .zip(&probs)
                .map(|(name, p)| ModelInput {
                    name,
                    probs: p,
                    harm: 0.0,
                })
                .collect();
            let curve = decision_curve(&pick(&y, &rows), &inputs, &thresholds)
                .map_err(|e| WorkflowError::step("dca", e))?;
            dca.push(DcaRow { part, curve });
        }
        clock.lap("dca", format!("{} thresholds", thresholds.len()));
    }

    let mut risk = Vec::new();
    if let Some(r) = &spec.risk_groups {
        let k = model(&r.model).unwrap_or(0);
        let surv = &spec.survival[&r.survival];
        let (rule, rule_name) = match &r.cutoff {
            toml::Value::String(s) if s == "median" => (CutoffRule::Median, "median"),
            toml::Value::Float(x) => (CutoffRule::Given { cutoff: *x }, "given"),
            toml::Value::Integer(x) => (CutoffRule::Given { cutoff: *x as f64 }, "given"),
            _ => (
                CutoffRule::Youden {
                    cutoff: models[k].performance[0].cutoff,
                },
                "youden",
            ),
        };
        let time = cohort.numbers(&surv.time)?;
        let status_raw = cohort.numbers(&surv.status)?;
        for part in cohort.present_parts() {
            let rows: Vec<usize> = cohort
                .rows_of(part)
                .into_iter()
                .filter(|&i| time[i].is_some() && status_raw[i].is_some())
                .collect();
            let t: Vec<f64> = rows.iter().map(|&i| time[i].unwrap_or(f64::NAN)).collect();
            let s: Vec<f64> = rows
                .iter()
                .map(|&i| status_raw[i].unwrap_or(f64::NAN))
                .collect();
            let event: Vec<bool> = match &surv.event {
                Some(e) => {
                    let code: f64 = e.parse().map_err(|_| {
                        loaded.error(
                            "survival.event",
                            format!("`{e}` is not a numeric status code"),
                        )
                    })?;
                    s.iter().map(|&v| v == code).collect()
                }
                None => nomo_survival::status_from_codes(&s)
                    .map_err(|e| WorkflowError::step("risk_groups", e))?,
            };
            let data =
                SurvivalData::new(&t, &event).map_err(|e| WorkflowError::step("risk_groups", e))?;
            let score = pick(&models[k].predicted, &rows);
            let cox = CoxOptions {
                eps: 1e-14,
                max_iter: 100,
                ..CoxOptions::default()
            };
            let g = risk_groups(&data, &score, rule, KmOptions::default(), &cox)
                .map_err(|e| WorkflowError::step("risk_groups", e))?;
            risk.push(RiskGroupRow {
                model: r.model.clone(),
                survival: r.survival.clone(),
                part,
                rule: rule_name.into(),
                cutoff: g.cutoff,
                n: rows.len(),
                n_low: g.n_low,
                n_high: g.n_high,
                strata: g
                    .strata
                    .into_iter()
                    .map(|s| RiskStratum {
                        group: s.name,
                        curve: s.curve,
                    })
                    .collect(),
                logrank: g.logrank,
                cox: g.cox,
            });
        }
        clock.lap(
            "risk_groups",
            format!(
                "model {}, {} cutoff {}",
                r.model,
                rule_name,
                risk.first().map_or(f64::NAN, |r| r.cutoff)
            ),
        );
    }

    let subgroups = match &spec.subgroups {
        Some(sg) => {
            let r = subgroup_step(
                &cohort,
                &models[model(&sg.model).unwrap_or(0)],
                &sg.variable,
                &y,
            )?;
            clock.lap(
                "subgroups",
                format!("{} levels of {}", r.groups.len(), sg.variable),
            );
            Some(r)
        }
        None => None,
    };

    let kw = match &spec.kruskal_wallis {
        Some(kws) => {
            let m = &models[model(&kws.model).unwrap_or(0)];
            let labels = cohort.texts(&kws.by)?;
            let (levels, groups) = groups_of(&labels, &m.predicted, &train);
            let refs: Vec<&[f64]> = groups.iter().map(Vec::as_slice).collect();
            let test =
                kruskal_wallis(&refs).map_err(|e| WorkflowError::step("kruskal_wallis", e))?;
            clock.lap(
                "kruskal_wallis",
                format!("{} groups of {}", levels.len(), kws.by),
            );
            Some(KruskalWallisStep {
                model: kws.model.clone(),
                by: kws.by.clone(),
                part: Part::Training,
                groups: levels,
                test,
            })
        }
        None => None,
    };

    let agreement = match &spec.agreement {
        Some(a) => {
            let r = crate::agreement::agreement_step(loaded, &cohort, a)?;
            clock.lap(
                "agreement",
                format!("{} ICC, {} kappa pairs", r.icc.len(), r.kappa.len()),
            );
            Some(r)
        }
        None => None,
    };

    let frozen_model = match frozen {
        Some((k, nomo)) => {
            let fm = FrozenModel::from_run(
                &spec,
                &cohort,
                &models[k],
                &fits[k].1,
                &train,
                &nomo,
                lasso.as_ref().map(|l| &l.0),
                risk.first()
                    .map(|r| r.cutoff)
                    .or(Some(models[k].performance[0].cutoff)),
            )?;
            Some(fm)
        }
        None => None,
    };

    let report = Report {
        nomo_version: NOMO_VERSION,
        name: spec.name.clone(),
        spec_file: loaded.path.display().to_string(),
        data_file: loaded.resolve(&spec.data.file).display().to_string(),
        seed: spec.seed,
        n_rows: cohort.table.n_rows(),
        n_used: cohort.data.n_used,
        n_dropped: cohort.data.n_dropped,
        excluded: cohort.data.excluded.clone(),
        outcome: spec.outcome.column.clone(),
        event: spec.outcome.event.clone(),
        events,
        split,
        derived: cohort.derived.clone(),
        table_one,
        youden,
        univariate,
        lasso: lasso.map(|l| l.0),
        stepwise: stepwise_step,
        models,
        delong,
        joint,
        nomogram,
        calibration,
        bootstrap,
        dca,
        risk_groups: risk,
        subgroups,
        kruskal_wallis: kw,
        agreement,
    };
    Ok(Run {
        report,
        model: frozen_model,
        log: clock.log,
        y,
        parts: cohort.parts.clone(),
    })
}

/// Variables passing the univariate screen, in candidate order.
fn passing(rows: &[UnivariateRow]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows.iter().filter(|r| r.selected) {
        if !out.contains(&r.variable) {
            out.push(r.variable.clone());
        }
    }
    out
}

/// A numeric variable (one term named by itself) with more than two distinct values.
fn is_continuous(full: &Design, variable: &str) -> bool {
    let idx: Vec<usize> = (0..full.names.len())
        .filter(|&j| full.variables[j] == variable)
        .collect();
    if idx.len() != 1 || full.names[idx[0]] != variable {
        return false;
    }
    let mut v = full.columns[idx[0]].clone();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v.len() > 2
}

fn table_one_step(
    cohort: &Cohort,
    t: &crate::spec::TableOneSpec,
    outcome: &str,
) -> Result<nomo_describe::TableOne, WorkflowError> {
    let by = t.by.clone().unwrap_or_else(|| outcome.to_string());
    let table = &cohort.table;
    let n = table.n_rows();
    let groups_col = table.column(&by)?;
    let groups: Vec<Option<String>> = (0..n).map(|i| groups_col.text(i)).collect();
    let mut vars = Vec::new();
    for c in &t.continuous {
        vars.push(Variable::continuous(c.clone(), table.numbers(c)?));
    }
    for c in &t.categorical {
        let col = table.column(c)?;
        vars.push(Variable::categorical(
            c.clone(),
            (0..n).map(|i| col.text(i)).collect(),
        ));
    }
    table_one(&by, &groups, &vars, &TableOneParams::default())
        .map_err(|e| WorkflowError::step("table_one", e))
}

fn youden_step(
    full: &Design,
    vars: &[String],
    train: &[usize],
    y_train: &[f64],
) -> Result<Vec<YoudenRow>, WorkflowError> {
    let yb: Vec<bool> = y_train.iter().map(|&v| v == 1.0).collect();
    let mut out = Vec::new();
    for v in vars {
        let j = full.names.iter().position(|n| n == v).ok_or_else(|| {
            WorkflowError::step(
                "youden",
                format!("`{v}` is not a numeric variable of the analysis"),
            )
        })?;
        let x = pick(&full.columns[j], train);
        let roc =
            Roc::new(&x, &yb, DirectionRule::Auto).map_err(|e| WorkflowError::step("youden", e))?;
        let summary = roc
            .summary(0.95)
            .map_err(|e| WorkflowError::step("youden", e))?;
        let best = summary
            .youden
            .first()
            .ok_or_else(|| WorkflowError::step("youden", format!("{v}: no Youden cutoff")))?;
        out.push(YoudenRow {
            variable: v.clone(),
            direction: summary.direction.as_str().to_string(),
            auc: summary.auc,
            threshold: best.threshold,
            sensitivity: best.sensitivity,
            specificity: best.specificity,
            n_best: summary.youden.len(),
            summary: summary.clone(),
        });
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn lasso_step(
    cohort: &Cohort,
    full: &Design,
    l: &crate::spec::LassoSpec,
    candidates: &[String],
    train: &[usize],
    y_train: &[f64],
    seed: u64,
) -> Result<(LassoStep, Vec<f64>), WorkflowError> {
    let vars = l.variables.clone().unwrap_or_else(|| candidates.to_vec());
    let d_all = full
        .select_variables(&vars)
        .map_err(|e| WorkflowError::step("lasso", e))?;
    let d_train = restrict(&d_all, train);
    let design = nomo_lasso::Design::new(d_train.names.clone(), d_train.columns.clone())
        .map_err(|e| WorkflowError::step("lasso", e))?;
    let response = match l.family.as_str() {
        "gaussian" => Response::Gaussian(y_train.to_vec()),
        _ => Response::Binomial(y_train.to_vec()),
    };
    let penalty: Vec<f64> = d_train
        .variables
        .iter()
        .map(|v| if l.unpenalized.contains(v) { 0.0 } else { 1.0 })
        .collect();
    let folds = match l.fold_rule.as_str() {
        "modulo" => Folds::Ids((0..train.len()).map(|i| i % l.folds + 1).collect()),
        "column" => {
            let name = l.fold_column.as_deref().unwrap_or_default();
            let ids = cohort.numbers(name)?;
            let mut out = Vec::new();
            for &i in train {
                match ids[i] {
                    Some(v) if v >= 1.0 && v.fract() == 0.0 => out.push(v as usize),
                    other => {
                        return Err(WorkflowError::step(
                            "lasso",
                            format!(
                                "fold column `{name}`, data row {}: {other:?} is not a fold id 1..K",
                                cohort.data.rows[i] + 2
                            ),
                        ));
                    }
                }
            }
            Folds::Ids(out)
        }
        _ => Folds::Random {
            nfolds: l.folds,
            seed,
        },
    };
    let params = CvParams {
        path: LassoParams {
            alpha: l.alpha,
            penalty_factor: (!l.unpenalized.is_empty()).then_some(penalty),
            thresh: l.thresh,
            maxit: l.maxit,
            ..LassoParams::default()
        },
        folds,
        measure: l.measure.as_deref().and_then(Measure::parse),
    };
    let cv = params
        .fit(&design, &response)
        .map_err(|e| WorkflowError::step("lasso", e))?;
    let k = if l.lambda == "1se" {
        cv.index_1se
    } else {
        cv.index_min
    };
    let lambda = cv.lambda[k];
    let coef = cv
        .fit
        .coefficients(k)
        .map_err(|e| WorkflowError::step("lasso", e))?;
    let mut selected: Vec<String> = Vec::new();
    for (term, value) in &coef.0 {
        if term == "(Intercept)" || *value == 0.0 {
            continue;
        }
        if let Some(j) = d_all.names.iter().position(|n| n == term)
            && !selected.contains(&d_all.variables[j])
        {
            selected.push(d_all.variables[j].clone());
        }
    }
    let all = nomo_lasso::Design::new(d_all.names.clone(), d_all.columns.clone())
        .map_err(|e| WorkflowError::step("lasso", e))?;
    let score = cv
        .fit
        .linear_predictor(&all, k)
        .map_err(|e| WorkflowError::step("lasso", e))?;
    Ok((
        LassoStep {
            lambda_rule: l.lambda.clone(),
            lambda,
            selected,
            unpenalized: l.unpenalized.clone(),
            fold_rule: l.fold_rule.clone(),
            seed: (l.fold_rule == "random").then_some(seed),
            cv,
        },
        score,
    ))
}

/// AUC and classification at the training Youden cutoff on every part.
fn performance(
    cohort: &Cohort,
    predicted: &[f64],
    y: &[f64],
    step: &str,
) -> Result<Vec<Performance>, WorkflowError> {
    let mut out: Vec<Performance> = Vec::new();
    for part in cohort.present_parts() {
        let rows = cohort.rows_of(part);
        let p = pick(predicted, &rows);
        let yb: Vec<bool> = rows.iter().map(|&i| y[i] == 1.0).collect();
        let roc = Roc::new(&p, &yb, DirectionRule::Fixed(Direction::Less))
            .map_err(|e| WorkflowError::step(step, e))?;
        let summary = roc
            .summary(0.95)
            .map_err(|e| WorkflowError::step(step, e))?;
        let cutoff = match out.first() {
            Some(t) => t.cutoff,
            None => summary
                .youden
                .first()
                .map(|c| c.threshold)
                .ok_or_else(|| WorkflowError::step(step, "no Youden cutoff"))?,
        };
        let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
        for (&pi, &yi) in p.iter().zip(&yb) {
            match (pi >= cutoff, yi) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, false) => tn += 1,
                (false, true) => fn_ += 1,
            }
        }
        let ratio = |a: usize, b: usize| (a + b > 0).then(|| a as f64 / (a + b) as f64);
        out.push(Performance {
            part,
            n: rows.len(),
            events: tp + fn_,
            auc: summary.auc,
            ci_lower: summary.ci_lower,
            ci_upper: summary.ci_upper,
            cutoff,
            sensitivity: ratio(tp, fn_).unwrap_or(0.0),
            specificity: ratio(tn, fp).unwrap_or(0.0),
            ppv: ratio(tp, fp),
            npv: ratio(tn, fn_),
            accuracy: (tp + tn) as f64 / rows.len() as f64,
            tp,
            fp,
            tn,
            fn_,
            roc: summary,
        });
    }
    Ok(out)
}

/// Values of `rows` grouped by label, levels in R's sorted order (missing labels left out).
fn groups_of(
    labels: &[Option<String>],
    values: &[f64],
    rows: &[usize],
) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut levels: Vec<String> = rows.iter().filter_map(|&i| labels[i].clone()).collect();
    nomo_ingest::sort_levels(&mut levels);
    levels.dedup();
    let groups = levels
        .iter()
        .map(|l| {
            rows.iter()
                .filter(|&&i| labels[i].as_deref() == Some(l))
                .map(|&i| values[i])
                .collect()
        })
        .collect();
    (levels, groups)
}

fn subgroup_step(
    cohort: &Cohort,
    m: &ModelResult,
    variable: &str,
    y: &[f64],
) -> Result<SubgroupStep, WorkflowError> {
    let train = cohort.rows_of(Part::Training);
    let labels = cohort.texts(variable)?;
    let (levels, _) = groups_of(&labels, &m.predicted, &train);
    let mut groups = Vec::new();
    let mut rocs = Vec::new();
    for l in &levels {
        let rows: Vec<usize> = train
            .iter()
            .copied()
            .filter(|&i| labels[i].as_deref() == Some(l))
            .collect();
        let yb: Vec<bool> = rows.iter().map(|&i| y[i] == 1.0).collect();
        let roc = Roc::new(
            &pick(&m.predicted, &rows),
            &yb,
            DirectionRule::Fixed(Direction::Less),
        )
        .map_err(|e| WorkflowError::step("subgroups", format!("{variable} = {l}: {e}")))?;
        groups.push(SubgroupRow {
            level: l.clone(),
            n: rows.len(),
            roc: roc
                .summary(0.95)
                .map_err(|e| WorkflowError::step("subgroups", e))?,
        });
        rocs.push(roc);
    }
    let mut comparisons = Vec::new();
    for a in 0..rocs.len() {
        for b in a + 1..rocs.len() {
            comparisons.push(SubgroupComparison {
                a: levels[a].clone(),
                b: levels[b].clone(),
                comparison: delong_unpaired(&rocs[a], &rocs[b], Alternative::TwoSided)
                    .map_err(|e| WorkflowError::step("subgroups", e))?,
            });
        }
    }
    Ok(SubgroupStep {
        model: m.name.clone(),
        variable: variable.to_string(),
        part: Part::Training,
        groups,
        comparisons,
    })
}

/// The fitted model of a report by name.
pub fn find_model<'a>(report: &'a Report, name: &str) -> Option<&'a ModelResult> {
    report.models.iter().find(|m| m.name == name)
}
