//! `reqwest::Url` for the fuzz targets: the url crate's `Url`, which reqwest re-exports.
pub use url::Url;
