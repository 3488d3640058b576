//! `cargo xtask test`: every check and test, one summary line at the end.
//!
//! Lints count as one check each; test runners count their own tests. A step
//! that cannot start (a build that fails) counts as one failure, and the run
//! goes on where it can, so one report shows everything that is wrong.

use std::process::Command;

use crate::cmd::{self, command, run_captured};
use crate::postgres::Cluster;
use crate::schema;
use crate::setup::{self, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::supply_chain::{self, Advisories};
use crate::{build, package};

/// Passed and failed counts, summed over the run.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    /// Records a pass/fail check such as a lint.
    fn check(&mut self, name: &str, command: &mut Command) {
        cmd::step(name);
        match run_captured(command) {
            Ok(run) if run.success => self.passed += 1,
            Ok(_) => self.fail(name),
            Err(message) => {
                eprintln!("{message}");
                self.fail(name);
            }
        }
    }

    /// Runs a test runner and adds the counts it reports.
    fn tests(&mut self, name: &str, command: &mut Command) {
        cmd::step(name);
        match run_captured(command) {
            Ok(run) => {
                let counts = count_results(&run.output);
                self.passed += counts.passed;
                self.failed += counts.failed;
                if counts.failed > 0 {
                    self.failures.push(name.to_string());
                } else if !run.success || counts.passed == 0 {
                    // It failed without reporting a failed test (a build error),
                    // or ran nothing: either way, a failure.
                    self.fail(name);
                }
            }
            Err(message) => {
                eprintln!("{message}");
                self.fail(name);
            }
        }
    }

    /// Records the outcome of a check made in-process.
    fn verdict(&mut self, name: &str, outcome: Result<(), String>) {
        cmd::step(name);
        match outcome {
            Ok(()) => self.passed += 1,
            Err(message) => {
                eprintln!("{message}");
                self.fail(name);
            }
        }
    }

    fn fail(&mut self, name: &str) {
        self.failed += 1;
        self.failures.push(name.to_string());
    }
}

/// Counts read from a test runner's closing lines.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    passed: u64,
    failed: u64,
}

