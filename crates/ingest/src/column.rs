//! Typed columns and the inference that types them.
//!
//! A column is stored either as numbers (`f64`, missing cells held as NaN internally and never
//! exposed: every accessor returns `Option<f64>`) or as text coded against its sorted levels.
//! Inference, for columns that are not declared:
//!
//! - every present value is a number → numeric: **binary** when the values are 0/1,
//!   **integer** when all are whole numbers, else **continuous**;
//! - otherwise text: **binary** with two levels, **text** (an identifier) when every value is
//!   distinct and there are more than 20, else **categorical**;
//! - a column where more than half of the present values are numbers but some are not is taken
//!   for a numeric column with a typo and refused ([`IngestError::NonNumeric`] names the first
//!   offending cell); declare it categorical to keep it as text.
//!
//! `inf`/`NaN` literals in a numeric column are refused ([`IngestError::NonFinite`]).

use serde::Serialize;

use crate::error::IngestError;
use crate::levels::sort_levels;
use crate::options::Declared;

/// The statistical type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VariableType {
    /// Real-valued numbers.
    Continuous,
    /// Whole numbers (still numeric: one model term).
    Integer,
    /// Two values: numeric 0/1 (one term) or two text levels (one treatment dummy).
    Binary,
    /// Text levels with R's treatment coding.
    Categorical,
    /// Free text such as an identifier: never a model term.
    Text,
}

impl VariableType {
    /// The lower-case name used in reports (`continuous`, `integer`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            VariableType::Continuous => "continuous",
            VariableType::Integer => "integer",
            VariableType::Binary => "binary",
            VariableType::Categorical => "categorical",
            VariableType::Text => "text",
        }
    }
}

/// Where a column's values live.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ColumnData {
    /// NaN marks a missing value (inf/NaN literals are refused at read time).
    Numeric(Vec<f64>),
    /// `codes[i]` indexes `levels`; `MISSING` marks a missing value.
    Text {
        codes: Vec<u32>,
        levels: Vec<String>,
    },
}

pub(crate) const MISSING: u32 = u32::MAX;

