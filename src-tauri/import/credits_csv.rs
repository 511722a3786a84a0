//! A spreadsheet of credit entries saved as CSV (read with the `csv` crate).
//!
//! Columns, in any order, with loosely matched header names (case, spaces
//! and punctuation do not matter; common other names are accepted):
//! `date, title, kind, category, credits, units, status, verified_by,
//! sponsor, trainer, conference, notes`. `date`, `title`, `category` and
//! `credits` (or `units`) are needed. Dates are `2024-03-14`, `3/14/2024`
//! or `March 14, 2024`. Each bad cell is an error naming its row (as a
//! spreadsheet numbers it: the header is row 1), its column and why.

use super::{credit_amount, refuse, ImportKind, ImportedCredit, ParsedImport, RowError};
use crate::domain::ledger::CreditEntryInput;
use crate::error::AppError;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Title,
    Kind,
    Category,
    Credits,
    Units,
    Status,
    VerifiedBy,
    Sponsor,
    Trainer,
    Conference,
    Notes,
}

/// Accepted header names, squeezed to lower-case letters and digits.
const NAMES: &[(Column, &[&str])] = &[
    (
        Column::Date,
        &[
            "date",
            "day",
            "dateattended",
            "datecompleted",
            "completed",
            "startdate",
        ],
    ),
    (
        Column::Title,
        &[
            "title",
            "event",
            "eventtitle",
            "course",
            "activity",
            "name",
            "training",
        ],
    ),
    (
        Column::Kind,
        &["kind", "type", "credittype", "kindofcredit"],
    ),
    (
        Column::Category,
        &["category", "cecategory", "categories", "area"],
    ),
    (
        Column::Credits,
        &[
            "credits",
            "credit",
            "cecredits",
            "hours",
            "contacthours",
            "cehours",
        ],
    ),
    (
        Column::Units,
        &[
            "units",
            "unit",
            "collegecredits",
            "semestercredits",
            "hourspresented",
        ],
    ),
    (
        Column::Status,
        &["status", "verification", "verificationstatus"],
    ),
    (
        Column::VerifiedBy,
        &["verifiedby", "verifier", "approvedby"],
    ),
    (
        Column::Sponsor,
        &["sponsor", "provider", "organizer", "host"],
    ),
    (
        Column::Trainer,
        &["trainer", "presenter", "instructor", "speaker"],
    ),
    (Column::Conference, &["conference", "conferencename"]),
    (Column::Notes, &["notes", "note", "comments", "comment"]),
];

fn squeeze_name(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn column_of(header: &str) -> Option<Column> {
    let name = squeeze_name(header);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&name.as_str()))
        .map(|(c, _)| *c)
}

fn column_name(column: Column) -> &'static str {
    match column {
        Column::Date => "date",
        Column::Title => "title",
        Column::Kind => "kind",
        Column::Category => "category",
        Column::Credits => "credits",
        Column::Units => "units",
        Column::Status => "status",
        Column::VerifiedBy => "verified_by",
        Column::Sponsor => "sponsor",
        Column::Trainer => "trainer",
        Column::Conference => "conference",
        Column::Notes => "notes",
    }
}

/// True when a text's first line is a header naming a date, a title and a category.
pub fn looks_like_credits_header(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    let columns: Vec<Column> = first
        .split([',', ';', '\t'])
        .filter_map(column_of)
        .collect();
    [Column::Date, Column::Title, Column::Category]
        .iter()
        .all(|c| columns.contains(c))
}

/// "2024-03-14", "3/14/2024", "03/14/24" or "March 14, 2024" as ISO text.
fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    [
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%m/%d/%y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
    .map(|d| d.to_string())
}

