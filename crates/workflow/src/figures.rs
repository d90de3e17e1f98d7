//! The report's figures, built from the report's numbers as nomo-plot's plain figure inputs:
//! ROC curves of the named models, the LASSO path and CV curve, the nomogram, calibration,
//! decision curves, risk-group Kaplan–Meier curves and a forest plot of the multivariable ORs.

use nomo_plot::{
    CalibrationFigure, CalibrationGroup, CalibrationStats, Canvas, Curve, DcaFigure, DcaSeries,
    Figure, ForestFigure, ForestRow, KmFigure, KmSeries, LassoCvFigure, LassoPathFigure,
    NomogramFigure, NomogramScale, PathSeries, RocFigure, RocSeries, TotalPoints, to_png, to_svg,
};
use nomo_roc::{Direction, DirectionRule, Roc};

use crate::cohort::Part;
use crate::design::pick;
use crate::report::{Report, RiskGroupRow};

/// One rendered figure.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub stem: String,
    pub title: String,
    pub svg: String,
    pub png: Vec<u8>,
}

fn render<F: Figure>(
    stem: &str,
    title: &str,
    fig: &F,
    out: &mut Vec<Rendered>,
    errors: &mut Vec<String>,
) {
    let canvas = match Canvas::pixels(900, 675) {
        Ok(c) => c,
        Err(e) => {
            errors.push(format!("{stem}: {e}"));
            return;
        }
    };
    match (to_svg(fig, &canvas), to_png(fig, &canvas)) {
        (Ok(svg), Ok(png)) => out.push(Rendered {
            stem: stem.into(),
            title: title.into(),
            svg,
            png,
        }),
        (Err(e), _) | (_, Err(e)) => errors.push(format!("{stem}: {e}")),
    }
}

/// Rows of a part.
fn rows_of(parts: &[Option<Part>], part: Part) -> Vec<usize> {
    (0..parts.len())
        .filter(|&i| parts[i] == Some(part))
        .collect()
}

