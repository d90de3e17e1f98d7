//! Table 1: every variable summarised overall and by group, with a between-group test.
//!
//! Rows whose group label is missing are left out of the table entirely (as tableone
//! does); the groups are the distinct labels in R's factor order.
//!
//! Continuous variables get n, missing count, mean, SD, median and type-7 quartiles
//! overall and per group, Shapiro–Wilk on the whole column (all groups together), the
//! standardized mean difference, and these tests: with two groups Welch's t, Student's t
//! and the Wilcoxon rank-sum test; with more, one-way ANOVA and Kruskal–Wallis. The
//! displayed summary is mean ± SD when Shapiro–Wilk gives p ≥ α (0.05) and median (Q1, Q3)
//! when p < α, unless fixed by the caller; when W is not computable the row shows
//! mean ± SD and says why. The reported test follows the displayed summary (mean → Welch t
//! or ANOVA, median → Wilcoxon or Kruskal–Wallis) unless fixed.
//!
//! Categorical variables get counts and percentages per level (percent of the group's
//! non-missing values), missing counts, the SMD, Pearson's χ² (R's 2 × 2 continuity
//! correction) and Fisher's exact test; the reported test is Fisher when any expected
//! count is below 5 and χ² otherwise, unless fixed.
//!
//! Whatever cannot be computed (a group with fewer than two values, a constant column,
//! an all-missing column, a single group) is `null` in the row, and the row's `notes` say
//! which statistic and why.

use serde::Serialize;

use crate::anova::one_way_anova;
use crate::chi_square::chi_square_test;
use crate::contingency::ContingencyTable;
use crate::error::DescribeError;
use crate::fisher::fisher_exact;
use crate::grouping::{GroupValues, levels, split_by_group};
use crate::kruskal_wallis::kruskal_wallis;
use crate::shapiro_wilk::shapiro_wilk;
use crate::smd::{smd_categorical, smd_continuous};
use crate::summary::Summary;
use crate::t_test::{student_t_test, welch_t_test};
use crate::wilcoxon::wilcoxon_rank_sum;

/// The summary a continuous row displays.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// "55.7 ± 9.0"
    MeanSd,
    /// "3.9 (2.7, 5.3)"
    MedianIqr,
}

/// A between-group test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    WelchT,
    StudentT,
    Wilcoxon,
    Anova,
    KruskalWallis,
    ChiSquare,
    Fisher,
}

impl TestKind {
    /// A human name for table footnotes.
    pub fn label(self) -> &'static str {
        match self {
            TestKind::WelchT => "Welch t-test",
            TestKind::StudentT => "Student t-test",
            TestKind::Wilcoxon => "Wilcoxon rank-sum test",
            TestKind::Anova => "one-way ANOVA",
            TestKind::KruskalWallis => "Kruskal–Wallis test",
            TestKind::ChiSquare => "Pearson's chi-squared test",
            TestKind::Fisher => "Fisher's exact test",
        }
    }

    fn is_continuous(self) -> bool {
        !matches!(self, TestKind::ChiSquare | TestKind::Fisher)
    }
}

/// A variable's values, one per row of the data (aligned with the group labels).
#[derive(Debug, Clone, PartialEq)]
pub enum VariableData {
    Continuous(Vec<Option<f64>>),
    Categorical(Vec<Option<String>>),
}

/// One variable of Table 1 with optional fixed display and test.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub name: String,
    pub data: VariableData,
    /// Fixes the displayed summary of a continuous variable (else Shapiro–Wilk decides).
    pub display: Option<Display>,
    /// Fixes the reported test (else the default rule decides).
    pub test: Option<TestKind>,
}

impl Variable {
    /// A continuous variable with the default rules.
    pub fn continuous(name: impl Into<String>, values: Vec<Option<f64>>) -> Variable {
        Variable {
            name: name.into(),
            data: VariableData::Continuous(values),
            display: None,
            test: None,
        }
    }

    /// A categorical variable with the default rules.
    pub fn categorical(name: impl Into<String>, values: Vec<Option<String>>) -> Variable {
        Variable {
            name: name.into(),
            data: VariableData::Categorical(values),
            display: None,
            test: None,
        }
    }
}

/// The rules of Table 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableOneParams {
    /// Shapiro–Wilk p below this → median (Q1, Q3). Default 0.05.
    pub normality_alpha: f64,
    /// Any expected count below this → Fisher's exact test. Default 5.
    pub fisher_below_expected: f64,
}

impl Default for TableOneParams {
    fn default() -> Self {
        TableOneParams {
            normality_alpha: 0.05,
            fisher_below_expected: 5.0,
        }
    }
}

/// A group column of the table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupInfo {
    pub label: String,
    pub n: usize,
}

