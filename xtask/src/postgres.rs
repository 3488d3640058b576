//! A throwaway PostgreSQL server for the tests and the flash-sale benchmark.
//!
//! Debian's `postgresql` package is installed when `initdb` is missing; the
//! server runs from a cluster made with `initdb` in a temporary directory,
//! listening on a free loopback port, started and stopped with `pg_ctl`,
//! so no system service is needed. PostgreSQL refuses to run as root, so
//! as root the cluster belongs to, and runs as, the `postgres` user the
//! package creates. Dropping a [`Cluster`] stops it and removes its files.

use crate::cmd::{self, command};
use crate::setup::is_root;
use std::net::TcpListener;
use std::path::{Path, PathBuf};

/// Where Debian installs each PostgreSQL version's programs.
const DEBIAN_BINARIES: &str = "/usr/lib/postgresql";
/// The account that runs the cluster when xtask runs as root.
const SERVICE_USER: &str = "postgres";

/// Whether a cluster's commits reach the disk before they are acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Durability {
    /// PostgreSQL's defaults: `fsync` on, `synchronous_commit` on.
    Full,
    /// `fsync` off: a crash may lose the cluster, which tests throw away.
    Off,
}

/// A running PostgreSQL server of its own, on a free port.
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    run_as: Option<&'static str>,
    /// The URL of its `postgres` database, as the superuser `postgres`.
    pub url: String,
}

impl Cluster {
    /// Installs PostgreSQL if needed, then creates and starts a cluster for
    /// tests in a new temporary directory named after `purpose`, with
    /// `fsync` off to spare the shared disk.
    pub fn start(purpose: &str) -> Result<Cluster, String> {
        Self::start_with(purpose, Durability::Off)
    }

    /// The same with PostgreSQL's durable defaults, as a production server
    /// runs, for benchmarks.
    pub fn start_durable(purpose: &str) -> Result<Cluster, String> {
        Self::start_with(purpose, Durability::Full)
    }

    fn start_with(purpose: &str, durability: Durability) -> Result<Cluster, String> {
        let bin = binaries()?;
        let run_as = is_root().then_some(SERVICE_USER);
        let dir = std::env::temp_dir().join(format!("etalase-pg-{purpose}-{}", std::process::id()));
        // A directory left by an earlier run with the same process id.
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {dir:?}: {e}"))?;
        let mut cluster = Cluster {
            dir,
            bin,
            run_as,
            url: String::new(),
        };
        if let Some(user) = run_as {
            cmd::run(command("chown").args([&format!("{user}:"), path_text(&cluster.dir)?]))?;
        }
        let data = cluster.dir.join("data");
        cmd::step(&format!(
            "starting a throwaway PostgreSQL in {:?}",
            cluster.dir
        ));
        cluster.run(
            "initdb",
            &[
                "--pgdata",
                path_text(&data)?,
                "--username",
                "postgres",
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        )?;
        let port = free_port()?;
        let mut options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300",
            path_text(&cluster.dir)?
        );
        if durability == Durability::Off {
            options.push_str(" -c fsync=off -c full_page_writes=off");
        }
        let log = cluster.dir.join("server.log");
        cluster.run(
            "pg_ctl",
            &[
                "--pgdata",
                path_text(&data)?,
                "--log",
                path_text(&log)?,
                "--options",
                &options,
                "--wait",
                "start",
            ],
        )?;
        cluster.url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        Ok(cluster)
    }

    /// Runs PostgreSQL's program `program` with `args`, as the cluster's owner.
    fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let program = self.bin.join(program);
        let mut command = match self.run_as {
            Some(user) => {
                let mut runuser = command("runuser");
                runuser.args(["-u", user, "--"]).arg(program);
                runuser
            }
            None => command(path_text(&program)?),
        };
        command.current_dir(&self.dir);
        cmd::run(command.args(args))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Ok(data) = path_text(&self.dir.join("data")) {
            let stopped = self.run("pg_ctl", &["--pgdata", data, "--mode", "fast", "stop"]);
            if let Err(message) = stopped {
                eprintln!("{message}");
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The folder of `initdb` and `pg_ctl`: Debian's newest installed version,
/// installing the `postgresql` package first when there is none.
fn binaries() -> Result<PathBuf, String> {
    if let Some(bin) = newest_installed() {
        eprintln!("ok: PostgreSQL in {bin:?}");
        return Ok(bin);
    }
    if !is_root() {
        return Err(
            "the PostgreSQL tests need Debian's postgresql; install it as root:\n    \
             sudo apt-get update && sudo apt-get install -y postgresql"
                .into(),
        );
    }
    cmd::step("installing PostgreSQL with apt");
    cmd::run(command("apt-get").args(["update", "-q"]))?;
    cmd::run(
        command("apt-get")
            .args([
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "postgresql",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    newest_installed().ok_or_else(|| format!("no initdb under {DEBIAN_BINARIES} after install"))
}

/// `/usr/lib/postgresql/<newest version>/bin`, when it has `initdb`.
fn newest_installed() -> Option<PathBuf> {
    let versions = std::fs::read_dir(DEBIAN_BINARIES).ok()?;
    versions
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin)
}

/// A loopback port nothing listens on now.
fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}

fn path_text(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("{path:?} is not valid UTF-8"))
}
