//! The one PDF writer of Aspen Desk (krilla): US Letter pages, the embedded
//! DejaVu Sans (every Latin Extended letter of a name shows), measured and
//! wrapped text, tables whose column header repeats on every page, a running
//! header on continuation pages and "Page n of m" footers.
//!
//! Layout first collects drawing operations page by page (pure, testable);
//! `finish` then paints them, when the page count is known.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

const REGULAR_TTF: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// US Letter in points.
pub const PAGE_W: f32 = 612.0;
pub const PAGE_H: f32 = 792.0;
pub const MARGIN: f32 = 54.0;
const FOOTER_Y: f32 = PAGE_H - 40.0;
/// The lowest baseline body text may use.
const BOTTOM: f32 = PAGE_H - MARGIN - 10.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

/// Ink colors: body text, muted notes, rules and the table header band.
pub const INK: (u8, u8, u8) = (25, 32, 45);
pub const MUTED: (u8, u8, u8) = (95, 105, 120);
pub const ACCENT: (u8, u8, u8) = (31, 78, 121);
const BAND: (u8, u8, u8) = (226, 233, 241);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One drawing operation; y is the baseline (text) or top (shapes), from the top.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: (u8, u8, u8),
        text: String,
    },
    Rule {
        x: f32,
        y: f32,
        width: f32,
        thickness: f32,
        color: (u8, u8, u8),
    },
    Band {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// A stroked rectangle, e.g. a certificate's border.
    Frame {
        inset: f32,
        thickness: f32,
        color: (u8, u8, u8),
    },
}

/// Advance widths of a font, for measuring text before it is drawn.
struct Metrics {
    font: skrifa::FontRef<'static>,
    units_per_em: f32,
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Result<Metrics, String> {
        let font = skrifa::FontRef::new(bytes).map_err(|e| format!("font: {e}"))?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Ok(Metrics { font, units_per_em })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                let gid = charmap.map(c).unwrap_or_default();
                glyphs.advance_width(gid).unwrap_or(self.units_per_em / 2.0)
            })
            .sum();
        units * size / self.units_per_em
    }
}

/// The two embedded faces, for measuring.
pub struct Fonts {
    regular: Metrics,
    bold: Metrics,
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        Ok(Fonts {
            regular: Metrics::new(REGULAR_TTF)?,
            bold: Metrics::new(BOLD_TTF)?,
        })
    }

    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        match weight {
            Weight::Regular => self.regular.width(text, size),
            Weight::Bold => self.bold.width(text, size),
        }
    }

    /// Breaks text into lines no wider than `width`, keeping paragraphs;
    /// a word wider than a line is cut by characters.
    pub fn wrap(&self, text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size, weight) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }
}

/// A table column: its title, width in points and alignment.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: &'static str,
    pub width: f32,
    pub align: Align,
}

const CELL_PAD: f32 = 3.0;
const TABLE_SIZE: f32 = 8.0;
const TABLE_LEADING: f32 = 10.0;

/// Collects pages of drawing operations.
pub struct Layout {
    fonts: Fonts,
    pages: Vec<Vec<Op>>,
    /// Baseline of the next line.
    pub y: f32,
    /// Shown at the top of every page after the first.
    running_header: String,
}

