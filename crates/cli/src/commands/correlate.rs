//! `nomo correlate --data F --x COLS --y COLS [--method spearman|pearson]
//! [--adjust bh|holm|bonferroni] [--json]`: a correlation screen of every x column against
//! every y column (complete pairs each), with p-values adjusted over all pairs. Spearman
//! p-values use the t approximation, as R's `cor.test(method = "spearman", exact = FALSE)`.
//! A column list item ending in `*` selects every column with that prefix (`rad_*`).

use anyhow::bail;
use nomo_describe::{Column, CorrelationMethod, PAdjust, ScreenPair, correlation_screen};
use nomo_ingest::Table;

use crate::flags::{DataArgs, load_table, notice, print_json};

/// Arguments of `nomo correlate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// First set of columns (e.g. imaging features), comma-separated; `prefix*` allowed.
    #[arg(long, value_name = "COLS", value_delimiter = ',')]
    pub x: Vec<String>,
    /// Second set of columns (e.g. markers), comma-separated; `prefix*` allowed.
    #[arg(long, value_name = "COLS", value_delimiter = ',')]
    pub y: Vec<String>,
    /// Correlation coefficient.
    #[arg(long, value_enum, default_value = "spearman")]
    pub method: Method,
    /// p-value adjustment shown in the table (all three are in the JSON).
    #[arg(long, value_enum, default_value = "bh")]
    pub adjust: Adjust,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    Spearman,
    Pearson,
}

/// `--adjust`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Adjust {
    Bh,
    Holm,
    Bonferroni,
}

fn columns(table: &Table, spec: &[String], flag: &str) -> anyhow::Result<Vec<Column>> {
    let mut names: Vec<String> = Vec::new();
    for item in spec.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if let Some(prefix) = item.strip_suffix('*') {
            let matched: Vec<String> = table
                .names()
                .into_iter()
                .filter(|n| n.starts_with(prefix))
                .map(str::to_string)
                .collect();
            if matched.is_empty() {
                bail!("{flag} `{item}`: no column starts with `{prefix}`");
            }
            names.extend(matched);
        } else {
            names.push(item.to_string());
        }
    }
    if names.is_empty() {
        bail!("{flag}: name at least one column");
    }
    names
        .into_iter()
        .map(|name| {
            let c = table.column(&name)?;
            let Some(values) = c.numbers() else {
                bail!("{flag}: column {name} is text, not numbers");
            };
            Ok(Column { name, values })
        })
        .collect()
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let xs = columns(&table, &args.x, "--x")?;
    let ys = columns(&table, &args.y, "--y")?;
    let method = match args.method {
        Method::Spearman => CorrelationMethod::Spearman,
        Method::Pearson => CorrelationMethod::Pearson,
    };
    let adjust = match args.adjust {
        Adjust::Bh => PAdjust::Bh,
        Adjust::Holm => PAdjust::Holm,
        Adjust::Bonferroni => PAdjust::Bonferroni,
    };
    let screen = correlation_screen(&xs, &ys, method, adjust)?;
    notice(global, format!("p-values: {}", screen.p_value_method));
    for p in screen.pairs.iter().filter(|p| p.not_computable.is_some()) {
        notice(
            global,
            format!(
                "{} ~ {}: not computable: {}",
                p.x,
                p.y,
                p.not_computable.as_deref().unwrap_or_default()
            ),
        );
    }
    if args.json {
        return print_json(&screen);
    }
    let adjusted = |p: &ScreenPair| match adjust {
        PAdjust::Bh => p.p_bh,
        PAdjust::Holm => p.p_holm,
        PAdjust::Bonferroni => p.p_bonferroni,
    };
    let coef = match method {
        CorrelationMethod::Spearman => "rho",
        CorrelationMethod::Pearson => "r",
    };
    let adj = adjust_name(adjust);
    let wx = screen
        .pairs
        .iter()
        .map(|p| p.x.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let wy = screen
        .pairs
        .iter()
        .map(|p| p.y.len())
        .max()
        .unwrap_or(1)
        .max(1);
    println!(
        "{:<wx$}  {:<wy$}  {:>5}  {:>7}  {:>9}  {:>9}",
        "x", "y", "n", coef, "p", adj
    );
    for p in &screen.pairs {
        println!(
            "{:<wx$}  {:<wy$}  {:>5}  {:>7}  {:>9}  {:>9}",
            p.x,
            p.y,
            p.n,
            p.estimate.map_or("—".into(), |r| format!("{r:.3}")),
            p_text(p.p),
            p_text(adjusted(p)),
        );
    }
    println!(
        "\np-values: {}; adjusted over {} pairs.",
        screen.p_value_method,
        screen.pairs.len()
    );
    Ok(())
}

fn adjust_name(a: PAdjust) -> &'static str {
    match a {
        PAdjust::Bh => "p (BH)",
        PAdjust::Holm => "p (Holm)",
        PAdjust::Bonferroni => "p (Bonf.)",
    }
}

fn p_text(p: Option<f64>) -> String {
    match p {
        None => "—".into(),
        Some(p) if p < 0.001 => format!("{p:.2e}"),
        Some(p) => format!("{p:.3}"),
    }
}
