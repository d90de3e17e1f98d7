//! Checks on the raw bytes of a delimited text file before polars parses it: the byte-order
//! mark, UTF-8 validity, binary content, the delimiter, the header, and the shape of every
//! record. Polars fills short rows with nulls and reports long ones without a row number, so the
//! record scan here is what gives ragged rows their spreadsheet row number.

use crate::error::IngestError;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Strips a BOM and trailing blank lines (spaces and line breaks; the last line keeps its
/// trailing blanks); refuses binary and invalid UTF-8.
pub(crate) fn clean_text<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, IngestError> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let head = &body[..body.len().min(8000)];
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(IngestError::NotText {
            file: file.to_string(),
            row: line_of(body, at),
            reason: "binary content (a NUL byte)".into(),
        });
    }
    let text = std::str::from_utf8(body).map_err(|e| IngestError::NotText {
        file: file.to_string(),
        row: line_of(body, e.valid_up_to()),
        reason: "invalid UTF-8".into(),
    })?;
    // trailing blank lines (spaces and line breaks) go; a tab is a TSV field separator, so the
    // last line keeps its trailing tabs and spaces (a row may end in an empty field) and a line
    // of tabs stays a row of empty fields, as it is anywhere else in the file
    let last = text.trim_end_matches([' ', '\r', '\n']).len();
    let end = text[last..]
        .find(['\r', '\n'])
        .map_or(text.len(), |k| last + k);
    let body = &text[..end];
    if last == 0 {
        return Err(IngestError::Empty {
            file: file.to_string(),
        });
    }
    Ok(body)
}

/// 1-based line number of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Splits a record into fields (double-quote aware; `""` inside quotes is a quote).
fn split_record(line: &str, delimiter: u8) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if quoted && chars.peek() == Some(&'"') {
                field.push('"');
                chars.next();
            } else {
                quoted = !quoted;
            }
        } else if !quoted && c as u32 == u32::from(delimiter) {
            fields.push(std::mem::take(&mut field));
        } else {
            field.push(c);
        }
    }
    fields.push(field);
    fields
}

/// Count of `delimiter` outside quotes in a line.
fn count_outside_quotes(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Detects the delimiter among comma, semicolon and tab from the first 20 lines: the candidate
/// that occurs in the header and the same number of times on every sampled line, the most
/// frequent such one winning (ties in the order comma, semicolon, tab). Without a consistent
/// candidate, the one most frequent in the header; with none at all, comma (one column).
pub(crate) fn detect_delimiter(body: &[u8]) -> u8 {
    let lines: Vec<&[u8]> = body
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(20)
        .collect();
    let candidates = [b',', b';', b'\t'];
    let mut best: Option<(u8, usize)> = None;
    for &d in &candidates {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let first = counts.first().copied().unwrap_or(0);
        if first > 0 && counts.iter().all(|&c| c == first) && best.is_none_or(|(_, n)| first > n) {
            best = Some((d, first));
        }
    }
    if let Some((d, _)) = best {
        return d;
    }
    let header = lines.first().copied().unwrap_or(&[]);
    candidates
        .iter()
        .copied()
        .max_by_key(|&d| (count_outside_quotes(header, d), std::cmp::Reverse(d)))
        .filter(|&d| count_outside_quotes(header, d) > 0)
        .unwrap_or(b',')
}

/// The header's column names (trimmed; an empty name becomes `V<position>`), refusing
/// duplicates.
pub(crate) fn header_names(
    file: &str,
    body: &[u8],
    delimiter: u8,
) -> Result<Vec<String>, IngestError> {
    let end = record_end(body, 0);
    let line = std::str::from_utf8(&body[..end]).unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    let names: Vec<String> = split_record(line, delimiter)
        .into_iter()
        .enumerate()
        .map(|(j, n)| {
            let n = n.trim().to_string();
            if n.is_empty() {
                format!("V{}", j + 1)
            } else {
                n
            }
        })
        .collect();
    check_unique(file, &names)?;
    Ok(names)
}

/// Refuses duplicate column names (positions reported 1-based).
pub(crate) fn check_unique(file: &str, names: &[String]) -> Result<(), IngestError> {
    let mut seen = std::collections::HashMap::new();
    for (j, n) in names.iter().enumerate() {
        if let Some(&first) = seen.get(n.as_str()) {
            return Err(IngestError::DuplicateColumn {
                file: file.to_string(),
                column: n.clone(),
                first: first + 1,
                second: j + 1,
            });
        }
        seen.insert(n.as_str(), j);
    }
    Ok(())
}

/// The leading part of `body` holding the header and at most `records` data records (a quote-
/// aware cut just after a record's newline), so that a sample is parsed without the whole file.
pub(crate) fn leading_records(body: &[u8], records: usize) -> &[u8] {
    let mut end = 0;
    for _ in 0..=records {
        if end >= body.len() {
            return body;
        }
        end = record_end(body, end) + 1;
    }
    &body[..end.min(body.len())]
}

/// Byte offset of the newline that ends the record starting at `start` (quote aware), or the
/// end of the buffer.
pub(crate) fn record_end(body: &[u8], start: usize) -> usize {
    let mut quoted = false;
    for (k, &b) in body[start..].iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == b'\n' && !quoted {
            return start + k;
        }
    }
    body.len()
}

