//! Harrell's concordance of a risk score with survival, as `coxph` reports it (survival's
//! `concordance`, `timewt = "n"`), with its infinitesimal-jackknife standard error.
//!
//! # Definition
//! A pair (i, j) is *comparable* when subject i has an event at tᵢ and subject j is still
//! under observation after it: tⱼ > tᵢ, or tⱼ = tᵢ with j censored (an event and a censoring at
//! the same time form a comparable pair; two tied event times do not). The pair is
//! *concordant* when the earlier failure has the higher risk score (ηᵢ > ηⱼ), *discordant* when
//! ηᵢ < ηⱼ, and a pair tied on the score counts ½ (Harrell et al. 1982; Therneau & Atkinson,
//! "The concordance statistic", survival vignette):
//!
//! ```text
//! C = (N_concordant + N_tied/2) / N_comparable.
//! ```
//!
//! # Standard error
//! Give every subject a case weight wₖ; then C(w) = Σ_pairs wᵢwⱼ sᵢⱼ / Σ_pairs wᵢwⱼ cᵢⱼ with
//! sᵢⱼ ∈ {1, ½, 0} the pair's score and cᵢⱼ = 1 for a comparable pair. The infinitesimal
//! jackknife (Efron 1982) uses the derivative at w = 1,
//!
//! ```text
//! ∂C/∂wₖ = (Aₖ − C·Bₖ) / N_comparable,   Var C = Σₖ (∂C/∂wₖ)²,
//! ```
//!
//! where Aₖ sums the scores and Bₖ counts the comparable pairs that subject k belongs to (as the
//! earlier or the later member).
//!
//! # Algorithm
//! Counting pairs directly is O(n²). Instead, rank the scores and sweep the times with a
//! Fenwick (binary indexed) tree of counts per rank (Christensen 2018 describes the same idea
//! for survival's own code): from the longest time down, each event finds how many subjects
//! later (or censored at the same time) have a lower, equal or higher score; from the shortest
//! time up, each subject finds how many earlier events (events at its own time too, if it is
//! censored) have a higher, equal or lower score. Both sweeps are O(n log n).
//!
//! Hand-worked: times 1, 2, 3 all events with scores 3, 1, 2: comparable pairs (1,2), (1,3),
//! (2,3); concordant (1,2) and (1,3), discordant (2,3): C = 2/3.

/// Concordance and its infinitesimal-jackknife standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Concordance {
    /// Harrell's C (NaN when no pair is comparable).
    pub c: f64,
    /// Infinitesimal-jackknife standard error.
    pub se: f64,
}

/// Fenwick tree of counts over ranks 0..m.
struct Fenwick {
    tree: Vec<f64>,
}

impl Fenwick {
    fn new(m: usize) -> Self {
        Self {
            tree: vec![0.0; m + 1],
        }
    }

    fn add(&mut self, rank: usize) {
        let mut i = rank + 1;
        while i < self.tree.len() {
            self.tree[i] += 1.0;
            i += i & i.wrapping_neg();
        }
    }

    /// Count of ranks < `rank`.
    fn below(&self, rank: usize) -> f64 {
        let mut i = rank;
        let mut s = 0.0;
        while i > 0 {
            s += self.tree[i];
            i -= i & i.wrapping_neg();
        }
        s
    }
}

/// Per-subject pair counts: (lower score, equal score, higher score) of the partner.
type Counts = (f64, f64, f64);

fn split(tree: &Fenwick, total: f64, rank: usize) -> Counts {
    let below = tree.below(rank);
    let upto = tree.below(rank + 1);
    (below, upto - below, total - upto)
}

