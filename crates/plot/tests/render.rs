//! Every figure renders from R reference inputs to PNG and SVG: the PNG decodes, has the
//! requested size and is not blank; the SVG holds the expected text as `<text>` elements.

mod fixtures;

use nomo_plot::{Canvas, Figure, JournalWidth, PlotError, to_png, to_svg};

/// Decodes a PNG; returns (width, height, RGB bytes).
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("PNG header decodes");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("PNG data decodes");
    buf.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgb);
    (info.width, info.height, buf)
}

/// The `<text>` elements of an SVG document: (x attribute, trimmed content).
fn svg_texts(svg: &str) -> Vec<(String, String)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let x = t.split("x=\"").nth(1)?.split('"').next()?.to_string();
            let body = t.split_once('>')?.1.split("</text>").next()?.trim();
            let body = body
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            Some((x, body))
        })
        .collect()
}

/// Renders `fig` both ways at 480 × 360 and checks the PNG and the SVG's text.
fn check<F: Figure>(fig: &F, texts: &[&str]) -> Vec<(String, String)> {
    check_ink(fig, texts, true)
}

/// As [`check`]; `coloured` says whether the figure must hold a coloured (non-grey) pixel.
fn check_ink<F: Figure>(fig: &F, texts: &[&str], coloured: bool) -> Vec<(String, String)> {
    let canvas = Canvas::pixels(480, 360).expect("canvas");
    let (w, h, rgb) = decode(&to_png(fig, &canvas).expect("PNG renders"));
    assert_eq!((w, h), (480, 360));
    // not blank: at least 2% of the pixels are ink and at least one is coloured (not grey)
    let ink = rgb.chunks(3).filter(|p| p.iter().any(|&c| c < 200)).count();
    assert!(ink * 50 > (w * h) as usize, "only {ink} ink pixels");
    assert_eq!(
        rgb.chunks(3).any(|p| p[0].abs_diff(p[2]) > 60),
        coloured,
        "coloured pixels"
    );
    let svg = to_svg(fig, &canvas).expect("SVG renders");
    assert!(svg.starts_with("<svg"), "SVG document");
    assert!(svg.contains("<text"), "text stays text");
    let found = svg_texts(&svg);
    for t in texts {
        assert!(
            found.iter().any(|(_, body)| body == t),
            "SVG lacks text {t:?}"
        );
    }
    found
}

#[test]
fn roc_from_proc_reference() {
    let fig = fixtures::roc();
    // asah.json roc.s100b: AUC 0.731368563685637 (0.630118211761623–0.832618915609651)
    check(
        &fig,
        &[
            "S100B: AUC 0.731 (0.630\u{2013}0.833)",
            "WFNS: AUC 0.824 (0.749\u{2013}0.899)",
            "Sensitivity",
            "1 \u{2212} Specificity",
            "0.205 (0.806, 0.634)",
        ],
    );
}

#[test]
fn km_with_aligned_risk_table() {
    let fig = fixtures::km();
    // lung.json: 138 men and 90 women at time 0; log-rank p = 0.00131
    let texts = check(
        &fig,
        &[
            "Number at risk",
            "Survival probability",
            "Time (days)",
            "138",
            "90",
            "Log-rank p = 0.0013",
            "HR 0.58 (0.41\u{2013}0.80)",
        ],
    );
    // every at-risk count sits at exactly the x of its tick label (same mapping, to the pixel)
    let x_of = |label: &str| -> Vec<String> {
        texts
            .iter()
            .filter(|(_, body)| body == label)
            .map(|(x, _)| x.clone())
            .collect()
    };
    for (k, tick) in ["0", "200", "400", "600", "800", "1000"].iter().enumerate() {
        // the axis is drawn before the table, so a tick label is the first text with its value
        let tick_x = x_of(tick);
        for row in &fig.at_risk {
            assert!(
                x_of(&row[k].to_string()).contains(&tick_x[0]),
                "count {} not under tick {tick}",
                row[k]
            );
        }
    }
}

#[test]
fn dca_from_reference() {
    check(
        &fixtures::dca(),
        &[
            "Net benefit",
            "Threshold probability",
            "Treat all",
            "Treat none",
            "1:4",
            "0.3",
        ],
    );
}

#[test]
fn forest_from_univariate_screen() {
    // hcc_nomogram.json univariate nlr: OR 1.5773 (1.1471–2.1687), p = 0.005
    check(
        &fixtures::forest(),
        &[
            "OR (95% CI)",
            "1.58 (1.15\u{2013}2.17)",
            "0.005",
            "<0.001",
            "nlr",
        ],
    );
}

#[test]
fn journal_canvas_sizes() {
    // exact: 85 mm at 300 dpi = 1003.9 px, 180 mm = 2125.98 px
    let single = Canvas::journal(JournalWidth::Single, 60.0, 300.0).expect("size");
    assert_eq!((single.width_px, single.height_px), (1004, 709));
    let double = Canvas::journal(JournalWidth::Double, 60.0, 300.0).expect("size");
    assert_eq!(double.width_px, 2126);
    // render at 150 dpi to keep the test quick: 85 mm = 501.97 px, 60 mm = 354.33 px
    let draft = Canvas::journal(JournalWidth::Single, 60.0, 150.0).expect("size");
    let png = to_png(&fixtures::dca(), &draft).expect("renders");
    let (w, h, _) = decode(&png);
    assert_eq!((w, h), (502, 354));
    // the resolution is recorded: 150 dpi = 5905.5 px per metre, rounded
    let reader = png::Decoder::new(std::io::Cursor::new(&png))
        .read_info()
        .expect("header");
    let dims = reader.info().pixel_dims.expect("pHYs chunk");
    assert_eq!(dims.xppu, 5906);
}

