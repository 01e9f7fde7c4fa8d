# frozen_string_literal: true

# hookseal: webhook verification for ImageKit and the Standard Webhooks spec, on one Rust core.
#
#   require "hookseal"
#   wh = Hookseal::Webhook.new(ENV.fetch("WEBHOOK_SECRET"))
#   payload = wh.verify(request.body.read, request.env)   # Hash with Symbol keys
#
# The native extension (hookseal/hookseal_native) does every check; this file gives it the
# keyword-argument API. See README.md and docs/contract.md for the rules.

require "json"
require_relative "hookseal/version"
require_relative "hookseal/hookseal_native"

module Hookseal
  # Raised for every delivery that does not verify or parse; `#code` is the stable error code
  # (`"invalid_signature"`, ...) and `#http_status` the status to answer with. One subclass per
  # code (`Hookseal::InvalidSignatureError`, ...), all under StandardError.
  class WebhookVerificationError
    CODE = nil
    HTTP_STATUS = 400

    # The stable snake_case code, e.g. "timestamp_too_old".
    def code
      self.class::CODE
    end

    # The HTTP status a receiver answers with (400, 401, 413, 500, 503).
    def http_status
      self.class::HTTP_STATUS
    end
  end

  # The exception class for an error code (`"replayed"` -> Hookseal::ReplayedError).
  def self.error_class(code)
    ERROR_CLASSES[code.to_s]
  end

  # Remembers verified message ids so a captured delivery cannot be replayed.
  #
  #   Hookseal::ReplayGuard.in_memory                      # one process
  #   Hookseal::ReplayGuard.redis("redis://localhost:6379") # shared by every receiver
  #
  # The Redis guard uses the same keys as hookseal in Python, Node and Go (`SET prefix+id 1 NX
  # PX ttl`), so receivers in any of them share one Redis. Fails closed unless `fail_open: true`.
  class ReplayGuard
    # An in-process guard keeping at most `capacity` ids (when full, it refuses: fails closed).
    def self.in_memory(capacity: DEFAULT_REPLAY_CAPACITY)
      _in_memory(Integer(capacity))
    end

    # A guard in Redis (`redis://`, `rediss://`), `timeout` seconds per command.
    def self.redis(url, prefix: "hookseal:replay:", timeout: 0.5, fail_open: false)
      _redis(String(url), String(prefix), Float(timeout), fail_open ? true : false)
    end

    alias length size
  end

  # The options every verifying class takes, checked the same way.
  module VerifierOptions # :nodoc:
    module_function

    def build(secrets, key_mode:, tolerance:, legacy:, max_payload_bytes:, replay_guard:)
      unless replay_guard.nil? || replay_guard.is_a?(ReplayGuard)
        raise ArgumentError, "replay_guard: must be a Hookseal::ReplayGuard, not #{replay_guard.class}"
      end

      Native::Verifier.build(secrets, key_mode, non_negative(tolerance, "tolerance"), legacy ? true : false,
                             non_negative(max_payload_bytes, "max_payload_bytes"), replay_guard)
    end

    def non_negative(value, name)
      unless value.is_a?(Integer) && value >= 0
        raise ArgumentError, "#{name}: must be a non-negative Integer, not #{value.inspect}"
      end

      value
    end
  end

  # Verifies deliveries signed with any of several secrets (rotation), in one key mode
  # (`"imagekit"` unless told otherwise), with the contract's defaults.
  class Verifier
    def initialize(secrets, key_mode: "imagekit", tolerance: DEFAULT_TOLERANCE, legacy: false,
                   max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES, replay_guard: nil)
      @native = VerifierOptions.build(secrets, key_mode: key_mode, tolerance: tolerance, legacy: legacy,
                                               max_payload_bytes: max_payload_bytes, replay_guard: replay_guard)
    end

    # Verify only: a Hookseal::Verified (matched secret, timestamp, replay status).
    def verify(payload, headers, now: nil)
      @native.verify(payload, headers, now)
    end

    # Verify, then parse into a typed event (Hookseal::Events::FileCreateEvent, ...).
    def unwrap(payload, headers, now: nil)
      @native.unwrap(payload, headers, now)
    end

    def key_mode = @native.key_mode
    def tolerance = @native.tolerance
    def max_payload_bytes = @native.max_payload_bytes

    def inspect
      "#<#{self.class} key_mode=#{key_mode} secrets=#{@native.key_count} tolerance=#{tolerance} " \
        "legacy=#{@native.legacy?} max_payload_bytes=#{@native.max_payload_bytes}>"
    end
    alias to_s inspect
  end

  # The Standard Webhooks `Webhook`, a drop-in for the `standardwebhooks` gem: `standard` key
  # mode (`whsec_` + base64), `verify` returns the body parsed with Symbol keys.
  class Webhook
    # A secret given as an Array of byte values, as in the reference library.
    def self.new_using_raw_bytes(bytes, **options)
      new(bytes.pack("C*").b, **options)
    end

    def initialize(secret, key_mode: "standard", tolerance: DEFAULT_TOLERANCE, legacy: false,
                   max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES, replay_guard: nil)
      first = secret.is_a?(Array) ? secret.first : secret
      @verifier = VerifierOptions.build(secret, key_mode: key_mode, tolerance: tolerance, legacy: legacy,
                                                max_payload_bytes: max_payload_bytes, replay_guard: replay_guard)
      # A `whpk_` key only verifies: `sign` says so when called.
      @signer = begin
        Native::Signer.build(first, key_mode)
      rescue InvalidSecretError
        nil
      end
    end

    # Verify; return the body parsed as JSON with Symbol keys (nil with `json_parse: false`).
    def verify(payload, headers, now: nil, json_parse: true)
      @verifier.verify(payload, headers, now)
      return nil unless json_parse

      begin
        JSON.parse(payload, symbolize_names: true)
      rescue JSON::ParserError => e
        raise InvalidPayloadError, "the body verified but is not valid JSON: #{e.message.lines.first&.strip}"
      end
    end

    # Verify only; return what matched (Hookseal::Verified).
    def verify_details(payload, headers, now: nil)
      @verifier.verify(payload, headers, now)
    end

    # Verify and parse into a typed ImageKit event.
    def unwrap(payload, headers, now: nil)
      @verifier.unwrap(payload, headers, now)
    end

    # The largest body accepted, in bytes.
    def max_payload_bytes = @verifier.max_payload_bytes

    # `v1,<base64>` for `msg_id`, `timestamp` (a Time or unix seconds) and `payload`.
    def sign(msg_id, timestamp, payload)
      raise InvalidSecretError, "this key only verifies; it cannot sign" if @signer.nil?

      @signer.sign(String(msg_id), Hookseal.unix_seconds(timestamp), payload)
    end

    def inspect
      "#<#{self.class} key_mode=#{@verifier.key_mode} secrets=#{@verifier.key_count} tolerance=#{@verifier.tolerance}>"
    end
    alias to_s inspect
  end

  # Signs deliveries: for tests, senders and tools.
  class Signer
    def initialize(secret, key_mode: "imagekit")
      @native = Native::Signer.build(secret, key_mode)
    end

    # The `webhook-signature` value (`v1,<base64>`, or `v1a,` for a `whsk_` key).
    def sign(msg_id, timestamp, payload)
      @native.sign(String(msg_id), Hookseal.unix_seconds(timestamp), payload)
    end

    # The legacy `x-ik-signature` value `t=<ms>,v1=<hex>`.
    def sign_legacy(timestamp_ms, payload)
      ms = timestamp_ms.is_a?(Time) ? (timestamp_ms.to_r * 1000).floor : Integer(timestamp_ms)
      @native.sign_legacy(ms, payload)
    end

    # A complete header Hash: a fresh `msg_...` id and the current time unless given.
    def headers(payload, msg_id: nil, timestamp: nil)
      ts = timestamp.nil? ? Time.now.to_i : Hookseal.unix_seconds(timestamp)
      @native.headers(payload, msg_id.nil? ? Native.fresh_message_id : String(msg_id), ts)
    end

    def inspect = "#<#{self.class} key_mode=#{@native.key_mode}>"
    alias to_s inspect
  end

  # Unix seconds from a Time, an Integer or a String of digits (as the reference library takes).
  def self.unix_seconds(timestamp)
    case timestamp
    when Time then timestamp.to_i
    when Integer then timestamp
    when String then Integer(timestamp, 10)
    else raise ArgumentError, "a timestamp must be a Time or unix seconds, not #{timestamp.class}"
    end
  end

  # Parse an event **without verifying it**: development and tests only.
  def self.unsafe_unwrap(payload)
    Native.unsafe_unwrap(payload)
  end

  # A new message id, `msg_` plus 27 base62 characters.
  def self.fresh_message_id = Native.fresh_message_id

  # The sample body of a known event type (ImageKit's own examples where it publishes them).
  def self.sample_body(event_type) = Native.sample_body(String(event_type))
end
