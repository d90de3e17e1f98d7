//! The derived-variable language on data: the seed study's indices on hcc_nomogram.csv equal
//! direct computation (exactly: the same f64 operations in the same order) and R's Table 1
//! summaries of them (means and medians printed with 15 significant digits, so 1e-12
//! relative); functions, comparisons, precedence, missing propagation and undefined results.

use std::path::PathBuf;

use nomo_ingest::{IngestError, ReadOptions, Table, VariableType, read_table};
use nomo_testdata::{assert_rel, data_path, read_csv, reference};

fn hcc() -> Table {
    read_table(data_path("hcc_nomogram.csv"), &ReadOptions::default()).unwrap()
}

/// The seed study's derived indices (the `derived` list of hcc_nomogram.json).
const INDICES: [(&str, &str); 12] = [
    ("t2sir_pre", "t2_tumor_pre / t2_muscle_pre"),
    ("t2sir_post", "t2_tumor_post / t2_muscle_post"),
    ("adc_het_pre", "(adc_max_pre - adc_min_pre) / adc_mean_pre"),
    (
        "adc_het_post",
        "(adc_max_post - adc_min_post) / adc_mean_post",
    ),
    ("nlr", "neutrophils / lymphocytes"),
    ("lmr", "lymphocytes / monocytes"),
    ("aapr", "albumin / alp"),
    ("siri", "neutrophils * monocytes / lymphocytes"),
    ("piv", "platelets * neutrophils * monocytes / lymphocytes"),
    ("sii", "platelets * neutrophils / lymphocytes"),
    ("ag_ratio", "albumin / globulin"),
    ("sex_male", "sex == \"M\""),
];

fn derived_hcc() -> Table {
    let mut t = hcc();
    for (name, expression) in INDICES {
        let report = t.derive(name, expression).unwrap();
        assert_eq!(report.n_missing, 0, "{name}");
    }
    t
}

#[test]
fn indices_equal_direct_computation() {
    let t = derived_hcc();
    let csv = read_csv("hcc_nomogram.csv");
    let col = |name: &str| csv.num_complete(name);
    let (n, l, m, p) = (
        col("neutrophils"),
        col("lymphocytes"),
        col("monocytes"),
        col("platelets"),
    );
    let ratio =
        |a: &[f64], b: &[f64]| -> Vec<f64> { a.iter().zip(b).map(|(x, y)| x / y).collect() };
    let het = |suffix: &str| -> Vec<f64> {
        let (mx, mn, me) = (
            col(&format!("adc_max_{suffix}")),
            col(&format!("adc_min_{suffix}")),
            col(&format!("adc_mean_{suffix}")),
        );
        (0..mx.len()).map(|i| (mx[i] - mn[i]) / me[i]).collect()
    };
    let expected: Vec<(&str, Vec<f64>)> = vec![
        (
            "t2sir_pre",
            ratio(&col("t2_tumor_pre"), &col("t2_muscle_pre")),
        ),
        (
            "t2sir_post",
            ratio(&col("t2_tumor_post"), &col("t2_muscle_post")),
        ),
        ("adc_het_pre", het("pre")),
        ("adc_het_post", het("post")),
        ("nlr", ratio(&n, &l)),
        ("lmr", ratio(&l, &m)),
        ("aapr", ratio(&col("albumin"), &col("alp"))),
        ("siri", (0..n.len()).map(|i| n[i] * m[i] / l[i]).collect()),
        (
            "piv",
            (0..n.len()).map(|i| p[i] * n[i] * m[i] / l[i]).collect(),
        ),
        ("sii", (0..n.len()).map(|i| p[i] * n[i] / l[i]).collect()),
        ("ag_ratio", ratio(&col("albumin"), &col("globulin"))),
        (
            "sex_male",
            csv.text("sex")
                .iter()
                .map(|s| f64::from(u8::from(s.as_deref() == Some("M"))))
                .collect(),
        ),
    ];
    for (name, values) in expected {
        let got: Vec<f64> = t
            .numbers(name)
            .unwrap()
            .into_iter()
            .map(Option::unwrap)
            .collect();
        assert_eq!(got, values, "{name}");
    }
    let sex_male = t.column("sex_male").unwrap();
    assert_eq!(sex_male.kind, VariableType::Binary);
    assert!(sex_male.reason.starts_with("derived: sex == \"M\""));
}

