//! The idle-time rule behind auto-lock: when the last user activity is older than the timeout, lock.

use std::time::{Duration, Instant};

/// Tracks the last user activity against a timeout in minutes (0 disables auto-lock).
#[derive(Debug, Clone)]
pub struct AutoLock {
    last_activity: Instant,
    timeout: Duration,
}

/// Longest auto-lock timeout accepted, in minutes.
pub const MAX_AUTO_LOCK_MINUTES: u32 = 240;

impl AutoLock {
    pub fn new(minutes: u32) -> Self {
        AutoLock {
            last_activity: Instant::now(),
            timeout: Self::minutes(minutes),
        }
    }

    fn minutes(m: u32) -> Duration {
        Duration::from_secs(u64::from(m.min(MAX_AUTO_LOCK_MINUTES)) * 60)
    }

    /// Notes user activity now.
    pub fn touch(&mut self) {
        self.touch_at(Instant::now());
    }

    /// Notes user activity at `at` (tests pass their own clock).
    pub fn touch_at(&mut self, at: Instant) {
        if at > self.last_activity {
            self.last_activity = at;
        }
    }

    pub fn set_minutes(&mut self, minutes: u32) {
        self.timeout = Self::minutes(minutes);
    }

    /// Whether the vault should be locked at `now`.
    pub fn expired(&self, now: Instant) -> bool {
        !self.timeout.is_zero() && now.saturating_duration_since(self.last_activity) >= self.timeout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_after_the_timeout_and_activity_resets_it() {
        let mut lock = AutoLock::new(10);
        let start = Instant::now();
        lock.touch_at(start);
        assert!(!lock.expired(start + Duration::from_secs(599)));
        assert!(lock.expired(start + Duration::from_secs(600)));
        lock.touch_at(start + Duration::from_secs(500));
        assert!(!lock.expired(start + Duration::from_secs(1000)));
        assert!(lock.expired(start + Duration::from_secs(1100)));
    }

    #[test]
    fn zero_disables_and_large_values_are_capped() {
        let mut lock = AutoLock::new(0);
        let start = Instant::now();
        lock.touch_at(start);
        assert!(!lock.expired(start + Duration::from_secs(1_000_000)));
        lock.set_minutes(100_000);
        assert!(lock.expired(start + Duration::from_secs(u64::from(MAX_AUTO_LOCK_MINUTES) * 60)));
    }

    #[test]
    fn an_older_touch_never_moves_the_clock_back() {
        let mut lock = AutoLock::new(1);
        let start = Instant::now();
        lock.touch_at(start + Duration::from_secs(30));
        lock.touch_at(start);
        assert!(!lock.expired(start + Duration::from_secs(89)));
    }
}
