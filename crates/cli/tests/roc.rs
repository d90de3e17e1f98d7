//! `nomo roc` end to end: the built binary on the shipped aSAH cohort against pROC 1.18
//! (`crates/testdata/reference/asah.json`, 1e-9 relative), the JSON contract's keys, the joint
//! test (R value from `scripts/roc_fixtures.R`, 1e-9 relative), complete cases with the dropped
//! rows on stderr, the bootstrap's seed, and errors with a non-zero exit.

use std::process::Command;

use serde_json::Value;

/// R's reference values (`crates/testdata/reference/<file>`).
fn reference(file: &str) -> Value {
    let path = format!(
        "{}/../testdata/reference/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[track_caller]
fn assert_rel(actual: f64, expected: f64, rel: f64, what: &str) {
    assert!(
        ((actual - expected) / expected).abs() <= rel,
        "{what}: got {actual:e}, R says {expected:e} (rel. tolerance {rel:e})"
    );
}

fn nomo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run nomo")
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

const ASAH: [&str; 7] = [
    "roc",
    "--data",
    "data/asah.csv",
    "--outcome",
    "outcome",
    "--event",
    "Poor",
];

#[test]
fn three_scores_match_proc_and_the_json_contract() {
    let mut args = ASAH.to_vec();
    args.extend([
        "--score", "wfns", "--score", "s100b", "--score", "ndka", "--json",
    ]);
    let out = nomo(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(keys(&json), ["comparisons", "curves", "joint_test"]);
    let r = reference("asah.json");
    let curves = json["curves"].as_array().unwrap();
    assert_eq!(curves.len(), 3);
    for c in curves {
        assert_eq!(
            keys(c),
            [
                "auc",
                "ci_lower",
                "ci_upper",
                "direction",
                "n_cases",
                "n_controls",
                "name",
                "variance",
                "youden"
            ]
        );
        let name = c["name"].as_str().unwrap();
        let e = &r["roc"][name];
        for (k, rk) in [
            ("auc", "auc"),
            ("ci_lower", "ci_lower"),
            ("ci_upper", "ci_upper"),
            ("variance", "var_delong"),
        ] {
            assert_rel(
                c[k].as_f64().unwrap(),
                e[rk].as_f64().unwrap(),
                1e-9,
                &format!("{name} {k}"),
            );
        }
        assert_eq!(c["direction"], e["direction"]);
        assert_eq!(c["n_cases"], e["n_cases"]);
        assert_eq!(c["n_controls"], e["n_controls"]);
        let y = &c["youden"][0];
        assert_eq!(
            keys(y),
            [
                "accuracy",
                "npv",
                "ppv",
                "sensitivity",
                "specificity",
                "threshold"
            ]
        );
        // thresholds as R wrote them: 15 significant digits
        let t = |v: &Value| format!("{:.14e}", v.as_f64().unwrap());
        assert_eq!(
            t(&y["threshold"]),
            t(&e["youden"][0]["threshold"]),
            "{name} threshold"
        );
        for k in ["sensitivity", "specificity", "ppv", "npv", "accuracy"] {
            assert_rel(
                y[k].as_f64().unwrap(),
                e["youden"][0][k].as_f64().unwrap(),
                1e-9,
                k,
            );
        }
    }
    let comparisons = json["comparisons"].as_array().unwrap();
    assert_eq!(comparisons.len(), 3);
    let first = &comparisons[0];
    assert_eq!(
        keys(first),
        [
            "a",
            "b",
            "df",
            "difference",
            "difference_ci_lower",
            "difference_ci_upper",
            "method",
            "p",
            "statistic"
        ]
    );
    assert_eq!(
        (first["a"].as_str(), first["b"].as_str()),
        (Some("wfns"), Some("s100b"))
    );
    assert_eq!(first["method"], "delong_paired");
    assert!(first["df"].is_null());
    let e = &r["delong_paired"]["wfns_vs_s100b"];
    assert_rel(
        first["statistic"].as_f64().unwrap(),
        e["z"].as_f64().unwrap(),
        1e-9,
        "z",
    );
    assert_rel(
        first["p"].as_f64().unwrap(),
        e["p"].as_f64().unwrap(),
        1e-9,
        "p",
    );
    let e = &r["delong_paired"]["s100b_vs_ndka"];
    assert_rel(
        comparisons[2]["statistic"].as_f64().unwrap(),
        e["z"].as_f64().unwrap(),
        1e-9,
        "z",
    );
    // scripts/roc_fixtures.R: joint$asah_wfns_s100b_ndka
    let j = &json["joint_test"];
    assert_eq!(keys(j), ["chisq", "df", "p"]);
    assert_rel(
        j["chisq"].as_f64().unwrap(),
        12.5127282824235,
        1e-9,
        "chisq",
    );
    assert_eq!(j["df"], 2);
    assert_rel(j["p"].as_f64().unwrap(), 0.00191820746461051, 1e-9, "p");
}

#[test]
fn two_scores_have_no_joint_test_and_bootstrap_depends_on_the_seed_only() {
    let mut args = ASAH.to_vec();
    args.extend([
        "--score",
        "wfns",
        "--score",
        "s100b",
        "--compare",
        "bootstrap",
        "--json",
    ]);
    let run = |seed: &str| {
        let mut a = args.clone();
        a.extend(["--seed", seed]);
        let out = nomo(&a);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let one = run("1");
    assert!(one.get("joint_test").is_none());
    assert_eq!(one["comparisons"][0]["method"], "bootstrap_paired");
    assert_eq!(one, run("1"));
    assert_ne!(
        one["comparisons"][0]["statistic"],
        run("2")["comparisons"][0]["statistic"]
    );
}

#[test]
fn complete_cases_are_reported_on_stderr_and_quiet_silences_them() {
    let args = [
        "roc",
        "--data",
        "data/lung.csv",
        "--outcome",
        "sex",
        "--event",
        "2",
        "--score",
        "wt.loss",
        "--score",
        "meal.cal",
        "--direction",
        "<",
        "--json",
    ];
    let out = nomo(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("rows dropped"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &json["curves"][0];
    assert_eq!(c["direction"], "<");
    let n = c["n_cases"].as_u64().unwrap() + c["n_controls"].as_u64().unwrap();
    assert_eq!(
        n,
        json["curves"][1]["n_cases"].as_u64().unwrap()
            + json["curves"][1]["n_controls"].as_u64().unwrap()
    );
    assert!(n < 228);
    let mut quiet = vec!["--quiet"];
    quiet.extend(args);
    let out = nomo(&quiet);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_input_exits_with_an_error() {
    // a text column is not a score
    let mut args = ASAH.to_vec();
    args.extend(["--score", "gender", "--json"]);
    let out = nomo(&args);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("score column gender is not numeric"),
        "{stderr}"
    );
    let out = nomo(&[
        "roc",
        "--data",
        "data/asah.csv",
        "--outcome",
        "outcome",
        "--event",
        "Nope",
        "--score",
        "s100b",
    ]);
    assert!(!out.status.success());
    let mut args = ASAH.to_vec();
    args.extend(["--score", "s100b", "--direction", "up"]);
    assert!(!nomo(&args).status.success());
}

#[test]
fn text_output_summarises_each_curve() {
    let mut args = vec!["--quiet"];
    args.extend(ASAH);
    args.extend(["--score", "s100b"]);
    let out = nomo(&args);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(
            "s100b: AUC 0.7314 (95% CI 0.6301 to 0.8326), direction <, 41 cases, 72 controls"
        ),
        "{text}"
    );
    assert!(text.contains("Youden cutoff 0.205"), "{text}");
}
