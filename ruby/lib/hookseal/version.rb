# frozen_string_literal: true

module Hookseal
  # The gem's version: every hookseal package shares it (scripts/check-versions.py).
  VERSION = "0.1.0"
end
