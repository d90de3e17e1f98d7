//! End-to-end acceptance test: `data/hcc_nomogram/analysis.toml` run through the whole workflow
//! (LASSO converged to its optimum, thresh = 1e-20, not the spec's default), the report's numbers
//! checked against R (`crates/testdata/reference/hcc_nomogram.json`, R 4.2.2 with pROC 1.18.0,
//! glmnet 4.1-6, rms 6.5-0, survival 3.5-3, psych 2.2.9; the LASSO's `cvm` and coefficients against
//! glmnet's optimum, `hcc_nomogram_lasso_thresh1e-24.json`). Tolerances (relative, see /work/shared
//! conventions): closed-form statistics (AUC, DeLong, KM, log-rank, Table 1 tests, net benefit,
//! kappa, ICC) 1e-9; iterative fits (logistic, Cox, LASSO, calibration slope, profile limits) 1e-6.

use std::path::PathBuf;
use std::sync::OnceLock;

use nomo_testdata::{assert_rel, reference};
use nomo_workflow::cohort::Part;
use nomo_workflow::{LoadedSpec, Run, RunOptions, run};
use serde_json::Value;

const CLOSED: f64 = 1e-9;
const ITER: f64 = 1e-6;

fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/hcc_nomogram/analysis.toml")
}

fn the_run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let mut loaded = LoadedSpec::from_file(&spec_path()).expect("spec");
        // converged to the optimum, as the reference values it is checked against (the demo
        // runs glmnet's default thresh)
        let lasso = loaded.spec.lasso.as_mut().expect("lasso step");
        lasso.thresh = 1e-20;
        lasso.maxit = 100_000_000;
        run(&loaded, &RunOptions::default()).expect("run")
    })
}

fn r() -> Value {
    reference("hcc_nomogram.json")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn cohort_and_univariate() {
    let run = the_run();
    let rep = &run.report;
    let r = r();
    assert_eq!(rep.n_used as f64, f(&r["n"]));
    assert_eq!(rep.events as f64, f(&r["events"]));
    let uni = rep.univariate.as_ref().expect("univariate");
    let expected = r["univariate"].as_array().unwrap();
    assert_eq!(uni.len(), expected.len());
    for e in expected {
        let v = e["variable"].as_str().unwrap();
        let row = uni
            .iter()
            .find(|u| u.term == v)
            .unwrap_or_else(|| panic!("{v}"));
        assert_rel(
            row.estimate,
            f(&e["estimate"]),
            ITER,
            &format!("{v} estimate"),
        );
        assert_rel(row.std_error, f(&e["std_error"]), ITER, &format!("{v} se"));
        assert_rel(row.p, f(&e["p"]), ITER, &format!("{v} p"));
        assert_rel(
            row.odds_ratio,
            f(&e["odds_ratio"]),
            ITER,
            &format!("{v} or"),
        );
        assert_rel(
            row.or_lower,
            f(&e["or_lower"]),
            ITER,
            &format!("{v} or_lower"),
        );
        assert_rel(
            row.or_upper,
            f(&e["or_upper"]),
            ITER,
            &format!("{v} or_upper"),
        );
    }
}

#[test]
fn youden_cutoffs() {
    let rep = &the_run().report;
    let r = r();
    let ys = rep.youden.as_ref().expect("youden");
    let expected = r["youden_cutoffs"].as_array().unwrap();
    assert_eq!(ys.len(), expected.len());
    for e in expected {
        let v = e["variable"].as_str().unwrap();
        let y = ys
            .iter()
            .find(|y| y.variable == v)
            .unwrap_or_else(|| panic!("{v}"));
        assert_eq!(y.direction, e["direction"].as_str().unwrap(), "{v}");
        assert_rel(y.auc, f(&e["auc"]), CLOSED, &format!("{v} auc"));
        assert_rel(
            y.threshold,
            f(&e["threshold"]),
            CLOSED,
            &format!("{v} threshold"),
        );
        assert_rel(
            y.sensitivity,
            f(&e["sensitivity"]),
            CLOSED,
            &format!("{v} se"),
        );
        assert_rel(
            y.specificity,
            f(&e["specificity"]),
            CLOSED,
            &format!("{v} sp"),
        );
        assert_eq!(y.n_best as f64, f(&e["n_best"]), "{v} n_best");
    }
}

#[test]
fn lasso() {
    let rep = &the_run().report;
    let r = r();
    let l = rep.lasso.as_ref().expect("lasso");
    let e = &r["lasso_binomial_deviance"];
    assert_rel(l.cv.lambda_min, f(&e["lambda_min"]), ITER, "lambda_min");
    assert_rel(l.cv.lambda_1se, f(&e["lambda_1se"]), ITER, "lambda_1se");
    let lambdas = e["lambda"].as_array().unwrap();
    assert_eq!(l.cv.lambda.len(), lambdas.len());
    // cross-validated deviances and coefficients against glmnet's optimum
    let optimum = &reference("hcc_nomogram_lasso_thresh1e-24.json")["lasso_binomial_deviance"];
    for (k, (a, b)) in
        l.cv.cvm
            .iter()
            .zip(optimum["cvm"].as_array().unwrap())
            .enumerate()
    {
        assert_rel(*a, f(b), ITER, &format!("cvm[{k}]"));
    }
    let coef = optimum["coef_lambda_min"].as_object().unwrap();
    assert_eq!(l.cv.coef_lambda_min.0.len(), coef.len());
    for (name, value) in coef {
        let got =
            l.cv.coef_lambda_min
                .get(name)
                .unwrap_or_else(|| panic!("{name}"));
        assert_rel(got, f(value), ITER, &format!("coef {name}"));
    }
    let selected: Vec<&str> = coef
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "(Intercept)")
        .collect();
    let mut want = selected.clone();
    want.sort_unstable();
    let mut got: Vec<&str> = l.selected.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(got, want);
}

