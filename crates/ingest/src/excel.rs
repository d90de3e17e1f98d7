//! Excel workbooks (`.xlsx`, `.xls`, `.ods`) through calamine: the first sheet or a named one.
//! The used range's first row is the header; cells are turned into text (numbers in their
//! shortest round-trip form, booleans as `TRUE`/`FALSE`, error cells such as `#DIV/0!` as
//! written) and typed like the cells of a CSV file, so a stray error cell in a numeric column is
//! reported with its row.

use calamine::{Data, Reader, open_workbook_auto};

use crate::column::{Column, Origin, type_text_cells};
use crate::error::IngestError;
use crate::options::ReadOptions;
use crate::text::check_unique;

/// A read and typed worksheet.
pub(crate) struct Sheet {
    pub columns: Vec<Column>,
    pub n_rows: usize,
    /// Spreadsheet row number of the first data row.
    pub first_row: usize,
}

fn cell_text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Float(x) => Some(format!("{x}")),
        Data::Int(i) => Some(format!("{i}")),
        Data::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        other => Some(other.to_string()),
    }
}

pub(crate) fn read_excel(
    file: &str,
    path: &std::path::Path,
    options: &ReadOptions,
) -> Result<Sheet, IngestError> {
    let format = |e: calamine::Error| IngestError::Format {
        file: file.to_string(),
        message: e.to_string(),
    };
    let mut workbook = open_workbook_auto(path).map_err(format)?;
    let sheets = workbook.sheet_names();
    let sheet = match &options.sheet {
        Some(s) if sheets.contains(s) => s.clone(),
        Some(s) => {
            return Err(IngestError::UnknownSheet {
                file: file.to_string(),
                sheet: s.clone(),
                available: sheets,
            });
        }
        None => sheets.first().cloned().ok_or_else(|| IngestError::Empty {
            file: file.to_string(),
        })?,
    };
    let range = workbook.worksheet_range(&sheet).map_err(format)?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = range.rows();
    let header = rows.next().ok_or_else(|| IngestError::Empty {
        file: file.to_string(),
    })?;
    let names: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(j, c)| match cell_text(c) {
            Some(n) if !n.trim().is_empty() => n.trim().to_string(),
            _ => format!("V{}", j + 1),
        })
        .collect();
    check_unique(file, &names)?;
    let mut body: Vec<Vec<Option<String>>> =
        rows.map(|r| r.iter().map(cell_text).collect()).collect();
    // trailing blank rows are not data
    while body.last().is_some_and(|r| {
        r.iter()
            .all(|c| c.as_ref().is_none_or(|t| t.trim().is_empty()))
    }) {
        body.pop();
    }
    if body.is_empty() {
        return Err(IngestError::HeaderOnly {
            file: file.to_string(),
        });
    }
    let origin = Origin {
        file,
        first_row: start_row + 2,
    };
    let columns = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            type_text_cells(
                name,
                body.iter().map(|r| r.get(j).and_then(|c| c.as_deref())),
                &options.na_tokens,
                options.decimal_comma,
                options.types.get(name),
                &origin,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Sheet {
        columns,
        n_rows: body.len(),
        first_row: start_row + 2,
    })
}