/// One typed column of a [`crate::Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header name.
    pub name: String,
    /// The statistical type.
    pub kind: VariableType,
    /// `true` when the type was declared, `false` when inferred.
    pub declared: bool,
    /// Why the column got its type ("all values 0/1", "3 text levels", ...).
    pub reason: String,
    /// Reference level for treatment coding of a text column (`None`: first sorted level).
    pub reference: Option<String>,
    pub(crate) data: ColumnData,
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match &self.data {
            ColumnData::Numeric(v) => v.len(),
            ColumnData::Text { codes, .. } => codes.len(),
        }
    }

    /// `true` for a column without rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `true` when the values are stored as numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(self.data, ColumnData::Numeric(_))
    }

    /// The number in row `i` (0-based data row); `None` when missing or the column is text.
    pub fn number(&self, i: usize) -> Option<f64> {
        match &self.data {
            ColumnData::Numeric(v) => v.get(i).copied().filter(|x| !x.is_nan()),
            ColumnData::Text { .. } => None,
        }
    }

    /// `true` when row `i` is missing.
    pub fn is_missing(&self, i: usize) -> bool {
        match &self.data {
            ColumnData::Numeric(v) => v.get(i).is_none_or(|x| x.is_nan()),
            ColumnData::Text { codes, .. } => codes.get(i).is_none_or(|&c| c == MISSING),
        }
    }

    /// Row `i` as text: the level, or the number written as Rust writes an `f64` (shortest
    /// round-trip form, `1` for 1.0). `None` when missing.
    pub fn text(&self, i: usize) -> Option<String> {
        match &self.data {
            ColumnData::Numeric(v) => v.get(i).filter(|x| !x.is_nan()).map(|x| format!("{x}")),
            ColumnData::Text { codes, levels } => {
                codes.get(i).and_then(|&c| levels.get(c as usize)).cloned()
            }
        }
    }

    /// The level index of row `i` in [`Column::levels`] (text columns only).
    pub(crate) fn code(&self, i: usize) -> Option<usize> {
        match &self.data {
            ColumnData::Text { codes, .. } => {
                codes.get(i).filter(|&&c| c != MISSING).map(|&c| c as usize)
            }
            ColumnData::Numeric(_) => None,
        }
    }

    /// The sorted levels of a text column (R's `factor()` order); `None` for numeric columns.
    pub fn levels(&self) -> Option<&[String]> {
        match &self.data {
            ColumnData::Text { levels, .. } => Some(levels),
            ColumnData::Numeric(_) => None,
        }
    }

    /// All values as numbers (`None` = missing); `None` for a text column.
    pub fn numbers(&self) -> Option<Vec<Option<f64>>> {
        match &self.data {
            ColumnData::Numeric(v) => Some(v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect()),
            ColumnData::Text { .. } => None,
        }
    }

    /// Clears `keep[i]` where row `i` is missing, in one pass over the stored values.
    pub(crate) fn mark_present(&self, keep: &mut [bool]) {
        debug_assert_eq!(keep.len(), self.len(), "one flag per row");
        match &self.data {
            ColumnData::Numeric(v) => {
                for (k, x) in keep.iter_mut().zip(v) {
                    *k &= !x.is_nan();
                }
            }
            ColumnData::Text { codes, .. } => {
                for (k, &c) in keep.iter_mut().zip(codes) {
                    *k &= c != MISSING;
                }
            }
        }
    }

    /// The stored numbers of `rows` (ascending row indices), NaN where missing; `None` for a
    /// text column. All rows are one copy of the column.
    pub(crate) fn numbers_at(&self, rows: &[usize]) -> Option<Vec<f64>> {
        match &self.data {
            // ascending and as many as the rows: every row
            ColumnData::Numeric(v) if rows.len() == v.len() => Some(v.clone()),
            ColumnData::Numeric(v) => Some(rows.iter().map(|&i| v[i]).collect()),
            ColumnData::Text { .. } => None,
        }
    }

    /// Number of missing values.
    pub fn n_missing(&self) -> usize {
        match &self.data {
            ColumnData::Numeric(v) => v.iter().filter(|x| x.is_nan()).count(),
            ColumnData::Text { codes, .. } => codes.iter().filter(|&&c| c == MISSING).count(),
        }
    }
}

/// Where a column came from, for error messages.
pub(crate) struct Origin<'a> {
    pub file: &'a str,
    /// Spreadsheet row number of data row 0.
    pub first_row: usize,
}

/// Parses one trimmed cell as a number (`decimal_comma`: `1,23` → 1.23).
pub(crate) fn parse_number(cell: &str, decimal_comma: bool) -> Option<f64> {
    if decimal_comma && cell.contains(',') {
        if cell.contains('.') {
            return None;
        }
        cell.replacen(',', ".", 1).parse().ok()
    } else {
        short_decimal(cell).or_else(|| cell.parse().ok())
    }
}

/// Powers of ten exactly representable as `f64` (5²² < 2⁵³).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Largest mantissa the fast path takes: every integer up to 2⁵³ is exact in binary64.
const MAX_EXACT_MANTISSA: u64 = 1 << 53;

/// The value of a short plain decimal (`[+-]digits[.digits]` whose digits, leading zeros
/// aside, form an integer of at most 2⁵³, with at most 22 digits after the point), as the
/// standard library's correctly rounded parser gives it; `None` for anything else, which that
/// parser then reads. R's `write.csv` writes 15 significant digits, so its numbers are short.
pub(crate) fn short_decimal(cell: &str) -> Option<f64> {
    scan_short_decimal(cell.as_bytes(), 0)
        .filter(|&(_, end)| end == cell.len())
        .map(|(x, _)| x)
}

