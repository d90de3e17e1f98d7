//! Recursive-descent parser. Precedence, loosest first, as in R: `|`, `&`, `!`, comparisons
//! (not chained), `+ -`, `* /`, unary minus, `^` (right-associative, so `-2^2` is -4 and
//! `2^-1` is 0.5), then numbers, strings, names, calls and parentheses.

use super::lexer::{Spanned, Token, error};
use crate::error::IngestError;

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

/// Functions of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    Log,
    Log2,
    Log10,
    Exp,
    Sqrt,
    Abs,
    Min,
    Max,
    If,
}

impl Func {
    fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "log" => Func::Log,
            "log2" => Func::Log2,
            "log10" => Func::Log10,
            "exp" => Func::Exp,
            "sqrt" => Func::Sqrt,
            "abs" => Func::Abs,
            "min" => Func::Min,
            "max" => Func::Max,
            "if" => Func::If,
            _ => return None,
        })
    }
}

/// The names callable as functions.
pub(crate) const FUNCTIONS: [&str; 9] = [
    "log", "log2", "log10", "exp", "sqrt", "abs", "min", "max", "if",
];

/// A parsed expression; `pos` is where the node's token starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Number(f64, usize),
    Str(String, usize),
    Column(String, usize),
    Neg(Box<Expr>, usize),
    Not(Box<Expr>, usize),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
        pos: usize,
    },
    Call {
        func: Func,
        args: Vec<Expr>,
        pos: usize,
    },
}

struct Parser<'a> {
    expression: &'a str,
    tokens: Vec<Spanned>,
    at: usize,
}

/// Parses a whole expression.
pub(crate) fn parse(expression: &str) -> Result<Expr, IngestError> {
    let tokens = super::lexer::tokenize(expression)?;
    let mut p = Parser {
        expression,
        tokens,
        at: 0,
    };
    if p.peek().token == Token::End {
        return Err(error(expression, 0, "empty expression"));
    }
    let e = p.or()?;
    let rest = p.peek().clone();
    if rest.token != Token::End {
        return Err(p.unexpected(&rest));
    }
    Ok(e)
}

impl Expr {
    /// Where the node starts (its operator for binary nodes).
    pub(crate) fn pos(&self) -> usize {
        match self {
            Expr::Number(_, p)
            | Expr::Str(_, p)
            | Expr::Column(_, p)
            | Expr::Neg(_, p)
            | Expr::Not(_, p) => *p,
            Expr::Binary { pos, .. } | Expr::Call { pos, .. } => *pos,
        }
    }
}

