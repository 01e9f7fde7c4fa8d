import Foundation
import XCTest

import Hookseal

final class ApiTests: XCTestCase {
    // contract §9, vector C (imagekit key mode).
    let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
    let body = #"{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"#
    let headers = [
        "webhook-id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        "webhook-timestamp": "1674087231",
        "webhook-signature": "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=",
    ]
    let now: Int64 = 1_674_087_231

    func code(_ block: () throws -> Void) -> String? {
        do {
            try block()
            return nil
        } catch let e as WebhookError {
            return e.code
        } catch {
            return "not a WebhookError: \(error)"
        }
    }

    func testImageKitUnwrapMatchesTheSpecVector() throws {
        let webhooks = try ImageKitWebhooks(webhookSecret: secret)
        let event = try webhooks.unwrap(payload: Data(body.utf8), headers: headers, now: now)
        XCTAssertEqual(event.eventType, "file.deleted")
        XCTAssertEqual(event.createdAtMs, 1_577_470_279_117)
        guard case let .fileDeleted(data) = event.payload else {
            return XCTFail("expected fileDeleted, got \(event.payload)")
        }
        XCTAssertEqual(data.fileId, "abc")
        let raw = try JSONSerialization.jsonObject(with: Data(event.raw.utf8)) as! [String: Any]
        XCTAssertEqual((raw["data"] as! [String: Any])["fileId"] as? String, "abc")
        XCTAssertEqual(try webhooks.unwrap(payload: body, headers: headers, now: now), event)
    }

    func testTheSameSecretInStandardModeDoesNotVerify() throws {
        do {
            try Webhook(secret: secret).verify(payload: body, headers: headers, now: now)
            XCTFail("expected invalid_signature")
        } catch let WebhookError.InvalidSignature(message) {
            XCTAssert(message.contains("key mode"), message)
            XCTAssertFalse(message.contains("xeO2UNk"), message)
        }
    }

    func testPerCallKeyAndSeveralSecrets() throws {
        let other = try ImageKitWebhooks(webhookSecret: "whsec_someOtherSecretAAAAAAAAAAAAAAAA")
        XCTAssertEqual(code { _ = try other.unwrap(payload: self.body, headers: self.headers, now: self.now) }, "invalid_signature")
        XCTAssertEqual(try other.unwrap(payload: body, headers: headers, key: secret, now: now).eventType, "file.deleted")
        let rotated = try ImageKitWebhooks.withOptions(webhookSecrets: ["whsec_old", secret], options: WebhookOptions())
        let got = try rotated.unwrapHeaders(
            payload: Data(body.utf8), headers: headers.map { HeaderPair(name: $0.key, value: $0.value) }, now: now)
        XCTAssertEqual(got.verification.keyIndex, 1)
    }

