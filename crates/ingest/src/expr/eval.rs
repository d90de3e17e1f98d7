//! Type checking and row-by-row evaluation.
//!
//! Values are numbers or text; text (a text column or a string literal) may only be compared
//! with `==`/`!=` against text. Comparisons and `& | !` give 1/0. A missing input gives a
//! missing result, except where the logic is settled without it (R's three-valued logic:
//! `0 & NA` is 0, `1 | NA` is 1). `if(c, a, b)` evaluates only the branch taken. Division by
//! zero, the log of a non-positive number, the square root of a negative one and any other
//! non-finite result (overflow, `(-8)^(1/3)`) give a missing value, which is counted by cause
//! and reported: inf and NaN never flow on.

use super::lexer::error;
use super::parser::{BinOp, Expr, Func};
use crate::column::Column;
use crate::error::IngestError;
use crate::suggest::nearest;
use crate::table::Table;

/// Causes of a value left undefined, as bit flags of one row.
pub(crate) const DIVISION_BY_ZERO: u8 = 1;
pub(crate) const LOG_DOMAIN: u8 = 2;
pub(crate) const SQRT_DOMAIN: u8 = 4;
pub(crate) const NON_FINITE: u8 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Text,
}

/// Checks names and types; every error points at the offending node.
pub(crate) fn check(expression: &str, e: &Expr, table: &Table) -> Result<(), IngestError> {
    let must_be_number = |inner: &Expr, what: &str| -> Result<(), IngestError> {
        match kind(expression, inner, table)? {
            Kind::Number => Ok(()),
            Kind::Text => Err(error(
                expression,
                inner.pos(),
                format!("{what} needs a number, this is text"),
            )),
        }
    };
    match e {
        Expr::Neg(inner, _) => must_be_number(inner, "`-`"),
        Expr::Not(inner, _) => must_be_number(inner, "`!`"),
        Expr::Binary { op, lhs, rhs, pos } => {
            let (l, r) = (kind(expression, lhs, table)?, kind(expression, rhs, table)?);
            match op {
                BinOp::Eq | BinOp::Ne if l == r => Ok(()),
                BinOp::Eq | BinOp::Ne => {
                    Err(error(expression, *pos, "compares text with a number"))
                }
                _ if l == Kind::Text => Err(error(
                    expression,
                    lhs.pos(),
                    "text can only be compared with `==` or `!=`",
                )),
                _ if r == Kind::Text => Err(error(
                    expression,
                    rhs.pos(),
                    "text can only be compared with `==` or `!=`",
                )),
                _ => Ok(()),
            }
        }
        Expr::Call { args, .. } => {
            for a in args {
                must_be_number(a, "a function argument")?;
            }
            Ok(())
        }
        Expr::Number(..) | Expr::Str(..) => Ok(()),
        Expr::Column(name, pos) => resolve(expression, name, *pos, table).map(|_| ()),
    }
}

fn kind(expression: &str, e: &Expr, table: &Table) -> Result<Kind, IngestError> {
    match e {
        Expr::Str(..) => Ok(Kind::Text),
        Expr::Column(name, pos) => {
            let column = resolve(expression, name, *pos, table)?;
            Ok(if column.is_numeric() {
                Kind::Number
            } else {
                Kind::Text
            })
        }
        _ => check(expression, e, table).map(|_| Kind::Number),
    }
}

fn resolve<'t>(
    expression: &str,
    name: &str,
    pos: usize,
    table: &'t Table,
) -> Result<&'t Column, IngestError> {
    table
        .columns()
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| {
            let near = nearest(name, table.columns().iter().map(|c| c.name.as_str()));
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", near.join(" or "))
            };
            error(expression, pos, format!("unknown column `{name}`{hint}"))
        })
}

/// Evaluates checked expressions row by row.
pub(crate) struct Evaluator<'t> {
    pub table: &'t Table,
}

