# frozen_string_literal: true

# The Ruby API around the core: the error contract, argument handling, hostile input, secrets kept
# out of strings, the Standard Webhooks drop-in, rotation, events, threads and the GC.

require_relative "test_helper"
require "openssl"
require "base64"
require "socket"

class ErrorContractTest < Minitest::Test
  include Helpers

  BODY = Hookseal.sample_body("file.created")

  # code => HTTP status, from the error table of docs/contract.md (the behaviour contract).
  def contract_statuses
    File.read(File.join(ROOT, "docs", "contract.md")).scan(/^\| `([a-z_]+)` \| .* \| (\d{3}) \|$/).to_h do |c, s|
      [c, Integer(s)]
    end
  end

  def closed_port
    s = TCPServer.new("127.0.0.1", 0)
    port = s.addr[1]
    s.close
    port
  end

  # One real call per code: every code the core has is raised as its own class.
  def raise_each
    now = 1_700_000_000
    h = signed(BODY, ts: now)
    v = Hookseal::Verifier.new(SECRET)
    guard = Hookseal::ReplayGuard.in_memory
    guarded = Hookseal::Verifier.new(SECRET, replay_guard: guard)
    guarded.verify(BODY, h, now: now)
    down = Hookseal::Verifier.new(SECRET, replay_guard: Hookseal::ReplayGuard.redis("redis://127.0.0.1:#{closed_port}", timeout: 0.2))
    {
      "missing_header" => -> { v.verify(BODY, {}, now: now) },
      "invalid_header" => -> { v.verify(BODY, h.merge("webhook-id" => ["a", "b"]), now: now) },
      "invalid_timestamp" => -> { v.verify(BODY, h.merge("webhook-timestamp" => "soon"), now: now) },
      "timestamp_too_old" => -> { v.verify(BODY, h, now: now + 3600) },
      "timestamp_too_new" => -> { v.verify(BODY, h, now: now - 3600) },
      "invalid_signature" => -> { v.verify("#{BODY} ", h, now: now) },
      "invalid_secret" => -> { Hookseal::Verifier.new("") },
      "invalid_payload" => -> { v.unwrap("[]", signed("[]", ts: now), now: now) },
      "payload_too_large" => -> { Hookseal::Verifier.new(SECRET, max_payload_bytes: 10).verify(BODY, h, now: now) },
      "replayed" => -> { guarded.verify(BODY, h, now: now) },
      "replay_guard_unavailable" => -> { down.verify(BODY, h, now: now) }
    }
  end

  def test_every_code_has_its_class_status_and_a_real_call
    statuses = contract_statuses
    assert_equal Hookseal::ERROR_CODES.sort, statuses.keys.sort, "docs/contract.md lists the codes"
    calls = raise_each
    assert_equal Hookseal::ERROR_CODES.sort, calls.keys.sort
    Hookseal::ERROR_CODES.each do |code|
      cls = Hookseal.error_class(code)
      assert_operator cls, :<, Hookseal::WebhookVerificationError
      assert_operator cls, :<, StandardError
      assert_equal code, cls::CODE
      assert_equal statuses.fetch(code), cls::HTTP_STATUS, code
      err = assert_raises(cls, code) { calls.fetch(code).call }
      assert_equal code, err.code
      assert_equal statuses.fetch(code), err.http_status
      refute_empty err.message
      # A bare `rescue => e` catches it.
      caught = begin
        calls.fetch(code).call
      rescue => e # rubocop:disable Style/RescueStandardError
        e
      end
      assert_kind_of Hookseal::WebhookVerificationError, caught
    end
    assert_nil Hookseal.error_class("no_such_code")
    assert Hookseal::ERROR_CODES.frozen? && Hookseal::ERROR_CODES.all?(&:frozen?)
  end
end

