//! File-system steps the backup needs: private folders and files, fsync, no-replace renames and the
//! atomic folder exchange (Linux `renameat2(RENAME_EXCHANGE)` through `rustix`, no `unsafe` here).

use crate::error::BackupError;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// `n` random bytes as hex, for temporary names.
pub(crate) fn random_hex(n: usize) -> Result<String, BackupError> {
    let mut b = vec![0u8; n];
    fill_random(&mut b)?;
    Ok(hex::encode(b))
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), BackupError> {
    getrandom::fill(buf).map_err(|e| {
        BackupError::Io(io::Error::other(format!(
            "the operating system's random source failed: {e}"
        )))
    })
}

/// Creates a folder only its owner can enter (Unix mode 0700); fails if it exists.
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path)
}

/// Creates a new file only its owner can read (Unix mode 0600); fails if it exists.
pub(crate) fn create_private_file(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Makes renames and creations in `dir` durable. On Windows, NTFS journals them.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The folder holding `path` (`.` for a bare name).
pub(crate) fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Renames `from` to `to`, refusing to replace an existing `to` (atomically where the OS can).
pub(crate) fn rename_noreplace(from: &Path, to: &Path) -> Result<(), BackupError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::EXIST) => return Err(BackupError::AlreadyExists(to.into())),
            // Some file systems do not support the flag: fall back to check-then-rename below.
            Err(rustix::io::Errno::INVAL) | Err(rustix::io::Errno::NOSYS) => {}
            Err(e) => return Err(BackupError::Io(e.into())),
        }
    }
    if fs::symlink_metadata(to).is_ok() {
        return Err(BackupError::AlreadyExists(to.into()));
    }
    fs::rename(from, to)?;
    Ok(())
}

/// Atomically exchanges two paths (both must exist). `Ok(false)` where the OS or file system offers
/// no exchange; the caller then falls back to two renames.
pub(crate) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(rustix::io::Errno::INVAL) | Err(rustix::io::Errno::NOSYS) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// Removes a file or folder when dropped, unless [`Cleanup::keep`] was called.
#[derive(Debug)]
pub(crate) struct Cleanup {
    path: Option<PathBuf>,
    dir: bool,
}

impl Cleanup {
    pub fn file(path: PathBuf) -> Self {
        Cleanup {
            path: Some(path),
            dir: false,
        }
    }
    pub fn dir(path: PathBuf) -> Self {
        Cleanup {
            path: Some(path),
            dir: true,
        }
    }
    /// The path it guards (empty once kept).
    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }
    pub fn keep(&mut self) {
        self.path = None;
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = if self.dir {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
        }
    }
}