impl Layout {
    pub fn new(running_header: impl Into<String>) -> Result<Layout, String> {
        Ok(Layout {
            fonts: Fonts::load()?,
            pages: vec![Vec::new()],
            y: MARGIN + 12.0,
            running_header: running_header.into(),
        })
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn pages(&self) -> &[Vec<Op>] {
        &self.pages
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN + 8.0;
        if !self.running_header.is_empty() {
            let header = self.running_header.clone();
            self.put(MARGIN, self.y, &header, 8.0, Weight::Regular, MUTED);
            self.y += 5.0;
            self.rule(0.5, MUTED);
            self.y += 14.0;
        }
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    pub fn put(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        size: f32,
        weight: Weight,
        color: (u8, u8, u8),
    ) {
        if text.is_empty() {
            return;
        }
        self.push(Op::Text {
            x,
            y,
            size,
            weight,
            color,
            text: text.to_string(),
        });
    }

    /// A border around the page, `inset` points from its edges.
    pub fn frame(&mut self, inset: f32, thickness: f32, color: (u8, u8, u8)) {
        self.push(Op::Frame {
            inset,
            thickness,
            color,
        });
    }

    /// A horizontal rule across the content width at the current position.
    pub fn rule(&mut self, thickness: f32, color: (u8, u8, u8)) {
        let y = self.y;
        self.push(Op::Rule {
            x: MARGIN,
            y,
            width: CONTENT_W,
            thickness,
            color,
        });
    }

    /// A wrapped paragraph across the content width.
    pub fn paragraph(&mut self, text: &str, size: f32, weight: Weight, color: (u8, u8, u8)) {
        let leading = size * 1.35;
        for line in self.fonts.wrap(text, size, weight, CONTENT_W) {
            self.ensure(leading);
            self.put(MARGIN, self.y, &line, size, weight, color);
            self.y += leading;
        }
    }

    /// A wrapped paragraph, each line centered on the page.
    pub fn centered(&mut self, text: &str, size: f32, weight: Weight, color: (u8, u8, u8)) {
        let leading = size * 1.35;
        for line in self.fonts.wrap(text, size, weight, CONTENT_W) {
            self.ensure(leading);
            let x = (PAGE_W - self.fonts.width(&line, size, weight)) / 2.0;
            self.put(x, self.y, &line, size, weight, color);
            self.y += leading;
        }
    }

    /// A heading with a thin rule under it, kept with the next lines.
    pub fn heading(&mut self, text: &str) {
        let lines = self.fonts.wrap(text, 12.0, Weight::Bold, CONTENT_W);
        self.ensure(48.0 + 15.0 * lines.len() as f32);
        self.gap(6.0);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.y += 15.0;
            }
            self.put(MARGIN, self.y, line, 12.0, Weight::Bold, ACCENT);
        }
        self.y += 5.0;
        self.rule(0.6, ACCENT);
        self.y += 14.0;
    }

    /// Signature lines side by side: a rule with its caption under it.
    pub fn signature_lines(&mut self, captions: &[&str]) {
        self.ensure(60.0);
        self.gap(34.0);
        let gap = 24.0;
        let count = captions.len().max(1) as f32;
        let width = (CONTENT_W - gap * (count - 1.0)) / count;
        for (i, caption) in captions.iter().enumerate() {
            let x = MARGIN + i as f32 * (width + gap);
            let y = self.y;
            self.push(Op::Rule {
                x,
                y,
                width,
                thickness: 0.8,
                color: INK,
            });
            self.put(x, y + 11.0, caption, 8.0, Weight::Regular, MUTED);
        }
        self.y += 24.0;
    }

    /// "Label: value" pairs in two columns, the label in bold.
    pub fn facts(&mut self, facts: &[(&str, String)]) {
        let label_w = facts
            .iter()
            .map(|(l, _)| self.fonts.width(l, 9.5, Weight::Bold))
            .fold(0.0, f32::max)
            + 12.0;
        for (label, value) in facts {
            let lines = self
                .fonts
                .wrap(value, 9.5, Weight::Regular, CONTENT_W - label_w);
            self.ensure(13.0 * lines.len() as f32);
            self.put(MARGIN, self.y, label, 9.5, Weight::Bold, INK);
            for line in lines {
                self.put(MARGIN + label_w, self.y, &line, 9.5, Weight::Regular, INK);
                self.y += 13.0;
            }
        }
    }

