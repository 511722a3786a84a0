//! PDF reports. For now: the professional development plan as typed, so a
//! librarian can produce their plan document from the app.

use crate::domain::plan::Plan;
use printpdf::{
    BuiltinFont, IndirectFontRef, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference,
};

const PAGE_W: f32 = 215.9; // US Letter
const PAGE_H: f32 = 279.4;
const MARGIN: f32 = 20.0;
const WRAP: usize = 92;

/// Builtin PDF fonts speak Latin-1: typographic punctuation becomes ASCII.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '–' | '—' => '-',
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            '…' => '.',
            c if (c as u32) < 256 => c,
            _ => '?',
        })
        .collect()
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

struct Writer {
    doc: PdfDocumentReference,
    layer: PdfLayerReference,
    y: f32,
    regular: IndirectFontRef,
    bold: IndirectFontRef,
}

impl Writer {
    fn line(&mut self, text: &str, size: f32, bold: bool) {
        if self.y < MARGIN + 10.0 {
            let (page, layer) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "Plan");
            self.layer = self.doc.get_page(page).get_layer(layer);
            self.y = PAGE_H - MARGIN;
        }
        let font = if bold { &self.bold } else { &self.regular };
        self.layer
            .use_text(plain(text), size, Mm(MARGIN), Mm(self.y), font);
        self.y -= size * 0.5;
    }

    fn paragraph(&mut self, text: &str, size: f32) {
        for line in wrap(text, WRAP) {
            self.line(&line, size, false);
        }
    }
}

/// The plan's goals, each with the library goal it serves, as a PDF.
pub fn plan_document(plan: &Plan) -> Result<Vec<u8>, String> {
    let title = format!("Professional development plan, version {}", plan.version);
    let (doc, page, layer) = PdfDocument::new(&title, Mm(PAGE_W), Mm(PAGE_H), "Plan");
    let regular = doc
        .add_builtin_font(BuiltinFont::Helvetica)
        .map_err(|e| e.to_string())?;
    let bold = doc
        .add_builtin_font(BuiltinFont::HelveticaBold)
        .map_err(|e| e.to_string())?;
    let layer = doc.get_page(page).get_layer(layer);
    let mut w = Writer {
        doc,
        layer,
        y: PAGE_H - MARGIN,
        regular,
        bold,
    };
    w.line(&title, 16.0, true);
    w.line(
        &format!(
            "Strategic Track to MSL Certification - status: {}",
            plan.status_label
        ),
        10.0,
        false,
    );
    if let Some(day) = &plan.submitted_on {
        w.line(&format!("Submitted {day}"), 10.0, false);
    }
    w.y -= 4.0;
    for (i, goal) in plan.goals.iter().enumerate() {
        w.line(&format!("Goal {}: {}", i + 1, goal.objective), 12.0, true);
        w.paragraph(
            &format!(
                "Serves the library's strategic goal: {}",
                goal.strategic_goal_text
            ),
            10.0,
        );
        if !goal.activities.is_empty() {
            w.line("Planned activities", 10.0, true);
            w.paragraph(&goal.activities, 10.0);
        }
        if !goal.evidence.is_empty() {
            w.line("How success will be shown", 10.0, true);
            w.paragraph(&goal.evidence, 10.0);
        }
        w.y -= 4.0;
    }
    w.doc.save_to_bytes().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_and_typography_becomes_plain() {
        let lines = wrap(&"word ".repeat(50), 20);
        assert!(lines.iter().all(|l| l.len() <= 20));
        assert_eq!(plain("“Plan” – été"), "\"Plan\" - été");
    }
}
