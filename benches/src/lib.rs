//! Benchmarks of nidan beside its peers; the code lives in `benches/` and
//! `tests/` of this crate, the results and how to reproduce them in its
//! README.
