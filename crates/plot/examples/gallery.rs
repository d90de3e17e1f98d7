//! Renders one example of every figure type into `reports/examples/`:
//! `cargo run -p nomo-plot --example gallery [DIR] [TYPE|all] [WIDTHxHEIGHT]`
//! (defaults: `reports/examples`, every type, journal sizes at 300 dpi).

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use nomo_plot::{Canvas, Figure, JournalWidth, to_png, to_svg};

fn save<F: Figure>(dir: &std::path::Path, name: &str, fig: &F, canvas: Canvas) {
    let svg = to_svg(fig, &canvas).expect("svg renders");
    let png = to_png(fig, &canvas).expect("png renders");
    std::fs::write(dir.join(format!("{name}.svg")), svg).expect("write svg");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write png");
    println!("{name}: {} x {} px", canvas.width_px, canvas.height_px);
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../reports/examples")
        });
    std::fs::create_dir_all(&dir).expect("output folder");
    let only = std::env::args().nth(2).filter(|o| o != "all");
    let want = |n: &str| only.as_deref().is_none_or(|o| o == n);
    let fixed: Option<Canvas> = std::env::args().nth(3).map(|s| {
        let (w, h) = s.split_once('x').expect("WIDTHxHEIGHT");
        Canvas::pixels(w.parse().expect("width"), h.parse().expect("height")).expect("size")
    });
    let single = |h_mm: f64| {
        fixed.unwrap_or_else(|| Canvas::journal(JournalWidth::Single, h_mm, 300.0).expect("size"))
    };
    if want("roc") {
        save(&dir, "roc", &fixtures::roc(), single(85.0));
    }
    let double = |h_mm: f64| {
        fixed.unwrap_or_else(|| Canvas::journal(JournalWidth::Double, h_mm, 300.0).expect("size"))
    };
    if want("dca") {
        save(&dir, "dca", &fixtures::dca(), single(75.0));
    }
    if want("forest") {
        save(&dir, "forest", &fixtures::forest(), double(140.0));
    }
    if want("calibration") {
        save(&dir, "calibration", &fixtures::calibration(), single(85.0));
    }
    if want("lasso_path") {
        save(&dir, "lasso_path", &fixtures::lasso_path(), single(75.0));
    }
    if want("lasso_cv") {
        save(
            &dir,
            "lasso_cv",
            &fixtures::lasso_cv("hcc_nomogram.json", "lasso_binomial_deviance"),
            single(75.0),
        );
    }
    if want("nomogram") {
        save(&dir, "nomogram", &fixtures::nomogram(), double(95.0));
    }
    if want("heatmap") {
        save(&dir, "heatmap", &fixtures::heatmap(), single(82.0));
    }
    if want("km") {
        save(&dir, "km", &fixtures::km(), single(82.0));
    }
}
