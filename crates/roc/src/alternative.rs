//! Alternative hypotheses of the one-degree-of-freedom tests and their p-values.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// The alternative hypothesis about AUC_a − AUC_b (R's `alternative`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alternative {
    /// AUC_a ≠ AUC_b: p = 2·P(T > |t|).
    #[default]
    TwoSided,
    /// AUC_a < AUC_b: p = P(T < t).
    Less,
    /// AUC_a > AUC_b: p = P(T > t).
    Greater,
}

impl Alternative {
    /// p-value of statistic `t` under a standard normal null; upper tails are taken from the
    /// survival function (erfc), never as 1 − cdf.
    pub(crate) fn normal_p(self, t: f64) -> f64 {
        let z = Normal::standard();
        match self {
            Alternative::TwoSided => 2.0 * z.sf(t.abs()),
            Alternative::Less => z.sf(-t),
            Alternative::Greater => z.sf(t),
        }
    }

    /// p-value of statistic `t` under a Student t null with `df` degrees of freedom; `None`
    /// when `df` is not a positive number.
    pub(crate) fn student_p(self, t: f64, df: f64) -> Option<f64> {
        let dist = StudentsT::new(0.0, 1.0, df).ok()?;
        Some(match self {
            Alternative::TwoSided => 2.0 * dist.sf(t.abs()),
            Alternative::Less => dist.sf(-t),
            Alternative::Greater => dist.sf(t),
        })
    }
}

impl std::str::FromStr for Alternative {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "two.sided" | "two_sided" => Ok(Alternative::TwoSided),
            "less" => Ok(Alternative::Less),
            "greater" => Ok(Alternative::Greater),
            other => Err(format!(
                "alternative must be two_sided, less or greater, got {other:?}"
            )),
        }
    }
}
