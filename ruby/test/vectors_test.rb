# frozen_string_literal: true

# Runs every case of every shared vector file (../tests/vectors/*.json, read in place, never
# copied) through the public Ruby API and asserts per file that it ran exactly numberOfTests cases.

require_relative "test_helper"

class VectorsTest < Minitest::Test
  FILES = %w[legacy.json replay.json secrets.json sign.json standard.json unwrap.json v1a.json].freeze

  def test_the_vector_files_are_the_expected_ones
    found = Dir[File.join(VECTOR_DIR, "*.json")].map { |f| File.basename(f) }.sort - ["schema.json"]
    assert_equal FILES, found
  end

  FILES.each do |name|
    define_method("test_vectors_#{name.sub(".json", "")}") do
      doc = JSON.parse(File.read(File.join(VECTOR_DIR, name)))
      ran = 0
      doc.fetch("tests").each do |c|
        run_case("#{name} ##{c["tcId"]} (#{c["comment"]})", c)
        ran += 1
      end
      assert_equal doc.fetch("numberOfTests"), ran, "#{name}: ran #{ran} of numberOfTests"
      assert_equal doc.fetch("tests").length, doc.fetch("numberOfTests")
    end
  end

  private

  def unhex(s) = [s].pack("H*")

  # A key as the Ruby API takes it: a String in its mode, or binary bytes (the raw key).
  def key_of(k)
    return { secret: unhex(k["bytesHex"]), key_mode: k["mode"] } if k["bytesHex"]
    return unhex(k["hex"]) if k["mode"] == "raw" && k["hex"]

    { secret: k["secret"], key_mode: k["mode"] }
  end

  def options_of(o)
    return {} if o.nil?

    out = {}
    out[:tolerance] = o["tolerance"] if o.key?("tolerance")
    out[:legacy] = o["legacy"] if o.key?("legacy")
    out[:max_payload_bytes] = o["maxPayloadBytes"] if o.key?("maxPayloadBytes")
    out[:replay_guard] = Hookseal::ReplayGuard.in_memory if o["replayGuard"]
    out
  end

  def body_of(s)
    return s["body"].dup.force_encoding(Encoding::UTF_8) if s.key?("body")
    return unhex(s["bodyHex"]) if s.key?("bodyHex")
    return s["bodyRepeat"]["chunk"] * s["bodyRepeat"]["count"] if s.key?("bodyRepeat")

    ""
  end

  # The headers in one of the shapes receivers hand over, rotating by case: a Hash with names as
  # sent, a Rack env (`HTTP_WEBHOOK_ID`), a Hash with Symbol keys.
  def headers_of(pairs, n)
    grouped = {}
    pairs.each { |k, v| (grouped[k] ||= []) << v }
    flat = grouped.transform_values { |vs| vs.length == 1 ? vs.first : vs }
    case n % 3
    when 0 then flat
    when 1
      # Rack folds repeated headers, and `_` in a name would alias `-`: keep those as sent.
      return flat if grouped.any? { |k, vs| vs.length > 1 || k.include?("_") }

      flat.to_h { |k, v| ["HTTP_#{k.upcase.tr("-", "_")}", v] }
    else flat.transform_keys(&:to_sym)
    end
  end

  def inherit(prev, s)
    out = prev.dup
    out["headers"] = s["headers"] if s.key?("headers")
    if s.key?("body") || s.key?("bodyHex") || s.key?("bodyRepeat")
      %w[body bodyHex bodyRepeat].each { |k| out.delete(k) }
      %w[body bodyHex bodyRepeat].each { |k| out[k] = s[k] if s.key?(k) }
    end
    out["now"] = s["now"] if s.key?("now")
    out
  end

  # Runs the call; asserts the outcome; returns the value when it succeeded.
  def expect(ctx, s)
    got = yield
    refute_equal "error", s["result"], "#{ctx}: expected #{s["code"]}, got ok"
    got
  rescue Hookseal::WebhookVerificationError => e
    assert_equal "error", s["result"], "#{ctx}: expected ok, got #{e.code} (#{e.message})"
    assert_equal s["code"], e.code, "#{ctx}: code (#{e.message})"
    assert_kind_of Hookseal.error_class(e.code), e, ctx
    nil
  end

  def run_case(ctx, c)
    case c["operation"]
    when "build"
      expect(ctx, c) { Hookseal::Verifier.new(c["keys"].map { |k| key_of(k) }, **options_of(c["options"])) }
    when "verify", "unwrap" then run_steps(ctx, c)
    when "unsafe_unwrap"
      e = expect(ctx, c) { Hookseal.unsafe_unwrap(body_of(c)) }
      check_event(ctx, e, c["event"]) if e && c["event"]
    when "sign", "sign_legacy"
      sig = expect(ctx, c) do
        signer = Hookseal::Signer.new(key_of(c["keys"][0]))
        c["operation"] == "sign" ? signer.sign(c["msgId"], c["timestamp"], body_of(c)) : signer.sign_legacy(c["timestamp"], body_of(c))
      end
      assert_equal c["signature"], sig, ctx if sig
    else flunk "#{ctx}: unknown operation #{c["operation"]}"
    end
  end

  def run_steps(ctx, c)
    keys = c["keys"].map { |k| key_of(k) }
    opts = options_of(c["options"])
    checker = nil
    cur = c
    [c, *c.fetch("then", [])].each_with_index do |s, i|
      cur = inherit(cur, s)
      sctx = i.zero? ? ctx : "#{ctx} then[#{i - 1}]"
      body = body_of(cur)
      headers = headers_of(cur["headers"] || [], c["tcId"] + i)
      now = cur["now"]
      if c["operation"] == "verify"
        checker ||= begin
          Hookseal::Verifier.new(keys, **opts)
        rescue Hookseal::WebhookVerificationError => e
          e
        end
        if checker.is_a?(Exception)
          expect(sctx, s) { raise checker }
          next
        end
        got = expect(sctx, s) { checker.verify(body, headers, now: now) }
        assert_equal s["keyIndex"], got.key_index, "#{sctx}: keyIndex" if got && s.key?("keyIndex")
      else
        # The ImageKit entry point, with the case's keys as the webhook secret.
        checker ||= Hookseal::ImageKit::Client.new(webhook_secret: keys, **opts)
        event = expect(sctx, s) { checker.webhooks.unwrap(body, headers: headers, now: now) }
        check_event(sctx, event, s["event"]) if event && s["event"]
      end
    end
  end

  def snake(name)
    name.tr("-", "_").gsub(/([A-Z]+)([A-Z][a-z])/, '\1_\2').gsub(/([a-z0-9])([A-Z])/, '\1_\2').downcase
  end

  # Typed values as plain JSON-like values: String keys, Symbols as Strings.
  def plain(v)
    case v
    when Hash then v.to_h { |k, x| [k.to_s, plain(x)] }
    when Array then v.map { |x| plain(x) }
    when Symbol then v.to_s
    when String, Numeric, true, false, nil then v
    else plain(v.to_h)
    end
  end

  def dig_raw(raw, path)
    path.split(".").reduce([true, raw]) do |(ok, cur), k|
      ok && cur.is_a?(Hash) && cur.key?(k) ? [true, cur[k]] : [false, nil]
    end
  end

  def dig_typed(event, path)
    path.split(".").reduce([true, event]) do |(ok, cur), k|
      next [false, nil] unless ok

      if cur.is_a?(Hash)
        cur.key?(k.to_sym) ? [true, cur[k.to_sym]] : [false, nil]
      elsif cur.respond_to?(snake(k))
        [true, cur.public_send(snake(k))]
      else
        [false, nil]
      end
    end
  end

  def check_event(ctx, e, want)
    assert_equal want["type"], e.type.to_s, "#{ctx}: type"
    assert_kind_of Symbol, e.type
    want["id"].nil? ? assert_nil(e.id, "#{ctx}: id") : assert_equal(want["id"], e.id, "#{ctx}: id")
    assert_equal want["known"], !e.is_a?(Hookseal::Events::UnknownEvent), "#{ctx}: known"
    if want["createdAtMs"]
      assert_equal want["createdAtMs"], (e.created_at.to_r * 1000).to_i, "#{ctx}: created_at"
      assert e.created_at.utc?, ctx
    else
      assert_nil e.created_at, "#{ctx}: created_at"
    end
    raw = JSON.parse(e.raw_json)
    assert_equal raw, plain(e.to_h), "#{ctx}: to_h is the body"
    (want["fields"] || {}).each do |path, w|
      ok, got = dig_raw(raw, path)
      assert ok, "#{ctx}: raw #{path} missing"
      assert_equal w, got, "#{ctx}: raw #{path}" unless w.nil?
      assert_nil got, "#{ctx}: raw #{path}" if w.nil?
      next unless want["known"] && %w[data request timings].include?(path.split(".").first)

      ok, got = dig_typed(e, path)
      assert ok, "#{ctx}: typed #{path} has no reader"
      w.nil? ? assert_nil(plain(got), "#{ctx}: typed #{path}") : assert_equal(w, plain(got), "#{ctx}: typed #{path}")
    end
  end
end
