//! The `etalase-server` binary: reads its configuration from the environment
//! (see [`etalase_server::config`]), logs to stderr, and runs the server.
//!
//! `etalase-server add-host ID ORIGIN…` instead registers a host (the app
//! that embeds the widget) with the origins its pages are served from, and
//! prints its new API key on stdout, once, and the next step on stderr; it
//! reads only `DATABASE_URL`. A running server allows the new origins within
//! one sweep interval.

use std::error::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

use etalase_server::config::{database_url_from_env, Config, DEFAULT_LOG_FILTER};
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some((command, rest)) = args.split_first() {
        return match (command.as_str(), rest) {
            ("add-host", [id, origins @ ..]) => add_host(id, origins).await,
            _ => {
                tracing::error!("usage: etalase-server [add-host ID ORIGIN…]");
                ExitCode::from(2)
            }
        };
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => return failure(&error),
    };
    match etalase_server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => failure(&error),
    }
}

/// `add-host ID ORIGIN…`: registers the host in the database of
/// `DATABASE_URL` (no other setting is read), prints its key on stdout and
/// the next step on stderr.
async fn add_host(id: &str, origins: &[String]) -> ExitCode {
    let database_url = match database_url_from_env() {
        Ok(url) => url,
        Err(error) => return failure(&error),
    };
    match etalase_server::add_host(database_url.expose_secret(), id, origins).await {
        Ok(key) => {
            #[allow(clippy::print_stdout, reason = "the key is the command's output")]
            {
                println!("{key}");
            }
            let api = std::env::var("ETALASE_ADDR")
                .ok()
                .filter(|addr| !addr.is_empty())
                .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
            eprintln!(
                "Host {id:?} is registered for {origins}. Its API key (above) is shown only \
                 this once: keep it on the host's back-end, never in a page.\n\
                 Next: the host's back-end mints a shopper token with it, server to server, \
                 and hands the token to the page's mount({{ token }}):\n  \
                 curl -X POST http://{api}/v1/host/sessions -H 'Authorization: Bearer <the key>' \
                 -H 'Content-Type: application/json' -d '{{\"user_id\":\"viewer-1\",\"role\":\"shopper\"}}'\n\
                 A running server allows the new origins within ETALASE_SWEEP_INTERVAL_SECS \
                 (30 s unless set); docs/embedding.md has the rest.",
                origins = origins.join(", "),
            );
            ExitCode::SUCCESS
        }
        Err(error) => failure(&error),
    }
}

/// Logs why the server could not run, with every cause, and fails.
fn failure(error: &(dyn Error + 'static)) -> ExitCode {
    tracing::error!(error, "etalase-server failed");
    ExitCode::FAILURE
}