/// Sums `test result: … N passed; M failed` (cargo, wasm-bindgen-test) and
/// `ℹ pass N` / `ℹ fail N` (node's test runner) lines.
fn count_results(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split([';', '.']) {
                let mut words = part.split_whitespace();
                if let (Some(n), Some(kind)) = (words.next(), words.next()) {
                    match (n.parse::<u64>(), kind) {
                        (Ok(n), "passed") => counts.passed += n,
                        (Ok(n), "failed") => counts.failed += n,
                        _ => {}
                    }
                }
            }
        } else if let Some(rest) = line.strip_prefix("ℹ ").or_else(|| line.strip_prefix("# ")) {
            match rest.split_once(' ') {
                Some(("pass", n)) => counts.passed += n.trim().parse().unwrap_or(0),
                Some(("fail", n)) => counts.failed += n.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    counts
}

/// Runs everything; an error when anything failed.
pub fn run() -> Result<(), String> {
    setup::run(setup::Needs::all())?;
    let mut tally = Tally::default();

    tally.check(
        "formatting (cargo fmt --check)",
        command("cargo").args(["fmt", "--all", "--check"]),
    );
    tally.check(
        "lints, native (clippy -D warnings)",
        command("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    );
    tally.check(
        "lints, wasm32 (clippy -D warnings)",
        command("cargo").args([
            "clippy",
            "--package",
            "etalase",
            "--package",
            "etalase-contract",
            "--all-targets",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ]),
    );
    supply_chain_checks(&mut tally);
    tally.tests(
        "native tests: contract, server on SQLite, widget reducers and render",
        command("cargo").args(["test", "--workspace"]),
    );
    let built = build::test_build();
    match (Cluster::start("test"), &built) {
        (Ok(cluster), Ok(built)) => tally.tests(
            "server tests on PostgreSQL (the API suite again, on a throwaway cluster)",
            // The suite as built above, run again: nothing is compiled.
            command(&built.api_suite.to_string_lossy())
                .current_dir(cmd::root().join("crates").join("server"))
                .env("ETALASE_TEST_DATABASE_URL", &cluster.url),
        ),
        (Err(message), _) => {
            eprintln!("{message}");
            tally.fail("starting PostgreSQL for the server tests");
        }
        (_, Err(message)) => {
            eprintln!("{message}");
            tally.fail("finding the API suite of the test build");
        }
    }
    tally.tests(
        "widget tests in headless Chromium (wasm-bindgen-test)",
        command("cargo")
            .args([
                "test",
                "--package",
                "etalase",
                "--target",
                WASM_TARGET,
                "--test",
                "web",
                "--test",
                "dock",
            ])
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    );

    let server = built.map(|built| built.server);
    match build::widget().and_then(|()| server.clone()) {
        Ok(server) => {
            let named = build::split_dir(build::PROFILE).join("etalase.wasm");
            let first = package::check_first_part(&cmd::root().join("pkg"), &named);
            if let Ok(size) = &first {
                eprintln!(
                    "the first part: {size} B gzip (budget {} B)",
                    package::FIRST_PART_BUDGET
                );
            }
            tally.verdict(
                "the widget's first part: within its size budget, no later part's code",
                first.map(drop),
            );
            typescript_host(&mut tally);
            tally.tests(
                "end-to-end journeys (Playwright, Chromium, real server)",
                command("node")
                    .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
                    .arg(setup::npm_dir().join("e2e"))
                    .env("ETALASE_SERVER_BIN", server)
                    .env("ETALASE_CHROMIUM", CHROMIUM)
                    .env("ETALASE_ARTIFACTS", cmd::target_dir().join("e2e")),
            );
        }
        Err(message) => {
            eprintln!("{message}");
            tally.fail("building the widget and the server for the end-to-end tests");
        }
    }
    if let Ok(server) = server {
        schema_checks(&mut tally, &server);
    }

    cmd::report_step_times();
    if !tally.failures.is_empty() {
        eprintln!("\nfailed: {}", tally.failures.join("; "));
    }
    #[allow(clippy::print_stdout)]
    {
        println!("{} passed, {} failed", tally.passed, tally.failed);
    }
    if tally.failed == 0 {
        Ok(())
    } else {
        Err("some checks failed".into())
    }
}

/// Compiles `tests/host-ts/` (an example host in TypeScript) against the
/// package's declarations with `tsc --noEmit --strict`, without
/// `skipLibCheck`, under `lib: ["ES2022", "DOM"]` (`tsconfig.json`) and
/// under `lib: ["ESNext", "DOM"]` with `using` (`tsconfig.esnext.json`):
/// the types must fit how hosts use them, whichever `lib` they pick.
fn typescript_host(tally: &mut Tally) {
    let npm = setup::npm_dir();
    let tsc = npm.join("node_modules").join(".bin").join("tsc");
    for (lib, project) in [
        ("ES2022, DOM", "tsconfig.json"),
        ("ESNext, DOM", "tsconfig.esnext.json"),
    ] {
        tally.check(
            &format!(
                "TypeScript example host against the package's types (tsc --noEmit --strict, lib {lib})"
            ),
            command(&tsc.to_string_lossy())
                .args(["--noEmit", "--strict", "--project"])
                .arg(npm.join("host-ts").join(project)),
        );
    }
}

/// Schemathesis against a started server's own OpenAPI document.
fn schema_checks(tally: &mut Tally, server: &std::path::Path) {
    match schema::runs(server) {
        Ok((_server, runs)) => {
            for (name, mut run) in runs {
                cmd::step(&name);
                match run_captured(&mut run) {
                    Ok(done) => {
                        if let Some(count) = schema::generated(&done.output) {
                            eprintln!("schemathesis sent {count} generated requests");
                        }
                        if done.success {
                            tally.passed += 1;
                        } else {
                            tally.fail(&name);
                        }
                    }
                    Err(message) => {
                        eprintln!("{message}");
                        tally.fail(&name);
                    }
                }
            }
        }
        Err(message) => {
            eprintln!("{message}");
            tally.fail("schemathesis against /openapi.json");
        }
    }
}

/// `cargo deny` over the Rust tree, and the npm test tools' lock and audit.
fn supply_chain_checks(tally: &mut Tally) {
    match supply_chain::cargo_deny() {
        Ok((mut deny, advisories)) => {
            let against = match advisories {
                Advisories::Live => "the RustSec database".to_owned(),
                Advisories::Snapshot(date) => format!("the RustSec snapshot of {date}"),
            };
            tally.check(
                &format!(
                    "supply chain: cargo deny (advisories from {against}, licences, bans, sources)"
                ),
                &mut deny,
            );
        }
        Err(message) => {
            eprintln!("{message}");
            tally.fail("supply chain: cargo deny");
        }
    }
    tally.verdict(
        "supply chain: npm test tools pinned by sha512 from the registry, no install scripts",
        supply_chain::npm_lock(),
    );
    cmd::step("supply chain: npm audit of the test tools");
    match supply_chain::npm_audit() {
        Some(true) => tally.passed += 1,
        Some(false) => tally.fail("supply chain: npm audit"),
        None => eprintln!(
            "npm audit: the registry reached here offers no audit endpoint; not counted \
             (the lock check above still ran)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_wasm_bindgen_test_results() {
        let output = "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured\n\
                      test result: FAILED. 3 passed; 2 failed; 1 ignored\n";
        assert_eq!(
            count_results(output),
            Counts {
                passed: 15,
                failed: 2
            }
        );
    }

    #[test]
    fn counts_node_test_runner_results() {
        let output = "ℹ tests 5\nℹ suites 0\nℹ pass 4\nℹ fail 1\nℹ cancelled 0\n";
        assert_eq!(
            count_results(output),
            Counts {
                passed: 4,
                failed: 1
            }
        );
    }

    #[test]
    fn ignores_other_lines() {
        assert_eq!(
            count_results("running 3 tests\npass through\n"),
            Counts::default()
        );
    }
}
