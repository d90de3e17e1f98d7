//! The paper-shaped display tables of a report: Table 1, the univariate + multivariable OR
//! table (the seed's Table 4), model performance (Table 5), DeLong comparisons, calibration
//! indices, net benefit, risk groups, subgroups and agreement. Each is a grid of formatted
//! strings written as CSV, Markdown and HTML; the numbers themselves are in the JSON files.

use crate::report::Report;

/// A display table.
#[derive(Debug, Clone)]
pub struct DisplayTable {
    /// File stem (`table_one`, `performance`, …).
    pub stem: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A number with `d` decimals, or "NA" when undefined.
pub fn num(x: Option<f64>, d: usize) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v:.d$}"),
        _ => "NA".into(),
    }
}

/// A p-value as journals print it ("<0.001" below 0.001, else 3 decimals).
pub fn pval(p: Option<f64>) -> String {
    match p {
        Some(v) if v.is_finite() && v < 0.001 => "<0.001".into(),
        other => num(other, 3),
    }
}

/// "1.23 (0.45–6.78)".
pub fn est_ci(e: f64, lo: Option<f64>, hi: Option<f64>, d: usize) -> String {
    format!("{} ({}–{})", num(Some(e), d), num(lo, d), num(hi, d))
}

impl DisplayTable {
    /// RFC 4180 CSV (fields quoted when they hold a comma, quote or newline).
    pub fn to_csv(&self) -> String {
        let field = |s: &str| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = String::new();
        for row in std::iter::once(&self.columns).chain(&self.rows) {
            out.push_str(&row.iter().map(|s| field(s)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table under a heading.
    pub fn to_markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|");
        let mut out = format!("### {}\n\n", self.title);
        out.push_str(&format!(
            "| {} |\n",
            self.columns
                .iter()
                .map(|s| cell(s))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!(
            "|{}|\n",
            vec!["---"; self.columns.len()].join("|")
        ));
        for r in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                r.iter().map(|s| cell(s)).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }

    /// An HTML table, every cell escaped.
    pub fn to_html(&self) -> String {
        let mut out = format!("<h3>{}</h3>\n<table>\n<thead><tr>", escape(&self.title));
        for c in &self.columns {
            out.push_str(&format!("<th>{}</th>", escape(c)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in &self.rows {
            out.push_str("<tr>");
            for c in r {
                out.push_str(&format!("<td>{}</td>", escape(c)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
        out
    }
}

/// HTML-escapes text (`& < > " '`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn s(x: &str) -> String {
    x.to_string()
}

/// Every display table the report supports, in report order.
pub fn tables(r: &Report) -> Vec<DisplayTable> {
    let mut out = Vec::new();
    if let Some(t) = &r.table_one {
        let mut columns = vec![s("Variable"), s("Level"), format!("Overall (n = {})", t.n)];
        columns.extend(
            t.groups
                .iter()
                .map(|g| format!("{} (n = {})", g.label, g.n)),
        );
        columns.extend([s("Test"), s("p")]);
        let mut rows = Vec::new();
        for row in &t.rows {
            match row {
                nomo_describe::Row::Continuous(c) => {
                    let fmt = |m: &nomo_describe::Summary| match c.display {
                        nomo_describe::Display::MeanSd => {
                            format!("{} ± {}", num(m.mean, 2), num(m.sd, 2))
                        }
                        nomo_describe::Display::MedianIqr => {
                            format!("{} ({}, {})", num(m.median, 2), num(m.q1, 2), num(m.q3, 2))
                        }
                    };
                    let mut cells = vec![c.variable.clone(), String::new(), fmt(&c.overall)];
                    cells.extend(c.groups.iter().map(|g| fmt(&g.summary)));
                    cells.extend([c.test.label().to_string(), pval(c.p)]);
                    rows.push(cells);
                }
                nomo_describe::Row::Categorical(c) => {
                    for (k, l) in c.levels.iter().enumerate() {
                        let mut cells = vec![
                            if k == 0 {
                                c.variable.clone()
                            } else {
                                String::new()
                            },
                            l.level.clone(),
                            format!("{} ({}%)", l.n, num(l.pct, 1)),
                        ];
                        cells.extend(
                            l.groups
                                .iter()
                                .map(|g| format!("{} ({}%)", g.n, num(g.pct, 1))),
                        );
                        if k == 0 {
                            cells.extend([c.test.label().to_string(), pval(c.p)]);
                        } else {
                            cells.extend([String::new(), String::new()]);
                        }
                        rows.push(cells);
                    }
                }
            }
        }
        out.push(DisplayTable {
            stem: "table_one",
            title: format!("Table 1. Characteristics by {}", t.by),
            columns,
            rows,
        });
    }
    if let Some(u) = &r.univariate {
        let multi = r.stepwise.as_ref().map(|s| &s.result.fit);
        let rows = u
            .iter()
            .map(|row| {
                let m = multi.and_then(|f| f.coefficients.iter().find(|c| c.term == row.term));
                vec![
                    row.term.clone(),
                    est_ci(row.odds_ratio, Some(row.or_lower), Some(row.or_upper), 3),
                    pval(Some(row.p)),
                    m.map_or(String::new(), |c| {
                        est_ci(c.odds_ratio, Some(c.or_lower), Some(c.or_upper), 3)
                    }),
                    m.map_or(String::new(), |c| pval(Some(c.p))),
                ]
            })
            .collect();
        out.push(DisplayTable {
            stem: "odds_ratios",
            title: "Univariate and multivariable (stepwise) logistic regression".into(),
            columns: vec![
                s("Variable"),
                s("Univariate OR (95% CI)"),
                s("p"),
                s("Multivariable OR (95% CI)"),
                s("p"),
            ],
            rows,
        });
    }
    if !r.models.is_empty() {
        let mut rows = Vec::new();
        for m in &r.models {
            for p in &m.performance {
                rows.push(vec![
                    m.name.clone(),
                    p.part.as_str().to_string(),
                    p.n.to_string(),
                    est_ci(p.auc, p.ci_lower, p.ci_upper, 3),
                    num(Some(p.cutoff), 3),
                    num(Some(p.sensitivity), 3),
                    num(Some(p.specificity), 3),
                    num(p.ppv, 3),
                    num(p.npv, 3),
                ]);
            }
        }
        out.push(DisplayTable {
            stem: "performance",
            title: "Model performance (AUC with DeLong 95% CI; classification at the training Youden cutoff)".into(),
            columns: ["Model", "Part", "n", "AUC (95% CI)", "Cutoff", "Sensitivity", "Specificity", "PPV", "NPV"]
                .map(s)
                .to_vec(),
            rows,
        });
        let mut rows = Vec::new();
        for m in &r.models {
            for c in &m.fit.coefficients {
                rows.push(vec![
                    m.name.clone(),
                    c.term.clone(),
                    num(Some(c.estimate), 4),
                    num(Some(c.std_error), 4),
                    est_ci(c.odds_ratio, Some(c.or_lower), Some(c.or_upper), 3),
                    pval(Some(c.p)),
                ]);
            }
        }
        out.push(DisplayTable {
            stem: "models",
            title: "Named models (fitted on the training part)".into(),
            columns: ["Model", "Term", "β", "SE", "OR (95% Wald CI)", "p"]
                .map(s)
                .to_vec(),
            rows,
        });
    }
    if !r.delong.is_empty() {
        out.push(DisplayTable {
            stem: "delong",
            title: "Paired DeLong comparisons of AUCs".into(),
            columns: ["Comparison", "Part", "AUC A", "AUC B", "Z", "p"]
                .map(s)
                .to_vec(),
            rows: r
                .delong
                .iter()
                .map(|d| {
                    vec![
                        format!("{} vs {}", d.a, d.b),
                        d.part.as_str().into(),
                        num(Some(d.auc_a), 3),
                        num(Some(d.auc_b), 3),
                        num(d.comparison.statistic, 3),
                        pval(d.comparison.p),
                    ]
                })
                .collect(),
        });
    }
    if !r.calibration.is_empty() {
        let mut rows: Vec<Vec<String>> = r
            .calibration
            .iter()
            .map(|c| {
                vec![
                    c.model.clone(),
                    c.part.as_str().into(),
                    "apparent".into(),
                    num(Some(c.val_prob.c), 3),
                    num(Some(c.val_prob.intercept), 3),
                    num(Some(c.val_prob.slope), 3),
                    num(Some(c.val_prob.brier), 3),
                    format!(
                        "χ² = {}, p = {}",
                        num(Some(c.hosmer_lemeshow.chisq), 2),
                        pval(c.hosmer_lemeshow.p)
                    ),
                ]
            })
            .collect();
        if let Some(b) = &r.bootstrap {
            let idx = |name: &str| {
                b.validation
                    .indices
                    .iter()
                    .find(|i| i.name == name)
                    .and_then(|i| i.corrected)
            };
            rows.push(vec![
                b.model.clone(),
                "training".into(),
                format!("optimism-corrected (B = {})", b.validation.resamples),
                num(idx("Dxy").map(|d| d / 2.0 + 0.5), 3),
                num(idx("Intercept"), 3),
                num(idx("Slope"), 3),
                num(idx("Brier"), 3),
                String::new(),
            ]);
        }
        out.push(DisplayTable {
            stem: "calibration",
            title: "Calibration".into(),
            columns: [
                "Model",
                "Part",
                "Estimate",
                "C",
                "Intercept",
                "Slope",
                "Brier",
                "Hosmer–Lemeshow",
            ]
            .map(s)
            .to_vec(),
            rows,
        });
    }
    for d in &r.dca {
        let mut columns = vec![s("Threshold"), s("Treat all")];
        columns.extend(d.curve.models.iter().map(|m| m.name.clone()));
        let rows = d
            .curve
            .thresholds
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let mut row = vec![num(Some(*t), 2), num(Some(d.curve.treat_all[k]), 4)];
                row.extend(
                    d.curve
                        .models
                        .iter()
                        .map(|m| num(Some(m.net_benefit[k]), 4)),
                );
                row
            })
            .collect();
        out.push(DisplayTable {
            stem: if d.part == crate::cohort::Part::Training {
                "net_benefit"
            } else {
                "net_benefit_validation"
            },
            title: format!("Net benefit ({})", d.part.as_str()),
            columns,
            rows,
        });
    }
    if !r.risk_groups.is_empty() {
        let mut rows = Vec::new();
        for g in &r.risk_groups {
            let hr = g.cox.coefficients.first();
            for st in &g.strata {
                rows.push(vec![
                    g.part.as_str().into(),
                    st.group.clone(),
                    st.curve.n.to_string(),
                    st.curve.events.to_string(),
                    match st.curve.median {
                        Some(m) => format!(
                            "{} ({}–{})",
                            num(Some(m), 1),
                            num(st.curve.median_lower, 1),
                            num(st.curve.median_upper, 1)
                        ),
                        None => "not reached".into(),
                    },
                    pval(Some(g.logrank.p)),
                    if st.group == "high" {
                        hr.map_or(String::new(), |h| {
                            est_ci(h.hr.unwrap_or(f64::NAN), h.hr_lower, h.hr_upper, 2)
                        })
                    } else {
                        "1 (reference)".into()
                    },
                ]);
            }
        }
        out.push(DisplayTable {
            stem: "risk_groups",
            title: format!(
                "Risk groups of {} ({} cutoff {})",
                r.risk_groups[0].model,
                r.risk_groups[0].rule,
                num(Some(r.risk_groups[0].cutoff), 3)
            ),
            columns: [
                "Part",
                "Group",
                "n",
                "Events",
                "Median (95% CI)",
                "Log-rank p",
                "HR (95% CI)",
            ]
            .map(s)
            .to_vec(),
            rows,
        });
    }
    if let Some(sg) = &r.subgroups {
        let mut rows: Vec<Vec<String>> = sg
            .groups
            .iter()
            .map(|g| {
                vec![
                    format!("{} = {}", sg.variable, g.level),
                    g.n.to_string(),
                    est_ci(g.roc.auc, g.roc.ci_lower, g.roc.ci_upper, 3),
                    String::new(),
                ]
            })
            .collect();
        for c in &sg.comparisons {
            rows.push(vec![
                format!("{} vs {} (unpaired DeLong)", c.a, c.b),
                String::new(),
                String::new(),
                pval(c.comparison.p),
            ]);
        }
        out.push(DisplayTable {
            stem: "subgroups",
            title: format!("Subgroup AUCs of {}", sg.model),
            columns: ["Subgroup", "n", "AUC (95% CI)", "p"].map(s).to_vec(),
            rows,
        });
    }
    if let Some(a) = &r.agreement {
        let mut rows = Vec::new();
        for p in &a.icc {
            for row in &p.icc.rows {
                rows.push(vec![
                    format!("{} / {}", p.columns[0], p.columns[1]),
                    row.kind.to_string(),
                    est_ci(row.icc, Some(row.lower), Some(row.upper), 3),
                ]);
            }
        }
        for k in &a.kappa {
            rows.push(vec![
                format!("{} / {}", k.columns[0], k.columns[1]),
                "Cohen's kappa".into(),
                est_ci(
                    k.kappa.unweighted.kappa,
                    Some(k.kappa.unweighted.lower),
                    Some(k.kappa.unweighted.upper),
                    3,
                ),
            ]);
        }
        out.push(DisplayTable {
            stem: "agreement",
            title: "Interobserver agreement".into(),
            columns: ["Readings", "Index", "Estimate (95% CI)"].map(s).to_vec(),
            rows,
        });
    }
    out
}
