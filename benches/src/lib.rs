//! Benchmarks of nidan beside its peers: filled in by the benchmark issue.