/// One computed (or not computable) test.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TestOutcome {
    pub test: TestKind,
    pub statistic: Option<f64>,
    pub df: Option<f64>,
    /// Denominator degrees of freedom (ANOVA only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df2: Option<f64>,
    pub p: Option<f64>,
    /// Why the test could not be computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_computable: Option<String>,
}

impl TestOutcome {
    fn failed(test: TestKind, reason: String) -> TestOutcome {
        TestOutcome {
            test,
            statistic: None,
            df: None,
            df2: None,
            p: None,
            not_computable: Some(reason),
        }
    }
}

/// A group's summary of a continuous variable.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupSummary {
    pub group: String,
    #[serde(flatten)]
    pub summary: Summary,
}

/// A continuous row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContinuousRow {
    pub variable: String,
    pub overall: Summary,
    pub groups: Vec<GroupSummary>,
    /// Shapiro–Wilk on the whole column.
    pub shapiro_w: Option<f64>,
    pub shapiro_p: Option<f64>,
    pub display: Display,
    /// Why this summary is displayed.
    pub display_reason: String,
    pub smd: Option<f64>,
    /// Every test computed for the row.
    pub tests: Vec<TestOutcome>,
    /// The test the table reports, and its p-value.
    pub test: TestKind,
    pub p: Option<f64>,
    /// Statistics that could not be computed, and why.
    pub notes: Vec<String>,
}

/// A group's count of one level.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LevelCount {
    pub group: String,
    pub n: u64,
    /// Percent of the group's non-missing values.
    pub pct: Option<f64>,
}

/// One level of a categorical row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LevelRow {
    pub level: String,
    pub n: u64,
    pub pct: Option<f64>,
    pub groups: Vec<LevelCount>,
}

/// A categorical row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoricalRow {
    pub variable: String,
    pub n: usize,
    pub n_missing: usize,
    /// Missing values per group, in group order.
    pub n_missing_by_group: Vec<usize>,
    pub levels: Vec<LevelRow>,
    pub smd: Option<f64>,
    pub tests: Vec<TestOutcome>,
    pub test: TestKind,
    pub p: Option<f64>,
    pub notes: Vec<String>,
}

/// A row of Table 1.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Row {
    Continuous(ContinuousRow),
    Categorical(CategoricalRow),
}

/// Table 1.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableOne {
    /// The grouping variable.
    pub by: String,
    pub groups: Vec<GroupInfo>,
    /// Rows with a group label.
    pub n: usize,
    /// Rows left out because their group label is missing.
    pub n_missing_group: usize,
    pub rows: Vec<Row>,
}

/// Builds Table 1 of `variables` by the group labels `groups` (one per data row). Errors
/// only when a variable's length differs from the group column's; everything data-dependent
/// that cannot be computed is reported inside the rows.
pub fn table_one(
    by: &str,
    groups: &[Option<String>],
    variables: &[Variable],
    params: &TableOneParams,
) -> Result<TableOne, DescribeError> {
    for v in variables {
        let len = match &v.data {
            VariableData::Continuous(x) => x.len(),
            VariableData::Categorical(x) => x.len(),
        };
        if len != groups.len() {
            return Err(DescribeError::LengthMismatch {
                what: "Table 1 variable vs group column",
                left: len,
                right: groups.len(),
            });
        }
    }
    let order = levels(groups);
    let info: Vec<GroupInfo> = order
        .iter()
        .map(|l| GroupInfo {
            label: l.clone(),
            n: groups.iter().filter(|g| g.as_deref() == Some(l)).count(),
        })
        .collect();
    let rows = variables
        .iter()
        .map(|v| match &v.data {
            VariableData::Continuous(x) => {
                Row::Continuous(continuous_row(v, x, groups, &order, params))
            }
            VariableData::Categorical(x) => {
                Row::Categorical(categorical_row(v, x, groups, &order, params))
            }
        })
        .collect();
    let n = groups.iter().filter(|g| g.is_some()).count();
    Ok(TableOne {
        by: by.to_string(),
        groups: info,
        n,
        n_missing_group: groups.len() - n,
        rows,
    })
}

fn single_group_reason(k: usize) -> String {
    format!("{k} group(s): a between-group test needs at least 2")
}

