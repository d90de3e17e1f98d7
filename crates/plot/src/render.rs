//! Output: every figure renders to an SVG document or to PNG bytes.

use plotters::coord::Shift;
use plotters::prelude::{BitMapBackend, DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};

use crate::canvas::Canvas;
use crate::error::{PlotError, backend};
use crate::painter::Painter;
use crate::theme::{WHITE, register_font};

/// A figure that can draw itself on a canvas.
pub trait Figure {
    /// Checks the input and draws the whole figure on `area` (white background already filled).
    #[doc(hidden)]
    fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), PlotError>;
}

/// PNGs are drawn at this many times the requested size and box-filtered down, which
/// anti-aliases lines and markers (plotters' bitmap backend draws them aliased).
const SUPERSAMPLE: u32 = 2;

fn draw_on<DB: DrawingBackend, F: Figure>(
    area: &DrawingArea<DB, Shift>,
    fig: &F,
    px_per_pt: f64,
) -> Result<(), PlotError> {
    area.fill(&WHITE).map_err(backend)?;
    let p = Painter::new(area, px_per_pt);
    fig.draw(&p)?;
    area.present().map_err(backend)
}

/// Renders `fig` as an SVG document (text stays `<text>` elements).
pub fn to_svg<F: Figure>(fig: &F, canvas: &Canvas) -> Result<String, PlotError> {
    register_font()?;
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (canvas.width_px, canvas.height_px))
            .into_drawing_area();
        draw_on(&area, fig, canvas.px_per_pt())?;
    }
    Ok(out)
}

/// Renders `fig` as PNG bytes (8-bit RGB; the resolution is recorded when the canvas has one).
pub fn to_png<F: Figure>(fig: &F, canvas: &Canvas) -> Result<Vec<u8>, PlotError> {
    register_font()?;
    let (w, h) = (canvas.width_px, canvas.height_px);
    let k = SUPERSAMPLE;
    let (bw, bh) = (w * k, h * k);
    let mut big = vec![255u8; bw as usize * bh as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut big, (bw, bh)).into_drawing_area();
        draw_on(&area, fig, canvas.px_per_pt() * f64::from(k))?;
    }
    encode_png(&downsample(&big, w, h, k), canvas)
}

/// Averages each `k` × `k` block of an RGB image `k·w` × `k·h` pixels into one pixel.
fn downsample(big: &[u8], w: u32, h: u32, k: u32) -> Vec<u8> {
    let (w, h, k) = (w as usize, h as usize, k as usize);
    let bw = w * k;
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let mut sum = 0u32;
                for dy in 0..k {
                    let row = (y * k + dy) * bw;
                    for dx in 0..k {
                        sum += u32::from(big[(row + x * k + dx) * 3 + c]);
                    }
                }
                let n = (k * k) as u32;
                out[(y * w + x) * 3 + c] = ((sum + n / 2) / n) as u8;
            }
        }
    }
    out
}

fn encode_png(rgb: &[u8], canvas: &Canvas) -> Result<Vec<u8>, PlotError> {
    let png_err = |e: png::EncodingError| PlotError::Png(e.to_string());
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, canvas.width_px, canvas.height_px);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Balanced);
        if let Some(dpi) = canvas.dpi {
            let per_metre = (dpi / 0.0254).round() as u32;
            enc.set_pixel_dims(Some(png::PixelDimensions {
                xppu: per_metre,
                yppu: per_metre,
                unit: png::Unit::Meter,
            }));
        }
        let mut writer = enc.write_header().map_err(png_err)?;
        writer.write_image_data(rgb).map_err(png_err)?;
        writer.finish().map_err(png_err)?;
    }
    Ok(bytes)
}
