//! `cargo xtask`: the project's own automation, in Rust (its dependencies: the
//! two compressors of the widget's package files).
//!
//! | command | what it does |
//! | --- | --- |
//! | `cargo xtask setup` | installs what the project needs, skipping what is there |
//! | `cargo xtask build` | builds the widget's wasm and generates `pkg/` |
//! | `cargo xtask demo [--port N]` | builds, starts the server on SQLite, prints the demo URL |
//! | `cargo xtask test` | every check and test; ends with `N passed, N failed` and each step's time |
//! | `cargo xtask test --fresh` | the same in a clean clone with empty Cargo, npm and pip caches and target, as on a fresh machine |
//! | `cargo xtask bench` | bundle size and time to first product card → `BENCHMARKS.md` |
//! | `cargo xtask bench flash-sale [--buyers N] [--units K]` | a flash sale on 2 instances on PostgreSQL and 1 on SQLite, against the database floor → `BENCHMARKS.md` |
//! | `cargo xtask bench regions [--rounds N]` | region search p50/p99 on loopback, SQLite and PostgreSQL → `BENCHMARKS.md` |
//! | `cargo xtask bench size` | the widget in parts against one module, raw and `gzip -9`, printed |
//! | `cargo xtask picture` | the README picture from the demo as it is now → `docs/demo.png` |
//! | `cargo xtask regions <wilayah.sql> <wilayah_kodepos.sql>` | the server's region list made again from its source (decision 0059) |

mod bench;
mod build;
mod cmd;
mod demo;
mod fresh;
mod minify;
mod package;
mod picture;
mod postgres;
mod regions;
mod schema;
mod setup;
mod supply_chain;
mod test;

use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask <setup | build | demo [--port N] | test [--fresh] | bench [--runs N] | bench flash-sale [--buyers N] [--units K] | bench regions [--rounds N] | bench size | picture>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(setup::Needs::all()),
        Some("build") => setup::run(setup::Needs::build()).and_then(|()| build::widget()),
        Some("demo") => demo::run(&args[1..]),
        Some("test") if args.get(1).is_some_and(|a| a == "--fresh") => fresh::run(),
        Some("test") => test::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("picture") => picture::run(),
        Some("regions") => regions::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The value following `flag` in `args`, parsed, or `default` when absent.
fn flag_value<T: std::str::FromStr>(args: &[String], flag: &str, default: T) -> Result<T, String> {
    match args.iter().position(|a| a == flag) {
        None => Ok(default),
        Some(index) => args
            .get(index + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}")),
    }
}
