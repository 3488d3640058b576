//! `cargo xtask bench`: the widget's size and its time to first product card.

use crate::cmd::{self, command, root, target_dir};
use crate::setup::{self, CHROMIUM};
use crate::{build, flag_value};

/// Builds the widget (with opt-level "z" into `pkg/`, and with "s" for
/// comparison), the server, and runs the browser benchmark, which writes
/// `BENCHMARKS.md`.
pub fn run(args: &[String]) -> Result<(), String> {
    let runs: u32 = flag_value(args, "--runs", 15)?;
    setup::run(setup::Needs::all())?;
    build::widget()?;
    let size_s = target_dir().join("bench").join("opt-level-s");
    build::widget_with("wasm-release-s", &size_s)?;
    let server = build::server("release")?;
    cmd::step("measuring in headless Chromium");
    cmd::run(
        command("node")
            .arg(setup::npm_dir().join("bench").join("first-card.mjs"))
            .env("ETALASE_SERVER_BIN", server)
            .env("ETALASE_CHROMIUM", CHROMIUM)
            .env("ETALASE_PKG_S", size_s)
            .env("ETALASE_RUNS", runs.to_string())
            .env("ETALASE_BENCHMARKS", root().join("BENCHMARKS.md")),
    )
}