/// Scans every record: each must have as many fields as the header. Returns the number of
/// data records. Rows are numbered as a spreadsheet numbers them (the header is row 1).
pub(crate) fn scan_records(
    file: &str,
    body: &[u8],
    delimiter: u8,
    expected: usize,
) -> Result<usize, IngestError> {
    if !body.contains(&b'"') {
        return scan_unquoted(file, body, delimiter, expected, 1);
    }
    // R's write.csv quotes every header name but no number: when the quotes end with the header,
    // the data records take the fast path (the header's fields are the names, so they count right).
    let header_end = record_end(body, 0);
    if header_end < body.len() && !body[header_end + 1..].contains(&b'"') {
        return scan_unquoted(file, &body[header_end + 1..], delimiter, expected, 2);
    }
    let mut row = 1usize;
    let mut fields = 1usize;
    let mut quoted = false;
    let mut line_start = true;
    let mut blank = true;
    let mut records = 0usize;
    for &b in body {
        if b == b'"' {
            quoted = !quoted;
            blank = false;
        } else if quoted {
            continue;
        } else if b == delimiter {
            fields += 1;
            blank = false;
        } else if b == b'\n' {
            check_fields(file, row, fields, blank, expected)?;
            if row > 1 {
                records += 1;
            }
            row += 1;
            fields = 1;
            blank = true;
            line_start = true;
            continue;
        } else if b != b'\r' {
            blank = false;
        }
        line_start = false;
    }
    if quoted {
        return Err(IngestError::UnclosedQuote {
            file: file.to_string(),
            row,
        });
    }
    if !line_start || row == 1 {
        check_fields(file, row, fields, blank, expected)?;
        if row > 1 {
            records += 1;
        }
    }
    if records == 0 {
        return Err(IngestError::HeaderOnly {
            file: file.to_string(),
        });
    }
    Ok(records)
}

/// [`scan_records`] for text without any quote (the common case, and the same answer): each
/// line's fields are one more than its delimiters, counted in one vectorisable pass. `body`
/// starts at spreadsheet row `first_row` (1 = the header, 2 = the first data record).
fn scan_unquoted(
    file: &str,
    body: &[u8],
    delimiter: u8,
    expected: usize,
    first_row: usize,
) -> Result<usize, IngestError> {
    let mut records = 0usize;
    let mut row = first_row;
    let mut rest = body;
    loop {
        let (line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(k) => (&rest[..k], Some(&rest[k + 1..])),
            None => (rest, None),
        };
        // the empty tail after a final newline is no record
        if next.is_some() || !line.is_empty() || row == 1 {
            let fields = 1 + line.iter().filter(|&&b| b == delimiter).count();
            let blank = fields == 1 && line.iter().all(|&b| b == b'\r');
            check_fields(file, row, fields, blank, expected)?;
            if row > 1 {
                records += 1;
            }
        }
        match next {
            Some(n) => {
                rest = n;
                row += 1;
            }
            None => break,
        }
    }
    if records == 0 {
        return Err(IngestError::HeaderOnly {
            file: file.to_string(),
        });
    }
    Ok(records)
}

