//! The JSON export of everything: every table's rows with their ids (files by
//! their SHA-256, not their bytes), in a fixed order so that exporting the
//! same data twice gives the same bytes.

use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The marker that tells an Aspen Desk export from any other JSON file.
pub const FORMAT: &str = "aspen-desk-export";
pub const FORMAT_VERSION: u32 = 1;

/// The whole export. Tables are keyed by name (sorted); rows are in the
/// table's key order. No export time: the same data gives the same file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataExport {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    /// The highest database migration applied; an import needs the same.
    pub schema_version: i64,
    pub tables: BTreeMap<String, TableRows>,
}

/// One table: its column names and the rows as arrays in that order. SQLite
/// values map to JSON as null, integer, real, text, or `{"hex": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl DataExport {
    pub fn new(schema_version: i64, tables: BTreeMap<String, TableRows>) -> DataExport {
        DataExport {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version,
            tables,
        }
    }

    pub fn row_count(&self) -> usize {
        self.tables.values().map(|t| t.rows.len()).sum()
    }
}

/// The export as bytes: one table row per line keeps the file readable and
/// easy to compare.
pub fn render(export: &DataExport) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("{\n");
    out.push_str(&format!("  \"format\": {},\n", text(&export.format)));
    out.push_str(&format!(
        "  \"format_version\": {},\n",
        export.format_version
    ));
    out.push_str(&format!(
        "  \"app_version\": {},\n",
        text(&export.app_version)
    ));
    out.push_str(&format!(
        "  \"schema_version\": {},\n",
        export.schema_version
    ));
    out.push_str("  \"tables\": {");
    for (index, (name, table)) in export.tables.iter().enumerate() {
        out.push_str(if index == 0 { "\n" } else { ",\n" });
        out.push_str(&format!(
            "    {}: {{\n      \"columns\": {},\n      \"rows\": [",
            text(name),
            text(&table.columns)
        ));
        for (row_index, row) in table.rows.iter().enumerate() {
            out.push_str(if row_index == 0 {
                "\n        "
            } else {
                ",\n        "
            });
            out.push_str(&text(row));
        }
        out.push_str(if table.rows.is_empty() {
            "]\n    }"
        } else {
            "\n      ]\n    }"
        });
    }
    out.push_str(if export.tables.is_empty() {
        "}\n}\n"
    } else {
        "\n  }\n}\n"
    });
    out.into_bytes()
}

/// Plain data always serializes; this keeps `render` free of `unwrap`.
fn text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// True when the bytes look like an Aspen Desk export (for `import FILE`,
/// which also takes other formats).
pub fn is_data_export(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256)];
    let head = String::from_utf8_lossy(head);
    head.trim_start().starts_with('{') && head.contains(&format!("\"{FORMAT}\""))
}

/// Refuses an export whose header field `json.<name>` is not what this
/// Aspen Desk reads (`matches` false), with `message` saying which it is.
pub fn expect_header(name: &str, matches: bool, message: String) -> AppResult<()> {
    if matches {
        return Ok(());
    }
    Err(AppError::invalid(format!("json.{name}"), message))
}

/// Parses an export, naming the bad field.
pub fn parse(bytes: &[u8]) -> AppResult<DataExport> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let export: DataExport = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        AppError::invalid(
            if path == "." {
                "json".into()
            } else {
                format!("json.{path}")
            },
            e.into_inner().to_string(),
        )
    })?;
    expect_header(
        "format",
        export.format == FORMAT,
        format!(
            "This is not an Aspen Desk export (format \"{}\").",
            export.format
        ),
    )?;
    expect_header(
        "format_version",
        export.format_version == FORMAT_VERSION,
        format!(
            "This export has format version {}; this Aspen Desk reads version {FORMAT_VERSION}.",
            export.format_version
        ),
    )?;
    for (name, table) in &export.tables {
        if let Some(index) = table
            .rows
            .iter()
            .position(|r| r.len() != table.columns.len())
        {
            return Err(AppError::invalid(
                format!("json.tables.{name}.rows[{index}]"),
                format!(
                    "The row has a different number of values than the {} columns.",
                    table.columns.len()
                ),
            ));
        }
    }
    Ok(export)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> DataExport {
        let mut tables = BTreeMap::new();
        tables.insert(
            "people".to_string(),
            TableRows {
                columns: vec!["id".into(), "name".into(), "photo".into()],
                rows: vec![
                    vec![json!(1), json!("Zoë \"Ó\" Briain\n"), json!(null)],
                    vec![json!(2), json!("Ann"), json!({"hex": "00ff"})],
                ],
            },
        );
        tables.insert(
            "empty".to_string(),
            TableRows {
                columns: vec!["id".into()],
                rows: vec![],
            },
        );
        DataExport::new(4, tables)
    }

    #[test]
    fn render_parses_back_to_the_same_export_and_is_stable() {
        let export = sample();
        let bytes = render(&export);
        assert_eq!(parse(&bytes).unwrap(), export);
        assert_eq!(render(&parse(&bytes).unwrap()), bytes);
        assert!(is_data_export(&bytes));
        let as_value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            as_value["tables"]["people"]["rows"][0][1],
            "Zoë \"Ó\" Briain\n"
        );
    }

    #[test]
    fn an_export_without_tables_renders_valid_json() {
        let bytes = render(&DataExport::new(1, BTreeMap::new()));
        assert_eq!(parse(&bytes).unwrap().row_count(), 0);
    }

    #[test]
    fn other_json_is_not_an_export_and_bad_rows_are_named() {
        assert!(!is_data_export(br#"{"title": "An event"}"#));
        let err = parse(br#"{"format": "other", "format_version": 1, "app_version": "1", "schema_version": 1, "tables": {}}"#).unwrap_err();
        assert!(err.to_string().starts_with("json.format:"), "{err}");
        let mut export = sample();
        export.tables.get_mut("people").unwrap().rows[1].pop();
        let err = parse(&serde_json::to_vec(&export).unwrap()).unwrap_err();
        assert!(
            err.to_string().starts_with("json.tables.people.rows[1]:"),
            "{err}"
        );
        let err = parse(b"{\"format\": 3}").unwrap_err();
        assert!(err.to_string().starts_with("json.format:"), "{err}");
    }
}
