//! Supply-chain checks: `cargo deny` over the Rust dependency tree, and the
//! npm test tools' lock file.
//!
//! `cargo deny` checks advisories against the live RustSec database when it
//! can be fetched, and otherwise against the snapshot in
//! `supply-chain/advisory-db/` (machines that reach package registries only).
//! See docs/decisions/0041-supply-chain.md.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, command, root, target_dir};

/// The cargo-deny release `cargo xtask setup` installs.
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// The folder cargo-deny 0.20 keeps the default RustSec database in, under
/// its `db-path` (a hash of the database's URL).
const DB_FOLDER: &str = "advisory-db-3157b0e258782691";

/// Which advisory database a check ran against.
pub enum Advisories {
    /// The RustSec database, fetched now.
    Live,
    /// The committed snapshot, of the date given.
    Snapshot(String),
}

/// The `cargo deny` command to run, having fetched the advisory database or
/// prepared the snapshot, and which of the two it will use.
pub fn cargo_deny() -> Result<(Command, Advisories), String> {
    let mut fetch = command("cargo");
    fetch.args(["deny", "--workspace", "fetch", "db"]);
    if cmd::run(&mut fetch).is_ok() {
        let mut check = command("cargo");
        check.args(["deny", "--workspace", "check"]);
        return Ok((check, Advisories::Live));
    }
    eprintln!("the RustSec database cannot be fetched here: using the committed snapshot");
    let snapshot = root().join("supply-chain").join("advisory-db");
    check_snapshot_covers_lock(&snapshot)?;
    let date = snapshot_date(&snapshot)?;
    let dbs = target_dir().join("advisory-dbs");
    prepare_snapshot(&snapshot, &dbs.join(DB_FOLDER), &date)?;
    let policy = fs::read_to_string(root().join("deny.toml"))
        .map_err(|e| format!("cannot read deny.toml: {e}"))?;
    let config = target_dir().join("deny-snapshot.toml");
    fs::write(&config, with_db_path(&policy, &dbs)?)
        .map_err(|e| format!("cannot write {}: {e}", config.display()))?;
    // `--offline` keeps cargo-deny on the snapshot, but it also stops the
    // `cargo metadata` it runs from downloading: the crates of every target
    // (Windows and macOS ones included) must already be in the registry cache,
    // while the builds fetch only this platform's and wasm32's.
    cmd::run(command("cargo").args(["fetch", "--locked"]))?;
    let mut check = command("cargo");
    check
        .args(["deny", "--workspace", "--offline", "--config"])
        .arg(&config)
        .arg("check");
    Ok((check, Advisories::Snapshot(date)))
}

/// The policy with its `db-path` pointing at `dbs`.
fn with_db_path(policy: &str, dbs: &Path) -> Result<String, String> {
    let mut found = false;
    let lines: Vec<String> = policy
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("db-path") {
                found = true;
                format!("db-path = {:?}", dbs.display().to_string())
            } else {
                line.to_owned()
            }
        })
        .collect();
    if found {
        Ok(lines.join("\n") + "\n")
    } else {
        Err("deny.toml sets no [advisories] db-path".into())
    }
}

/// The snapshot's date, from its `SNAPSHOT` file.
fn snapshot_date(snapshot: &Path) -> Result<String, String> {
    let text = fs::read_to_string(snapshot.join("SNAPSHOT"))
        .map_err(|e| format!("cannot read the advisory snapshot: {e}"))?;
    text.lines()
        .find_map(|line| line.strip_prefix("date "))
        .map(str::to_owned)
        .ok_or_else(|| "supply-chain/advisory-db/SNAPSHOT names no date".into())
}

/// Fails when a crate of `Cargo.lock` has advisories in the database the
/// snapshot was taken from but none in the snapshot: it must be refreshed.
fn check_snapshot_covers_lock(snapshot: &Path) -> Result<(), String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let known = fs::read_to_string(snapshot.join("crates.txt"))
        .map_err(|e| format!("cannot read the snapshot's crates.txt: {e}"))?;
    let missing = missing_from_snapshot(&lock, &known, |name| {
        snapshot.join("crates").join(name).is_dir()
    });
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the advisory snapshot lacks the advisories of {}: refresh supply-chain/advisory-db \
             (docs/decisions/0041-supply-chain.md)",
            missing.join(", ")
        ))
    }
}

/// The crates of `lock` listed in `known` (one name a line) for which
/// `in_snapshot` is false.
fn missing_from_snapshot(
    lock: &str,
    known: &str,
    in_snapshot: impl Fn(&str) -> bool,
) -> Vec<String> {
    let known: BTreeSet<&str> = known.lines().map(str::trim).collect();
    let names: BTreeSet<&str> = lock
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .collect();
    names
        .into_iter()
        .filter(|name| known.contains(name) && !in_snapshot(name))
        .map(str::to_owned)
        .collect()
}