fn continuous_row(
    v: &Variable,
    x: &[Option<f64>],
    groups: &[Option<String>],
    order: &[String],
    params: &TableOneParams,
) -> ContinuousRow {
    let split: Vec<GroupValues> = split_by_group(x, groups, order);
    let all: Vec<f64> = split
        .iter()
        .flat_map(|g| g.values.iter().copied())
        .collect();
    let n_missing: usize = split.iter().map(|g| g.n_missing).sum();
    let mut notes = Vec::new();
    let overall = Summary::of(&all, n_missing);
    if all.is_empty() {
        notes.push("all values are missing: no summary is computable".to_string());
    }
    let group_summaries: Vec<GroupSummary> = split
        .iter()
        .map(|g| {
            if g.values.len() < 2 {
                notes.push(format!(
                    "SD not computable in group '{}': {} observation(s), at least 2 needed",
                    g.label,
                    g.values.len()
                ));
            }
            GroupSummary {
                group: g.label.clone(),
                summary: Summary::of(&g.values, g.n_missing),
            }
        })
        .collect();

    let shapiro = shapiro_wilk(&all);
    let (display, display_reason) = match (v.display, &shapiro) {
        (Some(d), _) => (d, "fixed by the user".to_string()),
        (None, Ok(sw)) if sw.p < params.normality_alpha => (
            Display::MedianIqr,
            format!(
                "Shapiro–Wilk p < {} on the whole column",
                params.normality_alpha
            ),
        ),
        (None, Ok(_)) => (
            Display::MeanSd,
            format!(
                "Shapiro–Wilk p ≥ {} on the whole column",
                params.normality_alpha
            ),
        ),
        (None, Err(_)) => (
            Display::MeanSd,
            "Shapiro–Wilk not computable: mean ± SD shown".to_string(),
        ),
    };
    if let Err(e) = &shapiro {
        notes.push(format!("Shapiro–Wilk not computable: {e}"));
    }

    let samples: Vec<&[f64]> = split.iter().map(|g| g.values.as_slice()).collect();
    let k = samples.len();
    let default_test = match (display, k > 2) {
        (Display::MeanSd, false) => TestKind::WelchT,
        (Display::MedianIqr, false) => TestKind::Wilcoxon,
        (Display::MeanSd, true) => TestKind::Anova,
        (Display::MedianIqr, true) => TestKind::KruskalWallis,
    };
    let test = v.test.filter(|t| t.is_continuous()).unwrap_or(default_test);
    if v.test.is_some_and(|t| !t.is_continuous()) {
        notes.push(
            "a categorical test was requested for a continuous variable: default used".into(),
        );
    }
    let mut kinds = if k > 2 {
        vec![TestKind::Anova, TestKind::KruskalWallis]
    } else {
        vec![TestKind::WelchT, TestKind::StudentT, TestKind::Wilcoxon]
    };
    if !kinds.contains(&test) {
        kinds.push(test);
    }
    let tests: Vec<TestOutcome> = kinds
        .iter()
        .map(|&t| run_continuous_test(t, &samples))
        .collect();
    for t in &tests {
        if let Some(r) = &t.not_computable {
            notes.push(format!("{} not computable: {r}", t.test.label()));
        }
    }
    let p = tests.iter().find(|t| t.test == test).and_then(|t| t.p);
    let smd = smd_continuous(&samples);
    if smd.is_none() {
        notes.push(
            "SMD not computable: needs ≥ 2 groups with ≥ 2 values and a non-zero pooled SD".into(),
        );
    }
    let (shapiro_w, shapiro_p) = match shapiro {
        Ok(sw) => (Some(sw.w), Some(sw.p)),
        Err(_) => (None, None),
    };
    ContinuousRow {
        variable: v.name.clone(),
        overall,
        groups: group_summaries,
        shapiro_w,
        shapiro_p,
        display,
        display_reason,
        smd,
        tests,
        test,
        p,
        notes,
    }
}

/// A test's statistic, df, second df and p.
type Fitted = (f64, Option<f64>, Option<f64>, f64);

fn run_continuous_test(test: TestKind, samples: &[&[f64]]) -> TestOutcome {
    let k = samples.len();
    let pair = || -> Result<(&[f64], &[f64]), String> {
        if k == 2 {
            Ok((samples[0], samples[1]))
        } else {
            Err(format!("{k} group(s): {} compares exactly 2", test.label()))
        }
    };
    let text = |e: DescribeError| e.to_string();
    let result: Result<Fitted, String> = match test {
        TestKind::WelchT => pair().and_then(|(a, b)| {
            welch_t_test(a, b)
                .map(|t| (t.statistic, Some(t.df), None, t.p))
                .map_err(text)
        }),
        TestKind::StudentT => pair().and_then(|(a, b)| {
            student_t_test(a, b)
                .map(|t| (t.statistic, Some(t.df), None, t.p))
                .map_err(text)
        }),
        TestKind::Wilcoxon => pair().and_then(|(a, b)| {
            wilcoxon_rank_sum(a, b)
                .map(|t| (t.statistic, None, None, t.p))
                .map_err(text)
        }),
        TestKind::Anova => one_way_anova(samples)
            .map(|a| (a.statistic, Some(a.df1), Some(a.df2), a.p))
            .map_err(text),
        TestKind::KruskalWallis => kruskal_wallis(samples)
            .map(|a| (a.statistic, Some(a.df), None, a.p))
            .map_err(text),
        TestKind::ChiSquare | TestKind::Fisher => Err("not a test of a continuous variable".into()),
    };
    let result = if k < 2 {
        Err(single_group_reason(k))
    } else {
        result
    };
    match result {
        Ok((statistic, df, df2, p)) => TestOutcome {
            test,
            statistic: Some(statistic),
            df,
            df2,
            p: Some(p),
            not_computable: None,
        },
        Err(reason) => TestOutcome::failed(test, reason),
    }
}