/// Mean and R's median of a complete column.
fn mean_median(values: &[f64]) -> (f64, f64) {
    let mut s = values.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    (values.iter().sum::<f64>() / n as f64, median)
}

#[test]
fn indices_match_r_table_one() {
    let t = derived_hcc();
    let reference = reference("hcc_nomogram.json");
    let rows = reference["table_one"]["continuous"].as_array().unwrap();
    let mut checked = 0;
    for row in rows {
        let name = row["variable"].as_str().unwrap();
        if !INDICES.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let values: Vec<f64> = t
            .numbers(name)
            .unwrap()
            .into_iter()
            .map(Option::unwrap)
            .collect();
        let (mean, median) = mean_median(&values);
        assert_rel(mean, row["overall_mean"].as_f64().unwrap(), 1e-12, name);
        assert_rel(median, row["overall_median"].as_f64().unwrap(), 1e-12, name);
        checked += 1;
    }
    assert_eq!(checked, 2, "t2sir_post and nlr are in R's Table 1");
}

fn small() -> Table {
    // one folder per call: the tests of this binary run in parallel in one process
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir =
        std::env::temp_dir().join(format!("nomo-ingest-derive-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("small.csv");
    std::fs::write(
        &path,
        "a,b,grp,odd col\n4,2,x,1\n9,0,y,2\n-1,3,x,3\nNA,5,z,4\n0,1,,5\n",
    )
    .unwrap();
    read_table(&path, &ReadOptions::default()).unwrap()
}

fn values(t: &mut Table, name: &str, expression: &str) -> Vec<Option<f64>> {
    t.derive(name, expression).unwrap();
    t.numbers(name).unwrap()
}

#[test]
fn arithmetic_precedence_and_functions() {
    let mut t = small();
    assert_eq!(
        values(&mut t, "p1", "1 + 2 * 3 ^ 2")[0],
        Some(19.0),
        "^ before *, * before +"
    );
    assert_eq!(values(&mut t, "p2", "-2 ^ 2")[0], Some(-4.0));
    assert_eq!(values(&mut t, "p3", "2 ^ -1")[0], Some(0.5));
    assert_eq!(values(&mut t, "p4", "(1 + 2) * 3")[0], Some(9.0));
    assert_eq!(values(&mut t, "p5", "10 - 4 - 3")[0], Some(3.0));
    assert_eq!(values(&mut t, "p6", "2 ^ 3 ^ 2")[0], Some(512.0));
    assert_eq!(values(&mut t, "f1", "sqrt(a)")[1], Some(3.0));
    assert_eq!(values(&mut t, "f2", "abs(a)")[2], Some(1.0));
    assert_eq!(
        values(&mut t, "f3", "log(exp(2))")[0],
        Some(2f64.exp().ln())
    );
    assert_eq!(values(&mut t, "f4", "log2(a)")[0], Some(2.0));
    assert_eq!(values(&mut t, "f5", "log10(100)")[0], Some(2.0));
    assert_eq!(
        values(&mut t, "f6", "min(a, b, 3)"),
        [Some(2.0), Some(0.0), Some(-1.0), None, Some(0.0)]
    );
    assert_eq!(values(&mut t, "f7", "max(a, b)")[0], Some(4.0));
}

#[test]
fn comparisons_and_logic() {
    let mut t = small();
    assert_eq!(
        values(&mut t, "c1", "a > b"),
        [Some(1.0), Some(1.0), Some(0.0), None, Some(0.0)]
    );
    assert_eq!(
        values(&mut t, "c2", "grp == \"x\""),
        [Some(1.0), Some(0.0), Some(1.0), Some(0.0), None]
    );
    assert_eq!(values(&mut t, "c3", "grp != 'x'")[1], Some(1.0));
    // R's three-valued logic: FALSE & NA is FALSE, TRUE | NA is TRUE
    assert_eq!(
        values(&mut t, "c4", "b > 4 & a > 0"),
        [Some(0.0), Some(0.0), Some(0.0), None, Some(0.0)]
    );
    assert_eq!(values(&mut t, "c5", "b > 4 | a > 0")[3], Some(1.0));
    assert_eq!(values(&mut t, "c6", "!(a >= 4)")[0], Some(0.0));
    assert_eq!(values(&mut t, "c7", "a <= 0 & b != 0")[2], Some(1.0));
    assert_eq!(values(&mut t, "c8", "a == 4 | b < 1")[1], Some(1.0));
    assert_eq!(values(&mut t, "q", "`odd col` * 2")[1], Some(4.0));
    assert_eq!(
        values(&mut t, "i1", "if(a > 0, a, 0)"),
        [Some(4.0), Some(9.0), Some(0.0), None, Some(0.0)]
    );
}

#[test]
fn undefined_values_become_missing_and_are_counted() {
    let mut t = small();
    let report = t.derive("r", "a / b").unwrap();
    assert_eq!(
        t.numbers("r").unwrap(),
        [Some(2.0), None, Some(-1.0 / 3.0), None, Some(0.0)]
    );
    assert_eq!(
        (
            report.n_missing,
            report.n_division_by_zero,
            report.n_missing_input
        ),
        (2, 1, 1)
    );
    assert_eq!(
        report.summary(),
        "r = a / b: 2 missing (1 missing input, 1 division by zero)"
    );
    let report = t.derive("l", "log(a)").unwrap();
    assert_eq!(
        (report.n_missing, report.n_log_non_positive),
        (3, 2),
        "log(-1) and log(0)"
    );
    let report = t.derive("s", "sqrt(a)").unwrap();
    assert_eq!(report.n_sqrt_negative, 1);
    let report = t.derive("o", "exp(a * 1000)").unwrap();
    assert_eq!(report.n_non_finite, 2);
    // the branch not taken is not evaluated: no log of a non-positive number counted
    let report = t.derive("g", "if(a > 0, log(a), 0)").unwrap();
    assert_eq!((report.n_missing, report.n_log_non_positive), (1, 0));
    // no inf or NaN reaches the table
    for c in t.columns() {
        if let Some(v) = c.numbers() {
            assert!(v.iter().flatten().all(|x| x.is_finite()), "{}", c.name);
        }
    }
}

fn expression_error(t: &mut Table, expression: &str) -> (usize, String) {
    match t.derive("e", expression).unwrap_err() {
        IngestError::Expression {
            position, message, ..
        } => (position, message),
        other => panic!("{other:?}"),
    }
}

#[test]
fn type_and_name_errors_point_at_the_position() {
    let mut t = small();
    let (pos, msg) = expression_error(&mut t, "a + bb");
    assert_eq!(pos, 4);
    assert!(msg.contains("unknown column `bb`; did you mean"), "{msg}");
    let (pos, msg) = expression_error(&mut t, "a + grp");
    assert_eq!(pos, 4);
    assert!(msg.contains("text"), "{msg}");
    let (pos, _) = expression_error(&mut t, "grp == 1");
    assert_eq!(pos, 4);
    let (pos, _) = expression_error(&mut t, "grp < \"x\"");
    assert_eq!(pos, 0);
    let (pos, _) = expression_error(&mut t, "log(grp)");
    assert_eq!(pos, 4);
    assert!(matches!(
        t.derive("a", "b * 2").unwrap_err(),
        IngestError::DuplicateColumn { .. }
    ));
    let err = t.derive("e", "a +* b").unwrap_err().to_string();
    assert_eq!(err, "unexpected `*`\n  a +* b\n     ^");
}
