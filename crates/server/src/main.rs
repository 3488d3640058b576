//! The `etalase-server` binary: reads its configuration from the environment
//! (see [`etalase_server::config`]), logs to stderr, and runs the server.

use std::error::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

use etalase_server::config::{Config, DEFAULT_LOG_FILTER};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    // stdout is reserved for the line announcing the address.
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => return failure(&error),
    };
    match etalase_server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => failure(&error),
    }
}

/// Logs why the server could not run, with every cause, and fails.
fn failure(error: &(dyn Error + 'static)) -> ExitCode {
    tracing::error!(error, "etalase-server failed");
    ExitCode::FAILURE
}
