//! Rebuilds the server when a migration changes: `sqlx::migrate!` embeds the
//! `migrations/` directory at compile time.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