/// Makes `folder` a git repository holding the snapshot, committed at
/// `date` (cargo-deny reads the database's age from its last commit).
fn prepare_snapshot(snapshot: &Path, folder: &Path, date: &str) -> Result<(), String> {
    if folder.exists() {
        fs::remove_dir_all(folder)
            .map_err(|e| format!("cannot clear {}: {e}", folder.display()))?;
    }
    copy_dir(&snapshot.join("crates"), &folder.join("crates"))?;
    let git = |args: &[&str]| {
        let mut git = Command::new("git");
        git.arg("-C")
            .arg(folder)
            .args([
                "-c",
                "user.name=etalase xtask",
                "-c",
                "user.email=xtask@localhost",
            ])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
        cmd::run(&mut git)
    };
    git(&["init", "--quiet"])?;
    git(&["add", "--all"])?;
    git(&[
        "commit",
        "--quiet",
        "--message",
        "RustSec advisory snapshot",
    ])
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Checks `tests/package-lock.json`: every package comes from the npm
/// registry (no git, file or URL sources) pinned by a sha512 integrity hash.
pub fn npm_lock() -> Result<(), String> {
    let path = root().join("tests").join("package-lock.json");
    let lock =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let problems = npm_lock_problems(&lock);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("tests/package-lock.json: {}", problems.join("; ")))
    }
}

/// What is wrong with a lock file's packages, read line by line (the file
/// is npm's own pretty-printed JSON, one key a line).
fn npm_lock_problems(lock: &str) -> Vec<String> {
    let mut problems = Vec::new();
    // The package being read, and whether its integrity was seen.
    let mut current: Option<(String, bool)> = None;
    let finish = |current: &mut Option<(String, bool)>, problems: &mut Vec<String>| {
        if let Some((name, false)) = current.take() {
            problems.push(format!("{name} has no sha512 integrity"));
        }
    };
    for line in lock.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("\"node_modules/") {
            finish(&mut current, &mut problems);
            let name = rest.split('"').next().unwrap_or_default().to_owned();
            current = Some((name, false));
        } else if let Some((_, seen)) = current.as_mut() {
            if line.starts_with("\"integrity\": \"sha512-") {
                *seen = true;
            }
            if let Some(source) = line.strip_prefix("\"resolved\": \"") {
                if !source.starts_with("https://registry.npmjs.org/") {
                    problems.push(format!("a package resolves outside the registry: {source}"));
                }
            }
            if line.starts_with("\"hasInstallScript\": true") {
                problems.push("a package runs an install script".into());
            }
        }
    }
    finish(&mut current, &mut problems);
    problems
}

/// Runs `npm audit` on the test tools: `Some(passed)`, or `None` when the
/// registry answering here offers no audit endpoint.
pub fn npm_audit() -> Option<bool> {
    let mut audit = command("npm");
    audit
        .args(["audit", "--audit-level=low"])
        .current_dir(root().join("tests"));
    match cmd::run_captured(&mut audit) {
        Ok(run) if run.output.contains("audit endpoint returned an error") => None,
        Ok(run) => Some(run.success),
        Err(message) => {
            eprintln!("{message}");
            Some(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_crate_with_advisories_must_be_in_the_snapshot() {
        let lock = "name = \"tokio\"\nversion = \"1\"\nname = \"serde\"\nname = \"rsa\"\n";
        let known = "rsa\ntokio\nopenssl\n";
        let missing = missing_from_snapshot(lock, known, |name| name == "tokio");
        assert_eq!(missing, ["rsa"]);
    }

    #[test]
    fn the_db_path_is_replaced() {
        let policy = "[advisories]\ndb-path = \"$CARGO_HOME/advisory-dbs\"\nyanked = \"deny\"\n";
        let changed = with_db_path(policy, Path::new("/t/dbs")).unwrap();
        assert_eq!(
            changed,
            "[advisories]\ndb-path = \"/t/dbs\"\nyanked = \"deny\"\n"
        );
        assert!(with_db_path("[advisories]\n", Path::new("/t")).is_err());
    }

    #[test]
    fn npm_packages_need_integrity_and_the_registry() {
        let good = r#"
    "node_modules/playwright-core": {
      "version": "1.65.1",
      "resolved": "https://registry.npmjs.org/playwright-core/-/playwright-core-1.65.1.tgz",
      "integrity": "sha512-abc==",
      "dev": true
    }"#;
        assert!(npm_lock_problems(good).is_empty());
        let bad = r#"
    "node_modules/a": {
      "resolved": "git+ssh://git@example.com/a.git",
      "integrity": "sha512-x"
    },
    "node_modules/b": {
      "version": "1.0.0",
      "hasInstallScript": true
    }"#;
        assert_eq!(
            npm_lock_problems(bad).len(),
            3,
            "{:?}",
            npm_lock_problems(bad)
        );
    }
}
