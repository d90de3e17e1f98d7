//! Contingency tables of counts (rows = levels of a variable, columns = groups).

use serde::Serialize;

use crate::error::DescribeError;

/// An r × c table of counts with its margins. Rows or columns whose total is zero are
/// dropped on construction (R's tests would divide by a zero expected count).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContingencyTable {
    counts: Vec<Vec<u64>>,
    row_totals: Vec<u64>,
    col_totals: Vec<u64>,
    total: u64,
}

impl ContingencyTable {
    /// Builds a table from rows of counts; all rows must have the same length. After empty
    /// rows and columns are dropped at least a 2 × 2 table must remain.
    pub fn new(counts: Vec<Vec<u64>>) -> Result<ContingencyTable, DescribeError> {
        let width = counts.first().map_or(0, Vec::len);
        if let Some(bad) = counts.iter().find(|r| r.len() != width) {
            return Err(DescribeError::LengthMismatch {
                what: "contingency table rows",
                left: width,
                right: bad.len(),
            });
        }
        let col_sum = |j: usize| counts.iter().map(|r| r[j]).sum::<u64>();
        let keep_cols: Vec<usize> = (0..width).filter(|&j| col_sum(j) > 0).collect();
        let counts: Vec<Vec<u64>> = counts
            .iter()
            .filter(|r| r.iter().sum::<u64>() > 0)
            .map(|r| keep_cols.iter().map(|&j| r[j]).collect())
            .collect();
        if counts.len() < 2 {
            return Err(DescribeError::TooFewGroups {
                what: "contingency table (non-empty rows)",
                k: counts.len(),
                min: 2,
            });
        }
        if keep_cols.len() < 2 {
            return Err(DescribeError::TooFewGroups {
                what: "contingency table (non-empty columns)",
                k: keep_cols.len(),
                min: 2,
            });
        }
        let row_totals: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
        let col_totals: Vec<u64> = (0..keep_cols.len())
            .map(|j| counts.iter().map(|r| r[j]).sum())
            .collect();
        let total = row_totals.iter().sum();
        Ok(ContingencyTable {
            counts,
            row_totals,
            col_totals,
            total,
        })
    }

    /// The counts, rows by columns.
    pub fn counts(&self) -> &[Vec<u64>] {
        &self.counts
    }

    /// Row totals.
    pub fn row_totals(&self) -> &[u64] {
        &self.row_totals
    }

    /// Column totals.
    pub fn col_totals(&self) -> &[u64] {
        &self.col_totals
    }

    /// Grand total.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Expected count under independence, Eᵢⱼ = rᵢcⱼ/n.
    pub fn expected(&self, i: usize, j: usize) -> f64 {
        self.row_totals[i] as f64 * self.col_totals[j] as f64 / self.total as f64
    }

    /// The smallest expected count.
    pub fn min_expected(&self) -> f64 {
        let mut m = f64::INFINITY;
        for i in 0..self.row_totals.len() {
            for j in 0..self.col_totals.len() {
                m = m.min(self.expected(i, j));
            }
        }
        m
    }

    /// True for a 2 × 2 table.
    pub fn is_two_by_two(&self) -> bool {
        self.row_totals.len() == 2 && self.col_totals.len() == 2
    }
}
