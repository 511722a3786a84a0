//! The shared file store: blobs in `files/` of the data folder, named by their
//! SHA-256, readable by their owner only. Records (resources, evidence, plan
//! documents) keep the original file name for display.
//!
//! A blob is never deleted inline: another record, or another copy of the
//! app, may have committed a reference to the same bytes in between. Blobs
//! that no row of `files` names, and stale `.incoming` copies, are swept at
//! start-up once they are older than a grace period.

use crate::error::{AppError, AppResult};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

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

    /// Copies a stored blob out ("Save a copy"), atomically, never into the
    /// data folder itself.
    pub fn export(&self, sha256: &str, destination: &Path) -> AppResult<()> {
        super::output::copy_atomic(&self.path_of(sha256), destination, self.data_dir())
    }

    /// A read-only copy of a blob under `name` in `folder`, for the system's
    /// default application. An identical copy already there is reused, so
    /// nothing is copied over a file the librarian has open.
    pub fn read_only_copy(&self, sha256: &str, folder: &Path, name: &str) -> AppResult<PathBuf> {
        let target = folder.join(name);
        let source = self.path_of(sha256);
        if file_sha256(&target).ok().as_deref() == Some(sha256) {
            return Ok(target);
        }
        let fail = |e| AppError::io("cannot prepare the file", e);
        fs::create_dir_all(folder).map_err(fail)?;
        if target.exists() {
            // A changed or damaged earlier copy: make it writable to replace it.
            let _ = set_mode(&target, 0o600);
        }
        let temp = folder.join(format!(".{name}.partial"));
        fs::copy(&source, &temp)
            .and_then(|_| set_mode(&temp, 0o400))
            .and_then(|_| fs::rename(&temp, &target))
            .map_err(|e| {
                let _ = fs::remove_file(&temp);
                fail(e)
            })?;
        Ok(target)
    }

    fn data_dir(&self) -> &Path {
        self.root.parent().unwrap_or(&self.root)
    }

    /// Removes blobs that no row of `files` names and stale `.incoming`
    /// copies, both only when older than `grace` (a copy of the app or the
    /// command line may be between placing a blob and committing its row).
    /// Returns how many files were removed.
    pub fn sweep(&self, referenced: &HashSet<String>, grace: Duration) -> usize {
        let old_enough = |path: &Path| {
            fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= grace)
        };
        let mut removed = 0;
        let Ok(folders) = fs::read_dir(&self.root) else {
            return 0;
        };
        for folder in folders.flatten() {
            let Ok(entries) = fs::read_dir(folder.path()) else {
                continue;
            };
            let incoming = folder.file_name() == ".incoming";
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                let unreferenced = incoming || !referenced.contains(&name);
                if unreferenced && old_enough(&path) && fs::remove_file(&path).is_ok() {
                    removed += 1;
                }
            }
        }
        removed
    }
}

/// The SHA-256 of a file on disk, hex.
pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut input = File::open(path)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut input, &mut hasher)?;
    Ok(hex::encode(hasher.finalize()))
}

fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let mut permissions = fs::metadata(path)?.permissions();
        permissions.set_readonly(mode & 0o200 == 0);
        fs::set_permissions(path, permissions)
    }
}

/// A new file readable by its owner only (0600 on Unix).
pub(crate) fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

enum CopyError {
    TooLarge,
    Io(std::io::Error),
}

fn copy_hashing(source: &Path, temp: &Path, max_bytes: u64) -> Result<(String, u64), CopyError> {
    let mut input = File::open(source).map_err(CopyError::Io)?;
    let mut output = private_file(temp).map_err(CopyError::Io)?;
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

/// The `files` row for a stored blob (once per content), written in the
/// caller's transaction with the record that points at it.
pub async fn record(conn: &mut sqlx::SqliteConnection, file: &StoredFile) -> AppResult<()> {
    sqlx::query("INSERT OR IGNORE INTO files (sha256, size, created_at) VALUES (?, ?, ?)")
        .bind(&file.sha256)
        .bind(file.size as i64)
        .bind(super::now_text())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