/// Concordance of `score` (higher = earlier failure expected) with right-censored times.
pub fn concordance(time: &[f64], event: &[bool], score: &[f64]) -> Concordance {
    let n = time.len();
    let mut distinct: Vec<f64> = score.to_vec();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let rank: Vec<usize> = score
        .iter()
        .map(|s| distinct.partition_point(|v| v.total_cmp(s).is_lt()))
        .collect();
    let order = crate::data::order_by_time(time);
    let m = distinct.len();
    // sweep 1: events as the earlier member, longest time first
    let mut early = vec![(0.0, 0.0, 0.0); n];
    let mut tree = Fenwick::new(m);
    let mut in_tree = 0.0;
    let mut b = n;
    while b > 0 {
        let t = time[order[b - 1]];
        let mut a = b;
        while a > 0 && time[order[a - 1]] == t {
            a -= 1;
        }
        let group = &order[a..b];
        for &i in group.iter().filter(|&&i| !event[i]) {
            tree.add(rank[i]);
            in_tree += 1.0;
        }
        for &i in group.iter().filter(|&&i| event[i]) {
            early[i] = split(&tree, in_tree, rank[i]);
        }
        for &i in group.iter().filter(|&&i| event[i]) {
            tree.add(rank[i]);
            in_tree += 1.0;
        }
        b = a;
    }
    // sweep 2: every subject as the later member, shortest time first
    let mut late = vec![(0.0, 0.0, 0.0); n];
    let mut tree = Fenwick::new(m);
    let mut in_tree = 0.0;
    let mut a = 0;
    while a < n {
        let t = time[order[a]];
        let mut b = a;
        while b < n && time[order[b]] == t {
            b += 1;
        }
        let group = &order[a..b];
        for &j in group.iter().filter(|&&j| event[j]) {
            late[j] = split(&tree, in_tree, rank[j]);
        }
        for &j in group.iter().filter(|&&j| event[j]) {
            tree.add(rank[j]);
            in_tree += 1.0;
        }
        for &j in group.iter().filter(|&&j| !event[j]) {
            late[j] = split(&tree, in_tree, rank[j]);
        }
        a = b;
    }
    // early member i: partner lower score → concordant; later member j: partner higher → concordant
    let (mut conc, mut tied, mut total) = (0.0, 0.0, 0.0);
    for &(lo, eq, hi) in &early {
        conc += lo;
        tied += eq;
        total += lo + eq + hi;
    }
    if total == 0.0 {
        return Concordance {
            c: f64::NAN,
            se: f64::NAN,
        };
    }
    let c = (conc + tied / 2.0) / total;
    let var: f64 = (0..n)
        .map(|k| {
            let (lo1, eq1, hi1) = early[k];
            let (lo2, eq2, hi2) = late[k];
            let a = lo1 + eq1 / 2.0 + hi2 + eq2 / 2.0;
            let b = lo1 + eq1 + hi1 + lo2 + eq2 + hi2;
            let d = (a - c * b) / total;
            d * d
        })
        .sum();
    Concordance { c, se: var.sqrt() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Direct O(n²) count of the definition in the module docs.
    fn brute(time: &[f64], event: &[bool], score: &[f64]) -> f64 {
        let (mut s, mut c) = (0.0, 0.0);
        for i in 0..time.len() {
            for j in 0..time.len() {
                if event[i] && (time[j] > time[i] || (time[j] == time[i] && !event[j])) {
                    c += 1.0;
                    s += if score[i] > score[j] {
                        1.0
                    } else if score[i] == score[j] {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
        }
        s / c
    }

    #[test]
    fn hand_worked_and_brute_force() {
        // exact rational values: tolerance 1e-15 absolute
        let k = concordance(&[1., 2., 3.], &[true, true, true], &[3., 1., 2.]);
        assert!((k.c - 2.0 / 3.0).abs() < 1e-15);
        let time = [1., 1., 2., 2., 3., 4., 4., 5.];
        let event = [true, false, true, true, false, true, false, true];
        let score = [0.5, 0.5, 0.1, 0.7, 0.1, 0.5, 0.9, 0.2];
        let k = concordance(&time, &event, &score);
        assert!((k.c - brute(&time, &event, &score)).abs() < 1e-15);
    }
}
