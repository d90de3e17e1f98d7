//! Fisher's exact test of independence for r × c tables, as R's `fisher.test` (two-sided).
//!
//! Conditional on both margins, a table x has the multivariate hypergeometric probability
//! P(x) = Πrᵢ! Πcⱼ! / (n! Πxᵢⱼ!) (Fisher 1935; Freeman & Halton 1951 for r × c). The
//! two-sided p-value sums P over every table with the same margins whose probability does
//! not exceed the observed one, with R's relative tolerance: P(x) ≤ P_obs·(1 + 10⁻⁷).
//!
//! The tables are enumerated depth-first, column by column and within a column row by row,
//! each cell ranging over the values the remaining row and column totals allow (the last
//! row of a column and the last column are determined). Log-probabilities use exact sums
//! of logarithms ln k! = Σ ln i. For 2 × 2 tables this is the hypergeometric sum of R's
//! `fisher.test`; for larger tables it is the exact value R's network algorithm (FEXACT,
//! Mehta & Patel 1983) computes. The enumeration stops with an error after
//! [`ENUMERATION_LIMIT`] tables.

use serde::Serialize;

use crate::contingency::ContingencyTable;
use crate::error::DescribeError;

/// The most tables the exact enumeration visits before giving up.
pub const ENUMERATION_LIMIT: u64 = 50_000_000;

/// R's relative tolerance when comparing table probabilities with the observed one.
const RELATIVE_TOLERANCE: f64 = 1e-7;

/// Result of Fisher's exact test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct FisherExact {
    pub p: f64,
    /// Number of tables with the observed margins that were enumerated.
    pub tables: u64,
}

struct Search<'a> {
    rows: usize,
    cols: usize,
    col_totals: &'a [u64],
    log_fact: Vec<f64>,
    constant: f64,
    threshold: f64,
    p: f64,
    tables: u64,
}

impl Search<'_> {
    /// Fills column `j` from row `i` on; `rem` holds the remaining row totals, `need` what
    /// column j still needs, `acc` the partial Σ ln xᵢⱼ!.
    fn fill(&mut self, j: usize, i: usize, rem: &mut [u64], need: u64, acc: f64) -> bool {
        if j == self.cols - 1 {
            // last column: determined by the remaining row totals
            let last: f64 = rem.iter().map(|&r| self.log_fact[r as usize]).sum();
            let lp = self.constant - acc - last;
            self.tables += 1;
            if self.tables > ENUMERATION_LIMIT {
                return false;
            }
            if lp <= self.threshold {
                self.p += lp.exp();
            }
            return true;
        }
        if i == self.rows - 1 {
            if need > rem[i] {
                return true;
            }
            rem[i] -= need;
            let next = self.col_totals[j + 1];
            let ok = self.fill(j + 1, 0, rem, next, acc + self.log_fact[need as usize]);
            rem[i] += need;
            return ok;
        }
        let below: u64 = rem[i + 1..].iter().sum();
        let lo = need.saturating_sub(below);
        let hi = rem[i].min(need);
        for x in lo..=hi {
            rem[i] -= x;
            let ok = self.fill(j, i + 1, rem, need - x, acc + self.log_fact[x as usize]);
            rem[i] += x;
            if !ok {
                return false;
            }
        }
        true
    }
}

/// Two-sided Fisher exact test on a table of counts (any r × c with r, c ≥ 2).
pub fn fisher_exact(table: &ContingencyTable) -> Result<FisherExact, DescribeError> {
    let n = table.total() as usize;
    let mut log_fact = vec![0.0; n + 1];
    for k in 1..=n {
        log_fact[k] = log_fact[k - 1] + (k as f64).ln();
    }
    let lf = |k: u64| log_fact[k as usize];
    let constant = table.row_totals().iter().map(|&r| lf(r)).sum::<f64>()
        + table.col_totals().iter().map(|&c| lf(c)).sum::<f64>()
        - log_fact[n];
    let observed = constant - table.counts().iter().flatten().map(|&x| lf(x)).sum::<f64>();
    let mut search = Search {
        rows: table.row_totals().len(),
        cols: table.col_totals().len(),
        col_totals: table.col_totals(),
        log_fact,
        constant,
        threshold: observed + RELATIVE_TOLERANCE.ln_1p(),
        p: 0.0,
        tables: 0,
    };
    let mut rem = table.row_totals().to_vec();
    let first = table.col_totals()[0];
    if !search.fill(0, 0, &mut rem, first, 0.0) {
        return Err(DescribeError::TooLarge {
            what: "Fisher's exact test",
            limit: ENUMERATION_LIMIT,
        });
    }
    Ok(FisherExact {
        p: search.p.min(1.0),
        tables: search.tables,
    })
}
