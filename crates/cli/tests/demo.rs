//! `sigilo demo`: a new vault full of realistic data, deterministic for a seed, that passes the integrity check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn all_contacts(vault: &std::path::Path) -> Vec<serde_json::Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut args = vec!["contact", "list", "--json", "--limit", "500"];
        if let Some(c) = &cursor {
            args.extend(["--cursor", c.as_str()]);
        }
        let page = json(vault, &args);
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return items,
        }
    }
}

#[test]
fn demo_is_deterministic_valid_and_refuses_an_existing_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for dir in [&a, &b] {
        let out = sigilo(dir)
            .env("SIGILO_PASSPHRASE", PASS)
            .args(["demo", "--scale", "1", "--seed", "9"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("200/200"), "progress is reported: {stderr}");
        assert!(
            !String::from_utf8_lossy(&out.stdout).trim().is_empty(),
            "the recovery code is printed"
        );
    }
    let (ca, cb) = (all_contacts(&a), all_contacts(&b));
    assert_eq!(ca.len(), 200);
    let strip = |v: &[serde_json::Value]| {
        v.iter()
            .map(|c| (c["name"].clone(), c["email"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&ca), strip(&cb), "same seed, same data");
    assert!(
        ca.iter().any(|c| c["name"].as_str().unwrap().contains('á')
            || c["name"].as_str().unwrap().contains('í'))
    );
    assert_eq!(ok(&a, &["vault", "check"]).trim(), "ok");
    assert!(
        !json(&a, &["search", "garcia", "--json"])["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let out = sigilo(&a)
        .env("SIGILO_PASSPHRASE", PASS)
        .args(["demo"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 6);
    let out = sigilo(&tmp.path().join("c"))
        .env("SIGILO_PASSPHRASE", PASS)
        .args(["demo", "--scale", "0"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(!tmp.path().join("c").join("keyslots.json").exists());
}