class ArgumentsTest < Minitest::Test
  include Helpers

  BODY = Hookseal.sample_body("video.transformation.ready")

  def setup
    @now = 1_700_000_000
    @headers = signed(BODY, ts: @now)
    @v = Hookseal::Verifier.new(SECRET)
  end

  def test_programming_errors_are_argument_errors
    [nil, 42, { "a" => 1 }, [BODY], :body, StringIO.new(BODY)].each do |payload|
      e = assert_raises(ArgumentError, payload.inspect) { @v.verify(payload, @headers, now: @now) }
      assert_match(/raw request body/, e.message)
    end
    assert_match(/re-serialized/, assert_raises(ArgumentError) { @v.verify({ a: 1 }, @headers) }.message)
    assert_match(/request\.body\.read/, assert_raises(ArgumentError) { @v.verify(StringIO.new("x"), @headers) }.message)
    ["webhook-id: x", 42, :headers].each do |headers|
      assert_raises(ArgumentError, headers.inspect) { @v.verify(BODY, headers, now: @now) }
    end
    [42, 1.5, Object.new, { a: 1 }, [[1]]].each do |value|
      assert_raises(ArgumentError, value.inspect) { @v.verify(BODY, @headers.merge("webhook-id" => value), now: @now) }
    end
    ["1700000000", Object.new].each do |now|
      assert_raises(ArgumentError, now.inspect) { @v.verify(BODY, @headers, now: now) }
    end
    [42, nil, Object.new].each do |secret|
      assert_raises(ArgumentError, secret.inspect) { Hookseal::Verifier.new(secret) }
    end
    [-1, 1.5, "300"].each do |t|
      assert_raises(ArgumentError, t.inspect) { Hookseal::Verifier.new(SECRET, tolerance: t) }
    end
    assert_raises(ArgumentError) { Hookseal::Verifier.new(SECRET, replay_guard: Object.new) }
    assert_raises(ArgumentError) { Hookseal::Signer.new(SECRET).sign("msg", "soon", BODY) }
  end

  def test_bad_values_are_typed_errors
    assert_raises(Hookseal::InvalidSecretError) { Hookseal::Verifier.new(SECRET, key_mode: "base64") }
    assert_raises(Hookseal::InvalidSecretError) { Hookseal::Verifier.new([]) }
    assert_raises(Hookseal::MissingHeaderError) { @v.verify(BODY, nil) }
    assert_raises(Hookseal::InvalidTimestampError) { @v.verify(BODY, @headers, now: 2**70) }
    assert_raises(Hookseal::InvalidTimestampError) { @v.verify(BODY, @headers, now: Float::NAN) }
  end

  def test_nil_header_values_are_absent_and_unrelated_values_are_never_read
    assert_raises(Hookseal::MissingHeaderError) { @v.verify(BODY, @headers.merge("webhook-id" => nil), now: @now) }
    env = rack_env(@headers).merge("rack.input" => StringIO.new(BODY), "rack.errors" => $stderr,
                                   "REQUEST_METHOD" => "POST", "HTTP_X_COUNT" => 3, :unrelated => Object.new, 7 => 8)
    assert_equal 0, @v.verify(BODY, env, now: @now).key_index
  end

  def test_headers_in_every_shape
    shapes = [
      @headers,
      @headers.transform_keys(&:upcase),
      @headers.transform_keys(&:to_sym),
      rack_env(@headers),
      @headers.to_a,
      @headers.transform_values { |x| [x] }
    ]
    shapes.each { |h| assert_equal "msg_1", @v.verify(BODY, h, now: @now).id, h.inspect }
    # Anything with `to_h` (Rails' ActionDispatch::Http::Headers enumerates the env).
    rails_like = Class.new do
      def initialize(env) = @env = env
      def to_h = @env
    end
    assert_equal "msg_1", @v.verify(BODY, rails_like.new(rack_env(@headers)), now: @now).id
    # A Time for now.
    assert_equal @now, @v.verify(BODY, @headers, now: Time.at(@now)).timestamp
  end
end

