# ImageKit's Sinatra webhook receiver, from ImageKit's docs, on hookseal. Only two lines differ
# from the documented one (marked "hookseal"): the `require` and the client constant.
#
#   IMAGEKIT_WEBHOOK_SECRET=whsec_... ruby app.rb -p 4567
require 'sinatra'
require 'json'
require 'hookseal/imagekit' # hookseal: was `require 'imagekitio'`

client = Hookseal::ImageKit::Client.new( # hookseal: was `Imagekitio::Client.new(`
  private_key: ENV['IMAGEKIT_PRIVATE_KEY'],
  webhook_secret: ENV['IMAGEKIT_WEBHOOK_SECRET']
)

post '/webhook' do
  payload = request.body.read
  headers = {
    'webhook-id' => request.env['HTTP_WEBHOOK_ID'],
    'webhook-timestamp' => request.env['HTTP_WEBHOOK_TIMESTAMP'],
    'webhook-signature' => request.env['HTTP_WEBHOOK_SIGNATURE']
  }

  begin
    event = client.webhooks.unwrap(payload, headers: headers)
  rescue => e
    puts "Webhook verification failed: #{e.message}"
    halt 400, { error: 'Invalid webhook signature' }.to_json
  end

  case event.type
  when :'video.transformation.accepted'
    puts "Video transformation accepted: #{event.data.asset.url}"
  when :'video.transformation.ready'
    puts "Video ready: #{event.data.transformation.output.url}"
  when :'video.transformation.error'
    puts "Video transformation failed: #{event.data.transformation.error.reason}"
  when :'upload.pre-transform.success', :'upload.post-transform.success'
    puts "Upload transformation succeeded: #{event.data.url}"
  when :'file.created'
    puts "File created: #{event.data.file_id} (#{event.data.name})"
  when :'file.deleted'
    puts "File deleted: #{event.data.file_id}"
  else
    puts "Unhandled event type: #{event.type}"
  end

  content_type :json
  { received: true }.to_json
end