/// Every figure of the report; figures that fail are listed by the second value.
pub fn figures(r: &Report, y: &[f64], parts: &[Option<Part>]) -> (Vec<Rendered>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let present: Vec<Part> = [Part::Training, Part::Validation, Part::Test]
        .into_iter()
        .filter(|p| parts.contains(&Some(*p)))
        .collect();
    for &part in &present {
        let rows = rows_of(parts, part);
        let yb: Vec<bool> = rows.iter().map(|&i| y[i] == 1.0).collect();
        let mut curves = Vec::new();
        for m in &r.models {
            let Ok(roc) = Roc::new(
                &pick(&m.predicted, &rows),
                &yb,
                DirectionRule::Fixed(Direction::Less),
            ) else {
                continue;
            };
            let perf = m.performance.iter().find(|p| p.part == part);
            curves.push(RocSeries {
                label: m.name.clone(),
                specificity: roc.curve().iter().map(|p| p.specificity).collect(),
                sensitivity: roc.curve().iter().map(|p| p.sensitivity).collect(),
                auc: roc.auc(),
                ci_lower: perf.and_then(|p| p.ci_lower),
                ci_upper: perf.and_then(|p| p.ci_upper),
                youden: None,
                band: None,
            });
        }
        if !curves.is_empty() {
            let stem = if part == Part::Training {
                "roc".to_string()
            } else {
                format!("roc_{}", part.as_str())
            };
            render(
                &stem,
                &format!("ROC curves ({})", part.as_str()),
                &RocFigure {
                    curves,
                    x_axis: Default::default(),
                    title: None,
                },
                &mut out,
                &mut errors,
            );
        }
    }
    if let Some(l) = &r.lasso {
        let fit = &l.cv.fit;
        let coefficients = fit
            .names
            .iter()
            .enumerate()
            .map(|(j, name)| PathSeries {
                name: name.clone(),
                values: fit.beta.iter().map(|b| b[j]).collect(),
            })
            .collect();
        render(
            "lasso_path",
            "LASSO coefficient paths",
            &LassoPathFigure {
                lambda: fit.lambda.clone(),
                nzero: fit.nzero.clone(),
                coefficients,
                label_count: 10,
                lambda_min: Some(l.cv.lambda_min),
                lambda_1se: Some(l.cv.lambda_1se),
            },
            &mut out,
            &mut errors,
        );
        render(
            "lasso_cv",
            "LASSO cross-validation",
            &LassoCvFigure {
                lambda: l.cv.lambda.clone(),
                cvm: l.cv.cvm.clone(),
                cvsd: l.cv.cvsd.clone(),
                nzero: l.cv.nzero.clone(),
                lambda_min: l.cv.lambda_min,
                lambda_1se: l.cv.lambda_1se,
                measure: l.cv.measure.name().to_string(),
            },
            &mut out,
            &mut errors,
        );
    }
    if let Some(n) = &r.nomogram {
        let nomo = &n.nomogram;
        let predictors = nomo
            .axes
            .iter()
            .map(|a| NomogramScale {
                name: a.variable.clone(),
                positions: a.ticks.iter().map(|t| t.points).collect(),
                labels: a.ticks.iter().map(|t| t.label.clone()).collect(),
            })
            .collect();
        let outcome_scales = vec![NomogramScale {
            name: format!("P({})", r.event),
            positions: nomo.probability_ticks.iter().map(|t| t.points).collect(),
            labels: nomo
                .probability_ticks
                .iter()
                .map(|t| probability_label(t.probability))
                .collect(),
        }];
        render(
            "nomogram",
            &format!("Nomogram of {}", n.model),
            &NomogramFigure {
                predictors,
                total_points: TotalPoints {
                    max: nomo.max_total_points,
                    ticks: nomo.total_points_ticks.clone(),
                },
                outcome_scales,
            },
            &mut out,
            &mut errors,
        );
    }
    for c in &r.calibration {
        let Some(m) = r.models.iter().find(|m| m.name == c.model) else {
            continue;
        };
        let rows = rows_of(parts, c.part);
        let corrected = r
            .bootstrap
            .as_ref()
            .filter(|b| b.model == c.model && c.part == Part::Training)
            .map(|b| {
                let cal = &b.validation.calibration;
                let (x, y): (Vec<f64>, Vec<f64>) = cal
                    .predicted
                    .iter()
                    .zip(&cal.bias_corrected)
                    .filter_map(|(&p, &v)| Some((p, v?)))
                    .unzip();
                Curve { x, y }
            });
        let apparent = r
            .bootstrap
            .as_ref()
            .filter(|b| b.model == c.model && c.part == Part::Training)
            .map(|b| Curve {
                x: b.validation.calibration.predicted.clone(),
                y: b.validation.calibration.apparent.clone(),
            });
        let groups = c
            .hosmer_lemeshow
            .groups
            .iter()
            .map(|g| CalibrationGroup {
                predicted: g.mean_predicted,
                observed: g.observed_rate,
                lower: Some(g.observed_lower),
                upper: Some(g.observed_upper),
            })
            .collect();
        let stem = format!(
            "calibration_{}{}",
            c.model,
            if c.part == Part::Training {
                String::new()
            } else {
                format!("_{}", c.part.as_str())
            }
        );
        render(
            &stem,
            &format!("Calibration of {} ({})", c.model, c.part.as_str()),
            &CalibrationFigure {
                apparent,
                bias_corrected: corrected,
                groups,
                predictions: pick(&m.predicted, &rows),
                stats: CalibrationStats {
                    intercept: Some(c.val_prob.intercept),
                    slope: Some(c.val_prob.slope),
                    brier: Some(c.val_prob.brier),
                    hosmer_lemeshow_p: c.hosmer_lemeshow.p,
                },
            },
            &mut out,
            &mut errors,
        );
    }
    for d in &r.dca {
        let stem = if d.part == Part::Training {
            "dca".to_string()
        } else {
            format!("dca_{}", d.part.as_str())
        };
        render(
            &stem,
            &format!("Decision curves ({})", d.part.as_str()),
            &DcaFigure {
                thresholds: d.curve.thresholds.clone(),
                models: d
                    .curve
                    .models
                    .iter()
                    .map(|m| DcaSeries {
                        label: m.name.clone(),
                        net_benefit: m.net_benefit.iter().map(|&v| Some(v)).collect(),
                    })
                    .collect(),
                treat_all: d.curve.treat_all.iter().map(|&v| Some(v)).collect(),
                cost_benefit_axis: false,
            },
            &mut out,
            &mut errors,
        );
    }
    for g in &r.risk_groups {
        let stem = if g.part == Part::Training {
            "km_risk_groups".to_string()
        } else {
            format!("km_risk_groups_{}", g.part.as_str())
        };
        render(
            &stem,
            &format!("Kaplan–Meier by risk group ({})", g.part.as_str()),
            &km_figure(g),
            &mut out,
            &mut errors,
        );
    }
    if let Some(s) = &r.stepwise {
        let rows = s
            .result
            .fit
            .coefficients
            .iter()
            .skip(1)
            .map(|c| ForestRow {
                label: c.term.clone(),
                estimate: c.odds_ratio,
                lower: c.or_lower,
                upper: c.or_upper,
                p_value: Some(c.p),
            })
            .collect();
        render(
            "forest_multivariable",
            "Multivariable odds ratios (stepwise model)",
            &ForestFigure {
                rows,
                measure: "OR".into(),
                axis_title: "Odds ratio (95% CI)".into(),
            },
            &mut out,
            &mut errors,
        );
    }
    (out, errors)
}

