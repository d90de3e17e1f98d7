//! Grouping of subjects by a label (treatment arm, ECOG score, risk group, stratum).
//!
//! Levels are ordered as R orders the levels of `factor(x)`: numerically when every label
//! parses as a number (so "10" comes after "9"), otherwise by byte order of the text. Risk groups
//! pass their order explicitly ("low" before "high").

use std::collections::HashMap;

use crate::error::{Result, SurvivalError};

/// Subjects assigned to ordered levels.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    levels: Vec<String>,
    index: Vec<usize>,
}

impl Groups {
    /// Levels from the labels, in R's `factor` order (see the module docs).
    pub fn from_labels<S: AsRef<str>>(labels: &[S]) -> Self {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut levels: Vec<String> = Vec::new();
        let first: Vec<usize> = labels
            .iter()
            .map(|s| {
                let s = s.as_ref();
                *seen.entry(s).or_insert_with(|| {
                    levels.push(s.to_string());
                    levels.len() - 1
                })
            })
            .collect();
        let numeric: Option<Vec<f64>> = levels.iter().map(|s| s.trim().parse().ok()).collect();
        let mut order: Vec<usize> = (0..levels.len()).collect();
        match numeric {
            Some(values) => order.sort_by(|&a, &b| values[a].total_cmp(&values[b])),
            None => order.sort_by(|&a, &b| levels[a].cmp(&levels[b])),
        }
        let mut position = vec![0; levels.len()];
        for (k, &o) in order.iter().enumerate() {
            position[o] = k;
        }
        Self {
            levels: order.iter().map(|&o| levels[o].clone()).collect(),
            index: first.iter().map(|&f| position[f]).collect(),
        }
    }

    /// Labels with a given level order; a label outside `levels` is an error.
    pub fn with_levels<S: AsRef<str>>(labels: &[S], levels: &[&str]) -> Result<Self> {
        let index = labels
            .iter()
            .enumerate()
            .map(|(row, s)| {
                levels
                    .iter()
                    .position(|l| *l == s.as_ref())
                    .ok_or(SurvivalError::InvalidArgument {
                        what: "group label (not among the declared levels) at row",
                        value: row as f64,
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            levels: levels.iter().map(|s| s.to_string()).collect(),
            index,
        })
    }

    /// Level names in order.
    pub fn levels(&self) -> &[String] {
        &self.levels
    }

    /// Level index of each subject.
    pub fn index(&self) -> &[usize] {
        &self.index
    }

    /// Number of levels.
    pub fn n_levels(&self) -> usize {
        self.levels.len()
    }

    /// Rows of each level, in subject order.
    pub fn rows(&self) -> Vec<Vec<usize>> {
        let mut rows = vec![Vec::new(); self.levels.len()];
        for (i, &g) in self.index.iter().enumerate() {
            rows[g].push(i);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_labels_sort_numerically() {
        let g = Groups::from_labels(&["10", "9", "2", "9"]);
        assert_eq!(g.levels(), &["2", "9", "10"]);
        assert_eq!(g.index(), &[2, 1, 0, 1]);
        let g = Groups::from_labels(&["b", "a"]);
        assert_eq!(g.levels(), &["a", "b"]);
    }
}
