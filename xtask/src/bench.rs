//! `cargo xtask bench`: the widget's size and its time to first product
//! card; `cargo xtask bench flash-sale`: checkouts of a flash sale on
//! PostgreSQL and SQLite against the database's floor.

use std::fs;

use crate::cmd::{self, command, root, target_dir};
use crate::postgres::Cluster;
use crate::setup::{self, CHROMIUM};
use crate::{build, flag_value};

/// The flash-sale section's markers in `BENCHMARKS.md`.
const FLASH_START: &str = "<!-- flash sale: written by `cargo xtask bench flash-sale` -->";
const FLASH_END: &str = "<!-- end of flash sale -->";
/// The hand-written section the flash sale goes before, the first time.
const FLASH_BEFORE: &str = "## About these figures";

/// `bench` runs the widget benchmark; `bench flash-sale` the flash sale.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("flash-sale") => flash_sale(&args[1..]),
        _ => widget(args),
    }
}

/// Builds the widget (in parts into `pkg/`, and as one module for
/// comparison), the server, and runs the browser benchmark, which writes
/// `BENCHMARKS.md`.
fn widget(args: &[String]) -> Result<(), String> {
    let runs: u32 = flag_value(args, "--runs", 15)?;
    setup::run(setup::Needs::all())?;
    let one_module = target_dir().join("bench").join("one-module");
    fs::create_dir_all(&one_module).map_err(|e| format!("cannot create {one_module:?}: {e}"))?;
    // One module first: the package's own build must be the last in `pkg/`'s
    // profile, so the parts' build is what `cargo xtask build` would leave.
    build::widget_in_one_module(&one_module)?;
    build::widget()?;
    let server = build::server("release")?;
    cmd::step("measuring in headless Chromium");
    cmd::run(
        command("node")
            .arg(setup::npm_dir().join("bench").join("first-card.mjs"))
            .env("ETALASE_SERVER_BIN", server)
            .env("ETALASE_CHROMIUM", CHROMIUM)
            .env("ETALASE_PKG_ONE", one_module)
            .env("ETALASE_RUNS", runs.to_string())
            .env("ETALASE_BENCHMARKS", root().join("BENCHMARKS.md")),
    )
}

/// Builds the server and the flash-sale program (release), starts a
/// durable throwaway PostgreSQL, runs the sale and writes its section of
/// `BENCHMARKS.md`.
fn flash_sale(args: &[String]) -> Result<(), String> {
    let buyers: u32 = flag_value(args, "--buyers", 2_000)?;
    let units: u32 = flag_value(args, "--units", 100)?;
    if !(1..=10_000).contains(&buyers) || !(1..=buyers).contains(&units) {
        return Err("--buyers is 1 to 10000 and --units 1 to the buyers".into());
    }
    cmd::step("building the server and the flash sale (release)");
    // One build for both, so their dependencies are compiled once.
    cmd::run(command("cargo").args([
        "build",
        "--package",
        "etalase-server",
        "--profile",
        "release",
        "--bin",
        "etalase-server",
        "--example",
        "flash_sale",
    ]))?;
    let release = target_dir().join("release");
    let server = release.join("etalase-server");
    let cluster = Cluster::start_durable("bench")?;
    cmd::step(&format!("racing {buyers} buyers for {units} units"));
    let program = release.join("examples").join("flash_sale");
    let output = command(
        program
            .to_str()
            .ok_or("the target directory is not valid UTF-8")?,
    )
    .args([buyers.to_string(), units.to_string()])
    .env("ETALASE_SERVER_BIN", server)
    .env("ETALASE_POSTGRES_URL", &cluster.url)
    .stderr(std::process::Stdio::inherit())
    .output()
    .map_err(|e| format!("cannot run the flash sale: {e}"))?;
    drop(cluster);
    if !output.status.success() {
        return Err(format!("the flash sale failed ({})", output.status));
    }
    let section = String::from_utf8_lossy(&output.stdout);
    eprintln!("{section}");
    let path = root().join("BENCHMARKS.md");
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
    fs::write(&path, with_section(&text, section.trim_end()))
        .map_err(|e| format!("cannot write {path:?}: {e}"))
}

/// `text` with the flash-sale section between its markers replaced by
/// `section`, or added before [`FLASH_BEFORE`] (or at the end) the first
/// time.
fn with_section(text: &str, section: &str) -> String {
    let block = format!("{FLASH_START}\n\n{section}\n\n{FLASH_END}");
    if let (Some(start), Some(end)) = (text.find(FLASH_START), text.find(FLASH_END)) {
        if start < end {
            return format!(
                "{}{block}{}",
                &text[..start],
                &text[end + FLASH_END.len()..]
            );
        }
    }
    match text.find(FLASH_BEFORE) {
        Some(at) => format!("{}{block}\n\n{}", &text[..at], &text[at..]),
        None => format!("{}\n\n{block}\n", text.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flash_sale_section_goes_before_the_notes_then_is_replaced() {
        let first = with_section("# B\n\n## About these figures\nx\n", "## Flash sale\n1");
        assert_eq!(
            first,
            format!("# B\n\n{FLASH_START}\n\n## Flash sale\n1\n\n{FLASH_END}\n\n## About these figures\nx\n")
        );
        let second = with_section(&first, "## Flash sale\n2");
        assert_eq!(second, first.replace("Flash sale\n1", "Flash sale\n2"));
    }
}
