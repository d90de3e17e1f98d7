//! Delimited text (CSV, TSV): plain records natively, anything else through polars.
//!
//! The first 1,000 records are read as text to decide which columns look numeric. Plain records
//! (one line each, quotes only around whole fields: [`read_plain_records`]) are then read in
//! parallel straight into typed columns. Otherwise every record's shape is checked (ragged rows
//! named by row number) and polars parses the file with the numeric-looking columns as `Float64`
//! and the others as text. If polars refuses a value in a numeric column (a typo far down the
//! file, spaces around a number), the file is read again with every column as text and typed
//! cell by cell, which names the offending row.

use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::*;

use crate::column::{Column, Origin, clean_cell, parse_number, type_numbers, type_text_cells};
use crate::error::IngestError;
use crate::options::{Declared, ReadOptions};
use crate::plain_records::read_plain_records;
use rayon::prelude::*;

use crate::text::{clean_text, detect_delimiter, header_names, leading_records, scan_records};

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
    read_with(file, bytes, default_delimiter, options, true)
}

/// [`read_delimited`], the plain-records path tried only when `try_plain` (the tests compare the
/// two paths).
fn read_with(
    file: &str,
    bytes: &[u8],
    default_delimiter: Option<u8>,
    options: &ReadOptions,
    try_plain: bool,
) -> Result<Delimited, IngestError> {
    let text = clean_text(file, bytes)?;
    let body = text.as_bytes();
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
    let origin = Origin { file, first_row: 2 };
    let numeric = match numeric_columns(file, body, delimiter, &names, options) {
        Ok(numeric) => numeric,
        Err(e) => {
            // polars refuses a ragged sample without a row number: the scan names the row
            scan_records(file, body, delimiter, names.len())?;
            return Err(e);
        }
    };
    if try_plain
        && let Some(read) = read_plain_records(text, delimiter, &names, &numeric, options, &origin)
    {
        let (columns, n_rows) = read?;
        return Ok(Delimited {
            columns,
            n_rows,
            delimiter,
        });
    }
    // The record scan first: a ragged row is reported with its row number.
    let n_rows = scan_records(file, body, delimiter, names.len())?;
    Ok(Delimited {
        columns: parse_and_type(file, body, delimiter, &names, &numeric, options, &origin)?,
        n_rows,
        delimiter,
    })
}

/// Which columns look numeric: a text sample of the leading records, read by polars, where every
/// present cell parses as a finite number (columns declared categorical, binary or text never).
fn numeric_columns(
    file: &str,
    body: &[u8],
    delimiter: u8,
    names: &[String],
    options: &ReadOptions,
) -> Result<Vec<bool>, IngestError> {
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
    Ok(names
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
        .collect())
}

