//! Laying a report out on disk:
//!
//! ```text
//! reports/NAME/
//!   report.json        the whole Report (numbers at full precision)
//!   report.html        self-contained: inline SVG, no external assets, escaped strings
//!   report.md          the tables and the methods paragraph in Markdown
//!   model.json         the frozen model
//!   run.log            per step: rows used and excluded, seeds, versions, timings
//!   steps/<step>.json  each step's full result
//!   tables/<t>.{csv,md,json}
//!   figures/<f>.{svg,png}
//! ```

use std::path::Path;

use serde::Serialize;

use crate::error::WorkflowError;
use crate::figures::{Rendered, figures};
use crate::report::Report;
use crate::runner::Run;
use crate::tables::{DisplayTable, escape, tables};
use crate::validate::Validation;

fn write(path: &Path, bytes: &[u8]) -> Result<(), WorkflowError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| WorkflowError::io(dir, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| WorkflowError::io(path, e))
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, WorkflowError> {
    let mut v = serde_json::to_vec_pretty(value).map_err(|e| WorkflowError::step("json", e))?;
    v.push(b'\n');
    Ok(v)
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub files: Vec<String>,
    /// Figures that could not be drawn, with the reason.
    pub figure_errors: Vec<String>,
}

fn step_jsons(r: &Report) -> Result<Vec<(&'static str, Vec<u8>)>, WorkflowError> {
    let mut out = Vec::new();
    macro_rules! step {
        ($name:literal, $v:expr) => {
            out.push(($name, json($v)?));
        };
    }
    step!("derive", &r.derived);
    if let Some(t) = &r.table_one {
        step!("table_one", t);
    }
    if let Some(t) = &r.youden {
        step!("youden", t);
    }
    if let Some(t) = &r.univariate {
        step!("univariate", t);
    }
    if let Some(t) = &r.lasso {
        step!("lasso", t);
    }
    if let Some(t) = &r.stepwise {
        step!("stepwise", t);
    }
    step!("models", &r.models);
    step!("delong", &r.delong);
    if !r.joint.is_empty() {
        step!("joint", &r.joint);
    }
    if let Some(t) = &r.nomogram {
        step!("nomogram", t);
    }
    if !r.calibration.is_empty() {
        step!("calibration", &r.calibration);
    }
    if let Some(t) = &r.bootstrap {
        step!("bootstrap", t);
    }
    if !r.dca.is_empty() {
        step!("dca", &r.dca);
    }
    if !r.risk_groups.is_empty() {
        step!("risk_groups", &r.risk_groups);
    }
    if let Some(t) = &r.subgroups {
        step!("subgroups", t);
    }
    if let Some(t) = &r.kruskal_wallis {
        step!("kruskal_wallis", t);
    }
    if let Some(t) = &r.agreement {
        step!("agreement", t);
    }
    Ok(out)
}

/// The JSON of the numbers behind a display table.
fn table_json(r: &Report, stem: &str) -> Result<Vec<u8>, WorkflowError> {
    match stem {
        "table_one" => json(&r.table_one),
        "odds_ratios" => json(&serde_json::json!({
            "univariate": r.univariate,
            "multivariable": r.stepwise.as_ref().map(|s| &s.result.fit.coefficients),
        })),
        "performance" => json(
            &r.models
                .iter()
                .map(|m| serde_json::json!({"model": m.name, "performance": m.performance}))
                .collect::<Vec<_>>(),
        ),
        "models" => json(
            &r.models
                .iter()
                .map(|m| serde_json::json!({"model": m.name, "coefficients": m.fit.coefficients}))
                .collect::<Vec<_>>(),
        ),
        "delong" => json(&r.delong),
        "calibration" => {
            json(&serde_json::json!({"apparent": r.calibration, "bootstrap": r.bootstrap}))
        }
        "net_benefit" | "net_benefit_validation" => json(&r.dca),
        "risk_groups" => json(&r.risk_groups),
        "subgroups" => json(&r.subgroups),
        _ => json(&r.agreement),
    }
}

