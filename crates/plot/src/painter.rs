//! A thin pen over a plotters drawing area: every figure draws with these few primitives, in
//! pixel coordinates, with sizes given in points.

use plotters::coord::Shift;
use plotters::prelude::{
    Circle, DrawingArea, DrawingBackend, PathElement, Polygon, Rectangle, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontTransform, IntoFont, RGBColor, ShapeStyle, TextStyle};

use crate::error::{PlotError, backend};
use crate::theme::FONT_FAMILY;

/// A point in pixels (x to the right, y downwards).
pub type Px = (f64, f64);

/// Horizontal and vertical text anchors.
#[derive(Clone, Copy)]
pub struct Anchor(pub HPos, pub VPos);

impl Anchor {
    pub const LEFT: Anchor = Anchor(HPos::Left, VPos::Center);
    pub const RIGHT: Anchor = Anchor(HPos::Right, VPos::Center);
    pub const CENTER: Anchor = Anchor(HPos::Center, VPos::Center);
    pub const TOP: Anchor = Anchor(HPos::Center, VPos::Top);
    pub const BOTTOM: Anchor = Anchor(HPos::Center, VPos::Bottom);
}

/// The pen.
pub struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    ppt: f64,
    /// Canvas width in pixels.
    pub width: f64,
    /// Canvas height in pixels.
    pub height: f64,
}

fn ipt(p: Px) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    pub fn new(area: &'a DrawingArea<DB, Shift>, ppt: f64) -> Self {
        let (w, h) = area.dim_in_pixel();
        Painter {
            area,
            ppt,
            width: f64::from(w),
            height: f64::from(h),
        }
    }

    /// Points to pixels.
    pub fn px(&self, pt: f64) -> f64 {
        pt * self.ppt
    }

    fn stroke(&self, colour: RGBColor, width_pt: f64) -> ShapeStyle {
        colour.stroke_width(self.px(width_pt).round().max(1.0) as u32)
    }

    /// A polyline.
    pub fn line(&self, pts: &[Px], colour: RGBColor, width_pt: f64) -> Result<(), PlotError> {
        if pts.len() < 2 {
            return Ok(());
        }
        let v: Vec<(i32, i32)> = pts.iter().copied().map(ipt).collect();
        self.area
            .draw(&PathElement::new(v, self.stroke(colour, width_pt)))
            .map_err(backend)
    }

    /// A dashed polyline with dashes and gaps of `dash_pt` points.
    pub fn dashed(
        &self,
        pts: &[Px],
        colour: RGBColor,
        width_pt: f64,
        dash_pt: f64,
    ) -> Result<(), PlotError> {
        let dash = self.px(dash_pt).max(2.0);
        let mut on = true;
        let mut left = dash;
        let mut current: Vec<Px> = Vec::new();
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let mut pos = 0.0;
            if on && current.is_empty() {
                current.push(a);
            }
            while len - pos > left {
                pos += left;
                let t = pos / len;
                let p = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                if on {
                    current.push(p);
                    self.line(&current, colour, width_pt)?;
                    current.clear();
                } else {
                    current.push(p);
                }
                on = !on;
                left = dash;
            }
            left -= len - pos;
            if on {
                current.push(b);
            }
        }
        if on {
            self.line(&current, colour, width_pt)?;
        }
        Ok(())
    }

    /// A filled polygon in `colour` at `opacity`.
    pub fn polygon(&self, pts: &[Px], colour: RGBColor, opacity: f64) -> Result<(), PlotError> {
        let v: Vec<(i32, i32)> = pts.iter().copied().map(ipt).collect();
        self.area
            .draw(&Polygon::new(v, colour.mix(opacity).filled()))
            .map_err(backend)
    }

    /// A filled rectangle.
    pub fn fill_rect(&self, a: Px, b: Px, colour: RGBColor) -> Result<(), PlotError> {
        self.area
            .draw(&Rectangle::new([ipt(a), ipt(b)], colour.filled()))
            .map_err(backend)
    }

    /// A rectangle outline.
    pub fn rect(&self, a: Px, b: Px, colour: RGBColor, width_pt: f64) -> Result<(), PlotError> {
        let pts = [a, (b.0, a.1), b, (a.0, b.1), a];
        self.line(&pts, colour, width_pt)
    }

    /// A circle of radius `r_pt` points, filled or outlined.
    pub fn circle(
        &self,
        c: Px,
        r_pt: f64,
        colour: RGBColor,
        filled: bool,
    ) -> Result<(), PlotError> {
        let r = self.px(r_pt).round().max(2.0) as u32;
        let style = if filled {
            colour.filled()
        } else {
            self.stroke(colour, 0.8)
        };
        self.area
            .draw(&Circle::new(ipt(c), r, style))
            .map_err(backend)
    }

    fn font(&self, pt: f64, colour: RGBColor, anchor: Anchor) -> TextStyle<'static> {
        (FONT_FAMILY, self.px(pt) * 1.24)
            .into_font()
            .color(&colour)
            .pos(Pos::new(anchor.0, anchor.1))
    }

    /// Horizontal text.
    pub fn text(
        &self,
        s: &str,
        at: Px,
        pt: f64,
        colour: RGBColor,
        anchor: Anchor,
    ) -> Result<(), PlotError> {
        if s.is_empty() {
            return Ok(());
        }
        let style = self.font(pt, colour, anchor);
        self.area
            .draw(&Text::new(s.to_string(), ipt(at), style))
            .map_err(backend)
    }

    /// Text rotated by 90° counter-clockwise (a y-axis title), centred on `at`.
    pub fn text_vertical(
        &self,
        s: &str,
        at: Px,
        pt: f64,
        colour: RGBColor,
    ) -> Result<(), PlotError> {
        let style = self
            .font(pt, colour, Anchor::CENTER)
            .transform(FontTransform::Rotate270);
        self.area
            .draw(&Text::new(s.to_string(), ipt(at), style))
            .map_err(backend)
    }

    /// The width of `s` in pixels at `pt` points.
    pub fn text_width(&self, s: &str, pt: f64) -> f64 {
        let style = self.font(pt, crate::theme::BLACK, Anchor::LEFT);
        self.area
            .estimate_text_size(s, &style)
            .map(|(w, _)| f64::from(w))
            .unwrap_or_else(|_| s.chars().count() as f64 * self.px(pt) * 0.6)
    }

    /// The height of one line of text at `pt` points, in pixels.
    pub fn line_height(&self, pt: f64) -> f64 {
        self.px(pt) * 1.25
    }
}
