//! The `etalase-server` binary: reads its configuration from the environment
//! (see [`etalase_server::config`]), logs to stderr, and runs the server.
//!
//! `etalase-server add-host ID ORIGIN…` instead registers a host (the app
//! that embeds the widget) with the origins its pages are served from, and
//! prints its new API key on stdout, once. A running server allows the new
//! origins within one sweep interval.

use std::error::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

use etalase_server::config::{Config, DEFAULT_LOG_FILTER};
use secrecy::ExposeSecret;
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some((command, rest)) = args.split_first() {
        return match (command.as_str(), rest) {
            ("add-host", [id, origins @ ..]) => {
                match etalase_server::add_host(config.database_url.expose_secret(), id, origins)
                    .await
                {
                    Ok(key) => {
                        #[allow(clippy::print_stdout, reason = "the key is the command's output")]
                        {
                            println!("{key}");
                        }
                        ExitCode::SUCCESS
                    }
                    Err(error) => failure(&error),
                }
            }
            _ => {
                tracing::error!("usage: etalase-server [add-host ID ORIGIN…]");
                ExitCode::from(2)
            }
        };
    }
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
