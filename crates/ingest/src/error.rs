//! Every way a cohort table can be refused, each carrying the file, the row (1-based as a
//! spreadsheet counts them: the header is row 1, the first data row is row 2), the column and the
//! offending value where there is one.

use thiserror::Error;

/// Why a table could not be read, typed, derived from or turned into analysis data.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{file}: no such file")]
    NotFound { file: String },
    /// The operating system refused to read the file.
    #[error("{file}: cannot read: {message}")]
    Io { file: String, message: String },
    /// The file is not text: invalid UTF-8 or binary content (a NUL byte).
    #[error("{file}: not a text file (row {row}: {reason})")]
    NotText {
        file: String,
        row: usize,
        reason: String,
    },
    /// The extension names no format nomo reads.
    #[error(
        "{file}: unsupported file type `.{extension}` (csv, tsv, txt, parquet, xlsx, xls, ods)"
    )]
    UnsupportedFormat { file: String, extension: String },
    /// Nothing but whitespace (or a byte-order mark).
    #[error("{file}: the file is empty")]
    Empty { file: String },
    /// A header and no data rows.
    #[error("{file}: the file has a header but no data rows")]
    HeaderOnly { file: String },
    /// A data row with a different number of fields than the header.
    #[error("{file}: row {row} has {found} fields, the header has {expected}")]
    Ragged {
        file: String,
        row: usize,
        expected: usize,
        found: usize,
    },
    /// A quoted field that never closes.
    #[error("{file}: row {row}: a quoted field is never closed")]
    UnclosedQuote { file: String, row: usize },
    /// Two columns with the same name.
    #[error("{file}: duplicate column name `{column}` (columns {first} and {second})")]
    DuplicateColumn {
        file: String,
        column: String,
        first: usize,
        second: usize,
    },
    /// A column name that the table does not have; `suggestions` are the nearest names.
    #[error("{file}: unknown column `{column}`{}", did_you_mean(suggestions))]
    UnknownColumn {
        file: String,
        column: String,
        suggestions: Vec<String>,
    },
    /// A value that is not a number in a column that must be numeric.
    #[error("{file}: row {row}, column `{column}`: `{value}` is not a number")]
    NonNumeric {
        file: String,
        row: usize,
        column: String,
        value: String,
    },
    /// An `inf` or `NaN` literal in the data (write missing values as empty or `NA`).
    #[error(
        "{file}: row {row}, column `{column}`: `{value}` is not a finite number (write missing values as empty or NA)"
    )]
    NonFinite {
        file: String,
        row: usize,
        column: String,
        value: String,
    },
    /// A binary outcome that does not have exactly two levels among the rows used.
    #[error("{file}: outcome `{column}` must have exactly two levels, found {} ({})", levels.len(), levels.join(", "))]
    OutcomeLevels {
        file: String,
        column: String,
        levels: Vec<String>,
    },
    /// The named event level does not occur in the outcome (or binary) column.
    #[error("{file}: event level `{event}` does not occur in `{column}` (levels: {})", levels.join(", "))]
    EventAbsent {
        file: String,
        column: String,
        event: String,
        levels: Vec<String>,
    },
    /// A survival status value outside the codes in use (`expected` lists them).
    #[error(
        "{file}: row {row}, column `{column}`: status `{value}` is not one of the codes {expected}"
    )]
    StatusCode {
        file: String,
        row: usize,
        column: String,
        value: String,
        expected: String,
    },
    /// A missing, zero or negative survival time.
    #[error(
        "{file}: row {row}, column `{column}`: survival time `{value}` must be present and positive"
    )]
    SurvivalTime {
        file: String,
        row: usize,
        column: String,
        value: String,
    },
    /// The declared id column repeats a value.
    #[error("{file}: row {row}, column `{column}`: id `{value}` already used in row {first_row}")]
    DuplicateId {
        file: String,
        row: usize,
        first_row: usize,
        column: String,
        value: String,
    },
    /// A derived-variable expression that cannot be parsed or typed; `position` is the character
    /// offset (0-based) of the caret.
    #[error("{message}\n  {expression}\n  {}^", " ".repeat(*position))]
    Expression {
        expression: String,
        position: usize,
        message: String,
    },
    /// A column used in a way its type does not allow (text in arithmetic, a missing level).
    #[error("{file}: column `{column}`: {message}")]
    ColumnType {
        file: String,
        column: String,
        message: String,
    },
    /// Complete-case selection left no rows.
    #[error("{file}: no complete rows over {}", columns.join(", "))]
    NoCompleteRows { file: String, columns: Vec<String> },
    /// The named sheet is not in the workbook.
    #[error("{file}: no sheet `{sheet}` (sheets: {})", available.join(", "))]
    UnknownSheet {
        file: String,
        sheet: String,
        available: Vec<String>,
    },
    /// Conflicting read options (for example a decimal comma with a comma delimiter).
    #[error("invalid read options: {message}")]
    Options { message: String },
    /// The underlying reader (polars, calamine) failed.
    #[error("{file}: {message}")]
    Format { file: String, message: String },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
        format!("; did you mean {}?", names.join(" or "))
    }
}
