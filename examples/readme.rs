//! The repository README's Rust examples, compiled and run as doctests
//! (`cargo test -p nidan-examples --doc`).

/// The repository README.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
