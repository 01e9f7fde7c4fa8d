# frozen_string_literal: true

require "minitest/autorun"
require "json"
require "hookseal"
require "hookseal/imagekit"
require "hookseal/rack"

ROOT = File.expand_path("../..", __dir__)
VECTOR_DIR = File.expand_path("../../tests/vectors", __dir__) # read in place, never copied

module Helpers
  SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  def signed(body, secret: SECRET, key_mode: "imagekit", id: "msg_1", ts: Time.now.to_i)
    Hookseal::Signer.new(secret, key_mode: key_mode).headers(body, msg_id: id, timestamp: ts)
  end

  # The same headers as Rack hands them to an app: `HTTP_WEBHOOK_ID`, ...
  def rack_env(headers)
    headers.to_h { |k, v| ["HTTP_#{k.upcase.tr("-", "_")}", v] }
  end
end
