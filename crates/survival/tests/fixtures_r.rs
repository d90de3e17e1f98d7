//! Agreement with fixtures written by scripts/survival_fixtures.R (R 4.2.2, survival 3.5-3) into
//! tests/fixtures/lung_extra.json: cox.zph, RMST, quantiles, trend, stratified and ρ = 0.5 tests,
//! plain CIs at level 0.9, tables at requested times, predicted survival.

use nomo_survival::{
    ConfType, CoxOptions, Groups, KaplanMeier, KmOptions, SurvivalData, Ties, cox_fit, cox_zph,
    rmst, survdiff, trend_test,
};
use nomo_testdata::{assert_rel, read_csv};
use serde_json::Value;

/// Closed forms (KM, RMST, log-rank family): 1e-9 relative.
const CLOSED: f64 = 1e-9;
/// Anything computed from a Cox fit: 1e-6 relative.
const ITERATIVE: f64 = 1e-6;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lung_extra.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

struct Lung {
    time: Vec<f64>,
    status: Vec<f64>,
    cols: Vec<Vec<Option<f64>>>,
}

fn lung() -> Lung {
    let csv = read_csv("lung.csv");
    Lung {
        time: csv.num_complete("time"),
        status: csv.num_complete("status").iter().map(|s| s - 1.0).collect(),
        cols: ["age", "sex", "ph.ecog"]
            .iter()
            .map(|c| csv.num(c))
            .collect(),
    }
}

/// Complete cases on ph.ecog: data and the three covariate columns.
fn complete() -> (SurvivalData, Vec<Vec<f64>>) {
    let l = lung();
    let rows: Vec<usize> = (0..l.time.len())
        .filter(|&i| l.cols[2][i].is_some())
        .collect();
    let data = SurvivalData::from_binary(&l.time, &l.status)
        .unwrap()
        .subset(&rows);
    let cols = l
        .cols
        .iter()
        .map(|c| rows.iter().map(|&i| c[i].unwrap()).collect())
        .collect();
    (data, cols)
}