impl Evaluator<'_> {
    fn column(&self, name: &str) -> Option<&Column> {
        self.table.columns().iter().find(|c| c.name == name)
    }

    fn text(&self, e: &Expr, i: usize) -> Option<String> {
        match e {
            Expr::Str(s, _) => Some(s.clone()),
            Expr::Column(name, _) => self.column(name).and_then(|c| c.text(i)),
            _ => None,
        }
    }

    fn is_text(&self, e: &Expr) -> bool {
        match e {
            Expr::Str(..) => true,
            Expr::Column(name, _) => self.column(name).is_some_and(|c| !c.is_numeric()),
            _ => false,
        }
    }

    /// The number of `e` in row `i`; undefined operations set bits of `flags`.
    pub(crate) fn number(&self, e: &Expr, i: usize, flags: &mut u8) -> Option<f64> {
        let finite = |x: f64, flags: &mut u8| {
            if x.is_finite() {
                Some(x)
            } else {
                *flags |= NON_FINITE;
                None
            }
        };
        let truth = |b: bool| Some(f64::from(u8::from(b)));
        match e {
            Expr::Number(x, _) => Some(*x),
            Expr::Str(..) => None,
            Expr::Column(name, _) => self.column(name).and_then(|c| c.number(i)),
            Expr::Neg(inner, _) => self.number(inner, i, flags).map(|x| -x),
            Expr::Not(inner, _) => self
                .number(inner, i, flags)
                .map(|x| f64::from(u8::from(x == 0.0))),
            Expr::Binary { op, lhs, rhs, .. } => {
                if matches!(op, BinOp::Eq | BinOp::Ne) && self.is_text(lhs) {
                    let (a, b) = (self.text(lhs, i)?, self.text(rhs, i)?);
                    return truth((a == b) == (*op == BinOp::Eq));
                }
                let a = self.number(lhs, i, flags);
                let b = self.number(rhs, i, flags);
                match op {
                    BinOp::And => match (a, b) {
                        (Some(0.0), _) => truth(false),
                        (_, Some(0.0)) => truth(false),
                        (Some(_), Some(_)) => truth(true),
                        _ => None,
                    },
                    BinOp::Or => match (a, b) {
                        (Some(x), _) if x != 0.0 => truth(true),
                        (_, Some(y)) if y != 0.0 => truth(true),
                        (Some(_), Some(_)) => truth(false),
                        _ => None,
                    },
                    _ => {
                        let (x, y) = (a?, b?);
                        match op {
                            BinOp::Add => finite(x + y, flags),
                            BinOp::Sub => finite(x - y, flags),
                            BinOp::Mul => finite(x * y, flags),
                            BinOp::Div if y == 0.0 => {
                                *flags |= DIVISION_BY_ZERO;
                                None
                            }
                            BinOp::Div => finite(x / y, flags),
                            BinOp::Pow => finite(x.powf(y), flags),
                            BinOp::Eq => truth(x == y),
                            BinOp::Ne => truth(x != y),
                            BinOp::Lt => truth(x < y),
                            BinOp::Le => truth(x <= y),
                            BinOp::Gt => truth(x > y),
                            BinOp::Ge => truth(x >= y),
                            BinOp::And | BinOp::Or => None,
                        }
                    }
                }
            }
            Expr::Call { func, args, .. } => self.call(*func, args, i, flags),
        }
    }

    fn call(&self, func: Func, args: &[Expr], i: usize, flags: &mut u8) -> Option<f64> {
        if func == Func::If {
            let c = self.number(&args[0], i, flags)?;
            let branch = if c != 0.0 { &args[1] } else { &args[2] };
            return self.number(branch, i, flags);
        }
        if matches!(func, Func::Min | Func::Max) {
            let values: Option<Vec<f64>> = args.iter().map(|a| self.number(a, i, flags)).collect();
            let values = values?;
            let pick = if func == Func::Min {
                f64::min
            } else {
                f64::max
            };
            return values.into_iter().reduce(pick);
        }
        let x = self.number(&args[0], i, flags)?;
        let log = |x: f64, flags: &mut u8, f: fn(f64) -> f64| {
            if x <= 0.0 {
                *flags |= LOG_DOMAIN;
                None
            } else {
                Some(f(x))
            }
        };
        match func {
            Func::Log => log(x, flags, f64::ln),
            Func::Log2 => log(x, flags, f64::log2),
            Func::Log10 => log(x, flags, f64::log10),
            Func::Sqrt if x < 0.0 => {
                *flags |= SQRT_DOMAIN;
                None
            }
            Func::Sqrt => Some(x.sqrt()),
            Func::Abs => Some(x.abs()),
            Func::Exp => {
                let y = x.exp();
                if y.is_finite() {
                    Some(y)
                } else {
                    *flags |= NON_FINITE;
                    None
                }
            }
            Func::Min | Func::Max | Func::If => None,
        }
    }
}
