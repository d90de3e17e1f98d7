//! The fast path for plain delimited text: every record on one line, every field either bare or
//! wholly enclosed in double quotes with no quote, delimiter or line break inside — what R's
//! `write.csv`, spreadsheets and most lab exports write.
//!
//! The records are cut into chunks at line breaks and the chunks are read in parallel straight
//! into the final column vectors (each chunk owns a disjoint slice of every column, so the result
//! is the same at any thread count). A column the sample found numeric is parsed as it is read:
//! each cell is trimmed, checked against the missing-value tokens and parsed with the same
//! [`parse_number`] the text path uses; other columns keep their cells as text for
//! [`type_text_cells`]. The columns are then typed exactly as the text path types them.
//!
//! Anything outside that plain shape — a field count other than the header's, a blank line, a
//! quote that does not enclose a whole field, a numeric-looking column with a cell that is not a
//! finite number — makes the fast path give way (`None`) to the general path, which reads the
//! file with polars and reports errors with their row numbers. So the fast path never decides a
//! reading error; the typing errors it can return (a declared type the cells do not fit, ±inf)
//! come from the same [`type_numbers`] / [`type_text_cells`] the general path calls, with the
//! same rows. Where it succeeds its columns equal the general path's.

use rayon::prelude::*;

use crate::column::{
    Column, Origin, clean_cell, parse_number, scan_short_decimal, short_decimal, type_numbers,
    type_text_cells,
};
use crate::error::IngestError;
use crate::options::ReadOptions;
use crate::text::record_end;

/// Chunks per rayon thread: enough to balance uneven lines, few enough to stay cheap.
const CHUNKS_PER_THREAD: usize = 4;

/// One column being filled: numbers for a column the sample found numeric, cells otherwise.
enum Slot<'s, 'o> {
    Numbers(&'o mut [f64]),
    Cells(&'o mut [&'s str]),
}

/// The whole of one column once read.
enum Filled<'s> {
    Numbers(Vec<f64>),
    Cells(Vec<&'s str>),
}

/// Reads the data records of `text` (a cleaned file: header line, records, no final line break)
/// as plain records with `numeric[j]` telling which columns to parse as numbers, and types every
/// column. `None` when there are no records or they are not plain (the general path then reads
/// the file); otherwise the typed columns and the number of data records.
pub(crate) fn read_plain_records(
    text: &str,
    delimiter: u8,
    names: &[String],
    numeric: &[bool],
    options: &ReadOptions,
    origin: &Origin<'_>,
) -> Option<Result<(Vec<Column>, usize), IngestError>> {
    let records = text.get(record_end(text.as_bytes(), 0) + 1..)?;
    if records.is_empty() || !delimiter.is_ascii() {
        return None;
    }
    let chunks = cut_chunks(records, rayon::current_num_threads() * CHUNKS_PER_THREAD);
    // rows per chunk: one per line break, plus the last line (the text ends without one)
    let last = chunks.len() - 1;
    let rows: Vec<usize> = chunks
        .par_iter()
        .enumerate()
        .map(|(k, c)| memchr::memchr_iter(b'\n', c.as_bytes()).count() + usize::from(k == last))
        .collect();
    let n_rows: usize = rows.iter().sum();

    let mut filled: Vec<Filled<'_>> = numeric
        .iter()
        .map(|&n| {
            if n {
                Filled::Numbers(vec![0.0; n_rows])
            } else {
                Filled::Cells(vec![""; n_rows])
            }
        })
        .collect();
    let mut slots: Vec<Vec<Slot<'_, '_>>> = chunks.iter().map(|_| Vec::new()).collect();
    for column in &mut filled {
        match column {
            Filled::Numbers(v) => {
                for (k, part) in split_rows(v, &rows).into_iter().enumerate() {
                    slots[k].push(Slot::Numbers(part));
                }
            }
            Filled::Cells(v) => {
                for (k, part) in split_rows(v, &rows).into_iter().enumerate() {
                    slots[k].push(Slot::Cells(part));
                }
            }
        }
    }
    // the fused numeric path needs every cell it takes to be a number, not a missing-value token
    let fused =
        !options.decimal_comma && !options.na_tokens.iter().any(|t| short_decimal(t).is_some());
    // polars reads an empty field as missing whatever the tokens: without the empty token, an
    // empty text cell gives way
    let empty_missing = options.na_tokens.iter().any(String::is_empty);
    // `all` stops the other chunks as soon as one gives way
    let plain = chunks
        .par_iter()
        .zip(slots.par_iter_mut())
        .zip(rows.par_iter())
        .all(|((chunk, slots), &rows)| {
            read_chunk(chunk, delimiter, slots, rows, options, fused, empty_missing)
        });
    if !plain {
        return None;
    }

    let typed: Vec<Result<Column, IngestError>> = names
        .par_iter()
        .zip(filled.into_par_iter())
        .map(|(name, column)| {
            let declared = options.types.get(name);
            match column {
                Filled::Numbers(values) => type_numbers(name, values, declared, origin),
                Filled::Cells(cells) => type_text_cells(
                    name,
                    cells.into_iter().map(Some),
                    &options.na_tokens,
                    options.decimal_comma,
                    declared,
                    origin,
                ),
            }
        })
        .collect();
    Some(
        typed
            .into_iter()
            .collect::<Result<Vec<Column>, IngestError>>()
            .map(|columns| (columns, n_rows)),
    )
}

