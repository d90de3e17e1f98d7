//! `nomo km`: Kaplan–Meier curves (one per `--group` level) with medians, the table at every
//! distinct time or at `--times`, and the log-rank test across the groups. Parsing and printing
//! only: the statistics are `nomo_survival`'s.

use nomo_ingest::AnalysisSpec;
use nomo_survival::{ConfType, Groups, KaplanMeier, KmOptions, KmRow, LogRank, survdiff};
use rayon::prelude::*;
use serde::Serialize;

use crate::flags::{
    DataArgs, SurvivalArgs, complete_cases, load_table, notice, print_json, survival_data,
};

/// Confidence-interval type on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ConfTypeArg {
    /// exp(log S ± z σ) (R's default).
    Log,
    /// Symmetric on log(−log S).
    LogLog,
    /// S ± z S σ.
    Plain,
}

/// Arguments of `nomo km`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub survival: SurvivalArgs,
    /// Grouping column: one curve per level and the log-rank test across them.
    #[arg(long, value_name = "COL")]
    pub group: Option<String>,
    /// Table rows at these times only (comma-separated), e.g. `6,12,24`.
    #[arg(long, value_name = "T1,T2,...", value_delimiter = ',')]
    pub times: Option<Vec<f64>>,
    /// Pointwise confidence-interval type.
    #[arg(long, value_enum, default_value = "log")]
    pub conf_type: ConfTypeArg,
    /// Confidence level.
    #[arg(long, default_value_t = 0.95)]
    pub conf_level: f64,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// One curve as printed.
#[derive(Debug, Serialize)]
struct Stratum {
    name: String,
    n: usize,
    events: usize,
    median: Option<f64>,
    median_lower: Option<f64>,
    median_upper: Option<f64>,
    table: Vec<KmRow>,
}

/// The whole output of `nomo km --json`.
#[derive(Debug, Serialize)]
struct Output {
    strata: Vec<Stratum>,
    logrank: Option<LogRank>,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let data = complete_cases(
        &table,
        &AnalysisSpec {
            survival: Some(args.survival.outcome()),
            group: args.group.clone(),
            ..AnalysisSpec::default()
        },
        global,
    )?;
    // in time order once, so that each curve and the test find their data sorted
    let unsorted = survival_data(&data)?;
    let order = unsorted.time_order();
    let surv = unsorted.subset(&order);
    let options = KmOptions {
        conf_type: match args.conf_type {
            ConfTypeArg::Log => ConfType::Log,
            ConfTypeArg::LogLog => ConfType::LogLog,
            ConfTypeArg::Plain => ConfType::Plain,
        },
        conf_level: args.conf_level,
    };
    let (groups, prefix) = match (&data.group, &args.group) {
        (Some(g), Some(column)) => {
            let codes: Vec<u32> = order.iter().map(|&i| g.codes[i]).collect();
            (Groups::from_codes(&g.levels, &codes)?, format!("{column}="))
        }
        _ => (
            Groups::from_codes(&["all"], &vec![0; surv.len()])?,
            String::new(),
        ),
    };
    // The curves and the test are independent: computed in parallel, taken (or their first
    // error) in level order, curves before the test, whatever the thread count.
    let level_rows = groups.rows();
    let (fits, test) = rayon::join(
        || {
            level_rows
                .par_iter()
                .zip(groups.levels().par_iter())
                .map(|(rows, level)| {
                    let km = KaplanMeier::fit(&surv.subset(rows), options)?;
                    Ok((format!("{prefix}{level}"), km))
                })
                .collect::<anyhow::Result<Vec<_>>>()
        },
        || {
            (groups.n_levels() > 1)
                .then(|| survdiff(&surv, &groups, None, 0.0))
                .transpose()
        },
    );
    let mut strata = Vec::new();
    for (name, km) in fits? {
        if km.median.is_none() {
            notice(global, format!("{name}: median survival not reached"));
        }
        let rows = match &args.times {
            Some(times) => km.at_times(times)?,
            None => km.table.clone(),
        };
        strata.push(Stratum {
            name,
            n: km.n,
            events: km.events,
            median: km.median,
            median_lower: km.median_lower,
            median_upper: km.median_upper,
            table: rows,
        });
    }
    let logrank = test?.map(|mut test| {
        test.groups = strata.iter().map(|s| s.name.clone()).collect();
        test
    });
    let output = Output { strata, logrank };
    if args.json {
        return print_json(&output);
    }
    print!("{}", render(&output));
    Ok(())
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "NA".to_string(), |v| format!("{v:.4}"))
}

fn short(x: Option<f64>) -> String {
    x.map_or_else(|| "not reached".to_string(), |v| format!("{v}"))
}

fn render(output: &Output) -> String {
    let mut s = String::new();
    for st in &output.strata {
        s.push_str(&format!(
            "{}: n = {}, events = {}, median {} (95% CI {} to {})\n",
            st.name,
            st.n,
            st.events,
            short(st.median),
            short(st.median_lower),
            short(st.median_upper)
        ));
        s.push_str("      time  n.risk n.event n.censor  survival std.err   lower   upper\n");
        for r in &st.table {
            s.push_str(&format!(
                "{:>10} {:>7} {:>7} {:>8} {:>9.4} {:>7} {:>7} {:>7}\n",
                r.time,
                r.n_risk,
                r.n_event,
                r.n_censor,
                r.surv,
                num(r.std_err),
                num(r.lower),
                num(r.upper)
            ));
        }
        s.push('\n');
    }
    if let Some(t) = &output.logrank {
        s.push_str(&format!(
            "Log-rank: chisq = {:.4} on {} df, p = {:.4e}\n",
            t.chisq, t.df, t.p
        ));
        for (g, name) in t.groups.iter().enumerate() {
            s.push_str(&format!(
                "  {name}: observed {:.0}, expected {:.2}\n",
                t.observed[g], t.expected[g]
            ));
        }
    }
    s
}
