//! Event resources: attached files (in the shared file store) and links.

use crate::domain::field::{self, web_url as check_web_url};
pub use crate::domain::vocabulary::ResourceType;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Files attached to events may be at most this large.
pub const MAX_RESOURCE_BYTES: u64 = 50 * 1024 * 1024;

/// A resource as typed or sent: a link (`url`) or a file to copy in (`path`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ResourceInput {
    pub title: String,
    pub resource_type: Option<String>,
    pub tags: Vec<String>,
    pub url: Option<String>,
    pub path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceSource {
    Link(String),
    File(std::path::PathBuf),
}

/// A validated resource. A file's title may still be empty: the store then
/// uses the file's own name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDraft {
    pub title: String,
    pub resource_type: ResourceType,
    pub tags: Vec<String>,
    pub source: ResourceSource,
}

/// Tags are trimmed, lower-cased, de-duplicated and kept in order.
pub fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().flat_map(|t| t.split(',')) {
        let tag = tag.trim().to_lowercase();
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

impl ResourceInput {
    /// `prefix` names the field path, e.g. "resources[0]." or "".
    pub fn validate(&self, prefix: &str) -> Result<ResourceDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let field = |name: &str| format!("{prefix}{name}");
        field::keep(&mut errors, field::line(&field("title"), &self.title));
        for (i, tag) in self.tags.iter().enumerate() {
            field::keep(&mut errors, field::line(&field(&format!("tags[{i}]")), tag));
        }
        let type_text = self.resource_type.as_deref().map(str::trim).unwrap_or("");
        let resource_type = match field::choice::<ResourceType>(
            &field("resource_type"),
            if type_text.is_empty() {
                "other"
            } else {
                type_text
            },
        ) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let url = self.url.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let path = self
            .path
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let source = match (url, path) {
            (Some(url), None) => match check_web_url(url) {
                Ok(url) => Some(ResourceSource::Link(url)),
                Err(m) => {
                    errors.push(FieldError::new(field("url"), m));
                    None
                }
            },
            (None, Some(path)) => Some(ResourceSource::File(path.into())),
            (Some(_), Some(_)) => {
                errors.push(FieldError::new(
                    field("url"),
                    "Give a link or a file, not both.",
                ));
                None
            }
            (None, None) => {
                errors.push(FieldError::new(
                    field("url"),
                    "Give a link (https://...) or choose a file.",
                ));
                None
            }
        };
        let mut title = self.title.trim().to_string();
        if title.is_empty() {
            // A link without a title is shown by its address, within the same cap.
            if let Some(ResourceSource::Link(url)) = &source {
                title = url.clone();
                field::keep(&mut errors, field::line(&field("title"), &title));
            }
        }
        match (resource_type, source) {
            (Some(resource_type), Some(source)) if errors.is_empty() => Ok(ResourceDraft {
                title,
                resource_type,
                tags: normalize_tags(&self.tags),
                source,
            }),
            _ => Err(errors),
        }
    }
}

/// An attached resource as shown.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Resource {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub event_id: i64,
    pub title: String,
    pub resource_type: ResourceType,
    pub resource_type_label: String,
    pub tags: Vec<String>,
    /// "file" or "link"
    pub kind: String,
    pub url: Option<String>,
    pub file_name: Option<String>,
    #[ts(type = "number | null")]
    pub file_size: Option<i64>,
    pub sha256: Option<String>,
    pub created_at: String,
}

impl Resource {
    /// "Handout: Agenda.pdf" — how a resource is named in page history.
    pub fn history_label(&self) -> String {
        format!("{}: {}", self.resource_type_label, self.title)
    }
}

/// Names of files that run as programs (or install them) when the system
/// opens them: the app asks before opening one.
pub fn runs_as_program(file_name: &str) -> bool {
    const PROGRAMS: &[&str] = &[
        "exe",
        "msi",
        "bat",
        "cmd",
        "com",
        "scr",
        "pif",
        "cpl",
        "msc",
        "reg",
        "hta",
        "lnk",
        "ps1",
        "vbs",
        "vbe",
        "js",
        "jse",
        "wsf",
        "jar",
        "sh",
        "bash",
        "zsh",
        "csh",
        "ksh",
        "fish",
        "command",
        "run",
        "bin",
        "desktop",
        "appimage",
        "deb",
        "rpm",
        "flatpakref",
        "py",
        "pl",
        "rb",
        "app",
        "pkg",
        "dmg",
        "apk",
    ];
    std::path::Path::new(file_name.trim())
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PROGRAMS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_are_recognised_by_their_type() {
        for program in [
            "setup.exe",
            "run.BAT",
            "install.sh",
            "Zoom.desktop",
            "tool.AppImage",
            "x.ps1",
        ] {
            assert!(runs_as_program(program), "{program}");
        }
        for document in [
            "Plan.pdf",
            "slides.pptx",
            "notes.txt",
            "exe",
            "archive.tar.gz",
            "",
        ] {
            assert!(!runs_as_program(document), "{document}");
        }
    }

    #[test]
    fn a_link_needs_http_and_gets_a_title() {
        let input = ResourceInput {
            url: Some("https://vimeo.com/msl".into()),
            resource_type: Some("Recording".into()),
            ..Default::default()
        };
        let draft = input.validate("").expect("valid");
        assert_eq!(draft.title, "https://vimeo.com/msl");
        assert_eq!(draft.resource_type, ResourceType::Recording);

        let bad = ResourceInput {
            url: Some("javascript:alert(1)".into()),
            ..Default::default()
        };
        let errors = bad.validate("resources[0].").unwrap_err();
        assert_eq!(errors[0].field, "resources[0].url");
    }

    #[test]
    fn nothing_or_both_is_refused() {
        assert!(ResourceInput::default().validate("").is_err());
        let both = ResourceInput {
            url: Some("https://a.org".into()),
            path: Some("/x".into()),
            ..Default::default()
        };
        assert!(both.validate("").is_err());
    }

    #[test]
    fn tags_are_normalized() {
        let tags = normalize_tags(&["Strategic, track".into(), " track ".into(), "".into()]);
        assert_eq!(tags, ["strategic", "track"]);
    }
}
