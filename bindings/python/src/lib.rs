//! pyo3 glue for `hookseal._native` (placeholder until the Python binding lands).
