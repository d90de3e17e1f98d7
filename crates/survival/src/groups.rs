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
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut levels: Vec<&str> = Vec::new();
        let codes: Vec<u32> = labels
            .iter()
            .map(|s| {
                let s = s.as_ref();
                *seen.entry(s).or_insert_with(|| {
                    levels.push(s);
                    (levels.len() - 1) as u32
                })
            })
            .collect();
        Self::ordered(&levels, &codes)
    }

    /// Subjects already coded: `codes[i]` indexes `names`. Levels no subject has are left out and
    /// the rest put in R's `factor` order (see the module docs), as [`Groups::from_labels`] would
    /// order the labels `names[codes[i]]`. A code outside `names` is an error.
    pub fn from_codes<S: AsRef<str>>(names: &[S], codes: &[u32]) -> Result<Self> {
        let mut used = vec![false; names.len()];
        for (row, &c) in codes.iter().enumerate() {
            match used.get_mut(c as usize) {
                Some(u) => *u = true,
                None => {
                    return Err(SurvivalError::InvalidArgument {
                        what: "group code (not a level) at row",
                        value: row as f64,
                    });
                }
            }
        }
        // the used levels, renumbered in their given order
        let mut renumber = vec![u32::MAX; names.len()];
        let mut levels: Vec<&str> = Vec::new();
        for (k, name) in names.iter().enumerate() {
            if used[k] {
                renumber[k] = levels.len() as u32;
                levels.push(name.as_ref());
            }
        }
        let codes: Vec<u32> = codes.iter().map(|&c| renumber[c as usize]).collect();
        Ok(Self::ordered(&levels, &codes))
    }

    /// Distinct `levels` (every one used) put in R's `factor` order, `codes` remapped to it.
    fn ordered(levels: &[&str], codes: &[u32]) -> Self {
        let numeric: Option<Vec<f64>> = levels.iter().map(|s| s.trim().parse().ok()).collect();
        let mut order: Vec<usize> = (0..levels.len()).collect();
        match numeric {
            Some(values) => order.sort_by(|&a, &b| values[a].total_cmp(&values[b])),
            None => order.sort_by(|&a, &b| levels[a].cmp(levels[b])),
        }
        let mut position = vec![0; levels.len()];
        for (k, &o) in order.iter().enumerate() {
            position[o] = k;
        }
        Self {
            levels: order.iter().map(|&o| levels[o].to_string()).collect(),
            index: codes.iter().map(|&c| position[c as usize]).collect(),
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
        let mut counts = vec![0usize; self.levels.len()];
        for &g in &self.index {
            counts[g] += 1;
        }
        let mut rows: Vec<Vec<usize>> = counts.into_iter().map(Vec::with_capacity).collect();
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

    /// Coded subjects group as their labels would; an unused level (here the one text name,
    /// which would otherwise make the order textual) is left out.
    #[test]
    fn codes_group_as_their_labels() {
        let names = ["10", "9", "unused", "2"];
        let codes = [0, 1, 3, 1];
        let labels: Vec<&str> = codes.iter().map(|&c| names[c as usize]).collect();
        let coded = Groups::from_codes(&names, &codes).unwrap();
        assert_eq!(coded, Groups::from_labels(&labels));
        assert_eq!(coded.levels(), &["2", "9", "10"]);
        assert!(Groups::from_codes(&names, &[0, 4]).is_err());
    }
}
