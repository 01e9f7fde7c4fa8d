# frozen_string_literal: true

# The Ruby runner of the cross-language differential run (tests/differential/README.md): cases in,
# one answer per case out, through the gem's public API (ruby/lib, with its built extension).
#   ruby -Iruby/lib tests/differential/run_ruby.rb cases.jsonl > answers.jsonl
# The typed view reads every schema member through the snake_case readers; Symbols (the type and
# enum-like members, as ImageKit's Ruby SDK has them) are answered as their names.
require "json"
require "hookseal"

ROOT = File.expand_path("../..", __dir__)
SCHEMA = JSON.parse(File.read(File.join(ROOT, "schema", "imagekit-events.json")))
EVENTS = SCHEMA["events"].to_h { |e| [e["type"], e] }

def snake(name)
  return "ai_tags" if name == "AITags"

  name.gsub(/([a-z0-9])([A-Z])/, '\1_\2').downcase
end

def plain(v)
  case v
  when Hash then v.to_h { |k, x| [k.to_s, plain(x)] }
  when Array then v.map { |x| plain(x) }
  when Symbol then v.to_s
  else v
  end
end

def typed(obj, fields)
  fields.reject { |f| f["type"] == "date-time" }.to_h do |f|
    [f["name"], convert(obj.public_send(snake(f["name"])), f["type"])]
  end
end

def convert(v, t)
  return nil if v.nil?
  return v.map { |x| convert(x, t.delete_suffix("[]")) } if t.end_with?("[]")
  return typed(v, SCHEMA["objects"][t]["fields"]) if SCHEMA["objects"].key?(t)

  plain(v)
end

def key_of(k)
  return { secret: [k["bytesHex"]].pack("H*"), key_mode: k["mode"] } if k["bytesHex"]
  return [k["hex"]].pack("H*") if k["mode"] == "raw"

  { secret: k["secret"], key_mode: k["mode"] }
end

def event_answer(e)
  known = !e.is_a?(Hookseal::Events::UnknownEvent)
  {
    "type" => e.type.to_s,
    "id" => e.id,
    "known" => known,
    "createdAtMs" => e.created_at && (e.created_at.to_r * 1000).floor,
    "typed" => known ? typed(e, SCHEMA["envelope"]["fields"] + EVENTS[e.type.to_s]["fields"]) : nil
  }
end

def answer(c)
  body = [c["bodyHex"]].pack("H*")
  return { "result" => "ok", "event" => event_answer(Hookseal.unsafe_unwrap(body)) } if c["operation"] == "unsafe_unwrap"

  o = c["options"] || {}
  v = Hookseal::Verifier.new(c["keys"].map { |k| key_of(k) }, tolerance: o.fetch("tolerance", 300),
                                                              legacy: o.fetch("legacy", false),
                                                              max_payload_bytes: o.fetch("maxPayloadBytes", 1_048_576))
  headers = {}
  c["headers"].each { |name, value| (headers[name] ||= []) << value }
  if c["operation"] == "verify"
    { "result" => "ok", "keyIndex" => v.verify(body, headers, now: c["now"]).key_index }
  else
    e = v.unwrap(body, headers, now: c["now"])
    { "result" => "ok", "keyIndex" => e.verified.key_index, "event" => event_answer(e) }
  end
rescue Hookseal::WebhookVerificationError => e
  { "result" => "error", "code" => e.code }
end

File.foreach(ARGV.fetch(0)) do |line|
  c = JSON.parse(line)
  $stdout.puts JSON.generate({ "tcId" => c["tcId"] }.merge(answer(c)))
end
