//! The per-column overview behind `nomo inspect`: type, missing and distinct counts, and
//! min/median/max (numeric) or levels with counts (text). The median is R's `median()`
//! (the mean of the two middle values for an even count).

use serde::Serialize;

use crate::column::{Column, VariableType};
use crate::table::Table;

/// Text columns list at most this many levels (the most frequent first).
const MAX_LEVELS: usize = 30;

/// One level of a text column and how many rows hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelCount {
    pub level: String,
    pub count: usize,
}

/// Overview of one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnSummary {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: VariableType,
    pub declared: bool,
    /// Why the column got its type.
    pub reason: String,
    pub n_missing: usize,
    pub n_distinct: usize,
    pub min: Option<f64>,
    pub median: Option<f64>,
    pub max: Option<f64>,
    /// Levels in R's factor order with their counts (text columns; numeric 0/1 columns list
    /// `0` and `1`); at most 30, `None` for other columns.
    pub levels: Option<Vec<LevelCount>>,
}

/// Overview of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    pub file: String,
    pub n_rows: usize,
    pub n_columns: usize,
    /// The delimiter of a text file (`None` for Excel and Parquet).
    pub delimiter: Option<String>,
    pub columns: Vec<ColumnSummary>,
}

/// R's `median()` of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn summarise(column: &Column, n_rows: usize) -> ColumnSummary {
    let n_missing = column.n_missing();
    let mut summary = ColumnSummary {
        name: column.name.clone(),
        kind: column.kind,
        declared: column.declared,
        reason: column.reason.clone(),
        n_missing,
        n_distinct: 0,
        min: None,
        median: None,
        max: None,
        levels: None,
    };
    match column.levels() {
        Some(levels) => {
            let mut counts = vec![0usize; levels.len()];
            for i in 0..n_rows {
                if let Some(k) = column.code(i) {
                    counts[k] += 1;
                }
            }
            summary.n_distinct = counts.iter().filter(|&&c| c > 0).count();
            if column.kind != VariableType::Text && levels.len() <= MAX_LEVELS {
                summary.levels = Some(
                    levels
                        .iter()
                        .zip(counts)
                        .map(|(l, count)| LevelCount {
                            level: l.clone(),
                            count,
                        })
                        .collect(),
                );
            }
        }
        None => {
            let mut xs: Vec<f64> = (0..n_rows).filter_map(|i| column.number(i)).collect();
            xs.sort_unstable_by(f64::total_cmp);
            summary.min = xs.first().copied();
            summary.max = xs.last().copied();
            summary.median = median(&xs);
            if column.kind == VariableType::Binary {
                let ones = xs.iter().filter(|&&x| x == 1.0).count();
                summary.levels = Some(vec![
                    LevelCount {
                        level: "0".into(),
                        count: xs.len() - ones,
                    },
                    LevelCount {
                        level: "1".into(),
                        count: ones,
                    },
                ]);
            }
            xs.dedup();
            summary.n_distinct = xs.len();
        }
    }
    summary
}

impl Table {
    /// The per-column overview (see the module docs).
    pub fn inspect(&self) -> Inspection {
        Inspection {
            file: self.file.clone(),
            n_rows: self.n_rows,
            n_columns: self.columns.len(),
            delimiter: self.delimiter().map(|d| match d {
                '\t' => "tab".to_string(),
                other => other.to_string(),
            }),
            columns: self
                .columns
                .iter()
                .map(|c| summarise(c, self.n_rows))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_is_r_median() {
        assert_eq!(median(&[1.0, 2.0, 4.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 8.0]), Some(3.0));
        assert_eq!(median(&[]), None);
    }
}
