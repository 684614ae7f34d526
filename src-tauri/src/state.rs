//! The app's state: the unlocked vault (if any) and the idle timer, plus the thread that auto-locks on expiry
//! (after the before-lock automatic backup, when the settings ask for one) and runs the daily backup check.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use std::path::Path;

use sigilo_api::{ApiError, AutoLock, AutoTrigger, ErrorCode, Session};
use tauri::{AppHandle, Emitter as _, Manager as _};

/// Event sent to the web view when the vault locked itself after idle time.
pub const VAULT_LOCKED_EVENT: &str = "vault-locked";

/// How often the watcher compares the idle time with the timeout.
const AUTO_LOCK_POLL: Duration = Duration::from_secs(3);
/// How often the watcher asks whether a daily automatic backup is due.
const DAILY_BACKUP_POLL: Duration = Duration::from_secs(60);

/// Shared by every command. Lock order, where both are needed: `session`, then `auto_lock`.
#[derive(Debug)]
pub struct AppState {
    session: Mutex<Option<Session>>,
    auto_lock: Mutex<AutoLock>,
}

/// A poisoned mutex only means another command panicked mid-way; the data inside is still the best we have.
fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    pub fn new(auto_lock_minutes: u32) -> Self {
        AppState {
            session: Mutex::new(None),
            auto_lock: Mutex::new(AutoLock::new(auto_lock_minutes)),
        }
    }

    /// Notes user activity: the idle timer starts again.
    pub fn touch(&self) {
        guard(&self.auto_lock).touch();
    }

    pub fn set_auto_lock_minutes(&self, minutes: u32) {
        guard(&self.auto_lock).set_minutes(minutes);
    }

    /// Makes `session` the unlocked vault, locking any other one first.
    pub fn install(&self, session: Session) {
        let mut slot = guard(&self.session);
        if let Some(previous) = slot.take() {
            previous.lock();
        }
        *slot = Some(session);
        drop(slot);
        self.touch();
    }

    /// Locks the vault, writing the before-lock automatic backup first when the settings ask for one. The
    /// session leaves the shared slot at once, so no command can change the vault while the backup runs.
    pub fn lock_with_auto_backup(&self) -> bool {
        let taken = guard(&self.session).take();
        match taken {
            Some(session) => {
                let _ = session.lock_after_auto_backup();
                true
            }
            None => false,
        }
    }

    /// Locks the unlocked vault if it lives in `dir` (a restore is about to replace it). Returns whether it did.
    pub fn lock_if_open_at(&self, dir: &Path) -> bool {
        let mut slot = guard(&self.session);
        let here = slot
            .as_ref()
            .is_some_and(|s| sigilo_api::same_folder(Path::new(&s.summary().path), dir));
        let taken = if here { slot.take() } else { None };
        drop(slot);
        match taken {
            Some(session) => {
                let _ = session.lock_after_auto_backup();
                true
            }
            None => false,
        }
    }

    /// Runs the daily automatic backup check on the unlocked vault (does not count as user activity).
    pub fn daily_backup_check(&self) {
        if let Some(session) = guard(&self.session).as_mut() {
            let _ = session.auto_backup(AutoTrigger::Daily);
        }
    }

    /// Locks the vault now, without the automatic backup (closes the database, wipes the keys). Returns whether
    /// one was unlocked. Every lock of the running app goes through [`AppState::lock_with_auto_backup`].
    #[cfg(test)]
    pub fn lock_now(&self) -> bool {
        let taken = guard(&self.session).take();
        match taken {
            Some(session) => {
                session.lock();
                true
            }
            None => false,
        }
    }

    /// Runs `f` on the unlocked vault, or fails with `locked`. Counts as user activity.
    pub fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut slot = guard(&self.session);
        let session = slot.as_mut().ok_or_else(locked)?;
        let out = f(session);
        drop(slot);
        self.touch();
        out
    }

    /// Like [`AppState::with_session`] for callers that may see no vault: `None` when locked.
    pub fn peek<T>(&self, f: impl FnOnce(&Session) -> T) -> Option<T> {
        guard(&self.session).as_ref().map(f)
    }

    /// Takes the vault out of the shared slot if it is unlocked and idle past the timeout at `now`.
    fn take_if_idle(&self, now: Instant) -> Option<Session> {
        let mut slot = guard(&self.session);
        if slot.is_none() || !guard(&self.auto_lock).expired(now) {
            return None;
        }
        slot.take()
    }

    /// Locks the vault if it is unlocked and idle past the timeout at `now`. Returns whether it locked.
    #[cfg(test)]
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        self.take_if_idle(now).map(Session::lock).is_some()
    }

    /// Like [`AppState::lock_if_idle`], writing the before-lock automatic backup first (when asked for).
    pub fn auto_lock_if_idle(&self, now: Instant) -> bool {
        match self.take_if_idle(now) {
            Some(session) => {
                let _ = session.lock_after_auto_backup();
                true
            }
            None => false,
        }
    }
}

