//! `nomo describe --data F --by COL [--vars a,b,...] [--json | --markdown | --csv]`: Table 1.
//!
//! Thin: reads the table, hands each raw column (not a complete-case design) to
//! `nomo_describe::table_one` and prints its result: `--json` the serialized `TableOne`,
//! otherwise a publication table ("55.7 ± 9.0", "3.9 (2.7, 5.3)", "66 (84.6%)", p as
//! "<0.001" below 0.001) as text, Markdown or CSV. Numeric columns are continuous unless
//! they are 0/1 or declared `--categorical`; text columns are categorical; identifier-like
//! text columns are skipped unless named in `--vars`.

use anyhow::{Context, bail};
use nomo_describe::{
    CategoricalRow, ContinuousRow, Display, Row, TableOne, TableOneParams, TestKind, Variable,
    table_one,
};
use nomo_ingest::{Column, Table, VariableType};

use crate::flags::{DataArgs, load_table, notice, print_json};

/// Arguments of `nomo describe`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Grouping column (two or more groups).
    #[arg(long, value_name = "COL")]
    pub by: String,
    /// Variables to describe, comma-separated (default: every column but the grouping one
    /// and identifier-like text columns).
    #[arg(long, value_name = "COLS", value_delimiter = ',')]
    pub vars: Option<Vec<String>>,
    /// Summary of continuous rows: `auto` (Shapiro–Wilk p < 0.05 → median (Q1, Q3)),
    /// `mean` or `median`.
    #[arg(long, value_name = "RULE", default_value = "auto")]
    pub summary: SummaryRule,
    /// Print the result as JSON.
    #[arg(long, group = "format")]
    pub json: bool,
    /// Print the table as Markdown.
    #[arg(long, group = "format")]
    pub markdown: bool,
    /// Print the table as CSV.
    #[arg(long, group = "format")]
    pub csv: bool,
}

/// How continuous rows choose their summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryRule {
    Auto,
    Mean,
    Median,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let by = table.column(&args.by)?;
    let groups: Vec<Option<String>> = (0..table.n_rows()).map(|i| by.text(i)).collect();
    let names: Vec<String> = match &args.vars {
        Some(v) => v.iter().map(|s| s.trim().to_string()).collect(),
        None => table
            .columns()
            .iter()
            .filter(|c| c.name != args.by && c.kind != VariableType::Text)
            .map(|c| c.name.clone())
            .collect(),
    };
    if names.is_empty() {
        bail!("no variables to describe");
    }
    let display = match args.summary {
        SummaryRule::Auto => None,
        SummaryRule::Mean => Some(Display::MeanSd),
        SummaryRule::Median => Some(Display::MedianIqr),
    };
    let variables = names
        .iter()
        .map(|name| {
            let column = table.column(name)?;
            let mut v = variable(&table, column);
            v.display = display;
            Ok(v)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let result =
        table_one(&args.by, &groups, &variables, &TableOneParams::default()).context("Table 1")?;
    if result.n_missing_group > 0 {
        notice(
            global,
            format!(
                "{} row(s) without a value of {} left out",
                result.n_missing_group, args.by
            ),
        );
    }
    if result.groups.len() < 2 {
        notice(
            global,
            format!(
                "{} has {} group(s): no between-group test is computable",
                args.by,
                result.groups.len()
            ),
        );
    }
    if args.json {
        return print_json(&result);
    }
    let cells = cells(&result);
    let out = if args.markdown {
        markdown(&cells)
    } else if args.csv {
        csv(&cells)
    } else {
        text(&cells)
    };
    print!("{out}");
    if !args.csv {
        print!("{}", footnotes(&result));
    }
    Ok(())
}

/// A raw column as a Table 1 variable: numbers stay continuous unless 0/1 or declared
/// categorical; everything else is categorical text.
fn variable(table: &Table, column: &Column) -> Variable {
    let numeric = column.is_numeric()
        && matches!(
            column.kind,
            VariableType::Continuous | VariableType::Integer
        );
    if numeric {
        Variable::continuous(
            column.name.clone(),
            (0..table.n_rows()).map(|i| column.number(i)).collect(),
        )
    } else {
        Variable::categorical(
            column.name.clone(),
            (0..table.n_rows()).map(|i| column.text(i)).collect(),
        )
    }
}

/// Decimals that show a spread of `s` with two significant digits (1 to 4).
fn decimals(s: Option<f64>) -> usize {
    match s {
        Some(s) if s > 0.0 && s.is_finite() => (1 - s.log10().floor() as i64).clamp(1, 4) as usize,
        _ => 1,
    }
}

fn num(x: Option<f64>, d: usize) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.d$}"))
}

/// p as printed in a paper: "<0.001" below 0.001, else three decimals.
fn p_text(p: Option<f64>) -> String {
    match p {
        None => "—".into(),
        Some(p) if p < 0.001 => "<0.001".into(),
        Some(p) => format!("{p:.3}"),
    }
}

fn short_test(t: TestKind) -> &'static str {
    match t {
        TestKind::WelchT => "Welch t",
        TestKind::StudentT => "Student t",
        TestKind::Wilcoxon => "Wilcoxon",
        TestKind::Anova => "ANOVA",
        TestKind::KruskalWallis => "Kruskal–Wallis",
        TestKind::ChiSquare => "χ²",
        TestKind::Fisher => "Fisher",
    }
}

