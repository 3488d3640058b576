//! What the benchmarks share: starting the server binary, included by each
//! with `#[path = "support/mod.rs"] mod support;`.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::time::timeout;

/// A rate limit no run reaches: the limiter still runs, it only never
/// refuses.
const NO_LIMIT: &str = "4000000000";
/// How long the server may take to start.
const START_DEADLINE: Duration = Duration::from_secs(30);

/// Starts the server binary `server` on database `url`, in demo mode with
/// host key `key` and the rate limits out of the way, serving the site
/// from `dir`, with `settings` (environment variables) on top; answers the
/// process (killed when dropped) and its address.
pub async fn start(
    server: &str,
    url: &str,
    dir: &Path,
    key: &str,
    settings: &[(&str, String)],
) -> (Child, SocketAddr) {
    let mut child = Command::new(server)
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", url)
        .env("ETALASE_WWW_DIR", dir)
        .env("ETALASE_PKG_DIR", dir)
        .env("ETALASE_DEMO", "1")
        .env("ETALASE_DEMO_HOST_KEY", key)
        .env("ETALASE_RATE_LIMIT_PER_MINUTE", NO_LIMIT)
        .env("ETALASE_RATE_LIMIT_PER_IP_PER_MINUTE", NO_LIMIT)
        .env("RUST_LOG", "warn")
        .envs(settings.iter().map(|(name, value)| (name, value)))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = timeout(START_DEADLINE, stdout.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let addr = line
        .strip_prefix("etalase-server listening on http://")
        .unwrap()
        .parse()
        .unwrap();
    (child, addr)
}
