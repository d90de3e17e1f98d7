//! Benchmark of the performance goal: 1,000 univariate logistic fits on n = 5,000
//! (y ~ x_k for k = 1..1000, Wald table only, no profile limits), in under 0.5 s (release).
//! Run with `cargo bench -p nomo-logistic` or `scripts/bench/logistic_screen.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
use nomo_logistic::{Design, LogisticParams, screen};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// 1,000 standard-normal-ish candidates, a few of them informative, and y from a logistic model.
fn data(n: usize, k: usize) -> Vec<(Design, Vec<f64>)> {
    let mut rng = ChaCha8Rng::seed_from_u64(20240);
    let mut uniform = move || -> f64 { rng.random::<f64>() };
    let cols: Vec<Vec<f64>> = (0..k)
        .map(|_| {
            (0..n)
                .map(|_| uniform() + uniform() + uniform() - 1.5)
                .collect()
        })
        .collect();
    let y: Vec<f64> = (0..n)
        .map(|i| {
            let eta = -0.5 + 1.2 * cols[0][i] - 0.8 * cols[1][i];
            if uniform() < 1.0 / (1.0 + (-eta).exp()) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    cols.into_iter()
        .enumerate()
        .map(|(j, c)| (Design::new(vec![format!("x{j}")], vec![c]), y.clone()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let candidates = data(5000, 1000);
    let params = LogisticParams::default().without_profile();
    let mut group = c.benchmark_group("logistic");
    group.sample_size(10);
    group.bench_function("screen_1000_fits_n5000", |b| {
        b.iter(|| {
            let rows = screen(&params, &candidates);
            assert!(rows.iter().all(|r| r.error.is_none()));
            rows
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
