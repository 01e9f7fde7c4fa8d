import Foundation
import Hookseal

// Sign a delivery, then unwrap it, and refuse a tampered copy: the library links, loads and runs.
let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
let body = #"{"type":"file.deleted","id":"evt_1","created_at":"2024-03-11T09:15:22.640Z","data":{"fileId":"abc"}}"#
let now = Int64(Date().timeIntervalSince1970)
let headers = try WebhookSigner(secret: secret, mode: .imagekit)
    .headers(msgId: "msg_consumer", timestamp: now, payload: Data(body.utf8))
let webhooks = try ImageKitWebhooks(webhookSecret: secret)
let event = try webhooks.unwrap(payload: body, headers: headers)
do {
    _ = try webhooks.unwrap(payload: body.replacingOccurrences(of: "abc", with: "abd"), headers: headers)
    print("a tampered body verified")
    exit(1)
} catch let error as WebhookError {
    print("swift consumer: \(event.eventType) verified; tampered copy refused with \(error.code)")
}
