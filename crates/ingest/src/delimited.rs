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
use rayon::prelude::*;

use crate::text::{clean_bytes, detect_delimiter, header_names, leading_records, scan_records};

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
    // The record scan first: a ragged row is reported with its row number.
    let n_rows = scan_records(file, body, delimiter, names.len())?;
    Ok(Delimited {
        columns: parse_and_type(file, body, delimiter, &names, options)?,
        n_rows,
        delimiter,
    })
}

/// Parses with polars (a text sample first, to choose numeric columns) and types the columns.
fn parse_and_type(
    file: &str,
    body: &[u8],
    delimiter: u8,
    names: &[String],
    options: &ReadOptions,
) -> Result<Vec<Column>, IngestError> {
    let origin = Origin { file, first_row: 2 };

    let all_text = vec![DataType::String; names.len()];
    let sample = polars_read(
        leading_records(body, SAMPLE_ROWS),
        delimiter,
        names,
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
    let fast = polars_read(body, delimiter, names, &dtypes, options, None).ok();
    match fast.and_then(|frame| type_frame(&frame, names, options, &origin)) {
        Some(columns) => columns,
        None => {
            let frame = polars_read(body, delimiter, names, &all_text, options, None)
                .map_err(|e| format_error(file, e))?;
            type_frame(&frame, names, options, &origin).unwrap_or_else(|| Err(internal(file)))
        }
    }
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

/// Types every column of a frame, the columns in parallel (rayon; the result is in column
/// order whatever the thread count). `None` when the fast path must give way to the text path
/// (a non-finite number, which the text path reports with the cell as written).
fn type_frame(
    frame: &DataFrame,
    names: &[String],
    options: &ReadOptions,
    origin: &Origin<'_>,
) -> Option<Result<Vec<Column>, IngestError>> {
    let typed: Vec<Option<Result<Column, IngestError>>> = names
        .par_iter()
        .zip(frame.columns().par_iter())
        .map(|(name, col)| type_one(name, col, options, origin))
        .collect();
    typed
        .into_iter()
        .collect::<Option<Result<Vec<Column>, IngestError>>>()
}

/// Types one column of the fast path (see [`type_frame`]).
fn type_one(
    name: &str,
    col: &polars::prelude::Column,
    options: &ReadOptions,
    origin: &Origin<'_>,
) -> Option<Result<Column, IngestError>> {
    let declared = options.types.get(name);
    Some(match col.dtype() {
        DataType::Float64 => {
            let chunked = col.f64().ok()?;
            let mut values = Vec::with_capacity(chunked.len());
            for x in chunked.iter() {
                match x {
                    // a NaN parsed from the file (not a null) is a `NaN` literal outside the
                    // missing-value tokens; ±inf likewise goes to the text path's error
                    Some(v) if !v.is_finite() => return None,
                    Some(v) => values.push(v),
                    None => values.push(f64::NAN),
                }
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
    })
}
