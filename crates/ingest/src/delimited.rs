//! Delimited text (CSV, TSV) through polars.
//!
//! Fast path: the first 1,000 records are read as text to decide which columns look numeric;
//! the whole file is then parsed by polars with those columns as `Float64` and the others as
//! text. If polars refuses a value in a numeric column (a typo far down the file, spaces around
//! a number), the file is read again with every column as text and typed cell by cell, which
//! names the offending row.

use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::*;

use crate::column::{Column, Origin, parse_number, type_numbers, type_text_cells};
use crate::error::IngestError;
use crate::options::{Declared, ReadOptions};
use crate::text::{clean_bytes, detect_delimiter, header_names, scan_records};

/// Rows sampled to choose the numeric columns of the fast path.
const SAMPLE_ROWS: usize = 1000;

/// A read and typed delimited file.
pub(crate) struct Delimited {
    pub columns: Vec<Column>,
    pub n_rows: usize,
    pub delimiter: u8,
}

pub(crate) fn read_delimited(
    file: &str,
    bytes: &[u8],
    default_delimiter: Option<u8>,
    options: &ReadOptions,
) -> Result<Delimited, IngestError> {
    let body = clean_bytes(file, bytes)?;
    let delimiter = options
        .delimiter
        .or(default_delimiter)
        .unwrap_or_else(|| detect_delimiter(body));
    if options.decimal_comma && delimiter == b',' {
        return Err(IngestError::Options {
            message: "a decimal comma needs a semicolon or tab delimiter".into(),
        });
    }
    let names = header_names(file, body, delimiter)?;
    let n_rows = scan_records(file, body, delimiter, names.len())?;
    let origin = Origin { file, first_row: 2 };

    let all_text = vec![DataType::String; names.len()];
    let sample = polars_read(
        body,
        delimiter,
        &names,
        &all_text,
        options,
        Some(SAMPLE_ROWS),
    )
    .map_err(|e| format_error(file, e))?;
    let numeric: Vec<bool> = names
        .iter()
        .zip(sample.columns())
        .map(|(name, col)| {
            let declared = options.types.get(name);
            let wants_text = matches!(
                declared,
                Some(Declared::Categorical { .. } | Declared::Text | Declared::Binary { .. })
            );
            !wants_text && sample_is_numeric(col, options)
        })
        .collect();
    drop(sample);
    let dtypes: Vec<DataType> = numeric
        .iter()
        .map(|&n| {
            if n {
                DataType::Float64
            } else {
                DataType::String
            }
        })
        .collect();
    let fast = polars_read(body, delimiter, &names, &dtypes, options, None).ok();
    let columns = match fast.and_then(|frame| type_frame(&frame, &names, options, &origin)) {
        Some(columns) => columns,
        None => {
            let frame = polars_read(body, delimiter, &names, &all_text, options, None)
                .map_err(|e| format_error(file, e))?;
            type_frame(&frame, &names, options, &origin).unwrap_or_else(|| Err(internal(file)))
        }
    }?;
    Ok(Delimited {
        columns,
        n_rows,
        delimiter,
    })
}

fn internal(file: &str) -> IngestError {
    IngestError::Format {
        file: file.to_string(),
        message: "the text path could not type the columns".into(),
    }
}

fn format_error(file: &str, e: PolarsError) -> IngestError {
    IngestError::Format {
        file: file.to_string(),
        message: e.to_string(),
    }
}

/// `true` when every present sampled cell of a text column parses as a number.
fn sample_is_numeric(col: &polars::prelude::Column, options: &ReadOptions) -> bool {
    let Ok(strings) = col.str() else {
        return false;
    };
    strings.iter().flatten().all(|cell| {
        let t = cell.trim();
        options.na_tokens.iter().any(|tok| tok == t)
            || parse_number(t, options.decimal_comma).is_some_and(f64::is_finite)
    })
}

fn polars_read(
    body: &[u8],
    delimiter: u8,
    names: &[String],
    dtypes: &[DataType],
    options: &ReadOptions,
    n_rows: Option<usize>,
) -> PolarsResult<DataFrame> {
    let schema: Schema = names
        .iter()
        .zip(dtypes)
        .map(|(n, d)| Field::new(n.as_str().into(), d.clone()))
        .collect();
    let null_values = NullValues::AllColumns(
        options
            .na_tokens
            .iter()
            .map(|t| t.as_str().into())
            .collect(),
    );
    CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_n_rows(n_rows)
        .with_rechunk(true)
        .with_parse_options(
            CsvParseOptions::default()
                .with_separator(delimiter)
                .with_null_values(Some(null_values))
                .with_decimal_comma(options.decimal_comma),
        )
        .into_reader_with_file_handle(Cursor::new(body))
        .finish()
}

/// Types every column of a frame. `None` when the fast path must give way to the text path (a
/// non-finite number, which the text path reports with the cell as written).
fn type_frame(
    frame: &DataFrame,
    names: &[String],
    options: &ReadOptions,
    origin: &Origin<'_>,
) -> Option<Result<Vec<Column>, IngestError>> {
    let mut out = Vec::with_capacity(names.len());
    for (name, col) in names.iter().zip(frame.columns()) {
        let declared = options.types.get(name);
        let typed = match col.dtype() {
            DataType::Float64 => {
                let values: Vec<f64> = col
                    .f64()
                    .ok()?
                    .iter()
                    .map(|x| x.unwrap_or(f64::NAN))
                    .collect();
                if values.iter().any(|x| x.is_infinite()) || has_nan_literal(col) {
                    return None;
                }
                type_numbers(name, values, declared, origin)
            }
            _ => {
                let strings = col.str().ok()?;
                type_text_cells(
                    name,
                    strings.iter(),
                    &options.na_tokens,
                    options.decimal_comma,
                    declared,
                    origin,
                )
            }
        };
        match typed {
            Ok(c) => out.push(c),
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(out))
}

/// A NaN parsed from the file (as opposed to a null) means a `NaN` literal outside the
/// missing-value tokens.
fn has_nan_literal(col: &polars::prelude::Column) -> bool {
    col.f64()
        .map(|c| c.iter().flatten().any(f64::is_nan))
        .unwrap_or(false)
}
