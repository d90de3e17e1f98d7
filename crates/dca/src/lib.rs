//! # nomo-dca
//!
//! Decision-curve analysis (Vickers & Elkin 2006; Vickers, Van Calster & Steyerberg 2016), as R's
//! `dcurves` computes it, with additions:
//!
//! * [`decision_curve`] — net benefit of one or more models over a threshold grid (default
//!   0.01, …, 0.99; a patient is treated when p ≥ t), treat all and treat none, optional harm,
//!   standardized net benefit and net interventions avoided per 100 patients;
//! * [`net_benefit_intervals`] — stratified bootstrap percentile intervals for net benefit and
//!   for the difference in net benefit between models (seeded, parallel, thread-count invariant);
//! * [`survival_decision_curve`] — decision curves for a time-to-event outcome at a horizon,
//!   with Kaplan–Meier estimates of the true- and false-positive rates.
//!
//! Thresholds must lie in [0, 1): at t = 1 the odds t/(1 − t) are infinite.

mod bootstrap;
mod error;
mod grid;
mod net_benefit;
mod survival;

pub use bootstrap::{
    NbBootstrapParams, NbDifference, NbInterval, NbIntervals, net_benefit_intervals,
};
pub use error::DcaError;
pub use grid::{check_thresholds, default_thresholds, parse_grid, threshold_grid};
pub use net_benefit::{DecisionCurve, ModelCurve, ModelInput, decision_curve};
pub use survival::{SurvivalDecisionCurve, survival_decision_curve};
