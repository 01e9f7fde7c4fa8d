# frozen_string_literal: true

# make bench-ruby: verify and unwrap at four sizes, side by side in one run with a verifier written
# with OpenSSL::HMAC the way the Standard Webhooks Ruby library does it (the peer) and OpenSSL's
# HMAC of the same bytes (the floor). Targets (issue 14): at 2 KiB, verify at least 3x the peer,
# unwrap at least 5x the peer plus JSON.parse. Then the memory a receiver holds after many large
# deliveries (the GC must see what the events hold outside Ruby's heap).

require "base64"
require "json"
require "openssl"
require "hookseal"

# The Standard Webhooks Ruby library's verify (standardwebhooks gem), minus its final JSON.parse:
# header lookup, timestamp window, HMAC of "id.timestamp.body", base64, constant-time compare.
class OpenSSLVerifier
  TOLERANCE = 5 * 60

  def initialize(secret)
    @secret = Base64.decode64(secret.delete_prefix("whsec_"))
  end

  def verify(payload, headers)
    msg_id = headers["webhook-id"]
    msg_signature = headers["webhook-signature"]
    msg_timestamp = headers["webhook-timestamp"]
    raise "Missing required headers" if !msg_signature || !msg_id || !msg_timestamp

    verify_timestamp(msg_timestamp)
    signature = sign(msg_id, msg_timestamp, payload).split(",", 2)[1]
    msg_signature.split(" ").each do |versioned|
      version, expected = versioned.split(",", 2)
      next unless version == "v1"
      return true if expected.bytesize == signature.bytesize && OpenSSL.fixed_length_secure_compare(signature, expected)
    end
    raise "No matching signature found"
  end

  def sign(msg_id, timestamp, payload)
    to_sign = "#{msg_id}.#{timestamp}.#{payload}"
    "v1,#{Base64.encode64(OpenSSL::HMAC.digest(OpenSSL::Digest.new("sha256"), @secret, to_sign)).strip}"
  end

  def verify_timestamp(timestamp_header)
    now = Time.now.to_i
    timestamp = Integer(timestamp_header, 10)
    raise "Message timestamp too old" if timestamp < now - TOLERANCE
    raise "Message timestamp too new" if timestamp > now + TOLERANCE
  end
end

SIZES = [200, 2 << 10, 64 << 10, 1 << 20].freeze
KEY = "0123456789abcdef0123456789abcdef"
SECRET = "whsec_#{Base64.strict_encode64(KEY)}".freeze

def size_name(n)
  return "#{n >> 20}MiB" if n >= 1 << 20
  return "#{n >> 10}KiB" if n >= 1 << 10

  "#{n}B"
end

# A file.created event padded to n bytes (the same body as the Go and Node benches).
def body_of(n)
  head = '{"id":"evt_bench","type":"file.created","created_at":"2024-05-18T02:40:00Z","data":{"fileId":"f_1",' \
         '"name":"a.jpg","url":"https://ik.imagekit.io/demo/a.jpg","description":"'
  tail = '"}}'
  head + ("x" * [0, n - head.bytesize - tail.bytesize].max) + tail
end

# Best of five runs of ns per call, each run at least `budget` seconds.
def measure(budget: 0.2)
  runs = Array.new(5) do
    n = 0
    t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
    elapsed = 0
    while elapsed < budget * 1e9
      50.times { yield }
      n += 50
      elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) - t0
    end
    elapsed.fdiv(n)
  end
  runs.min
end

def fmt(ns)
  return format("%.0f ns", ns) if ns < 1_000
  return format("%.2f µs", ns / 1e3) if ns < 1_000_000

  format("%.2f ms", ns / 1e6)
end

verify_rows = []
unwrap_rows = []
SIZES.each do |n|
  body = body_of(n).freeze
  headers = Hookseal::Signer.new(SECRET, key_mode: "standard").headers(body, msg_id: "msg_bench").freeze
  peer = OpenSSLVerifier.new(SECRET)
  hookseal = Hookseal::Verifier.new(SECRET, key_mode: "standard")
  webhook = Hookseal::Webhook.new(SECRET)
  signed_content = "msg_bench.#{headers["webhook-timestamp"]}.#{body}".freeze
  digest = OpenSSL::Digest.new("sha256")
  raise "peer refused" unless peer.verify(body, headers)
  raise "hookseal refused" unless hookseal.unwrap(body, headers).data.file_id == "f_1"

  floor = measure { OpenSSL::HMAC.digest(digest, KEY, signed_content) }
  peer_v = measure { peer.verify(body, headers) }
  ours_v = measure { hookseal.verify(body, headers) }
  # Both read one field, as a receiver does (and as lets Ruby's GC see the memory in use).
  peer_u = measure { peer.verify(body, headers) && JSON.parse(body, symbolize_names: true)[:data][:fileId] }
  ours_u = measure { hookseal.unwrap(body, headers).data.file_id }
  drop_in = measure { webhook.verify(body, headers) }
  verify_rows << [size_name(n), floor, peer_v, ours_v]
  unwrap_rows << [size_name(n), peer_u, drop_in, ours_u]
end

puts "Ruby #{RUBY_VERSION}, hookseal #{Hookseal::VERSION}; best of 5 runs of >= 0.2 s each"
puts
puts "| body | OpenSSL HMAC (floor) | OpenSSL verifier (peer) | hookseal verify | vs peer | target at 2 KiB >= 3x |"
puts "|---|---|---|---|---|---|"
verify_rows.each do |name, floor, peer, ours|
  target = name == "2KiB" ? (peer / ours >= 3 ? "met" : "MISSED") : ""
  puts "| #{name} | #{fmt(floor)} | #{fmt(peer)} | #{fmt(ours)} | #{format("%.1fx", peer / ours)} | #{target} |"
end
puts
puts "| body | peer + JSON.parse | hookseal Webhook#verify (+ JSON.parse) | hookseal unwrap (typed event) | unwrap vs peer + parse | target at 2 KiB >= 5x |"
puts "|---|---|---|---|---|---|"
unwrap_rows.each do |name, peer, drop_in, ours|
  target = name == "2KiB" ? (peer / ours >= 5 ? "met" : "MISSED") : ""
  puts "| #{name} | #{fmt(peer)} | #{fmt(drop_in)} | #{fmt(ours)} | #{format("%.1fx", peer / ours)} | #{target} |"
end

# Memory: RSS after 20,000 unwraps of a 64 KiB body, each reading one field.
body = body_of(64 << 10)
headers = Hookseal::Signer.new(SECRET, key_mode: "standard").headers(body, msg_id: "msg_bench")
verifier = Hookseal::Verifier.new(SECRET, key_mode: "standard")
rss = -> { File.read("/proc/self/status")[/VmRSS:\s+(\d+)/, 1].to_i / 1024 }
before = rss.call
20_000.times { verifier.unwrap(body, headers).data.file_id }
puts
puts "RSS after 20,000 unwraps of 64 KiB (1.3 GB of bodies): #{rss.call} MiB (#{rss.call - before} MiB more than before them)"
