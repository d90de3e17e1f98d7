//! Mid-ranks and tie sizes, as R's `rank(ties.method = "average")` and `table(x)`.
//!
//! Tied values share the mean of the ranks they occupy. The tie-size list feeds the
//! variance corrections of the rank tests (Σ(t³ − t) over groups of tied values).

/// Mid-ranks (1-based) of `x`, and the sizes of the groups of tied values.
pub fn midranks(x: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut ties = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && x[order[j]] == x[order[i]] {
            j += 1;
        }
        // positions i..j (0-based) hold ranks i+1..=j; their mean is (i + 1 + j)/2
        let r = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            ranks[k] = r;
        }
        ties.push(j - i);
        i = j;
    }
    (ranks, ties)
}

/// Σ(t³ − t) over the tie groups (zero without ties).
pub fn tie_sum(ties: &[usize]) -> f64 {
    ties.iter()
        .map(|&t| {
            let t = t as f64;
            t * t * t - t
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_mean_rank() {
        // R: rank(c(3, 1, 3, 2)) = 3.5 1 3.5 2
        let (r, t) = midranks(&[3.0, 1.0, 3.0, 2.0]);
        assert_eq!(r, vec![3.5, 1.0, 3.5, 2.0]);
        assert_eq!(tie_sum(&t), 6.0);
    }
}