fn names() -> Vec<String> {
    ["age", "sex", "ph.ecog"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn cox_zph_km_transform() {
    let fx = fixture();
    let (data, cols) = complete();
    for (ties, key) in [(Ties::Efron, "zph_efron"), (Ties::Breslow, "zph_breslow")] {
        let options = CoxOptions {
            ties,
            eps: 1e-14,
            max_iter: 100,
            conf_level: 0.95,
        };
        let fit = cox_fit(&data, &names(), &cols, &options).unwrap();
        let z = cox_zph(&data, &names(), &cols, &fit).unwrap();
        let e = &fx[key];
        for (k, row) in z.table.iter().enumerate() {
            assert_eq!(row.term, e["terms"][k].as_str().unwrap());
            assert_eq!(row.df as f64, f(&e["df"][k]));
            assert_rel(
                row.chisq,
                f(&e["chisq"][k]),
                ITERATIVE,
                &format!("{key} {}", row.term),
            );
            assert_rel(
                row.p,
                f(&e["p"][k]),
                ITERATIVE,
                &format!("{key} p {}", row.term),
            );
        }
    }
}

fn by_sex(options: KmOptions) -> Vec<KaplanMeier> {
    let l = lung();
    let data = SurvivalData::from_binary(&l.time, &l.status).unwrap();
    let labels: Vec<String> = l.cols[1].iter().map(|s| s.unwrap().to_string()).collect();
    let g = Groups::from_labels(&labels);
    g.rows()
        .iter()
        .map(|rows| KaplanMeier::fit(&data.subset(rows), options).unwrap())
        .collect()
}

#[test]
fn rmst_and_quantiles_by_sex() {
    let fx = fixture();
    let curves = by_sex(KmOptions::default());
    for (g, km) in curves.iter().enumerate() {
        let r = rmst(km, 365.0).unwrap();
        assert_rel(r.rmst, f(&fx["rmst_sex"]["rmean"][g]), CLOSED, "rmean");
        assert_rel(r.se, f(&fx["rmst_sex"]["se"][g]), CLOSED, "se(rmean)");
        let q = &fx["quantiles_sex"];
        for (k, &p) in [0.25, 0.5, 0.75].iter().enumerate() {
            let got = km.quantile(p).unwrap();
            assert_eq!(got.quantile, q["quantile"][g][k].as_f64(), "q {p}");
            assert_eq!(got.lower, q["lower"][g][k].as_f64(), "lower {p}");
            assert_eq!(got.upper, q["upper"][g][k].as_f64(), "upper {p}");
        }
    }
}

#[test]
fn tables_at_requested_times() {
    let fx = fixture();
    let e = &fx["km_sex_times"];
    let curves = by_sex(KmOptions::default());
    let rows: Vec<_> = curves
        .iter()
        .flat_map(|km| km.at_times(&[90.0, 180.0, 365.0, 730.0, 1000.0]).unwrap())
        .collect();
    assert_eq!(rows.len(), e["time"].as_array().unwrap().len());
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(r.time, f(&e["time"][k]));
        assert_eq!(r.n_risk as f64, f(&e["n_risk"][k]));
        assert_eq!(r.n_event as f64, f(&e["n_event"][k]));
        assert_eq!(r.n_censor as f64, f(&e["n_censor"][k]));
        assert_rel(r.surv, f(&e["surv"][k]), CLOSED, "surv");
        assert_rel(r.std_err.unwrap(), f(&e["std_err"][k]), CLOSED, "std_err");
        assert_rel(r.lower.unwrap(), f(&e["lower"][k]), CLOSED, "lower");
        assert_rel(r.upper.unwrap(), f(&e["upper"][k]), CLOSED, "upper");
    }
}

#[test]
fn plain_ci_at_level_90() {
    let fx = fixture();
    let e = &fx["km_plain_90"];
    let l = lung();
    let data = SurvivalData::from_binary(&l.time, &l.status).unwrap();
    let options = KmOptions {
        conf_type: ConfType::Plain,
        conf_level: 0.9,
    };
    let km = KaplanMeier::fit(&data, options).unwrap();
    assert_eq!(km.table.len(), e["time"].as_array().unwrap().len());
    for (k, r) in km.table.iter().enumerate() {
        assert_eq!(r.time, f(&e["time"][k]));
        assert_rel(r.surv, f(&e["surv"][k]), CLOSED, "surv");
        for (got, key) in [
            (r.std_err, "std_err"),
            (r.lower, "lower"),
            (r.upper, "upper"),
        ] {
            match (got, e[key][k].as_f64()) {
                (Some(g), Some(x)) => assert_rel(g, x, CLOSED, key),
                (g, x) => assert_eq!(g, x, "{key} at {}", r.time),
            }
        }
    }
}

#[test]
fn trend_stratified_and_rho_half() {
    let fx = fixture();
    let (data, cols) = complete();
    let ecog = Groups::from_labels(&cols[2].iter().map(|v| v.to_string()).collect::<Vec<_>>());
    let sex = Groups::from_labels(&cols[1].iter().map(|v| v.to_string()).collect::<Vec<_>>());
    let fit = survdiff(&data, &ecog, None, 0.0).unwrap();
    let t = trend_test(&fit, None).unwrap();
    let e = &fx["trend_ecog"];
    assert_rel(t.statistic, f(&e["statistic"]), CLOSED, "U");
    assert_rel(t.variance, f(&e["variance"]), CLOSED, "V");
    assert_rel(t.chisq, f(&e["chisq"]), CLOSED, "trend chisq");
    assert_rel(t.p, f(&e["p"]), CLOSED, "trend p");
    let s = survdiff(&data, &sex, Some(&ecog), 0.0).unwrap();
    let e = &fx["stratified_sex_by_ecog"];
    assert_rel(s.chisq, f(&e["chisq"]), CLOSED, "stratified chisq");
    assert_rel(s.p, f(&e["p"]), CLOSED, "stratified p");
    for g in 0..2 {
        assert_rel(s.observed[g], f(&e["observed"][g]), CLOSED, "O");
        assert_rel(s.expected[g], f(&e["expected"][g]), CLOSED, "E");
    }
    let l = lung();
    let all = SurvivalData::from_binary(&l.time, &l.status).unwrap();
    let sex_all = Groups::from_labels(
        &l.cols[1]
            .iter()
            .map(|v| v.unwrap().to_string())
            .collect::<Vec<_>>(),
    );
    let h = survdiff(&all, &sex_all, None, 0.5).unwrap();
    let e = &fx["fh_rho_half_sex"];
    assert_rel(h.chisq, f(&e["chisq"]), CLOSED, "rho 0.5 chisq");
    for g in 0..2 {
        assert_rel(h.observed[g], f(&e["observed"][g]), CLOSED, "O");
        assert_rel(h.expected[g], f(&e["expected"][g]), CLOSED, "E");
    }
}

#[test]
fn predicted_survival() {
    let fx = fixture();
    let e = &fx["predicted_efron"];
    let (data, cols) = complete();
    let options = CoxOptions {
        eps: 1e-14,
        max_iter: 100,
        ..CoxOptions::default()
    };
    let fit = cox_fit(&data, &names(), &cols, &options).unwrap();
    for (i, x) in e["newdata"].as_array().unwrap().iter().enumerate() {
        let x: Vec<f64> = x.as_array().unwrap().iter().map(f).collect();
        for (k, t) in [180.0, 365.0].iter().enumerate() {
            let s = fit.predict_survival(&x, *t).unwrap();
            assert_rel(s, f(&e["surv"][k][i]), ITERATIVE, "predicted survival");
        }
    }
}