/// The methods paragraph a statistician would paste into a paper.
pub fn methods(r: &Report) -> String {
    let mut m = format!(
        "Analyses used nomo {} (Rust), which reproduces R's pROC, glmnet, rms, survival and psych. \
         Of {} patients, {} with complete data on the outcome and all candidate predictors were analysed ({} events, {}). ",
        r.nomo_version, r.n_rows, r.n_used, r.events, r.event
    );
    match r.split.method.as_str() {
        "random" => m.push_str(&format!(
            "The cohort was split at random into a training and a validation part (training fraction {}, stratified on the outcome, seed {}); models were fitted on the training part only. ",
            r.split.fraction.unwrap_or(0.75),
            r.split.seed.unwrap_or(0)
        )),
        "column" => m.push_str(&format!(
            "Training and validation parts were defined by the column {}; models were fitted on the training part only. ",
            r.split.column.clone().unwrap_or_default()
        )),
        _ => {}
    }
    if r.table_one.is_some() {
        m.push_str("Continuous variables are given as mean ± SD or median (IQR) according to the Shapiro–Wilk test and compared with Welch's t-test or the Wilcoxon rank-sum test; categorical variables were compared with the χ² test or Fisher's exact test when an expected count was below 5. ");
    }
    if r.youden.is_some() {
        m.push_str("Optimal cutoffs of continuous variables maximised the Youden index (thresholds at midpoints between observed values, as pROC). ");
    }
    if r.univariate.is_some() {
        m.push_str(
            "Candidate predictors were screened by univariate logistic regression (Wald tests); ",
        );
    }
    if let Some(l) = &r.lasso {
        m.push_str(&format!(
            "LASSO logistic regression (glmnet's coordinate descent, α = {}) with {}-fold cross-validation ({}) selected variables at λ.{} = {:.4}; ",
            l.cv.fit.alpha,
            l.cv.foldid.iter().copied().max().unwrap_or(0),
            l.cv.measure.name(),
            l.lambda_rule,
            l.lambda
        ));
    }
    if let Some(s) = &r.stepwise {
        m.push_str(&format!(
            "a multivariable model was chosen by stepwise selection ({}, {:?}) from the {} variables with univariate p below the threshold. ",
            serde_json::to_value(s.result.direction).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            s.result.criterion,
            s.scope.len()
        ));
    }
    m.push_str("Discrimination was measured by the area under the ROC curve with DeLong 95% confidence intervals, and correlated AUCs were compared with DeLong's test (two-sided). ");
    if let Some(b) = &r.bootstrap {
        m.push_str(&format!(
            "Calibration was assessed with calibration curves (lowess), the calibration intercept and slope, the Brier score and the Hosmer–Lemeshow test (10 groups), and internally validated with {} bootstrap resamples refitting the {} model (optimism correction as rms::validate, seed {}). ",
            b.validation.resamples, b.model, b.validation.seed
        ));
    }
    if !r.dca.is_empty() {
        m.push_str("Clinical usefulness was evaluated by decision curve analysis (net benefit over threshold probabilities 0.01–0.99). ");
    }
    if let Some(g) = r.risk_groups.first() {
        m.push_str(&format!(
            "Patients were divided into low- and high-risk groups at the {} cutoff of the {} model ({:.3}); survival was estimated by Kaplan–Meier, compared with the log-rank test, and the hazard ratio was estimated by Cox regression (Efron ties). ",
            g.rule, g.model, g.cutoff
        ));
    }
    if r.subgroups.is_some() {
        m.push_str("Subgroup AUCs were compared with DeLong's unpaired test. ");
    }
    if r.agreement.is_some() {
        m.push_str("Interobserver agreement was measured by intraclass correlation coefficients (Shrout–Fleiss) and Cohen's kappa. ");
    }
    m.push_str("Two-sided p < 0.05 was considered significant.");
    m
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}\
th{background:#f3f3f3}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}h1{font-size:1.6em}";

/// A self-contained HTML page.
fn html_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

fn figure_html(f: &Rendered) -> String {
    let svg = f.svg.trim_start_matches(|c| c != '<');
    let svg = match svg.find("<svg") {
        Some(k) => &svg[k..],
        None => svg,
    };
    format!(
        "<figure>\n{svg}\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(&f.title)
    )
}

/// Writes the whole report folder.
pub fn write_report(run: &Run, out: &Path) -> Result<Written, WorkflowError> {
    let r = &run.report;
    let mut files = Vec::new();
    let mut put = |rel: &str, bytes: &[u8]| -> Result<(), WorkflowError> {
        write(&out.join(rel), bytes)?;
        files.push(rel.to_string());
        Ok(())
    };
    put("report.json", &json(r)?)?;
    for (name, bytes) in step_jsons(r)? {
        put(&format!("steps/{name}.json"), &bytes)?;
    }
    let tabs: Vec<DisplayTable> = tables(r);
    for t in &tabs {
        put(&format!("tables/{}.csv", t.stem), t.to_csv().as_bytes())?;
        put(&format!("tables/{}.md", t.stem), t.to_markdown().as_bytes())?;
        put(&format!("tables/{}.json", t.stem), &table_json(r, t.stem)?)?;
    }
    if let Some(m) = &run.model {
        put("model.json", &json(m)?)?;
    }
    let (figs, figure_errors) = figures(r, &run.y, &run.parts);
    for f in &figs {
        put(&format!("figures/{}.svg", f.stem), f.svg.as_bytes())?;
        put(&format!("figures/{}.png", f.stem), &f.png)?;
    }
    let methods = methods(r);
    let mut md = format!(
        "# {}\n\n## Methods\n\n{}\n\n## Results\n\n",
        r.name, methods
    );
    for t in &tabs {
        md.push_str(&t.to_markdown());
        md.push('\n');
    }
    for f in &figs {
        md.push_str(&format!("![{}](figures/{}.svg)\n\n", f.title, f.stem));
    }
    put("report.md", md.as_bytes())?;
    let mut body = format!(
        "<h1>{}</h1>\n<p>{} rows read, {} analysed ({} dropped), {} events ({} = {}).</p>\n<h2>Methods</h2>\n<p>{}</p>\n<h2>Results</h2>\n",
        escape(&r.name),
        r.n_rows,
        r.n_used,
        r.n_dropped,
        r.events,
        escape(&r.outcome),
        escape(&r.event),
        escape(&methods)
    );
    for t in &tabs {
        if t.rows.len() > 40 {
            body.push_str(&format!(
                "<details><summary>{}</summary>\n{}</details>\n",
                escape(&t.title),
                t.to_html()
            ));
        } else {
            body.push_str(&t.to_html());
        }
    }
    body.push_str("<h2>Figures</h2>\n");
    for f in &figs {
        body.push_str(&figure_html(f));
    }
    put("report.html", html_page(&r.name, &body).as_bytes())?;
    let mut log = format!(
        "nomo {} run of {}\ndata {}\nseed {}\n",
        r.nomo_version, r.spec_file, r.data_file, r.seed
    );
    for e in &run.log {
        log.push_str(&format!(
            "[{:>8.3} s] {}: {}\n",
            e.seconds, e.step, e.detail
        ));
    }
    for e in &figure_errors {
        log.push_str(&format!("figure not drawn: {e}\n"));
    }
    let total: f64 = run.log.iter().map(|e| e.seconds).sum();
    log.push_str(&format!("total {total:.3} s\n"));
    put("run.log", log.as_bytes())?;
    Ok(Written {
        files,
        figure_errors,
    })
}

/// Writes an external-validation folder: `validation.json`, tables, figures, `report.html`.
pub fn write_validation(v: &Validation, out: &Path) -> Result<Vec<String>, WorkflowError> {
    let mut files = Vec::new();
    let mut put = |rel: &str, bytes: &[u8]| -> Result<(), WorkflowError> {
        write(&out.join(rel), bytes)?;
        files.push(rel.to_string());
        Ok(())
    };
    put("validation.json", &json(v)?)?;
    let vp = &v.val_prob;
    let t = DisplayTable {
        stem: "validation",
        title: format!("External validation of {} on {}", v.model, v.data_file),
        columns: ["Index", "Value"].map(String::from).to_vec(),
        rows: vec![
            vec!["n (events)".into(), format!("{} ({})", v.n_used, v.events)],
            vec![
                "AUC (95% CI)".into(),
                crate::tables::est_ci(v.roc.auc, v.roc.ci_lower, v.roc.ci_upper, 3),
            ],
            vec![
                "Calibration-in-the-large".into(),
                crate::tables::num(Some(vp.calibration_in_the_large), 3),
            ],
            vec![
                "Calibration intercept".into(),
                crate::tables::num(Some(vp.intercept), 3),
            ],
            vec![
                "Calibration slope".into(),
                crate::tables::num(Some(vp.slope), 3),
            ],
            vec!["Brier".into(), crate::tables::num(Some(vp.brier), 3)],
            vec![
                "Hosmer–Lemeshow".into(),
                format!(
                    "χ² = {}, p = {}",
                    crate::tables::num(Some(v.hosmer_lemeshow.chisq), 2),
                    crate::tables::pval(v.hosmer_lemeshow.p)
                ),
            ],
        ],
    };
    put("tables/validation.csv", t.to_csv().as_bytes())?;
    put("tables/validation.md", t.to_markdown().as_bytes())?;
    let mut body = format!("<h1>External validation</h1>\n{}", t.to_html());
    let yb: Vec<bool> = v.y.iter().map(|&x| x == 1.0).collect();
    let mut figs = Vec::new();
    let mut errors = Vec::new();
    if let Ok(roc) = nomo_roc::Roc::new(
        &v.predicted,
        &yb,
        nomo_roc::DirectionRule::Fixed(nomo_roc::Direction::Less),
    ) {
        let fig = nomo_plot::RocFigure {
            curves: vec![nomo_plot::RocSeries {
                label: v.model.clone(),
                specificity: roc.curve().iter().map(|p| p.specificity).collect(),
                sensitivity: roc.curve().iter().map(|p| p.sensitivity).collect(),
                auc: roc.auc(),
                ci_lower: v.roc.ci_lower,
                ci_upper: v.roc.ci_upper,
                youden: None,
                band: None,
            }],
            x_axis: Default::default(),
            title: None,
        };
        if let Ok(c) = nomo_plot::Canvas::pixels(900, 675) {
            match (nomo_plot::to_svg(&fig, &c), nomo_plot::to_png(&fig, &c)) {
                (Ok(svg), Ok(png)) => figs.push(Rendered {
                    stem: "roc".into(),
                    title: "ROC curve on the new cohort".into(),
                    svg,
                    png,
                }),
                (Err(e), _) | (_, Err(e)) => errors.push(e.to_string()),
            }
        }
    }
    if let Some(g) = &v.risk_groups {
        let row = crate::report::RiskGroupRow {
            model: v.model.clone(),
            survival: String::new(),
            part: crate::cohort::Part::Validation,
            rule: "given".into(),
            cutoff: g.cutoff,
            n: g.n_low + g.n_high,
            n_low: g.n_low,
            n_high: g.n_high,
            strata: g.strata.clone(),
            logrank: g.logrank.clone(),
            cox: g.cox.clone(),
        };
        if let Ok(c) = nomo_plot::Canvas::pixels(900, 675) {
            let fig = crate::figures::km_figure(&row);
            if let (Ok(svg), Ok(png)) = (nomo_plot::to_svg(&fig, &c), nomo_plot::to_png(&fig, &c)) {
                figs.push(Rendered {
                    stem: "km_risk_groups".into(),
                    title: "Kaplan–Meier by frozen risk group".into(),
                    svg,
                    png,
                });
            }
        }
    }
    for f in &figs {
        put(&format!("figures/{}.svg", f.stem), f.svg.as_bytes())?;
        put(&format!("figures/{}.png", f.stem), &f.png)?;
        body.push_str(&figure_html(f));
    }
    for e in &errors {
        body.push_str(&format!("<p>Figure not drawn: {}</p>\n", escape(e)));
    }
    put(
        "report.html",
        html_page("External validation", &body).as_bytes(),
    )?;
    Ok(files)
}
