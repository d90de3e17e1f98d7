//! `nomo describe`, `nomo agreement` and `nomo correlate` on the shipped cohorts: the JSON
//! is the library's result (checked against R's values from `hcc_nomogram.json` to 1e-9
//! relative), and the text table has the publication format.

use std::process::Command;

use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn nomo(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run nomo");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "nomo {args:?} failed: {stderr}");
    (stdout, stderr)
}

fn json(args: &[&str]) -> Value {
    let (stdout, _) = nomo(args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("one JSON document: {e}\n{stdout}"))
}

fn rel(got: f64, want: f64) -> f64 {
    ((got - want) / want).abs()
}

#[test]
fn describe_json_matches_r_table_one() {
    let v = json(&[
        "--quiet",
        "describe",
        "--data",
        "data/hcc_nomogram.csv",
        "--by",
        "response",
        "--vars",
        "age,nlr,sex,treatment",
        "--derive",
        "nlr=neutrophils/lymphocytes",
        "--json",
    ]);
    assert_eq!(v["groups"][0]["label"], "control");
    let age = &v["rows"][0];
    assert_eq!(age["kind"], "continuous");
    // R: table_one$continuous[age]; tolerance 1e-9 relative
    assert!(rel(age["overall"]["mean"].as_f64().unwrap(), 54.0769230769231) < 1e-9);
    assert!(rel(age["groups"][1]["q1"].as_f64().unwrap(), 46.5) < 1e-9);
    assert!(rel(age["shapiro_p"].as_f64().unwrap(), 0.0660080831378926) < 1e-9);
    let welch = age["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["test"] == "welch_t")
        .unwrap();
    assert!(rel(welch["p"].as_f64().unwrap(), 0.789984900732505) < 1e-9);
    let nlr = &v["rows"][1];
    assert_eq!(nlr["display"], "median_iqr");
    let wil = nlr["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["test"] == "wilcoxon")
        .unwrap();
    assert!(rel(wil["p"].as_f64().unwrap(), 0.00216325219547301) < 1e-9);
    let treatment = &v["rows"][3];
    let fisher = treatment["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["test"] == "fisher")
        .unwrap();
    assert!(rel(fisher["p"].as_f64().unwrap(), 0.744312586417848) < 1e-9);
    assert_eq!(treatment["test"], "fisher");
}

#[test]
fn describe_prints_a_publication_table() {
    let (text, _) = nomo(&[
        "--quiet",
        "describe",
        "--data",
        "data/hcc_nomogram.csv",
        "--by",
        "response",
        "--vars",
        "age,nlr,sex",
        "--derive",
        "nlr=neutrophils/lymphocytes",
    ]);
    assert!(text.contains("age, mean ± SD"), "{text}");
    assert!(text.contains("54.1 ± 8.9"), "{text}");
    assert!(text.contains("nlr, median (Q1, Q3)"), "{text}");
    assert!(text.contains("2.7 (1.7, 4.2)"), "{text}");
    assert!(text.contains("66 (84.6%)"), "{text}");
    assert!(text.contains("0.790"), "{text}");
    assert!(!text.contains("NaN"));
    let (md, _) = nomo(&[
        "--quiet",
        "describe",
        "--data",
        "data/hcc_nomogram.csv",
        "--by",
        "response",
        "--vars",
        "t2_tumor_post,sex",
        "--markdown",
    ]);
    assert!(md.starts_with("| Variable |"), "{md}");
    let (csv, _) = nomo(&[
        "--quiet",
        "describe",
        "--data",
        "data/hcc_nomogram.csv",
        "--by",
        "response",
        "--vars",
        "age",
        "--csv",
    ]);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("\"age, mean ± SD\",54.1 ± 8.9"),
        "{csv}"
    );
}

#[test]
fn describe_single_group_says_why_no_test() {
    let (text, _) = nomo(&[
        "--quiet",
        "describe",
        "--data",
        "data/hcc_readers.csv",
        "--by",
        "capsule_r1",
        "--vars",
        "adc_mean_post_r1",
    ]);
    assert!(text.contains("adc_mean_post_r1"), "{text}");
    let one = json(&[
        "--quiet",
        "describe",
        "--data",
        "data/hcc_nomogram.csv",
        "--by",
        "treatment",
        "--vars",
        "age",
        "--json",
    ]);
    // three groups, one of them with a single patient: ANOVA and Kruskal–Wallis still run
    assert_eq!(one["groups"].as_array().unwrap().len(), 3);
    let notes = one["rows"][0]["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().unwrap().contains("SD not computable"))
    );
}

#[test]
fn agreement_matches_psych() {
    let v = json(&[
        "--quiet",
        "agreement",
        "--data",
        "data/hcc_readers.csv",
        "--pair",
        "adc_mean_post_r1:adc_mean_post_r2",
        "--json",
    ]);
    assert_eq!(v["kind"], "icc");
    let rows = v["icc"]["rows"].as_array().unwrap();
    assert_eq!(rows[0]["type"], "ICC1");
    // R: interobserver$icc; tolerance 1e-9 relative
    assert!(rel(rows[0]["icc"].as_f64().unwrap(), 0.968688318017038) < 1e-9);
    assert!(rel(rows[4]["lower"].as_f64().unwrap(), 0.975079376245255) < 1e-9);
    let k = json(&[
        "--quiet",
        "agreement",
        "--data",
        "data/hcc_readers.csv",
        "--pair",
        "capsule_r1:capsule_r2",
        "--kind",
        "kappa",
        "--json",
    ]);
    assert!(
        rel(
            k["kappa"]["unweighted"]["kappa"].as_f64().unwrap(),
            0.873376623376623
        ) < 1e-9
    );
    assert!(
        rel(
            k["kappa"]["unweighted"]["lower"].as_f64().unwrap(),
            0.752705839983451
        ) < 1e-9
    );
    let (text, _) = nomo(&[
        "--quiet",
        "agreement",
        "--data",
        "data/hcc_readers.csv",
        "--pair",
        "capsule_r1:capsule_r2",
    ]);
    assert!(text.contains("unweighted"), "{text}");
}

#[test]
fn correlate_screens_with_adjusted_p() {
    let v = json(&[
        "--quiet",
        "correlate",
        "--data",
        "data/hcc_radiomics.csv",
        "--x",
        "rad_firstorder_001,rad_glrlm_002",
        "--y",
        "neutrophils,albumin",
        "--method",
        "spearman",
        "--adjust",
        "holm",
        "--json",
    ]);
    assert_eq!(v["method"], "spearman");
    assert_eq!(v["adjust"], "holm");
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 4);
    for p in pairs {
        let raw = p["p"].as_f64().unwrap();
        assert!(p["p_holm"].as_f64().unwrap() >= raw);
        assert!(p["p_bonferroni"].as_f64().unwrap() >= p["p_holm"].as_f64().unwrap());
    }
    let (text, stderr) = nomo(&[
        "correlate",
        "--data",
        "data/hcc_radiomics.csv",
        "--x",
        "rad_glcm*",
        "--y",
        "albumin",
    ]);
    assert!(text.contains("rho"), "{text}");
    assert!(stderr.contains("exact = FALSE"), "{stderr}");
}
