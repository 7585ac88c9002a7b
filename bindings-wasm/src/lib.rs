//! WebAssembly bindings for nidan: filled in by the npm package issue.