class HostileInputTest < Minitest::Test
  include Helpers

  ALLOWED = [Hookseal::WebhookVerificationError, ArgumentError].freeze

  def only_allowed
    yield
  rescue *ALLOWED
    nil
  end

  def test_non_utf8_frozen_and_huge_inputs
    v = Hookseal::Verifier.new(SECRET)
    now = 1_700_000_000
    binary = "\xff\xfe{\"type\":1}".b
    h = signed(binary, ts: now)
    # Any bytes verify: the signature covers bytes, not text.
    assert_equal "msg_1", v.verify(binary, h, now: now).id
    assert_raises(Hookseal::InvalidPayloadError) { v.unwrap(binary, h, now: now) }
    # A body mislabelled as UTF-8 is still its bytes.
    assert_equal "msg_1", v.verify(binary.dup.force_encoding("UTF-8"), h, now: now).id
    # Frozen strings everywhere.
    body = Hookseal.sample_body("file.deleted").dup.freeze
    fh = signed(body, ts: now).to_h { |k, x| [k.dup.freeze, x.dup.freeze] }.freeze
    assert_equal :"file.deleted", v.unwrap(body, fh, now: now).type
    # Header values that are not UTF-8, hold NULs, or are huge.
    assert_raises(Hookseal::InvalidHeaderError) { v.verify(body, fh.merge("webhook-id" => "\xff".b), now: now) }
    assert_raises(Hookseal::WebhookVerificationError) { v.verify(body, fh.merge("webhook-id" => "a\0b"), now: now) }
    assert_raises(Hookseal::InvalidHeaderError) do
      v.verify(body, fh.merge("webhook-signature" => "v1,#{"A" * 1_000_000}"), now: now)
    end
    assert_raises(Hookseal::MissingHeaderError) { v.verify(body, { "webhook-id" => "x" * 10_000_000 }, now: now) }
    assert_raises(Hookseal::PayloadTooLargeError) { v.verify("x" * (2 * 1024 * 1024), fh, now: now) }
    # UTF-16 text is its own bytes too: a mismatch, not a crash.
    assert_raises(Hookseal::InvalidSignatureError) { v.verify(body.encode("UTF-16LE"), fh, now: now) }
  end

  def test_random_input_raises_only_the_contract_errors
    rng = Random.new(20_261_203)
    v = Hookseal::Verifier.new([SECRET, "whsec_#{Base64.strict_encode64("k" * 24)}"], legacy: true,
                                                                                    replay_guard: Hookseal::ReplayGuard.in_memory)
    names = %w[webhook-id webhook-timestamp webhook-signature svix-id svix-signature x-ik-signature HTTP_WEBHOOK_ID]
    pieces = ["v1,", "v1a,", " ", ",", "t=", "=", "\xff", "\0", "1700000000", "msg_", "whsec_", "\u00e9", "{", "}"].map(&:b)
    3000.times do
      headers = {}
      rng.rand(0..5).times do
        value = Array.new(rng.rand(0..6)) { rng.rand < 0.5 ? pieces.sample(random: rng) : rng.bytes(rng.rand(0..12)) }.join.b
        headers[names.sample(random: rng)] = rng.rand < 0.1 ? [value, value.reverse] : value
      end
      body = rng.rand < 0.5 ? rng.bytes(rng.rand(0..64)) : Hookseal.sample_body(Hookseal::EVENT_TYPES.sample(random: rng))
      only_allowed { v.verify(body, headers, now: rng.rand(0..2_000_000_000)) }
      only_allowed { v.unwrap(body, headers) }
      only_allowed { Hookseal.unsafe_unwrap(body) }
      only_allowed { Hookseal::Verifier.new(rng.bytes(rng.rand(0..40)).force_encoding("UTF-8"), key_mode: %w[imagekit standard raw].sample(random: rng)) }
    end
  end

  def test_secrets_never_reach_strings
    secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ="
    objects = [Hookseal::Verifier.new(secret), Hookseal::Webhook.new(secret), Hookseal::Signer.new(secret),
               Hookseal::ImageKit::Client.new(webhook_secret: secret, private_key: "private_secret_key"),
               Hookseal::ImageKit::Client.new(webhook_secret: secret).webhooks]
    objects.each do |o|
      [o.inspect, o.to_s].each do |s|
        refute_includes s, "c2VjcmV0", s
        refute_includes s, "private_secret_key", s
      end
    end
    e = assert_raises(Hookseal::InvalidSecretError) { Hookseal::Verifier.new("whsec_not base64!", key_mode: "standard") }
    refute_includes e.message, "not base64!"
    begin
      Hookseal::Verifier.new(secret).verify("{}", signed("{}", secret: "whsec_other"))
    rescue Hookseal::WebhookVerificationError => e
      refute_includes e.message, "c2VjcmV0"
    end
  end
end