fn locked() -> ApiError {
    ApiError::new(ErrorCode::Locked, "the vault is locked")
}

/// Starts the thread that locks the vault after idle time and tells the web view, which then reloads (so it keeps
/// no vault data). The reload is also forced from here, in case the page missed the event.
pub fn spawn_auto_lock_watcher(app: AppHandle) {
    let spawned = thread::Builder::new()
        .name("sigilo-auto-lock".into())
        .spawn(move || {
            let mut daily_checked = Instant::now();
            loop {
                thread::sleep(AUTO_LOCK_POLL);
                let state = app.state::<AppState>();
                if daily_checked.elapsed() >= DAILY_BACKUP_POLL {
                    daily_checked = Instant::now();
                    state.daily_backup_check();
                }
                if state.auto_lock_if_idle(Instant::now()) {
                    let _ = app.emit(VAULT_LOCKED_EVENT, ());
                    for window in app.webview_windows().values() {
                        let _ = window.eval("window.location.reload()");
                    }
                }
            }
        });
    if let Err(error) = spawned {
        // Without the watcher the vault would never lock itself: refuse to run like that.
        eprintln!("Sigilo could not start its auto-lock timer: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn a_locked_state_refuses_vault_commands() {
        let state = AppState::new(10);
        let err = state.with_session(|_| Ok(())).unwrap_err();
        assert_eq!(err.code, ErrorCode::Locked);
        assert!(!state.lock_now());
        assert!(!state.lock_if_idle(Instant::now() + Duration::from_secs(3600)));
    }

    #[test]
    fn idle_time_locks_an_unlocked_vault_and_activity_postpones_it() {
        let dir = tempfile::tempdir().unwrap();
        let pass = sigilo_api::SecretString::from("correct horse battery staple");
        let (session, _) = Session::create_for_tests(&dir.path().join("vault"), &pass).unwrap();
        let state = AppState::new(1);
        state.install(session);
        let now = Instant::now();
        assert!(!state.lock_if_idle(now + Duration::from_secs(30)));
        assert!(state.with_session(|s| s.contact_window(0, 10)).is_ok());
        assert!(state.lock_if_idle(Instant::now() + Duration::from_secs(61)));
        assert_eq!(
            state.with_session(|_| Ok(())).unwrap_err().code,
            ErrorCode::Locked
        );
    }

    #[test]
    fn a_restore_over_the_open_vault_locks_it_and_only_it() {
        let dir = tempfile::tempdir().unwrap();
        let pass = sigilo_api::SecretString::from("correct horse battery staple");
        let vault = dir.path().join("vault");
        let (session, _) = Session::create_for_tests(&vault, &pass).unwrap();
        let state = AppState::new(10);
        state.install(session);
        assert!(!state.lock_if_open_at(&dir.path().join("other")));
        assert!(state.with_session(|_| Ok(())).is_ok());
        // The same folder named another way (here: through `..`) still counts.
        let roundabout = vault.join("..").join("vault");
        assert!(state.lock_if_open_at(&roundabout));
        assert_eq!(
            state.with_session(|_| Ok(())).unwrap_err().code,
            ErrorCode::Locked
        );
        assert!(!state.lock_with_auto_backup());
    }

    #[test]
    fn zero_minutes_never_locks() {
        let dir = tempfile::tempdir().unwrap();
        let pass = sigilo_api::SecretString::from("correct horse battery staple");
        let (session, _) = Session::create_for_tests(&dir.path().join("vault"), &pass).unwrap();
        let state = AppState::new(10);
        state.set_auto_lock_minutes(0);
        state.install(session);
        assert!(!state.lock_if_idle(Instant::now() + Duration::from_secs(86_400)));
        assert!(state.lock_now());
    }
}
