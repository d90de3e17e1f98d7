//! The analysis spec: one TOML file that declares the data, the outcomes, the derived
//! variables, the candidate predictors, the split and every step of the workflow with its
//! options. `docs/spec.md` documents every key.
//!
//! Errors point at the spec file's line and key: TOML syntax and type errors carry the span
//! toml reports; semantic errors (an unknown model, a bad rule) name the key, and the line is
//! found by looking the key up in the source.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::WorkflowError;

/// The whole spec.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Name of the analysis (default report folder `reports/<name>`).
    pub name: String,
    pub data: DataSpec,
    /// The binary outcome.
    pub outcome: OutcomeSpec,
    /// Survival outcomes by name (e.g. `pfs`, `os`).
    #[serde(default)]
    pub survival: BTreeMap<String, SurvivalSpec>,
    /// Derived variables, computed in order.
    #[serde(default)]
    pub derive: Vec<DeriveSpec>,
    /// Candidate predictors (columns, derived included).
    pub candidates: Vec<String>,
    #[serde(default)]
    pub split: SplitSpec,
    /// Base seed of every random step without its own seed.
    #[serde(default = "default_seed")]
    pub seed: u64,
    pub table_one: Option<TableOneSpec>,
    pub youden: Option<YoudenSpec>,
    pub univariate: Option<UnivariateSpec>,
    pub lasso: Option<LassoSpec>,
    pub stepwise: Option<StepwiseSpec>,
    /// Named models, in order.
    #[serde(default)]
    pub models: Vec<ModelSpec>,
    pub roc: Option<RocSpec>,
    pub nomogram: Option<NomogramSpec>,
    pub calibration: Option<CalibrationSpec>,
    pub dca: Option<DcaSpec>,
    pub risk_groups: Option<RiskGroupSpec>,
    pub subgroups: Option<SubgroupSpec>,
    pub kruskal_wallis: Option<KruskalWallisSpec>,
    pub agreement: Option<AgreementSpec>,
}

fn default_seed() -> u64 {
    1
}

/// The data file and its coding.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataSpec {
    /// Path relative to the spec file.
    pub file: String,
    /// Patient id column (values must be unique).
    pub id: Option<String>,
    /// Declared variable types.
    #[serde(default)]
    pub types: BTreeMap<String, TypeSpec>,
}

/// A declared variable type.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// `continuous`, `categorical`, `binary` or `text`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Reference level of a categorical variable (treatment coding leaves it out).
    pub reference: Option<String>,
    /// Level coded 1 of a binary variable.
    pub event: Option<String>,
}

/// The binary outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSpec {
    pub column: String,
    /// The event level as written in the data (`progression`, or `1`).
    pub event: String,
}

/// A survival outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SurvivalSpec {
    pub time: String,
    pub status: String,
    /// Status value meaning "event"; absent: R's `Surv` reading (0/1 → 1, 1/2 → 2).
    pub event: Option<String>,
}

/// One derived variable.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeriveSpec {
    pub name: String,
    /// An expression of the `nomo-ingest` language (`neutrophils / lymphocytes`).
    pub expr: String,
}

/// How the cohort is split into training and validation parts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SplitSpec {
    /// `none` (default), `random` or `column`.
    #[serde(default = "default_split_method")]
    pub method: String,
    /// Training fraction of a random split (stratified on the outcome).
    pub fraction: Option<f64>,
    /// Seed of a random split (default: the spec's `seed`).
    pub seed: Option<u64>,
    /// The column of a column split.
    pub column: Option<String>,
    /// Values of `column` forming the training part.
    #[serde(default)]
    pub training: Vec<String>,
    /// Values forming the validation part.
    #[serde(default)]
    pub validation: Vec<String>,
    /// Values forming a test part.
    #[serde(default)]
    pub test: Vec<String>,
}

fn default_split_method() -> String {
    "none".into()
}

impl Default for SplitSpec {
    fn default() -> Self {
        SplitSpec {
            method: default_split_method(),
            fraction: None,
            seed: None,
            column: None,
            training: Vec::new(),
            validation: Vec::new(),
            test: Vec::new(),
        }
    }
}

/// Table 1.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableOneSpec {
    /// Grouping column (default: the outcome column).
    pub by: Option<String>,
    #[serde(default)]
    pub continuous: Vec<String>,
    #[serde(default)]
    pub categorical: Vec<String>,
}

/// Youden dichotomisation of single variables.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YoudenSpec {
    /// Variables (default: every candidate with more than two distinct values).
    pub variables: Option<Vec<String>>,
}

/// The univariate logistic screen.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnivariateSpec {
    /// Candidates with Wald p below this enter the multivariable step.
    #[serde(default = "default_p")]
    pub p_threshold: f64,
}