/// Parses with polars, `numeric` columns as `Float64`, and types the columns.
fn parse_and_type(
    file: &str,
    body: &[u8],
    delimiter: u8,
    names: &[String],
    numeric: &[bool],
    options: &ReadOptions,
    origin: &Origin<'_>,
) -> Result<Vec<Column>, IngestError> {
    let all_text = vec![DataType::String; names.len()];
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
    match fast.and_then(|frame| type_frame(&frame, names, options, origin)) {
        Some(columns) => columns,
        None => {
            let frame = polars_read(body, delimiter, names, &all_text, options, None)
                .map_err(|e| format_error(file, e))?;
            type_frame(&frame, names, options, origin).unwrap_or_else(|| Err(internal(file)))
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
        clean_cell(cell, &options.na_tokens)
            .is_none_or(|t| parse_number(t, options.decimal_comma).is_some_and(f64::is_finite))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Both paths on the same bytes: `(plain, general)`.
    fn both(text: &str, options: &ReadOptions) -> [Result<Delimited, IngestError>; 2] {
        [true, false].map(|plain| read_with("t.csv", text.as_bytes(), None, options, plain))
    }

    /// `true` when the plain-records path takes `text` (rather than giving way).
    fn is_plain(text: &str, options: &ReadOptions) -> bool {
        let body = clean_text("t.csv", text.as_bytes()).unwrap();
        let delimiter = detect_delimiter(body.as_bytes());
        let names = header_names("t.csv", body.as_bytes(), delimiter).unwrap();
        let Ok(numeric) = numeric_columns("t.csv", body.as_bytes(), delimiter, &names, options)
        else {
            return false; // a sample polars refuses: the plain path is never tried
        };
        let origin = Origin {
            file: "t.csv",
            first_row: 2,
        };
        read_plain_records(body, delimiter, &names, &numeric, options, &origin).is_some()
    }

    fn assert_same(text: &str, options: &ReadOptions) {
        let [plain, general] = both(text, options);
        match (plain, general) {
            (Ok(p), Ok(g)) => {
                // (Debug text: NaN marks a missing number, and NaN != NaN)
                assert_eq!(
                    format!("{:?}", p.columns),
                    format!("{:?}", g.columns),
                    "{text}"
                );
                assert_eq!(p.n_rows, g.n_rows, "{text}");
            }
            (Err(p), Err(g)) => assert_eq!(format!("{p:?}"), format!("{g:?}"), "{text}"),
            (p, g) => panic!("{text}: plain {:?} vs general {:?}", p.is_ok(), g.is_ok()),
        }
    }

    /// Plain records (quoted header and text, CRLF, missing tokens, padded numbers, exponents,
    /// long digit strings, a sign) read natively give the general path's columns.
    #[test]
    fn plain_records_type_as_the_general_path() {
        let options = ReadOptions::default();
        let text = "\"id\",\"x\",\"grp\",\"y\"\r\n\
                    1,-1.0798,\"a\",0\r\n\
                    2,NA,\"b\",1\r\n\
                    3, 2.5 ,\"a\",\r\n\
                    4,1e-3,\"\",1\r\n\
                    5,+0.25,b,0\r\n\
                    6,3.14159265358979323,\"a\",1\r\n\
                    7,-0,\"b\",0";
        assert!(is_plain(text, &options));
        assert_same(text, &options);
        // many rows, so that the records are cut into several chunks
        let mut long = String::from("a;b;c\n");
        for i in 0..5000u32 {
            let b = if i % 97 == 0 { "." } else { "7" };
            long.push_str(&format!(
                "{};{b};{}\n",
                f64::from(i) / 8.0 - 300.0,
                ["u", "v"][i as usize % 2]
            ));
        }
        assert!(is_plain(&long, &options));
        assert_same(&long, &options);
        // a missing-value token that is a number turns off the fused numeric reading only
        let tokens = ReadOptions {
            na_tokens: vec!["-99".into(), String::new()],
            ..ReadOptions::default()
        };
        let coded = "a,b\n1,-99\n2,3.5\n-99,4\n";
        assert!(is_plain(coded, &tokens));
        assert_same(coded, &tokens);
        // without the empty token, an empty text cell gives way (polars reads it as missing)
        let no_empty = ReadOptions {
            na_tokens: vec!["NA".into()],
            ..ReadOptions::default()
        };
        for text in ["c0,c1\n1,x\n2,\n3,y", "c0,c1\n1,\n,1e5\n1,a\n,x\nx,x\n"] {
            assert!(!is_plain(text, &no_empty), "{text}");
            assert_same(text, &no_empty);
        }
        assert!(is_plain("c0,c1\n1,x\n2,y", &no_empty));
    }

    /// Whatever is not plain gives way to the general path, which keeps its answer (and its
    /// errors, with their row numbers).
    #[test]
    fn other_records_give_way_to_the_general_path() {
        let options = ReadOptions::default();
        let mut late_typo = String::from("a,b\n");
        for i in 0..1500 {
            late_typo.push_str(&format!("{i},{}\n", if i == 1400 { "x1" } else { "1.5" }));
        }
        for text in [
            "a,b\n1,\"x,y\"\n2,z\n",
            "a,b\n1,\"say \"\"hi\"\"\"\n2,z\n",
            "a,b\n1,\"two\nlines\"\n2,z\n",
            "a,b\n1,2\n\n3,4\n",
            "a,b\n1,2\n3\n",
            "a,b\n1,2\n3,4,5\n",
            "a\n1\n\n2\n",
            late_typo.as_str(),
        ] {
            assert!(!is_plain(text, &options), "{text}");
            assert_same(text, &options);
        }
    }
}
