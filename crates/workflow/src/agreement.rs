//! Interobserver agreement: reader column pairs, possibly from a second file joined on the
//! id column. ICC: Shrout–Fleiss forms from ANOVA mean squares (`psych::ICC(lmer = FALSE)`)
//! over subjects with both readings; kappa: Cohen's unweighted kappa (Cohen 1960).

use nomo_describe::{cohen_kappa, icc};
use nomo_ingest::Table;

use crate::cohort::{Cohort, read_options};
use crate::error::WorkflowError;
use crate::report::{AgreementStep, IccPair, KappaPair};
use crate::spec::{AgreementSpec, LoadedSpec};

/// Rows of the reader table that belong to the cohort (joined on the id column when the
/// readers come from a second file).
fn joined_rows(
    loaded: &LoadedSpec,
    cohort: &Cohort,
    readers: &Table,
) -> Result<Vec<usize>, WorkflowError> {
    let Some(id) = loaded.spec.data.id.as_deref() else {
        return Ok((0..readers.n_rows()).collect());
    };
    let main = cohort.table.column(id)?;
    let ids: std::collections::HashSet<String> = (0..cohort.table.n_rows())
        .filter_map(|i| main.text(i))
        .collect();
    let theirs = readers.column(id)?;
    Ok((0..readers.n_rows())
        .filter(|&i| theirs.text(i).is_some_and(|v| ids.contains(&v)))
        .collect())
}

/// The agreement step.
pub fn agreement_step(
    loaded: &LoadedSpec,
    cohort: &Cohort,
    a: &AgreementSpec,
) -> Result<AgreementStep, WorkflowError> {
    let (readers, file) = match &a.file {
        Some(f) => {
            let path = loaded.resolve(f);
            let mut options = read_options(&loaded.spec)?;
            options.types.clear();
            (
                nomo_ingest::read_table(&path, &options)?,
                path.display().to_string(),
            )
        }
        None => (
            cohort.table.clone(),
            loaded.resolve(&loaded.spec.data.file).display().to_string(),
        ),
    };
    let rows = if a.file.is_some() {
        joined_rows(loaded, cohort, &readers)?
    } else {
        (0..readers.n_rows()).collect()
    };
    let mut icc_out = Vec::new();
    for [c1, c2] in &a.icc {
        let (x1, x2) = (readers.column(c1)?, readers.column(c2)?);
        let ratings: Vec<Vec<f64>> = rows
            .iter()
            .filter_map(|&i| Some(vec![x1.number(i)?, x2.number(i)?]))
            .collect();
        icc_out.push(IccPair {
            columns: [c1.clone(), c2.clone()],
            icc: icc(&ratings)
                .map_err(|e| WorkflowError::step("agreement", format!("ICC {c1}/{c2}: {e}")))?,
        });
    }
    let mut kappa_out = Vec::new();
    for [c1, c2] in &a.kappa {
        let (x1, x2) = (readers.column(c1)?, readers.column(c2)?);
        let r1: Vec<Option<String>> = rows.iter().map(|&i| x1.text(i)).collect();
        let r2: Vec<Option<String>> = rows.iter().map(|&i| x2.text(i)).collect();
        kappa_out.push(KappaPair {
            columns: [c1.clone(), c2.clone()],
            kappa: cohen_kappa(&r1, &r2)
                .map_err(|e| WorkflowError::step("agreement", format!("kappa {c1}/{c2}: {e}")))?,
        });
    }
    Ok(AgreementStep {
        file,
        icc: icc_out,
        kappa: kappa_out,
    })
}
