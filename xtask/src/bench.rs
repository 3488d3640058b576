//! `cargo xtask bench`: the widget's size and its time to first product
//! card; `cargo xtask bench flash-sale`: checkouts of a flash sale on
//! PostgreSQL and SQLite against the database's floor; `cargo xtask bench
//! regions`: the region search's latency on both stores; `cargo xtask bench
//! size`: the widget's files in parts against one module's, without a browser.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{self, command, root, target_dir};
use crate::postgres::Cluster;
use crate::setup::{self, CHROMIUM};
use crate::{build, flag_value, package};

/// A section of `BENCHMARKS.md` a command writes: its markers, and the
/// hand-written section it goes before the first time.
struct Section {
    start: &'static str,
    end: &'static str,
    before: &'static str,
}

/// The flash sale's section.
const FLASH: Section = Section {
    start: "<!-- flash sale: written by `cargo xtask bench flash-sale` -->",
    end: "<!-- end of flash sale -->",
    before: "## About these figures",
};
/// The region search's section.
const REGIONS: Section = Section {
    start: "<!-- region search: written by `cargo xtask bench regions` -->",
    end: "<!-- end of region search -->",
    before: "## About these figures",
};

/// `bench` runs the widget benchmark; `bench flash-sale` the flash sale;
/// `bench regions` the region search; `bench size` the parts' sizes
/// against one module's.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("flash-sale") => flash_sale(&args[1..]),
        Some("regions") => regions(&args[1..]),
        Some("size") => sizes(),
        _ => widget(args),
    }
}

