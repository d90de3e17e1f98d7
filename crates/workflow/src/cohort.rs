//! From the spec's data declaration to the analysis cohort: read and type the table, derive
//! the declared variables in order, keep the rows complete over the outcome and every
//! predictor the workflow uses (R's `na.omit` over the union model frame, so that every model
//! is fitted and compared on the same patients), and assign each kept row to a part of the
//! split.
//!
//! # Split
//! - `none`: every row is training.
//! - `random`: stratified on the outcome. Within each outcome class (events, then non-events)
//!   the rows are shuffled by a ChaCha8 stream seeded with the split seed (Fisher–Yates, rand's
//!   `shuffle`) and the first round(fraction · n_class) become training, the rest validation
//!   — so the event rate is the same in both parts up to rounding.
//! - `column`: the rows whose split column holds a `training` value are training, likewise
//!   validation and test; rows with another value are left out of every part.

use std::collections::BTreeMap;

use nomo_ingest::{
    AnalysisData, AnalysisSpec, BinaryOutcome, Declared, DeriveReport, ReadOptions, Table,
};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::error::WorkflowError;
use crate::spec::{LoadedSpec, Spec};

/// A part of the split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Training,
    Validation,
    Test,
}

impl Part {
    /// `training`, `validation` or `test`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Training => "training",
            Part::Validation => "validation",
            Part::Test => "test",
        }
    }
}

/// The analysis cohort.
#[derive(Debug, Clone)]
pub struct Cohort {
    pub table: Table,
    pub derived: Vec<DeriveReport>,
    /// Complete-case data over the outcome and every predictor used.
    pub data: AnalysisData,
    /// Part of each analysis row (`None`: in no part).
    pub parts: Vec<Option<Part>>,
}

/// How the split went, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct SplitSummary {
    pub method: String,
    pub seed: Option<u64>,
    pub fraction: Option<f64>,
    pub column: Option<String>,
    /// (part, rows, events).
    pub parts: Vec<PartCount>,
}

/// Rows and events of one part.
#[derive(Debug, Clone, Serialize)]
pub struct PartCount {
    pub part: Part,
    pub n: usize,
    pub events: usize,
}

/// Read options of the spec's data declaration.
pub fn read_options(spec: &Spec) -> Result<ReadOptions, WorkflowError> {
    let mut types = BTreeMap::new();
    for (name, t) in &spec.data.types {
        let d = match t.kind.as_str() {
            "continuous" => Declared::Continuous,
            "categorical" => Declared::Categorical {
                reference: t.reference.clone(),
            },
            "binary" => Declared::Binary {
                event: t.event.clone(),
            },
            _ => Declared::Text,
        };
        types.insert(name.clone(), d);
    }
    Ok(ReadOptions {
        types,
        id_column: spec.data.id.clone(),
        ..ReadOptions::default()
    })
}

/// Reads the table and derives the spec's variables.
pub fn load_table(loaded: &LoadedSpec) -> Result<(Table, Vec<DeriveReport>), WorkflowError> {
    let spec = &loaded.spec;
    let path = loaded.resolve(&spec.data.file);
    let mut table = nomo_ingest::read_table(&path, &read_options(spec)?)?;
    let mut derived = Vec::new();
    for d in &spec.derive {
        derived.push(
            table
                .derive(&d.name, &d.expr)
                .map_err(|e| loaded.error(&format!("derive.{}", d.name), e.to_string()))?,
        );
    }
    Ok((table, derived))
}

/// Every predictor variable the workflow uses, candidates first, without repeats.
pub fn used_predictors(spec: &Spec) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &String| {
        if !out.contains(v) {
            out.push(v.clone());
        }
    };
    spec.candidates.iter().for_each(&mut push);
    if let Some(l) = &spec.lasso {
        l.variables.iter().flatten().for_each(&mut push);
        l.unpenalized.iter().for_each(&mut push);
    }
    for m in &spec.models {
        m.terms.iter().for_each(&mut push);
    }
    out
}

