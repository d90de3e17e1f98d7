//! `nomo inspect FILE`: per column, the inferred type, missing and distinct counts, and
//! min/median/max or levels with counts. Parsing and printing only: the overview is
//! `nomo_ingest::Table::inspect`.

use std::path::PathBuf;

use nomo_ingest::{ColumnSummary, Inspection};

use crate::flags::{ReadArgs, load_path, print_json};

/// Arguments of `nomo inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Cohort table: CSV, TSV, Parquet or Excel (.xlsx).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Print the overview as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_path(&args.file, &args.read, global)?;
    let inspection = table.inspect();
    if args.json {
        print_json(&inspection)
    } else {
        print!("{}", render(&inspection));
        Ok(())
    }
}

/// A number in at most 6 significant digits, without trailing zeros.
fn short(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{x}");
    }
    let digits = 6 - 1 - (x.abs().log10().floor() as i32).clamp(-10, 5);
    let text = format!("{:.*}", digits.max(0) as usize, x);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn describe(c: &ColumnSummary) -> String {
    if let Some(levels) = &c.levels {
        levels
            .iter()
            .map(|l| format!("{} {}", l.level, l.count))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        match (c.min, c.median, c.max) {
            (Some(lo), Some(mid), Some(hi)) => {
                format!(
                    "min {}  median {}  max {}",
                    short(lo),
                    short(mid),
                    short(hi)
                )
            }
            _ => String::new(),
        }
    }
}

/// The human-readable table.
fn render(inspection: &Inspection) -> String {
    let mut out = format!(
        "{}: {} rows × {} columns{}\n",
        inspection.file,
        inspection.n_rows,
        inspection.n_columns,
        inspection
            .delimiter
            .as_ref()
            .map(|d| format!(", delimiter {d}"))
            .unwrap_or_default()
    );
    let width = inspection
        .columns
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    out.push_str(&format!(
        "{:<width$}  {:<11}  {:>7}  {:>8}  summary\n",
        "column", "type", "missing", "distinct"
    ));
    for c in &inspection.columns {
        out.push_str(&format!(
            "{:<width$}  {:<11}  {:>7}  {:>8}  {}\n",
            c.name,
            c.kind.as_str(),
            c.n_missing,
            c.n_distinct,
            describe(c)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_numbers() {
        assert_eq!(short(42.0), "42");
        assert_eq!(short(0.123456789), "0.123457");
        assert_eq!(short(1234.5678), "1234.57");
    }
}