/// The table as cells: a header row, then one or more rows per variable.
fn cells(t: &TableOne) -> Vec<Vec<String>> {
    let mut header = vec!["Variable".to_string(), format!("Overall (n = {})", t.n)];
    header.extend(
        t.groups
            .iter()
            .map(|g| format!("{} (n = {})", g.label, g.n)),
    );
    header.extend(["p".to_string(), "Test".to_string(), "SMD".to_string()]);
    let mut rows = vec![header];
    let k = t.groups.len();
    for row in &t.rows {
        match row {
            Row::Continuous(c) => continuous_cells(c, k, &mut rows),
            Row::Categorical(c) => categorical_cells(c, k, &mut rows),
        }
    }
    rows
}

fn continuous_cells(c: &ContinuousRow, k: usize, rows: &mut Vec<Vec<String>>) {
    let (label, spread) = match c.display {
        Display::MeanSd => ("mean ± SD", c.overall.sd),
        Display::MedianIqr => (
            "median (Q1, Q3)",
            c.overall.q3.zip(c.overall.q1).map(|(a, b)| a - b),
        ),
    };
    let d = decimals(spread);
    let fmt = |s: &nomo_describe::Summary| -> String {
        if s.n == 0 {
            return "—".into();
        }
        match c.display {
            Display::MeanSd => format!("{} ± {}", num(s.mean, d), num(s.sd, d)),
            Display::MedianIqr => {
                format!("{} ({}, {})", num(s.median, d), num(s.q1, d), num(s.q3, d))
            }
        }
    };
    let mut line = vec![format!("{}, {label}", c.variable), fmt(&c.overall)];
    line.extend(c.groups.iter().map(|g| fmt(&g.summary)));
    line.extend([p_text(c.p), short_test(c.test).to_string(), num(c.smd, 3)]);
    rows.push(line);
    if c.overall.n_missing > 0 {
        let mut m = vec!["  missing".to_string(), c.overall.n_missing.to_string()];
        m.extend(c.groups.iter().map(|g| g.summary.n_missing.to_string()));
        m.extend(std::iter::repeat_n(String::new(), 3));
        rows.push(m);
    }
    debug_assert_eq!(rows.last().map(Vec::len), Some(k + 5));
}

fn categorical_cells(c: &CategoricalRow, k: usize, rows: &mut Vec<Vec<String>>) {
    let mut head = vec![format!("{}, n (%)", c.variable), String::new()];
    head.extend(std::iter::repeat_n(String::new(), k));
    head.extend([p_text(c.p), short_test(c.test).to_string(), num(c.smd, 3)]);
    rows.push(head);
    let count = |n: u64, pct: Option<f64>| match pct {
        Some(p) => format!("{n} ({p:.1}%)"),
        None => n.to_string(),
    };
    for l in &c.levels {
        let mut line = vec![format!("  {}", l.level), count(l.n, l.pct)];
        line.extend(l.groups.iter().map(|g| count(g.n, g.pct)));
        line.extend(std::iter::repeat_n(String::new(), 3));
        rows.push(line);
    }
    if c.n_missing > 0 {
        let mut m = vec!["  missing".to_string(), c.n_missing.to_string()];
        m.extend(c.n_missing_by_group.iter().map(usize::to_string));
        m.extend(std::iter::repeat_n(String::new(), 3));
        rows.push(m);
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn text(cells: &[Vec<String>]) -> String {
    let cols = cells.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|j| cells.iter().map(|r| width(&r[j])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, r) in cells.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(j, (c, w))| {
                let pad = " ".repeat(w - width(c));
                if j == 0 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let total = widths.iter().sum::<usize>() + 2 * (cols.saturating_sub(1));
            out.push_str(&"─".repeat(total));
            out.push('\n');
        }
    }
    out
}

fn markdown(cells: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, r) in cells.iter().enumerate() {
        let escaped: Vec<String> = r
            .iter()
            .map(|c| c.replace('|', "\\|").replace("  ", "&nbsp;&nbsp;"))
            .collect();
        out.push_str(&format!("| {} |\n", escaped.join(" | ")));
        if i == 0 {
            let align: Vec<&str> = (0..r.len())
                .map(|j| if j == 0 { ":---" } else { "---:" })
                .collect();
            out.push_str(&format!("| {} |\n", align.join(" | ")));
        }
    }
    out
}

fn csv(cells: &[Vec<String>]) -> String {
    let quote = |c: &str| {
        let c = c.trim_start();
        if c.contains([',', '"', '\n']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    cells
        .iter()
        .map(|r| r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",") + "\n")
        .collect()
}

/// Which summary each row shows, what is not computable and why.
fn footnotes(t: &TableOne) -> String {
    let mut out = String::from(
        "\nContinuous: mean ± SD when Shapiro–Wilk p ≥ 0.05 on the whole column, else median (Q1, Q3).\n\
         p: Welch t or Wilcoxon rank-sum (2 groups), ANOVA or Kruskal–Wallis (k groups); χ², or Fisher's exact test when an expected count is < 5.\n",
    );
    for row in &t.rows {
        let (name, notes) = match row {
            Row::Continuous(c) => (&c.variable, &c.notes),
            Row::Categorical(c) => (&c.variable, &c.notes),
        };
        for n in notes {
            out.push_str(&format!("{name}: {n}\n"));
        }
    }
    out
}
