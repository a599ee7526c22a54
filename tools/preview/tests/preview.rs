//! The committed link-preview image is what the tool makes from the current sources, and it is
//! the size the page's Open Graph tags state (1200×630).

use std::path::Path;
use std::process::Command;

fn committed() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/preview.png");
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn the_preview_is_a_1200_by_630_png() {
    let png = committed();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let dimension = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((dimension(16), dimension(20)), (1200, 630));
}

#[test]
fn the_committed_preview_is_current() {
    let out = std::env::temp_dir().join(format!("glabella-preview-{}.png", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_glabella-preview"))
        .arg(&out)
        .status()
        .expect("the tool runs");
    assert!(status.success());
    let fresh = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert!(
        fresh == committed(),
        "static/preview.png is out of date: run `cargo run -p glabella-preview` and commit it"
    );
}

#[test]
fn the_card_has_the_title_the_chart_and_the_caveat() {
    let output = Command::new(env!("CARGO_BIN_EXE_glabella-preview"))
        .arg("--svg")
        .output()
        .expect("the tool runs");
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"")
    );
    assert!(svg.contains("Does Botox lift mood only where it stops a frown?"));
    assert!(svg.contains("Illustrative reconstruction"));
    assert!(
        svg.contains("Forest plot: reporting odds ratio"),
        "the page's chart"
    );
    assert!(!svg.contains("var(--"), "colours without the page's CSS");
}
