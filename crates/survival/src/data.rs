//! Right-censored survival data: validated follow-up times and event indicators.
//!
//! Every routine of the crate starts from a [`SurvivalData`]: one positive, finite follow-up
//! time per subject and an indicator that is `true` for an event and `false` for a censored
//! observation. Building one is the only place where raw numbers are checked, so the estimators
//! can assume clean input.
//!
//! # Status coding
//! R's `Surv(time, status)` reads a numeric status as follows (Therneau 2023, `?Surv`): when the
//! largest status is 2 the coding is 1 = censored, 2 = event; otherwise 0 = censored, 1 = event.
//! Any other value is invalid. [`status_from_codes`] applies exactly this rule and
//! [`status_from_event_code`] the explicit one ("this value is the event, that one censoring").

use nomo_sort::{order_key, sort_pairs};

use crate::error::{Result, SurvivalError};

/// Validated right-censored data (times > 0 and finite; `event[i]` true for an event).
#[derive(Debug, Clone, PartialEq)]
pub struct SurvivalData {
    time: Vec<f64>,
    event: Vec<bool>,
}

impl SurvivalData {
    /// Checks the times (finite, > 0) and takes the event indicators as they are.
    pub fn new(time: &[f64], event: &[bool]) -> Result<Self> {
        if time.len() != event.len() {
            return Err(SurvivalError::LengthMismatch {
                what: "status",
                expected: time.len(),
                found: event.len(),
            });
        }
        if time.is_empty() {
            return Err(SurvivalError::Empty);
        }
        for (row, &value) in time.iter().enumerate() {
            if !value.is_finite() {
                return Err(SurvivalError::MissingTime { row, value });
            }
            if value <= 0.0 {
                return Err(SurvivalError::NonPositiveTime { row, value });
            }
        }
        Ok(Self {
            time: time.to_vec(),
            event: event.to_vec(),
        })
    }

    /// Times with a 0/1 status (1 = event); any other status value is an error.
    pub fn from_binary(time: &[f64], status: &[f64]) -> Result<Self> {
        let event = status
            .iter()
            .enumerate()
            .map(|(row, &value)| {
                if value == 1.0 {
                    Ok(true)
                } else if value == 0.0 {
                    Ok(false)
                } else {
                    Err(SurvivalError::BadStatus {
                        row,
                        value,
                        expected: "0 = censored, 1 = event",
                    })
                }
            })
            .collect::<Result<Vec<_>>>()?;
        Self::new(time, &event)
    }

    /// Number of subjects.
    pub fn len(&self) -> usize {
        self.time.len()
    }

    /// Always false: construction rejects empty data.
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    /// Follow-up times.
    pub fn time(&self) -> &[f64] {
        &self.time
    }

    /// Event indicators.
    pub fn event(&self) -> &[bool] {
        &self.event
    }

    /// Number of events.
    pub fn n_events(&self) -> usize {
        self.event.iter().filter(|&&e| e).count()
    }

    /// The subjects in order of time, ties in subject order (a stable sort). Kaplan–Meier and
    /// the log-rank family depend only on the set of subjects, and each recognises data already
    /// in this order in one pass: a caller fitting several of them can sort once with
    /// `data.subset(&data.time_order())`.
    pub fn time_order(&self) -> Vec<usize> {
        order_by_time(&self.time)
    }

    /// The subjects listed in `rows`, in that order.
    pub fn subset(&self, rows: &[usize]) -> Self {
        Self {
            time: rows.iter().map(|&i| self.time[i]).collect(),
            event: rows.iter().map(|&i| self.event[i]).collect(),
        }
    }
}

/// R's `Surv` reading of a numeric status: if the largest value is 2, then 1 = censored and
/// 2 = event; otherwise 0 = censored and 1 = event. Any other value (or a NaN) is an error
/// naming its row.
pub fn status_from_codes(status: &[f64]) -> Result<Vec<bool>> {
    let two_coded = status.contains(&2.0);
    let (censored, event, expected) = if two_coded {
        (1.0, 2.0, "1 = censored, 2 = event")
    } else {
        (0.0, 1.0, "0 = censored, 1 = event")
    };
    status
        .iter()
        .enumerate()
        .map(|(row, &value)| {
            if value == event {
                Ok(true)
            } else if value == censored {
                Ok(false)
            } else {
                Err(SurvivalError::BadStatus {
                    row,
                    value,
                    expected,
                })
            }
        })
        .collect()
}