    fn table_header(&mut self, columns: &[Column]) {
        let height = TABLE_LEADING + 2.0 * CELL_PAD + 2.0;
        let top = self.y;
        self.push(Op::Band {
            x: MARGIN,
            y: top,
            width: columns.iter().map(|c| c.width).sum(),
            height,
        });
        let baseline = top + CELL_PAD + TABLE_SIZE + 1.0;
        self.cells(
            columns,
            baseline,
            &columns
                .iter()
                .map(|c| vec![c.title.to_string()])
                .collect::<Vec<_>>(),
            Weight::Bold,
        );
        self.y = top + height;
    }

    fn cells(&mut self, columns: &[Column], baseline: f32, lines: &[Vec<String>], weight: Weight) {
        let mut x = MARGIN;
        for (column, cell) in columns.iter().zip(lines) {
            for (i, line) in cell.iter().enumerate() {
                let left = match column.align {
                    Align::Left => x + CELL_PAD,
                    Align::Right => {
                        x + column.width - CELL_PAD - self.fonts.width(line, TABLE_SIZE, weight)
                    }
                };
                self.put(
                    left,
                    baseline + i as f32 * TABLE_LEADING,
                    line,
                    TABLE_SIZE,
                    weight,
                    INK,
                );
            }
            x += column.width;
        }
    }