#[test]
fn bad_input_is_an_error() {
    assert!(matches!(
        Canvas::pixels(399, 300),
        Err(PlotError::CanvasTooSmall { width: 399, .. })
    ));
    assert!(Canvas::journal(JournalWidth::Single, 60.0, f64::NAN).is_err());
    let canvas = Canvas::pixels(400, 300).expect("canvas");
    let mut roc = fixtures::roc();
    roc.curves[0].sensitivity.pop();
    assert!(matches!(
        to_svg(&roc, &canvas),
        Err(PlotError::InvalidInput(_))
    ));
    let mut km = fixtures::km();
    km.at_risk[0].pop();
    assert!(matches!(
        to_png(&km, &canvas),
        Err(PlotError::InvalidInput(_))
    ));
    let mut forest = fixtures::forest();
    forest.rows[0].lower = 0.0;
    assert!(to_svg(&forest, &canvas).is_err());
    assert!(Canvas::pixels(30_000, 400).is_err());
    assert!(Canvas::journal(JournalWidth::Double, 100.0, 1e6).is_err());
    // empty inputs and non-finite values are errors, never a panic or a NaN drawn as a number
    let mut roc = fixtures::roc();
    roc.curves.clear();
    assert!(to_png(&roc, &canvas).is_err());
    let mut cv = fixtures::lasso_cv("hcc_radiomics_lasso.json", "binomial_deviance");
    cv.cvm[3] = f64::NAN;
    assert!(to_svg(&cv, &canvas).is_err());
    let mut path = fixtures::lasso_path();
    path.lambda[0] = 0.0;
    assert!(to_svg(&path, &canvas).is_err());
    let mut nomogram = fixtures::nomogram();
    nomogram.predictors[0].labels.pop();
    assert!(to_svg(&nomogram, &canvas).is_err());
    let mut heatmap = fixtures::heatmap();
    heatmap.values[0].pop();
    assert!(to_svg(&heatmap, &canvas).is_err());
    let mut dca = fixtures::dca();
    dca.treat_all.pop();
    assert!(to_svg(&dca, &canvas).is_err());
    let mut cal = fixtures::calibration();
    cal.apparent = None;
    cal.bias_corrected = None;
    cal.groups.clear();
    assert!(to_svg(&cal, &canvas).is_err());
}

#[test]
fn calibration_with_val_prob_box() {
    // asah.json calibration: Brier 0.165444, slope 0.99999999, HL p = 0.7536
    check(
        &fixtures::calibration(),
        &[
            "Intercept 0.000",
            "Slope 1.000",
            "Brier 0.165",
            "Hosmer\u{2013}Lemeshow p = 0.75",
            "Predicted probability",
            "Observed proportion",
            "Apparent",
            "Bias-corrected",
        ],
    );
}

#[test]
fn lasso_panels_from_glmnet_reference() {
    // hcc_radiomics_lasso.json binomial_deviance: nzero 0 at the largest lambda
    check(
        &fixtures::lasso_cv("hcc_radiomics_lasso.json", "binomial_deviance"),
        &[
            "Binomial deviance",
            "Log(\u{03bb})",
            "Number of non-zero coefficients",
            "\u{03bb}min",
            "\u{03bb}1se",
            "0",
        ],
    );
    let path = fixtures::lasso_path();
    check(
        &path,
        &[
            "Coefficients",
            "Log(\u{03bb})",
            "adc_mean_post",
            "t2sir_post",
        ],
    );
}

#[test]
fn nomogram_in_rms_layout() {
    // rms draws nomograms in black only
    check_ink(
        &fixtures::nomogram(),
        &[
            "Points",
            "Total Points",
            "Linear Predictor",
            "Risk of progression",
            "Child\u{2013}Pugh class",
            "100",
            "A",
            "B",
            "\u{2212}8",
        ],
        false,
    );
}

#[test]
fn heatmap_marks_significant_cells() {
    let fig = fixtures::heatmap();
    let svg = to_svg(&fig, &Canvas::pixels(480, 360).expect("canvas")).expect("renders");
    // one filled circle per FDR-significant cell (2 in the fixture), none elsewhere
    let marked: usize = fig.significant.iter().flatten().filter(|s| **s).count();
    assert_eq!(marked, 2);
    assert_eq!(svg.matches("<circle").count(), marked);
    check(
        &fig,
        &[
            "Spearman \u{03c1}",
            "neutrophils",
            "rad_glcm_003",
            "0.2",
            "\u{2212}0.2",
        ],
    );
}

#[test]
fn inputs_round_trip_through_json() {
    // the figure inputs are plain data: JSON out and back gives the same input
    let km = fixtures::km();
    let back: nomo_plot::KmFigure =
        serde_json::from_str(&serde_json::to_string(&km).expect("serialize")).expect("parse");
    assert_eq!(back, km);
    let roc = fixtures::roc();
    let back: nomo_plot::RocFigure =
        serde_json::from_str(&serde_json::to_string(&roc).expect("serialize")).expect("parse");
    assert_eq!(back, roc);
}

#[test]
fn roc_on_a_reversed_specificity_axis() {
    let mut fig = fixtures::roc();
    fig.x_axis = nomo_plot::RocXAxis::Specificity;
    fig.title = Some("Poor outcome after aSAH".into());
    fig.curves.truncate(1);
    check(
        &fig,
        &["Specificity", "Poor outcome after aSAH", "1.0", "0.0"],
    );
}
