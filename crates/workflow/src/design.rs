//! Model designs of the analysis cohort: the ingested terms grouped into variables (a
//! factor's treatment dummies share the factor's name), restricted to a variable list and to
//! a set of rows.

use nomo_ingest::AnalysisData;
use nomo_logistic::Design;

use crate::error::WorkflowError;

/// The design of every term of the cohort (all analysis rows), terms grouped by source column.
pub fn full_design(data: &AnalysisData) -> Design {
    Design::with_variables(
        data.terms.iter().map(|t| t.name.clone()).collect(),
        data.terms.iter().map(|t| t.column.clone()).collect(),
        data.terms.iter().map(|t| t.values.clone()).collect(),
    )
}

/// The sub-design of `variables` on `rows` (analysis-row indices).
pub fn select(
    full: &Design,
    variables: &[String],
    rows: &[usize],
    step: &str,
) -> Result<Design, WorkflowError> {
    let d = full
        .select_variables(variables)
        .map_err(|e| WorkflowError::step(step, e))?;
    Ok(restrict(&d, rows))
}

/// The design restricted to `rows`.
pub fn restrict(d: &Design, rows: &[usize]) -> Design {
    Design::with_variables(
        d.names.clone(),
        d.variables.clone(),
        d.columns
            .iter()
            .map(|c| rows.iter().map(|&i| c[i]).collect())
            .collect(),
    )
}

/// `values[rows]`.
pub fn pick(values: &[f64], rows: &[usize]) -> Vec<f64> {
    rows.iter().map(|&i| values[i]).collect()
}