class WebhookDropInTest < Minitest::Test
  include Helpers

  STD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  # What the `standardwebhooks` gem computes: HMAC-SHA256 with the base64-decoded secret.
  def reference_signature(id, ts, body)
    key = Base64.decode64(STD_SECRET.delete_prefix("whsec_"))
    "v1,#{Base64.strict_encode64(OpenSSL::HMAC.digest("SHA256", key, "#{id}.#{ts}.#{body}"))}"
  end

  def test_the_reference_shape
    wh = Hookseal::Webhook.new(STD_SECRET)
    body = '{"type":"file.deleted","n":1.5,"ok":true}'
    ts = Time.now.to_i
    sig = wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", ts, body)
    assert_equal reference_signature("msg_p5jXN8AQM9LWM0D4loKWxJek", ts, body), sig
    assert_equal sig, wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", Time.at(ts), body)
    headers = { "webhook-id" => "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp" => ts.to_s, "webhook-signature" => sig }
    assert_equal({ type: "file.deleted", n: 1.5, ok: true }, wh.verify(body, headers))
    assert_nil wh.verify(body, headers, json_parse: false)
    assert_equal 0, wh.verify_details(body, headers).key_index
    assert_raises(Hookseal::InvalidPayloadError) do
      wh.verify("not json", headers.merge("webhook-signature" => wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", ts, "not json")))
    end
    raw = Hookseal::Webhook.new_using_raw_bytes(Base64.decode64(STD_SECRET.delete_prefix("whsec_")).bytes)
    assert_equal sig, raw.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", ts, body)
    assert_raises(Hookseal::InvalidSecretError) { Hookseal::Webhook.new("whsec_%%%") }
  end

  def test_rotation_and_modes
    old = "whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0"
    body = Hookseal.sample_body("folder.created")
    h = signed(body, secret: old, key_mode: "standard")
    v = Hookseal::Verifier.new([SECRET, { secret: old, key_mode: "standard" }])
    assert_equal 1, v.verify(body, h).key_index
    assert_raises(Hookseal::InvalidSignatureError) { Hookseal::Verifier.new([SECRET, old]).verify(body, h) }
    # A binary String is the raw key, whatever the mode.
    key = Base64.decode64(old.delete_prefix("whsec_"))
    assert_equal 0, Hookseal::Verifier.new(key.b).verify(body, h).key_index
    assert_equal %w[imagekit standard raw], Hookseal::KEY_MODES
  end
end

class EventsTest < Minitest::Test
  include Helpers

  def unwrap(type)
    Hookseal.unsafe_unwrap(Hookseal.sample_body(type))
  end

  def test_readers_as_imagekit_ruby_sdk_has_them
    ready = unwrap("video.transformation.ready")
    assert_instance_of Hookseal::Events::VideoTransformationReadyEvent, ready
    assert_kind_of Hookseal::Events::BaseWebhookEvent, ready
    assert_equal :"video.transformation.ready", ready.type
    assert_match %r{\Ahttps?://}, ready.data.transformation.output.url
    assert_match %r{\Ahttps?://}, ready.data.asset.url
    assert_kind_of Symbol, ready.data.transformation.type
    error = unwrap("video.transformation.error")
    assert_kind_of Symbol, error.data.transformation.error.reason
    created = unwrap("file.created")
    assert_kind_of String, created.data.file_id
    assert_kind_of String, created.data.url
    assert_kind_of String, created.data.name
    assert_equal Time, created.created_at.class
    assert created.created_at.utc?
    assert_nil created.verified
    assert_equal Encoding::UTF_8, created.raw_json.encoding
    assert_equal JSON.parse(created.raw_json, symbolize_names: true), created.to_h
    assert_kind_of Hash, created.data.to_h
    assert_match(/FileCreateEvent id=/, created.inspect)
  end

  def test_optional_members_read_as_nil
    body = JSON.generate({ id: "e1", type: "video.transformation.ready", created_at: "2024-01-01T00:00:00Z",
                           request: { url: "https://x", x_request_id: "r" },
                           data: { asset: { url: "https://a" }, transformation: { type: "video-transformation" } } })
    e = Hookseal.unsafe_unwrap(body)
    assert_nil e.data.transformation.output
    assert_nil e.data.transformation.options
    assert_nil e.timings
    assert_nil e.request.user_agent
  end

  def test_unknown_types_keep_their_json
    e = Hookseal.unsafe_unwrap('{"type":"asset.teleported","data":{"where":["mars"]},"extra":1}')
    assert_instance_of Hookseal::Events::UnknownEvent, e
    assert_equal :"asset.teleported", e.type
    assert_equal({ where: ["mars"] }, e.data)
    assert_nil e.request
    assert_nil e.id
    assert_equal 1, e.to_h[:extra]
  end

  def test_classes_cannot_be_made_empty
    assert_raises(TypeError, NoMethodError) { Hookseal::Events::FileCreateEvent.new }
    assert_raises(TypeError, NoMethodError) { Hookseal::Events::VideoAsset.allocate }
    assert_raises(TypeError, NoMethodError) { Hookseal::Verified.new }
  end

  def test_under_gc_stress_and_threads
    body = Hookseal.sample_body("upload.pre-transform.success")
    h = signed(body)
    v = Hookseal::Verifier.new(SECRET)
    GC.stress = true
    begin
      5.times { assert_kind_of String, v.unwrap(body, h).data.to_h.keys.first.to_s }
      # The body an event keeps is marked: it outlives collections, the same frozen String.
      events = Array.new(3) { v.unwrap(body, h) }
      GC.start(full_mark: true, immediate_sweep: true)
      events.each do |e|
        assert_equal body, e.raw_json
        assert e.raw_json.frozen?
        assert_same e.raw_json, e.raw_json
      end
    ensure
      GC.stress = false
    end
    threads = Array.new(8) do |t|
      Thread.new do
        200.times.map { |i| v.unwrap(body, signed(body, id: "msg_#{t}_#{i}")).verified.id }
      end
    end
    ids = threads.flat_map(&:value)
    assert_equal 1600, ids.uniq.length
  end
end
