//! The Kaplan–Meier (product-limit) estimate with Greenwood variance and pointwise confidence
//! intervals, as R's `survfit` computes them.
//!
//! # Derivation
//! Sort the follow-up times and let t₁ < t₂ < … be the distinct times (events or censorings).
//! At tⱼ let nⱼ be the number still under observation (time ≥ tⱼ), dⱼ the number of events and
//! cⱼ the number censored. Among the nⱼ at risk the conditional probability of surviving past
//! tⱼ is estimated by 1 − dⱼ/nⱼ, so (Kaplan & Meier 1958)
//!
//! ```text
//! S(t) = ∏_{tⱼ ≤ t} (1 − dⱼ/nⱼ).
//! ```
//!
//! A censoring-only time has dⱼ = 0 and leaves S unchanged; it still gets a row in the table
//! (as `summary(survfit, censored = TRUE)` prints it), because it lowers the number at risk.
//!
//! Greenwood's formula (Greenwood 1926) estimates the variance of log S(t), which under the
//! same counting argument equals the variance of the Nelson–Aalen-type cumulative hazard:
//!
//! ```text
//! σ²(t) = Σ_{tⱼ ≤ t} dⱼ / (nⱼ (nⱼ − dⱼ)),    Var S(t) ≈ S(t)² σ²(t).
//! ```
//!
//! **Two standard errors.** The `survfit` object stores σ(t), the standard error of the
//! cumulative hazard (= of log S); `summary(survfit)` prints S(t)·σ(t), the standard error of
//! S(t) itself. [`KmRow::std_err`] is the latter (the printed one); [`KaplanMeier::se_cumhaz`]
//! keeps the former. Once S = 0 (every subject at risk died, nⱼ = dⱼ) σ is infinite and both
//! are undefined (`None`).
//!
//! **Confidence intervals** at level 1 − α with z = Φ⁻¹(1 − α/2), following `survfit`'s
//! `conf.type` (Kalbfleisch & Prentice 2002, §1.3; Therneau & Grambsch 2000, §2.1):
//! - `log` (R's default): exp(log S ± z σ), the upper limit capped at 1;
//! - `log-log`: S^{exp(±z σ / |log S|)}, i.e. a symmetric interval for log(−log S); undefined
//!   where S = 1 or S = 0;
//! - `plain`: S ± z S σ, clipped to [0, 1].
//!
//! All three are undefined where S = 0.
//!
//! # Hand-worked case
//! Times 1+, 2, 3, 4 (1 censored): at t = 2, n = 3, d = 1 → S = 2/3, σ² = 1/(3·2) = 1/6, printed
//! std_err = (2/3)·√(1/6) = 0.2722; at t = 3, S = 1/3, σ² = 1/6 + 1/(2·1) = 2/3; at t = 4,
//! n = d = 1 → S = 0 and σ is infinite (`None`). These values are asserted in the unit tests.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::data::{SurvivalData, order_by_time};
use crate::error::{Result, SurvivalError};
use crate::quantile::{Quantile, curve_quantile};

/// Which transformation the pointwise confidence interval is built on (`survfit`'s `conf.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfType {
    /// exp(log S ± z σ), upper limit capped at 1 (R's default).
    #[default]
    Log,
    /// Symmetric on log(−log S).
    LogLog,
    /// S ± z S σ, clipped to [0, 1].
    Plain,
}

/// Options of the Kaplan–Meier fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KmOptions {
    /// Confidence-interval type.
    pub conf_type: ConfType,
    /// Confidence level in (0, 1), 0.95 by default.
    pub conf_level: f64,
}

impl Default for KmOptions {
    fn default() -> Self {
        Self {
            conf_type: ConfType::Log,
            conf_level: 0.95,
        }
    }
}

/// One row of the survival table (`summary(survfit)`'s columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KmRow {
    /// Time of the row.
    pub time: f64,
    /// Number at risk at `time` (follow-up ≥ time).
    pub n_risk: usize,
    /// Events at `time` (for a table at requested times: since the previous requested time).
    pub n_event: usize,
    /// Censorings at `time` (same convention as `n_event`).
    pub n_censor: usize,
    /// Kaplan–Meier estimate S(time).
    pub surv: f64,
    /// Greenwood standard error of S(time) (= S·σ, as `summary(survfit)` prints it); `None`
    /// once S = 0.
    pub std_err: Option<f64>,
    /// Lower confidence limit; `None` where undefined.
    pub lower: Option<f64>,
    /// Upper confidence limit; `None` where undefined.
    pub upper: Option<f64>,
}

