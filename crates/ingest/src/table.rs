//! The typed table and [`read_table`], which dispatches on the file extension.

use std::path::Path;

use crate::column::{Column, VariableType};
use crate::delimited::read_delimited;
use crate::error::IngestError;
use crate::excel::read_excel;
use crate::options::ReadOptions;
use crate::suggest::nearest;

/// A cohort table: typed columns of equal length, with the inference that typed them.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub(crate) file: String,
    pub(crate) columns: Vec<Column>,
    pub(crate) n_rows: usize,
    pub(crate) first_row: usize,
    pub(crate) delimiter: Option<u8>,
}

/// Reads and types a cohort table: `.csv`/`.txt` (delimiter detected), `.tsv`/`.tab` (tab),
/// `.parquet`, `.xlsx`/`.xlsm`/`.xls`/`.ods` (first or named sheet). Undeclared columns are
/// typed by inference ([`Table::inference_report`] says how). Refuses, with the row and value,
/// everything [`IngestError`] lists.
pub fn read_table(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Table, IngestError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    if !path.exists() {
        return Err(IngestError::NotFound { file });
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let table = match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            let sheet = read_excel(&file, path, options)?;
            Table {
                file,
                columns: sheet.columns,
                n_rows: sheet.n_rows,
                first_row: sheet.first_row,
                delimiter: None,
            }
        }
        #[cfg(feature = "parquet")]
        "parquet" | "pq" => crate::parquet::read_parquet(&file, path, options)?,
        "csv" | "txt" | "tsv" | "tab" | "" => {
            let bytes = std::fs::read(path).map_err(|e| IngestError::Io {
                file: file.clone(),
                message: e.to_string(),
            })?;
            let default = matches!(extension.as_str(), "tsv" | "tab").then_some(b'\t');
            let read = read_delimited(&file, &bytes, default, options)?;
            Table {
                file,
                columns: read.columns,
                n_rows: read.n_rows,
                first_row: 2,
                delimiter: Some(read.delimiter),
            }
        }
        other => {
            return Err(IngestError::UnsupportedFormat {
                file,
                extension: other.to_string(),
            });
        }
    };
    for name in options.types.keys() {
        table.column(name)?;
    }
    if let Some(id) = &options.id_column {
        table.check_unique_ids(id)?;
    }
    Ok(table)
}

impl Table {
    /// The file the table was read from (as given).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Number of data rows (the header excluded).
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Number of columns.
    pub fn n_columns(&self) -> usize {
        self.columns.len()
    }

    /// The delimiter of a text file (`None` for Excel and Parquet).
    pub fn delimiter(&self) -> Option<char> {
        self.delimiter.map(char::from)
    }

    /// Column names in file order.
    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// All columns in file order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The spreadsheet row number (header = 1) of data row `i` (0-based).
    pub fn row_number(&self, i: usize) -> usize {
        self.first_row + i
    }

    /// The column called `name`; [`IngestError::UnknownColumn`] with the nearest names if none.
    pub fn column(&self, name: &str) -> Result<&Column, IngestError> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| IngestError::UnknownColumn {
                file: self.file.clone(),
                column: name.to_string(),
                suggestions: nearest(name, self.columns.iter().map(|c| c.name.as_str())),
            })
    }

    /// The values of a numeric column (`None` = missing); [`IngestError::ColumnType`] for text.
    pub fn numbers(&self, name: &str) -> Result<Vec<Option<f64>>, IngestError> {
        let column = self.column(name)?;
        column.numbers().ok_or_else(|| IngestError::ColumnType {
            file: self.file.clone(),
            column: name.to_string(),
            message: format!("is {}, not numeric", column.kind.as_str()),
        })
    }

    /// One line per column: its type and why (`age: integer (numeric, whole numbers)`), the
    /// inference that must never be silent.
    pub fn inference_report(&self) -> String {
        self.columns
            .iter()
            .map(|c| {
                let how = if c.declared { "declared" } else { "inferred" };
                format!("{}: {} ({how}: {})", c.name, c.kind.as_str(), c.reason)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Columns of a given type, in file order.
    pub fn columns_of(&self, kind: VariableType) -> Vec<&Column> {
        self.columns.iter().filter(|c| c.kind == kind).collect()
    }

    fn check_unique_ids(&self, id: &str) -> Result<(), IngestError> {
        let column = self.column(id)?;
        let mut seen = std::collections::HashMap::new();
        for i in 0..self.n_rows {
            let Some(value) = column.text(i) else {
                continue;
            };
            if let Some(&first) = seen.get(&value) {
                return Err(IngestError::DuplicateId {
                    file: self.file.clone(),
                    row: self.row_number(i),
                    first_row: self.row_number(first),
                    column: id.to_string(),
                    value,
                });
            }
            seen.insert(value, i);
        }
        Ok(())
    }
}
