//! napi glue for the hookseal npm package (placeholder until the Node binding lands).
