//! Pearson's χ² test of independence, as R's `chisq.test(x)` (default `correct = TRUE`).
//!
//! X² = Σ(|Oᵢⱼ − Eᵢⱼ| − cᵢⱼ)²/Eᵢⱼ with Eᵢⱼ = rᵢcⱼ/n, df = (r − 1)(c − 1),
//! p = P(χ²_df ≥ X²) (Pearson 1900). On 2 × 2 tables R applies Yates' continuity
//! correction as cᵢⱼ = min(½, |Oᵢⱼ − Eᵢⱼ|), not the textbook ½ (so a table that fits
//! exactly gets X² = 0 rather than a positive value); larger tables are uncorrected.

use serde::Serialize;

use crate::contingency::ContingencyTable;
use crate::tails::chi_square_upper;

/// Result of Pearson's χ² test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct ChiSquare {
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
    /// Whether the (2 × 2) continuity correction was applied.
    pub continuity_correction: bool,
    /// The smallest expected count (the usual χ² validity check is ≥ 5).
    pub min_expected: f64,
}

/// Pearson's χ² test with R's continuity correction on 2 × 2 tables.
pub fn chi_square_test(table: &ContingencyTable) -> ChiSquare {
    let correct = table.is_two_by_two();
    let mut statistic = 0.0;
    for (i, row) in table.counts().iter().enumerate() {
        for (j, &o) in row.iter().enumerate() {
            let e = table.expected(i, j);
            let dev = (o as f64 - e).abs();
            let c = if correct { dev.min(0.5) } else { 0.0 };
            statistic += (dev - c) * (dev - c) / e;
        }
    }
    let df = ((table.row_totals().len() - 1) * (table.col_totals().len() - 1)) as f64;
    ChiSquare {
        statistic,
        df,
        p: chi_square_upper(statistic, df),
        continuity_correction: correct,
        min_expected: table.min_expected(),
    }
}
