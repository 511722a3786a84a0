//! The application packet: one .zip with the transcript (PDF and CSV), the
//! evidence files of the counted entries, the Strategic Track plan, and
//! `packet.json` describing every file in it.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::{Cursor, Write};
use ts_rs::TS;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A file to put in the packet: where, what it is, and its bytes.
pub struct PacketPart {
    /// Folder inside the archive ("" for the top, "evidence", "plan").
    pub folder: &'static str,
    /// A readable file name (made safe and unique when packed).
    pub name: String,
    /// transcript_pdf, transcript_csv, evidence, plan_document, typed_plan
    pub kind: &'static str,
    pub description: String,
    pub entry_id: Option<i64>,
    pub bytes: Vec<u8>,
}

/// One line of `packet.json`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PacketFile {
    pub path: String,
    pub kind: String,
    pub description: String,
    #[ts(type = "number | null")]
    pub entry_id: Option<i64>,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
}

/// `packet.json`: who, which certification, and every file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PacketManifest {
    pub person_name: String,
    pub track_name: String,
    #[ts(type = "number")]
    pub enrollment_id: i64,
    pub period_from: String,
    pub period_to: String,
    pub prepared_on: String,
    pub files: Vec<PacketFile>,
}

pub const MANIFEST_NAME: &str = "packet.json";

/// "name.pdf" -> "name (2).pdf" until the path is free.
fn unique_path(folder: &str, name: &str, taken: &mut HashSet<String>) -> String {
    let name = super::safe_file_name(name);
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name.as_str(), ""),
    };
    let mut n = 1;
    loop {
        let file = if n == 1 {
            format!("{stem}{extension}")
        } else {
            format!("{stem} ({n}){extension}")
        };
        let path = if folder.is_empty() {
            file
        } else {
            format!("{folder}/{file}")
        };
        if taken.insert(path.to_lowercase()) {
            return path;
        }
        n += 1;
    }
}

/// Packs the parts and a manifest listing them; returns the zip and the manifest.
pub fn render(
    mut manifest: PacketManifest,
    parts: Vec<PacketPart>,
) -> Result<(Vec<u8>, PacketManifest), String> {
    let failed = |e: zip::result::ZipError| format!("cannot write the packet: {e}");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut taken = HashSet::from([MANIFEST_NAME.to_string()]);
    manifest.files.clear();
    for part in parts {
        let path = unique_path(part.folder, &part.name, &mut taken);
        zip.start_file(path.as_str(), options).map_err(failed)?;
        zip.write_all(&part.bytes)
            .map_err(|e| format!("cannot write the packet: {e}"))?;
        manifest.files.push(PacketFile {
            path,
            kind: part.kind.into(),
            description: part.description,
            entry_id: part.entry_id,
            size: part.bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(&part.bytes)),
        });
    }
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    zip.start_file(MANIFEST_NAME, options).map_err(failed)?;
    zip.write_all(&json)
        .map_err(|e| format!("cannot write the packet: {e}"))?;
    let bytes = zip.finish().map_err(failed)?.into_inner();
    Ok((bytes, manifest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(folder: &'static str, name: &str, bytes: &[u8]) -> PacketPart {
        PacketPart {
            folder,
            name: name.into(),
            kind: "evidence",
            description: String::new(),
            entry_id: Some(1),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn same_names_get_numbers_and_the_manifest_lists_every_file_with_its_hash() {
        let manifest = PacketManifest {
            person_name: "Zoë Ó Briain".into(),
            track_name: "2023 Staff".into(),
            enrollment_id: 3,
            period_from: "2022-01-01".into(),
            period_to: "2025-12-31".into(),
            prepared_on: "2026-01-01".into(),
            files: vec![],
        };
        let parts = vec![
            part("evidence", "certificate.pdf", b"one"),
            part("evidence", "Certificate.pdf", b"two"),
            part("evidence", "../secret", b"three"),
        ];
        let (bytes, manifest) = render(manifest, parts).unwrap();
        let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "evidence/certificate.pdf",
                "evidence/Certificate (2).pdf",
                "evidence/-secret"
            ]
        );
        assert_eq!(
            manifest.files[0].sha256,
            hex::encode(Sha256::digest(b"one"))
        );
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 4);
        let listed: serde_json::Value =
            serde_json::from_reader(archive.by_name(MANIFEST_NAME).unwrap()).unwrap();
        assert_eq!(listed["files"][1]["path"], "evidence/Certificate (2).pdf");
        assert_eq!(listed["person_name"], "Zoë Ó Briain");
    }
}
