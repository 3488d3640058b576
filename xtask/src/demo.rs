//! `cargo xtask demo`: the whole system on one machine, one command.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::cmd::{root, target_dir};
use crate::{build, flag_value, setup};

/// Builds everything, starts the server on the embedded SQLite store and
/// prints the demo page's URL; runs until interrupted.
pub fn run(args: &[String]) -> Result<(), String> {
    let port: u16 = flag_value(args, "--port", 8080)?;
    setup::run(setup::Needs::build())?;
    build::widget()?;
    let server = build::server("release")?;
    let data = target_dir().join("demo");
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;

    let mut child = Command::new(&server)
        .current_dir(root())
        .env("ETALASE_ADDR", format!("127.0.0.1:{port}"))
        .env("ETALASE_DEMO", "1")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", data.join("etalase.db").display()),
        )
        .env("ETALASE_WWW_DIR", root().join("www"))
        .env("ETALASE_PKG_DIR", root().join("pkg"))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", server.display()))?;

    let stdout = child.stdout.take().ok_or("the server has no stdout")?;
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    match lines.find_map(|line| line.split_once("listening on ").map(|(_, url)| url.to_string())) {
        Some(url) => eprintln!(
            "\n\x1b[1mEtalase demo: {url}/\x1b[0m\n(open it in a browser; Ctrl+C stops the server)\n"
        ),
        None => {
            let status = child.wait().map_err(|e| e.to_string())?;
            return Err(format!("the server stopped before listening ({status})"));
        }
    }
    // Keep draining the server's output so it never blocks on a full pipe.
    for line in lines {
        eprintln!("{line}");
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server stopped ({status})"))
    }
}