/// Reads the longest plain decimal starting at `bytes[start]`: its value and the index just after
/// it when it is short (see [`short_decimal`]); `None` when there is none there or it is not
/// short. Clinger's fast path (Clinger 1990, "How to read floating point numbers accurately"):
/// the digits form an integer m ≤ 2⁵³ and the scale is 10^k with k ≤ 22, both exact in binary64,
/// so the one IEEE division m / 10^k is the correctly rounded value.
pub(crate) fn scan_short_decimal(bytes: &[u8], start: usize) -> Option<(f64, usize)> {
    let (negative, mut k) = match bytes.get(start) {
        Some(b'-') => (true, start + 1),
        Some(b'+') => (false, start + 1),
        _ => (false, start),
    };
    let mut mantissa: u64 = 0;
    // digits from the first non-zero one; at most 19 cannot overflow the u64 mantissa
    let mut significant = 0usize;
    let digits = |k: &mut usize, mantissa: &mut u64, significant: &mut usize| -> usize {
        let first = *k;
        while let Some(&b) = bytes.get(*k).filter(|b| b.is_ascii_digit()) {
            *mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            *significant += usize::from(*significant > 0 || b != b'0');
            *k += 1;
        }
        *k - first
    };
    if digits(&mut k, &mut mantissa, &mut significant) == 0 {
        return None;
    }
    let mut scale = 0;
    // a point between digits only ("1." and ".5" go to the standard parser)
    if bytes.get(k) == Some(&b'.') && bytes.get(k + 1).is_some_and(u8::is_ascii_digit) {
        k += 1;
        scale = digits(&mut k, &mut mantissa, &mut significant);
    }
    if significant > 19 || mantissa > MAX_EXACT_MANTISSA || scale >= POW10.len() {
        return None;
    }
    let magnitude = if scale == 0 {
        mantissa as f64
    } else {
        mantissa as f64 / POW10[scale]
    };
    Some((if negative { -magnitude } else { magnitude }, k))
}

/// A cell as every reader takes it: trimmed of surrounding whitespace; `None` when it is one of
/// the missing-value tokens.
pub(crate) fn clean_cell<'s>(cell: &'s str, na_tokens: &[String]) -> Option<&'s str> {
    let t = cell.trim();
    (!na_tokens.iter().any(|tok| tok == t)).then_some(t)
}

