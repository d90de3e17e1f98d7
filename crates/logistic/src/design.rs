//! The design: named numeric terms (column-major) of a model with an intercept.
//!
//! A term is one column of the model matrix, named as R names it (`age`, `genderMale`).
//! Categorical predictors arrive already expanded into treatment-coded dummies; `variables`
//! ties each column to the predictor it came from, so that `drop1`, stepwise selection and
//! the nomogram treat the dummies of one factor as one unit (as R's `terms` do). The
//! intercept is never part of the design: every fit adds it.

use std::collections::HashSet;

use serde::Serialize;

use crate::error::LogisticError;

/// Column-major model terms without the intercept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Design {
    /// Term (column) names, e.g. `age`, `genderMale`.
    pub names: Vec<String>,
    /// The predictor each term belongs to (same length as `names`); a numeric predictor is
    /// its own variable, the dummies of a factor share the factor's name.
    pub variables: Vec<String>,
    /// The columns, each of length n.
    pub columns: Vec<Vec<f64>>,
}

impl Design {
    /// A design in which every term is its own variable.
    pub fn new(names: Vec<String>, columns: Vec<Vec<f64>>) -> Self {
        Design {
            variables: names.clone(),
            names,
            columns,
        }
    }

    /// A design whose terms are grouped into variables (factor dummies share a variable).
    pub fn with_variables(
        names: Vec<String>,
        variables: Vec<String>,
        columns: Vec<Vec<f64>>,
    ) -> Self {
        Design {
            names,
            variables,
            columns,
        }
    }

    /// An empty design (intercept-only model) for n observations.
    pub fn empty() -> Self {
        Design {
            names: Vec::new(),
            variables: Vec::new(),
            columns: Vec::new(),
        }
    }

    /// Number of terms (columns), intercept excluded.
    pub fn n_terms(&self) -> usize {
        self.columns.len()
    }

    /// The distinct variables in order of first appearance.
    pub fn variable_names(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.variables
            .iter()
            .filter(|v| seen.insert(v.as_str()))
            .cloned()
            .collect()
    }

    /// The sub-design holding the terms of the given variables, variables in the order given
    /// (a factor's dummies in the design's order).
    pub fn select_variables(&self, keep: &[String]) -> Result<Design, LogisticError> {
        let mut idx = Vec::new();
        for k in keep {
            let cols: Vec<usize> = (0..self.columns.len())
                .filter(|&j| self.variables[j] == *k)
                .collect();
            if cols.is_empty() {
                return Err(LogisticError::UnknownTerm(k.clone()));
            }
            idx.extend(cols);
        }
        Ok(self.select_columns(&idx))
    }

    /// The sub-design holding the given columns (0-based, in the given order).
    pub(crate) fn select_columns(&self, idx: &[usize]) -> Design {
        Design {
            names: idx.iter().map(|&j| self.names[j].clone()).collect(),
            variables: idx.iter().map(|&j| self.variables[j].clone()).collect(),
            columns: idx.iter().map(|&j| self.columns[j].clone()).collect(),
        }
    }

    /// Checks the shapes and values against an outcome of length `n`.
    pub(crate) fn validate(&self, n: usize) -> Result<(), LogisticError> {
        if self.names.len() != self.columns.len() || self.variables.len() != self.columns.len() {
            return Err(LogisticError::NamesMismatch {
                names: self.names.len().min(self.variables.len()),
                columns: self.columns.len(),
            });
        }
        let mut seen = HashSet::new();
        for (name, col) in self.names.iter().zip(&self.columns) {
            if !seen.insert(name.as_str()) {
                return Err(LogisticError::DuplicateTerm(name.clone()));
            }
            if col.len() != n {
                return Err(LogisticError::LengthMismatch {
                    term: name.clone(),
                    len: col.len(),
                    n,
                });
            }
            if let Some((row, &value)) = col.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(LogisticError::NonFinite {
                    term: name.clone(),
                    row,
                    value,
                });
            }
        }
        Ok(())
    }

    /// The model matrix with the intercept column first.
    pub(crate) fn model_matrix(&self, n: usize) -> Vec<Vec<f64>> {
        let mut x = Vec::with_capacity(self.columns.len() + 1);
        x.push(vec![1.0; n]);
        x.extend(self.columns.iter().cloned());
        x
    }
}

/// Checks a 0/1 outcome; returns the number of events.
pub(crate) fn validate_outcome(y: &[f64]) -> Result<usize, LogisticError> {
    if y.is_empty() {
        return Err(LogisticError::Empty);
    }
    let mut events = 0;
    for (row, &v) in y.iter().enumerate() {
        if v == 1.0 {
            events += 1;
        } else if v != 0.0 {
            return Err(LogisticError::OutcomeNotBinary { row, value: v });
        }
    }
    if events == 0 || events == y.len() {
        return Err(LogisticError::SingleClass { events, n: y.len() });
    }
    Ok(events)
}