/// A KM figure of risk groups with a number-at-risk table.
pub fn km_figure(g: &RiskGroupRow) -> KmFigure {
    let t_max = g
        .strata
        .iter()
        .flat_map(|s| s.curve.table.iter().map(|r| r.time))
        .fold(0.0_f64, f64::max);
    let step = nice_step(t_max / 6.0);
    let ticks: Vec<f64> = (0..)
        .map(|k| k as f64 * step)
        .take_while(|&t| t <= t_max + 1e-9)
        .collect();
    let groups = g
        .strata
        .iter()
        .map(|s| KmSeries {
            name: s.group.clone(),
            time: s.curve.table.iter().map(|r| r.time).collect(),
            survival: s.curve.table.iter().map(|r| r.surv).collect(),
            lower: Some(s.curve.table.iter().map(|r| r.lower).collect()),
            upper: Some(s.curve.table.iter().map(|r| r.upper).collect()),
            censor_times: s
                .curve
                .table
                .iter()
                .filter(|r| r.n_censor > 0)
                .map(|r| r.time)
                .collect(),
            median: s.curve.median,
        })
        .collect();
    let at_risk = g
        .strata
        .iter()
        .map(|s| {
            ticks
                .iter()
                .map(|&t| {
                    s.curve
                        .table
                        .iter()
                        .find(|r| r.time >= t)
                        .map_or(0, |r| r.n_risk)
                })
                .collect()
        })
        .collect();
    let hr = g.cox.coefficients.first().and_then(|c| {
        Some(nomo_plot::HazardRatioText {
            label: "HR (high vs low)".into(),
            estimate: c.hr?,
            lower: c.hr_lower?,
            upper: c.hr_upper?,
        })
    });
    KmFigure {
        groups,
        time_ticks: ticks,
        at_risk,
        time_label: "Time".into(),
        log_rank_p: Some(g.logrank.p),
        hazard_ratio: hr,
        show_ci: false,
        show_median: true,
    }
}

/// 1, 2 or 5 times a power of ten, at least `x`.
fn nice_step(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&s| s >= x)
        .unwrap_or(10.0 * p)
}

/// A probability tick's label: the tick sits at 0.01, 0.05, 0.1, …, 0.99 (rms's `fun.at`), but
/// it is read back from the logit scale, so it is rounded to 4 decimals ("0.9", not
/// "0.9000000000000001").
fn probability_label(p: f64) -> String {
    format!("{}", (p * 1e4).round() / 1e4)
}

#[cfg(test)]
mod tests {
    use super::probability_label;

    #[test]
    fn probability_labels_carry_no_float_noise() {
        let p = |q: f64| 1.0 / (1.0 + (-(q / (1.0 - q)).ln()).exp());
        assert_eq!(probability_label(p(0.9)), "0.9");
        assert_eq!(probability_label(p(0.4)), "0.4");
        assert_eq!(probability_label(0.05), "0.05");
    }
}
