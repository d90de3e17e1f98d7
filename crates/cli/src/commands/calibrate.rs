//! `nomo calibrate`: calibration of predicted probabilities held in a column — rms `val.prob`
//! indices, calibration-in-the-large and the Hosmer–Lemeshow test with its grouped table
//! (`nomo_calibration::val_prob`, `hosmer_lemeshow`). Rows missing the outcome or the
//! probability are dropped (reported on stderr and counted in the JSON).

use nomo_calibration::{HosmerLemeshow, ValProb, hosmer_lemeshow, val_prob};
use nomo_ingest::AnalysisSpec;
use serde::Serialize;

use crate::flags::{BinaryOutcomeArgs, DataArgs, complete_cases, load_table, notice, print_json};

/// Arguments of `nomo calibrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub outcome: BinaryOutcomeArgs,
    /// Column of predicted probabilities (in [0, 1]).
    #[arg(long, value_name = "COL")]
    pub prob: String,
    /// Number of Hosmer–Lemeshow quantile groups.
    #[arg(long, default_value_t = 10)]
    pub groups: usize,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// The JSON document: the `val.prob` indices at top level, then Hosmer–Lemeshow.
#[derive(Debug, Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    val_prob: &'a ValProb,
    hosmer_lemeshow: &'a HosmerLemeshow,
    n_dropped: usize,
}

pub fn run(args: &Args, global: &crate::Global) -> anyhow::Result<()> {
    let table = load_table(&args.data, global)?;
    let data = complete_cases(
        &table,
        &AnalysisSpec {
            binary: Some(args.outcome.outcome()),
            survival: None,
            predictors: vec![args.prob.clone()],
            group: None,
        },
        global,
    )?;
    let y = data
        .y
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("no binary outcome"))?;
    let p = match data.terms.as_slice() {
        [term] => &term.values,
        _ => anyhow::bail!("--prob {} must be a numeric column", args.prob),
    };
    let vp = val_prob(p, y)?;
    let hl = hosmer_lemeshow(p, y, args.groups)?;
    for note in vp.notes.iter().chain(&hl.notes) {
        notice(global, note);
    }
    let out = Output {
        val_prob: &vp,
        hosmer_lemeshow: &hl,
        n_dropped: data.n_dropped,
    };
    if args.json {
        return print_json(&out);
    }
    print!("{}", render(&vp, &hl));
    Ok(())
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "undefined".into(), |x| format!("{x:.4}"))
}

fn render(v: &ValProb, hl: &HosmerLemeshow) -> String {
    let mut s = String::new();
    s.push_str(&format!("Calibration of {} predictions\n", v.n));
    s.push_str(&format!(
        "  Dxy {:.4}   C {:.4}   R2 {:.4}   Brier {:.4}\n",
        v.dxy, v.c, v.r2, v.brier
    ));
    s.push_str(&format!(
        "  D {:.4}   U {}   Q {}\n",
        v.d,
        opt(v.u),
        opt(v.q)
    ));
    s.push_str(&format!(
        "  intercept {:.4} ({:.4} to {:.4})   slope {:.4} ({:.4} to {:.4})   [Wald 95% CI]\n",
        v.intercept, v.intercept_lower, v.intercept_upper, v.slope, v.slope_lower, v.slope_upper
    ));
    s.push_str(&format!(
        "  calibration-in-the-large {:.4} ({:.4} to {:.4})\n",
        v.calibration_in_the_large,
        v.calibration_in_the_large_lower,
        v.calibration_in_the_large_upper
    ));
    s.push_str(&format!(
        "  Emax {:.4}   E90 {:.4}   Eavg {:.4}\n",
        v.emax, v.e90, v.eavg
    ));
    s.push_str(&format!(
        "  Spiegelhalter z {}   p {}\n",
        opt(v.spiegelhalter_z),
        opt(v.spiegelhalter_p)
    ));
    s.push_str(&format!(
        "Hosmer–Lemeshow: chi-square {:.4}, df {}, p {} ({} of {} groups formed)\n",
        hl.chisq,
        hl.df,
        opt(hl.p),
        hl.groups_formed,
        hl.g
    ));
    s.push_str("  group      n  events  expected  mean p  observed (95% Wilson CI)\n");
    for (k, g) in hl.groups.iter().enumerate() {
        s.push_str(&format!(
            "  {:>5} {:>6} {:>7} {:>9.3} {:>7.3}  {:.3} ({:.3} to {:.3})\n",
            k + 1,
            g.n,
            g.events,
            g.expected_events,
            g.mean_predicted,
            g.observed_rate,
            g.observed_lower,
            g.observed_upper
        ));
    }
    s
}