/// Types a column of raw text cells (`None` = a cell the reader already took as missing).
pub(crate) fn type_text_cells<'s>(
    name: &str,
    cells: impl Iterator<Item = Option<&'s str>>,
    na_tokens: &[String],
    decimal_comma: bool,
    declared: Option<&Declared>,
    origin: &Origin<'_>,
) -> Result<Column, IngestError> {
    // The cells are coded by first appearance as written, and each distinct cell is then trimmed,
    // checked against the missing-value tokens and parsed once: a column of a few repeated values
    // costs one pass. The answers are those of reading the cells row by row: the first row of a
    // code is before the first row of every later code.
    let (raw, raw_codes) = first_seen_codes(cells);
    let cleaned: Vec<Option<&str>> = raw.iter().map(|c| clean_cell(c, na_tokens)).collect();
    let first_row = |k: usize| {
        raw_codes
            .iter()
            .position(|&c| c as usize == k)
            .unwrap_or_default()
    };
    let as_text = matches!(
        declared,
        Some(Declared::Categorical { .. } | Declared::Text | Declared::Binary { .. })
    );
    if !as_text {
        let parsed: Vec<Option<f64>> = cleaned
            .iter()
            .map(|c| c.and_then(|t| parse_number(t, decimal_comma)))
            .collect();
        // the first row holding ±inf or a NaN literal is refused
        if let Some(k) = parsed
            .iter()
            .position(|x| x.is_some_and(|x| !x.is_finite()))
        {
            return Err(IngestError::NonFinite {
                file: origin.file.to_string(),
                row: origin.first_row + first_row(k),
                column: name.to_string(),
                value: cleaned[k].unwrap_or_default().to_string(),
            });
        }
        let first_bad = (0..raw.len()).find(|&k| cleaned[k].is_some() && parsed[k].is_none());
        let Some(bad) = first_bad else {
            let numbers = raw_codes
                .iter()
                .map(|&c| {
                    parsed
                        .get(c as usize)
                        .copied()
                        .flatten()
                        .unwrap_or(f64::NAN)
                })
                .collect();
            return type_numbers(name, numbers, declared, origin);
        };
        // rows per distinct cell, to weigh numbers against text
        let mut counts = vec![0usize; raw.len()];
        for &c in raw_codes.iter().filter(|&&c| c != MISSING) {
            counts[c as usize] += 1;
        }
        let n_numeric: usize = (0..raw.len())
            .filter(|&k| parsed[k].is_some())
            .map(|k| counts[k])
            .sum();
        let n_present: usize = (0..raw.len())
            .filter(|&k| cleaned[k].is_some())
            .map(|k| counts[k])
            .sum();
        if matches!(declared, Some(Declared::Continuous)) || 2 * n_numeric > n_present {
            return Err(IngestError::NonNumeric {
                file: origin.file.to_string(),
                row: origin.first_row + first_row(bad),
                column: name.to_string(),
                value: cleaned[bad].unwrap_or_default().to_string(),
            });
        }
    }
    // the levels: the distinct cleaned cells (two cells may differ only in spaces)
    let mut levels: Vec<String> = cleaned.iter().flatten().map(|t| t.to_string()).collect();
    levels.sort_unstable();
    levels.dedup();
    sort_levels(&mut levels);
    let index: std::collections::HashMap<&str, u32> = levels
        .iter()
        .enumerate()
        .map(|(k, l)| (l.as_str(), k as u32))
        .collect();
    let position: Vec<u32> = cleaned
        .iter()
        .map(|c| c.map_or(MISSING, |t| index[t]))
        .collect();
    let codes = raw_codes
        .iter()
        .map(|&c| position.get(c as usize).copied().unwrap_or(MISSING))
        .collect();
    finish_text(name, codes, levels, declared, origin)
}

/// The distinct present cells in order of first appearance, and each cell's index among them
/// (`MISSING` for a missing cell). Coded columns hold a handful of values: they are matched by
/// linear search, and only past a few distinct values through a hash map.
fn first_seen_codes<'s>(cells: impl Iterator<Item = Option<&'s str>>) -> (Vec<&'s str>, Vec<u32>) {
    const FEW: usize = 16;
    let mut seen: Vec<&'s str> = Vec::new();
    let mut index: std::collections::HashMap<&'s str, u32> = std::collections::HashMap::new();
    let codes = cells
        .map(|cell| {
            let Some(t) = cell else {
                return MISSING;
            };
            let found = if seen.len() <= FEW {
                seen.iter().position(|s| *s == t).map(|k| k as u32)
            } else {
                index.get(t).copied()
            };
            found.unwrap_or_else(|| {
                let k = seen.len() as u32;
                seen.push(t);
                if seen.len() > FEW {
                    // past a few values: the map takes over (filled with all seen so far)
                    if index.is_empty() {
                        index.extend(seen.iter().enumerate().map(|(j, s)| (*s, j as u32)));
                    } else {
                        index.insert(t, k);
                    }
                }
                k
            })
        })
        .collect();
    (seen, codes)
}