/// `values` cut into consecutive parts of `rows[k]` elements each.
fn split_rows<'v, T>(values: &'v mut [T], rows: &[usize]) -> Vec<&'v mut [T]> {
    let mut rest = values;
    rows.iter()
        .map(|&r| {
            let (head, tail) = std::mem::take(&mut rest).split_at_mut(r);
            rest = tail;
            head
        })
        .collect()
}

/// Cuts `text` into about `n` pieces, each ending just after a line break (the last at the end).
fn cut_chunks(text: &str, n: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let step = text.len().div_ceil(n.max(1)).max(1);
    let mut chunks = Vec::with_capacity(n);
    let mut start = 0;
    while start < bytes.len() {
        let target = (start + step).min(bytes.len());
        let end = match memchr::memchr(b'\n', &bytes[target.saturating_sub(1)..]) {
            Some(k) if target < bytes.len() => target - 1 + k + 1,
            _ => bytes.len(),
        };
        chunks.push(&text[start..end]);
        start = end;
    }
    chunks
}

/// Reads the lines of one chunk into its slots, field by field; `false` when a line is not
/// plain. With `fused`, a numeric column's cell that is a short plain decimal directly followed by
/// its separator is parsed in the same pass that finds its end ([`scan_short_decimal`]: the value
/// [`number`] would give, since such a cell needs no trimming and no missing-value token is a
/// short decimal); any other cell is cut at its separator and read by [`number`] or kept as text
/// (an empty one only when `empty_missing`, the empty cell being a missing-value token). Every
/// one of the chunk's `rows` rows must be read, no more and no fewer.
fn read_chunk<'s>(
    chunk: &'s str,
    delimiter: u8,
    slots: &mut [Slot<'s, '_>],
    rows: usize,
    options: &ReadOptions,
    fused: bool,
    empty_missing: bool,
) -> bool {
    let bytes = chunk.as_bytes();
    let width = slots.len();
    if width == 0 {
        return false;
    }
    let mut pos = 0;
    let mut row = 0;
    while pos < bytes.len() {
        if row == rows {
            return false;
        }
        let line_start = pos;
        for (j, slot) in slots.iter_mut().enumerate() {
            let fast = match slot {
                Slot::Numbers(values) if fused => scan_short_decimal(bytes, pos)
                    .filter(|&(_, end)| at_separator(bytes, end, delimiter))
                    .map(|(x, end)| {
                        values[row] = x;
                        end
                    }),
                _ => None,
            };
            let end = match fast {
                Some(end) => end,
                None => {
                    let end = bytes[pos..]
                        .iter()
                        .position(|&b| b == delimiter || b == b'\n')
                        .map_or(bytes.len(), |k| pos + k);
                    let text_end = if bytes.get(end) == Some(&b'\n') && end > pos {
                        end - usize::from(bytes[end - 1] == b'\r')
                    } else {
                        end
                    };
                    // a blank line
                    if j == 0 && text_end == line_start && bytes.get(end) != Some(&delimiter) {
                        return false;
                    }
                    let Some(cell) = unquote(&chunk[pos..text_end]) else {
                        return false;
                    };
                    match slot {
                        Slot::Numbers(values) => match number(cell, options) {
                            Some(x) => values[row] = x,
                            None => return false,
                        },
                        Slot::Cells(_) if cell.is_empty() && !empty_missing => return false,
                        Slot::Cells(cells) => cells[row] = cell,
                    }
                    end
                }
            };
            // the separator: a delimiter between fields, a line break (or the chunk's end) after
            // the last one
            let separator = bytes.get(end).copied();
            pos = match (separator, j + 1 == width) {
                (Some(b'\r'), true) if bytes.get(end + 1) == Some(&b'\n') => end + 2,
                (Some(b'\n'), true) => end + 1,
                (None, true) => end,
                (Some(d), false) if d == delimiter => end + 1,
                _ => return false,
            };
        }
        row += 1;
    }
    row == rows
}

/// `true` when a field ending at `end` is followed by its separator (a delimiter, a line break,
/// `\r\n`, or the end of the chunk).
fn at_separator(bytes: &[u8], end: usize, delimiter: u8) -> bool {
    match bytes.get(end) {
        None => true,
        Some(&b) if b == delimiter || b == b'\n' => true,
        Some(b'\r') => bytes.get(end + 1) == Some(&b'\n'),
        Some(_) => false,
    }
}

/// A field without its enclosing quotes; `None` for any other use of a quote.
fn unquote(field: &str) -> Option<&str> {
    let has_quote = |s: &str| s.bytes().any(|b| b == b'"');
    if !has_quote(field) {
        return Some(field);
    }
    let inner = field.strip_prefix('"')?.strip_suffix('"')?;
    (!has_quote(inner)).then_some(inner)
}

/// A numeric column's cell as the text path reads it: NaN for a missing-value token, the number
/// when it is finite, `None` (give way) otherwise.
fn number(cell: &str, options: &ReadOptions) -> Option<f64> {
    match clean_cell(cell, &options.na_tokens) {
        None => Some(f64::NAN),
        Some(t) => parse_number(t, options.decimal_comma).filter(|x| x.is_finite()),
    }
}
