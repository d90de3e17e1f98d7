//! Cox models on `lung` against R 4.2.2 / survival 3.5-3 (coxph, eps = 1e-14):
//! crates/testdata/reference/lung.json, `cox_efron` and `cox_breslow`.

use nomo_survival::{CoxOptions, SurvivalData, Ties, cox_fit};
use nomo_testdata::{assert_rel, read_csv, reference};
use serde_json::Value;

/// Coefficients, SEs and everything derived from the fit: iterative, 1e-6 relative.
const ITERATIVE: f64 = 1e-6;
/// Concordance: 1e-9 relative.
const CONCORDANCE: f64 = 1e-9;

fn check(ties: Ties, e: &Value) {
    let csv = read_csv("lung.csv");
    let ecog = csv.num("ph.ecog");
    let rows: Vec<usize> = (0..ecog.len()).filter(|&i| ecog[i].is_some()).collect();
    let pick = |col: &str| -> Vec<f64> {
        let v = csv.num(col);
        rows.iter().map(|&i| v[i].unwrap()).collect()
    };
    let status: Vec<f64> = pick("status").iter().map(|&s| s - 1.0).collect();
    let data = SurvivalData::from_binary(&pick("time"), &status).unwrap();
    let names: Vec<String> = ["age", "sex", "ph.ecog"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let columns = vec![pick("age"), pick("sex"), pick("ph.ecog")];
    let options = CoxOptions {
        ties,
        eps: 1e-14,
        max_iter: 100,
        conf_level: 0.95,
    };
    let fit = cox_fit(&data, &names, &columns, &options).unwrap();
    for (c, r) in fit
        .coefficients
        .iter()
        .zip(e["coefficients"].as_array().unwrap())
    {
        assert_eq!(c.term, r["term"].as_str().unwrap());
        for (got, key) in [
            (c.coef, "coef"),
            (c.hr, "hr"),
            (c.se, "se"),
            (c.z, "z"),
            (c.p, "p"),
            (c.hr_lower, "hr_lower"),
            (c.hr_upper, "hr_upper"),
        ] {
            assert_rel(
                got.unwrap(),
                r[key].as_f64().unwrap(),
                ITERATIVE,
                &format!("{} {key}", c.term),
            );
        }
    }
    assert_rel(
        fit.loglik_null,
        e["loglik_null"].as_f64().unwrap(),
        ITERATIVE,
        "loglik_null",
    );
    assert_rel(
        fit.loglik,
        e["loglik"].as_f64().unwrap(),
        ITERATIVE,
        "loglik",
    );
    for (t, key) in [
        (fit.lr_test, "lr_test"),
        (fit.wald_test, "wald_test"),
        (fit.score_test, "score_test"),
    ] {
        assert_rel(t.chisq, e[key]["chisq"].as_f64().unwrap(), ITERATIVE, key);
        assert_rel(t.p, e[key]["p"].as_f64().unwrap(), ITERATIVE, key);
        assert_eq!(t.df as f64, e[key]["df"].as_f64().unwrap());
    }
    assert_rel(
        fit.concordance,
        e["concordance"].as_f64().unwrap(),
        CONCORDANCE,
        "concordance",
    );
    assert_rel(
        fit.concordance_se,
        e["concordance_se"].as_f64().unwrap(),
        CONCORDANCE,
        "concordance_se",
    );
    assert_eq!(fit.n as f64, e["n"].as_f64().unwrap());
    assert_eq!(fit.n_events as f64, e["n_events"].as_f64().unwrap());
    assert!(fit.warnings.is_empty());
}

#[test]
fn cox_efron() {
    check(Ties::Efron, &reference("lung.json")["cox_efron"]);
}

#[test]
fn cox_breslow() {
    check(Ties::Breslow, &reference("lung.json")["cox_breslow"]);
}
