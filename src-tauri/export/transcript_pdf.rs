//! The transcript as a PDF: who, which track and period, every entry in a
//! table, totals per category, specializations, what is missing, and a
//! signature line for the verifier.

use super::pdf_writer::{Align, Column, Layout, Weight, ACCENT, INK, MUTED};
use super::{credits_text, Transcript};

pub const TITLE: &str = "Continuing Education Transcript";

fn entry_columns() -> [Column; 8] {
    let col = |title, width, align| Column {
        title,
        width,
        align,
    };
    [
        col("Date", 54.0, Align::Left),
        col("Title", 118.0, Align::Left),
        col("Kind", 58.0, Align::Left),
        col("Sponsor", 72.0, Align::Left),
        col("Category", 48.0, Align::Left),
        col("Credits", 36.0, Align::Right),
        col("Status", 48.0, Align::Left),
        col("Verified by", 70.0, Align::Left),
    ]
}

/// The rows of the entry table, in the order of `entry_columns`.
pub fn entry_rows(t: &Transcript) -> Vec<Vec<String>> {
    t.entries
        .iter()
        .map(|e| {
            let v = &e.verdict;
            // Credit that does not count is shown in parentheses.
            let credits = if v.counted {
                credits_text(v.credits)
            } else {
                format!("({})", credits_text(v.credits))
            };
            vec![
                v.date.clone(),
                v.title.clone(),
                e.kind.clone(),
                e.sponsor.clone(),
                v.category.code().to_string(),
                credits,
                e.status.clone(),
                e.verified_by.clone(),
            ]
        })
        .collect()
}

/// The totals table: one row per category, then electives and the total.
pub fn total_rows(t: &Transcript) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = t
        .categories
        .iter()
        .map(|c| {
            vec![
                format!("{} ({})", c.progress.label, c.code),
                credits_text(c.progress.required),
                credits_text(c.progress.earned),
            ]
        })
        .collect();
    rows.push(vec![
        "Electives (beyond the category minimums)".into(),
        String::new(),
        credits_text(t.totals.electives),
    ]);
    rows.push(vec![
        "Total".into(),
        credits_text(t.totals.total_required),
        credits_text(t.totals.total_earned),
    ]);
    rows
}

pub fn render(t: &Transcript) -> Result<Vec<u8>, String> {
    let period = format!("{} to {}", t.period_from, t.period_to);
    let mut page = Layout::new(format!("{TITLE} · {} · {period}", t.person_name))?;
    page.put(
        super::pdf_writer::MARGIN,
        page.y,
        "MONTANA LIBRARY CERTIFICATION",
        8.0,
        Weight::Bold,
        MUTED,
    );
    page.gap(22.0);
    page.paragraph(TITLE, 20.0, Weight::Bold, ACCENT);
    page.gap(4.0);
    page.facts(&[
        ("Name", t.person_name.clone()),
        ("Library", or_none(&t.library)),
        ("Position", or_none(&t.position)),
        ("Track", t.track_name.clone()),
        ("Period", period.clone()),
        ("Prepared", t.prepared_on.clone()),
    ]);

    page.heading("Credit entries");
    if t.entries.is_empty() {
        page.paragraph(
            "No credit entries in this period.",
            9.5,
            Weight::Regular,
            INK,
        );
    } else {
        page.table(&entry_columns(), &entry_rows(t));
    }
    if t.entries.iter().any(|e| !e.verdict.counted) {
        page.paragraph(
            "Credits in parentheses do not count toward the track (pending, denied, outside the window, or excluded by a rule of the track).",
            8.0,
            Weight::Regular,
            MUTED,
        );
    }

    page.heading("Totals");
    let col = |title, width, align| Column {
        title,
        width,
        align,
    };
    page.table(
        &[
            col("Category", 300.0, Align::Left),
            col("Required", 70.0, Align::Right),
            col("Earned", 70.0, Align::Right),
        ],
        &total_rows(t),
    );
    if t.totals.pending > 0.0 {
        page.paragraph(
            &format!(
                "{} more credits are pending verification and not counted yet.",
                credits_text(t.totals.pending)
            ),
            9.0,
            Weight::Regular,
            MUTED,
        );
    }

    page.heading("Specializations");
    let specializations = if t.specializations.is_empty() {
        "None in this period.".to_string()
    } else {
        t.specializations.join(", ")
    };
    page.paragraph(&specializations, 9.5, Weight::Regular, INK);

    page.heading("Still missing");
    if t.totals.missing.is_empty() {
        page.paragraph(
            "Nothing: the requirements of this track are met.",
            9.5,
            Weight::Regular,
            INK,
        );
    }
    for line in &t.totals.missing {
        page.paragraph(&format!("• {line}"), 9.5, Weight::Regular, INK);
    }

    // Keep the statement and the signature lines together.
    page.ensure(120.0);
    page.heading("Verification");
    page.paragraph(
        "I have reviewed the entries above and confirm they are a true record of this person's continuing education.",
        9.0,
        Weight::Regular,
        INK,
    );
    page.signature_lines(&["Verifier's signature", "Name and title", "Date"]);
    page.finish(
        &format!("{TITLE}: {}", t.person_name),
        &format!("{} · {period} · Aspen Desk", t.person_name),
    )
}

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        "(none on record)".into()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CategoryTotal, TranscriptEntry};
    use super::*;
    use crate::domain::certification::{CategoryProgress, CreditTotals, EntryVerdict};
    use crate::domain::credits::Category;

    pub fn sample() -> Transcript {
        Transcript {
            person_name: "Zoë Ó Briain".into(),
            library: "Bitterroot Public Library".into(),
            position: "Director".into(),
            track_name: "2023 Staff".into(),
            period_from: "2022-01-01".into(),
            period_to: "2025-12-31".into(),
            prepared_on: "2026-01-02".into(),
            entries: vec![TranscriptEntry {
                verdict: EntryVerdict {
                    id: 1,
                    date: "2024-03-14".into(),
                    title: "Cataloguing basics".into(),
                    category: Category::CMTS,
                    credits: 1.5,
                    counted: false,
                    reason: "Pending verification.".into(),
                },
                kind: "Independent learning".into(),
                sponsor: "MSL".into(),
                status: "Pending".into(),
                verified_by: String::new(),
            }],
            categories: vec![CategoryTotal {
                code: "LA".into(),
                progress: CategoryProgress {
                    label: "Library Administration".into(),
                    required: 5.0,
                    earned: 2.5,
                },
            }],
            totals: CreditTotals {
                electives: 0.5,
                total_required: 60.0,
                total_earned: 3.0,
                pending: 1.5,
                missing: vec!["Total: 3 of 60, 57 to go".into()],
            },
            specializations: vec![],
        }
    }

    #[test]
    fn entry_rows_mark_what_was_not_counted() {
        let rows = entry_rows(&sample());
        assert_eq!(rows[0][5], "(1.5)");
        assert_eq!(rows[0][6], "Pending");
    }

    #[test]
    fn totals_end_with_electives_and_the_total() {
        let rows = total_rows(&sample());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], vec!["Library Administration (LA)", "5", "2.5"]);
        assert_eq!(rows[2], vec!["Total", "60", "3"]);
    }

    #[test]
    fn renders_a_pdf() {
        assert!(render(&sample()).unwrap().starts_with(b"%PDF-"));
    }
}
