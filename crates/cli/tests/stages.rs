//! `sigilo deal stage add|edit|reorder|delete`: the pipeline's configuration, by stage name or id; rule refusals
//! exit 6, bad input exits 2 naming the field; moving to a lost stage needs a reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names(v: &std::path::Path) -> Vec<String> {
    json(v, &["deal", "stages", "--json"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn stages_are_configured_by_name_or_id() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    let demo = ok(
        v,
        &[
            "deal",
            "stage",
            "add",
            "--name",
            "Demostración",
            "--probability",
            "60",
        ],
    )
    .trim()
    .to_owned();
    let stages = json(v, &["deal", "stages", "--json"]);
    let last = stages["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["id"], demo.as_str());
    assert_eq!(last["probability"], 60);
    assert_eq!(last["kind"], "open");

    // Edit by name (accents and case ignored): only what is given changes.
    ok(
        v,
        &[
            "deal",
            "stage",
            "edit",
            "demostracion",
            "--probability",
            "65",
        ],
    );
    ok(v, &["deal", "stage", "edit", &demo, "--name", "Demo"]);
    let s = json(v, &["deal", "stages", "--json"])["items"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (s["name"].as_str(), s["probability"].as_u64()),
        (Some("Demo"), Some(65))
    );

    // A new deal there takes the stage's probability.
    let d = ok(
        v,
        &[
            "deal",
            "add",
            "--title",
            "T",
            "--value",
            "1",
            "--currency",
            "EUR",
            "--stage",
            "demo",
        ],
    )
    .trim()
    .to_owned();
    assert_eq!(json(v, &["deal", "show", &d, "--json"])["probability"], 65);

    // Reorder: every stage once.
    let mut order = names(v);
    let moved = order.pop().unwrap();
    order.insert(1, moved);
    let mut args = vec!["deal", "stage", "reorder"];
    args.extend(order.iter().map(String::as_str));
    ok(v, &args);
    assert_eq!(names(v), order);
    let out = run(v, &["deal", "stage", "reorder", "Nuevo", "Demo"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("stages"), "{}", stderr(&out));
    assert_eq!(names(v), order, "a refused reorder changes nothing");

    // Refusals: a stage holding deals, the last won stage, a taken name, a kind change with deals.
    for (args, words) in [
        (vec!["deal", "stage", "delete", "Demo"], "holds 1 deal"),
        (
            vec!["deal", "stage", "delete", "Ganado"],
            "at least one won stage",
        ),
        (
            vec![
                "deal",
                "stage",
                "add",
                "--name",
                "NUEVO",
                "--probability",
                "5",
            ],
            "already exists",
        ),
        (
            vec!["deal", "stage", "edit", "Demo", "--kind", "won"],
            "move its deals first",
        ),
        (
            vec!["deal", "stage", "edit", "Perdido", "--kind", "open"],
            "at least one lost stage",
        ),
    ] {
        let out = run(v, &args);
        assert_eq!(code(&out), 6, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
    }
    // Bad input: exit 2, naming the field.
    for (args, field) in [
        (
            vec![
                "deal",
                "stage",
                "add",
                "--name",
                "X",
                "--probability",
                "101",
            ],
            "probability",
        ),
        (
            vec!["deal", "stage", "add", "--name", " ", "--probability", "1"],
            "name",
        ),
        (
            vec!["deal", "stage", "edit", "Inexistente", "--probability", "1"],
            "stage",
        ),
        (
            vec![
                "deal",
                "stage",
                "add",
                "--name",
                "X",
                "--probability",
                "1",
                "--kind",
                "maybe",
            ],
            "--kind",
        ),
    ] {
        let out = run(v, &args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(field), "{args:?}: {}", stderr(&out));
    }

    // Moving to lost needs a reason; to won it does not.
    let out = run(v, &["deal", "move", &d, "--stage", "perdido"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("reason"), "{}", stderr(&out));
    ok(v, &["deal", "move", &d, "--stage", "ganado"]);
    assert_eq!(
        json(v, &["deal", "show", &d, "--json"])["stage_kind"],
        "won"
    );

    // Empty now, the stage can go.
    ok(v, &["deal", "stage", "delete", "Demo"]);
    assert!(!names(v).contains(&"Demo".to_owned()));
}