impl Parser<'_> {
    fn peek(&self) -> &Spanned {
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn bump(&mut self) -> Spanned {
        let t = self.peek().clone();
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        t
    }

    fn unexpected(&self, t: &Spanned) -> IngestError {
        let what = match &t.token {
            Token::End => "unexpected end of expression".to_string(),
            Token::Number(x) => format!("unexpected number `{x}`"),
            Token::Str(s) => format!("unexpected string \"{s}\""),
            Token::Name(n) => format!("unexpected name `{n}`"),
            other => format!("unexpected `{}`", symbol(other)),
        };
        error(self.expression, t.pos, what)
    }

    fn binary_loop(
        &mut self,
        next: fn(&mut Self) -> Result<Expr, IngestError>,
        ops: &[(Token, BinOp)],
    ) -> Result<Expr, IngestError> {
        let mut lhs = next(self)?;
        loop {
            let t = self.peek().clone();
            let Some((_, op)) = ops.iter().find(|(tok, _)| *tok == t.token) else {
                return Ok(lhs);
            };
            self.bump();
            let rhs = next(self)?;
            lhs = Expr::Binary {
                op: *op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
                pos: t.pos,
            };
        }
    }

    fn or(&mut self) -> Result<Expr, IngestError> {
        self.binary_loop(Self::and, &[(Token::Or, BinOp::Or)])
    }

    fn and(&mut self) -> Result<Expr, IngestError> {
        self.binary_loop(Self::not, &[(Token::And, BinOp::And)])
    }

    fn not(&mut self) -> Result<Expr, IngestError> {
        if self.peek().token == Token::Not {
            let t = self.bump();
            return Ok(Expr::Not(Box::new(self.not()?), t.pos));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, IngestError> {
        let lhs = self.additive()?;
        let t = self.peek().clone();
        let op = match t.token {
            Token::Eq => BinOp::Eq,
            Token::Ne => BinOp::Ne,
            Token::Lt => BinOp::Lt,
            Token::Le => BinOp::Le,
            Token::Gt => BinOp::Gt,
            Token::Ge => BinOp::Ge,
            _ => return Ok(lhs),
        };
        self.bump();
        let rhs = self.additive()?;
        let after = self.peek().clone();
        if matches!(
            after.token,
            Token::Eq | Token::Ne | Token::Lt | Token::Le | Token::Gt | Token::Ge
        ) {
            return Err(error(
                self.expression,
                after.pos,
                "comparisons do not chain: write `a < b & b < c`",
            ));
        }
        Ok(Expr::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
            pos: t.pos,
        })
    }

    fn additive(&mut self) -> Result<Expr, IngestError> {
        self.binary_loop(
            Self::multiplicative,
            &[(Token::Plus, BinOp::Add), (Token::Minus, BinOp::Sub)],
        )
    }

    fn multiplicative(&mut self) -> Result<Expr, IngestError> {
        self.binary_loop(
            Self::unary,
            &[(Token::Star, BinOp::Mul), (Token::Slash, BinOp::Div)],
        )
    }

    fn unary(&mut self) -> Result<Expr, IngestError> {
        match self.peek().token {
            Token::Minus => {
                let t = self.bump();
                Ok(Expr::Neg(Box::new(self.unary()?), t.pos))
            }
            Token::Plus => {
                self.bump();
                self.unary()
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, IngestError> {
        let base = self.primary()?;
        if self.peek().token == Token::Caret {
            let t = self.bump();
            let exponent = self.unary()?;
            return Ok(Expr::Binary {
                op: BinOp::Pow,
                lhs: Box::new(base),
                rhs: Box::new(exponent),
                pos: t.pos,
            });
        }
        Ok(base)
    }

    fn primary(&mut self) -> Result<Expr, IngestError> {
        let t = self.bump();
        match t.token {
            Token::Number(x) => Ok(Expr::Number(x, t.pos)),
            Token::Str(s) => Ok(Expr::Str(s, t.pos)),
            Token::Open => {
                let e = self.or()?;
                let close = self.bump();
                if close.token != Token::Close {
                    return Err(error(
                        self.expression,
                        close.pos,
                        "expected `)` to close the `(`",
                    ));
                }
                Ok(e)
            }
            Token::Name(name) if self.peek().token == Token::Open => self.call(name, t.pos),
            Token::Name(name) => Ok(Expr::Column(name, t.pos)),
            _ => Err(self.unexpected(&t)),
        }
    }

    fn call(&mut self, name: String, pos: usize) -> Result<Expr, IngestError> {
        let func = Func::from_name(&name).ok_or_else(|| {
            error(
                self.expression,
                pos,
                format!(
                    "unknown function `{name}` (functions: {})",
                    FUNCTIONS.join(", ")
                ),
            )
        })?;
        self.bump(); // (
        let mut args = Vec::new();
        if self.peek().token != Token::Close {
            loop {
                args.push(self.or()?);
                let t = self.bump();
                match t.token {
                    Token::Comma => continue,
                    Token::Close => break,
                    _ => {
                        return Err(error(
                            self.expression,
                            t.pos,
                            "expected `,` or `)` in the argument list",
                        ));
                    }
                }
            }
        } else {
            self.bump();
        }
        let arity_ok = match func {
            Func::Min | Func::Max => !args.is_empty(),
            Func::If => args.len() == 3,
            _ => args.len() == 1,
        };
        if !arity_ok {
            let wanted = match func {
                Func::Min | Func::Max => "at least one argument",
                Func::If => "three arguments: if(condition, yes, no)",
                _ => "one argument",
            };
            return Err(error(
                self.expression,
                pos,
                format!("`{name}` takes {wanted}, got {}", args.len()),
            ));
        }
        Ok(Expr::Call { func, args, pos })
    }
}

fn symbol(t: &Token) -> &'static str {
    match t {
        Token::Plus => "+",
        Token::Minus => "-",
        Token::Star => "*",
        Token::Slash => "/",
        Token::Caret => "^",
        Token::Open => "(",
        Token::Close => ")",
        Token::Comma => ",",
        Token::Eq => "==",
        Token::Ne => "!=",
        Token::Lt => "<",
        Token::Le => "<=",
        Token::Gt => ">",
        Token::Ge => ">=",
        Token::And => "&",
        Token::Or => "|",
        Token::Not => "!",
        _ => "?",
    }
}
