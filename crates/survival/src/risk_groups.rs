//! Risk groups in one call: split subjects by a score at a cutoff and report Kaplan–Meier per
//! group with medians, the log-rank test and the Cox hazard ratio of high versus low risk —
//! the closing analysis of most prognostic-model papers.
//!
//! # Rule
//! A subject is **high** risk when its score (a predicted probability or a linear predictor)
//! is ≥ the cutoff, **low** otherwise; low is the reference level, so the Cox term is
//! `riskhigh` and its HR is high versus low (R: `factor(risk, c("low", "high"))`).
//!
//! The cutoff is one of
//! - **given**: a number chosen by the analyst;
//! - **Youden**: the ROC Youden cutoff of the score against a binary outcome. It is computed by
//!   the ROC code (pROC convention: midpoints between observed scores) and passed in as a
//!   number; this crate does not recompute it;
//! - **median**: the sample median of the score (mean of the two middle values when n is even,
//!   as R's `median`);
//! - **maximally selected log-rank** (Lausen & Schumacher 1992): every distinct score value c
//!   that leaves at least ⌈π·n⌉ subjects in each group (π the minimum group proportion) is
//!   tried as the cutoff and the one with the largest log-rank χ² is kept (the smallest such
//!   value on ties). The reported log-rank p-value is then the naive one, which is optimistic:
//!   the selection is not adjusted for (maxstat's adjusted p is not computed here). The search
//!   costs one log-rank test per candidate.

use serde::Serialize;

use crate::cox::{CoxFit, CoxOptions, cox_fit};
use crate::data::SurvivalData;
use crate::error::{Result, SurvivalError};
use crate::groups::Groups;
use crate::kaplan_meier::{KaplanMeier, KmOptions};
use crate::logrank::{LogRank, survdiff};

/// How the cutoff is chosen (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum CutoffRule {
    /// A cutoff given by the analyst.
    Given { cutoff: f64 },
    /// The ROC Youden cutoff, computed by the caller.
    Youden { cutoff: f64 },
    /// The sample median of the score.
    Median,
    /// The maximally selected log-rank cutoff with a minimum proportion in each group.
    MaxLogRank { min_prop: f64 },
}

/// A Kaplan–Meier curve with its group name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedCurve {
    /// Group name (`low`, `high`).
    pub name: String,
    /// The curve, its median and table.
    #[serde(flatten)]
    pub curve: KaplanMeier,
}

/// Everything about the two risk groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskGroups {
    /// The rule that chose the cutoff.
    pub rule: CutoffRule,
    /// The cutoff used (high ⇔ score ≥ cutoff).
    pub cutoff: f64,
    /// Subjects in the low group.
    pub n_low: usize,
    /// Subjects in the high group.
    pub n_high: usize,
    /// 1 for a high-risk subject, 0 for low, in input order.
    pub high: Vec<u8>,
    /// Kaplan–Meier per group: low, then high.
    pub strata: Vec<NamedCurve>,
    /// Log-rank test, groups low and high.
    pub logrank: LogRank,
    /// Cox model with the single term `riskhigh`.
    pub cox: CoxFit,
}

/// R's median (mean of the middle two for even n).
fn median(x: &[f64]) -> f64 {
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn split(score: &[f64], cutoff: f64) -> Vec<u8> {
    score.iter().map(|&s| u8::from(s >= cutoff)).collect()
}

fn labels(high: &[u8]) -> Vec<&'static str> {
    high.iter()
        .map(|&h| if h == 1 { "high" } else { "low" })
        .collect()
}

/// Maximally selected log-rank cutoff (see the module docs).
fn max_logrank_cutoff(data: &SurvivalData, score: &[f64], min_prop: f64) -> Result<f64> {
    if !(min_prop > 0.0 && min_prop <= 0.5) {
        return Err(SurvivalError::InvalidArgument {
            what: "minimum group proportion (0 < p ≤ 0.5)",
            value: min_prop,
        });
    }
    let n = score.len();
    let min_n = (min_prop * n as f64).ceil() as usize;
    let mut candidates = score.to_vec();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mut best: Option<(f64, f64)> = None;
    for &c in &candidates {
        let high = split(score, c);
        let n_high = high.iter().filter(|&&h| h == 1).count();
        if n_high < min_n || n - n_high < min_n {
            continue;
        }
        let groups = Groups::with_levels(&labels(&high), &["low", "high"])?;
        let test = survdiff(data, &groups, None, 0.0)?;
        if best.is_none_or(|(_, chisq)| test.chisq > chisq) {
            best = Some((c, test.chisq));
        }
    }
    best.map(|(c, _)| c).ok_or(SurvivalError::InvalidArgument {
        what: "minimum group proportion (no cutoff leaves enough subjects in both groups)",
        value: min_prop,
    })
}

/// Forms the two risk groups and analyses them (see the module docs).
pub fn risk_groups(
    data: &SurvivalData,
    score: &[f64],
    rule: CutoffRule,
    km_options: KmOptions,
    cox_options: &CoxOptions,
) -> Result<RiskGroups> {
    if score.len() != data.len() {
        return Err(SurvivalError::LengthMismatch {
            what: "score",
            expected: data.len(),
            found: score.len(),
        });
    }
    if let Some(row) = score.iter().position(|s| !s.is_finite()) {
        return Err(SurvivalError::MissingCovariate {
            row,
            term: "score".into(),
            value: score[row],
        });
    }
    let cutoff = match rule {
        CutoffRule::Given { cutoff } | CutoffRule::Youden { cutoff } => {
            if !cutoff.is_finite() {
                return Err(SurvivalError::InvalidArgument {
                    what: "cutoff",
                    value: cutoff,
                });
            }
            cutoff
        }
        CutoffRule::Median => median(score),
        CutoffRule::MaxLogRank { min_prop } => max_logrank_cutoff(data, score, min_prop)?,
    };
    let high = split(score, cutoff);
    let n_high = high.iter().filter(|&&h| h == 1).count();
    let n_low = high.len() - n_high;
    if n_high == 0 || n_low == 0 {
        return Err(SurvivalError::EmptyGroup {
            cutoff,
            empty: if n_high == 0 { "high" } else { "low" },
        });
    }
    let groups = Groups::with_levels(&labels(&high), &["low", "high"])?;
    let strata = groups
        .rows()
        .iter()
        .zip(groups.levels())
        .map(|(rows, name)| {
            Ok(NamedCurve {
                name: name.clone(),
                curve: KaplanMeier::fit(&data.subset(rows), km_options)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let logrank = survdiff(data, &groups, None, 0.0)?;
    let indicator: Vec<f64> = high.iter().map(|&h| f64::from(h)).collect();
    let cox = cox_fit(data, &["riskhigh".to_string()], &[indicator], cox_options)?;
    Ok(RiskGroups {
        rule,
        cutoff,
        n_low,
        n_high,
        high,
        strata,
        logrank,
        cox,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_empty_group() {
        assert_eq!(median(&[3.0, 1.0, 2.0, 10.0]), 2.5);
        let d = SurvivalData::from_binary(&[1., 2., 3.], &[1., 1., 0.]).unwrap();
        let err = risk_groups(
            &d,
            &[0.1, 0.2, 0.3],
            CutoffRule::Given { cutoff: 0.9 },
            KmOptions::default(),
            &CoxOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            SurvivalError::EmptyGroup {
                cutoff: 0.9,
                empty: "high"
            }
        );
    }
}
