//! End-to-end harness: starts Xvfb and tauri-driver (which runs WebKitWebDriver), opens a WebDriver session on
//! the real Sigilo binary, and cleans every process up on drop — also when a test panics.
//!
//! Each [`App`] gets its own display, its own ports and its own temporary vault and settings folders, so test
//! binaries and tests within one binary can run in parallel without seeing each other.
//!
//! Linux only: WebKitWebDriver is the only native driver tauri-driver supports besides Windows' Edge driver, and
//! the process plumbing reads /proc. On other systems this crate compiles to nothing.
#![cfg(target_os = "linux")]

pub mod harness;
pub mod webdriver;

pub use harness::{App, AppOptions, artifacts_dir};
pub use webdriver::{Element, Session, WebDriverError};

use std::time::{Duration, Instant};

/// Polls `probe` until it yields `Some`, every 100 ms, for at most `timeout`; then panics with `what` and the
/// last probe error. Never a sleep-as-assertion: the first success returns at once.
#[track_caller]
pub fn wait_for<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl FnMut() -> Result<Option<T>, String>,
) -> T {
    let start = Instant::now();
    let mut last: String;
    loop {
        match probe() {
            Ok(Some(value)) => return value,
            Ok(None) => last = String::from("condition not met"),
            Err(e) => last = e,
        }
        if start.elapsed() >= timeout {
            panic_with(format!(
                "timed out after {timeout:?} waiting for {what}: {last}"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[track_caller]
fn panic_with(message: String) -> ! {
    #[allow(clippy::panic)]
    {
        panic!("{message}")
    }
}
