//! From a typed table to the plain numbers a statistical crate takes.
//!
//! An [`AnalysisSpec`] names the variables of one analysis; [`Table::analysis`] keeps the rows
//! complete over exactly those variables (R's `na.omit` over the model frame), counts what it
//! dropped per column, and codes the variables:
//!
//! - a binary outcome as y = 1 for the event level and 0 for the other level (exactly two levels
//!   among the rows kept); `event` matches the value as written, so `1` works on a 0/1 column;
//! - a survival outcome as time (present and positive) and status 0/1: with an event value,
//!   status = 1 where the status column equals it (and at most one other value may occur);
//!   without one, R's `Surv()` reading: 0/1 → 1 is the event, 1/2 → 2, FALSE/TRUE → TRUE;
//! - each predictor as model terms: a numeric column (0/1 included) is one term named by the
//!   column; a text column is expanded into R's treatment-coding dummies named `<column><level>`
//!   for every level present in the rows kept except the reference level (declared, or the first
//!   level in R's sorted order: `factor()`'s default, `contr.treatment`).

use rayon::prelude::*;
use serde::Serialize;

use crate::column::{Column, MISSING, VariableType, distinct_numbers};
use crate::error::IngestError;
use crate::table::Table;

/// A binary outcome: its column and the level counted as the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BinaryOutcome {
    pub column: String,
    pub event: String,
}

/// A survival outcome: time column, status column and the status value meaning "event"
/// (`None`: R's `Surv()` reading, see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurvivalOutcome {
    pub time: String,
    pub status: String,
    pub event: Option<String>,
}

/// The variables of one analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnalysisSpec {
    pub binary: Option<BinaryOutcome>,
    pub survival: Option<SurvivalOutcome>,
    /// Predictor columns, each giving one or more [`Term`]s.
    pub predictors: Vec<String>,
    /// A grouping column, kept as level codes ([`GroupCodes`]).
    pub group: Option<String>,
}

/// Missing values of one column among the rows considered (a row missing in two columns counts
/// in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub column: String,
    pub n_missing: usize,
}

/// One model term: a numeric column, or one treatment dummy of a text column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// `age`, or `etiologyHCV` for a dummy.
    pub name: String,
    /// The source column.
    pub column: String,
    /// One value per kept row.
    pub values: Vec<f64>,
}

/// Complete-case numeric data for a statistical crate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalysisData {
    /// 0-based data rows kept, in file order.
    pub rows: Vec<usize>,
    pub n_used: usize,
    pub n_dropped: usize,
    /// Columns with missing values among all rows, in the order the spec names them.
    pub excluded: Vec<Exclusion>,
    /// Binary outcome, 1 = event.
    pub y: Option<Vec<f64>>,
    /// Survival time.
    pub time: Option<Vec<f64>>,
    /// Survival status, 1 = event.
    pub status: Option<Vec<f64>>,
    pub terms: Vec<Term>,
    /// The grouping column's levels and each kept row's level.
    pub group: Option<GroupCodes>,
}

/// A grouping column over the rows kept: its level names and each row's level (no label is
/// copied per row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupCodes {
    /// A text column's levels, or a numeric column's distinct values among the rows kept,
    /// ascending and written as Rust writes an `f64` (`1` for 1.0).
    pub levels: Vec<String>,
    /// Index into `levels` of each kept row.
    pub codes: Vec<u32>,
}

impl AnalysisData {
    /// "3 rows dropped: missing afp (2), alp (1)", or "no rows dropped".
    pub fn summary(&self) -> String {
        if self.n_dropped == 0 {
            return "no rows dropped".to_string();
        }
        let parts: Vec<String> = self
            .excluded
            .iter()
            .map(|e| format!("{} ({})", e.column, e.n_missing))
            .collect();
        let rows = if self.n_dropped == 1 { "row" } else { "rows" };
        format!(
            "{} {rows} dropped: missing {}",
            self.n_dropped,
            parts.join(", ")
        )
    }