/// A Kaplan–Meier curve: counts, median with CI and the table at every distinct time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KaplanMeier {
    /// Number of subjects.
    pub n: usize,
    /// Number of events.
    pub events: usize,
    /// Median survival (`quantile.survfit` rules); `None` when not reached.
    pub median: Option<f64>,
    /// Lower confidence limit of the median; `None` when not reached.
    pub median_lower: Option<f64>,
    /// Upper confidence limit of the median; `None` when not reached.
    pub median_upper: Option<f64>,
    /// One row per distinct time, censoring-only times included.
    pub table: Vec<KmRow>,
    /// σ(t): standard error of the cumulative hazard (log scale) per row, as the `survfit`
    /// object stores it; `None` once S = 0.
    #[serde(skip)]
    pub se_cumhaz: Vec<Option<f64>>,
    #[serde(skip)]
    options: KmOptions,
}

/// Standard normal quantile for a two-sided interval at `level`.
pub(crate) fn z_for_level(level: f64) -> Result<f64> {
    if !(level > 0.0 && level < 1.0) {
        return Err(SurvivalError::InvalidArgument {
            what: "confidence level",
            value: level,
        });
    }
    let normal = Normal::standard();
    Ok(normal.inverse_cdf(1.0 - (1.0 - level) / 2.0))
}

/// Pointwise confidence limits for S given σ (see the module docs for the three types).
pub(crate) fn conf_limits(
    conf_type: ConfType,
    z: f64,
    surv: f64,
    se: Option<f64>,
) -> (Option<f64>, Option<f64>) {
    let Some(se) = se else {
        return (None, None);
    };
    if surv <= 0.0 {
        return (None, None);
    }
    match conf_type {
        ConfType::Log => {
            let l = surv.ln();
            (Some((l - z * se).exp()), Some((l + z * se).exp().min(1.0)))
        }
        ConfType::LogLog => {
            if surv >= 1.0 {
                return (None, None);
            }
            let l = surv.ln();
            let shift = z * se / l.abs();
            (
                Some(surv.powf(shift.exp())),
                Some(surv.powf((-shift).exp())),
            )
        }
        ConfType::Plain => {
            let half = z * se * surv;
            (Some((surv - half).max(0.0)), Some((surv + half).min(1.0)))
        }
    }
}

impl KaplanMeier {
    /// Fits the product-limit estimate (see the module docs).
    pub fn fit(data: &SurvivalData, options: KmOptions) -> Result<Self> {
        let z = z_for_level(options.conf_level)?;
        let time = data.time();
        let event = data.event();
        let order = order_by_time(time);
        let n = time.len();
        let mut table = Vec::new();
        let mut se_cumhaz = Vec::new();
        let mut surv = 1.0;
        let mut var: Option<f64> = Some(0.0);
        let mut at_risk = n;
        let mut k = 0;
        while k < n {
            let t = time[order[k]];
            let (mut d, mut c) = (0usize, 0usize);
            while k < n && time[order[k]] == t {
                if event[order[k]] {
                    d += 1;
                } else {
                    c += 1;
                }
                k += 1;
            }
            if d > 0 {
                let (nr, dr) = (at_risk as f64, d as f64);
                surv *= 1.0 - dr / nr;
                var = if d < at_risk {
                    var.map(|v| v + dr / (nr * (nr - dr)))
                } else {
                    None
                };
            }
            let se = var.map(f64::sqrt);
            let (lower, upper) = conf_limits(options.conf_type, z, surv, se);
            table.push(KmRow {
                time: t,
                n_risk: at_risk,
                n_event: d,
                n_censor: c,
                surv,
                std_err: se.map(|s| s * surv),
                lower,
                upper,
            });
            se_cumhaz.push(se);
            at_risk -= d + c;
        }
        let mut km = Self {
            n,
            events: data.n_events(),
            median: None,
            median_lower: None,
            median_upper: None,
            table,
            se_cumhaz,
            options,
        };
        let median = km.quantile(0.5)?;
        km.median = median.quantile;
        km.median_lower = median.lower;
        km.median_upper = median.upper;
        Ok(km)
    }

    /// Options the curve was fitted with.
    pub fn options(&self) -> KmOptions {
        self.options
    }

