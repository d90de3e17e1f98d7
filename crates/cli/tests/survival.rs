//! `nomo km` and `nomo cox` end to end on data/lung.csv against R 4.2.2 / survival 3.5-3
//! (crates/testdata/reference/lung.json). KM and log-rank: 1e-9 relative; Cox: 1e-6 relative
//! (the CLI converges to eps = 1e-10, R's reference to 1e-14); concordance 1e-9.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn reference() -> Value {
    let path = root().join("crates/testdata/reference/lung.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn nomo(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nomo"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn close(a: f64, b: f64, rel: f64, what: &str) {
    assert!(
        ((a - b) / b.abs().max(1e-300)).abs() <= rel,
        "{what}: got {a}, R says {b}"
    );
}

#[test]
fn km_by_sex_matches_r() {
    let r = reference();
    let (ok, out, err) = nomo(&[
        "--quiet",
        "km",
        "--data",
        "data/lung.csv",
        "--time",
        "time",
        "--status",
        "status",
        "--group",
        "sex",
        "--json",
    ]);
    assert!(ok, "{err}");
    assert!(err.is_empty(), "--quiet leaves stderr empty: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let strata = v["strata"].as_array().unwrap();
    assert_eq!(strata[0]["name"], "sex=1");
    let rows: Vec<&Value> = strata
        .iter()
        .flat_map(|s| s["table"].as_array().unwrap())
        .collect();
    let expected = r["km_by_sex"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (row, e) in rows.iter().zip(expected) {
        for key in ["time", "n_risk", "n_event", "n_censor"] {
            assert_eq!(row[key].as_f64(), e[key].as_f64(), "{key}");
        }
        for key in ["surv", "std_err", "lower", "upper"] {
            match (row[key].as_f64(), e[key].as_f64()) {
                (Some(a), Some(b)) => close(a, b, 1e-9, key),
                (a, b) => assert_eq!(a, b, "{key}"),
            }
        }
    }
    for (s, m) in strata
        .iter()
        .zip(r["km_by_sex_medians"].as_array().unwrap())
    {
        close(
            s["median"].as_f64().unwrap(),
            m["median"].as_f64().unwrap(),
            1e-9,
            "median",
        );
        close(
            s["median_lower"].as_f64().unwrap(),
            m["lower"].as_f64().unwrap(),
            1e-9,
            "lower",
        );
        close(
            s["median_upper"].as_f64().unwrap(),
            m["upper"].as_f64().unwrap(),
            1e-9,
            "upper",
        );
    }
    let lr = &v["logrank"];
    let e = &r["logrank_sex"];
    for key in ["chisq", "p"] {
        close(
            lr[key].as_f64().unwrap(),
            e[key].as_f64().unwrap(),
            1e-9,
            key,
        );
    }
    assert_eq!(lr["df"], 1);
    for g in 0..2 {
        close(
            lr["observed"][g].as_f64().unwrap(),
            e["observed"][g].as_f64().unwrap(),
            1e-9,
            "O",
        );
        close(
            lr["expected"][g].as_f64().unwrap(),
            e["expected"][g].as_f64().unwrap(),
            1e-9,
            "E",
        );
    }
}

#[test]
fn km_at_requested_times_with_loglog() {
    let (ok, out, err) = nomo(&[
        "km",
        "--data",
        "data/lung.csv",
        "--time",
        "time",
        "--status",
        "status",
        "--times",
        "180,365,5000",
        "--conf-type",
        "log-log",
        "--json",
    ]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let table = v["strata"][0]["table"].as_array().unwrap();
    // 5000 is past the last follow-up (1022 days): dropped, as summary(survfit, times) does
    assert_eq!(table.len(), 2);
    assert_eq!(table[0]["time"], 180.0);
    assert!(v["logrank"].is_null());
}

#[test]
fn cox_matches_r() {
    let r = reference();
    let e = &r["cox_efron"];
    let (ok, out, err) = nomo(&[
        "cox",
        "--data",
        "data/lung.csv",
        "--time",
        "time",
        "--status",
        "status",
        "--covariates",
        "age,sex,ph.ecog",
        "--json",
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("1 row dropped"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    for (c, x) in v["coefficients"]
        .as_array()
        .unwrap()
        .iter()
        .zip(e["coefficients"].as_array().unwrap())
    {
        assert_eq!(c["term"], x["term"]);
        for key in ["coef", "hr", "se", "z", "p", "hr_lower", "hr_upper"] {
            close(
                c[key].as_f64().unwrap(),
                x[key].as_f64().unwrap(),
                1e-6,
                key,
            );
        }
    }
    for key in ["lr_test", "wald_test", "score_test"] {
        close(
            v[key]["chisq"].as_f64().unwrap(),
            e[key]["chisq"].as_f64().unwrap(),
            1e-6,
            key,
        );
    }
    close(
        v["loglik"].as_f64().unwrap(),
        e["loglik"].as_f64().unwrap(),
        1e-6,
        "loglik",
    );
    close(
        v["concordance"].as_f64().unwrap(),
        e["concordance"].as_f64().unwrap(),
        1e-9,
        "C",
    );
    close(
        v["concordance_se"].as_f64().unwrap(),
        e["concordance_se"].as_f64().unwrap(),
        1e-9,
        "se",
    );
    assert_eq!(v["n"], 227);
    assert_eq!(v["n_events"], 164);

    let (ok, out, _) = nomo(&[
        "cox",
        "--data",
        "data/lung.csv",
        "--time",
        "time",
        "--status",
        "status",
        "--covariates",
        "age,sex,ph.ecog",
        "--ties",
        "breslow",
        "--json",
    ]);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    let x = &r["cox_breslow"]["coefficients"][1];
    close(
        v["coefficients"][1]["coef"].as_f64().unwrap(),
        x["coef"].as_f64().unwrap(),
        1e-6,
        "breslow",
    );
}

#[test]
fn bad_status_is_refused() {
    // `inst` is not a status column: its values are neither 0/1 nor 1/2
    let (ok, out, err) = nomo(&[
        "km",
        "--data",
        "data/lung.csv",
        "--time",
        "time",
        "--status",
        "inst",
        "--json",
    ]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(!err.is_empty());
}

/// A text group column (quoted, as R writes it) gives the same curves and test as the same
/// grouping coded in numbers: `sex` 1/2 rewritten as "m"/"f" ("f" sorts first).
#[test]
fn km_by_text_group_matches_numeric_group() {
    let lung = std::fs::read_to_string(root().join("data/lung.csv")).unwrap();
    let sex = 4; // column of `sex` in data/lung.csv
    let text: String = lung
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut fields: Vec<String> = line.split(',').map(str::to_string).collect();
            if i > 0 {
                fields[sex] = if fields[sex] == "1" { "\"m\"" } else { "\"f\"" }.to_string();
            }
            fields.join(",") + "\n"
        })
        .collect();
    let path = std::env::temp_dir().join(format!("nomo-km-text-group-{}.csv", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let run = |data: &str| {
        let (ok, out, err) = nomo(&[
            "--quiet", "km", "--data", data, "--time", "time", "--status", "status", "--group",
            "sex", "--json",
        ]);
        assert!(ok, "{err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    let coded = run("data/lung.csv");
    let named = run(path.to_str().unwrap());
    std::fs::remove_file(&path).unwrap();
    let names: Vec<&str> = named["strata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sex=f", "sex=m"]);
    // sex=f is sex=2, sex=m is sex=1; the same rows in the same order go through the same
    // arithmetic, so the tables are compared exactly (tolerance 0)
    assert_eq!(named["strata"][0]["table"], coded["strata"][1]["table"]);
    assert_eq!(named["strata"][1]["table"], coded["strata"][0]["table"]);
    // the other group is the reference of the 1-df statistic here: equal up to rounding
    close(
        named["logrank"]["chisq"].as_f64().unwrap(),
        coded["logrank"]["chisq"].as_f64().unwrap(),
        1e-12,
        "chisq",
    );
}
