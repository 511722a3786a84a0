//! The transcript's entries as CSV (one row per entry, with whether and why
//! it counted), for spreadsheets and the State Library's own records.

use super::{credits_text, Transcript};

pub const HEADER: [&str; 11] = [
    "date",
    "title",
    "kind",
    "sponsor",
    "category",
    "credits",
    "status",
    "verified_by",
    "counted",
    "reason",
    "entry_id",
];

pub fn render(t: &Transcript) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| format!("cannot write the CSV: {e}");
    writer.write_record(HEADER).map_err(failed)?;
    for e in &t.entries {
        let v = &e.verdict;
        writer
            .write_record([
                v.date.as_str(),
                &v.title,
                &e.kind,
                &e.sponsor,
                v.category.code(),
                &credits_text(v.credits),
                &e.status,
                &e.verified_by,
                if v.counted { "yes" } else { "no" },
                &v.reason,
                &v.id.to_string(),
            ])
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| format!("cannot write the CSV: {e}"))
}

#[cfg(test)]
mod tests {
    use super::super::{Transcript, TranscriptEntry};
    use super::*;
    use crate::domain::certification::{CreditTotals, EntryVerdict};
    use crate::domain::credits::Category;

    #[test]
    fn quotes_commas_and_reads_back_to_the_same_fields() {
        let entry = TranscriptEntry {
            verdict: EntryVerdict {
                id: 7,
                date: "2024-03-14".into(),
                title: "Weeding, \"CREW\" and you".into(),
                category: Category::CMTS,
                credits: 1.5,
                counted: true,
                reason: "Counts.".into(),
            },
            kind: "Independent learning".into(),
            sponsor: "MSL".into(),
            status: "Verified".into(),
            verified_by: "Ó Briain, Zoë".into(),
        };
        let t = Transcript {
            person_name: "Zoë Ó Briain".into(),
            library: String::new(),
            position: String::new(),
            track_name: "2023 Staff".into(),
            period_from: "2022-01-01".into(),
            period_to: "2025-12-31".into(),
            prepared_on: "2026-01-01".into(),
            entries: vec![entry],
            categories: vec![],
            totals: CreditTotals {
                electives: 0.0,
                total_required: 60.0,
                total_earned: 1.5,
                pending: 0.0,
                missing: vec![],
            },
            specializations: vec![],
        };
        let bytes = render(&t).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap(), HEADER.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][1], "Weeding, \"CREW\" and you");
        assert_eq!(&rows[0][5], "1.5");
        assert_eq!(&rows[0][7], "Ó Briain, Zoë");
        assert_eq!(&rows[0][8], "yes");
    }
}
