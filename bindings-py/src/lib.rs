//! Python bindings for nidan: filled in by the Python package issue.
