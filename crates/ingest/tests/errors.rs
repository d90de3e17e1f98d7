//! Every refusal: the variant, and the row (spreadsheet numbering, header = row 1), column and
//! value it names. Exact comparisons throughout (no floating-point tolerance is involved).

use std::path::PathBuf;

use nomo_ingest::{
    AnalysisSpec, BinaryOutcome, Declared, IngestError, ReadOptions, SurvivalOutcome, Table,
    read_table,
};

/// Writes `bytes` to a fresh file in the system temp dir.
fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nomo-ingest-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(name: &str, text: &str) -> Result<Table, IngestError> {
    read_table(write(name, text.as_bytes()), &ReadOptions::default())
}

fn table(name: &str, text: &str) -> Table {
    read(name, text).unwrap()
}

#[test]
fn missing_file() {
    let err = read_table("/nonexistent/cohort.csv", &ReadOptions::default()).unwrap_err();
    assert_eq!(
        err,
        IngestError::NotFound {
            file: "/nonexistent/cohort.csv".into()
        }
    );
}

#[test]
fn not_text() {
    let path = write("latin1.csv", b"a,b\n1,2\n3,caf\xe9\n");
    match read_table(&path, &ReadOptions::default()).unwrap_err() {
        IngestError::NotText { row, reason, .. } => {
            assert_eq!(row, 3);
            assert!(reason.contains("UTF-8"));
        }
        other => panic!("{other:?}"),
    }
    let path = write("binary.csv", b"PK\x03\x04\x00\x00binary");
    assert!(matches!(
        read_table(&path, &ReadOptions::default()).unwrap_err(),
        IngestError::NotText { row: 1, .. }
    ));
}

#[test]
fn empty_and_header_only() {
    assert!(matches!(
        read("empty.csv", "").unwrap_err(),
        IngestError::Empty { .. }
    ));
    assert!(matches!(
        read("bom_only.csv", "\u{feff}\n\n").unwrap_err(),
        IngestError::Empty { .. }
    ));
    assert!(matches!(
        read("header.csv", "a,b,c\n").unwrap_err(),
        IngestError::HeaderOnly { .. }
    ));
}

