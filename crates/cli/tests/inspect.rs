//! `nomo inspect` end to end: the built binary on the shipped cohort, JSON on stdout only,
//! inference on stderr, `--quiet`, and errors with a non-zero exit. Exact comparisons (counts,
//! and numbers copied from the file).

use std::process::Command;

fn nomo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run nomo")
}

#[test]
fn json_overview_of_the_demo_cohort() {
    let out = nomo(&["inspect", "data/hcc_nomogram.csv", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(json["n_rows"], 78);
    assert_eq!(json["n_columns"], 32);
    assert_eq!(json["delimiter"], ",");
    let columns = json["columns"].as_array().unwrap();
    let age = &columns[2];
    assert_eq!(age["name"], "age");
    assert_eq!(age["type"], "integer");
    assert_eq!(age["n_missing"], 0);
    assert_eq!(age["median"], 53.0);
    let etiology = &columns[3];
    assert_eq!(etiology["type"], "categorical");
    assert_eq!(etiology["levels"][0]["level"], "HBV");
    assert_eq!(etiology["levels"][0]["count"], 55);
    // the inference goes to stderr, never stdout
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("age: integer (inferred: numeric, whole numbers)"),
        "{stderr}"
    );
}

#[test]
fn quiet_silences_the_inference_and_text_output_is_a_table() {
    let out = nomo(&["--quiet", "inspect", "data/lung.csv"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("data/lung.csv: 228 rows × 10 columns, delimiter ,"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("wt.loss") && l.contains("integer") && l.contains(" 14 ")),
        "{text}"
    );
}

#[test]
fn derived_columns_and_errors() {
    let out = nomo(&[
        "inspect",
        "data/hcc_nomogram.csv",
        "--derive",
        "nlr=neutrophils/lymphocytes",
        "--json",
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["n_columns"], 33);
    assert_eq!(json["columns"][32]["name"], "nlr");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nlr = neutrophils/lymphocytes: no missing values"),
        "{stderr}"
    );

    let out = nomo(&[
        "inspect",
        "data/hcc_nomogram.csv",
        "--derive",
        "x=neutrophils/)",
    ]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("neutrophils/)\n"), "{stderr}");

    let out = nomo(&["inspect", "data/no_such.csv"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}