    /// The p-quantile of the survival time (S reaches 1 − p) with its confidence limits, by
    /// the rules of `quantile.survfit` (see [`crate::quantile`]).
    pub fn quantile(&self, p: f64) -> Result<Quantile> {
        if !(p > 0.0 && p < 1.0) {
            return Err(SurvivalError::InvalidArgument {
                what: "quantile probability",
                value: p,
            });
        }
        let times: Vec<f64> = self.table.iter().map(|r| r.time).collect();
        let pick = |f: fn(&KmRow) -> Option<f64>| -> Vec<Option<f64>> {
            self.table.iter().map(f).collect()
        };
        Ok(Quantile {
            probability: p,
            quantile: curve_quantile(&times, &pick(|r| Some(r.surv)), 1.0 - p),
            lower: curve_quantile(&times, &pick(|r| r.lower), 1.0 - p),
            upper: curve_quantile(&times, &pick(|r| r.upper), 1.0 - p),
        })
    }

    /// The table at requested times, as `summary(survfit, times = …)`: the times are sorted,
    /// times after the last follow-up are dropped (R's `extend = FALSE`); S, its standard
    /// error and limits are those of the last distinct time ≤ t (1, 0 and (1, 1) before the
    /// first); `n_risk` counts follow-up ≥ t; `n_event`/`n_censor` count what happened in
    /// (previous requested time, t].
    pub fn at_times(&self, times: &[f64]) -> Result<Vec<KmRow>> {
        let mut sorted = times.to_vec();
        for &t in &sorted {
            if !t.is_finite() {
                return Err(SurvivalError::InvalidArgument {
                    what: "requested time",
                    value: t,
                });
            }
        }
        sorted.sort_by(f64::total_cmp);
        let z = z_for_level(self.options.conf_level)?;
        let last = self.table.last().map_or(f64::NEG_INFINITY, |r| r.time);
        let mut rows = Vec::new();
        let mut j = 0; // rows with time ≤ t are table[..j]
        let (mut events_before, mut censor_before) = (0usize, 0usize);
        let (mut events_cum, mut censor_cum) = (0usize, 0usize);
        for &t in sorted.iter().filter(|&&t| t <= last) {
            while j < self.table.len() && self.table[j].time <= t {
                events_cum += self.table[j].n_event;
                censor_cum += self.table[j].n_censor;
                j += 1;
            }
            let n_risk = self.table.get(j).map_or(0, |r| r.n_risk);
            let n_risk = if j > 0 && self.table[j - 1].time == t {
                self.table[j - 1].n_risk
            } else {
                n_risk
            };
            let (surv, se) = if j == 0 {
                (1.0, Some(0.0))
            } else {
                (self.table[j - 1].surv, self.se_cumhaz[j - 1])
            };
            let (lower, upper) = conf_limits(self.options.conf_type, z, surv, se);
            rows.push(KmRow {
                time: t,
                n_risk,
                n_event: events_cum - events_before,
                n_censor: censor_cum - censor_before,
                surv,
                std_err: se.map(|s| s * surv),
                lower,
                upper,
            });
            events_before = events_cum;
            censor_before = censor_cum;
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_worked_case() {
        // tolerance 1e-12 absolute: closed forms
        let data = SurvivalData::new(&[1.0, 2.0, 3.0, 4.0], &[false, true, true, true]).unwrap();
        let km = KaplanMeier::fit(&data, KmOptions::default()).unwrap();
        let s: Vec<f64> = km.table.iter().map(|r| r.surv).collect();
        for (a, b) in s.iter().zip([1.0, 2.0 / 3.0, 1.0 / 3.0, 0.0]) {
            assert!((a - b).abs() < 1e-15, "{a} vs {b}");
        }
        let se = km.table[1].std_err.unwrap();
        assert!((se - 2.0 / 3.0 * (1.0f64 / 6.0).sqrt()).abs() < 1e-12);
        assert!((km.se_cumhaz[2].unwrap() - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(km.table[3].std_err, None);
        assert_eq!(km.table[3].lower, None);
        assert_eq!(km.table[0].lower, Some(1.0));
    }

    #[test]
    fn requested_times_match_summary_survfit() {
        // R: summary(survfit(Surv(c(1,2,3,4), c(0,1,1,1)) ~ 1), times = c(0.5, 2.5, 10))
        // gives rows 0.5 (n.risk 4, S 1) and 2.5 (n.risk 2, 1 event, S 2/3); 10 is dropped.
        let data = SurvivalData::new(&[1.0, 2.0, 3.0, 4.0], &[false, true, true, true]).unwrap();
        let km = KaplanMeier::fit(&data, KmOptions::default()).unwrap();
        let rows = km.at_times(&[10.0, 2.5, 0.5]).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].n_risk, rows[0].n_event, rows[0].surv), (4, 0, 1.0));
        assert_eq!(
            (rows[1].n_risk, rows[1].n_event, rows[1].n_censor),
            (2, 1, 1)
        );
        assert!((rows[1].surv - 2.0 / 3.0).abs() < 1e-15);
    }
}
