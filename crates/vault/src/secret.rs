//! `Secret<T>`: a heap box that is wiped on drop and never printed.

use std::fmt;
use zeroize::Zeroize;

/// A secret value (passphrase, key, recovery code text).
///
/// The value lives in its own heap allocation (so moving a `Secret` never leaves
/// copies on the stack), is zeroized when dropped, prints as `[REDACTED]` under
/// `Debug` and has no `Display`. Read it with [`Secret::expose`].
pub struct Secret<T: Zeroize>(Box<T>);

/// A passphrase typed by the user.
pub type Passphrase = Secret<String>;

impl<T: Zeroize> Secret<T> {
    /// Wraps a value. The caller should not keep other copies of it.
    pub fn new(value: T) -> Self {
        Secret(Box::new(value))
    }

    /// Borrows the secret value.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Mutably borrows the secret value (e.g. to fill a key buffer in place).
    pub fn expose_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret(self.0.clone())
    }
}

impl From<String> for Secret<String> {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&str> for Secret<String> {
    fn from(s: &str) -> Self {
        Secret::new(s.to_owned())
    }
}

impl<'de> serde::Deserialize<'de> for Secret<String> {
    /// Lets a shell deserialize a passphrase straight into a `Secret`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s: Passphrase = Secret::new("hunter2".to_owned());
        assert_eq!(format!("{s:?}"), "[REDACTED]");
        assert_eq!(format!("{:?}", Some(&s)), "Some([REDACTED])");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn deserializes_from_json_string() {
        let s: Passphrase = serde_json::from_str("\"correct horse\"").unwrap();
        assert_eq!(s.expose(), "correct horse");
    }

    #[test]
    fn zeroize_clears_value() {
        let mut s = Secret::new([7u8; 32]);
        s.expose_mut().zeroize();
        assert_eq!(s.expose(), &[0u8; 32]);
    }
}
