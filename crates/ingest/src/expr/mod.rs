//! Derived variables: a small expression language that computes one numeric column from
//! others, and nothing else.
//!
//! Grammar: numbers (`1`, `2.5`, `1e-3`), column names (backticks for names with spaces or
//! symbols: `` `t2 post` ``), string literals (`"M"` or `'M'`), `+ - * / ^`, unary minus,
//! parentheses, the functions `log` (natural), `log2`, `log10`, `exp`, `sqrt`, `abs`, `min`,
//! `max` (any number of arguments) and `if(condition, yes, no)`, comparisons
//! `== != < <= > >=` giving 1/0, and `&`, `|`, `!`. Precedence follows R (`parser.rs`);
//! missing values and undefined operations are handled as `eval.rs` describes.
//!
//! Examples, the seed study's indices: `neutrophils / lymphocytes` (NLR),
//! `neutrophils * monocytes / lymphocytes` (SIRI), `(adc_max_post - adc_min_post) / adc_mean_post`,
//! `sex == "M"`.

mod eval;
mod lexer;
mod parser;

use serde::Serialize;

use crate::column::{Origin, type_numbers};
use crate::error::IngestError;
use crate::table::Table;
use eval::{DIVISION_BY_ZERO, Evaluator, LOG_DOMAIN, NON_FINITE, SQRT_DOMAIN, check};

/// What a derivation produced: how many values are missing and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeriveReport {
    pub name: String,
    pub expression: String,
    /// Missing values in the new column.
    pub n_missing: usize,
    /// ... of which because an input was missing.
    pub n_missing_input: usize,
    /// ... of which because of a division by zero.
    pub n_division_by_zero: usize,
    /// ... of which because of a log of a non-positive number.
    pub n_log_non_positive: usize,
    /// ... of which because of a square root of a negative number.
    pub n_sqrt_negative: usize,
    /// ... of which because of another non-finite result (overflow, a negative base to a
    /// fractional power).
    pub n_non_finite: usize,
}

impl DeriveReport {
    /// "nlr = neutrophils / lymphocytes: 2 missing (1 missing input, 1 division by zero)".
    pub fn summary(&self) -> String {
        let mut head = format!("{} = {}: ", self.name, self.expression);
        if self.n_missing == 0 {
            head.push_str("no missing values");
            return head;
        }
        let causes: Vec<String> = [
            (self.n_missing_input, "missing input"),
            (self.n_division_by_zero, "division by zero"),
            (self.n_log_non_positive, "log of a non-positive number"),
            (self.n_sqrt_negative, "square root of a negative number"),
            (self.n_non_finite, "non-finite result"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        head.push_str(&format!(
            "{} missing ({})",
            self.n_missing,
            causes.join(", ")
        ));
        head
    }
}

/// Checks that `expression` parses and type-checks against `table` (a dry run of
/// [`Table::derive`]).
pub fn validate_expression(table: &Table, expression: &str) -> Result<(), IngestError> {
    let e = parser::parse(expression)?;
    check(expression, &e, table)
}

impl Table {
    /// Adds the column `name` computed by `expression` (the language of `expr/mod.rs`); its type is inferred like a read column's (a comparison gives a 0/1
    /// binary column). Refuses an existing name.
    pub fn derive(&mut self, name: &str, expression: &str) -> Result<DeriveReport, IngestError> {
        if let Some(k) = self.columns.iter().position(|c| c.name == name) {
            return Err(IngestError::DuplicateColumn {
                file: self.file.clone(),
                column: name.to_string(),
                first: k + 1,
                second: self.columns.len() + 1,
            });
        }
        let e = parser::parse(expression)?;
        check(expression, &e, self)?;
        let evaluator = Evaluator { table: self };
        let mut report = DeriveReport {
            name: name.to_string(),
            expression: expression.trim().to_string(),
            n_missing: 0,
            n_missing_input: 0,
            n_division_by_zero: 0,
            n_log_non_positive: 0,
            n_sqrt_negative: 0,
            n_non_finite: 0,
        };
        let mut values = Vec::with_capacity(self.n_rows);
        for i in 0..self.n_rows {
            let mut flags = 0u8;
            match evaluator.number(&e, i, &mut flags) {
                Some(x) => values.push(x),
                None => {
                    values.push(f64::NAN);
                    report.n_missing += 1;
                    let count = |bit: u8| usize::from(flags & bit != 0);
                    report.n_division_by_zero += count(DIVISION_BY_ZERO);
                    report.n_log_non_positive += count(LOG_DOMAIN);
                    report.n_sqrt_negative += count(SQRT_DOMAIN);
                    report.n_non_finite += count(NON_FINITE);
                    report.n_missing_input += usize::from(flags == 0);
                }
            }
        }
        let origin = Origin {
            file: &self.file,
            first_row: self.first_row,
        };
        let mut column = type_numbers(name, values, None, &origin)?;
        column.reason = format!("derived: {}; {}", report.expression, column.reason);
        self.columns.push(column);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::parser::{BinOp, Expr, parse};
    use crate::IngestError;

    fn caret(expression: &str) -> usize {
        match parse(expression) {
            Err(IngestError::Expression { position, .. }) => position,
            other => panic!("expected a parse error for {expression:?}, got {other:?}"),
        }
    }

    #[test]
    fn precedence_follows_r() {
        // -2^2 is -(2^2)
        assert!(matches!(parse("-2^2").unwrap(), Expr::Neg(..)));
        // a + b * c: the root is +
        match parse("a + b * c").unwrap() {
            Expr::Binary { op, rhs, .. } => {
                assert_eq!(op, BinOp::Add);
                assert!(matches!(*rhs, Expr::Binary { op: BinOp::Mul, .. }));
            }
            other => panic!("{other:?}"),
        }
        // a < b & c: the root is &
        assert!(matches!(
            parse("a < b & c").unwrap(),
            Expr::Binary { op: BinOp::And, .. }
        ));
        // 2^3^2 is 2^(3^2)
        match parse("2^3^2").unwrap() {
            Expr::Binary { op, rhs, .. } => {
                assert_eq!(op, BinOp::Pow);
                assert!(matches!(*rhs, Expr::Binary { op: BinOp::Pow, .. }));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parse_errors_point_at_the_position() {
        assert_eq!(caret("neutrophils / )"), 14);
        assert_eq!(caret("(a + b"), 6);
        assert_eq!(caret("a b"), 2);
        assert_eq!(caret("lg(a)"), 0);
        assert_eq!(caret("a < b < c"), 6);
        assert_eq!(caret("if(a, b)"), 0);
        assert_eq!(caret(""), 0);
        assert_eq!(caret("a + * b"), 4);
    }

    #[test]
    fn error_display_draws_the_caret() {
        let e = parse("a + * b").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("\n  a + * b\n      ^"), "{text}");
    }
}
