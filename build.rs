//! Writes the embedded default dataset in the page's transfer form (`glabella_core::data::transfer`),
//! so the page reads it without linking a CSV parser. Its comment lines are left out: the page
//! shows only the dataset's version (the comments are in `data/default.csv`).

fn main() {
    println!("cargo:rerun-if-changed=data/default.csv");
    let mut dataset = glabella_core::data::default_dataset();
    dataset.provenance.comments.clear();
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let text = glabella_core::data::transfer::encode(&dataset);
    std::fs::write(format!("{out}/default.transfer"), text).expect("OUT_DIR is writable");
}
