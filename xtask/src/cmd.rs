//! Running commands: announced, streamed to the terminal, and optionally captured.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    // `cargo run` names the manifest's folder at run time too: a build of
    // xtask reused from a target directory that another checkout shares
    // (CI's cache) still works on this checkout, not the one it was built in.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest
        .parent()
        .map_or_else(|| manifest.clone(), Path::to_path_buf)
}

/// Cargo's target directory: `CARGO_TARGET_DIR` or `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// Cargo's home: `CARGO_HOME` or `~/.cargo`.
pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
}

/// The steps announced so far, each with the moment it started.
static STEPS: Mutex<Vec<(String, Instant)>> = Mutex::new(Vec::new());

/// Prints a step heading, so the log reads as a list of what was done, and
/// notes when it started for [`step_times`].
pub fn step(message: &str) {
    eprintln!("\n\x1b[1m==> {message}\x1b[0m");
    if let Ok(mut steps) = STEPS.lock() {
        steps.push((message.to_owned(), Instant::now()));
    }
}

/// How long each step announced so far took: until the next one started,
/// the last until now.
pub fn step_times() -> Vec<(String, Duration)> {
    let now = Instant::now();
    let Ok(steps) = STEPS.lock() else {
        return Vec::new();
    };
    let ends = steps.iter().skip(1).map(|(_, start)| *start).chain([now]);
    steps
        .iter()
        .zip(ends)
        .map(|((name, start), end)| (name.clone(), end - *start))
        .collect()
}

/// Prints [`step_times`] as a table, longest first, with the total.
pub fn report_step_times() {
    let mut times = step_times();
    let total: Duration = times.iter().map(|(_, time)| *time).sum();
    times.sort_by_key(|(_, time)| std::cmp::Reverse(*time));
    eprintln!("\nstep times (total {}):", minutes(total));
    for (name, time) in times {
        eprintln!("  {:>9}  {name}", minutes(time));
    }
}

/// `m:ss` for a duration.
pub fn minutes(time: Duration) -> String {
    let seconds = time.as_secs();
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A `Command` for `program`, run from the workspace root.
pub fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root());
    command
}

/// Runs `command` with inherited output; an error when it fails.
pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = describe(command);
    eprintln!("$ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The outcome of a command whose output was streamed and captured.
pub struct Captured {
    /// Whether it exited with status 0.
    pub success: bool,
    /// Its stdout and stderr, interleaved by line.
    pub output: String,
}

/// Runs `command`, streaming its output to stderr while capturing it.
pub fn run_captured(command: &mut Command) -> Result<Captured, String> {
    let shown = describe(command);
    eprintln!("$ {shown}");
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let readers = [
        child.stdout.take().map(|s| tee(Box::new(s))),
        child.stderr.take().map(|s| tee(Box::new(s))),
    ];
    let status = child
        .wait()
        .map_err(|e| format!("`{shown}` did not finish: {e}"))?;
    let mut output = String::new();
    for reader in readers.into_iter().flatten() {
        output.push_str(&reader.join().unwrap_or_default());
    }
    Ok(Captured {
        success: status.success(),
        output,
    })
}

/// Copies `stream` line by line to stderr on a thread and returns what it read.
fn tee(stream: Box<dyn Read + Send>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut seen = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            eprintln!("{line}");
            seen.push_str(&line);
            seen.push('\n');
        }
        seen
    })
}

/// Whether `program` answers `--version` (that is, is installed and runs).
pub fn version_of(program: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// `command` as a shell-like line, for logs and errors.
fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}
