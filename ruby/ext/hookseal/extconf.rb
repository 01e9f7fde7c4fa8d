# frozen_string_literal: true

# Builds the native extension with cargo through rb_sys: lib/hookseal/hookseal_native.so.
require "mkmf"
require "rb_sys/mkmf"

create_rust_makefile("hookseal/hookseal_native")
