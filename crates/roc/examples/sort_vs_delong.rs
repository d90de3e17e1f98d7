//! Times two ROC curves plus a paired DeLong test, in process on data already in memory, against
//! sorting the two score vectors: the goal is within 2× of the sort, since the algorithm is one
//! sort per score plus linear passes (Sun & Xu 2014). The data are a CSV file with the header
//! `y,a,b` (outcome 0/1 and two scores; `scripts/bench/roc.R gen` writes it), the same file pROC
//! is timed on, so that the in-memory times of the two compare like for like. Timed twice (best
//! of 3 each): the curves one after the other on one thread, and the two curves built in
//! parallel (`rayon::join`), as `nomo roc` builds them. The sort baseline is sequential either
//! way. Memory comes from `nomo`'s own allocator (`nomo-alloc`: large blocks on huge pages), for
//! the sort as for the curves. Used by `scripts/bench/roc.sh`, which reads the last line,
//! `NOMO_ROC_SECONDS=<one thread> <parallel>`.
//!
//!   cargo run --release -p nomo-roc --example sort_vs_delong -- FILE

use std::time::Instant;

use nomo_roc::{Alternative, Direction, DirectionRule, Roc, delong_paired};

#[global_allocator]
static ALLOCATOR: nomo_alloc::HugePages = nomo_alloc::HugePages;

/// The outcome (true = case) and the two scores of a `y,a,b` file.
struct Data {
    y: Vec<bool>,
    a: Vec<f64>,
    b: Vec<f64>,
}

/// Reads a `y,a,b` CSV file (header skipped).
fn read(path: &str) -> Result<Data, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let (mut y, mut a, mut b) = (Vec::new(), Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let [yi, ai, bi] = cells[..] else {
            return Err(format!("{path} line {}: expected 3 cells", i + 1).into());
        };
        y.push(match yi.trim() {
            "1" => true,
            "0" => false,
            other => return Err(format!("{path} line {}: outcome {other}, not 0/1", i + 1).into()),
        });
        a.push(ai.trim().parse()?);
        b.push(bi.trim().parse()?);
    }
    Ok(Data { y, a, b })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: sort_vs_delong FILE (a y,a,b CSV)")?;
    let Data { y, a, b } = read(&path)?;
    let n = y.len();

    let best_of = |f: &dyn Fn() -> f64| (0..3).map(|_| f()).fold(f64::INFINITY, f64::min);
    let sort_s = best_of(&|| {
        let t = Instant::now();
        for v in [&a, &b] {
            let mut s = v.clone();
            s.sort_unstable_by(f64::total_cmp);
            std::hint::black_box(&s);
        }
        t.elapsed().as_secs_f64()
    });
    let rule = DirectionRule::Fixed(Direction::Less);
    let sequential_s = best_of(&|| {
        let t = Instant::now();
        let ra = Roc::new(&a, &y, rule).expect("valid data");
        let rb = Roc::new(&b, &y, rule).expect("valid data");
        let test = delong_paired(&ra, &rb, Alternative::TwoSided, 0.95).expect("paired");
        std::hint::black_box(&test);
        t.elapsed().as_secs_f64()
    });
    let parallel_s = best_of(&|| {
        let t = Instant::now();
        let (ra, rb) = rayon::join(|| Roc::new(&a, &y, rule), || Roc::new(&b, &y, rule));
        let (ra, rb) = (ra.expect("valid data"), rb.expect("valid data"));
        let test = delong_paired(&ra, &rb, Alternative::TwoSided, 0.95).expect("paired");
        std::hint::black_box(&test);
        t.elapsed().as_secs_f64()
    });
    println!(
        "n = {n}, in process: sort of both vectors {sort_s:.3} s; two ROC curves + paired DeLong: \
         one thread {sequential_s:.3} s (ratio {:.2}), curves in parallel {parallel_s:.3} s \
         (ratio {:.2}; goal <= 2)",
        sequential_s / sort_s,
        parallel_s / sort_s
    );
    println!("NOMO_ROC_SECONDS={sequential_s:.4} {parallel_s:.4}");
    Ok(())
}
