//! Parquet files through polars. Numeric columns arrive typed (converted to `f64`), booleans
//! become the text levels `FALSE`/`TRUE` (as R reads a logical column into a model), strings
//! are typed like CSV cells, other types (dates) are read as their text.

use polars::prelude::*;

use crate::column::{Origin, type_numbers, type_text_cells};
use crate::error::IngestError;
use crate::options::ReadOptions;
use crate::table::Table;

pub(crate) fn read_parquet(
    file: &str,
    path: &std::path::Path,
    options: &ReadOptions,
) -> Result<Table, IngestError> {
    let format = |e: PolarsError| IngestError::Format {
        file: file.to_string(),
        message: e.to_string(),
    };
    let handle = std::fs::File::open(path).map_err(|e| IngestError::Io {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let frame = ParquetReader::new(handle).finish().map_err(format)?;
    if frame.width() == 0 {
        return Err(IngestError::Empty {
            file: file.to_string(),
        });
    }
    if frame.height() == 0 {
        return Err(IngestError::HeaderOnly {
            file: file.to_string(),
        });
    }
    let origin = Origin { file, first_row: 2 };
    let mut columns = Vec::with_capacity(frame.width());
    for col in frame.columns() {
        let name = col.name().to_string();
        let declared = options.types.get(&name);
        let typed = if col.dtype().is_primitive_numeric() {
            let cast = col.cast(&DataType::Float64).map_err(format)?;
            let values: Vec<f64> = cast
                .f64()
                .map_err(format)?
                .iter()
                .map(|x| x.unwrap_or(f64::NAN))
                .collect();
            if let Some(i) = cast
                .f64()
                .map_err(format)?
                .iter()
                .position(|x| x.is_some_and(|v| !v.is_finite()))
            {
                return Err(IngestError::NonFinite {
                    file: file.to_string(),
                    row: origin.first_row + i,
                    column: name,
                    value: format!("{}", values[i]),
                });
            }
            type_numbers(&name, values, declared, &origin)?
        } else if col.dtype() == &DataType::Boolean {
            let cells = col.bool().map_err(format)?;
            let text: Vec<Option<&str>> = cells
                .iter()
                .map(|b| b.map(|b| if b { "TRUE" } else { "FALSE" }))
                .collect();
            type_text_cells(&name, text.into_iter(), &[], false, declared, &origin)?
        } else {
            let cast = col.cast(&DataType::String).map_err(format)?;
            type_text_cells(
                &name,
                cast.str().map_err(format)?.iter(),
                &options.na_tokens,
                options.decimal_comma,
                declared,
                &origin,
            )?
        };
        columns.push(typed);
    }
    Ok(Table {
        file: file.to_string(),
        columns,
        n_rows: frame.height(),
        first_row: 2,
        delimiter: None,
    })
}
