//! What the command's integration tests share: running the built `glabella` from the project's
//! root folder, as a user does.

use std::process::{Command, Output};

/// Runs `glabella` with these arguments and returns what it wrote and its exit status.
pub fn glabella(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glabella"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the binary runs")
}

/// Its standard output, after checking that it succeeded.
#[allow(dead_code)] // Not every test file reads standard output as text.
pub fn stdout(args: &[&str]) -> String {
    let output = glabella(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Its standard output as JSON, after checking that it succeeded.
#[allow(dead_code)] // Not every test file reads JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).expect("stdout is JSON")
}
