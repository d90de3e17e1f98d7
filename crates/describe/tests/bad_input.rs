//! Bad input: the row says which statistic is not computable and why; nothing panics and
//! no NaN reaches the JSON. (Exact checks: these are defined outcomes, no tolerance.)

use nomo_describe::{
    DescribeError, Row, TableOneParams, TestKind, Variable, cohen_kappa, icc, shapiro_wilk,
    table_one,
};

fn labels(v: &[&str]) -> Vec<Option<String>> {
    v.iter()
        .map(|s| (!s.is_empty()).then(|| s.to_string()))
        .collect()
}

fn json(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string(value).unwrap();
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    text
}

#[test]
fn group_with_one_observation() {
    let groups = labels(&["a", "a", "a", "a", "b"]);
    let x = vec![Some(1.0), Some(2.0), Some(4.0), Some(3.5), Some(9.0)];
    let t = table_one(
        "g",
        &groups,
        &[Variable::continuous("x", x)],
        &TableOneParams::default(),
    )
    .unwrap();
    let Row::Continuous(row) = &t.rows[0] else {
        panic!("continuous row expected")
    };
    assert_eq!(row.groups[1].summary.sd, None);
    assert_eq!(row.groups[1].summary.mean, Some(9.0));
    let welch = row
        .tests
        .iter()
        .find(|t| t.test == TestKind::WelchT)
        .unwrap();
    assert_eq!(welch.p, None);
    assert!(
        welch
            .not_computable
            .as_deref()
            .unwrap()
            .contains("at least 2")
    );
    // Student's t and Wilcoxon are defined with one value in a group
    let student = row
        .tests
        .iter()
        .find(|t| t.test == TestKind::StudentT)
        .unwrap();
    assert!(student.p.is_some());
    assert!(
        row.notes
            .iter()
            .any(|n| n.contains("SD not computable in group 'b'"))
    );
    json(&t);
}

#[test]
fn constant_column() {
    let groups = labels(&["a", "a", "b", "b", "b"]);
    let x = vec![Some(2.0); 5];
    assert!(matches!(
        shapiro_wilk(&[2.0; 5]),
        Err(DescribeError::Constant { value, .. }) if value == 2.0
    ));
    let t = table_one(
        "g",
        &groups,
        &[Variable::continuous("x", x)],
        &TableOneParams::default(),
    )
    .unwrap();
    let Row::Continuous(row) = &t.rows[0] else {
        panic!("continuous row expected")
    };
    assert_eq!((row.shapiro_w, row.shapiro_p), (None, None));
    assert!(
        row.notes
            .iter()
            .any(|n| n.starts_with("Shapiro–Wilk not computable"))
    );
    assert!(
        row.tests
            .iter()
            .all(|t| t.p.is_none() && t.not_computable.is_some())
    );
    assert_eq!(row.p, None);
    json(&t);
}

#[test]
fn all_missing_columns() {
    let groups = labels(&["a", "a", "b", "b"]);
    let t = table_one(
        "g",
        &groups,
        &[
            Variable::continuous("x", vec![None; 4]),
            Variable::categorical("c", vec![None; 4]),
        ],
        &TableOneParams::default(),
    )
    .unwrap();
    let Row::Continuous(row) = &t.rows[0] else {
        panic!("continuous row expected")
    };
    assert_eq!(row.overall.n, 0);
    assert_eq!(row.overall.n_missing, 4);
    assert_eq!(row.overall.mean, None);
    assert!(row.notes[0].contains("all values are missing"));
    let Row::Categorical(cat) = &t.rows[1] else {
        panic!("categorical row expected")
    };
    assert_eq!(cat.n_missing, 4);
    assert_eq!(cat.n_missing_by_group, vec![2, 2]);
    assert!(cat.levels.is_empty());
    assert_eq!(cat.p, None);
    assert!(
        cat.notes
            .iter()
            .any(|n| n.contains("all values are missing"))
    );
    json(&t);
}

#[test]
fn single_group() {
    let groups = labels(&["a", "a", "a", "", "a"]);
    let t = table_one(
        "g",
        &groups,
        &[
            Variable::continuous(
                "x",
                vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(7.0)],
            ),
            Variable::categorical("c", labels(&["u", "v", "u", "u", "v"])),
        ],
        &TableOneParams::default(),
    )
    .unwrap();
    assert_eq!(t.groups.len(), 1);
    assert_eq!(t.n_missing_group, 1);
    for row in &t.rows {
        let (tests, p, notes) = match row {
            Row::Continuous(r) => (&r.tests, r.p, &r.notes),
            Row::Categorical(r) => (&r.tests, r.p, &r.notes),
        };
        assert_eq!(p, None);
        assert!(
            tests
                .iter()
                .all(|t| t.not_computable.as_deref().unwrap().contains("1 group(s)"))
        );
        assert!(notes.iter().any(|n| n.contains("SMD not computable")));
    }
    let Row::Continuous(row) = &t.rows[0] else {
        panic!("continuous row expected")
    };
    // the missing-group row is left out: Shapiro–Wilk on 4 values
    assert!(row.shapiro_w.is_some());
    assert_eq!(row.overall.n, 4);
    json(&t);
}

#[test]
fn default_rules_pick_tests_and_say_so() {
    // heavily skewed → median (Q1, Q3) and Wilcoxon; small expected counts → Fisher
    let groups = labels(&["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"]);
    let x: Vec<Option<f64>> = [1.0, 1.1, 1.2, 1.3, 50.0, 1.0, 1.4, 1.5, 1.6, 80.0]
        .into_iter()
        .map(Some)
        .collect();
    let c = labels(&["u", "u", "v", "u", "u", "v", "v", "v", "u", "v"]);
    let t = table_one(
        "g",
        &groups,
        &[Variable::continuous("x", x), Variable::categorical("c", c)],
        &TableOneParams::default(),
    )
    .unwrap();
    let Row::Continuous(row) = &t.rows[0] else {
        panic!()
    };
    assert_eq!(row.display, nomo_describe::Display::MedianIqr);
    assert_eq!(row.test, TestKind::Wilcoxon);
    let Row::Categorical(cat) = &t.rows[1] else {
        panic!()
    };
    assert_eq!(cat.test, TestKind::Fisher);
    json(&t);
}

#[test]
fn agreement_bad_input_is_an_error_not_a_panic() {
    assert!(matches!(
        icc(&[vec![1.0, 1.0], vec![1.0, 1.0], vec![1.0, 1.0]]),
        Err(DescribeError::Degenerate { .. })
    ));
    assert!(matches!(
        icc(&[vec![1.0, 2.0]]),
        Err(DescribeError::TooFewObservations { n: 1, .. })
    ));
    let same = labels(&["1", "1", "1"]);
    assert!(matches!(
        cohen_kappa(&same, &same),
        Err(DescribeError::Degenerate { .. })
    ));
}
