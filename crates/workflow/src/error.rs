//! The driver's errors: spec errors carry the file, line and key; data errors name the
//! column and rows; step errors name the step.

use thiserror::Error;

/// Why a workflow could not run.
#[derive(Debug, Error)]
pub enum WorkflowError {
    /// The spec is malformed or inconsistent.
    #[error("{file}{}: {message}", location(.line, .key))]
    Spec {
        file: String,
        line: Option<usize>,
        key: String,
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// Reading, typing or deriving the data failed.
    #[error(transparent)]
    Ingest(#[from] nomo_ingest::IngestError),
    /// A statistical step failed.
    #[error("step `{step}`: {message}")]
    Step { step: String, message: String },
    /// The data do not fit a frozen model (missing columns, unseen levels).
    #[error("{0}")]
    Data(String),
}

/// ":12 (key `roc.compare`)", the parts that are known.
fn location(line: &Option<usize>, key: &str) -> String {
    let mut out = line.map(|l| format!(":{l}")).unwrap_or_default();
    if !key.is_empty() {
        out.push_str(&format!(" (key `{key}`)"));
    }
    out
}

impl WorkflowError {
    /// A step error from any displayable cause.
    pub fn step(step: &str, cause: impl std::fmt::Display) -> WorkflowError {
        WorkflowError::Step {
            step: step.to_string(),
            message: cause.to_string(),
        }
    }

    /// An I/O error at `path`.
    pub fn io(path: &std::path::Path, cause: impl std::fmt::Display) -> WorkflowError {
        WorkflowError::Io {
            path: path.display().to_string(),
            message: cause.to_string(),
        }
    }
}