fn default_p() -> f64 {
    0.1
}

/// LASSO with cross-validation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LassoSpec {
    /// `binomial` (default) or `gaussian` (the 0/1 outcome as a number).
    #[serde(default = "default_family")]
    pub family: String,
    #[serde(default = "default_alpha")]
    pub alpha: f64,
    /// Number of folds of a random fold assignment.
    #[serde(default = "default_folds")]
    pub folds: usize,
    /// `random` (seeded), `modulo` (row i → ((i − 1) mod K) + 1 in analysis order) or
    /// `column` (`fold_column`).
    #[serde(default = "default_fold_rule")]
    pub fold_rule: String,
    pub fold_column: Option<String>,
    pub seed: Option<u64>,
    /// `min` or `1se`: which λ selects the variables.
    #[serde(default = "default_lambda")]
    pub lambda: String,
    /// `deviance`, `class`, `auc`, `mse`, `mae` (default: glmnet's for the family).
    pub measure: Option<String>,
    /// Variables with penalty factor 0.
    #[serde(default)]
    pub unpenalized: Vec<String>,
    /// Predictors (default: the candidates).
    pub variables: Option<Vec<String>>,
    /// Coordinate-descent threshold (glmnet's default 1e-7).
    #[serde(default = "default_thresh")]
    pub thresh: f64,
    #[serde(default = "default_maxit")]
    pub maxit: usize,
}

fn default_family() -> String {
    "binomial".into()
}
fn default_alpha() -> f64 {
    1.0
}
fn default_folds() -> usize {
    10
}
fn default_fold_rule() -> String {
    "random".into()
}
fn default_lambda() -> String {
    "min".into()
}
fn default_thresh() -> f64 {
    1e-7
}
fn default_maxit() -> usize {
    100_000
}

/// The stepwise multivariable model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepwiseSpec {
    /// `both` (default), `forward`, `backward`.
    #[serde(default = "default_direction")]
    pub direction: String,
    /// `aic` (default), `bic` or `p`.
    #[serde(default = "default_criterion")]
    pub criterion: String,
    /// Scope: `univariate` (candidates passing the screen, default), `lasso` or `candidates`.
    #[serde(default = "default_from")]
    pub from: String,
}

fn default_direction() -> String {
    "both".into()
}
fn default_criterion() -> String {
    "aic".into()
}
fn default_from() -> String {
    "univariate".into()
}

/// A named logistic model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    pub name: String,
    /// Explicit terms (variables).
    #[serde(default)]
    pub terms: Vec<String>,
    /// `lasso` or `stepwise`: the variables that step selected, added before `terms`.
    pub from: Option<String>,
    /// Use the LASSO linear predictor as one term `rad_score` (the Rad-score), then `terms`.
    #[serde(default)]
    pub rad_score: bool,
}

/// ROC comparisons.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RocSpec {
    /// Paired DeLong comparisons `[a, b]` of models.
    #[serde(default)]
    pub compare: Vec<[String; 2]>,
    /// Joint χ² test of all models listed (k ≥ 3).
    #[serde(default)]
    pub joint: Vec<String>,
}

/// The nomogram.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NomogramSpec {
    /// The frozen model (written to `model.json`).
    pub model: String,
}

/// Calibration with bootstrap validation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationSpec {
    /// Models whose calibration is reported.
    pub models: Vec<String>,
    /// Bootstrap resamples B (0: none).
    #[serde(default = "default_b")]
    pub bootstrap: usize,
    /// The model refitted in each resample (default: the first of `models`).
    pub bootstrap_model: Option<String>,
    pub seed: Option<u64>,
    /// Hosmer–Lemeshow groups.
    #[serde(default = "default_groups")]
    pub hl_groups: usize,
}

fn default_b() -> usize {
    200
}
fn default_groups() -> usize {
    10
}

/// Decision curves.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DcaSpec {
    pub models: Vec<String>,
    /// `from:to:by` (inclusive), default `0.01:0.99:0.01`.
    pub thresholds: Option<String>,
}

/// Risk groups with survival.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RiskGroupSpec {
    pub model: String,
    /// The survival outcome's name (a key of `[survival]`).
    pub survival: String,
    /// `youden` (default), `median`, or a number (a probability cutoff).
    #[serde(default = "default_cutoff")]
    pub cutoff: toml::Value,
}

fn default_cutoff() -> toml::Value {
    toml::Value::String("youden".into())
}

/// Subgroup AUCs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubgroupSpec {
    pub model: String,
    pub variable: String,
}

/// Kruskal–Wallis of a model's score across groups.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KruskalWallisSpec {
    pub model: String,
    pub by: String,
}

