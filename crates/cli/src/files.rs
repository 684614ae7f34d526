//! The files the invoicing and expense commands read and write: a JSON input with a clear error, and an output
//! written through a temporary file so a failure leaves no half file.

use std::path::{Path, PathBuf};

use sigilo_api::{ApiError, ErrorCode};

/// Reads a JSON file into `T`; `what` names the shape with its article ("an invoice", "a quote") in the error.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path, what: &str) -> Result<T, ApiError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ApiError::invalid(format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| ApiError::invalid(format!("{}: not {what} JSON file: {e}", path.display())))
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failure leaves no half file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let fail = |e: std::io::Error| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(".sigilo-{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