    /// A table: cells wrap inside their column; a row never splits across
    /// pages; the column header starts the table and every page it continues on.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let header_height = TABLE_LEADING + 2.0 * CELL_PAD + 2.0;
        self.ensure(header_height + TABLE_LEADING + 2.0 * CELL_PAD);
        self.table_header(columns);
        let width: f32 = columns.iter().map(|c| c.width).sum();
        for row in rows {
            let lines: Vec<Vec<String>> = columns
                .iter()
                .zip(row)
                .map(|(c, text)| {
                    self.fonts
                        .wrap(text, TABLE_SIZE, Weight::Regular, c.width - 2.0 * CELL_PAD)
                })
                .collect();
            let count = lines.iter().map(Vec::len).max().unwrap_or(1);
            let height = count as f32 * TABLE_LEADING + 2.0 * CELL_PAD;
            if self.y + height > BOTTOM {
                self.new_page();
                self.table_header(columns);
            }
            let baseline = self.y + CELL_PAD + TABLE_SIZE;
            self.cells(columns, baseline, &lines, Weight::Regular);
            self.y += height;
            let y = self.y;
            self.push(Op::Rule {
                x: MARGIN,
                y,
                width,
                thickness: 0.4,
                color: BAND,
            });
        }
        // Room for the ascent of whatever follows.
        self.y += 16.0;
    }

    /// Paints every page with its footer ("left text", "Page n of m").
    pub fn finish(self, title: &str, footer: &str) -> Result<Vec<u8>, String> {
        let regular = Font::new(REGULAR_TTF.to_vec().into(), 0).ok_or("cannot load the font")?;
        let bold = Font::new(BOLD_TTF.to_vec().into(), 0).ok_or("cannot load the bold font")?;
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .creator("Aspen Desk".to_string()),
        );
        let total = self.pages.len();
        for (index, mut ops) in self.pages.into_iter().enumerate() {
            let page_label = format!("Page {} of {total}", index + 1);
            let label_x = PAGE_W - MARGIN - self.fonts.width(&page_label, 8.0, Weight::Regular);
            ops.push(Op::Text {
                x: MARGIN,
                y: FOOTER_Y,
                size: 8.0,
                weight: Weight::Regular,
                color: MUTED,
                text: footer.to_string(),
            });
            ops.push(Op::Text {
                x: label_x,
                y: FOOTER_Y,
                size: 8.0,
                weight: Weight::Regular,
                color: MUTED,
                text: page_label,
            });
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        weight,
                        color,
                        text,
                    } => {
                        surface.set_fill(Some(fill(color)));
                        let font = match weight {
                            Weight::Regular => regular.clone(),
                            Weight::Bold => bold.clone(),
                        };
                        surface.draw_text(
                            Point::from_xy(x, y),
                            font,
                            size,
                            &text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Op::Rule {
                        x,
                        y,
                        width,
                        thickness,
                        color,
                    } => {
                        let mut path = PathBuilder::new();
                        path.move_to(x, y);
                        path.line_to(x + width, y);
                        stroke(&mut surface, path, thickness, color);
                    }
                    Op::Frame {
                        inset,
                        thickness,
                        color,
                    } => {
                        let mut path = PathBuilder::new();
                        if let Some(rect) = Rect::from_xywh(
                            inset,
                            inset,
                            PAGE_W - 2.0 * inset,
                            PAGE_H - 2.0 * inset,
                        ) {
                            path.push_rect(rect);
                        }
                        stroke(&mut surface, path, thickness, color);
                    }
                    Op::Band {
                        x,
                        y,
                        width,
                        height,
                    } => {
                        let mut path = PathBuilder::new();
                        if let Some(rect) = Rect::from_xywh(x, y, width, height) {
                            path.push_rect(rect);
                        }
                        if let Some(path) = path.finish() {
                            surface.set_stroke(None);
                            surface.set_fill(Some(fill(BAND)));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| format!("cannot write the PDF: {e:?}"))
    }
}

/// Strokes a path (no fill) and leaves the surface without a stroke.
fn stroke(
    surface: &mut krilla::surface::Surface<'_>,
    path: PathBuilder,
    thickness: f32,
    color: (u8, u8, u8),
) {
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            width: thickness,
            ..Default::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &[Op]) -> Vec<&str> {
        page.iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wrapped_lines_fit_their_width_and_keep_every_word() {
        let fonts = Fonts::load().unwrap();
        let text = "Zoë Ó Briain attended a workshop on cataloguing Łódź manuscripts ".repeat(6);
        let lines = fonts.wrap(&text, 10.0, Weight::Regular, 150.0);
        assert!(lines.len() > 3);
        assert!(lines
            .iter()
            .all(|l| fonts.width(l, 10.0, Weight::Regular) <= 150.0));
        assert_eq!(
            lines.join(" ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn bold_is_wider_than_regular_and_width_grows_with_size() {
        let fonts = Fonts::load().unwrap();
        let regular = fonts.width("Certificate", 10.0, Weight::Regular);
        assert!(fonts.width("Certificate", 10.0, Weight::Bold) > regular);
        assert!((fonts.width("Certificate", 20.0, Weight::Regular) - 2.0 * regular).abs() < 0.01);
    }

    #[test]
    fn a_long_table_repeats_its_header_and_the_running_header_on_each_page() {
        let mut layout = Layout::new("Transcript of Zoë Ó Briain").unwrap();
        let columns = [
            Column {
                title: "Date",
                width: 100.0,
                align: Align::Left,
            },
            Column {
                title: "Credits",
                width: 60.0,
                align: Align::Right,
            },
        ];
        let rows: Vec<Vec<String>> = (0..200)
            .map(|i| vec![format!("row {i}"), "1.5".to_string()])
            .collect();
        layout.table(&columns, &rows);
        assert!(layout.page_count() > 2);
        for (i, page) in layout.pages().iter().enumerate() {
            let texts = texts(page);
            assert!(texts.contains(&"Date"), "page {i} has the column header");
            assert_eq!(
                texts.contains(&"Transcript of Zoë Ó Briain"),
                i > 0,
                "running header on continuation page {i}"
            );
        }
        let all: Vec<&str> = layout.pages().iter().flat_map(|p| texts(p)).collect();
        for i in 0..200 {
            assert!(all.contains(&format!("row {i}").as_str()));
        }
    }

    #[test]
    fn finish_writes_a_pdf() {
        let mut layout = Layout::new("").unwrap();
        layout.paragraph("Hello Zoë", 12.0, Weight::Bold, INK);
        let bytes = layout.finish("Test", "Aspen Desk").unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
