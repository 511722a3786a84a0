//! The shared file store: blobs in `files/` of the data folder, named by their
//! SHA-256. Records keep the original file name for display. Resources use it
//! now; evidence files and plans will use the same store.

use crate::error::{AppError, AppResult};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// A blob now in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub sha256: String,
    pub size: u64,
    /// The original name, e.g. "Plan d'été – 2026.pdf".
    pub file_name: String,
    /// False when an identical file was already stored.
    pub newly_stored: bool,
}

static INCOMING: AtomicU64 = AtomicU64::new(0);

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

impl FileStore {
    pub fn open(data_dir: &Path) -> AppResult<FileStore> {
        let root = data_dir.join("files");
        fs::create_dir_all(root.join(".incoming"))
            .map_err(|e| AppError::io("cannot create the file store", e))?;
        Ok(FileStore { root })
    }

    /// Where a blob lives. A name that is not a SHA-256 (a damaged row) points
    /// nowhere rather than anywhere outside the store.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return self.root.join(".invalid");
        }
        self.root.join(&sha256[..2]).join(sha256)
    }

    /// Copies `source` into the store. `field` names the input in messages.
    /// On any failure nothing is left behind in the store.
    pub fn import(&self, source: &Path, max_bytes: u64, field: &str) -> AppResult<StoredFile> {
        let shown = source.display();
        let meta = fs::symlink_metadata(source)
            .map_err(|_| AppError::invalid(field, format!("There is no file at {shown}.")))?;
        if meta.file_type().is_symlink() {
            return Err(AppError::invalid(
                field,
                format!("{shown} is a symbolic link: choose the file it points to instead."),
            ));
        }
        if !meta.is_file() {
            return Err(AppError::invalid(field, format!("{shown} is not a file.")));
        }
        if meta.len() == 0 {
            return Err(AppError::invalid(field, format!("{shown} is empty.")));
        }
        if meta.len() > max_bytes {
            return Err(AppError::invalid(
                field,
                format!(
                    "{shown} is larger than {}: attach a link to it instead.",
                    megabytes(max_bytes)
                ),
            ));
        }
        let file_name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());

        let temp = self.root.join(".incoming").join(format!(
            "{}-{}",
            std::process::id(),
            INCOMING.fetch_add(1, Ordering::Relaxed)
        ));
        let copied = copy_hashing(source, &temp, max_bytes);
        let (sha256, size) = match copied {
            Ok(done) => done,
            Err(err) => {
                let _ = fs::remove_file(&temp);
                return Err(match err {
                    CopyError::TooLarge => AppError::invalid(
                        field,
                        format!("{shown} is larger than {}.", megabytes(max_bytes)),
                    ),
                    CopyError::Io(e) => AppError::io(&format!("cannot copy {shown}"), e),
                });
            }
        };
        let target = self.path_of(&sha256);
        if target.exists() {
            let _ = fs::remove_file(&temp);
            return Ok(StoredFile {
                sha256,
                size,
                file_name,
                newly_stored: false,
            });
        }
        let placed = target
            .parent()
            .map(fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| fs::rename(&temp, &target));
        if let Err(e) = placed {
            let _ = fs::remove_file(&temp);
            return Err(AppError::io("cannot store the file", e));
        }
        Ok(StoredFile {
            sha256,
            size,
            file_name,
            newly_stored: true,
        })
    }

    /// Undoes an import whose database write failed.
    pub fn discard(&self, stored: &StoredFile) {
        if stored.newly_stored {
            let _ = fs::remove_file(self.path_of(&stored.sha256));
        }
    }

    /// Copies a stored blob out, e.g. "Save a copy".
    pub fn export(&self, sha256: &str, destination: &Path) -> AppResult<()> {
        fs::copy(self.path_of(sha256), destination)
            .map(|_| ())
            .map_err(|e| AppError::io(&format!("cannot save to {}", destination.display()), e))
    }
}

enum CopyError {
    TooLarge,
    Io(std::io::Error),
}

fn copy_hashing(source: &Path, temp: &Path, max_bytes: u64) -> Result<(String, u64), CopyError> {
    let mut input = File::open(source).map_err(CopyError::Io)?;
    let mut output = File::create(temp).map_err(CopyError::Io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buffer).map_err(CopyError::Io)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        // The file may have grown since it was measured.
        if size > max_bytes {
            return Err(CopyError::TooLarge);
        }
        hasher.update(&buffer[..n]);
        output.write_all(&buffer[..n]).map_err(CopyError::Io)?;
    }
    output.sync_all().map_err(CopyError::Io)?;
    Ok((hex::encode(hasher.finalize()), size))
}
