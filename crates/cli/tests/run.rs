//! `nomo run`, `nomo score` and `nomo validate` end to end through the binary, on the demo
//! spec. The numbers themselves are checked against R in `crates/workflow/tests/`; here: the
//! report folder, exactly one JSON document on stdout, the frozen model reproducing the
//! combined model's AUC (0.877995642701525, pROC; closed form, 1e-9 relative) on the training
//! data, and spec errors naming the file, line and key.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn nomo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomo"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("nomo runs")
}

#[test]
fn run_score_validate_demo() {
    let dir = std::env::temp_dir().join(format!("nomo-cli-run-{}", std::process::id()));
    let out = dir.join("report");
    let o = nomo(&[
        "--quiet",
        "run",
        "data/hcc_nomogram/analysis.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stdout.is_empty() && o.stderr.is_empty(),
        "--quiet prints nothing"
    );
    for f in [
        "report.json",
        "report.html",
        "report.md",
        "model.json",
        "run.log",
        "steps/lasso.json",
        "tables/table_one.csv",
        "figures/km_risk_groups.png",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    let model = out.join("model.json");
    let o = nomo(&[
        "score",
        "--model",
        model.to_str().unwrap(),
        "--data",
        "data/hcc_nomogram.csv",
        "--id",
        "patient_id",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let scored: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(scored.as_array().unwrap().len(), 78);
    assert_eq!(scored[0]["id"], "P0001");
    let vdir = dir.join("validation");
    let o = nomo(&[
        "validate",
        "--model",
        model.to_str().unwrap(),
        "--data",
        "data/hcc_nomogram.csv",
        "--out",
        vdir.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let auc = v["roc"]["auc"].as_f64().unwrap();
    assert!(
        (auc - 0.877995642701525).abs() / 0.877995642701525 < 1e-9,
        "{auc}"
    );
    assert!(vdir.join("validation.json").exists() && vdir.join("report.html").exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn spec_errors_name_line_and_key() {
    let dir = std::env::temp_dir().join(format!("nomo-cli-spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("bad.toml");
    std::fs::write(
        &spec,
        "name = \"bad\"\ncandidates = [\"age\"]\n\n[data]\nfile = \"x.csv\"\n\n[outcome]\ncolumn = \"response\"\nevent = \"progression\"\n\n[[models]]\nname = \"a\"\nterms = [\"age\"]\n\n[nomogram]\nmodel = \"b\"\n",
    )
    .unwrap();
    let o = nomo(&["run", spec.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.toml:16")
            && err.contains("nomogram.model")
            && err.contains("unknown model `b`"),
        "{err}"
    );
    std::fs::write(&spec, "name = \"bad\"\ncandidates = 3\n").unwrap();
    let o = nomo(&["run", spec.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("bad.toml:2"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