/// Types a text column given its codes and sorted levels.
fn finish_text(
    name: &str,
    codes: Vec<u32>,
    levels: Vec<String>,
    declared: Option<&Declared>,
    origin: &Origin<'_>,
) -> Result<Column, IngestError> {
    let n_present = codes.iter().filter(|&&c| c != MISSING).count();
    let column = |kind, declared, reason: String, reference| Column {
        name: name.to_string(),
        kind,
        declared,
        reason,
        reference,
        data: ColumnData::Text {
            codes: codes.clone(),
            levels: levels.clone(),
        },
    };
    match declared {
        Some(Declared::Text) => Ok(column(
            VariableType::Text,
            true,
            "declared text".into(),
            None,
        )),
        Some(Declared::Categorical { reference }) => {
            if let Some(r) = reference
                && !levels.contains(r)
            {
                return Err(IngestError::EventAbsent {
                    file: origin.file.to_string(),
                    column: name.to_string(),
                    event: r.clone(),
                    levels,
                });
            }
            Ok(column(
                VariableType::Categorical,
                true,
                format!("declared categorical, {} levels", levels.len()),
                reference.clone(),
            ))
        }
        Some(Declared::Binary { event }) => {
            binary_from_levels(name, &codes, &levels, event, origin)
        }
        Some(Declared::Continuous) => unreachable_declared(name, origin),
        None => {
            let (kind, reason) = if levels.len() == 2 {
                (
                    VariableType::Binary,
                    format!("2 text levels ({}, {})", levels[0], levels[1]),
                )
            } else if levels.len() == n_present && n_present > 20 {
                (
                    VariableType::Text,
                    format!("text, every one of {n_present} values distinct"),
                )
            } else {
                (
                    VariableType::Categorical,
                    format!("{} text levels", levels.len()),
                )
            };
            Ok(column(kind, false, reason, None))
        }
    }
}

/// A declared-continuous column always goes through the numeric path; reaching the text path
/// means a value failed to parse, which that path reports first. Kept as an error, not a panic.
fn unreachable_declared(name: &str, origin: &Origin<'_>) -> Result<Column, IngestError> {
    Err(IngestError::ColumnType {
        file: origin.file.to_string(),
        column: name.to_string(),
        message: "declared continuous but holds text".into(),
    })
}

/// The natural event of a recognised two-level coding (0/1, no/yes, false/true, n/y, f/t, any
/// case): the index of the second level of the pair, or `usize::MAX` when only the first occurs
/// (no row is an event). `None` for levels that are no such pair.
fn natural_event(levels: &[String]) -> Option<usize> {
    const PAIRS: [(&str, &str); 5] = [
        ("0", "1"),
        ("no", "yes"),
        ("false", "true"),
        ("n", "y"),
        ("f", "t"),
    ];
    let low: Vec<String> = levels.iter().map(|l| l.to_lowercase()).collect();
    PAIRS.iter().find_map(|(a, b)| {
        (!low.is_empty() && low.iter().all(|l| l == a || l == b))
            .then(|| low.iter().position(|l| l == b).unwrap_or(usize::MAX))
    })
}

