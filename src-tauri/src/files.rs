//! Writing a file the user picked in a save dialog (a PDF, a bill's document, the VAT CSV) without ever leaving half
//! of it under the chosen name.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sigilo_api::{ApiError, ErrorCode};

use crate::commands::Res;

fn io_error(what: &str, e: &std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::Io, format!("{what}: {}", e.kind()))
}

/// Writes `bytes` through `.NAME.part` beside `path`, synced, then renamed over it; no part file stays behind.
/// A path without a file name is refused as `invalid_input` with `no_name` as the message.
pub fn write_atomically(path: &Path, bytes: &[u8], no_name: &str) -> Res<()> {
    let name = path
        .file_name()
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, no_name))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".part");
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(|e| io_error("create", &e))?;
        f.write_all(bytes).map_err(|e| io_error("write", &e))?;
        f.sync_all().map_err(|e| io_error("sync", &e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_error("rename", &e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_file_lands_whole_under_the_chosen_name_and_no_part_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("F2026-0001.pdf");
        write_atomically(&path, b"%PDF-1.7 test", "no name").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 test");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn an_existing_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("iva-2026-T1.csv");
        std::fs::write(&path, b"old contents, longer than the new").unwrap();
        write_atomically(&path, b"period;section\r\n", "no name").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"period;section\r\n");
    }

    #[test]
    fn a_missing_folder_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("x.pdf");
        assert_eq!(
            write_atomically(&path, b"x", "no name").unwrap_err().code,
            ErrorCode::Io
        );
    }

    #[test]
    fn a_path_without_a_file_name_is_refused_with_the_callers_message() {
        let err = write_atomically(Path::new("/"), b"x", "path: choose a file name").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(err.message, "path: choose a file name");
    }
}