/// Explicit coding: `event_code` is the event and `censor_code` censoring; anything else is an
/// error naming its row.
pub fn status_from_event_code(
    status: &[f64],
    event_code: f64,
    censor_code: f64,
) -> Result<Vec<bool>> {
    status
        .iter()
        .enumerate()
        .map(|(row, &value)| {
            if value == event_code {
                Ok(true)
            } else if value == censor_code {
                Ok(false)
            } else {
                Err(SurvivalError::BadStatus {
                    row,
                    value,
                    expected: "the declared event or censoring code",
                })
            }
        })
        .collect()
}

/// Below this many subjects a comparison sort beats `sort_pairs`' fixed cost (the radix sort's
/// digit histograms, or the hash table).
const LINEAR_SORT_FROM: usize = 512;

/// Indices that sort `time` ascending (stable; times are finite after validation), by the times'
/// order keys (`nomo-sort`; −0 and +0 tie): one `sort_pairs` carrying the indices (linear in n:
/// a radix sort, or hashing and counting when the times take few distinct values, as days do)
/// or, for fewer than [`LINEAR_SORT_FROM`] subjects, a stable comparison sort of the same keys,
/// so both give the same order and tied times keep subject order. An input already in order is recognised in
/// one pass.
pub(crate) fn order_by_time(time: &[f64]) -> Vec<usize> {
    let mut index: Vec<usize> = (0..time.len()).collect();
    if time.windows(2).all(|w| w[0] <= w[1]) {
        return index;
    }
    if time.len() < LINEAR_SORT_FROM {
        index.sort_by_key(|&i| order_key(time[i]));
        return index;
    }
    let mut keys: Vec<u64> = time.iter().map(|&t| order_key(t)).collect();
    sort_pairs(&mut keys, &mut index);
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numeric order (negative, −0 = +0, positive), ties in subject order.
    #[test]
    fn time_order_is_stable_and_numeric() {
        let time = [3.0, -1.0, 2.5, 0.0, 3.0, -0.0, -2.0, 2.5];
        assert_eq!(order_by_time(&time), [6, 1, 3, 5, 2, 7, 0, 4]);
        // sort_pairs (long inputs) and the comparison sort (short ones) agree
        let long: Vec<f64> = (0..3 * LINEAR_SORT_FROM)
            .map(|i| time[i % time.len()] * (1 + i % 5) as f64)
            .collect();
        let mut expected: Vec<usize> = (0..long.len()).collect();
        expected.sort_by_key(|&i| order_key(long[i]));
        assert_eq!(order_by_time(&long), expected);
    }

    #[test]
    fn r_surv_coding() {
        assert_eq!(
            status_from_codes(&[1.0, 2.0, 1.0]).unwrap(),
            vec![false, true, false]
        );
        assert_eq!(status_from_codes(&[0.0, 1.0]).unwrap(), vec![false, true]);
        assert!(matches!(
            status_from_codes(&[0.0, 2.0]),
            Err(SurvivalError::BadStatus { row: 0, .. })
        ));
        assert!(matches!(
            status_from_codes(&[0.0, 3.0]),
            Err(SurvivalError::BadStatus { row: 1, .. })
        ));
    }

    #[test]
    fn bad_times_are_rejected_with_their_row() {
        assert_eq!(
            SurvivalData::new(&[1.0, 0.0], &[true, false]),
            Err(SurvivalError::NonPositiveTime { row: 1, value: 0.0 })
        );
        assert!(matches!(
            SurvivalData::new(&[f64::NAN], &[true]),
            Err(SurvivalError::MissingTime { row: 0, .. })
        ));
        assert_eq!(
            SurvivalData::from_binary(&[1.0], &[2.0]).unwrap_err(),
            SurvivalError::BadStatus {
                row: 0,
                value: 2.0,
                expected: "0 = censored, 1 = event"
            }
        );
    }
}
