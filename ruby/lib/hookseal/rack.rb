# frozen_string_literal: true

# Rack middleware for Sinatra, Rails and any Rack app:
#
#   use Hookseal::Rack::Middleware, secret: ENV["IMAGEKIT_WEBHOOK_SECRET"], path: "/webhooks/imagekit"
#
# It reads the raw body (and rewinds it), verifies it, and on success puts the typed event in
# env["hookseal.event"] for the app; on failure it answers the error's status with a JSON body
# {"error": message, "code": code} and the app never sees the request.

require_relative "../hookseal"

module Hookseal
  module Rack
    # Verifies webhook requests before the app sees them.
    class Middleware
      ENV_KEY = "hookseal.event"

      # `secret:` (or several), `key_mode:` ("imagekit" unless told), `path:` (a String, a Regexp,
      # or nil for every POST), and the Verifier options (`tolerance:`, `replay_guard:`, ...).
      # `verifier:` takes a ready Hookseal::Verifier or Hookseal::Webhook instead.
      def initialize(app, secret: nil, verifier: nil, path: nil, key_mode: "imagekit", **options)
        @app = app
        @path = path
        @verifier = verifier || Verifier.new(secret || ENV.fetch(SECRET_ENV), key_mode: key_mode, **options)
        @limit = @verifier.respond_to?(:max_payload_bytes) ? @verifier.max_payload_bytes : DEFAULT_MAX_PAYLOAD_BYTES
      end

      def call(env)
        return @app.call(env) unless webhook?(env)

        input = env["rack.input"]
        # One byte past the limit is enough to refuse a large body (413): never read it all.
        payload = input ? input.read(@limit + 1) || "" : ""
        input&.rewind
        begin
          env[ENV_KEY] = @verifier.unwrap(payload, env)
        rescue WebhookVerificationError => e
          return refuse(e)
        end
        @app.call(env)
      end

      private

      def webhook?(env)
        return false unless env["REQUEST_METHOD"] == "POST"

        case @path
        when nil then true
        when Regexp then @path.match?(env["PATH_INFO"].to_s)
        else env["PATH_INFO"] == @path
        end
      end

      def refuse(err)
        body = JSON.generate({ error: err.message, code: err.code })
        [err.http_status, { "content-type" => "application/json", "content-length" => body.bytesize.to_s }, [body]]
      end
    end
  end
end