/// Interobserver agreement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementSpec {
    /// A second file joined on the id column (default: the data file).
    pub file: Option<String>,
    /// Column pairs for the ICC.
    #[serde(default)]
    pub icc: Vec<[String; 2]>,
    /// Column pairs for Cohen's kappa.
    #[serde(default)]
    pub kappa: Vec<[String; 2]>,
}

/// A spec read from a file, with its source for error locations.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub spec: Spec,
    pub path: PathBuf,
    pub source: String,
}

impl LoadedSpec {
    /// Reads and parses `path`.
    pub fn from_file(path: &Path) -> Result<LoadedSpec, WorkflowError> {
        let source = std::fs::read_to_string(path).map_err(|e| WorkflowError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let spec = parse(&source, path)?;
        let loaded = LoadedSpec {
            spec,
            path: path.to_path_buf(),
            source,
        };
        loaded.check()?;
        Ok(loaded)
    }

    /// A path of the spec, resolved against the spec file's folder.
    pub fn resolve(&self, relative: &str) -> PathBuf {
        let p = Path::new(relative);
        if p.is_absolute() {
            return p.to_path_buf();
        }
        self.path
            .parent()
            .map_or_else(|| p.to_path_buf(), |d| d.join(p))
    }

    /// A semantic error at `key` (dotted path; the line is where its last part is assigned).
    pub fn error(&self, key: &str, message: impl Into<String>) -> WorkflowError {
        let line = find_key_line(&self.source, key);
        WorkflowError::Spec {
            file: self.path.display().to_string(),
            line,
            key: key.to_string(),
            message: message.into(),
        }
    }

    /// Checks the references between steps (models named by other steps exist, rules known).
    fn check(&self) -> Result<(), WorkflowError> {
        let s = &self.spec;
        let names: Vec<&str> = s.models.iter().map(|m| m.name.as_str()).collect();
        let known = |key: &str, m: &str| -> Result<(), WorkflowError> {
            if names.contains(&m) {
                Ok(())
            } else {
                Err(self.error(
                    key,
                    format!("unknown model `{m}` (models: {})", names.join(", ")),
                ))
            }
        };
        for (i, m) in s.models.iter().enumerate() {
            if names[..i].contains(&m.name.as_str()) {
                return Err(self.error("models.name", format!("duplicate model `{}`", m.name)));
            }
            match m.from.as_deref() {
                None if m.terms.is_empty() && !m.rad_score => {
                    return Err(self.error(
                        "models.terms",
                        format!("model `{}` has no terms, `from` or `rad_score`", m.name),
                    ));
                }
                Some("lasso") if s.lasso.is_none() => {
                    return Err(
                        self.error("models.from", "`from = \"lasso\"` needs a [lasso] table")
                    );
                }
                Some("stepwise") if s.stepwise.is_none() => {
                    return Err(self.error(
                        "models.from",
                        "`from = \"stepwise\"` needs a [stepwise] table",
                    ));
                }
                None | Some("lasso") | Some("stepwise") => {}
                Some(other) => {
                    return Err(self.error(
                        "models.from",
                        format!("unknown `from = \"{other}\"` (lasso or stepwise)"),
                    ));
                }
            }
            if m.rad_score && s.lasso.is_none() {
                return Err(self.error("models.rad_score", "`rad_score` needs a [lasso] table"));
            }
        }
        if let Some(r) = &s.roc {
            for [a, b] in &r.compare {
                known("roc.compare", a)?;
                known("roc.compare", b)?;
            }
            for m in &r.joint {
                known("roc.joint", m)?;
            }
        }
        if let Some(n) = &s.nomogram {
            known("nomogram.model", &n.model)?;
        }
        if let Some(c) = &s.calibration {
            for m in &c.models {
                known("calibration.models", m)?;
            }
            if let Some(m) = &c.bootstrap_model {
                known("calibration.bootstrap_model", m)?;
            }
        }
        if let Some(d) = &s.dca {
            for m in &d.models {
                known("dca.models", m)?;
            }
            if let Some(t) = &d.thresholds {
                nomo_dca::parse_grid(t).map_err(|e| self.error("dca.thresholds", e.to_string()))?;
            }
        }
        if let Some(r) = &s.risk_groups {
            known("risk_groups.model", &r.model)?;
            if !s.survival.contains_key(&r.survival) {
                return Err(self.error(
                    "risk_groups.survival",
                    format!("unknown survival outcome `{}`", r.survival),
                ));
            }
            match &r.cutoff {
                toml::Value::String(x) if x == "youden" || x == "median" => {}
                toml::Value::Float(_) | toml::Value::Integer(_) => {}
                other => {
                    return Err(self.error(
                        "risk_groups.cutoff",
                        format!("`{other}`: expected \"youden\", \"median\" or a number"),
                    ));
                }
            }
        }
        if let Some(g) = &s.subgroups {
            known("subgroups.model", &g.model)?;
        }
        if let Some(k) = &s.kruskal_wallis {
            known("kruskal_wallis.model", &k.model)?;
        }
        if let Some(l) = &s.lasso {
            if !["binomial", "gaussian"].contains(&l.family.as_str()) {
                return Err(self.error(
                    "lasso.family",
                    format!("`{}`: binomial or gaussian", l.family),
                ));
            }
            if !["min", "1se"].contains(&l.lambda.as_str()) {
                return Err(self.error("lasso.lambda", format!("`{}`: min or 1se", l.lambda)));
            }
            if !["random", "modulo", "column"].contains(&l.fold_rule.as_str()) {
                return Err(self.error(
                    "lasso.fold_rule",
                    format!("`{}`: random, modulo or column", l.fold_rule),
                ));
            }
            if l.fold_rule == "column" && l.fold_column.is_none() {
                return Err(self.error("lasso.fold_rule", "`column` needs `fold_column`"));
            }
            if let Some(m) = &l.measure
                && nomo_lasso::Measure::parse(m).is_none()
            {
                return Err(self.error("lasso.measure", format!("unknown measure `{m}`")));
            }
        }
        if let Some(st) = &s.stepwise {
            if !["both", "forward", "backward"].contains(&st.direction.as_str()) {
                return Err(self.error(
                    "stepwise.direction",
                    format!("`{}`: both, forward or backward", st.direction),
                ));
            }
            if !["aic", "bic", "p"].contains(&st.criterion.as_str()) {
                return Err(self.error(
                    "stepwise.criterion",
                    format!("`{}`: aic, bic or p", st.criterion),
                ));
            }
            if !["univariate", "lasso", "candidates"].contains(&st.from.as_str()) {
                return Err(self.error(
                    "stepwise.from",
                    format!("`{}`: univariate, lasso or candidates", st.from),
                ));
            }
            if st.from == "univariate" && s.univariate.is_none() {
                return Err(self.error("stepwise.from", "`univariate` needs a [univariate] table"));
            }
            if st.from == "lasso" && s.lasso.is_none() {
                return Err(self.error("stepwise.from", "`lasso` needs a [lasso] table"));
            }
        }
        match s.split.method.as_str() {
            "none" => {}
            "random" => match s.split.fraction {
                Some(f) if f > 0.0 && f < 1.0 => {}
                other => {
                    return Err(self.error(
                        "split.fraction",
                        format!("a random split needs 0 < fraction < 1 (got {other:?})"),
                    ));
                }
            },
            "column" => {
                if s.split.column.is_none() || s.split.training.is_empty() {
                    return Err(self.error(
                        "split.column",
                        "a column split needs `column` and `training` values",
                    ));
                }
            }
            other => {
                return Err(
                    self.error("split.method", format!("`{other}`: none, random or column"))
                );
            }
        }
        for (name, t) in &s.data.types {
            if !["continuous", "categorical", "binary", "text"].contains(&t.kind.as_str()) {
                return Err(self.error(
                    &format!("data.types.{name}"),
                    format!("type `{}`: continuous, categorical, binary or text", t.kind),
                ));
            }
        }
        Ok(())
    }
}

/// Parses the TOML source; syntax and type errors carry toml's span as a line number.
pub fn parse(source: &str, path: &Path) -> Result<Spec, WorkflowError> {
    toml::from_str::<Spec>(source).map_err(|e| {
        let line = e
            .span()
            .map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1);
        WorkflowError::Spec {
            file: path.display().to_string(),
            line,
            key: String::new(),
            message: e.message().to_string(),
        }
    })
}

/// The 1-based line where the dotted `key` is assigned: the last part's first assignment
/// (`part =`) after its table's header (`[table]` or `[[table]]`), or the header itself.
fn find_key_line(source: &str, key: &str) -> Option<usize> {
    let (table, last) = match key.rsplit_once('.') {
        Some((t, l)) => (t, l),
        None => ("", key),
    };
    let lines: Vec<&str> = source.lines().collect();
    let start = if table.is_empty() {
        0
    } else {
        lines
            .iter()
            .position(|l| l.trim().trim_matches(['[', ']']).trim() == table)
            .unwrap_or(0)
    };
    lines[start..]
        .iter()
        .position(|line| {
            let t = line.trim_start();
            t.strip_prefix(last)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|k| start + k + 1)
        .or_else(|| (start > 0).then_some(start + 1))
}
