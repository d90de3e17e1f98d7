//! The design matrix (named numeric columns) and glmnet's standardization.
//!
//! glmnet fits on standardized predictors: each column is centred at its mean and divided by
//! its standard deviation computed with divisor n (the "1/n variance", not R's `sd()`), so
//! that every standardized column has Σ x̃²/n = 1. The penalty acts on the coefficients of the
//! standardized columns; they are mapped back to the original scale by β_j = β̃_j / s_j and the
//! intercept by β₀ = β̃₀ − Σ_j β_j m_j (Friedman, Hastie & Tibshirani 2010, §2.1).
//!
//! A constant column (s_j = 0) cannot be standardized; glmnet leaves its coefficient at zero for
//! every λ and so does this crate: the column is kept in the output (coefficient 0) and listed in
//! [`crate::LassoPath::constant_features`].

use crate::error::LassoError;

/// Named numeric predictor columns, all of the same length (no missing values: complete cases
/// are the caller's job).
#[derive(Debug, Clone)]
pub struct Design {
    names: Vec<String>,
    columns: Vec<Vec<f64>>,
    rows: usize,
}

impl Design {
    /// Builds a design from columns (one `Vec` per feature) and their names.
    ///
    /// # Errors
    /// Empty design, mismatched lengths or names, or a non-finite value.
    pub fn new(names: Vec<String>, columns: Vec<Vec<f64>>) -> Result<Self, LassoError> {
        if names.len() != columns.len() {
            return Err(LassoError::NameCount {
                names: names.len(),
                columns: columns.len(),
            });
        }
        let rows = columns.first().map_or(0, Vec::len);
        if rows == 0 || columns.is_empty() {
            return Err(LassoError::EmptyDesign {
                rows,
                columns: columns.len(),
            });
        }
        for (name, col) in names.iter().zip(&columns) {
            if col.len() != rows {
                return Err(LassoError::ColumnLength {
                    name: name.clone(),
                    len: col.len(),
                    expected: rows,
                });
            }
            if let Some((i, &v)) = col.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(LassoError::NonFinite {
                    what: name.clone(),
                    row: i + 1,
                    value: v,
                });
            }
        }
        Ok(Self {
            names,
            columns,
            rows,
        })
    }

    /// Number of observations.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of features.
    pub fn columns(&self) -> usize {
        self.columns.len()
    }

    /// Feature names, in column order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Column `j`.
    pub fn column(&self, j: usize) -> &[f64] {
        &self.columns[j]
    }
}

/// The standardized columns of a design restricted to some rows (a cross-validation training
/// set, or all rows).
#[derive(Debug, Clone)]
pub(crate) struct Standardized {
    /// Number of rows used.
    pub n: usize,
    /// Column means m_j (divisor n).
    pub mean: Vec<f64>,
    /// Column standard deviations s_j with divisor n; 0 for a constant column.
    pub scale: Vec<f64>,
    /// Standardized columns (x − m)/s; empty for a constant column.
    pub x: Vec<Vec<f64>>,
}

impl Standardized {
    /// Standardizes the columns of `design` over `rows` (all rows when `None`).
    ///
    /// A column is constant when all its values are equal (glmnet's `ju` flag rule: the
    /// comparison is exact, so that rounding noise of the mean cannot make it look variable).
    pub fn new(design: &Design, rows: Option<&[usize]>) -> Self {
        let n = rows.map_or(design.rows, <[usize]>::len);
        let nf = n as f64;
        let p = design.columns();
        let mut mean = Vec::with_capacity(p);
        let mut scale = Vec::with_capacity(p);
        let mut x = Vec::with_capacity(p);
        for col in &design.columns {
            let values: Vec<f64> = match rows {
                Some(r) => r.iter().map(|&i| col[i]).collect(),
                None => col.clone(),
            };
            let m = values.iter().sum::<f64>() / nf;
            let var = values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / nf;
            let s = var.sqrt();
            let constant = values.iter().all(|&v| v == values[0]) || s == 0.0;
            mean.push(m);
            if constant {
                scale.push(0.0);
                x.push(Vec::new());
            } else {
                scale.push(s);
                x.push(values.iter().map(|v| (v - m) / s).collect());
            }
        }
        Self { n, mean, scale, x }
    }

    /// Whether column `j` is constant (excluded from the fit).
    pub fn is_constant(&self, j: usize) -> bool {
        self.scale[j] == 0.0
    }
}
