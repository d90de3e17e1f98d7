//! Level order of categorical variables. R's `factor()` sorts the distinct values with the
//! locale's collation (`sort(unique(x))`); in the usual English UTF-8 locales that compares
//! letters case-insensitively first and puts lower case before upper case on a tie
//! ("alcohol" < "HBV" < "hbv" < "other"). Levels that are all numbers sort numerically, as
//! `factor()` of a numeric vector does.

use std::cmp::Ordering;

/// R's collation order for two levels (see the module docs).
pub fn collate(a: &str, b: &str) -> Ordering {
    let fold = |s: &str| -> Vec<char> { s.chars().flat_map(char::to_lowercase).collect() };
    fold(a).cmp(&fold(b)).then_with(|| {
        // lower case first on a case-only difference
        for (x, y) in a.chars().zip(b.chars()) {
            if x != y {
                return match (x.is_lowercase(), y.is_lowercase()) {
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    _ => x.cmp(&y),
                };
            }
        }
        a.len().cmp(&b.len())
    })
}

/// Sorts levels as `factor()` would: numerically when every level is a number, else by
/// [`collate`].
pub fn sort_levels(levels: &mut [String]) {
    let numbers: Option<Vec<f64>> = levels
        .iter()
        .map(|l| l.trim().parse::<f64>().ok())
        .collect();
    match numbers {
        Some(_) => levels.sort_by(|a, b| {
            let x: f64 = a.trim().parse().unwrap_or(0.0);
            let y: f64 = b.trim().parse().unwrap_or(0.0);
            x.total_cmp(&y)
        }),
        None => levels.sort_by(|a, b| collate(a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_r_factor() {
        let mut v: Vec<String> = ["other", "HBV", "alcohol", "HCV", "hbv"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_levels(&mut v);
        assert_eq!(v, ["alcohol", "hbv", "HBV", "HCV", "other"]);
        let mut n: Vec<String> = ["10", "2", "1"].iter().map(|s| s.to_string()).collect();
        sort_levels(&mut n);
        assert_eq!(n, ["1", "2", "10"]);
    }
}
