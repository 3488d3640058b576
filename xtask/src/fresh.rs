//! `cargo xtask test --fresh`: the test command as a fresh machine runs it.
//!
//! A clean clone of the committed `HEAD`, with a Cargo home that holds only
//! the toolchain's proxies (no registry cache, no `cargo install`ed tools),
//! an empty target directory and empty npm and pip caches, all in a new
//! temporary folder. The Rust toolchain (rustup's home) and Debian's packages
//! stay, as a fresh machine of the project's kind has the one and the test
//! command installs the others. The inner run prints each step's time; the
//! folder is removed when the run passes and kept for a look when it fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cmd::{self, command, minutes, root};

/// The toolchain's programs, each a proxy that rustup dispatches by name.
const PROXIES: [&str; 8] = [
    "cargo",
    "cargo-clippy",
    "cargo-fmt",
    "clippy-driver",
    "rustc",
    "rustdoc",
    "rustfmt",
    "rustup",
];

/// Runs `cargo xtask test` in a clean clone with empty caches.
pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let rustup = rustup_binary()?;
    let rustup_home = rustup_home()?;
    let work = std::env::temp_dir().join(format!("etalase-fresh-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let clone = work.join("etalase");
    let cargo_home = work.join("cargo-home");
    let bin = cargo_home.join("bin");
    fs::create_dir_all(&bin).map_err(|e| format!("cannot create {}: {e}", bin.display()))?;
    for proxy in PROXIES {
        symlink(&rustup, &bin.join(proxy))?;
    }
    cmd::step(&format!(
        "cloning HEAD into {} (uncommitted changes are not in it)",
        clone.display()
    ));
    cmd::run(
        command("git")
            .args(["clone", "--quiet", "--no-hardlinks"])
            .arg(root())
            .arg(&clone),
    )?;
    let mut test = command("cargo");
    test.current_dir(&clone)
        .args(["xtask", "test"])
        .env("PATH", path_with(&bin)?)
        .env("CARGO_HOME", &cargo_home)
        .env("RUSTUP_HOME", &rustup_home)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("npm_config_cache", work.join("npm-cache"))
        .env("XDG_CACHE_HOME", work.join("cache"));
    cmd::step("cargo xtask test, as on a fresh machine");
    let outcome = cmd::run(&mut test);
    eprintln!(
        "\nfresh-machine run: {} in all, {}",
        minutes(started.elapsed()),
        if outcome.is_ok() { "passed" } else { "failed" }
    );
    match outcome {
        Ok(()) => {
            fs::remove_dir_all(&work).map_err(|e| format!("cannot remove {}: {e}", work.display()))
        }
        Err(message) => Err(format!(
            "{message}; its files are kept in {}",
            work.display()
        )),
    }
}

/// The rustup binary the toolchain's proxies point at.
fn rustup_binary() -> Result<PathBuf, String> {
    let output = command("rustup")
        .args(["--version"])
        .output()
        .map_err(|e| format!("rustup is needed for a fresh-machine run: {e}"))?;
    if !output.status.success() {
        return Err("rustup does not answer --version".into());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("rustup"))
        .find(|candidate| candidate.is_file())
        .map(|found| fs::canonicalize(&found).unwrap_or(found))
        .ok_or_else(|| "rustup is not on PATH".into())
}

/// rustup's home, where the toolchains are: kept as it is.
fn rustup_home() -> Result<PathBuf, String> {
    match std::env::var_os("RUSTUP_HOME") {
        Some(home) => Ok(PathBuf::from(home)),
        None => std::env::var_os("HOME")
            .map(|home| Path::new(&home).join(".rustup"))
            .ok_or_else(|| "neither RUSTUP_HOME nor HOME is set".into()),
    }
}

/// `PATH` with `bin` first and every other Cargo `bin` folder left out, so
/// no tool installed earlier with `cargo install` is found.
fn path_with(bin: &Path) -> Result<std::ffi::OsString, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let others = std::env::split_paths(&path).filter(|dir| !dir.join("cargo").is_file());
    std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(others))
        .map_err(|e| format!("cannot build PATH: {e}"))
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(target, link)
        .map_err(|e| format!("cannot link {}: {e}", link.display()))
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> Result<(), String> {
    Err("a fresh-machine run needs a Unix machine".into())
}
