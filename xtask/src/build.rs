//! Building the widget: Rust → wasm → wasm-bindgen's JS glue in `pkg/`.

use std::path::{Path, PathBuf};

use crate::cmd::{self, command, root, target_dir};
use crate::setup::WASM_TARGET;

/// The Cargo profile the published widget is built with (see `Cargo.toml`).
pub const PROFILE: &str = "wasm-release";

/// Builds the widget with the size-tuned profile into `pkg/`.
pub fn widget() -> Result<(), String> {
    widget_with(PROFILE, &root().join("pkg"))
}

/// Builds the widget with Cargo `profile` and writes the package files into `out_dir`.
pub fn widget_with(profile: &str, out_dir: &Path) -> Result<(), String> {
    cmd::step(&format!(
        "building the widget (profile {profile}) into {}",
        out_dir.display()
    ));
    cmd::run(command("cargo").args([
        "build",
        "--package",
        "etalase",
        "--lib",
        "--target",
        WASM_TARGET,
        "--profile",
        profile,
    ]))?;
    cmd::run(
        command("wasm-bindgen")
            .args(["--target", "web", "--out-name", "etalase"])
            .args(["--remove-name-section", "--remove-producers-section"])
            .arg("--out-dir")
            .arg(out_dir)
            .arg(compiled_wasm(profile)),
    )
}

/// Where Cargo puts the widget's wasm for `profile`.
fn compiled_wasm(profile: &str) -> PathBuf {
    target_dir()
        .join(WASM_TARGET)
        .join(profile)
        .join("etalase.wasm")
}

/// The server binary that `cargo test --workspace` builds for the server's
/// integration tests, built (or found fresh) by the same command: a plain
/// `cargo build --package etalase-server` resolves other features for the
/// shared dependencies (no dev-dependencies) and would compile them again.
pub fn test_server() -> Result<PathBuf, String> {
    cmd::step("the server binary of the test build");
    cmd::run(command("cargo").args(["test", "--workspace", "--no-run"]))?;
    Ok(target_dir().join("debug").join("etalase-server"))
}

/// Builds the server with Cargo `profile` and returns the path of its binary.
pub fn server(profile: &str) -> Result<PathBuf, String> {
    cmd::step(&format!("building the server (profile {profile})"));
    cmd::run(command("cargo").args([
        "build",
        "--package",
        "etalase-server",
        "--profile",
        profile,
    ]))?;
    let dir = if profile == "dev" { "debug" } else { profile };
    Ok(target_dir().join(dir).join("etalase-server"))
}
