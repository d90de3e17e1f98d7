//! The report: one serializable struct holding every step's result, numbers at full f64
//! precision (formatted strings belong to the Markdown/HTML/CSV display only).

use nomo_calibration::{BootstrapValidation, HosmerLemeshow, ValProb};
use nomo_dca::DecisionCurve;
use nomo_describe::{CohenKappa, Icc, KruskalWallis, TableOne};
use nomo_ingest::{DeriveReport, Exclusion};
use nomo_lasso::CvResult;
use nomo_logistic::{LogisticFit, Nomogram, StepwiseResult};
use nomo_roc::{Comparison, JointTest, RocSummary};
use nomo_survival::{CoxFit, KaplanMeier, LogRank};
use serde::Serialize;

use crate::cohort::{Part, SplitSummary};

/// Everything `nomo run` computed.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub nomo_version: &'static str,
    pub name: String,
    pub spec_file: String,
    pub data_file: String,
    pub seed: u64,
    /// Rows of the data file.
    pub n_rows: usize,
    /// Rows complete over the outcome and every predictor used.
    pub n_used: usize,
    pub n_dropped: usize,
    pub excluded: Vec<Exclusion>,
    pub outcome: String,
    pub event: String,
    pub events: usize,
    pub split: SplitSummary,
    pub derived: Vec<DeriveReport>,
    pub table_one: Option<TableOne>,
    pub youden: Option<Vec<YoudenRow>>,
    pub univariate: Option<Vec<UnivariateRow>>,
    pub lasso: Option<LassoStep>,
    pub stepwise: Option<StepwiseStep>,
    pub models: Vec<ModelResult>,
    pub delong: Vec<DelongRow>,
    pub joint: Vec<JointRow>,
    pub nomogram: Option<NomogramStep>,
    pub calibration: Vec<CalibrationRow>,
    pub bootstrap: Option<BootstrapStep>,
    pub dca: Vec<DcaRow>,
    pub risk_groups: Vec<RiskGroupRow>,
    pub subgroups: Option<SubgroupStep>,
    pub kruskal_wallis: Option<KruskalWallisStep>,
    pub agreement: Option<AgreementStep>,
}

/// The Youden cutoff of one variable (pROC's automatic direction).
#[derive(Debug, Clone, Serialize)]
pub struct YoudenRow {
    pub variable: String,
    pub direction: String,
    pub auc: f64,
    /// The lowest of the tied best thresholds.
    pub threshold: f64,
    pub sensitivity: f64,
    pub specificity: f64,
    /// Number of tied best thresholds.
    pub n_best: usize,
    pub summary: RocSummary,
}

/// One term of the univariate screen (Table 4, left half).
#[derive(Debug, Clone, Serialize)]
pub struct UnivariateRow {
    pub variable: String,
    pub term: String,
    pub n: usize,
    pub estimate: f64,
    pub std_error: f64,
    pub z: f64,
    /// Wald p.
    pub p: f64,
    pub odds_ratio: f64,
    pub or_lower: f64,
    pub or_upper: f64,
    /// LR test of the variable.
    pub lr_p: Option<f64>,
    /// Whether the variable passes the screen (p < threshold).
    pub selected: bool,
}

/// LASSO cross-validation and the variables it selects.
#[derive(Debug, Clone, Serialize)]
pub struct LassoStep {
    /// `min` or `1se`.
    pub lambda_rule: String,
    pub lambda: f64,
    /// Variables with a non-zero coefficient at the chosen λ (candidate order).
    pub selected: Vec<String>,
    pub unpenalized: Vec<String>,
    pub fold_rule: String,
    pub seed: Option<u64>,
    pub cv: CvResult,
}

/// Stepwise multivariable selection.
#[derive(Debug, Clone, Serialize)]
pub struct StepwiseStep {
    /// The variables offered (`entered` in the seed's reference).
    pub scope: Vec<String>,
    pub result: StepwiseResult,
}

/// A named model: its fit on the training part and its performance per part.
#[derive(Debug, Clone, Serialize)]
pub struct ModelResult {
    pub name: String,
    pub variables: Vec<String>,
    pub fit: LogisticFit,
    pub performance: Vec<Performance>,
    /// Predicted probability of every analysis row (file order of the kept rows).
    pub predicted: Vec<f64>,
}

