//! Loads and types one table and reports how long it took: the binary behind
//! `scripts/bench/ingest.sh` (run it in release mode).

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: ingest_bench FILE")?;
    let start = Instant::now();
    let table = nomo_ingest::read_table(&path, &nomo_ingest::ReadOptions::default())?;
    let read = start.elapsed();
    let inspection = table.inspect();
    let total = start.elapsed();
    let missing: usize = inspection.columns.iter().map(|c| c.n_missing).sum();
    println!(
        "{}: {} rows x {} columns, {} missing cells; read+typed in {:.3} s, inspected in {:.3} s",
        path,
        table.n_rows(),
        table.n_columns(),
        missing,
        read.as_secs_f64(),
        (total - read).as_secs_f64()
    );
    Ok(())
}
