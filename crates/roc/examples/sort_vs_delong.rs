//! Times two ROC curves plus a paired DeLong test against sorting the two score vectors, on n
//! simulated patients (default 1,000,000), with scores rounded to 4 decimals (many ties; the
//! default) or `continuous` (all distinct): the goal is within 2× of the sort, since the
//! algorithm is one sort per score plus linear passes (Sun & Xu 2014). Timed twice: the curves
//! one after the other on one thread, and the two curves built in parallel (`rayon::join`), as
//! `nomo roc` builds them. The sort baseline is sequential either way. Used by
//! `scripts/bench/roc.sh`.
//!
//!   cargo run --release -p nomo-roc --example sort_vs_delong -- [n] [rounded|continuous]

use std::time::Instant;

use nomo_roc::{Alternative, Direction, DirectionRule, Roc, delong_paired};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A standard normal draw by Box–Muller.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = match std::env::args().nth(1) {
        Some(s) => s.parse()?,
        None => 1_000_000,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let y: Vec<bool> = (0..n).map(|_| rng.random::<f64>() < 0.3).collect();
    let continuous = match std::env::args().nth(2).as_deref() {
        None | Some("rounded") => false,
        Some("continuous") => true,
        Some(other) => return Err(format!("scores are rounded or continuous, not {other}").into()),
    };
    let round = |x: f64| {
        if continuous {
            x
        } else {
            (x * 1e4).round() / 1e4
        }
    };
    let a: Vec<f64> = y
        .iter()
        .map(|&c| round(normal(&mut rng) + if c { 1.0 } else { 0.0 }))
        .collect();
    let b: Vec<f64> = a
        .iter()
        .zip(&y)
        .map(|(&x, &c)| round(0.6 * x + normal(&mut rng) + if c { 0.5 } else { 0.0 }))
        .collect();

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
        "n = {n}: sort of both vectors {sort_s:.3} s; two ROC curves + paired DeLong: one thread \
         {sequential_s:.3} s (ratio {:.2}), curves in parallel {parallel_s:.3} s (ratio {:.2}; goal <= 2)",
        sequential_s / sort_s,
        parallel_s / sort_s
    );
    Ok(())
}
