//! uniffi glue for the Kotlin and Swift packages (placeholder until the binding lands).