#[test]
fn ragged_rows() {
    let err = read("long.csv", "a,b,c\n1,2,3\n4,5,6,7\n").unwrap_err();
    assert!(
        matches!(
            err,
            IngestError::Ragged {
                row: 3,
                expected: 3,
                found: 4,
                ..
            }
        ),
        "{err:?}"
    );
    let err = read("short.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n").unwrap_err();
    assert!(
        matches!(
            err,
            IngestError::Ragged {
                row: 4,
                expected: 3,
                found: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("row 4 has 2 fields, the header has 3")
    );
    // a quoted delimiter or newline is part of a field, not a new one
    let t = table("quoted.csv", "a,b\n\"x,1\",2\n\"line\nbreak\",3\n");
    assert_eq!(t.n_rows(), 2);
    let err = read("unclosed.csv", "a,b\n1,\"2\n3,4\n").unwrap_err();
    assert!(matches!(err, IngestError::UnclosedQuote { .. }), "{err:?}");
}

#[test]
fn duplicate_column_names() {
    let err = read("dup.csv", "id,age,sex,age\n1,2,M,3\n").unwrap_err();
    assert_eq!(
        err,
        IngestError::DuplicateColumn {
            file: err_file(&err),
            column: "age".into(),
            first: 2,
            second: 4
        }
    );
}

fn err_file(err: &IngestError) -> String {
    match err {
        IngestError::DuplicateColumn { file, .. } => file.clone(),
        _ => String::new(),
    }
}

#[test]
fn unknown_column_suggests_nearest_names() {
    let t = table(
        "names.csv",
        "age,afp,alp,albumin,sex\n50,1.2,80,35,M\n60,3.4,90,40,F\n",
    );
    match t.column("apf").unwrap_err() {
        IngestError::UnknownColumn {
            column,
            suggestions,
            ..
        } => {
            assert_eq!(column, "apf");
            assert_eq!(suggestions[0], "afp");
        }
        other => panic!("{other:?}"),
    }
    let err = t
        .analysis(&AnalysisSpec {
            predictors: vec!["albumine".into()],
            ..AnalysisSpec::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("did you mean `albumin`?"), "{err}");
}

#[test]
fn non_numeric_value_in_numeric_column() {
    // declared continuous: the first non-number is reported
    let mut options = ReadOptions::default();
    options.types.insert("age".into(), Declared::Continuous);
    let path = write("declared.csv", b"id,age\n1,50\n2,sixty\n3,70\n");
    match read_table(&path, &options).unwrap_err() {
        IngestError::NonNumeric {
            row, column, value, ..
        } => assert_eq!((row, column.as_str(), value.as_str()), (3, "age", "sixty")),
        other => panic!("{other:?}"),
    }
    // inferred: a mostly numeric column with a typo far down the file (past the sample)
    let mut text = String::from("id,afp\n");
    for i in 0..1500 {
        text.push_str(&format!("{i},{}.5\n", i % 7));
    }
    text.push_str("1500,<0.5\n");
    match read("typo.csv", &text).unwrap_err() {
        IngestError::NonNumeric {
            row, column, value, ..
        } => assert_eq!(
            (row, column.as_str(), value.as_str()),
            (1502, "afp", "<0.5")
        ),
        other => panic!("{other:?}"),
    }
    // declared categorical keeps it as text
    let mut options = ReadOptions::default();
    options
        .types
        .insert("afp".into(), Declared::Categorical { reference: None });
    let t = read_table(write("typo2.csv", text.as_bytes()), &options).unwrap();
    assert!(!t.column("afp").unwrap().is_numeric());
}

#[test]
fn infinite_and_nan_literals() {
    match read("inf.csv", "a,b\n1,2\n3,inf\n").unwrap_err() {
        IngestError::NonFinite {
            row, column, value, ..
        } => assert_eq!((row, column.as_str(), value.as_str()), (3, "b", "inf")),
        other => panic!("{other:?}"),
    }
    // beyond the typing sample, through the fast path
    let mut text = String::from("a\n");
    for i in 0..1200 {
        text.push_str(&format!("{i}\n"));
    }
    text.push_str("-Inf\n");
    match read("inf_late.csv", &text).unwrap_err() {
        IngestError::NonFinite { row, value, .. } => {
            assert_eq!((row, value.as_str()), (1202, "-Inf"))
        }
        other => panic!("{other:?}"),
    }
    // NaN is a missing-value token by default; without it, a NaN literal is refused
    let t = table("nan.csv", "a,b\n1,NaN\n2,3\n");
    assert_eq!(t.column("b").unwrap().n_missing(), 1);
    let options = ReadOptions {
        na_tokens: vec!["".into(), "NA".into()],
        ..ReadOptions::default()
    };
    match read_table(write("nan2.csv", b"a,b\n1,NaN\n2,3\n"), &options).unwrap_err() {
        IngestError::NonFinite { row, value, .. } => assert_eq!((row, value.as_str()), (2, "NaN")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn duplicated_ids() {
    let options = ReadOptions {
        id_column: Some("patient".into()),
        ..ReadOptions::default()
    };
    let path = write("ids.csv", b"patient,age\nP1,50\nP2,60\nP3,61\nP2,70\n");
    assert_eq!(
        read_table(&path, &options).unwrap_err(),
        IngestError::DuplicateId {
            file: path.display().to_string(),
            row: 5,
            first_row: 3,
            column: "patient".into(),
            value: "P2".into()
        }
    );
}

const OUTCOMES: &str =
    "y,grade,x,time,status\nGood,1,0.5,10,0\nPoor,2,0.7,12,1\nGood,3,0.1,3,1\nPoor,1,0.2,8,0\n";

#[test]
fn outcome_must_have_two_levels_and_the_event() {
    let t = table("outcomes.csv", OUTCOMES);
    let spec = |column: &str, event: &str| AnalysisSpec {
        binary: Some(BinaryOutcome {
            column: column.into(),
            event: event.into(),
        }),
        predictors: vec!["x".into()],
        ..AnalysisSpec::default()
    };
    match t.analysis(&spec("grade", "3")).unwrap_err() {
        IngestError::OutcomeLevels { column, levels, .. } => {
            assert_eq!(column, "grade");
            assert_eq!(levels, ["1", "2", "3"]);
        }
        other => panic!("{other:?}"),
    }
    match t.analysis(&spec("y", "Bad")).unwrap_err() {
        IngestError::EventAbsent {
            column,
            event,
            levels,
            ..
        } => {
            assert_eq!((column.as_str(), event.as_str()), ("y", "Bad"));
            assert_eq!(levels, ["Good", "Poor"]);
        }
        other => panic!("{other:?}"),
    }
    let data = t.analysis(&spec("y", "Poor")).unwrap();
    assert_eq!(data.y.unwrap(), [0.0, 1.0, 0.0, 1.0]);
}

#[test]
fn status_codes_outside_the_coding() {
    let t = table("status.csv", "time,status,x\n5,0,1\n6,1,2\n7,2,3\n8,1,4\n");
    let spec = |event: Option<&str>| AnalysisSpec {
        survival: Some(SurvivalOutcome {
            time: "time".into(),
            status: "status".into(),
            event: event.map(str::to_string),
        }),
        ..AnalysisSpec::default()
    };
    // Surv reading of 0/1/2: 0/1 coding, so 2 is out of range, at row 4
    match t.analysis(&spec(None)).unwrap_err() {
        IngestError::StatusCode {
            row, column, value, ..
        } => assert_eq!((row, column.as_str(), value.as_str()), (4, "status", "2")),
        other => panic!("{other:?}"),
    }
    // an event value and more than one other value
    match t.analysis(&spec(Some("2"))).unwrap_err() {
        IngestError::StatusCode {
            row,
            value,
            expected,
            ..
        } => assert_eq!(
            (row, value.as_str(), expected.as_str()),
            (3, "1", "2 (event) and 0")
        ),
        other => panic!("{other:?}"),
    }
    match t.analysis(&spec(Some("9"))).unwrap_err() {
        IngestError::StatusCode { .. } => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn survival_times_must_be_present_and_positive() {
    let spec = AnalysisSpec {
        survival: Some(SurvivalOutcome {
            time: "time".into(),
            status: "status".into(),
            event: None,
        }),
        ..AnalysisSpec::default()
    };
    let t = table("time0.csv", "time,status\n5,1\n0,0\n7,1\n");
    match t.analysis(&spec).unwrap_err() {
        IngestError::SurvivalTime {
            row, column, value, ..
        } => assert_eq!((row, column.as_str(), value.as_str()), (3, "time", "0")),
        other => panic!("{other:?}"),
    }
    let t = table("time_na.csv", "time,status\n5,1\n6,0\nNA,1\n");
    match t.analysis(&spec).unwrap_err() {
        IngestError::SurvivalTime { row, value, .. } => {
            assert_eq!((row, value.as_str()), (4, "NA"))
        }
        other => panic!("{other:?}"),
    }
    let t = table("time_neg.csv", "time,status\n-2.5,1\n6,0\n");
    assert!(matches!(
        t.analysis(&spec).unwrap_err(),
        IngestError::SurvivalTime { row: 2, .. }
    ));
}

#[test]
fn unknown_sheet_and_format() {
    let path = write("cohort.sav", b"x");
    assert!(matches!(
        read_table(&path, &ReadOptions::default()).unwrap_err(),
        IngestError::UnsupportedFormat { .. }
    ));
}

#[test]
fn decimal_comma_needs_another_delimiter() {
    let options = ReadOptions {
        decimal_comma: true,
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    assert!(matches!(
        read_table(write("dc.csv", b"a,b\n1,2\n"), &options).unwrap_err(),
        IngestError::Options { .. }
    ));
}
