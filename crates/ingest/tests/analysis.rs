//! Analysis data: complete cases over exactly the variables named, counts of what was dropped,
//! R's treatment coding and term names, outcome and status coding. Exact comparisons (0/1
//! codes and copied values).

use nomo_ingest::{AnalysisSpec, BinaryOutcome, ReadOptions, SurvivalOutcome, Table, read_table};
use nomo_testdata::{data_path, read_csv};

fn load(file: &str) -> Table {
    read_table(data_path(file), &ReadOptions::default()).unwrap()
}

fn names(data: &nomo_ingest::AnalysisData) -> Vec<&str> {
    data.terms.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn treatment_coding_and_term_names() {
    let t = load("hcc_nomogram.csv");
    let data = t
        .analysis(&AnalysisSpec {
            binary: Some(BinaryOutcome {
                column: "response".into(),
                event: "progression".into(),
            }),
            predictors: vec![
                "age".into(),
                "etiology".into(),
                "sex".into(),
                "pvtt".into(),
                "treatment".into(),
            ],
            ..AnalysisSpec::default()
        })
        .unwrap();
    // R: glm(y ~ age + etiology + sex + pvtt + treatment) coefficient names
    assert_eq!(
        names(&data),
        [
            "age",
            "etiologyHCV",
            "etiologyother",
            "sexM",
            "pvtt",
            "treatmentimmunotherapy",
            "treatmenttargeted"
        ]
    );
    assert_eq!((data.n_used, data.n_dropped), (78, 0));
    assert_eq!(data.summary(), "no rows dropped");
    let csv = read_csv("hcc_nomogram.csv");
    let y: Vec<f64> = csv
        .text("response")
        .iter()
        .map(|r| f64::from(u8::from(r.as_deref() == Some("progression"))))
        .collect();
    assert_eq!(data.y.as_ref().unwrap(), &y);
    assert_eq!(data.y.as_ref().unwrap().iter().sum::<f64>(), 27.0);
    let hcv: Vec<f64> = csv
        .text("etiology")
        .iter()
        .map(|e| f64::from(u8::from(e.as_deref() == Some("HCV"))))
        .collect();
    assert_eq!(data.terms[1].values, hcv);
    assert_eq!(data.terms[1].column, "etiology");
    assert_eq!(data.terms[0].values, csv.num_complete("age"));
}

#[test]
fn numeric_outcome_matches_the_event_as_written() {
    let t = load("hcc_nomogram.csv");
    let spec = |event: &str| AnalysisSpec {
        binary: Some(BinaryOutcome {
            column: "pfs_event".into(),
            event: event.into(),
        }),
        ..AnalysisSpec::default()
    };
    let one = t.analysis(&spec("1")).unwrap();
    let csv = read_csv("hcc_nomogram.csv");
    assert_eq!(one.y.unwrap(), csv.num_complete("pfs_event"));
    let zero = t.analysis(&spec("0")).unwrap();
    assert!(
        zero.y
            .unwrap()
            .iter()
            .zip(csv.num_complete("pfs_event"))
            .all(|(a, b)| a + b == 1.0)
    );
}

#[test]
fn complete_case_counts_per_column() {
    let t = load("lung.csv");
    let data = t
        .analysis(&AnalysisSpec {
            survival: Some(SurvivalOutcome {
                time: "time".into(),
                status: "status".into(),
                event: None,
            }),
            predictors: vec!["age".into(), "ph.ecog".into(), "wt.loss".into()],
            group: Some("sex".into()),
            ..AnalysisSpec::default()
        })
        .unwrap();
    // R: nrow(na.omit(lung[, c("time","status","age","ph.ecog","wt.loss","sex")])) == 213
    assert_eq!((data.n_used, data.n_dropped), (213, 15));
    assert_eq!(
        data.summary(),
        "15 rows dropped: missing ph.ecog (1), wt.loss (14)"
    );
    assert_eq!(data.rows.len(), 213);
    // Surv reading of 1/2: 2 is the event; lung has 165 deaths overall
    let all = t
        .analysis(&AnalysisSpec {
            survival: Some(SurvivalOutcome {
                time: "time".into(),
                status: "status".into(),
                event: None,
            }),
            ..AnalysisSpec::default()
        })
        .unwrap();
    assert_eq!(all.status.as_ref().unwrap().iter().sum::<f64>(), 165.0);
    assert_eq!(all.time.as_ref().unwrap()[0], 306.0);
    let explicit = t
        .analysis(&AnalysisSpec {
            survival: Some(SurvivalOutcome {
                time: "time".into(),
                status: "status".into(),
                event: Some("2".into()),
            }),
            ..AnalysisSpec::default()
        })
        .unwrap();
    assert_eq!(explicit.status, all.status);
    // a numeric group: its distinct values as levels, each row coded
    let group = data.group.as_ref().unwrap();
    assert_eq!(group.levels, ["1", "2"]);
    assert_eq!(group.levels[group.codes[0] as usize], "1");
    assert_eq!(group.codes.len(), data.n_used);
}

#[test]
fn surv_reading_of_zero_one_and_logical_status() {
    let dir = std::env::temp_dir().join(format!("nomo-ingest-analysis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("surv.csv");
    std::fs::write(&path, "t,s01,slog\n1,0,FALSE\n2,1,TRUE\n3,1,true\n").unwrap();
    let t = read_table(&path, &ReadOptions::default()).unwrap();
    let status = |column: &str| {
        t.analysis(&AnalysisSpec {
            survival: Some(SurvivalOutcome {
                time: "t".into(),
                status: column.into(),
                event: None,
            }),
            ..AnalysisSpec::default()
        })
        .unwrap()
        .status
        .unwrap()
    };
    assert_eq!(status("s01"), [0.0, 1.0, 1.0]);
    assert_eq!(status("slog"), [0.0, 1.0, 1.0]);
}

#[test]
fn declared_reference_level() {
    let mut options = ReadOptions::default();
    options.types.insert(
        "etiology".into(),
        nomo_ingest::Declared::Categorical {
            reference: Some("other".into()),
        },
    );
    let t = read_table(data_path("hcc_nomogram.csv"), &options).unwrap();
    let data = t
        .analysis(&AnalysisSpec {
            predictors: vec!["etiology".into()],
            ..AnalysisSpec::default()
        })
        .unwrap();
    assert_eq!(names(&data), ["etiologyHBV", "etiologyHCV"]);
}