fn check_fields(
    file: &str,
    row: usize,
    fields: usize,
    blank: bool,
    expected: usize,
) -> Result<(), IngestError> {
    let found = if blank && expected > 1 { 0 } else { fields };
    if found != expected {
        return Err(IngestError::Ragged {
            file: file.to_string(),
            row,
            expected,
            found,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_records_cut_after_whole_records() {
        let body = b"a,b\n1,\"x\ny\"\n2,3\n4,5";
        assert_eq!(leading_records(body, 1), b"a,b\n1,\"x\ny\"\n");
        assert_eq!(leading_records(body, 2), b"a,b\n1,\"x\ny\"\n2,3\n");
        assert_eq!(leading_records(body, 3), &body[..]);
        assert_eq!(leading_records(body, 9), &body[..]);
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,2;3;4\n"), b';');
        assert_eq!(detect_delimiter(b"a\tb\n1\t2\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"x,y\";b\n1;2\n"), b';');
        assert_eq!(detect_delimiter(b"a,b\n1,2\n"), b',');
        assert_eq!(detect_delimiter(b"a\n1\n"), b',');
    }

    /// A quoted header over unquoted records (R's write.csv) takes the fast path and counts and
    /// numbers rows exactly as the quote-aware scan does.
    #[test]
    fn quoted_header_scans_like_the_quote_aware_path() {
        let ok = b"\"a\",\"b\"\n1,2\n3,4\n";
        assert_eq!(scan_records("f.csv", ok, b',', 2).unwrap(), 2);
        let ragged = b"\"a\",\"b\"\n1,2\n3\n5,6";
        match scan_records("f.csv", ragged, b',', 2).unwrap_err() {
            IngestError::Ragged {
                row,
                expected,
                found,
                ..
            } => assert_eq!((row, expected, found), (3, 2, 1)),
            other => panic!("{other:?}"),
        }
        // the same rows with a quoted value (quote-aware path) fail at the same row
        let quoted = b"\"a\",\"b\"\n1,\"2\"\n3\n5,6";
        match scan_records("f.csv", quoted, b',', 2).unwrap_err() {
            IngestError::Ragged { row, .. } => assert_eq!(row, 3),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            scan_records("f.csv", b"\"a\",\"b\"\n", b',', 2),
            Err(IngestError::HeaderOnly { .. })
        ));
    }

    /// Blank lines at the end go; the last line's own trailing tab (an empty field) and a last
    /// line of tabs stay.
    #[test]
    fn cleaning_keeps_the_last_line_whole() {
        assert_eq!(
            clean_text("f", b"a\tb\n1\t\n\n  \r\n").unwrap(),
            "a\tb\n1\t"
        );
        assert_eq!(clean_text("f", b"a,b\r\n1,2\r\n").unwrap(), "a,b\r\n1,2");
        assert!(matches!(
            clean_text("f", b" \n \r\n"),
            Err(IngestError::Empty { .. })
        ));
        // a last line of tabs is a row of empty fields, not a blank line
        assert_eq!(
            clean_text("f", b"a\tb\n1\t2\n\t\n").unwrap(),
            "a\tb\n1\t2\n\t"
        );
    }

    #[test]
    fn splits_quoted_fields() {
        assert_eq!(split_record("\"a,\"\"b\",c", b','), ["a,\"b", "c"]);
    }
}
