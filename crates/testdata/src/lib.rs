//! Test support for the nomo crates (a dev-dependency only; never a dependency of library code).
//!
//! Reads the shipped cohorts in the workspace's `data/` folder with a deliberately small CSV
//! reader (RFC 4180 quoting, empty cell = missing), independent of `nomo-ingest`, so that the
//! statistical crates can be tested against R without depending on polars; and loads the R
//! reference JSON copied into `crates/testdata/reference/`.

use std::path::PathBuf;

/// The workspace root (two levels above this crate's manifest).
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Path of a file in the workspace's `data/` folder.
pub fn data_path(file: &str) -> PathBuf {
    workspace_root().join("data").join(file)
}

/// A CSV file as text cells; `None` is an empty or `NA` cell.
#[derive(Debug, Clone)]
pub struct Csv {
    pub names: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
}

/// Splits one CSV line into cells, honouring double quotes (`""` inside quotes is a quote).
fn split_line(line: &str) -> Vec<Option<String>> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => {
                quoted = !quoted;
                was_quoted = true;
            }
            (',', false) => {
                cells.push(finish(&mut cell, &mut was_quoted));
            }
            _ => cell.push(c),
        }
    }
    cells.push(finish(&mut cell, &mut was_quoted));
    cells
}

fn finish(cell: &mut String, was_quoted: &mut bool) -> Option<String> {
    let text = std::mem::take(cell);
    let quoted = std::mem::replace(was_quoted, false);
    if !quoted && (text.is_empty() || text == "NA") {
        None
    } else {
        Some(text)
    }
}

/// Reads `data/<file>`; panics with the path on failure (test code only).
pub fn read_csv(file: &str) -> Csv {
    let path = data_path(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let names = split_line(lines.next().expect("header"))
        .into_iter()
        .map(|c| c.unwrap_or_default())
        .collect();
    let rows = lines.map(split_line).collect();
    Csv { names, rows }
}

impl Csv {
    fn index(&self, column: &str) -> usize {
        self.names
            .iter()
            .position(|n| n == column)
            .unwrap_or_else(|| panic!("no column {column}"))
    }

    /// A column as text cells.
    pub fn text(&self, column: &str) -> Vec<Option<String>> {
        let j = self.index(column);
        self.rows.iter().map(|r| r[j].clone()).collect()
    }

    /// A column parsed as numbers; `None` where missing. Panics on a non-numeric cell.
    pub fn num(&self, column: &str) -> Vec<Option<f64>> {
        self.text(column)
            .into_iter()
            .map(|c| {
                c.map(|s| {
                    s.parse::<f64>()
                        .unwrap_or_else(|_| panic!("{column}: not a number: {s}"))
                })
            })
            .collect()
    }

    /// A column with no missing values, as numbers. Panics if any cell is missing.
    pub fn num_complete(&self, column: &str) -> Vec<f64> {
        self.num(column)
            .into_iter()
            .map(|v| v.unwrap_or_else(|| panic!("{column}: missing value")))
            .collect()
    }
}

/// Loads `crates/testdata/reference/<file>` (R's output, see the README there).
pub fn reference(file: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("reference")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JSON number, or `None` for R's ±Inf/NaN written as `null`.
pub fn num(value: &serde_json::Value) -> Option<f64> {
    value.as_f64()
}

/// A JSON array of numbers (nulls become NaN, so that tests can treat them explicitly).
pub fn nums(value: &serde_json::Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// Asserts `actual` equals `expected` to a relative tolerance (absolute near zero).
#[track_caller]
pub fn assert_rel(actual: f64, expected: f64, rel: f64, what: &str) {
    let scale = expected.abs().max(1e-300);
    let ok = if expected == 0.0 {
        actual.abs() <= rel
    } else {
        ((actual - expected) / scale).abs() <= rel
    };
    assert!(
        ok,
        "{what}: got {actual:e}, R says {expected:e} (rel. tolerance {rel:e})"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_and_missing() {
        let cells = split_line(r#"1,"a ""b""",,NA,"NA",2.5"#);
        assert_eq!(
            cells,
            vec![
                Some("1".into()),
                Some("a \"b\"".into()),
                None,
                None,
                Some("NA".into()),
                Some("2.5".into())
            ]
        );
    }

    #[test]
    fn shipped_cohorts_have_their_sizes() {
        assert_eq!(read_csv("asah.csv").rows.len(), 113);
        assert_eq!(read_csv("lung.csv").rows.len(), 228);
        assert_eq!(read_csv("hcc_nomogram.csv").rows.len(), 78);
        let lung = read_csv("lung.csv");
        assert_eq!(
            lung.num("wt.loss").iter().filter(|v| v.is_none()).count(),
            14
        );
    }
}
