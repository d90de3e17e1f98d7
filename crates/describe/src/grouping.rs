//! Level ordering and splitting a column by group labels.
//!
//! Levels are ordered as R orders the levels of `factor(x)` built from a column read by
//! `read.csv`: numerically when every label is a number (so "2" < "10"), otherwise by
//! string comparison. Rows whose group label or value is missing are left out.

use std::cmp::Ordering;

/// R-like level order: numbers numerically and before text, text by byte order.
pub fn level_cmp(a: &str, b: &str) -> Ordering {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// The distinct non-missing labels in level order.
pub fn levels<S: AsRef<str>>(labels: &[Option<S>]) -> Vec<String> {
    let mut out: Vec<String> = labels
        .iter()
        .flatten()
        .map(|s| s.as_ref().to_string())
        .collect();
    out.sort_by(|a, b| level_cmp(a, b));
    out.dedup();
    out
}

/// One group's observed values and its count of missing values.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupValues {
    pub label: String,
    pub values: Vec<f64>,
    pub n_missing: usize,
}

/// Splits `values` by `groups` (same length) into the groups `order` names, in that order.
/// Rows with a missing group label or a label not in `order` are skipped; non-finite values
/// count as missing.
pub fn split_by_group(
    values: &[Option<f64>],
    groups: &[Option<String>],
    order: &[String],
) -> Vec<GroupValues> {
    let mut out: Vec<GroupValues> = order
        .iter()
        .map(|l| GroupValues {
            label: l.clone(),
            values: Vec::new(),
            n_missing: 0,
        })
        .collect();
    for (v, g) in values.iter().zip(groups) {
        let Some(g) = g else { continue };
        let Some(slot) = order.iter().position(|l| l == g) else {
            continue;
        };
        match v {
            Some(x) if x.is_finite() => out[slot].values.push(*x),
            _ => out[slot].n_missing += 1,
        }
    }
    out
}
