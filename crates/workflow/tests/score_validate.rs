//! Frozen model end to end: train on the first half of `data/hcc_radiomics.csv`, freeze the
//! model (`model.json` written and read back), score both halves and validate it on the second
//! half without refitting. Tolerances: scoring reproduces the training fit's probabilities to
//! 1e-12 relative (same arithmetic on the same numbers); the external AUC equals the
//! Mann–Whitney AUC of the frozen probabilities recomputed here to 1e-12.

use std::path::{Path, PathBuf};

use nomo_workflow::{FrozenModel, LoadedSpec, RunOptions, run, validate};

fn split_halves(dir: &Path) -> (PathBuf, PathBuf) {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/hcc_radiomics.csv");
    let text = std::fs::read_to_string(src).expect("data");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let rows: Vec<&str> = lines.collect();
    let (a, b) = rows.split_at(rows.len() / 2);
    let write = |name: &str, part: &[&str]| {
        let p = dir.join(name);
        std::fs::write(&p, format!("{header}\n{}\n", part.join("\n"))).expect("write");
        p
    };
    (write("train.csv", a), write("external.csv", b))
}

const SPEC: &str = r#"
name = "half"
seed = 5
candidates = ["t2sir_post", "adc_mean_post", "nlr", "child_pugh"]

[data]
file = "train.csv"
id = "patient_id"

[data.types]
child_pugh = { type = "categorical", reference = "A" }

[outcome]
column = "response"
event = "progression"

[survival.pfs]
time = "pfs_months"
status = "pfs_event"

[[derive]]
name = "t2sir_post"
expr = "t2_tumor_post / t2_muscle_post"
[[derive]]
name = "nlr"
expr = "neutrophils / lymphocytes"

[[models]]
name = "combined"
terms = ["t2sir_post", "adc_mean_post", "nlr", "child_pugh"]

[nomogram]
model = "combined"

[risk_groups]
model = "combined"
survival = "pfs"
"#;

fn mann_whitney(p: &[f64], y: &[f64]) -> f64 {
    let (mut num, mut pairs) = (0.0, 0.0);
    for (_, &pi) in p.iter().enumerate().filter(|(i, _)| y[*i] == 1.0) {
        for (_, &pj) in p.iter().enumerate().filter(|(j, _)| y[*j] == 0.0) {
            num += if pi > pj {
                1.0
            } else if pi == pj {
                0.5
            } else {
                0.0
            };
            pairs += 1.0;
        }
    }
    num / pairs
}

#[test]
fn train_freeze_score_validate() {
    let dir = std::env::temp_dir().join(format!("nomo-score-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (train, external) = split_halves(&dir);
    let spec_path = dir.join("analysis.toml");
    std::fs::write(&spec_path, SPEC).unwrap();
    let loaded = LoadedSpec::from_file(&spec_path).expect("spec");
    let result = run(&loaded, &RunOptions::default()).expect("run");
    let out = dir.join("report");
    nomo_workflow::write::write_report(&result, &out).expect("write");
    let model = FrozenModel::read(&out.join("model.json")).expect("model.json");
    assert_eq!(model.training.n, 150);
    assert!(
        model
            .variables
            .iter()
            .any(|v| v.name == "child_pugh" && v.kind == "categorical")
    );
    assert!(model.cutoff.is_some());

    // Scoring the training file reproduces the fit's probabilities.
    let mut t = nomo_ingest::read_table(&train, &model.read_options()).unwrap();
    model.derive(&mut t).unwrap();
    let scored = model.score(&t, Some("patient_id")).unwrap();
    let fitted = &result.report.models[0].predicted;
    assert_eq!(scored.len(), fitted.len());
    for (s, p) in scored.iter().zip(fitted) {
        assert!(
            ((s.probability - p) / p).abs() < 1e-12,
            "{} vs {p}",
            s.probability
        );
        assert!(s.probability_lower < s.probability && s.probability < s.probability_upper);
        assert!(s.total_points.is_finite());
    }

    // External validation on the other half: frozen probabilities, fixed direction.
    let ext = nomo_ingest::read_table(&external, &model.read_options()).unwrap();
    let v = validate(&model, ext).expect("validate");
    assert_eq!(v.n_used, 150);
    let auc = mann_whitney(&v.predicted, &v.y);
    assert!((v.roc.auc - auc).abs() < 1e-12, "{} vs {auc}", v.roc.auc);
    assert_eq!(v.roc.direction.as_str(), "<");
    assert!(v.val_prob.slope.is_finite() && v.val_prob.calibration_in_the_large.is_finite());
    assert_eq!(v.dca.thresholds.len(), 99);
    let rg = v.risk_groups.as_ref().expect("risk groups");
    assert_eq!(rg.n_low + rg.n_high, 150);
    let files = nomo_workflow::write::write_validation(&v, &dir.join("validation"))
        .expect("write validation");
    assert!(files.contains(&"validation.json".to_string()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unseen_level_and_missing_column_are_clear_errors() {
    let dir = std::env::temp_dir().join(format!("nomo-score-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, external) = split_halves(&dir);
    let model_json = {
        let spec_path = dir.join("analysis.toml");
        std::fs::write(&spec_path, SPEC).unwrap();
        let loaded = LoadedSpec::from_file(&spec_path).unwrap();
        let result = run(&loaded, &RunOptions::default()).unwrap();
        result.model.unwrap()
    };
    // an unseen Child-Pugh level
    let text = std::fs::read_to_string(&external).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[3] = lines[3]
        .replacen("\"A\"", "\"C\"", 1)
        .replacen("\"B\"", "\"C\"", 1);
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let mut t = nomo_ingest::read_table(&bad, &model_json.read_options()).unwrap();
    model_json.derive(&mut t).unwrap();
    let err = model_json.score(&t, None).unwrap_err().to_string();
    assert!(
        err.contains("child_pugh") && err.contains("row 4") && err.contains("`C`"),
        "{err}"
    );
    // a missing derivation input
    let header_dropped: Vec<String> = text
        .lines()
        .map(|l| {
            l.split(',')
                .enumerate()
                .filter(|(k, _)| *k != 22)
                .map(|(_, c)| c)
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    let no_lymph = dir.join("no_lymph.csv");
    std::fs::write(&no_lymph, header_dropped.join("\n")).unwrap();
    let mut t = nomo_ingest::read_table(&no_lymph, &model_json.read_options()).unwrap();
    let err = model_json.derive(&mut t).unwrap_err().to_string();
    assert!(err.contains("lymphocytes"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
