//! Custom hooks.

mod use_media_query;

pub use use_media_query::use_media_query;