    /// The terms as a row-major design matrix (no intercept) with the term names.
    pub fn design(&self) -> (Vec<String>, Vec<Vec<f64>>) {
        let names = self.terms.iter().map(|t| t.name.clone()).collect();
        let rows = (0..self.n_used)
            .map(|i| self.terms.iter().map(|t| t.values[i]).collect())
            .collect();
        (names, rows)
    }
}

/// A value the user named (an event level, as written on the command line or in the spec),
/// resolved once against a column: in a numeric column it compares numerically, so `1` matches
/// `1.0`; in a text column it is the level written exactly so.
enum Wanted {
    /// The parsed number (`None` when the text is not a number: it matches no row).
    Number(Option<f64>),
    /// The level's code (`None` when the column has no level written so: it matches no row).
    Level(Option<usize>),
}

impl Wanted {
    fn resolve(column: &Column, wanted: &str) -> Wanted {
        match column.levels() {
            Some(levels) => Wanted::Level(levels.iter().position(|l| l == wanted)),
            None => Wanted::Number(wanted.trim().parse::<f64>().ok()),
        }
    }

    /// Does row `i` of `column` (the column it was resolved against) hold the value?
    fn matches(&self, column: &Column, i: usize) -> bool {
        match self {
            Wanted::Number(w) => w.is_some() && column.number(i) == *w,
            Wanted::Level(k) => k.is_some() && column.code(i) == *k,
        }
    }

    /// 1.0 where row `rows[r]` holds the wanted value, 0.0 elsewhere (a numeric column in one
    /// pass over its values).
    fn indicator(&self, column: &Column, rows: &[usize]) -> Vec<f64> {
        match (self, column.numbers_at(rows)) {
            (Wanted::Number(w), Some(mut values)) => {
                for x in &mut values {
                    // NaN (missing) never equals the wanted number
                    *x = f64::from(u8::from(Some(*x) == *w));
                }
                values
            }
            _ => rows
                .iter()
                .map(|&i| f64::from(u8::from(self.matches(column, i))))
                .collect(),
        }
    }
}

/// The identity of row `i`'s value within its column (the number's bits or the level's code),
/// to compare rows without rendering their text; `None` when missing.
fn value_key(column: &Column, i: usize) -> Option<u64> {
    match column.number(i) {
        Some(x) => Some((x + 0.0).to_bits()),
        None => column.code(i).map(|k| k as u64),
    }
}

/// The level codes of a grouping column over `rows` (every one present: complete cases).
fn group_codes(column: &Column, rows: &[usize]) -> GroupCodes {
    if let Some(levels) = column.levels() {
        return GroupCodes {
            levels: levels.to_vec(),
            codes: rows
                .iter()
                .map(|&i| column.code(i).map_or(MISSING, |c| c as u32))
                .collect(),
        };
    }
    // not text: numeric
    let values = column.numbers_at(rows).unwrap_or_default();
    let distinct = distinct_numbers(values.iter().copied());
    GroupCodes {
        levels: distinct.iter().map(|x| format!("{x}")).collect(),
        codes: values
            .iter()
            .map(|&x| distinct.partition_point(|&d| d < x) as u32)
            .collect(),
    }
}

