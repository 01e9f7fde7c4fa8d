# frozen_string_literal: true

require_relative "lib/hookseal/version"

# Build with `make ruby-gem` from the repository root: it stages this directory with the Rust
# sources the extension needs (the binding crate and the hookseal core) under ext/hookseal/.
Gem::Specification.new do |spec|
  spec.name = "hookseal"
  spec.version = Hookseal::VERSION
  spec.summary = "Webhook verification for ImageKit and Standard Webhooks, on one Rust core"
  spec.description = "Verify, sign and parse ImageKit and Standard Webhooks deliveries: typed events, " \
                     "stable error codes, a replay guard in memory or on Redis, a Rack middleware, and " \
                     "an ImageKit-compatible client. The checks run in hookseal's Rust core, the same " \
                     "in every language."
  spec.authors = ["hookseal contributors"]
  spec.licenses = ["MIT", "Apache-2.0"]
  spec.homepage = "https://github.com/hookseal/hookseal"
  spec.metadata = {
    "source_code_uri" => "https://github.com/hookseal/hookseal/tree/main/ruby",
    "rubygems_mfa_required" => "true"
  }
  spec.required_ruby_version = ">= 3.1"
  spec.files = Dir["lib/**/*.rb", "sig/**/*.rbs", "README.md", "ext/hookseal/extconf.rb",
                   "ext/hookseal/Cargo.{toml,lock}", "ext/hookseal/src/**/*.rs", "ext/hookseal/vendor/**/*"]
  spec.require_paths = ["lib"]
  spec.extensions = ["ext/hookseal/extconf.rb"]
  # Compiles the extension with cargo on install (a Rust toolchain is needed).
  spec.add_dependency "rb_sys", "~> 0.9"
end