fn check_table(table: &[nomo_logistic::Coefficient], expected: &Value, what: &str) {
    let rows = expected.as_array().unwrap();
    assert_eq!(table.len(), rows.len(), "{what}");
    for e in rows {
        let term = e["term"].as_str().unwrap();
        let c = table
            .iter()
            .find(|c| c.term == term)
            .unwrap_or_else(|| panic!("{what} {term}"));
        let w = format!("{what} {term}");
        assert_rel(
            c.estimate,
            f(&e["estimate"]),
            ITER,
            &format!("{w} estimate"),
        );
        assert_rel(c.std_error, f(&e["std_error"]), ITER, &format!("{w} se"));
        assert_rel(c.z, f(&e["z"]), ITER, &format!("{w} z"));
        // a p-value's relative error is about z² times that of z: 1e-5 (1.1e-6 seen)
        assert_rel(c.p, f(&e["p"]), 1e-5, &format!("{w} p"));
        assert_rel(c.odds_ratio, f(&e["odds_ratio"]), ITER, &format!("{w} or"));
        assert_rel(
            c.or_lower,
            f(&e["or_wald_lower"]),
            ITER,
            &format!("{w} wald lower"),
        );
        assert_rel(
            c.or_upper,
            f(&e["or_wald_upper"]),
            ITER,
            &format!("{w} wald upper"),
        );
        assert_rel(
            c.or_profile_lower.expect("profile"),
            f(&e["or_profile_lower"]),
            ITER,
            &format!("{w} profile lower"),
        );
        assert_rel(
            c.or_profile_upper.expect("profile"),
            f(&e["or_profile_upper"]),
            ITER,
            &format!("{w} profile upper"),
        );
    }
}

fn check_fit(fit: &nomo_logistic::LogisticFit, e: &Value, what: &str) {
    assert_rel(
        fit.deviance,
        f(&e["deviance"]),
        ITER,
        &format!("{what} deviance"),
    );
    assert_rel(
        fit.null_deviance,
        f(&e["null_deviance"]),
        ITER,
        &format!("{what} null deviance"),
    );
    assert_rel(fit.aic, f(&e["aic"]), ITER, &format!("{what} aic"));
    assert_eq!(fit.df_residual as f64, f(&e["df_residual"]), "{what}");
    assert_rel(fit.lr_chisq, f(&e["lr_chisq"]), ITER, &format!("{what} lr"));
    assert_rel(
        fit.lr_p.expect("lr p"),
        f(&e["lr_p"]),
        ITER,
        &format!("{what} lr p"),
    );
}