impl Table {
    /// Complete-case, coded data for the analysis `spec` (see the module docs).
    pub fn analysis(&self, spec: &AnalysisSpec) -> Result<AnalysisData, IngestError> {
        // every variable the analysis uses, in spec order, without repeats
        let mut used: Vec<&str> = Vec::new();
        if let Some(b) = &spec.binary {
            used.push(&b.column);
        }
        if let Some(s) = &spec.survival {
            used.push(&s.time);
            used.push(&s.status);
        }
        used.extend(spec.predictors.iter().map(String::as_str));
        if let Some(g) = &spec.group {
            used.push(g);
        }
        let mut seen = std::collections::HashSet::new();
        used.retain(|n| seen.insert(*n));
        let columns: Vec<&Column> = used
            .iter()
            .map(|n| self.column(n))
            .collect::<Result<_, _>>()?;

        if let Some(s) = &spec.survival {
            let time = self.column(&s.time)?;
            self.check_times(time)?;
        }

        let mut keep = vec![true; self.n_rows];
        for c in &columns {
            c.mark_present(&mut keep);
        }
        let rows: Vec<usize> = (0..self.n_rows).filter(|&i| keep[i]).collect();
        let excluded: Vec<Exclusion> = columns
            .iter()
            .map(|c| Exclusion {
                column: c.name.clone(),
                n_missing: c.n_missing(),
            })
            .filter(|e| e.n_missing > 0)
            .collect();
        if rows.is_empty() {
            return Err(IngestError::NoCompleteRows {
                file: self.file.clone(),
                columns: used.iter().map(|s| s.to_string()).collect(),
            });
        }

        // The outcome and each predictor are coded independently, in parallel; their errors are
        // taken in spec order (outcome, survival outcome, predictors), whatever the thread count.
        let (y, coded) = rayon::join(
            || {
                spec.binary
                    .as_ref()
                    .map(|b| self.binary_outcome(b, &rows))
                    .transpose()
            },
            || {
                spec.predictors
                    .par_iter()
                    .map(|name| self.terms(self.column(name)?, &rows))
                    .collect::<Vec<_>>()
            },
        );
        let y = y?;
        let (time, status) = match &spec.survival {
            Some(s) => {
                // numeric: `check_times` said so
                let time = self.column(&s.time)?.numbers_at(&rows).unwrap_or_default();
                (Some(time), Some(self.status(s, &rows)?))
            }
            None => (None, None),
        };
        let mut terms = Vec::new();
        for predictor_terms in coded {
            terms.extend(predictor_terms?);
        }
        let group = match &spec.group {
            Some(g) => Some(group_codes(self.column(g)?, &rows)),
            None => None,
        };
        Ok(AnalysisData {
            n_used: rows.len(),
            n_dropped: self.n_rows - rows.len(),
            rows,
            excluded,
            y,
            time,
            status,
            terms,
            group,
        })
    }

    /// Distinct values of `column` over `rows`, as text, in level order.
    fn present_levels(&self, column: &Column, rows: &[usize]) -> Vec<String> {
        match column.levels() {
            Some(levels) => {
                let mut present = vec![false; levels.len()];
                for &i in rows {
                    if let Some(k) = column.code(i) {
                        present[k] = true;
                    }
                }
                levels
                    .iter()
                    .zip(present)
                    .filter(|(_, p)| *p)
                    .map(|(l, _)| l.clone())
                    .collect()
            }
            None => {
                let xs = distinct_numbers(rows.iter().filter_map(|&i| column.number(i)));
                xs.iter().map(|x| format!("{x}")).collect()
            }
        }
    }

    fn binary_outcome(&self, b: &BinaryOutcome, rows: &[usize]) -> Result<Vec<f64>, IngestError> {
        let column = self.column(&b.column)?;
        let levels = self.present_levels(column, rows);
        if levels.len() != 2 {
            return Err(IngestError::OutcomeLevels {
                file: self.file.clone(),
                column: b.column.clone(),
                levels,
            });
        }
        let event = Wanted::resolve(column, &b.event);
        let y = event.indicator(column, rows);
        if !y.contains(&1.0) {
            return Err(IngestError::EventAbsent {
                file: self.file.clone(),
                column: b.column.clone(),
                event: b.event.clone(),
                levels,
            });
        }
        Ok(y)
    }

    fn check_times(&self, time: &Column) -> Result<(), IngestError> {
        if !time.is_numeric() {
            return Err(IngestError::ColumnType {
                file: self.file.clone(),
                column: time.name.clone(),
                message: format!("survival time is {}, not numeric", time.kind.as_str()),
            });
        }
        for i in 0..self.n_rows {
            let bad = match time.number(i) {
                None => Some("NA".to_string()),
                Some(t) if t <= 0.0 => Some(format!("{t}")),
                Some(_) => None,
            };
            if let Some(value) = bad {
                return Err(IngestError::SurvivalTime {
                    file: self.file.clone(),
                    row: self.row_number(i),
                    column: time.name.clone(),
                    value,
                });
            }
        }
        Ok(())
    }