/// Discrimination of a model on one part (Table 5): AUC with DeLong CI, and the
/// classification at the training Youden cutoff (p ≥ cutoff is positive).
#[derive(Debug, Clone, Serialize)]
pub struct Performance {
    pub part: Part,
    pub n: usize,
    pub events: usize,
    pub auc: f64,
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    pub cutoff: f64,
    pub sensitivity: f64,
    pub specificity: f64,
    pub ppv: Option<f64>,
    pub npv: Option<f64>,
    pub accuracy: f64,
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// The ROC summary on this part (direction fixed: higher probability = event).
    pub roc: RocSummary,
}

/// A paired DeLong comparison on one part.
#[derive(Debug, Clone, Serialize)]
pub struct DelongRow {
    pub a: String,
    pub b: String,
    pub part: Part,
    pub auc_a: f64,
    pub auc_b: f64,
    pub comparison: Comparison,
}

/// A joint test of k ≥ 3 AUCs on one part.
#[derive(Debug, Clone, Serialize)]
pub struct JointRow {
    pub models: Vec<String>,
    pub part: Part,
    pub test: JointTest,
}

/// The nomogram of the frozen model.
#[derive(Debug, Clone, Serialize)]
pub struct NomogramStep {
    pub model: String,
    pub nomogram: Nomogram,
}

/// Calibration of a model on one part.
#[derive(Debug, Clone, Serialize)]
pub struct CalibrationRow {
    pub model: String,
    pub part: Part,
    pub val_prob: ValProb,
    pub hosmer_lemeshow: HosmerLemeshow,
}

/// Bootstrap validation (optimism correction) of a model refitted per resample.
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapStep {
    pub model: String,
    pub validation: BootstrapValidation,
}

/// Decision curves on one part.
#[derive(Debug, Clone, Serialize)]
pub struct DcaRow {
    pub part: Part,
    pub curve: DecisionCurve,
}

/// Risk groups on one part.
#[derive(Debug, Clone, Serialize)]
pub struct RiskGroupRow {
    pub model: String,
    pub survival: String,
    pub part: Part,
    /// `youden`, `median` or `given`.
    pub rule: String,
    pub cutoff: f64,
    pub n: usize,
    pub n_low: usize,
    pub n_high: usize,
    /// KM curves, `low` then `high`.
    pub strata: Vec<RiskStratum>,
    pub logrank: LogRank,
    /// Cox model of `riskhigh` (low = reference).
    pub cox: CoxFit,
}

/// One risk group's Kaplan–Meier curve.
#[derive(Debug, Clone, Serialize)]
pub struct RiskStratum {
    pub group: String,
    pub curve: KaplanMeier,
}

/// Subgroup AUCs.
#[derive(Debug, Clone, Serialize)]
pub struct SubgroupStep {
    pub model: String,
    pub variable: String,
    pub part: Part,
    pub groups: Vec<SubgroupRow>,
    /// Unpaired DeLong tests between every pair of levels.
    pub comparisons: Vec<SubgroupComparison>,
}

/// One subgroup's ROC.
#[derive(Debug, Clone, Serialize)]
pub struct SubgroupRow {
    pub level: String,
    pub n: usize,
    pub roc: RocSummary,
}

/// An unpaired comparison of two subgroups.
#[derive(Debug, Clone, Serialize)]
pub struct SubgroupComparison {
    pub a: String,
    pub b: String,
    pub comparison: Comparison,
}

/// Kruskal–Wallis of a model's predicted probability across groups.
#[derive(Debug, Clone, Serialize)]
pub struct KruskalWallisStep {
    pub model: String,
    pub by: String,
    pub part: Part,
    pub groups: Vec<String>,
    pub test: KruskalWallis,
}

/// Interobserver agreement.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementStep {
    pub file: String,
    pub icc: Vec<IccPair>,
    pub kappa: Vec<KappaPair>,
}

/// ICC of a reader column pair.
#[derive(Debug, Clone, Serialize)]
pub struct IccPair {
    pub columns: [String; 2],
    pub icc: Icc,
}

/// Cohen's kappa of a reader column pair.
#[derive(Debug, Clone, Serialize)]
pub struct KappaPair {
    pub columns: [String; 2],
    pub kappa: CohenKappa,
}