#[test]
fn stepwise() {
    let rep = &the_run().report;
    let r = r();
    let s = rep.stepwise.as_ref().expect("stepwise");
    let entered: Vec<&str> = r["stepwise"]["entered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(s.scope, entered);
    let mut want: Vec<&str> = r["stepwise"]["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut got: Vec<&str> = s.result.selected.iter().map(String::as_str).collect();
    want.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, want);
    check_table(
        &s.result.fit.coefficients,
        &r["stepwise"]["table"],
        "stepwise",
    );
    check_fit(&s.result.fit, &r["stepwise"]["fit"], "stepwise");
}

fn check_roc(p: &nomo_roc::RocSummary, e: &Value, what: &str) {
    assert_rel(p.auc, f(&e["auc"]), CLOSED, &format!("{what} auc"));
    assert_rel(
        p.ci_lower.unwrap(),
        f(&e["ci_lower"]),
        CLOSED,
        &format!("{what} ci lower"),
    );
    assert_rel(
        p.ci_upper.unwrap(),
        f(&e["ci_upper"]),
        CLOSED,
        &format!("{what} ci upper"),
    );
    assert_rel(
        p.variance.unwrap(),
        f(&e["var_delong"]),
        CLOSED,
        &format!("{what} var"),
    );
    assert_eq!(
        p.direction.as_str(),
        e["direction"].as_str().unwrap(),
        "{what}"
    );
    assert_eq!(p.n_cases as f64, f(&e["n_cases"]));
    assert_eq!(p.n_controls as f64, f(&e["n_controls"]));
    let youden = e["youden"].as_array().unwrap();
    assert_eq!(p.youden.len(), youden.len(), "{what} youden");
    for (a, b) in p.youden.iter().zip(youden) {
        // thresholds are midpoints of fitted probabilities: iterative tolerance
        assert_rel(
            a.threshold,
            f(&b["threshold"]),
            ITER,
            &format!("{what} threshold"),
        );
        assert_rel(
            a.sensitivity,
            f(&b["sensitivity"]),
            CLOSED,
            &format!("{what} se"),
        );
        assert_rel(
            a.specificity,
            f(&b["specificity"]),
            CLOSED,
            &format!("{what} sp"),
        );
        assert_rel(a.ppv.unwrap(), f(&b["ppv"]), CLOSED, &format!("{what} ppv"));
        assert_rel(a.npv.unwrap(), f(&b["npv"]), CLOSED, &format!("{what} npv"));
    }
}

#[test]
fn models_and_delong() {
    let rep = &the_run().report;
    let r = r();
    for name in ["imaging", "clinical", "combined"] {
        let m = rep.models.iter().find(|m| m.name == name).unwrap();
        let e = &r["models"][name];
        check_table(&m.fit.coefficients, &e["table"], name);
        check_fit(&m.fit, &e["fit"], name);
        let perf = &m.performance[0];
        assert_eq!(perf.part, Part::Training);
        check_roc(&perf.roc, &e["roc"], name);
        let y = &e["roc"]["youden"][0];
        assert_eq!(
            (
                perf.tp as f64,
                perf.fp as f64,
                perf.tn as f64,
                perf.fn_ as f64
            ),
            (f(&y["tp"]), f(&y["fp"]), f(&y["tn"]), f(&y["fn"]))
        );
        assert_rel(perf.accuracy, f(&y["accuracy"]), CLOSED, "accuracy");
    }
    let single = rep.models.iter().find(|m| m.name == "t2sir_post").unwrap();
    check_roc(
        &single.performance[0].roc,
        &r["single_predictor_roc"]["t2sir_post"],
        "t2sir_post",
    );
    let combined = rep.models.iter().find(|m| m.name == "combined").unwrap();
    for (a, b) in combined
        .predicted
        .iter()
        .zip(r["predicted_combined"].as_array().unwrap())
    {
        assert_rel(*a, f(b), ITER, "predicted combined");
    }
    let expected = r["delong"].as_object().unwrap();
    assert_eq!(rep.delong.len(), expected.len());
    for d in &rep.delong {
        let e = &expected[&format!("{}_vs_{}", d.a, d.b)];
        let w = format!("{} vs {}", d.a, d.b);
        assert_rel(
            d.comparison.statistic.unwrap(),
            f(&e["z"]),
            ITER,
            &format!("{w} z"),
        );
        assert_rel(d.comparison.p.unwrap(), f(&e["p"]), ITER, &format!("{w} p"));
        assert_rel(d.auc_a, f(&e["auc_a"]), CLOSED, &format!("{w} auc a"));
        assert_rel(d.auc_b, f(&e["auc_b"]), CLOSED, &format!("{w} auc b"));
    }
}

#[test]
fn calibration_and_bootstrap() {
    let rep = &the_run().report;
    let r = r();
    let e = &r["calibration_combined"];
    let c = rep
        .calibration
        .iter()
        .find(|c| c.model == "combined")
        .unwrap();
    let v = &c.val_prob;
    let vp = &e["val_prob"];
    assert_rel(v.dxy, f(&vp["Dxy"]), CLOSED, "Dxy");
    assert_rel(v.c, f(&vp["C (ROC)"]), CLOSED, "C");
    assert_rel(v.r2, f(&vp["R2"]), ITER, "R2");
    assert_rel(v.d, f(&vp["D"]), ITER, "D");
    assert_rel(v.brier, f(&vp["Brier"]), ITER, "Brier");
    assert!(v.intercept.abs() < 1e-6, "intercept {}", v.intercept);
    assert_rel(v.slope, f(&vp["Slope"]), ITER, "slope");
    assert_rel(v.emax, f(&vp["Emax"]), ITER, "Emax");
    assert_rel(v.eavg, f(&vp["Eavg"]), ITER, "Eavg");
    assert!(v.calibration_in_the_large.abs() < 1e-6);
    let hl = &c.hosmer_lemeshow;
    let he = &e["hosmer_lemeshow"];
    assert_rel(hl.chisq, f(&he["chisq"]), ITER, "HL chisq");
    assert_rel(hl.p.unwrap(), f(&he["p"]), ITER, "HL p");
    assert_eq!(hl.df as f64, f(&he["df"]));
    let counts: Vec<f64> = hl.groups.iter().map(|g| g.n as f64).collect();
    let want: Vec<f64> = he["group_n"].as_array().unwrap().iter().map(f).collect();
    assert_eq!(counts, want);
    let b = rep.bootstrap.as_ref().expect("bootstrap");
    assert_eq!(b.validation.resamples, 200);
    assert_eq!(b.validation.successful, 200);
    let slope = b
        .validation
        .indices
        .iter()
        .find(|i| i.name == "Slope")
        .unwrap();
    // optimism shrinks the slope below its apparent 1
    assert!(slope.corrected.unwrap() < 1.0 && slope.corrected.unwrap() > 0.5);
}

#[test]
fn decision_curve() {
    let rep = &the_run().report;
    let r = r();
    let d = &rep.dca[0].curve;
    let e = r["dca_combined"].as_array().unwrap();
    assert_eq!(d.thresholds.len(), e.len());
    let m = d.models.iter().find(|m| m.name == "combined").unwrap();
    for (k, row) in e.iter().enumerate() {
        assert_rel(d.thresholds[k], f(&row["threshold"]), CLOSED, "threshold");
        assert_rel(
            m.net_benefit[k],
            f(&row["net_benefit_model"]),
            CLOSED,
            "nb model",
        );
        assert_rel(d.treat_all[k], f(&row["net_benefit_all"]), CLOSED, "nb all");
    }
}

#[test]
fn risk_groups() {
    let rep = &the_run().report;
    let r = r();
    let e = &r["risk_groups"];
    let g = &rep.risk_groups[0];
    assert_rel(g.cutoff, f(&e["cutoff"]), ITER, "cutoff");
    assert_eq!(g.n_high as f64, f(&e["n_high"]));
    for (s, m) in g.strata.iter().zip(e["medians"].as_array().unwrap()) {
        assert_eq!(format!("risk={}", s.group), m["stratum"].as_str().unwrap());
        assert_rel(s.curve.median.unwrap(), f(&m["median"]), CLOSED, "median");
        assert_rel(
            s.curve.median_lower.unwrap(),
            f(&m["lower"]),
            CLOSED,
            "median lower",
        );
        assert_rel(
            s.curve.median_upper.unwrap(),
            f(&m["upper"]),
            CLOSED,
            "median upper",
        );
    }
    let km: Vec<&nomo_survival::KmRow> =
        g.strata.iter().flat_map(|s| s.curve.table.iter()).collect();
    let ekm = e["km"].as_array().unwrap();
    assert_eq!(km.len(), ekm.len());
    for (a, b) in km.iter().zip(ekm) {
        assert_rel(a.surv, f(&b["surv"]), CLOSED, "km surv");
        assert_eq!(a.n_risk as f64, f(&b["n_risk"]));
    }
    assert_rel(
        g.logrank.chisq,
        f(&e["logrank"]["chisq"]),
        CLOSED,
        "logrank chisq",
    );
    assert_rel(g.logrank.p, f(&e["logrank"]["p"]), CLOSED, "logrank p");
    let c = &g.cox.coefficients[0];
    let ec = &e["cox"]["coefficients"][0];
    assert_eq!(c.term, ec["term"].as_str().unwrap());
    assert_rel(c.hr.unwrap(), f(&ec["hr"]), ITER, "hr");
    assert_rel(c.hr_lower.unwrap(), f(&ec["hr_lower"]), ITER, "hr lower");
    assert_rel(c.hr_upper.unwrap(), f(&ec["hr_upper"]), ITER, "hr upper");
    assert_rel(c.p.unwrap(), f(&ec["p"]), ITER, "cox p");
    assert_rel(
        g.cox.concordance,
        f(&e["cox"]["concordance"]),
        ITER,
        "concordance",
    );
}

#[test]
fn subgroups_kruskal_wallis_table_one_agreement() {
    let rep = &the_run().report;
    let r = r();
    let sg = rep.subgroups.as_ref().expect("subgroups");
    for (g, key) in sg.groups.iter().zip(["child_pugh_a", "child_pugh_b"]) {
        check_roc(&g.roc, &r["subgroups"][key], key);
    }
    let d = &sg.comparisons[0].comparison;
    let e = &r["subgroups"]["delong"];
    assert_rel(d.statistic.unwrap(), f(&e["d"]), CLOSED, "unpaired D");
    assert_rel(d.df.unwrap(), f(&e["df"]), CLOSED, "unpaired df");
    assert_rel(d.p.unwrap(), f(&e["p"]), ITER, "unpaired p");
    let kw = rep.kruskal_wallis.as_ref().expect("kw");
    assert_rel(
        kw.test.statistic,
        f(&r["kruskal_wallis_treatment"]["statistic"]),
        ITER,
        "KW",
    );
    assert_rel(
        kw.test.p,
        f(&r["kruskal_wallis_treatment"]["p"]),
        ITER,
        "KW p",
    );
    let t1 = rep.table_one.as_ref().expect("table one");
    for e in r["table_one"]["continuous"].as_array().unwrap() {
        let v = e["variable"].as_str().unwrap();
        let row = t1
            .rows
            .iter()
            .find_map(|row| match row {
                nomo_describe::Row::Continuous(c) if c.variable == v => Some(c),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{v}"));
        assert_rel(
            row.shapiro_p.unwrap(),
            f(&e["shapiro_p"]),
            CLOSED,
            &format!("{v} shapiro"),
        );
        assert_rel(
            row.overall.mean.unwrap(),
            f(&e["overall_mean"]),
            CLOSED,
            &format!("{v} mean"),
        );
        let welch = row
            .tests
            .iter()
            .find(|t| t.test == nomo_describe::TestKind::WelchT)
            .unwrap();
        assert_rel(
            welch.p.unwrap(),
            f(&e["welch_t_p"]),
            CLOSED,
            &format!("{v} welch"),
        );
    }
    let a = rep.agreement.as_ref().expect("agreement");
    for e in r["interobserver"]["icc"].as_array().unwrap() {
        let kind = e["type"].as_str().unwrap();
        let row = a.icc[0].icc.rows.iter().find(|x| x.kind == kind).unwrap();
        assert_rel(row.icc, f(&e["icc"]), CLOSED, kind);
    }
    assert_rel(
        a.kappa[0].kappa.unweighted.kappa,
        f(&r["interobserver"]["kappa_unweighted"]),
        CLOSED,
        "kappa",
    );
}

#[test]
fn report_folder_is_written() {
    let run = the_run();
    let dir = std::env::temp_dir().join(format!("nomo-workflow-test-{}", std::process::id()));
    let written = nomo_workflow::write::write_report(run, &dir).expect("write");
    assert!(
        written.figure_errors.is_empty(),
        "{:?}",
        written.figure_errors
    );
    for f in [
        "report.json",
        "report.html",
        "model.json",
        "run.log",
        "tables/performance.csv",
        "figures/roc.svg",
        "figures/roc.png",
    ] {
        assert!(dir.join(f).exists(), "{f}");
    }
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script") && !html.contains("src=\"http"));
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["models"][2]["name"], "combined");
    let model: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("model.json")).unwrap()).unwrap();
    assert_eq!(model["name"], "combined");
    assert_rel(
        f(&model["coefficients"][1]["estimate"]),
        -2.58670679001835,
        ITER,
        "frozen t2sir_post",
    );
    std::fs::remove_dir_all(&dir).ok();
}
