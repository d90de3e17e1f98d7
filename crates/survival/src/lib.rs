//! # nomo-survival
//!
//! Survival analysis as R's `survival` package (Therneau 2023; Therneau & Grambsch 2000)
//! computes it, written from the published methods:
//!
//! - [`kaplan_meier`]: the product-limit estimate, Greenwood variance, `log`/`log-log`/`plain`
//!   confidence intervals, the table at requested times; [`quantile`]: medians and other
//!   quantiles with confidence limits (`quantile.survfit`); [`rmst`]: restricted mean survival;
//! - [`logrank`]: the log-rank and Fleming–Harrington G^ρ tests (`survdiff`), k groups,
//!   stratified, and the trend test;
//! - [`cox`]: Cox regression (Efron/Breslow ties) with the global tests, [`concordance`] with
//!   its infinitesimal-jackknife SE, baseline and predicted survival; [`zph`]: the
//!   proportional-hazards test of `cox.zph`;
//! - [`screen`]: the univariate Cox screen table;
//! - [`risk_groups`]: a score and a cutoff rule → KM per group, medians, log-rank, Cox HR;
//!
//! Every routine takes plain slices, validated once into a [`SurvivalData`]; nothing here
//! reads files or prints.

pub mod concordance;
pub mod cox;
pub mod data;
pub mod error;
pub mod groups;
pub mod kaplan_meier;
mod linalg;
pub mod logrank;
pub mod quantile;
pub mod risk_groups;
pub mod rmst;
pub mod screen;
pub mod zph;

pub use concordance::{Concordance, concordance};
pub use cox::{CoxCoefficient, CoxFit, CoxOptions, Ties, cox_fit};
pub use data::{SurvivalData, status_from_codes, status_from_event_code};
pub use error::{Result, SurvivalError};
pub use groups::Groups;
pub use kaplan_meier::{ConfType, KaplanMeier, KmOptions, KmRow};
pub use logrank::{ChiSquareTest, LogRank, TrendTest, survdiff, trend_test};
pub use quantile::Quantile;
pub use risk_groups::{CutoffRule, NamedCurve, RiskGroups, risk_groups};
pub use rmst::{Rmst, rmst};
pub use screen::{ScreenRow, univariate_cox};
pub use zph::{Zph, ZphRow, cox_zph};
