//! Schemathesis against the running server's own `GET /openapi.json`: a
//! bounded number of generated requests per operation, none answered with a
//! 5xx or with a body that breaks the published schema.
//!
//! Schemathesis comes from PyPI at [`SCHEMATHESIS_VERSION`], in a virtual
//! environment under the target directory. See
//! docs/decisions/0042-schemathesis.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::cmd::{self, command, target_dir};

/// The schemathesis release installed from PyPI.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// Generated cases per API operation and token, at most.
pub const MAX_EXAMPLES: u32 = 20;
/// The demo host's key for the server this module starts.
const HOST_KEY: &str = "schemathesis-host-key";

/// The virtual environment schemathesis lives in.
fn venv() -> PathBuf {
    target_dir().join("schemathesis-venv")
}

/// The `st` command of the virtual environment.
fn st() -> PathBuf {
    venv().join("bin").join("st")
}

/// Installs schemathesis into its virtual environment unless that version is
/// there already.
pub fn install() -> Result<(), String> {
    let wanted = format!("st, version {SCHEMATHESIS_VERSION}");
    let installed = Command::new(st())
        .arg("--version")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    if installed.as_deref() == Some(wanted.as_str()) {
        eprintln!("ok: schemathesis {SCHEMATHESIS_VERSION}");
        return Ok(());
    }
    cmd::step(&format!(
        "installing schemathesis {SCHEMATHESIS_VERSION} from PyPI into {}",
        venv().display()
    ));
    cmd::run(command("python3").args(["-m", "venv"]).arg(venv()))?;
    cmd::run(
        Command::new(venv().join("bin").join("pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}")),
    )
}

/// A server started for the run, stopped (by its own process id) on drop.
struct Server {
    child: Child,
    addr: SocketAddr,
    _dir: TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A scratch folder under the target directory, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts `server` in demo mode on a fresh database and a free loopback
/// port, with rate limits no generated run reaches.
fn start(server: &Path) -> Result<Server, String> {
    let dir = target_dir().join("schemathesis-run");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut child = Command::new(server)
        .env("ETALASE_ADDR", "127.0.0.1:0")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("etalase.db").display()),
        )
        .env("ETALASE_WWW_DIR", &dir)
        .env("ETALASE_PKG_DIR", &dir)
        .env("ETALASE_DEMO", "1")
        .env("ETALASE_DEMO_HOST_KEY", HOST_KEY)
        .env("ETALASE_RATE_LIMIT_PER_MINUTE", "1000000")
        .env("ETALASE_RATE_LIMIT_PER_IP_PER_MINUTE", "1000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", server.display()))?;
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| format!("the server announced nothing: {e}"))?;
    }
    let addr = line
        .trim()
        .strip_prefix("etalase-server listening on http://")
        .and_then(|addr| addr.parse().ok());
    match addr {
        Some(addr) => Ok(Server {
            child,
            addr,
            _dir: TempDir(dir),
        }),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!("unexpected first line from the server: {line:?}"))
        }
    }
}

/// Mints a token for `user_id` with `role` from the demo host, over plain
/// HTTP/1.1 on loopback.
fn mint(addr: SocketAddr, user_id: &str, role: &str) -> Result<String, String> {
    let body = format!("{{\"user_id\":\"{user_id}\",\"role\":\"{role}\"}}");
    let request = format!(
        "POST /v1/host/sessions HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {HOST_KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream =
        TcpStream::connect(addr).map_err(|e| format!("cannot reach the server: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("cannot mint a token: {e}"))?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| format!("cannot mint a token: {e}"))?;
    token_of(&answer).ok_or_else(|| format!("no token in the answer: {answer}"))
}

/// How many cases a run generated, from its summary (`1351 generated, …`).
pub fn generated(output: &str) -> Option<u64> {
    output.lines().find_map(|line| {
        let (count, rest) = line.trim().split_once(' ')?;
        rest.starts_with("generated").then(|| count.parse().ok())?
    })
}

/// The `"token"` of a session answer.
fn token_of(answer: &str) -> Option<String> {
    let rest = answer.split("\"token\":\"").nth(1)?;
    rest.split('"').next().map(str::to_owned)
}

/// The schemathesis runs: one as a shopper over every operation, one as a
/// creator over the creators' operations. Each is a command to run as one
/// check; the server stays up while the returned guard lives.
pub fn runs(server: &Path) -> Result<(impl Drop, Vec<(String, Command)>), String> {
    let server = start(server)?;
    let schema = format!("http://{}/openapi.json", server.addr);
    let shopper = mint(server.addr, "schemathesis-shopper", "shopper")?;
    let creator = mint(server.addr, "crt-raka-gaya", "creator")?;
    let reports = target_dir().join("schemathesis");
    std::fs::create_dir_all(&reports)
        .map_err(|e| format!("cannot create {}: {e}", reports.display()))?;
    let run = |token: &str, only: &str, report: &str| {
        let mut st = Command::new(st());
        // Its scratch files (`.hypothesis/`) go beside the reports.
        st.current_dir(&reports)
            .arg("run")
            .arg(&schema)
            .args(["--checks", "not_a_server_error,response_schema_conformance"])
            .args(["--max-examples", &MAX_EXAMPLES.to_string()])
            .args(["--phases", "examples,coverage,fuzzing"])
            .args(["--seed", "9"])
            // One worker: with two, CPython 3.11 now and then breaks
            // compiling Schemathesis's generated code in both threads at once
            // ("AST constructor recursion depth mismatch"), a runtime error of
            // the tool that would fail the run with no fault of the API.
            .args(["--workers", "1"])
            .args(["--generation-database", "none"])
            .args(["--request-timeout", "20"])
            .arg("--no-color")
            .arg("--header")
            .arg(format!("Authorization: Bearer {token}"))
            .arg("--report")
            .arg("junit")
            .arg("--report-junit-path")
            .arg(reports.join(report));
        st.args(["--include-path-regex", only])
            // The live feed streams until its token expires: its schema is
            // checked by the server's own tests (tests/api/live.rs).
            .args(["--exclude-path-regex", "/events$"]);
        st
    };
    let runs = vec![
        (
            format!("schemathesis as a shopper, every operation (≤ {MAX_EXAMPLES} cases each)"),
            run(&shopper, ".", "shopper.xml"),
        ),
        (
            format!("schemathesis as a creator, creator operations (≤ {MAX_EXAMPLES} cases each)"),
            run(&creator, "^/v1/(creator/|products$)", "creator.xml"),
        ),
    ];
    Ok((server, runs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_token_of_a_session_answer() {
        let answer = "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\n\r\n\
                      {\"token\":\"etl_abc\",\"expires_at\":\"2026-01-01T00:00:00.000Z\"}";
        assert_eq!(token_of(answer).as_deref(), Some("etl_abc"));
        assert_eq!(token_of("HTTP/1.1 401\r\n\r\n{}"), None);
    }

    #[test]
    fn reads_how_many_cases_a_run_generated() {
        let summary = "Test cases:\n  1351 generated, 1351 passed\n\nSeed: 9\n";
        assert_eq!(generated(summary), Some(1351));
        assert_eq!(generated("nothing here"), None);
    }
}
