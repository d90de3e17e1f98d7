//! ROC analysis with pROC's conventions: the empirical ROC curve, the AUC, partial AUC, DeLong
//! variance, confidence intervals and tests (paired, unpaired, and a joint test of k ≥ 3
//! correlated AUCs), stratified bootstrap intervals and tests, optimal cutoffs and the
//! coordinates of a threshold.
//!
//! # The model
//!
//! A score s is observed on m cases (outcome = event) and n controls. For a threshold t and
//! direction `<` an observation is called positive when s ≥ t; sensitivity Se(t) is the share of
//! cases called positive and specificity Sp(t) the share of controls called negative. The
//! empirical ROC curve joins the points (Sp(t), Se(t)) over all t; pROC evaluates it at −∞, at the
//! midpoints between consecutive distinct observed scores and at +∞, which visits every distinct
//! point of the curve exactly once ([`Roc::curve`]). Its area equals the Mann–Whitney
//! probability P(X > Y) + ½P(X = Y) for a random case X and control Y (Bamber 1975; Hanley &
//! McNeil 1982).
//!
//! DeLong, DeLong & Clarke-Pearson (1988) write this U-statistic as the mean of per-patient
//! structural components and obtain its variance, and the covariance between AUCs of several
//! scores on the same patients, from their sample (co)variances. Sun & Xu (2014) showed that the
//! components follow from mid-ranks, so everything costs one sort: see [`roc`] for the
//! derivation. The components feed the variance and CI ([`delong`]), the paired and unpaired
//! tests ([`comparison`]) and the χ² test of k ≥ 3 AUCs ([`joint`]).
//!
//! # Direction
//!
//! `auto` follows pROC's median rule; because choosing the direction on resampled data biases
//! the AUC upwards (pROC's documentation warns of it), the bootstrap ([`bootstrap`]) always
//! reuses the direction fixed on the full data. See [`direction`].
//!
//! # Bad input
//!
//! NaN or infinite scores, mismatched lengths, an outcome with one class only, and a paired
//! comparison over different patients are typed errors ([`RocError`]); a score with one
//! distinct value is a valid curve with AUC ½. Nothing here panics on data.
//!
//! # References
//!
//! - DeLong ER, DeLong DM, Clarke-Pearson DL (1988). Comparing the areas under two or more
//!   correlated receiver operating characteristic curves: a nonparametric approach.
//!   *Biometrics* 44:837–845.
//! - Sun X, Xu W (2014). Fast implementation of DeLong's algorithm for comparing the areas under
//!   correlated receiver operating characteristic curves. *IEEE Signal Process. Lett.* 21:1389–1393.
//! - Robin X et al. (2011). pROC: an open-source package for R and S+ to analyze and compare ROC
//!   curves. *BMC Bioinformatics* 12:77.
//! - McClish DK (1989). Analyzing a portion of the ROC curve. *Med. Decis. Making* 9:190–195.
//! - Youden WJ (1950). Index for rating diagnostic tests. *Cancer* 3:32–35.
//! - Clopper CJ, Pearson ES (1934). The use of confidence or fiducial limits illustrated in the
//!   case of the binomial. *Biometrika* 26:404–413.

pub mod alternative;
pub mod bootstrap;
pub mod clopper_pearson;
pub mod comparison;
pub mod coords;
pub mod cutoff;
pub mod delong;
pub mod dichotomize;
pub mod direction;
pub mod error;
pub mod joint;
pub mod partial_auc;
pub mod roc;
pub mod summary;

pub use alternative::Alternative;
pub use bootstrap::{BootstrapCi, BootstrapParams, CoordsCi, bootstrap_paired};
pub use clopper_pearson::{Interval, clopper_pearson};
pub use comparison::{Comparison, delong_paired, delong_unpaired};
pub use coords::{Coordinates, Table2x2};
pub use cutoff::{BestMethod, BestWeights};
pub use delong::{DelongAuc, delong_covariance};
pub use dichotomize::dichotomize;
pub use direction::{Direction, DirectionRule};
pub use error::RocError;
pub use joint::{JointTest, delong_covariance_matrix, delong_joint};
pub use partial_auc::{PartialAuc, PartialFocus};
pub use roc::{Roc, RocPoint};
pub use summary::{CutoffSummary, RocSummary};