/// Builds the cohort: table, derivations, complete cases, split.
pub fn build(loaded: &LoadedSpec) -> Result<Cohort, WorkflowError> {
    let spec = &loaded.spec;
    let (table, derived) = load_table(loaded)?;
    let data = table.analysis(&AnalysisSpec {
        binary: Some(BinaryOutcome {
            column: spec.outcome.column.clone(),
            event: spec.outcome.event.clone(),
        }),
        survival: None,
        predictors: used_predictors(spec),
        group: None,
    })?;
    let parts = assign_parts(loaded, &table, &data)?;
    Ok(Cohort {
        table,
        derived,
        data,
        parts,
    })
}

fn assign_parts(
    loaded: &LoadedSpec,
    table: &Table,
    data: &AnalysisData,
) -> Result<Vec<Option<Part>>, WorkflowError> {
    let split = &loaded.spec.split;
    let n = data.n_used;
    let y = data.y.as_deref().unwrap_or(&[]);
    match split.method.as_str() {
        "random" => {
            let fraction = split.fraction.unwrap_or(0.75);
            let seed = split.seed.unwrap_or(loaded.spec.seed);
            let mut parts = vec![Some(Part::Validation); n];
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            for class in [1.0, 0.0] {
                let mut idx: Vec<usize> = (0..n).filter(|&i| y[i] == class).collect();
                idx.shuffle(&mut rng);
                let k = (fraction * idx.len() as f64).round() as usize;
                for &i in &idx[..k] {
                    parts[i] = Some(Part::Training);
                }
            }
            Ok(parts)
        }
        "column" => {
            let name = split.column.as_deref().unwrap_or_default();
            let column = table
                .column(name)
                .map_err(|e| loaded.error("split.column", e.to_string()))?;
            Ok(data
                .rows
                .iter()
                .map(|&r| {
                    let v = column.text(r)?;
                    if split.training.contains(&v) {
                        Some(Part::Training)
                    } else if split.validation.contains(&v) {
                        Some(Part::Validation)
                    } else if split.test.contains(&v) {
                        Some(Part::Test)
                    } else {
                        None
                    }
                })
                .collect())
        }
        _ => Ok(vec![Some(Part::Training); n]),
    }
}

impl Cohort {
    /// Analysis-row indices of a part.
    pub fn rows_of(&self, part: Part) -> Vec<usize> {
        (0..self.parts.len())
            .filter(|&i| self.parts[i] == Some(part))
            .collect()
    }

    /// The parts present, in order training, validation, test.
    pub fn present_parts(&self) -> Vec<Part> {
        [Part::Training, Part::Validation, Part::Test]
            .into_iter()
            .filter(|p| self.parts.contains(&Some(*p)))
            .collect()
    }

    /// The 0/1 outcome of the analysis rows.
    pub fn y(&self) -> &[f64] {
        self.data.y.as_deref().unwrap_or(&[])
    }

    /// The split summary.
    pub fn split_summary(&self, spec: &Spec) -> SplitSummary {
        let y = self.y();
        SplitSummary {
            method: spec.split.method.clone(),
            seed: (spec.split.method == "random").then(|| spec.split.seed.unwrap_or(spec.seed)),
            fraction: spec.split.fraction,
            column: spec.split.column.clone(),
            parts: self
                .present_parts()
                .into_iter()
                .map(|p| {
                    let rows = self.rows_of(p);
                    PartCount {
                        part: p,
                        n: rows.len(),
                        events: rows.iter().filter(|&&i| y[i] == 1.0).count(),
                    }
                })
                .collect(),
        }
    }

    /// Text values of a table column on the analysis rows.
    pub fn texts(&self, column: &str) -> Result<Vec<Option<String>>, WorkflowError> {
        let c = self.table.column(column)?;
        Ok(self.data.rows.iter().map(|&r| c.text(r)).collect())
    }

    /// Numbers of a table column on the analysis rows.
    pub fn numbers(&self, column: &str) -> Result<Vec<Option<f64>>, WorkflowError> {
        let c = self.table.column(column)?;
        Ok(self.data.rows.iter().map(|&r| c.number(r)).collect())
    }
}
