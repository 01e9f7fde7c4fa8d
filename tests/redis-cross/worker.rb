# frozen_string_literal: true

# One Ruby receiver for driver.py: verify every delivery ROUNDS times against the shared Redis.
require "json"
require "hookseal"

spec = JSON.parse(File.read(ARGV[0]))
go = ARGV[1]
webhook = Hookseal::Webhook.new(spec["secret"], key_mode: "imagekit",
                                                replay_guard: Hookseal::ReplayGuard.redis(spec["redis"]))
order = (0...spec["deliveries"].length).to_a * spec["rounds"]
order.shuffle!(random: Random.new(Integer(ARGV[2])))
sleep 0.001 until File.exist?(go)
counts = { lang: "ruby", accepted: 0, replayed: 0, other: Hash.new(0) }
order.each do |i|
  d = spec["deliveries"][i]
  begin
    webhook.verify(d["body"], d["headers"], json_parse: false)
    counts[:accepted] += 1
  rescue Hookseal::ReplayedError
    counts[:replayed] += 1
  rescue Hookseal::WebhookVerificationError => e
    counts[:other][e.code] += 1
  end
end
puts JSON.generate(counts)
