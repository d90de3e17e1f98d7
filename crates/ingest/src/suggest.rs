//! Nearest column names for "unknown column" errors, by edit distance: the number of
//! single-character insertions, deletions, substitutions and transpositions of adjacent
//! characters turning one name into the other (Levenshtein 1966; Damerau 1964; the "optimal
//! string alignment" variant, where no substring is edited twice), compared case-insensitively.

/// Optimal-string-alignment edit distance between `a` and `b` (characters, case-insensitive).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let w = b.len() + 1;
    // d[i * w + j]: distance between the first i characters of a and the first j of b
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = best;
        }
    }
    d[a.len() * w + b.len()]
}

/// Up to three names nearest to `wanted`: those within a distance of max(2, a third of its
/// length), nearest first (ties in table order); names containing `wanted` (or contained in
/// it) also qualify.
pub fn nearest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let limit = (wanted.chars().count() / 3).max(2);
    let low = wanted.to_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = names
        .enumerate()
        .filter_map(|(k, n)| {
            let d = edit_distance(wanted, n);
            let nl = n.to_lowercase();
            let contains = !low.is_empty() && (nl.contains(&low) || low.contains(&nl));
            (d <= limit || contains).then_some((d, k, n))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, n)| n.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("AFP", "afp"), 0);
        assert_eq!(edit_distance("apf", "afp"), 1);
    }

    #[test]
    fn suggests_nearest_first() {
        let names = ["age", "afp", "alp", "albumin"];
        assert_eq!(nearest("apf", names.iter().copied()), ["afp", "age", "alp"]);
        assert_eq!(nearest("albumine", names.iter().copied()), ["albumin"]);
        assert!(nearest("zzzzzzzz", names.iter().copied()).is_empty());
    }
}
