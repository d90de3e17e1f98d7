//! Binary logistic regression as clinical papers report it, reproducing R's `glm`, `confint`,
//! `drop1` and `step`, SPSS's p-value stepwise selection, and rms's nomogram.
//!
//! The model is logit P(y = 1 | x) = β₀ + xᵀβ, fitted by iteratively reweighted least squares
//! ([`irls`]) with R's convergence rule. Everything reported is evaluated at the returned
//! estimate ([`fit`]): Wald statistics from the observed = expected information XᵀŴX,
//! odds ratios with Wald and exact profile-likelihood intervals ([`profile`]), and the
//! deviance-based fit statistics.
//!
//! ```
//! use nomo_logistic::{Design, LogisticParams};
//! let x = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
//! let y = vec![0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0];
//! let design = Design::new(vec!["x".into()], vec![x]);
//! let fit = LogisticParams::default().fit(&design, &y).unwrap();
//! assert!(fit.converged);
//! assert_eq!(fit.coefficients[1].term, "x");
//! ```

pub mod design;
pub mod dist;
pub mod drop1;
pub mod error;
pub mod fit;
mod irls;
mod linalg;
pub mod nomogram;
pub mod predict;
pub mod pretty;
pub mod profile;
mod roots;
mod score;
pub mod screen;
pub mod separation;
pub mod stepwise;
pub mod vif;

pub use design::Design;
pub use drop1::{Drop1, Drop1Row, drop1};
pub use error::{IterationRecord, LogisticError};
pub use fit::{Coefficient, LogisticFit, LogisticParams};
pub use nomogram::{Nomogram, NomogramError, NomogramVariable};
pub use predict::{Prediction, expit};
pub use screen::{ScreenRow, screen, screen_design};
pub use separation::Separation;
pub use stepwise::{Criterion, Direction, Step, StepwiseParams, StepwiseResult, stepwise};
pub use vif::Vif;