    func testStandardWebhookDropIn() throws {
        // contract §9, vector A.
        let wh = try Webhook(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let payload = #"{"test": 2432232314}"#
        let sig = try wh.sign(msgId: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, payload: payload)
        XCTAssertEqual(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let h = ["webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": sig]
        let v = try wh.verify(payload: payload, headers: h, now: 1_614_265_330)
        XCTAssertEqual(v.keyIndex, 0)
        XCTAssertEqual(v.scheme, .v1)
        // Without `now`, the real clock applies: this 2021 message is stale.
        XCTAssertEqual(code { try wh.verify(payload: payload, headers: h) }, "timestamp_too_old")
    }

    func testOptions() throws {
        let tight = try ImageKitWebhooks.withOptions(webhookSecrets: [secret], options: WebhookOptions(toleranceSeconds: 10))
        XCTAssertEqual(code { _ = try tight.unwrap(payload: self.body, headers: self.headers, now: self.now + 11) }, "timestamp_too_old")
        XCTAssertEqual(code { _ = try tight.unwrap(payload: self.body, headers: self.headers, now: self.now - 11) }, "timestamp_too_new")
        let small = try ImageKitWebhooks.withOptions(webhookSecrets: [secret], options: WebhookOptions(maxPayloadBytes: 10))
        XCTAssertEqual(code { _ = try small.unwrap(payload: self.body, headers: self.headers, now: self.now) }, "payload_too_large")

        let signer = try WebhookSigner(secret: secret, mode: .imagekit)
        let legacyHeaders = ["x-ik-signature": try signer.signLegacy(timestampMs: now * 1000, payload: Data(body.utf8))]
        let plain = try ImageKitWebhooks(webhookSecret: secret)
        XCTAssertEqual(code { _ = try plain.unwrap(payload: self.body, headers: legacyHeaders, now: self.now) }, "missing_header")
        let legacy = try ImageKitWebhooks.withOptions(webhookSecrets: [secret], options: WebhookOptions(legacy: true))
        XCTAssertEqual(try legacy.verify(payload: Data(body.utf8), headers: legacyHeaders, now: now).scheme, .legacy)

        let std = try ImageKitWebhooks.withOptions(
            webhookSecrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], options: WebhookOptions(keyMode: .standard))
        XCTAssertEqual(
            try std.sign(msgId: "m", timestamp: now, payload: Data(body.utf8)),
            try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", mode: .standard)
                .sign(msgId: "m", timestamp: now, payload: Data(body.utf8)))
    }

    func testReplayGuard() throws {
        let guardian = InMemoryReplayGuard()
        let webhooks = try ImageKitWebhooks.withOptions(webhookSecrets: [secret], options: WebhookOptions(replayGuard: guardian))
        XCTAssertEqual(try webhooks.verify(payload: Data(body.utf8), headers: headers, now: now).replay, .recorded)
        XCTAssertEqual(guardian.size(), 1)
        XCTAssertEqual(code { _ = try webhooks.unwrap(payload: self.body, headers: self.headers, now: self.now + 1) }, "replayed")

        let tiny = try ImageKitWebhooks.withOptions(
            webhookSecrets: [secret], options: WebhookOptions(replayGuard: InMemoryReplayGuard(capacity: 1)))
        try tiny.verify(payload: Data(body.utf8), headers: headers, now: now)
        let other = try WebhookSigner(secret: secret, mode: .imagekit).headers(msgId: "msg_other", timestamp: now, payload: Data(body.utf8))
        XCTAssertEqual(code { _ = try tiny.verify(payload: Data(self.body.utf8), headers: other, now: self.now) }, "replay_guard_unavailable")
    }

    // The core's ErrorKind::http_status, which receivers answer with.
    static let httpStatus: [String: Int] = [
        "missing_header": 401, "invalid_header": 400, "invalid_timestamp": 400,
        "timestamp_too_old": 401, "timestamp_too_new": 401, "invalid_signature": 401,
        "invalid_secret": 500, "invalid_payload": 400, "payload_too_large": 413,
        "replayed": 401, "replay_guard_unavailable": 503,
    ]

    func testEveryCoreErrorCodeIsAnErrorCase() {
        let codes = errorCodes()
        XCTAssertEqual(codes.count, 11, "contract §7 lists 11 codes; update this test and the bindings together")
        for c in codes {
            do {
                try throwErrorForCode(code: c)
                XCTFail("\(c) did not throw")
            } catch let e as WebhookError {
                XCTAssertEqual(e.code, c, "core code \(c) comes back as \(e)")
                // The case is named after the code: invalid_signature -> InvalidSignature.
                let caseName = c.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                XCTAssert(String(describing: e).hasPrefix(caseName + "("), "\(e)")
                XCTAssertEqual(e.httpStatus, Self.httpStatus[c], "the core's HTTP status for \(c)")
            } catch {
                XCTFail("\(c): not a WebhookError: \(error)")
            }
        }
    }

    func testSecretsNeverReachDescriptions() throws {
        let key = try WebhookKey.parse(secret: secret, mode: .imagekit)
        XCTAssertFalse(String(describing: key).contains("xeO2UNk"))
        XCTAssertFalse(String(reflecting: key).contains("xeO2UNk"))
        XCTAssert(String(reflecting: key).contains("redacted"), String(reflecting: key))
    }

    func testInvalidSecretsFailWhenBuilding() {
        XCTAssertEqual(code { _ = try ImageKitWebhooks(webhookSecret: "") }, "invalid_secret")
        XCTAssertEqual(code { _ = try Webhook(secret: "whsec_not base64!") }, "invalid_secret")
        XCTAssertEqual(code { _ = try ImageKitWebhooks.withOptions(webhookSecrets: [], options: WebhookOptions()) }, "invalid_secret")
    }

    func testUnsafeUnwrapUnknownTypesAndSamples() throws {
        let e = try ImageKitWebhooks(webhookSecret: secret).unsafeUnwrap(payload: #"{"type":"brand.new","extra":{"n":1}}"#)
        XCTAssertFalse(e.isKnown)
        XCTAssertEqual(e.payload, .unknown)
        XCTAssert(e.raw.contains("\"extra\""))
        XCTAssertEqual(code { _ = try unsafeUnwrap(payload: Data("[]".utf8)) }, "invalid_payload")
        XCTAssertEqual(eventTypes().count, 15)
        for t in eventTypes() {
            let ev = try unsafeUnwrap(payload: Data(sampleBody(eventType: t)!.utf8))
            XCTAssertEqual(ev.eventType, t)
            XCTAssert(ev.isKnown)
        }
    }

    func testTestHeadersVerify() throws {
        let webhooks = try ImageKitWebhooks(webhookSecret: secret)
        let h = try webhooks.testHeaders(payload: Data(body.utf8))
        XCTAssert(h["webhook-id"]!.hasPrefix("msg_"))
        XCTAssertEqual(try webhooks.unwrap(payload: body, headers: h).eventType, "file.deleted")
    }
}
