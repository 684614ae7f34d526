//! Sigilo's CLI makes no network connection beyond this machine: every `connect`/`sendto` system call of the
//! real binary (and its children), traced with strace through a full session, targets a local socket or loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::process::Command;

fn strace_available() -> bool {
    Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_cli_opens_no_non_local_connection() {
    assert!(
        strace_available(),
        "this test needs strace (scripts/setup.sh installs it: apt-get install strace)"
    );
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let trace = tmp.path().join("trace");
    let sessions: &[&[&str]] = &[
        &["vault", "init"],
        &[
            "contact",
            "add",
            "--name",
            "Red Local",
            "--email",
            "red@example.org",
        ],
        &["search", "red", "--json"],
        &["contact", "list", "--json"],
        &["vault", "info", "--json"],
        &["vault", "check"],
    ];
    let mut traced_calls = 0;
    for (n, args) in sessions.iter().enumerate() {
        let file = trace.with_extension(n.to_string());
        let out = Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=connect,sendto,sendmsg,bind", "-o"])
            .arg(&file)
            .arg(env!("CARGO_BIN_EXE_sigilo"))
            .args(*args)
            .env("SIGILO_VAULT", &vault)
            .env("SIGILO_PASSPHRASE", PASS)
            .env_remove("SIGILO_RECOVERY_CODE")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let log = std::fs::read_to_string(&file).unwrap();
        for line in log.lines() {
            traced_calls += 1;
            let local = line.contains("AF_UNIX")
                || line.contains("AF_NETLINK")
                || line.contains("inet_addr(\"127.")
                || line.contains("inet_pton(AF_INET6, \"::1\"");
            let network = line.contains("AF_INET");
            assert!(!network || local, "{args:?} reached the network: {line}");
        }
    }
    // The trace ran (strace wrote something for at least the process exit lines or none at all): make sure the
    // tracer itself worked by tracing a command that certainly connects to loopback.
    let probe = trace.with_extension("probe");
    let _ = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=connect", "-o"])
        .arg(&probe)
        .args(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"])
        .output()
        .unwrap();
    let probe_log = std::fs::read_to_string(&probe).unwrap_or_default();
    assert!(
        probe_log.contains("connect("),
        "strace traced nothing: {probe_log:?} ({traced_calls} calls seen)"
    );
}
