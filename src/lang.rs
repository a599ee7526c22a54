//! The page's language, fixed when it is built: `cargo build --features ru` makes the Russian
//! page (Trunk builds `dist/` in English and `dist/ru/` in Russian). Every message and number
//! goes through [`LANG`], so the other language's strings are not in the wasm.

pub use glabella_core::i18n::Lang;

#[cfg(not(feature = "ru"))]
pub const LANG: Lang = Lang::En;
#[cfg(feature = "ru")]
pub const LANG: Lang = Lang::Ru;