    fn status(&self, s: &SurvivalOutcome, rows: &[usize]) -> Result<Vec<f64>, IngestError> {
        let column = self.column(&s.status)?;
        let code_error = |i: usize, expected: String| IngestError::StatusCode {
            file: self.file.clone(),
            row: self.row_number(i),
            column: s.status.clone(),
            value: column.text(i).unwrap_or_default(),
            expected,
        };
        match &s.event {
            Some(event) => {
                // the event value and at most one other value
                let wanted = Wanted::resolve(column, event);
                // the one non-event value seen so far: its key and the first row holding it
                let mut other: Option<(Option<u64>, usize)> = None;
                let mut status = Vec::with_capacity(rows.len());
                for &i in rows {
                    if wanted.matches(column, i) {
                        status.push(1.0);
                        continue;
                    }
                    let key = value_key(column, i);
                    match other {
                        None => other = Some((key, i)),
                        Some((o, _)) if o == key => {}
                        Some((_, first)) => {
                            let o = column.text(first).unwrap_or_default();
                            return Err(code_error(i, format!("{event} (event) and {o}")));
                        }
                    }
                    status.push(0.0);
                }
                if !status.contains(&1.0) {
                    return Err(IngestError::EventAbsent {
                        file: self.file.clone(),
                        column: s.status.clone(),
                        event: event.clone(),
                        levels: self.present_levels(column, rows),
                    });
                }
                Ok(status)
            }
            None => self.surv_status(column, rows, code_error),
        }
    }

    /// R's `Surv()` reading of an unlabelled status column.
    fn surv_status(
        &self,
        column: &Column,
        rows: &[usize],
        code_error: impl Fn(usize, String) -> IngestError,
    ) -> Result<Vec<f64>, IngestError> {
        if let Some(mut values) = column.numbers_at(rows) {
            // the rows are complete: every value is present
            let one_two = values.iter().all(|&v| v == 1.0 || v == 2.0) && values.contains(&2.0);
            let (event, expected) = if one_two {
                (2.0, "1 (censored) and 2 (event)")
            } else {
                (1.0, "0 (censored) and 1 (event)")
            };
            let censored = event - 1.0;
            for (v, &i) in values.iter_mut().zip(rows) {
                *v = if *v == event {
                    1.0
                } else if *v == censored {
                    0.0
                } else {
                    return Err(code_error(i, expected.to_string()));
                };
            }
            Ok(values)
        } else {
            rows.iter()
                .map(|&i| match column.text(i).as_deref() {
                    Some(t) if t.eq_ignore_ascii_case("true") => Ok(1.0),
                    Some(t) if t.eq_ignore_ascii_case("false") => Ok(0.0),
                    _ => Err(code_error(
                        i,
                        "TRUE (event) and FALSE (censored); name the event value".to_string(),
                    )),
                })
                .collect()
        }
    }

    /// The model terms of one predictor over `rows`.
    fn terms(&self, column: &Column, rows: &[usize]) -> Result<Vec<Term>, IngestError> {
        if column.kind == VariableType::Text {
            return Err(IngestError::ColumnType {
                file: self.file.clone(),
                column: column.name.clone(),
                message: "is free text (an identifier), not a predictor; declare it categorical to use it".into(),
            });
        }
        if let Some(values) = column.numbers_at(rows) {
            return Ok(vec![Term {
                name: column.name.clone(),
                column: column.name.clone(),
                values,
            }]);
        }
        let levels = self.present_levels(column, rows);
        let reference = match &column.reference {
            Some(r) if levels.contains(r) => r.clone(),
            Some(r) => {
                return Err(IngestError::EventAbsent {
                    file: self.file.clone(),
                    column: column.name.clone(),
                    event: r.clone(),
                    levels,
                });
            }
            None => levels.first().cloned().unwrap_or_default(),
        };
        Ok(levels
            .iter()
            .filter(|l| **l != reference)
            .map(|level| {
                let code = Wanted::resolve(column, level);
                Term {
                    name: format!("{}{level}", column.name),
                    column: column.name.clone(),
                    values: code.indicator(column, rows),
                }
            })
            .collect())
    }
}
