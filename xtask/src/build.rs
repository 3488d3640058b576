//! Building the widget: Rust → one wasm → its parts (`wasm-split-cli`) →
//! wasm-bindgen's JS glue for the first part, all in `pkg/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::cmd::{self, command, root, target_dir};
use crate::setup::WASM_TARGET;
use crate::{minify, package};

/// The Cargo profile the published widget is built with (see `Cargo.toml`).
pub const PROFILE: &str = "wasm-release";

/// Builds the widget with the size-tuned profile into `pkg/`.
pub fn widget() -> Result<(), String> {
    widget_with(PROFILE, &root().join("pkg")).map(drop)
}

/// Builds the widget with Cargo `profile` and writes the package files into
/// `out_dir`: the first part (the glue, the loader and the main wasm) and
/// each later part under a name that changes with its content, each also
/// precompressed (`.br`, `.gz`). Returns the later parts' file names.
pub fn widget_with(profile: &str, out_dir: &Path) -> Result<Vec<String>, String> {
    cmd::step(&format!(
        "building the widget (profile {profile}) into {}",
        out_dir.display()
    ));
    // The relocations let `wasm-split-cli` follow every call and address.
    cmd::run(
        command("cargo")
            .args([
                "build",
                "--package",
                "etalase",
                "--lib",
                "--features",
                "split",
            ])
            .args(["--target", WASM_TARGET, "--profile", profile])
            .env(
                WASM_RUSTFLAGS,
                [&remapped_sources(), " -Clink-arg=--emit-relocs"].concat(),
            ),
    )?;
    let split_dir = split_dir(profile);
    // Parts of an earlier build must not linger among this one's.
    let _ = fs::remove_dir_all(&split_dir);
    fs::create_dir_all(&split_dir).map_err(|e| format!("cannot create {split_dir:?}: {e}"))?;
    cmd::run(
        command("wasm-split-cli")
            .args(["--target", "web", "--out-name", "etalase"])
            .arg(compiled_wasm(profile))
            .arg(&split_dir),
    )?;
    // The parts link to the main module's exports by their names.
    bindgen(
        &split_dir.join("etalase.wasm"),
        out_dir,
        &["--keep-lld-exports"],
    )?;
    package::compact_main(&out_dir.join("etalase_bg.wasm"))?;
    let parts = package::parts(&split_dir, out_dir)?;
    let mut files: Vec<String> = package::FIRST_PART.iter().map(|f| f.to_string()).collect();
    files.extend(parts.iter().cloned());
    files.retain(|name| out_dir.join(name).exists());
    package::precompress(out_dir, &files)?;
    Ok(parts)
}

/// The profile the one module is built with: [`PROFILE`] under another
/// name, so that its build (other flags, no `split` feature) keeps its own
/// copy of the dependencies instead of replacing the parts' build.
const ONE_MODULE_PROFILE: &str = "wasm-one";

/// Builds the widget as one module, without parts, into `out_dir` (with
/// the package's entry beside it): what `cargo xtask bench` compares the
/// parts against in the same run.
pub fn widget_in_one_module(out_dir: &Path) -> Result<(), String> {
    cmd::step(&format!(
        "building the widget as one module into {}",
        out_dir.display()
    ));
    cmd::run(
        command("cargo")
            .args([
                "build",
                "--package",
                "etalase",
                "--lib",
                "--target",
                WASM_TARGET,
            ])
            .args(["--profile", ONE_MODULE_PROFILE, "--config"])
            .arg(format!(
                "profile.{ONE_MODULE_PROFILE}.inherits=\"{PROFILE}\""
            ))
            .env(WASM_RUSTFLAGS, remapped_sources()),
    )?;
    bindgen(&compiled_wasm(ONE_MODULE_PROFILE), out_dir, &[])?;
    for entry in ["index.js", "index.d.ts"] {
        fs::copy(root().join("pkg").join(entry), out_dir.join(entry))
            .map_err(|e| format!("cannot copy {entry}: {e}"))?;
    }
    Ok(())
}

/// The variable that passes flags to rustc for the wasm alone.
const WASM_RUSTFLAGS: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";

/// A rustc flag writing the dependencies' source paths (which panic messages
/// carry into the wasm) as `/r/…` instead of under this machine's Cargo home,
/// so the widget weighs the same bytes on every machine; nothing when the
/// path holds a space, which the variable could not carry.
fn remapped_sources() -> String {
    match cmd::cargo_home().map(|home| home.join("registry").join("src")) {
        Some(sources) if !sources.to_string_lossy().contains(char::is_whitespace) => {
            ["--remap-path-prefix=", &sources.to_string_lossy(), "=/r"].concat()
        }
        _ => String::new(),
    }
}

