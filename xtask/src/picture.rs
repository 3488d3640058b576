//! `cargo xtask picture`: the README picture, `docs/demo.png`, taken from
//! the demo as it is now, so it cannot go stale.

use crate::build;
use crate::cmd::{self, command, root};
use crate::setup::{self, CHROMIUM};

/// Builds the widget and the server, then runs `tests/picture.mjs`, which
/// starts the demo and writes the feed, a product sheet and the cart of two
/// shops, side by side at the phone viewport, into `docs/demo.png`.
pub fn run() -> Result<(), String> {
    setup::run(setup::Needs::browser())?;
    build::widget()?;
    let server = build::server("dev")?;
    cmd::step("taking the README picture in headless Chromium");
    cmd::run(
        command("node")
            .arg(setup::npm_dir().join("picture.mjs"))
            .arg(root().join("docs").join("demo.png"))
            .env("ETALASE_SERVER_BIN", server)
            .env("ETALASE_CHROMIUM", CHROMIUM),
    )
}
