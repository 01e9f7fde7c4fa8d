# frozen_string_literal: true

# The ImageKit client shape, so a receiver written from ImageKit's docs needs only its `require`
# and its client constant changed:
#
#   require "hookseal/imagekit"
#   client = Hookseal::ImageKit::Client.new(private_key: ENV["IMAGEKIT_PRIVATE_KEY"],
#                                           webhook_secret: ENV["IMAGEKIT_WEBHOOK_SECRET"])
#   event = client.webhooks.unwrap(request.body.read, headers: request.env)

require_relative "../hookseal"

module Hookseal
  module ImageKit
    # `client.webhooks`, as in ImageKit's Ruby SDK.
    class Webhooks
      def initialize(secret, options)
        @options = options
        @verifier = secret.nil? ? nil : VerifierOptions.build(secret, **options)
      end

      # Verify a delivery, then return its typed event. `key:` verifies with another secret.
      def unwrap(payload, headers:, key: nil, now: nil)
        verifier_for(key).unwrap(payload, headers, now)
      end

      # Verify only: a Hookseal::Verified.
      def verify(payload, headers:, key: nil, now: nil)
        verifier_for(key).verify(payload, headers, now)
      end

      # Parse **without verifying**: development and tests only.
      def unsafe_unwrap(payload)
        Native.unsafe_unwrap(payload)
      end

      def inspect
        secrets = @verifier.nil? ? 0 : @verifier.key_count
        "#<#{self.class} key_mode=#{@options[:key_mode]} secrets=#{secrets} tolerance=#{@options[:tolerance]}>"
      end
      alias to_s inspect

      private

      def verifier_for(key)
        return VerifierOptions.build(key, **@options) unless key.nil?
        return @verifier unless @verifier.nil?

        raise InvalidSecretError,
              "no webhook secret: pass webhook_secret: to the client, key: to unwrap, or set #{SECRET_ENV}"
      end
    end

    # Stands in for `Imagekitio::Client` where a receiver only handles webhooks. `webhook_secret`
    # falls back to IMAGEKIT_WEBHOOK_SECRET, as in ImageKit's SDK; `private_key` and the other
    # client options are accepted and ignored (never stored). Without `replay_guard:`, the
    # HOOKSEAL_REPLAY_GUARD variable may turn one on (`memory`, `redis://...`).
    class Client
      attr_reader :webhooks

      def initialize(private_key: nil, webhook_secret: nil, key_mode: "imagekit", tolerance: DEFAULT_TOLERANCE,
                     legacy: false, max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES, replay_guard: nil, **_client_options)
        _ = private_key # not needed to receive webhooks
        webhook_secret = ENV.fetch(SECRET_ENV, nil) if webhook_secret.nil?
        webhook_secret = nil if webhook_secret == ""
        replay_guard = ReplayGuard.from_spec(ENV.fetch(REPLAY_GUARD_ENV, "")) if replay_guard.nil?
        @webhooks = Webhooks.new(webhook_secret, { key_mode: key_mode, tolerance: tolerance, legacy: legacy,
                                                   max_payload_bytes: max_payload_bytes, replay_guard: replay_guard })
      end

      def inspect = "#<#{self.class} webhooks=#{@webhooks.inspect}>"
      alias to_s inspect

      # ImageKit's other resources are not here: say so rather than NoMethodError on nil.
      SDK_ONLY = %i[files assets folders cache accounts custom_metadata_fields saved_extensions
                    named_transformations ai_filter_search beta].freeze
      SDK_ONLY.each do |name|
        define_method(name) do
          raise NotImplementedError,
                "Hookseal::ImageKit::Client serves webhooks only; `#{name}` is part of ImageKit's SDK: keep an " \
                "Imagekitio::Client for uploads, URLs and the rest of the API"
        end
      end
    end
  end
end
