//! Test of proportional hazards, as survival's `cox.zph` (version 3, `transform = "km"`).
//!
//! # Derivation
//! Let the coefficient of covariate j drift with time, βⱼ(t) = βⱼ + γⱼ g(t), with g a chosen
//! transform of time (Grambsch & Therneau 1994). Proportional hazards is γ = 0. Adding the
//! covariates xⱼ·g(t) to the model, the score for γ at (β̂, γ = 0) is
//!
//! ```text
//! U_γ = Σ_events g(tₖ) rₖ,   rₖ = xₖ − x̄(tₖ) the Schoenfeld residual,
//! ```
//!
//! (for tied deaths under Efron, x̄ is the Efron-weighted mean of each tied death's risk set —
//! the same terms that make up the score of the fit). With Iₖ the information contributed by
//! event time tₖ, the information of the enlarged model at γ = 0 has blocks
//! I_ββ = Σ Iₖ, I_γβ = Σ g(tₖ) Iₖ, I_γγ = Σ g(tₖ)² Iₖ. Because β̂ is estimated, the score test for
//! γ uses the efficient information (Cox & Hinkley 1974, §9.3)
//!
//! ```text
//! T = U_γᵀ (I_γγ − I_γβ I_ββ⁻¹ I_βγ)⁻¹ U_γ,
//! ```
//!
//! on p degrees of freedom (the `GLOBAL` row); the per-term test uses the j-th component of U_γ
//! and the matching 1 × 1 block (γⱼ added alone), on one degree of freedom. This is the exact
//! score test that `cox.zph` computes since survival 3.0; it replaces the older approximation
//! by scaled Schoenfeld residuals (which assumed the covariance of x constant over time) and
//! agrees with it when that holds. Since Σ rₖ = 0 at β̂, shifting g by a constant changes
//! nothing, so g need not be centred.
//!
//! **Transform "km"**: g(t) = 1 − Ŝ(t), Ŝ the Kaplan–Meier estimate of the pooled data just
//! before t (left-continuous), which spreads the event times evenly over [0, 1) and is robust
//! to a few long times.

use serde::Serialize;

use crate::cox::{CoxFit, Design};
use crate::data::SurvivalData;
use crate::error::{Result, SurvivalError};
use crate::linalg::{Ldl, quad_form_inv};
use crate::logrank::ChiSquareTest;

/// One row of the `cox.zph` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZphRow {
    /// Term name, or `GLOBAL`.
    pub term: String,
    /// Score statistic.
    pub chisq: f64,
    /// Degrees of freedom.
    pub df: usize,
    /// Upper-tail p-value.
    pub p: f64,
}

/// The proportional-hazards test: one row per term, then `GLOBAL`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zph {
    /// Time transform used ("km").
    pub transform: &'static str,
    /// Rows in term order, then the global test.
    pub table: Vec<ZphRow>,
}

/// `cox.zph(fit, transform = "km")` for a fit made from the same data and columns.
pub fn cox_zph<C: AsRef<[f64]>>(
    data: &SurvivalData,
    names: &[String],
    columns: &[C],
    fit: &CoxFit,
) -> Result<Zph> {
    let (design, _) = Design::new(data, names, columns)?;
    let p = design.p;
    if fit.beta.len() != p {
        return Err(SurvivalError::LengthMismatch {
            what: "fitted coefficients",
            expected: p,
            found: fit.beta.len(),
        });
    }
    let mut groups = Vec::new();
    design.sweep(&fit.beta, fit.ties, |t, g| {
        groups.push((t, g.score.clone(), g.info.clone()))
    });
    groups.reverse(); // ascending time
    // left-continuous pooled KM at each event time
    let order = data.time_order();
    let mut km = 1.0;
    let mut at_risk = data.len() as f64;
    let mut k = 0;
    let mut gt = Vec::with_capacity(groups.len());
    for (t, _, _) in &groups {
        while k < order.len() && data.time()[order[k]] < *t {
            let s = data.time()[order[k]];
            let (mut d, mut m) = (0.0, 0.0);
            while k < order.len() && data.time()[order[k]] == s {
                d += f64::from(u8::from(data.event()[order[k]]));
                m += 1.0;
                k += 1;
            }
            km *= 1.0 - d / at_risk;
            at_risk -= m;
        }
        gt.push(1.0 - km);
    }
    let mut u = vec![0.0; p];
    let mut ibb = vec![0.0; p * p];
    let mut igb = vec![0.0; p * p];
    let mut igg = vec![0.0; p * p];
    for ((_, score, info), &g) in groups.iter().zip(&gt) {
        for j in 0..p {
            u[j] += g * score[j];
            for l in 0..p {
                let v = info[j * p + l];
                ibb[j * p + l] += v;
                igb[j * p + l] += g * v;
                igg[j * p + l] += g * g * v;
            }
        }
    }
    let ldl = Ldl::new(&ibb, p, 1e-12);
    if !ldl.is_full_rank() {
        return Err(SurvivalError::Singular {
            what: "information matrix of the fit",
        });
    }
    // efficient information E = I_γγ − I_γβ I_ββ⁻¹ I_βγ
    let mut eff = igg.clone();
    for l in 0..p {
        let col: Vec<f64> = (0..p).map(|j| igb[j * p + l]).collect(); // I_βγ column l
        let sol = ldl.solve(&col);
        for j in 0..p {
            let v: f64 = (0..p).map(|m| igb[j * p + m] * sol[m]).sum();
            eff[j * p + l] -= v;
        }
    }
    let mut table: Vec<ZphRow> = (0..p)
        .map(|j| {
            let t = ChiSquareTest::new(u[j] * u[j] / eff[j * p + j], 1);
            ZphRow {
                term: names[j].clone(),
                chisq: t.chisq,
                df: 1,
                p: t.p,
            }
        })
        .collect();
    let global = ChiSquareTest::new(quad_form_inv(&Ldl::new(&eff, p, 1e-12), &u), p);
    table.push(ZphRow {
        term: "GLOBAL".into(),
        chisq: global.chisq,
        df: p,
        p: global.p,
    });
    Ok(Zph {
        transform: "km",
        table,
    })
}
