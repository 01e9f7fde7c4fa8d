# frozen_string_literal: true

# The receivers a Ruby user writes: ImageKit's documented Sinatra app (examples/), through
# rack-test and as a real server started with `ruby app.rb -p PORT`; the ImageKit client; the Rack
# middleware.

require_relative "test_helper"
require "rack/test"
require "rack/builder"
require "net/http"
require "socket"
require "stringio"

ENV["RACK_ENV"] = "test"
ENV["IMAGEKIT_WEBHOOK_SECRET"] = Helpers::SECRET
EXAMPLE = File.join(ROOT, "examples", "ruby-sinatra-receiver", "app.rb")
$stdout = StringIO.new # the example prints each event
begin
  require EXAMPLE
ensure
  $stdout = STDOUT
end

class SinatraExampleTest < Minitest::Test
  include Rack::Test::Methods
  include Helpers

  def app = Sinatra::Application

  def deliver(body, headers)
    rack_env(headers).each { |k, v| env(k, v) }
    out = StringIO.new
    $stdout = out
    post "/webhook", body, "CONTENT_TYPE" => "application/json"
    out.string
  ensure
    $stdout = STDOUT
  end

  def test_every_documented_event_is_handled
    {
      "video.transformation.accepted" => /accepted: http/,
      "video.transformation.ready" => /Video ready: http/,
      "video.transformation.error" => /failed: encoding_failed|failed: \w+/,
      "upload.pre-transform.success" => /succeeded: http/,
      "file.created" => /File created: \w+ \(/,
      "file.deleted" => /File deleted: \w+/,
      "folder.created" => /Unhandled event type: folder.created/
    }.each do |type, printed|
      body = Hookseal.sample_body(type)
      out = deliver(body, signed(body, id: "msg_#{type}"))
      assert_equal 200, last_response.status, "#{type}: #{last_response.body}"
      assert_equal({ "received" => true }, JSON.parse(last_response.body))
      assert_match printed, out, type
    end
  end

  def test_a_forged_or_stale_delivery_is_refused
    body = Hookseal.sample_body("file.created")
    deliver(body, signed(body, secret: "whsec_someone_else"))
    assert_equal 400, last_response.status
    deliver(body, signed(body, ts: Time.now.to_i - 3600))
    assert_equal 400, last_response.status
    deliver("#{body} ", signed(body))
    assert_equal 400, last_response.status
  end

  def free_port
    s = TCPServer.new("127.0.0.1", 0)
    s.addr[1]
  ensure
    s&.close
  end

  # `ruby app.rb -p PORT`, as the file says, with Debian's webrick.
  def test_it_runs_as_a_classic_sinatra_file
    port = free_port
    lib = File.expand_path("../lib", __dir__)
    log = File.join(Dir.tmpdir, "hookseal-sinatra-#{port}.log")
    pid = spawn({ "RUBYLIB" => lib, "IMAGEKIT_WEBHOOK_SECRET" => SECRET, "RACK_ENV" => "production" },
                RbConfig.ruby, EXAMPLE, "-p", port.to_s, "-o", "127.0.0.1", out: log, err: log)
    body = Hookseal.sample_body("video.transformation.ready")
    res = nil
    100.times do
      res = Net::HTTP.start("127.0.0.1", port) do |http|
        http.post("/webhook", body, signed(body).merge("content-type" => "application/json"))
      end
      break
    rescue Errno::ECONNREFUSED
      sleep 0.1
    end
    refute_nil res, File.read(log)
    assert_equal "200", res.code, File.read(log)
    bad = Net::HTTP.start("127.0.0.1", port) { |http| http.post("/webhook", body, signed("{}").merge("content-type" => "application/json")) }
    assert_equal "400", bad.code
  ensure
    if pid
      Process.kill("TERM", pid)
      Process.wait(pid)
    end
  end
end

class ImageKitClientTest < Minitest::Test
  include Helpers

  def test_the_sdk_call_shape
    body = Hookseal.sample_body("video.transformation.accepted")
    client = Hookseal::ImageKit::Client.new(private_key: "private_x", webhook_secret: SECRET)
    event = client.webhooks.unwrap(body, headers: signed(body))
    assert_instance_of Hookseal::Events::VideoTransformationAcceptedEvent, event
    assert_equal "imagekit", client.webhooks.verify(body, headers: signed(body)).then { "imagekit" }
    # key: overrides the client's secret.
    other = "whsec_other_secret"
    assert_equal :"video.transformation.accepted",
                 client.webhooks.unwrap(body, headers: signed(body, secret: other), key: other).type
    assert_raises(Hookseal::InvalidSignatureError) { client.webhooks.unwrap(body, headers: signed(body, secret: other)) }
    # The request env works as the headers too.
    assert_equal "msg_1", client.webhooks.unwrap(body, headers: rack_env(signed(body))).verified.id
    assert_instance_of Hookseal::Events::VideoTransformationAcceptedEvent, client.webhooks.unsafe_unwrap(body)
    assert_raises(NotImplementedError) { client.files }
  end

  def test_the_environment_is_read_when_no_secret_is_given
    body = Hookseal.sample_body("file.deleted")
    old = ENV.to_h.slice("IMAGEKIT_WEBHOOK_SECRET", "HOOKSEAL_REPLAY_GUARD")
    ENV["IMAGEKIT_WEBHOOK_SECRET"] = SECRET
    ENV["HOOKSEAL_REPLAY_GUARD"] = "memory"
    client = Hookseal::ImageKit::Client.new
    h = signed(body)
    client.webhooks.unwrap(body, headers: h)
    assert_raises(Hookseal::ReplayedError) { client.webhooks.unwrap(body, headers: h) }
    ENV.delete("IMAGEKIT_WEBHOOK_SECRET")
    ENV.delete("HOOKSEAL_REPLAY_GUARD")
    e = assert_raises(Hookseal::InvalidSecretError) { Hookseal::ImageKit::Client.new.webhooks.unwrap(body, headers: h) }
    assert_match(/IMAGEKIT_WEBHOOK_SECRET/, e.message)
  ensure
    old&.each { |k, v| ENV[k] = v }
  end
end

class RackMiddlewareTest < Minitest::Test
  include Rack::Test::Methods
  include Helpers

  def app
    Rack::Builder.new do
      use Hookseal::Rack::Middleware, secret: Helpers::SECRET, path: "/hooks/imagekit",
                                      replay_guard: Hookseal::ReplayGuard.in_memory
      run lambda { |env|
        event = env["hookseal.event"]
        seen = env["rack.input"].read
        [200, { "content-type" => "text/plain" }, ["#{event&.type} #{seen.bytesize}"]]
      }
    end
  end

  def deliver(path, body, headers)
    rack_env(headers).each { |k, v| header_env(k, v) }
    post path, body
  end

  def header_env(k, v) = env(k, v)

  def test_verified_events_reach_the_app_with_the_body_rewound
    body = Hookseal.sample_body("file.updated")
    deliver("/hooks/imagekit", body, signed(body))
    assert_equal 200, last_response.status
    assert_equal "file.updated #{body.bytesize}", last_response.body
  end

  def test_failures_answer_the_core_status_with_the_code
    body = Hookseal.sample_body("file.updated")
    deliver("/hooks/imagekit", body, signed(body, secret: "whsec_forged"))
    assert_equal 401, last_response.status
    assert_equal "invalid_signature", JSON.parse(last_response.body)["code"]
    h = signed(body, id: "msg_twice")
    deliver("/hooks/imagekit", body, h)
    assert_equal 200, last_response.status
    deliver("/hooks/imagekit", body, h)
    assert_equal 401, last_response.status, last_response.body
    assert_equal "replayed", JSON.parse(last_response.body)["code"]
    post "/hooks/imagekit", "x" * (2 * 1024 * 1024)
    assert_equal 413, last_response.status
    assert_equal "payload_too_large", JSON.parse(last_response.body)["code"]
  end

  def test_other_requests_pass_through
    get "/hooks/imagekit"
    assert_equal 200, last_response.status
    post "/elsewhere", "{}"
    assert_equal 200, last_response.status
    assert_equal " 2", last_response.body
  end
end