/// Recodes a declared-binary text column to 0/1.
fn binary_from_levels(
    name: &str,
    codes: &[u32],
    levels: &[String],
    event: &Option<String>,
    origin: &Origin<'_>,
) -> Result<Column, IngestError> {
    if levels.len() > 2 {
        return Err(IngestError::OutcomeLevels {
            file: origin.file.to_string(),
            column: name.to_string(),
            levels: levels.to_vec(),
        });
    }
    let event_index = match event {
        Some(e) => match levels.iter().position(|l| l == e) {
            Some(k) => k,
            None => {
                return Err(IngestError::EventAbsent {
                    file: origin.file.to_string(),
                    column: name.to_string(),
                    event: e.clone(),
                    levels: levels.to_vec(),
                });
            }
        },
        None => natural_event(levels).ok_or_else(|| IngestError::ColumnType {
            file: origin.file.to_string(),
            column: name.to_string(),
            message: format!(
                "two levels ({}) with no natural event: name the event level",
                levels.join(", ")
            ),
        })?,
    };
    let values = codes
        .iter()
        .map(|&c| {
            if c == MISSING {
                f64::NAN
            } else if c as usize == event_index {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let event_name = levels
        .get(event_index)
        .cloned()
        .or_else(|| event.clone())
        .unwrap_or_else(|| "1".into());
    Ok(Column {
        name: name.to_string(),
        kind: VariableType::Binary,
        declared: true,
        reason: format!("declared binary, `{event_name}` = 1"),
        reference: None,
        data: ColumnData::Numeric(values),
    })
}

/// The distinct values of `values`, ascending (−0 and +0 count as one). Coded columns hold a
/// handful of values: they are gathered by linear search, and only when more than a few turn up
/// is the rest of the column appended and the whole sorted.
pub(crate) fn distinct_numbers(mut values: impl Iterator<Item = f64>) -> Vec<f64> {
    const FEW: usize = 16;
    let mut distinct: Vec<f64> = Vec::new();
    for x in values.by_ref() {
        if !distinct.contains(&x) {
            distinct.push(x);
            if distinct.len() > FEW {
                break;
            }
        }
    }
    distinct.extend(values);
    distinct.sort_unstable_by(f64::total_cmp);
    distinct.dedup();
    distinct
}

/// Types a numeric column (NaN = missing).
pub(crate) fn type_numbers(
    name: &str,
    values: Vec<f64>,
    declared: Option<&Declared>,
    origin: &Origin<'_>,
) -> Result<Column, IngestError> {
    match declared {
        Some(Declared::Categorical { .. } | Declared::Text | Declared::Binary { .. }) => {
            let mut levels: Vec<String> =
                distinct_numbers(values.iter().copied().filter(|x| !x.is_nan()))
                    .iter()
                    .map(|x| format!("{x}"))
                    .collect();
            sort_levels(&mut levels);
            let index: std::collections::HashMap<String, u32> = levels
                .iter()
                .enumerate()
                .map(|(k, l)| (l.clone(), k as u32))
                .collect();
            let codes = values
                .iter()
                .map(|x| {
                    if x.is_nan() {
                        MISSING
                    } else {
                        index.get(&format!("{x}")).copied().unwrap_or(MISSING)
                    }
                })
                .collect();
            finish_text(name, codes, levels, declared, origin)
        }
        _ => {
            let present = || values.iter().filter(|x| !x.is_nan());
            let n_present = present().count();
            let (kind, reason) = if n_present == 0 {
                (VariableType::Continuous, "every value missing".to_string())
            } else if present().all(|&x| x == 0.0 || x == 1.0) {
                (VariableType::Binary, "numeric, all values 0/1".to_string())
            } else if present().all(|x| x.fract() == 0.0) {
                (VariableType::Integer, "numeric, whole numbers".to_string())
            } else {
                (VariableType::Continuous, "numeric".to_string())
            };
            let declared_continuous = matches!(declared, Some(Declared::Continuous));
            Ok(Column {
                name: name.to_string(),
                kind: if declared_continuous && kind == VariableType::Binary {
                    VariableType::Integer
                } else {
                    kind
                },
                declared: declared_continuous,
                reason: if declared_continuous {
                    "declared continuous".into()
                } else {
                    reason
                },
                reference: None,
                data: ColumnData::Numeric(values),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short-decimal fast path gives exactly the standard parser's value, and declines what
    /// it does not cover.
    #[test]
    fn short_decimals_parse_as_the_standard_parser() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut covered = 0;
        for _ in 0..200_000 {
            let len = 1 + (next() % 26) as usize;
            let mut cell: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            if next() % 3 > 0 {
                let at = (next() as usize) % (len + 1);
                cell.insert(at, '.');
            }
            match next() % 4 {
                0 => cell.insert(0, '-'),
                1 => cell.insert(0, '+'),
                _ => {}
            }
            let standard: Option<f64> = cell.parse().ok();
            if let Some(x) = short_decimal(&cell) {
                covered += 1;
                assert_eq!(Some(x.to_bits()), standard.map(f64::to_bits), "{cell}");
            }
            assert_eq!(
                parse_number(&cell, false).map(f64::to_bits),
                standard.map(f64::to_bits),
                "{cell}"
            );
        }
        assert!(covered > 95_000, "{covered}");
        for declined in [
            "", "-", "+", ".", "1.", ".5", "1e5", "1.2.3", "0x10", "inf", "NaN",
        ] {
            assert_eq!(short_decimal(declined), None, "{declined}");
        }
        assert_eq!(
            short_decimal("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(short_decimal("0.1"), Some(0.1));
        // R's 15 significant digits, a leading zero, 22 decimals, the largest exact mantissa
        for cell in [
            "-0.894297881925523",
            "0.0000000000000000000001",
            "9007199254740992",
            "000000000000000000000000012.5",
        ] {
            assert_eq!(short_decimal(cell), cell.parse().ok(), "{cell}");
        }
        for declined in ["9007199254740993", "0.00000000000000000000001"] {
            assert_eq!(short_decimal(declined), None, "{declined}");
        }
    }

    /// Typing by distinct cells answers as reading row by row: the first non-finite row is refused
    /// even after a text cell, the first text cell is named, spaces and tokens are cleaned.
    #[test]
    fn text_cells_type_as_read_row_by_row() {
        let origin = Origin {
            file: "f.csv",
            first_row: 2,
        };
        let tokens: Vec<String> = crate::DEFAULT_NA_TOKENS
            .iter()
            .map(|t| t.to_string())
            .collect();
        let typed = |cells: &[&str]| {
            type_text_cells(
                "x",
                cells.iter().map(|&c| Some(c)),
                &tokens,
                false,
                None,
                &origin,
            )
        };
        match typed(&["1", "x", "2", "inf", "3", "4", "x"]) {
            Err(IngestError::NonFinite { row, value, .. }) => {
                assert_eq!((row, value.as_str()), (5, "inf"))
            }
            other => panic!("{other:?}"),
        }
        match typed(&["1", "2", " x ", "3", "x", "NA"]) {
            Err(IngestError::NonNumeric { row, value, .. }) => {
                assert_eq!((row, value.as_str()), (4, "x"))
            }
            other => panic!("{other:?}"),
        }
        let column = typed(&[" a", "a", "NA", "b", "b "]).unwrap();
        assert_eq!(column.levels().unwrap(), ["a", "b"]);
        let codes: Vec<Option<usize>> = (0..5).map(|i| column.code(i)).collect();
        assert_eq!(codes, [Some(0), Some(0), None, Some(1), Some(1)]);
        let numbers = typed(&["2.5", " 1", "", "-"]).unwrap();
        assert_eq!(numbers.number(1), Some(1.0));
        assert_eq!(numbers.n_missing(), 2);
    }

    /// First-seen coding by linear search (few values) and by hashing (many) agree.
    #[test]
    fn first_seen_codes_few_and_many() {
        let few = [Some("b"), None, Some("a"), Some("b")];
        assert_eq!(
            first_seen_codes(few.into_iter()),
            (vec!["b", "a"], vec![0, MISSING, 1, 0])
        );
        let labels: Vec<String> = (0..40).map(|k| format!("v{}", (k * 7) % 20)).collect();
        let cells: Vec<Option<&str>> = labels.iter().map(|s| Some(s.as_str())).collect();
        let (seen, codes) = first_seen_codes(cells.iter().copied());
        assert_eq!(seen.len(), 20);
        for (cell, &c) in cells.iter().zip(&codes) {
            assert_eq!(Some(seen[c as usize]), *cell);
        }
    }

    /// Few values (linear search) and many (sorted) give the same answer: ascending, once each.
    #[test]
    fn distinct_numbers_few_and_many() {
        let few = [1.0, 0.0, 1.0, -0.0, 0.0, 1.0];
        assert_eq!(distinct_numbers(few.into_iter()), [0.0, 1.0]);
        let many: Vec<f64> = (0..40).map(|k| f64::from((k * 7) % 20)).collect();
        let expected: Vec<f64> = (0..20).map(f64::from).collect();
        assert_eq!(distinct_numbers(many.into_iter()), expected);
        assert!(distinct_numbers(std::iter::empty()).is_empty());
    }
}
