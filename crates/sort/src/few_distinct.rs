//! The stable sort of (key, payload) pairs when the keys take few distinct values (scores
//! measured to a few decimals, integer scales), without sorting all n keys.
//!
//! Each key is looked up in an open-addressing hash table (linear probing, multiplicative
//! "Fibonacci" hashing; Knuth, TAOCP vol. 3, §6.4) that numbers the distinct keys in first-seen
//! order. Only the u distinct keys are then sorted ([`radix_sort`]), which turns first-seen
//! numbers into ranks, and one counting sort by rank (stable: payloads scattered in input order
//! into their rank's run) finishes the job: O(n + u), with a table small enough to stay in cache,
//! where the radix sort reads and scatters all n pairs once per varying byte of the keys. The result
//! is the radix sort's, since a stable sort by key has only one answer.

use crate::radix_sort;

/// Most distinct keys the hash table numbers; it has twice as many slots (16 bytes each: 4 MiB),
/// so that probes stay short and the table stays in the last-level cache.
pub(crate) const MAX_HASHED: usize = 1 << 17;

/// Marks an empty slot of the hash table (a first-seen number no table holds).
const EMPTY: u32 = u32::MAX;

/// Sorts `keys` ascending with their payloads, stably, when at most `max_distinct` of them are
/// distinct, and returns `true`; otherwise returns `false` with both left as they were.
/// `tags` must be as long as `keys`.
pub(crate) fn sort_few_distinct<T: Copy + Default>(
    keys: &mut [u64],
    tags: &mut Vec<T>,
    max_distinct: usize,
) -> bool {
    let Some((mut numbers, mut distinct)) = first_seen_numbers(keys, max_distinct) else {
        return false;
    };
    // first-seen number → rank
    let mut by_number: Vec<u32> = (0..distinct.len() as u32).collect();
    radix_sort(&mut distinct, &mut by_number);
    let mut rank_of = vec![0u32; distinct.len()];
    for (rank, &number) in by_number.iter().enumerate() {
        rank_of[number as usize] = rank as u32;
    }
    // each key's rank, and the size of each rank's run
    let mut next = vec![0usize; distinct.len()];
    for number in &mut numbers {
        *number = rank_of[*number as usize];
        next[*number as usize] += 1;
    }
    // the keys in order; `next` becomes each run's start
    let mut start = 0;
    for (slot, &key) in next.iter_mut().zip(&distinct) {
        let run = *slot;
        keys[start..start + run].fill(key);
        *slot = start;
        start += run;
    }
    // the payloads, stably: each goes to the next free place of its rank's run
    let mut sorted = vec![T::default(); tags.len()];
    for (&rank, &tag) in numbers.iter().zip(tags.iter()) {
        let place = &mut next[rank as usize];
        sorted[*place] = tag;
        *place += 1;
    }
    *tags = sorted;
    true
}

/// Each key's first-seen number and the distinct keys in first-seen order; `None` once more
/// than `max_distinct` keys are distinct.
fn first_seen_numbers(keys: &[u64], max_distinct: usize) -> Option<(Vec<u32>, Vec<u64>)> {
    if max_distinct == 0 {
        return None;
    }
    let slots = (2 * max_distinct).next_power_of_two();
    let shift = 64 - slots.trailing_zeros();
    let mask = slots - 1;
    let mut table = vec![(0u64, EMPTY); slots];
    let mut distinct: Vec<u64> = Vec::new();
    let mut numbers = Vec::with_capacity(keys.len());
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
        numbers.push(number);
    }
    Some((numbers, distinct))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counting sort gives the stable comparison sort's order, with few and with many
    /// distinct keys, and declines (leaving its input alone) once keys are too many.
    #[test]
    fn sorts_as_a_stable_comparison_sort() {
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
            let positions: Vec<u32> = (0..n as u32).collect();
            let mut expected = positions.clone();
            expected.sort_by_key(|&i| keys[i as usize]);
            let expected_keys: Vec<u64> = expected.iter().map(|&i| keys[i as usize]).collect();
            let n_distinct = {
                let mut d = keys.clone();
                d.sort_unstable();
                d.dedup();
                d.len()
            };
            for max_distinct in [n, n / 4] {
                let (mut k, mut p) = (keys.clone(), positions.clone());
                let sorted = sort_few_distinct(&mut k, &mut p, max_distinct);
                assert_eq!(sorted, n > 0 && n_distinct <= max_distinct, "n = {n}");
                if sorted {
                    assert_eq!((k, p), (expected_keys.clone(), expected.clone()), "n = {n}");
                } else {
                    assert_eq!((k, p), (keys.clone(), positions.clone()), "n = {n}");
                }
            }
        }
    }
}
