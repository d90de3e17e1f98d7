//! Dense ranks: each key's 0-based rank among the distinct keys, with the distinct keys in
//! ascending order. This is all a statistic on tied data needs from a sort (an ROC curve has one
//! point per distinct score, and every observation of a score shares its placement), and it can
//! be had without sorting all n keys when they take few distinct values.
//!
//! Two routes give the same answer:
//! - **Few distinct keys** (scores measured to a few decimals, integer scales): each key is looked
//!   up in an open-addressing hash table (linear probing, multiplicative "Fibonacci" hashing;
//!   Knuth, TAOCP vol. 3, §6.4) that numbers the distinct keys in first-seen order. Only the u
//!   distinct keys are then sorted ([`radix_sort`]), and one relabelling pass turns first-seen
//!   numbers into ranks: O(n + u), with a table small enough to stay in cache.
//! - **Many distinct keys**: once more than `min(MAX_HASHED, n/4)` distinct keys have been
//!   seen, the table is abandoned and all n keys are radix-sorted carrying their positions; the
//!   ranks are read off the runs of equal keys: O(n).

use crate::radix_sort;

/// Most distinct keys the hash route numbers; its table has twice as many slots (16 bytes
/// each: 4 MiB), so that probes stay short and the table stays in the last-level cache.
const MAX_HASHED: usize = 1 << 17;

/// Marks an empty slot of the hash table (a first-seen number no table holds).
const EMPTY: u32 = u32::MAX;

/// Dense ranks of a key sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseRanks {
    /// Rank of each key among the distinct keys (0 = smallest), in input order.
    pub ranks: Vec<u32>,
    /// The distinct keys, ascending.
    pub distinct: Vec<u64>,
}

/// Dense ranks of `keys` (by unsigned order; for numbers, of their [`crate::order_key`]s).
///
/// # Panics
/// When there are `u32::MAX` keys or more (ranks and positions are 32-bit).
pub fn dense_ranks(keys: &[u64]) -> DenseRanks {
    assert!(keys.len() < u32::MAX as usize, "at most 2^32 - 2 keys");
    hashed_ranks(keys, MAX_HASHED.min(keys.len() / 4)).unwrap_or_else(|| sorted_ranks(keys))
}

/// The hash route; `None` once more than `max_distinct` keys are distinct.
fn hashed_ranks(keys: &[u64], max_distinct: usize) -> Option<DenseRanks> {
    if max_distinct == 0 {
        return None;
    }
    let slots = (2 * max_distinct).next_power_of_two();
    let shift = 64 - slots.trailing_zeros();
    let mask = slots - 1;
    let mut table = vec![(0u64, EMPTY); slots];
    let mut distinct: Vec<u64> = Vec::new();
    let mut ranks = Vec::with_capacity(keys.len());
    for &key in keys {
        // the top bits of key·⌊2⁶⁴/φ⌋ (shift < 64: slots ≥ 2)
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
        let number = loop {
            let (k, number) = table[slot];
            if number == EMPTY {
                if distinct.len() == max_distinct {
                    return None;
                }
                let number = distinct.len() as u32;
                table[slot] = (key, number);
                distinct.push(key);
                break number;
            }
            if k == key {
                break number;
            }
            slot = (slot + 1) & mask;
        };
        ranks.push(number);
    }
    // first-seen numbers → ranks
    let mut numbers: Vec<u32> = (0..distinct.len() as u32).collect();
    radix_sort(&mut distinct, &mut numbers);
    let mut rank_of = vec![0u32; numbers.len()];
    for (rank, &number) in numbers.iter().enumerate() {
        rank_of[number as usize] = rank as u32;
    }
    for r in &mut ranks {
        *r = rank_of[*r as usize];
    }
    Some(DenseRanks { ranks, distinct })
}

/// The sort route: one radix sort of all keys with their positions.
fn sorted_ranks(keys: &[u64]) -> DenseRanks {
    let mut sorted = keys.to_vec();
    let mut positions: Vec<u32> = (0..keys.len() as u32).collect();
    radix_sort(&mut sorted, &mut positions);
    let mut ranks = vec![0u32; keys.len()];
    let mut distinct: Vec<u64> = Vec::new();
    for (&key, &position) in sorted.iter().zip(&positions) {
        if distinct.last() != Some(&key) {
            distinct.push(key);
        }
        ranks[position as usize] = (distinct.len() - 1) as u32;
    }
    DenseRanks { ranks, distinct }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both routes agree with a rank read off a comparison sort, with few and with many distinct
    /// keys, and `dense_ranks` takes the hash route only while keys are few.
    #[test]
    fn routes_agree_with_a_comparison_sort() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (n, spread) in [
            (0, 1),
            (1, 1),
            (7, 3),
            (1000, 5),
            (5000, 40),
            (5000, u64::MAX),
        ] {
            let keys: Vec<u64> = (0..n).map(|_| next() % spread).collect();
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let ranks: Vec<u32> = keys
                .iter()
                .map(|k| distinct.binary_search(k).unwrap() as u32)
                .collect();
            let expected = DenseRanks { ranks, distinct };
            assert_eq!(sorted_ranks(&keys), expected, "sorted, n = {n}");
            assert_eq!(dense_ranks(&keys), expected, "dense, n = {n}");
            let hashed = hashed_ranks(&keys, n);
            assert_eq!(hashed, (n > 0).then(|| expected.clone()), "hashed, n = {n}");
            let few = expected.distinct.len() <= n / 4;
            assert_eq!(hashed_ranks(&keys, n / 4).is_some(), few && n >= 4);
        }
    }
}
