//! Parquet input (only with the `parquet` feature): a frame written by polars reads back typed
//! like the same CSV would (exact values).
#![cfg(feature = "parquet")]

use nomo_ingest::{IngestError, ReadOptions, VariableType, read_table};
use polars::prelude::*;

#[test]
fn parquet_reads_typed() {
    let dir = std::env::temp_dir().join(format!("nomo-ingest-parquet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cohort.parquet");
    let mut frame = df!(
        "age" => [Some(50.5), None, Some(70.0)],
        "count" => [1i64, 2, 3],
        "sex" => ["M", "F", "M"],
        "dead" => [true, false, true],
    )
    .unwrap();
    ParquetWriter::new(std::fs::File::create(&path).unwrap())
        .finish(&mut frame)
        .unwrap();
    let t = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!((t.n_rows(), t.n_columns()), (3, 4));
    let age = t.column("age").unwrap();
    assert_eq!(age.numbers().unwrap(), [Some(50.5), None, Some(70.0)]);
    assert_eq!(t.column("count").unwrap().kind, VariableType::Integer);
    assert_eq!(t.column("sex").unwrap().levels().unwrap(), ["F", "M"]);
    assert_eq!(
        t.column("dead").unwrap().levels().unwrap(),
        ["FALSE", "TRUE"]
    );

    let mut bad = df!("x" => [1.0, f64::INFINITY]).unwrap();
    let path = dir.join("inf.parquet");
    ParquetWriter::new(std::fs::File::create(&path).unwrap())
        .finish(&mut bad)
        .unwrap();
    match read_table(&path, &ReadOptions::default()).unwrap_err() {
        IngestError::NonFinite { row, column, .. } => assert_eq!((row, column.as_str()), (3, "x")),
        other => panic!("{other:?}"),
    }
}
