# frozen_string_literal: true

# The Redis replay guard against a real redis-server on a loopback port (started here): the key
# scheme every hookseal language shares, sharing across receivers, failing closed and open.

require_relative "test_helper"
require "redis"
require "socket"

class RedisGuardTest < Minitest::Test
  include Helpers

  def self.free_port
    s = TCPServer.new("127.0.0.1", 0)
    s.addr[1]
  ensure
    s&.close
  end

  PORT = free_port
  URL = "redis://127.0.0.1:#{PORT}/"

  def self.server
    @server ||= begin
      pid = spawn("redis-server", "--port", PORT.to_s, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                  out: File::NULL)
      Minitest.after_run do
        Process.kill("KILL", pid)
        Process.wait(pid)
      end
      200.times do
        TCPSocket.new("127.0.0.1", PORT).close
        break
      rescue Errno::ECONNREFUSED
        sleep 0.02
      end
      pid
    end
  end

  def setup
    self.class.server
    @redis = Redis.new(url: URL)
    @redis.flushall
  end

  def body = Hookseal.sample_body("file.created")

  def test_the_shared_key_scheme
    v = Hookseal::Verifier.new(SECRET, replay_guard: Hookseal::ReplayGuard.redis(URL))
    h = signed(body, id: "msg_shared_1")
    assert_equal :recorded, v.verify(body, h).replay
    assert_equal ["hookseal:replay:msg_shared_1"], @redis.keys("*")
    assert_equal "1", @redis.get("hookseal:replay:msg_shared_1")
    ttl = @redis.pttl("hookseal:replay:msg_shared_1")
    assert_operator ttl, :>, 0
    assert_operator ttl, :<=, ((2 * 300) + 1) * 1000 # twice the tolerance plus a second
    assert_raises(Hookseal::ReplayedError) { v.verify(body, h) }
  end

  def test_receivers_share_one_redis_and_a_prefix_separates_apps
    a = Hookseal::Verifier.new(SECRET, replay_guard: Hookseal::ReplayGuard.redis(URL))
    b = Hookseal::ImageKit::Client.new(webhook_secret: SECRET, replay_guard: Hookseal::ReplayGuard.from_spec(URL))
    other_app = Hookseal::Verifier.new(SECRET, replay_guard: Hookseal::ReplayGuard.redis(URL, prefix: "app2:"))
    h = signed(body, id: "msg_shared_2")
    a.verify(body, h)
    assert_raises(Hookseal::ReplayedError) { b.webhooks.unwrap(body, headers: h) }
    assert_equal :recorded, other_app.verify(body, h).replay
    # A message already recorded by another language's receiver (same key) is a replay here.
    @redis.set("hookseal:replay:msg_from_python", "1", px: 60_000)
    assert_raises(Hookseal::ReplayedError) { a.verify(body, signed(body, id: "msg_from_python")) }
  end

  def test_down_redis_fails_closed_unless_told_to_fail_open
    dead = "redis://127.0.0.1:#{self.class.free_port}/"
    closed = Hookseal::Verifier.new(SECRET, replay_guard: Hookseal::ReplayGuard.redis(dead, timeout: 0.2))
    e = assert_raises(Hookseal::ReplayGuardUnavailableError) { closed.verify(body, signed(body)) }
    assert_equal 503, e.http_status
    open = Hookseal::Verifier.new(SECRET, replay_guard: Hookseal::ReplayGuard.redis(dead, timeout: 0.2, fail_open: true))
    assert_equal :unavailable, open.verify(body, signed(body)).replay
    # A forged delivery is refused before Redis is asked.
    assert_raises(Hookseal::InvalidSignatureError) { closed.verify(body, signed(body, secret: "whsec_x")) }
    assert_raises(Hookseal::ReplayGuardUnavailableError) { Hookseal::ReplayGuard.redis("http://nope") }
    refute_includes Hookseal::ReplayGuard.redis("redis://:hunter2@127.0.0.1:#{PORT}/").inspect, "hunter2"
  end

  def test_in_memory_guard
    g = Hookseal::ReplayGuard.in_memory(capacity: 2)
    v = Hookseal::Verifier.new(SECRET, replay_guard: g)
    v.verify(body, signed(body, id: "m1"))
    v.verify(body, signed(body, id: "m2"))
    assert_equal 2, g.size
    assert_equal 2, g.capacity
    assert_raises(Hookseal::ReplayGuardUnavailableError) { v.verify(body, signed(body, id: "m3")) }
    assert_nil Hookseal::ReplayGuard.from_spec("off")
    assert_equal 7, Hookseal::ReplayGuard.from_spec("memory:7").capacity
  end
end