/// Runs wasm-bindgen on `wasm` for the web, without names or producers,
/// writing `etalase.js` (minified) and `etalase_bg.wasm` into `out_dir`.
fn bindgen(wasm: &Path, out_dir: &Path, extra: &[&str]) -> Result<(), String> {
    cmd::run(
        command("wasm-bindgen")
            .args(["--target", "web", "--out-name", "etalase"])
            .args(["--remove-name-section", "--remove-producers-section"])
            .args(extra)
            .arg("--out-dir")
            .arg(out_dir)
            .arg(wasm),
    )?;
    let glue = out_dir.join("etalase.js");
    let source = fs::read_to_string(&glue).map_err(|e| format!("cannot read {glue:?}: {e}"))?;
    fs::write(&glue, minify::module(&source)?).map_err(|e| format!("cannot write {glue:?}: {e}"))
}

/// Where `wasm-split-cli` writes the parts of `profile`'s build; its
/// `etalase.wasm` (the first part, before wasm-bindgen) keeps its names.
pub fn split_dir(profile: &str) -> PathBuf {
    target_dir().join("split").join(profile)
}

/// Where Cargo puts the widget's wasm for `profile`.
fn compiled_wasm(profile: &str) -> PathBuf {
    target_dir()
        .join(WASM_TARGET)
        .join(profile)
        .join("etalase.wasm")
}

/// What `cargo test --workspace` built that later steps run again.
pub struct TestBuild {
    /// The server's API suite (`crates/server/tests/api`).
    pub api_suite: PathBuf,
    /// The server binary, as built for its integration tests.
    pub server: PathBuf,
}

/// The executables of `cargo test --workspace`, found (fresh) by the same
/// command. Any other selection of packages or targets (`--package
/// etalase-server`, `--test api`) resolves other features for the shared
/// dependencies and compiles them all again.
pub fn test_build() -> Result<TestBuild, String> {
    cmd::step("the executables of the test build");
    // Cargo's messages on stdout, read here; its progress on stderr, shown.
    let built = command("cargo")
        .args(["test", "--workspace", "--no-run", "--message-format=json"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    let messages = String::from_utf8_lossy(&built.stdout);
    let api_suite = executables(&messages, "\"kind\":[\"test\"]", "api").next();
    // The binary itself, not its unit tests' harness (also a `bin`).
    let server = executables(&messages, "\"kind\":[\"bin\"]", "etalase-server").find(|path| {
        path.file_name()
            .is_some_and(|name| name == "etalase-server")
    });
    match (api_suite, server) {
        (Some(api_suite), Some(server)) if built.status.success() => {
            Ok(TestBuild { api_suite, server })
        }
        _ => Err("cargo test --workspace --no-run built no API suite or server".into()),
    }
}

/// The `executable`s of the artifacts of target `name` and `kind` among
/// Cargo's JSON messages, one a line.
fn executables<'a>(
    messages: &'a str,
    kind: &'a str,
    name: &str,
) -> impl Iterator<Item = PathBuf> + 'a {
    let named = format!("\"name\":\"{name}\"");
    messages
        .lines()
        .filter(move |line| line.contains(kind) && line.contains(&named))
        .filter_map(|line| {
            let rest = line.split("\"executable\":\"").nth(1)?;
            Some(PathBuf::from(rest.split('"').next()?))
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_api_suite_and_the_server_binary_among_cargos_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"etalase_server"},"executable":null}
{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"etalase-server"},"profile":{"test":true},"executable":"/t/debug/deps/etalase_server-1f"}
{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"etalase-server"},"profile":{"test":false},"executable":"/t/debug/etalase-server"}
{"reason":"compiler-artifact","target":{"kind":["test"],"name":"api"},"executable":"/t/debug/deps/api-9c"}
{"reason":"build-finished","success":true}"#;
        let suite: Vec<PathBuf> = executables(messages, "\"kind\":[\"test\"]", "api").collect();
        assert_eq!(suite, [PathBuf::from("/t/debug/deps/api-9c")]);
        let bins: Vec<PathBuf> =
            executables(messages, "\"kind\":[\"bin\"]", "etalase-server").collect();
        assert_eq!(bins.len(), 2, "the harness and the binary");
    }
}
