//! Agreement with R 4.2.2 / survival 3.5-3 on the `lung` data (crates/testdata/reference/lung.json).

use nomo_survival::{ConfType, Groups, KaplanMeier, KmOptions, SurvivalData, survdiff};
use nomo_testdata::{assert_rel, read_csv, reference};
use serde_json::Value;

/// Tolerance for Kaplan–Meier and log-rank quantities (closed forms).
const CLOSED: f64 = 1e-9;

/// time, 0/1 status, sex and ph.ecog (with missing values).
struct Lung {
    time: Vec<f64>,
    status: Vec<f64>,
    sex: Vec<Option<f64>>,
    ecog: Vec<Option<f64>>,
}

fn lung() -> Lung {
    let csv = read_csv("lung.csv");
    let status: Vec<f64> = csv
        .num_complete("status")
        .iter()
        .map(|&s| if s == 2.0 { 1.0 } else { 0.0 })
        .collect();
    Lung {
        time: csv.num_complete("time"),
        status,
        sex: csv.num("sex"),
        ecog: csv.num("ph.ecog"),
    }
}

fn by_sex(conf_type: ConfType) -> Vec<(String, KaplanMeier)> {
    let Lung {
        time, status, sex, ..
    } = lung();
    let data = SurvivalData::from_binary(&time, &status).unwrap();
    let labels: Vec<String> = sex.iter().map(|s| format!("sex={}", s.unwrap())).collect();
    let groups = Groups::from_labels(&labels);
    groups
        .rows()
        .iter()
        .zip(groups.levels())
        .map(|(rows, name)| {
            let options = KmOptions {
                conf_type,
                conf_level: 0.95,
            };
            (
                name.clone(),
                KaplanMeier::fit(&data.subset(rows), options).unwrap(),
            )
        })
        .collect()
}

fn opt(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn check_table(curves: &[(String, KaplanMeier)], reference: &Value) {
    let rows: Vec<_> = curves
        .iter()
        .flat_map(|(name, km)| km.table.iter().map(move |r| (name, r)))
        .collect();
    let expected = reference.as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for ((name, row), e) in rows.iter().zip(expected) {
        assert_eq!(name.as_str(), e["stratum"].as_str().unwrap());
        let what = format!("{name} t={}", row.time);
        assert_rel(row.time, e["time"].as_f64().unwrap(), 0.0, &what);
        assert_eq!(row.n_risk as f64, e["n_risk"].as_f64().unwrap(), "{what}");
        assert_eq!(row.n_event as f64, e["n_event"].as_f64().unwrap(), "{what}");
        assert_eq!(
            row.n_censor as f64,
            e["n_censor"].as_f64().unwrap(),
            "{what}"
        );
        assert_rel(row.surv, e["surv"].as_f64().unwrap(), CLOSED, &what);
        for (got, key) in [
            (row.std_err, "std_err"),
            (row.lower, "lower"),
            (row.upper, "upper"),
        ] {
            match (got, opt(&e[key])) {
                (Some(g), Some(x)) => assert_rel(g, x, CLOSED, &format!("{what} {key}")),
                (g, x) => assert_eq!(g, x, "{what} {key}"),
            }
        }
    }
}

#[test]
fn km_by_sex_log_ci() {
    let r = reference("lung.json");
    check_table(&by_sex(ConfType::Log), &r["km_by_sex"]);
}

#[test]
fn km_by_sex_loglog_ci() {
    let r = reference("lung.json");
    check_table(&by_sex(ConfType::LogLog), &r["km_by_sex_loglog"]);
}

#[test]
fn km_medians_with_ci() {
    let r = reference("lung.json");
    let curves = by_sex(ConfType::Log);
    for ((name, km), e) in curves
        .iter()
        .zip(r["km_by_sex_medians"].as_array().unwrap())
    {
        assert_eq!(name.as_str(), e["stratum"].as_str().unwrap());
        assert_rel(
            km.median.unwrap(),
            e["median"].as_f64().unwrap(),
            CLOSED,
            "median",
        );
        assert_rel(
            km.median_lower.unwrap(),
            e["lower"].as_f64().unwrap(),
            CLOSED,
            "lower",
        );
        assert_rel(
            km.median_upper.unwrap(),
            e["upper"].as_f64().unwrap(),
            CLOSED,
            "upper",
        );
    }
}

fn check_logrank(fit: &nomo_survival::LogRank, e: &Value) {
    assert_eq!(fit.df as f64, e["df"].as_f64().unwrap());
    assert_eq!(fit.rho, e["rho"].as_f64().unwrap());
    assert_rel(fit.chisq, e["chisq"].as_f64().unwrap(), CLOSED, "chisq");
    assert_rel(fit.p, e["p"].as_f64().unwrap(), CLOSED, "p");
    let groups: Vec<&str> = e["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(fit.groups, groups);
    for g in 0..groups.len() {
        assert_rel(
            fit.observed[g],
            e["observed"][g].as_f64().unwrap(),
            CLOSED,
            "observed",
        );
        assert_rel(
            fit.expected[g],
            e["expected"][g].as_f64().unwrap(),
            CLOSED,
            "expected",
        );
        assert_eq!(fit.n[g] as f64, e["n"][g].as_f64().unwrap());
    }
}

#[test]
fn logrank_and_peto_by_sex() {
    let r = reference("lung.json");
    let Lung {
        time, status, sex, ..
    } = lung();
    let data = SurvivalData::from_binary(&time, &status).unwrap();
    let labels: Vec<String> = sex.iter().map(|s| format!("sex={}", s.unwrap())).collect();
    let groups = Groups::from_labels(&labels);
    check_logrank(
        &survdiff(&data, &groups, None, 0.0).unwrap(),
        &r["logrank_sex"],
    );
    check_logrank(
        &survdiff(&data, &groups, None, 1.0).unwrap(),
        &r["peto_sex"],
    );
}

#[test]
fn logrank_four_ecog_groups() {
    let r = reference("lung.json");
    let Lung {
        time, status, ecog, ..
    } = lung();
    let rows: Vec<usize> = (0..time.len()).filter(|&i| ecog[i].is_some()).collect();
    let data = SurvivalData::from_binary(&time, &status)
        .unwrap()
        .subset(&rows);
    let labels: Vec<String> = rows
        .iter()
        .map(|&i| format!("ph.ecog={}", ecog[i].unwrap()))
        .collect();
    let groups = Groups::from_labels(&labels);
    check_logrank(
        &survdiff(&data, &groups, None, 0.0).unwrap(),
        &r["logrank_ecog"],
    );
}