fn categorical_row(
    v: &Variable,
    x: &[Option<String>],
    groups: &[Option<String>],
    order: &[String],
    params: &TableOneParams,
) -> CategoricalRow {
    let k = order.len();
    let lv = levels(
        &x.iter()
            .zip(groups)
            .map(|(a, g)| g.as_ref().and(a.as_ref()))
            .collect::<Vec<_>>(),
    );
    // counts[level][group]
    let mut counts = vec![vec![0u64; k]; lv.len()];
    let mut missing = vec![0usize; k];
    for (a, g) in x.iter().zip(groups) {
        let Some(gi) = g.as_ref().and_then(|g| order.iter().position(|l| l == g)) else {
            continue;
        };
        match a {
            Some(a) => {
                if let Some(li) = lv.iter().position(|l| l == a) {
                    counts[li][gi] += 1;
                }
            }
            None => missing[gi] += 1,
        }
    }
    let group_n: Vec<u64> = (0..k).map(|g| counts.iter().map(|r| r[g]).sum()).collect();
    let total: u64 = group_n.iter().sum();
    let pct = |n: u64, d: u64| (d > 0).then(|| 100.0 * n as f64 / d as f64);
    let level_rows: Vec<LevelRow> = lv
        .iter()
        .zip(&counts)
        .map(|(l, row)| {
            let n: u64 = row.iter().sum();
            LevelRow {
                level: l.clone(),
                n,
                pct: pct(n, total),
                groups: order
                    .iter()
                    .zip(row)
                    .zip(&group_n)
                    .map(|((g, &c), &d)| LevelCount {
                        group: g.clone(),
                        n: c,
                        pct: pct(c, d),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut notes = Vec::new();
    if total == 0 {
        notes.push("all values are missing: no counts".to_string());
    }
    let table = if k < 2 {
        Err(single_group_reason(k))
    } else {
        ContingencyTable::new(counts.clone()).map_err(|e| e.to_string())
    };
    let (mut tests, min_expected) = match &table {
        Ok(t) => {
            let chi = chi_square_test(t);
            let chi_outcome = TestOutcome {
                test: TestKind::ChiSquare,
                statistic: Some(chi.statistic),
                df: Some(chi.df),
                df2: None,
                p: Some(chi.p),
                not_computable: None,
            };
            let fisher = match fisher_exact(t) {
                Ok(f) => TestOutcome {
                    test: TestKind::Fisher,
                    statistic: None,
                    df: None,
                    df2: None,
                    p: Some(f.p),
                    not_computable: None,
                },
                Err(e) => TestOutcome::failed(TestKind::Fisher, e.to_string()),
            };
            (vec![chi_outcome, fisher], Some(chi.min_expected))
        }
        Err(reason) => (
            vec![
                TestOutcome::failed(TestKind::ChiSquare, reason.clone()),
                TestOutcome::failed(TestKind::Fisher, reason.clone()),
            ],
            None,
        ),
    };
    let default_test = if min_expected.is_some_and(|m| m < params.fisher_below_expected) {
        TestKind::Fisher
    } else {
        TestKind::ChiSquare
    };
    let test = match v.test {
        Some(t) if !t.is_continuous() => t,
        Some(_) => {
            notes.push(
                "a continuous test was requested for a categorical variable: default used".into(),
            );
            default_test
        }
        None => default_test,
    };
    tests.retain(|t| t.test == TestKind::ChiSquare || t.test == TestKind::Fisher);
    for t in &tests {
        if let Some(r) = &t.not_computable {
            notes.push(format!("{} not computable: {r}", t.test.label()));
        }
    }
    let p = tests.iter().find(|t| t.test == test).and_then(|t| t.p);
    let by_group: Vec<Vec<u64>> = (0..k)
        .map(|g| counts.iter().map(|r| r[g]).collect())
        .collect();
    let smd = smd_categorical(&by_group);
    if smd.is_none() {
        notes.push(
            "SMD not computable: needs ≥ 2 non-empty groups and a non-singular covariance".into(),
        );
    }
    CategoricalRow {
        variable: v.name.clone(),
        n: total as usize,
        n_missing: missing.iter().sum(),
        n_missing_by_group: missing,
        levels: level_rows,
        smd,
        tests,
        test,
        p,
        notes,
    }
}
