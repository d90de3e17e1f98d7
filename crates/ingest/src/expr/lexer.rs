//! Tokens of the derived-variable language, each with the character position where it starts
//! (for the caret under a parse error).

use crate::error::IngestError;

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Number(f64),
    /// A string literal (`"M"` or `'M'`).
    Str(String),
    /// A bare or backticked name.
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Open,
    Close,
    Comma,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Not,
    End,
}

/// A token and its character position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned {
    pub token: Token,
    pub pos: usize,
}

pub(crate) fn error(expression: &str, pos: usize, message: impl Into<String>) -> IngestError {
    IngestError::Expression {
        expression: expression.to_string(),
        position: pos,
        message: message.into(),
    }
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '.'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Splits `expression` into tokens, ending with [`Token::End`] at its length.
pub(crate) fn tokenize(expression: &str) -> Result<Vec<Spanned>, IngestError> {
    let chars: Vec<char> = expression.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let next = chars.get(i + 1).copied();
        let token = match c {
            _ if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '0'..='9' => {
                i = number_end(&chars, i);
                let text: String = chars[start..i].iter().collect();
                let value = text
                    .parse::<f64>()
                    .map_err(|_| error(expression, start, format!("`{text}` is not a number")))?;
                out.push(Spanned {
                    token: Token::Number(value),
                    pos: start,
                });
                continue;
            }
            '.' if next.is_some_and(|n| n.is_ascii_digit()) => {
                i = number_end(&chars, i);
                let text: String = chars[start..i].iter().collect();
                let value = text
                    .parse::<f64>()
                    .map_err(|_| error(expression, start, format!("`{text}` is not a number")))?;
                out.push(Spanned {
                    token: Token::Number(value),
                    pos: start,
                });
                continue;
            }
            _ if is_name_start(c) => {
                while i < chars.len() && is_name_char(chars[i]) {
                    i += 1;
                }
                out.push(Spanned {
                    token: Token::Name(chars[start..i].iter().collect()),
                    pos: start,
                });
                continue;
            }
            '`' | '"' | '\'' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&d| d == c)
                    .ok_or_else(|| error(expression, start, "this quote is never closed"))?;
                let text: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 2;
                out.push(Spanned {
                    token: if c == '`' {
                        Token::Name(text)
                    } else {
                        Token::Str(text)
                    },
                    pos: start,
                });
                continue;
            }
            '+' => Token::Plus,
            '-' => Token::Minus,
            '*' => Token::Star,
            '/' => Token::Slash,
            '^' => Token::Caret,
            '(' => Token::Open,
            ')' => Token::Close,
            ',' => Token::Comma,
            '=' if next == Some('=') => {
                i += 1;
                Token::Eq
            }
            '=' => return Err(error(expression, start, "use `==` to compare")),
            '!' if next == Some('=') => {
                i += 1;
                Token::Ne
            }
            '!' => Token::Not,
            '<' if next == Some('=') => {
                i += 1;
                Token::Le
            }
            '<' => Token::Lt,
            '>' if next == Some('=') => {
                i += 1;
                Token::Ge
            }
            '>' => Token::Gt,
            '&' => {
                if next == Some('&') {
                    i += 1;
                }
                Token::And
            }
            '|' => {
                if next == Some('|') {
                    i += 1;
                }
                Token::Or
            }
            other => {
                return Err(error(
                    expression,
                    start,
                    format!("unexpected character `{other}`"),
                ));
            }
        };
        i += 1;
        out.push(Spanned { token, pos: start });
    }
    out.push(Spanned {
        token: Token::End,
        pos: chars.len(),
    });
    Ok(out)
}

/// End of a number starting at `i`: digits, an optional fraction, an optional exponent.
fn number_end(chars: &[char], mut i: usize) -> usize {
    let digits = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    digits(&mut i);
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        digits(&mut i);
    }
    if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
        let mut j = i + 1;
        if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
            j += 1;
        }
        if j < chars.len() && chars[j].is_ascii_digit() {
            i = j;
            digits(&mut i);
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_positions() {
        let t = tokenize("a <= 1.5e2 & `b c` != \"x\"").unwrap();
        let kinds: Vec<Token> = t.iter().map(|s| s.token.clone()).collect();
        assert_eq!(
            kinds,
            [
                Token::Name("a".into()),
                Token::Le,
                Token::Number(150.0),
                Token::And,
                Token::Name("b c".into()),
                Token::Ne,
                Token::Str("x".into()),
                Token::End
            ]
        );
        assert_eq!(t[4].pos, 13);
    }

    #[test]
    fn lexer_errors_point_at_the_character() {
        match tokenize("a = 1") {
            Err(IngestError::Expression { position, .. }) => assert_eq!(position, 2),
            other => panic!("{other:?}"),
        }
        match tokenize("a + \"x") {
            Err(IngestError::Expression { position, .. }) => assert_eq!(position, 4),
            other => panic!("{other:?}"),
        }
    }
}
