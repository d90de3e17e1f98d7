//! How a file is read and how its columns are typed: the defaults follow R's `read.csv`
//! (comma, double quotes, empty and `NA` cells missing) widened to the tokens clinical
//! spreadsheets use for "not recorded".

use std::collections::BTreeMap;

/// The missing-value tokens used unless told otherwise: empty, `NA`, `N/A`, `NaN`, `.`, `-`,
/// `null`. Cells are trimmed of surrounding whitespace before the comparison.
pub const DEFAULT_NA_TOKENS: [&str; 7] = ["", "NA", "N/A", "NaN", ".", "-", "null"];

/// A type declared for a column, overriding inference.
#[derive(Debug, Clone, PartialEq)]
pub enum Declared {
    /// Every present value must be a number ([`crate::IngestError::NonNumeric`] otherwise).
    Continuous,
    /// A categorical variable (numbers are kept as their text). `reference` is the level that
    /// treatment coding leaves out; `None` takes R's `factor()` default, the first level in
    /// sorted order.
    Categorical { reference: Option<String> },
    /// A two-level variable stored as 0/1 with `event` coded 1. `None` accepts 0/1, no/yes and
    /// false/true (any case), with the second of each pair as 1.
    Binary { event: Option<String> },
    /// Free text (an identifier, a comment): never a model term.
    Text,
}

/// Options of [`crate::read_table`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// Field delimiter; `None` detects it among comma, semicolon and tab (`.tsv` means tab).
    pub delimiter: Option<u8>,
    /// Cells (after trimming) that mean "missing".
    pub na_tokens: Vec<String>,
    /// Read `1,23` as 1.23 (needs a semicolon or tab delimiter).
    pub decimal_comma: bool,
    /// Worksheet of an Excel file; `None` is the first sheet.
    pub sheet: Option<String>,
    /// Declared column types; undeclared columns are inferred (and the inference reported).
    pub types: BTreeMap<String, Declared>,
    /// A column whose values must be unique (patient id).
    pub id_column: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: None,
            na_tokens: DEFAULT_NA_TOKENS.iter().map(|s| s.to_string()).collect(),
            decimal_comma: false,
            sheet: None,
            types: BTreeMap::new(),
            id_column: None,
        }
    }
}
