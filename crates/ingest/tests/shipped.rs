//! All five shipped cohorts load with their exact row and column counts and types, and every
//! value equals the one the independent test reader (`nomo-testdata`) sees (exact equality:
//! both parse the same decimal text to the nearest f64).

use nomo_ingest::{ReadOptions, Table, VariableType, read_table};
use nomo_testdata::{data_path, read_csv};

fn load(file: &str) -> Table {
    read_table(data_path(file), &ReadOptions::default()).expect(file)
}

/// `name:type` for every column, in file order.
fn types(table: &Table) -> Vec<String> {
    table
        .columns()
        .iter()
        .map(|c| format!("{}:{}", c.name, c.kind.as_str()))
        .collect()
}

/// Every cell equals the independent reader's cell (numbers exactly, text as written).
fn same_values(file: &str, table: &Table) {
    let csv = read_csv(file);
    assert_eq!(csv.names, table.names());
    for (j, column) in table.columns().iter().enumerate() {
        for (i, row) in csv.rows.iter().enumerate() {
            let expected = row[j].as_deref();
            match column.number(i) {
                Some(x) => assert_eq!(
                    Some(x),
                    expected.and_then(|t| t.parse::<f64>().ok()),
                    "{file} row {i} {}",
                    column.name
                ),
                None => assert_eq!(
                    column.text(i).as_deref(),
                    expected,
                    "{file} {}",
                    column.name
                ),
            }
        }
    }
}

#[test]
fn asah_loads_typed() {
    let t = load("asah.csv");
    assert_eq!((t.n_rows(), t.n_columns()), (113, 7));
    assert_eq!(
        types(&t),
        [
            "id:integer",
            "outcome:binary",
            "gender:binary",
            "age:integer",
            "wfns:integer",
            "s100b:continuous",
            "ndka:continuous"
        ]
    );
    assert_eq!(
        t.column("outcome").unwrap().levels().unwrap(),
        ["Good", "Poor"]
    );
    assert_eq!(t.delimiter(), Some(','));
    same_values("asah.csv", &t);
}

#[test]
fn lung_loads_with_missing_values() {
    let t = load("lung.csv");
    assert_eq!((t.n_rows(), t.n_columns()), (228, 10));
    assert!(
        types(&t).iter().all(|s| s.ends_with(":integer")),
        "{:?}",
        types(&t)
    );
    let missing: Vec<usize> = t.columns().iter().map(|c| c.n_missing()).collect();
    assert_eq!(missing, [1, 0, 0, 0, 0, 1, 1, 3, 47, 14]);
    same_values("lung.csv", &t);
}

const HCC_CLINICAL: [&str; 32] = [
    "patient_id:text",
    "sex:binary",
    "age:integer",
    "etiology:categorical",
    "child_pugh:binary",
    "treatment:categorical",
    "t2_tumor_pre:continuous",
    "t2_muscle_pre:continuous",
    "t2_tumor_post:continuous",
    "t2_muscle_post:continuous",
    "adc_mean_pre:continuous",
    "adc_max_pre:continuous",
    "adc_min_pre:continuous",
    "adc_mean_post:continuous",
    "adc_max_post:continuous",
    "adc_min_post:continuous",
    "diam_pre:integer",
    "diam_post:integer",
    "pvtt:binary",
    "capsule:binary",
    "necrosis:binary",
    "neutrophils:continuous",
    "lymphocytes:continuous",
    "monocytes:continuous",
    "platelets:integer",
    "albumin:continuous",
    "globulin:continuous",
    "alp:integer",
    "afp:continuous",
    "response:binary",
    "pfs_months:continuous",
    "pfs_event:binary",
];

#[test]
fn hcc_nomogram_loads_typed() {
    let t = load("hcc_nomogram.csv");
    assert_eq!((t.n_rows(), t.n_columns()), (78, 32));
    assert_eq!(types(&t), HCC_CLINICAL);
    assert_eq!(
        t.column("etiology").unwrap().levels().unwrap(),
        ["HBV", "HCV", "other"]
    );
    assert_eq!(
        t.column("treatment").unwrap().levels().unwrap(),
        ["immune_targeted", "immunotherapy", "targeted"]
    );
    assert!(t.columns().iter().all(|c| c.n_missing() == 0));
    same_values("hcc_nomogram.csv", &t);
}

#[test]
fn hcc_readers_loads_typed() {
    let t = load("hcc_readers.csv");
    assert_eq!((t.n_rows(), t.n_columns()), (78, 5));
    assert_eq!(
        types(&t),
        [
            "patient_id:text",
            "adc_mean_post_r1:continuous",
            "adc_mean_post_r2:continuous",
            "capsule_r1:binary",
            "capsule_r2:binary"
        ]
    );
    same_values("hcc_readers.csv", &t);
}

#[test]
fn hcc_radiomics_loads_typed() {
    let t = load("hcc_radiomics.csv");
    assert_eq!((t.n_rows(), t.n_columns()), (300, 152));
    let types = types(&t);
    assert_eq!(types[..32], HCC_CLINICAL);
    let radiomics = &t.columns()[32..];
    assert_eq!(radiomics.len(), 120);
    assert!(
        radiomics
            .iter()
            .all(|c| c.name.starts_with("rad_") && c.kind == VariableType::Continuous)
    );
    same_values("hcc_radiomics.csv", &t);
}