/// The delimiter of the header line: comma, semicolon (European spreadsheets) or tab.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Reads every row; rows with bad cells become errors (all of them, not
/// only the first), the good rows are kept for "import only the good rows".
/// `person_id` is left 0: the command sets whose credits these are.
pub fn parse(text: &str, today: NaiveDate) -> Result<ParsedImport, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| refuse(format!("The CSV header line could not be read: {e}")))?
        .clone();
    let mut parsed = ParsedImport::new(ImportKind::CreditsCsv);
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(headers.len());
    for header in headers.iter() {
        let column = column_of(header).filter(|c| !columns.contains(&Some(*c)));
        if column.is_none() && !header.is_empty() {
            parsed.warnings.push(format!(
                "Column \"{header}\" is not one we read: it is ignored."
            ));
        }
        columns.push(column);
    }
    let has = |c: Column| columns.contains(&Some(c));
    let missing: Vec<&str> = [Column::Date, Column::Title, Column::Category]
        .into_iter()
        .filter(|c| !has(*c))
        .map(column_name)
        .chain((!has(Column::Credits) && !has(Column::Units)).then_some("credits"))
        .collect();
    if !missing.is_empty() {
        return Err(refuse(format!(
            "This CSV has no {} column: the columns are date, title, kind, category, credits, units, status, verified_by, sponsor, trainer, conference, notes.",
            missing.join(", ")
        )));
    }
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(RowError {
                    row,
                    field: "row".into(),
                    message: format!("The row could not be read: {e}"),
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut input = CreditEntryInput::default();
        let mut errors = Vec::new();
        for (cell, column) in record.iter().zip(&columns) {
            let Some(column) = column else { continue };
            let value = (!cell.is_empty()).then(|| cell.to_string());
            let number = |errors: &mut Vec<RowError>| -> Option<f64> {
                let amount = credit_amount(cell);
                if amount.is_none() && !cell.is_empty() {
                    errors.push(RowError {
                        row,
                        field: column_name(*column).into(),
                        message: format!("\"{cell}\" is not a number."),
                    });
                }
                amount
            };
            match column {
                Column::Date => {
                    input.date = iso_date(cell).unwrap_or_else(|| cell.to_string());
                }
                Column::Title => input.title = cell.to_string(),
                Column::Kind => input.kind = value,
                Column::Category => input.category = cell.to_string(),
                Column::Credits => input.credits = number(&mut errors),
                Column::Units => input.units = number(&mut errors),
                Column::Status => input.verification.status = value,
                Column::VerifiedBy => input.verification.verified_by = value,
                Column::Sponsor => input.sponsor = value,
                Column::Trainer => input.trainer = value,
                Column::Conference => input.conference = value,
                Column::Notes => input.notes = value,
            }
        }
        if input
            .verification
            .status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("verified"))
            && input.verification.verified_on.is_none()
        {
            input.verification.verified_on = Some(input.date.clone());
        }
        // The ledger's own rules (half steps, no credit in advance, kinds).
        // The person is chosen by the command, so a stand-in passes here.
        let mut check = input.clone();
        check.person_id = 1;
        if let Err(fields) = check.validate(today) {
            for f in fields {
                if !errors.iter().any(|e| e.field == f.field) {
                    errors.push(RowError {
                        row,
                        field: f.field,
                        message: f.message,
                    });
                }
            }
        }
        if errors.is_empty() {
            parsed.credits.push(ImportedCredit { row, input });
        } else {
            parsed.errors.extend(errors);
        }
    }
    if parsed.credits.is_empty() && parsed.errors.is_empty() {
        return Err(refuse("This CSV has a header but no rows of credits."));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
    }

    #[test]
    fn documented_columns_with_loose_headers_and_date_forms() {
        let parsed = parse(
            include_str!("../../tests/fixtures/import/credits.csv"),
            today(),
        )
        .expect("csv");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let rows: Vec<(usize, &str, &str)> = parsed
            .credits
            .iter()
            .map(|c| (c.row, c.input.date.as_str(), c.input.title.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (2, "2024-03-14", "Readers' Advisory Refresh"),
                (3, "2024-04-02", "Cataloging in RDA"),
                (4, "2024-05-09", "Tech Trends Session"),
            ]
        );
        let course = &parsed.credits[1].input;
        assert_eq!(course.units, Some(1.0));
        let verification = &course.verification;
        assert_eq!(verification.verified_by.as_deref(), Some("Dean Ruiz"));
        assert_eq!(verification.verified_on.as_deref(), Some("2024-04-02"));
        assert_eq!(
            parsed.credits[0].input.trainer.as_deref(),
            Some("Okafor, Bea")
        );
        assert_eq!(
            parsed.credits[2].input.conference.as_deref(),
            Some("Big Sky Library Conference")
        );
    }

    #[test]
    fn each_bad_cell_names_its_row_and_column() {
        let parsed = parse(
            include_str!("../../tests/fixtures/import/credits-bad-row.csv"),
            today(),
        )
        .expect("csv");
        assert_eq!(parsed.credits.len(), 2);
        // Each refused cell as (row, column).
        let cells = |parsed: &ParsedImport| -> Vec<(usize, String)> {
            parsed
                .errors
                .iter()
                .map(|e| (e.row, e.field.clone()))
                .collect()
        };
        assert_eq!(
            cells(&parsed),
            [(3, "category".into()), (3, "credits".into())]
        );
        let text = "Date;Title;Category;Credits\n2024-01-01;A;LA;abc\n2030-01-01;B;LA;1\n";
        let parsed = parse(text, today()).expect("semicolons");
        assert_eq!(cells(&parsed), [(2, "credits".into()), (3, "date".into())]);
    }

    #[test]
    fn missing_columns_and_empty_sheets_are_refused() {
        let err = parse("title,credits\nA,1\n", today()).expect_err("no date");
        assert!(
            err.to_string().contains("no date, category column"),
            "{err}"
        );
        assert!(parse("date,title,category,credits\n", today()).is_err());
        assert!(looks_like_credits_header(
            "Date,Event Title,CE Category,Hours"
        ));
        assert!(!looks_like_credits_header(
            "Budget Basics\nEvent Type: Webinar"
        ));
    }
}
