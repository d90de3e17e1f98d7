//! Readers and read options: delimiters, BOM, missing-value tokens, decimal comma, quoting,
//! Excel (first or named sheet) and Parquet. Values are compared exactly (each is the nearest
//! f64 to a short decimal, parsed the same way on both sides).

use std::path::PathBuf;

use nomo_ingest::{Declared, IngestError, ReadOptions, Table, VariableType, read_table};

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nomo-ingest-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(name: &str, text: &str, options: &ReadOptions) -> Table {
    read_table(write(name, text.as_bytes()), options).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn detects_semicolon_and_tab() {
    let d = ReadOptions::default();
    let t = read("semi.csv", "a;b;c\n1;2;x\n3;4;y\n", &d);
    assert_eq!((t.n_columns(), t.delimiter()), (3, Some(';')));
    let t = read("tab.txt", "a\tb\n1\t2\n", &d);
    assert_eq!((t.n_columns(), t.delimiter()), (2, Some('\t')));
    // .tsv means tab even when a comma appears in a value
    let t = read("t.tsv", "name\tv\nSmith, J\t2\n", &d);
    assert_eq!(t.column("name").unwrap().text(0).unwrap(), "Smith, J");
}

/// A TSV whose last row ends in an empty field keeps that field (missing), a last row of tabs
/// stays a row, and blank lines at the end are no rows.
#[test]
fn last_row_may_end_in_an_empty_field() {
    let t = read("last.tsv", "a\tb\n1\t2\n3\t\n\n", &ReadOptions::default());
    assert_eq!(t.n_rows(), 2);
    let b = t.column("b").unwrap();
    assert_eq!((b.number(0), b.number(1)), (Some(2.0), None));
    // a last row of tabs is a row of empty fields (counted as missing downstream), not dropped
    let t = read("tabs.tsv", "a\tb\n1\t2\n\t\n", &ReadOptions::default());
    assert_eq!(t.n_rows(), 2);
    assert_eq!(t.column("a").unwrap().n_missing(), 1);
}

#[test]
fn strips_the_bom_and_handles_crlf() {
    let t = read(
        "bom.csv",
        "\u{feff}age,sex\r\n50,M\r\n60,F\r\n",
        &ReadOptions::default(),
    );
    assert_eq!(t.names(), ["age", "sex"]);
    assert_eq!(t.column("age").unwrap().number(1), Some(60.0));
    assert_eq!(t.column("sex").unwrap().text(1).unwrap(), "F");
}

#[test]
fn missing_value_tokens() {
    let t = read(
        "na.csv",
        "x,s\n1,a\nNA,b\nN/A,c\n.,NA\n-,d\nnull,e\n ,f\n8,\n",
        &ReadOptions::default(),
    );
    let x = t.column("x").unwrap();
    assert!(x.is_numeric());
    assert_eq!(x.n_missing(), 6);
    assert_eq!(t.column("s").unwrap().n_missing(), 2);
    // configurable: "-99" as missing, "NA" as a level
    let options = ReadOptions {
        na_tokens: vec!["".into(), "-99".into()],
        ..ReadOptions::default()
    };
    let t = read("na2.csv", "x,s\n1,NA\n-99,b\n3,c\n", &options);
    assert_eq!(t.column("x").unwrap().n_missing(), 1);
    assert_eq!(t.column("s").unwrap().levels().unwrap(), ["b", "c", "NA"]);
}

#[test]
fn decimal_comma() {
    let options = ReadOptions {
        decimal_comma: true,
        ..ReadOptions::default()
    };
    let t = read("dc.csv", "a;b\n1,25;x\n-0,5;y\n3;z\n", &options);
    let a = t.column("a").unwrap();
    assert_eq!(a.numbers().unwrap(), [Some(1.25), Some(-0.5), Some(3.0)]);
    // the slow (cell by cell) path agrees: a padded value forces it
    let t = read("dc2.csv", "a;b\n 1,25 ;x\n-0,5;y\n", &options);
    assert_eq!(t.column("a").unwrap().number(0), Some(1.25));
}

#[test]
fn quoted_fields_and_padded_numbers() {
    let t = read(
        "q.csv",
        "\"name\",\"v\"\n\"a \"\"b\"\"\", 2.5 \n\"c\",\"3\"\n",
        &ReadOptions::default(),
    );
    assert_eq!(t.column("name").unwrap().text(0).unwrap(), "a \"b\"");
    assert_eq!(
        t.column("v").unwrap().numbers().unwrap(),
        [Some(2.5), Some(3.0)]
    );
}

#[test]
fn inference_and_declarations() {
    let text = "id,grade,flag,yn,note\n1,1,0,yes,a\n2,2,1,no,b\n3,3,1,yes,c\n";
    let t = read("infer.csv", text, &ReadOptions::default());
    let kinds: Vec<VariableType> = t.columns().iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            VariableType::Integer,
            VariableType::Integer,
            VariableType::Binary,
            VariableType::Binary,
            VariableType::Categorical
        ]
    );
    let report = t.inference_report();
    assert!(
        report.contains("flag: binary (inferred: numeric, all values 0/1)"),
        "{report}"
    );
    let mut options = ReadOptions::default();
    options.types.insert(
        "grade".into(),
        Declared::Categorical {
            reference: Some("2".into()),
        },
    );
    options
        .types
        .insert("yn".into(), Declared::Binary { event: None });
    let t = read("declared.csv", text, &options);
    let grade = t.column("grade").unwrap();
    assert_eq!(grade.kind, VariableType::Categorical);
    assert_eq!(grade.levels().unwrap(), ["1", "2", "3"]);
    let yn = t.column("yn").unwrap();
    assert_eq!(yn.numbers().unwrap(), [Some(1.0), Some(0.0), Some(1.0)]);
    assert!(
        t.inference_report()
            .contains("grade: categorical (declared")
    );
    // a declared column must exist
    options.types.insert("grde".into(), Declared::Text);
    assert!(matches!(
        read_table(write("declared2.csv", text.as_bytes()), &options).unwrap_err(),
        IngestError::UnknownColumn { .. }
    ));
}

#[test]
fn excel_first_and_named_sheet() {
    let t = read_table(fixture("cohort.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!((t.n_rows(), t.n_columns()), (5, 5));
    assert_eq!(t.names(), ["id", "age", "sex", "score", "flag"]);
    assert_eq!(t.column("age").unwrap().number(1), Some(63.5));
    assert_eq!(t.column("score").unwrap().n_missing(), 1);
    assert_eq!(
        t.column("flag").unwrap().levels().unwrap(),
        ["FALSE", "TRUE"]
    );
    assert_eq!(t.delimiter(), None);
    let options = ReadOptions {
        sheet: Some("typo".into()),
        ..ReadOptions::default()
    };
    match read_table(fixture("cohort.xlsx"), &options).unwrap_err() {
        IngestError::NonNumeric {
            row, column, value, ..
        } => assert_eq!((row, column.as_str(), value.as_str()), (4, "x", "oops")),
        other => panic!("{other:?}"),
    }
    let options = ReadOptions {
        sheet: Some("Sheet9".into()),
        ..ReadOptions::default()
    };
    match read_table(fixture("cohort.xlsx"), &options).unwrap_err() {
        IngestError::UnknownSheet { available, .. } => assert_eq!(available, ["cohort", "typo"]),
        other => panic!("{other:?}"),
    }
}
