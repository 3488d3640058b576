//! Set-up on a fresh Debian machine with only rustup/cargo and node/npm.
//!
//! Every step checks first and skips quickly when its tool is already there,
//! so `cargo xtask demo` and `cargo xtask test` can always start with it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{self, command, root};
use crate::schema;
use crate::supply_chain::CARGO_DENY_VERSION;

/// The wasm target the widget is compiled for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium, driven by Playwright and wasm-bindgen-test.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, used by wasm-bindgen-test-runner.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Which parts of the set-up a command needs.
#[derive(Clone, Copy)]
pub struct Needs {
    browser: bool,
    npm: bool,
    checks: bool,
}

impl Needs {
    /// What building the widget needs: the wasm target, the wasm-bindgen
    /// CLI and `wasm-split-cli`.
    pub fn build() -> Needs {
        Needs {
            browser: false,
            npm: false,
            checks: false,
        }
    }

    /// What driving Chromium from Node needs (the README picture): also
    /// Chromium, ChromeDriver and the npm test tools, without cargo-deny.
    pub fn browser() -> Needs {
        Needs {
            browser: true,
            npm: true,
            checks: false,
        }
    }

    /// Everything: also Chromium, ChromeDriver, the npm test tools and
    /// cargo-deny.
    pub fn all() -> Needs {
        Needs {
            browser: true,
            npm: true,
            checks: true,
        }
    }
}

/// Installs what `needs` asks for, skipping what is already installed.
pub fn run(needs: Needs) -> Result<(), String> {
    cmd::step("set-up: checking what the project needs");
    put_cargo_bin_on_path();
    wasm_target()?;
    wasm_bindgen_cli()?;
    wasm_split_cli()?;
    if needs.browser {
        browser()?;
    }
    if needs.npm {
        npm_packages()?;
    }
    if needs.checks {
        cargo_deny()?;
        python_venv()?;
        schema::install()?;
    }
    Ok(())
}

/// cargo-deny at [`CARGO_DENY_VERSION`], built from crates.io once.
fn cargo_deny() -> Result<(), String> {
    let wanted = format!("cargo-deny {CARGO_DENY_VERSION}");
    let installed = cmd::version_of("cargo-deny");
    if installed.as_deref() == Some(wanted.as_str()) {
        eprintln!("ok: {wanted}");
        return Ok(());
    }
    cmd::step(&format!(
        "installing {wanted} (found: {}); a few minutes, once",
        installed.as_deref().unwrap_or("none")
    ));
    cmd::run(command("cargo").args([
        "install",
        "cargo-deny",
        "--version",
        CARGO_DENY_VERSION,
        "--locked",
        "--force",
    ]))
}

/// Makes tools installed by `cargo install` callable by name.
fn put_cargo_bin_on_path() {
    let Some(bin) = cmd::cargo_home().map(|home| home.join("bin")) else {
        return;
    };
    let path = std::env::var_os("PATH").unwrap_or_default();
    if !std::env::split_paths(&path).any(|p| p == bin) {
        let joined = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)));
        if let Ok(joined) = joined {
            std::env::set_var("PATH", joined);
        }
    }
}

fn wasm_target() -> Result<(), String> {
    let installed = command("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the wasm target: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        eprintln!("ok: Rust target {WASM_TARGET}");
        return Ok(());
    }
    cmd::step(&format!("adding the Rust target {WASM_TARGET}"));
    cmd::run(command("rustup").args(["target", "add", WASM_TARGET]))
}

/// The wasm-bindgen version that Cargo.lock pins.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err("Cargo.lock pins no wasm-bindgen version".into())
}

fn wasm_bindgen_cli() -> Result<(), String> {
    let version = locked_wasm_bindgen_version()?;
    let wanted = format!("wasm-bindgen {version}");
    let installed = cmd::version_of("wasm-bindgen");
    let runner = cmd::version_of("wasm-bindgen-test-runner");
    if installed.as_deref() == Some(wanted.as_str()) && runner.is_some() {
        eprintln!("ok: {wanted} (CLI and test runner)");
        return Ok(());
    }
    cmd::step(&format!(
        "installing the wasm-bindgen CLI {version} (found: {})",
        installed.as_deref().unwrap_or("none")
    ));
    // No `--locked`: the CLI's own lock file pins crates the registry may no longer serve.
    cmd::run(command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--force",
    ]))
}

/// The `wasm-split-cli` release that `cargo xtask build` splits the widget
/// with: it reads the markers of the `wasm_split_helpers` that `Cargo.toml`
/// pins and the wasm-bindgen that `Cargo.lock` pins, so all three move
/// together (decision 0007).
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

/// `wasm-split-cli` at [`WASM_SPLIT_VERSION`], built from crates.io once.
fn wasm_split_cli() -> Result<(), String> {
    let wanted = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    let installed = command("cargo")
        .args(["install", "--list"])
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line == wanted)
    {
        eprintln!("ok: wasm-split-cli {WASM_SPLIT_VERSION}");
        return Ok(());
    }
    cmd::step(&format!(
        "installing wasm-split-cli {WASM_SPLIT_VERSION}; a few minutes, once"
    ));
    cmd::run(command("cargo").args([
        "install",
        "wasm_split_cli_support",
        "--version",
        WASM_SPLIT_VERSION,
        "--features",
        "build-binary",
        "--locked",
        "--force",
    ]))
}

fn browser() -> Result<(), String> {
    let missing: Vec<&str> = [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")]
        .into_iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| package)
        .collect();
    if missing.is_empty() {
        eprintln!("ok: Chromium and ChromeDriver");
        return Ok(());
    }
    apt_install("the browser tests", &missing)
}

/// Installs Debian's `packages` for `what`, or says how when not root.
fn apt_install(what: &str, packages: &[&str]) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "{what} need Debian's {}; install them as root:\n    sudo apt-get update && sudo apt-get install -y {}",
            packages.join(" and "),
            packages.join(" ")
        ));
    }
    cmd::step(&format!("installing {} with apt", packages.join(", ")));
    cmd::run(command("apt-get").args(["update", "-q"]))?;
    cmd::run(
        command("apt-get")
            .args(["install", "-y", "-q"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Python 3 with `venv` (Debian splits it into python3-venv), for the
/// schemathesis run.
fn python_venv() -> Result<(), String> {
    let ready = command("python3")
        .args(["-c", "import ensurepip, venv"])
        .output()
        .is_ok_and(|out| out.status.success());
    if ready {
        eprintln!("ok: python3 with venv");
        return Ok(());
    }
    apt_install("the API schema tests", &["python3", "python3-venv"])
}

/// Whether xtask runs as root (and so may install Debian packages).
pub fn is_root() -> bool {
    command("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The folder holding the browser test tools' `package.json`.
pub fn npm_dir() -> PathBuf {
    root().join("tests")
}

fn npm_packages() -> Result<(), String> {
    let dir = npm_dir();
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let modified = |path: &Path| fs::metadata(path).and_then(|m| m.modified()).ok();
    if let (Some(lock_time), Some(installed_time)) = (modified(&lock), modified(&installed)) {
        if installed_time >= lock_time {
            eprintln!("ok: npm packages in tests/node_modules");
            return Ok(());
        }
    }
    cmd::step("installing the browser test tools (npm ci)");
    cmd::run(
        command("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(dir),
    )
}
