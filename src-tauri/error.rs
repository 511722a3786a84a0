//! The one error type of Aspen Desk. It crosses IPC as `{code, message, fields}`
//! so the UI can put each message next to the input it names.

use serde::Serialize;
use ts_rs::TS;

/// A user mistake in one named field, e.g. `credits[0].credits`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input: nothing was saved.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database upgrade failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Io(String),
    /// The data folder was written by a newer Aspen Desk: nothing was changed.
    #[error("this data folder was written by a newer Aspen Desk (schema {found}; this version knows up to {known})")]
    NewerSchema { found: i64, known: i64 },
}

pub type AppResult<T> = Result<T, AppError>;

/// One refused field (a domain check such as `field::date`), so `?` works.
impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Invalid(vec![error])
    }
}

/// Every refused field of a `validate()`, so `?` works.
impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Invalid(errors)
    }
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// Ok when no field was refused, else every refused field at once.
    pub fn unless_any(errors: Vec<FieldError>) -> AppResult<()> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    pub fn io(context: &str, err: std::io::Error) -> Self {
        AppError::Io(format!("{context}: {err}"))
    }

    /// A stable machine-readable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotFound(_) => "not_found",
            AppError::Database(_) | AppError::Migration(_) => "database",
            AppError::Io(_) => "io",
            AppError::NewerSchema { .. } => "newer_schema",
        }
    }

    /// True when the user can fix it by changing their input (CLI exit code 2).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            AppError::Invalid(_) | AppError::NotFound(_) | AppError::NewerSchema { .. }
        )
    }
}

/// The fields a refusal names, in its order; a success fails the test.
#[cfg(test)]
pub fn refused_fields<T: std::fmt::Debug>(result: Result<T, Vec<FieldError>>) -> Vec<String> {
    result.unwrap_err().into_iter().map(|e| e.field).collect()
}

fn describe_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the UI receives when a command fails.
#[derive(Debug, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<&AppError> for ErrorPayload {
    fn from(err: &AppError) -> Self {
        ErrorPayload {
            code: err.code().to_string(),
            message: err.to_string(),
            fields: match err {
                AppError::Invalid(fields) => fields.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorPayload::from(self).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_serializes_with_code_message_and_fields() {
        let err = AppError::Invalid(vec![
            FieldError::new("title", "Enter a title."),
            FieldError::new("end", "The end is before the begin."),
        ]);
        let json = serde_json::to_value(&err).expect("serializes");
        assert_eq!(json["code"], "invalid");
        assert_eq!(
            json["message"],
            "title: Enter a title.; end: The end is before the begin."
        );
        assert_eq!(json["fields"][1]["field"], "end");
        assert!(err.is_user_error());
    }

    #[test]
    fn not_found_names_the_record() {
        let err = AppError::NotFound("Event 42".into());
        let json = serde_json::to_value(&err).expect("serializes");
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["message"], "Event 42 was not found");
        assert_eq!(json["fields"], serde_json::json!([]));
    }
}