/// Builds the widget (in parts into `pkg/`, and as one module for
/// comparison), the server, and runs the browser benchmark, which writes
/// `BENCHMARKS.md`.
fn widget(args: &[String]) -> Result<(), String> {
    let runs: u32 = flag_value(args, "--runs", 15)?;
    setup::run(setup::Needs::all())?;
    let (one_module, _) = both_builds()?;
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

/// Builds the widget as one module (into the target directory's
/// `bench/one-module`, returned) and in parts (into `pkg/`, the later
/// parts' names returned).
fn both_builds() -> Result<(PathBuf, Vec<String>), String> {
    let one_module = target_dir().join("bench").join("one-module");
    fs::create_dir_all(&one_module).map_err(|e| format!("cannot create {one_module:?}: {e}"))?;
    build::widget_in_one_module(&one_module)?;
    let parts = build::widget_with(build::PROFILE, &root().join("pkg"))?;
    Ok((one_module, parts))
}

/// Builds the widget as one module and in parts from the same sources and
/// prints each file's size raw and by `gzip -9` side by side, wasm and JS
/// apart (decision 0007): what the split costs over all parts.
fn sizes() -> Result<(), String> {
    setup::run(setup::Needs::build())?;
    let (one_module, later) = both_builds()?;
    let pkg = root().join("pkg");
    let one = ["index.js", "etalase.js", "etalase_bg.wasm"].map(|name| one_module.join(name));
    let parts: Vec<PathBuf> = package::FIRST_PART
        .iter()
        .map(|name| pkg.join(name))
        .chain(later.iter().map(|name| pkg.join(name)))
        .collect();
    eprintln!("| build | file | raw | gzip -9 |\n| --- | --- | ---: | ---: |");
    let mut totals = Vec::new();
    for (build, files) in [("one module", &one[..]), ("parts", &parts[..])] {
        let (mut wasm, mut js) = ((0, 0), (0, 0));
        for path in files {
            let (raw, gzip) = (file_size(path)?, gzip_size(path)?);
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            eprintln!("| {build} | `{name}` | {raw} | {gzip} |");
            let sum = if name.ends_with(".wasm") {
                &mut wasm
            } else {
                &mut js
            };
            *sum = (sum.0 + raw, sum.1 + gzip);
        }
        eprintln!("| **{build}, wasm** | | **{}** | **{}** |", wasm.0, wasm.1);
        eprintln!("| **{build}, JS** | | **{}** | **{}** |", js.0, js.1);
        totals.push(wasm.1 + js.1);
    }
    if let [one, parts] = totals[..] {
        let more = (parts as f64 / one as f64 - 1.0) * 100.0;
        eprintln!("\nall parts {parts} B gzip -9, one module {one} B: {more:+.1} %");
    }
    // The one module's functions in the parts' order too: the split's own
    // cost, apart from what the order gains either way.
    let wasm = one_module.join("etalase_bg.wasm");
    let compacted = target_dir().join("bench").join("one-module-compacted.wasm");
    let bytes = fs::read(&wasm).map_err(|e| format!("cannot read {wasm:?}: {e}"))?;
    fs::write(&compacted, package::compact(&bytes)?)
        .map_err(|e| format!("cannot write {compacted:?}: {e}"))?;
    eprintln!(
        "the one module's wasm in the parts' order of functions: {} B raw, {} B gzip -9",
        file_size(&compacted)?,
        gzip_size(&compacted)?
    );
    Ok(())
}

/// The size of the file at `path` in bytes.
fn file_size(path: &Path) -> Result<u64, String> {
    fs::metadata(path)
        .map(|meta| meta.len())
        .map_err(|e| format!("cannot read {path:?}: {e}"))
}

/// The size of the file at `path` compressed by the `gzip -9` command,
/// the measure of the bench's tables.
fn gzip_size(path: &Path) -> Result<u64, String> {
    let output = command("gzip")
        .args(["-9", "-c", "-n"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if !output.status.success() {
        return Err(format!("gzip failed on {path:?}"));
    }
    Ok(output.stdout.len() as u64)
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
    write_section(&FLASH, section.trim_end())
}

/// Builds the server and the region-search program (release), measures
/// the search on a new SQLite file and on a new database of a durable
/// throwaway PostgreSQL, and writes its section of `BENCHMARKS.md`.
fn regions(args: &[String]) -> Result<(), String> {
    let rounds: u32 = flag_value(args, "--rounds", 20)?;
    if !(1..=1_000).contains(&rounds) {
        return Err("--rounds is 1 to 1000".into());
    }
    cmd::step("building the server and the region search (release)");
    cmd::run(command("cargo").args([
        "build",
        "--package",
        "etalase-server",
        "--profile",
        "release",
        "--bin",
        "etalase-server",
        "--example",
        "region_search",
    ]))?;
    let release = target_dir().join("release");
    let server = release.join("etalase-server");
    let program = release.join("examples").join("region_search");
    let program = program
        .to_str()
        .ok_or("the target directory is not valid UTF-8")?;
    let measure = |store: &str, url: Option<&str>| -> Result<String, String> {
        cmd::step(&format!("searching regions on {store}"));
        let mut search = command(program);
        search
            .env("ETALASE_SERVER_BIN", &server)
            .arg(url.unwrap_or("sqlite"))
            .arg(rounds.to_string())
            .stderr(std::process::Stdio::inherit());
        let output = search
            .output()
            .map_err(|e| format!("cannot run the region search: {e}"))?;
        if !output.status.success() {
            return Err(format!("the region search failed ({})", output.status));
        }
        Ok(format!(
            "| {store} {}",
            String::from_utf8_lossy(&output.stdout).trim()
        ))
    };
    let sqlite = measure("SQLite (WAL)", None)?;
    let cluster = Cluster::start_durable("regions")?;
    let postgres = measure("PostgreSQL 15", Some(&cluster.url));
    drop(cluster);
    let postgres = postgres?;
    let section = format!(
        "## Region search\n\n\
         `cargo xtask bench regions [--rounds {rounds}]` builds the server and \
         `crates/server/examples/region_search.rs` (release) and, on a new SQLite file and on a new \
         database of a throwaway PostgreSQL 15 with its durable defaults, starts the server, \
         timing its first start (migrations and the region list's load) and a second one, then \
         asks `GET /v1/regions?q=…` on one keep-alive loopback connection for 19 searches \
         (districts, cities with and without `kota`/`kab`, villages, several words, the \
         widest three-letter prefixes, and three with a word one letter off), one round to warm up, then {rounds} rounds, each \
         search timed from send to the whole answer read. Measured on {}, on the shared 2-core \
         machine.\n\n\
         | store | first start | second start | searches | p50 | p99 | slowest |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n\
         {sqlite}\n{postgres}",
        today()?,
    );
    write_section(&REGIONS, &section)
}

/// Today's date, `YYYY-MM-DD`, from `date`.
fn today() -> Result<String, String> {
    let output = command("date")
        .arg("+%Y-%m-%d")
        .output()
        .map_err(|e| format!("cannot run date: {e}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Prints `section` and writes it into `BENCHMARKS.md` as `markers` say.
fn write_section(markers: &Section, section: &str) -> Result<(), String> {
    eprintln!("{section}");
    let path = root().join("BENCHMARKS.md");
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
    fs::write(&path, with_section(&text, markers, section))
        .map_err(|e| format!("cannot write {path:?}: {e}"))
}

/// `text` with the section between `markers` replaced by `section`, or
/// added before `markers.before` (or at the end) the first time.
fn with_section(text: &str, markers: &Section, section: &str) -> String {
    let Section { start, end, before } = markers;
    let block = format!("{start}\n\n{section}\n\n{end}");
    if let (Some(at), Some(until)) = (text.find(start), text.find(end)) {
        if at < until {
            return format!("{}{block}{}", &text[..at], &text[until + end.len()..]);
        }
    }
    match text.find(before) {
        Some(at) => format!("{}{block}\n\n{}", &text[..at], &text[at..]),
        None => format!("{}\n\n{block}\n", text.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flash_sale_section_goes_before_the_notes_then_is_replaced() {
        let first = with_section(
            "# B\n\n## About these figures\nx\n",
            &FLASH,
            "## Flash sale\n1",
        );
        let (start, end) = (FLASH.start, FLASH.end);
        assert_eq!(
            first,
            format!("# B\n\n{start}\n\n## Flash sale\n1\n\n{end}\n\n## About these figures\nx\n")
        );
        let second = with_section(&first, &FLASH, "## Flash sale\n2");
        assert_eq!(second, first.replace("Flash sale\n1", "Flash sale\n2"));
        let both = with_section(&second, &REGIONS, "## Region search\n1");
        assert!(both.contains("## Flash sale\n2"));
        assert!(both.find(REGIONS.start) < both.find("## About these figures"));
    }
}
