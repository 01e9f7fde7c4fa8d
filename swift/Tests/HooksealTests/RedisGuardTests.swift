import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

import Hookseal

/// `ReplayGuard.redis` against real redis-servers on loopback ports. The tests run in a chroot
/// without redis-server, so `make test-swift` starts them on the host through
/// `scripts/with-redis.sh` and passes their ports (and the pid of the one a test stops) in
/// environment variables. Without them (a bare `swift test`) these tests are skipped, unless
/// `HOOKSEAL_REQUIRE_REDIS=1` (set by make) makes that a failure.
final class RedisGuardTests: XCTestCase {
    let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
    let body = Data(#"{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"#.utf8)

    struct MissingRedis: Error, CustomStringConvertible {
        let description: String
    }

    func env(_ name: String) throws -> String {
        let vars = ProcessInfo.processInfo.environment
        if let value = vars[name], !value.isEmpty {
            return value
        }
        if vars["HOOKSEAL_REQUIRE_REDIS"] == "1" {
            throw MissingRedis(description: "\(name) is not set; scripts/with-redis.sh sets it")
        }
        throw XCTSkip("\(name) is not set: run through `make test-swift`, which starts redis-server")
    }

    func url() throws -> String {
        "redis://127.0.0.1:\(try env("HOOKSEAL_TEST_REDIS_PORT"))/"
    }

    /// Headers signed now, so the real clock verifies them (the tests use short tolerances).
    func signed(_ id: String, secret signingSecret: String? = nil) throws -> [String: String] {
        try WebhookSigner(secret: signingSecret ?? secret, mode: .imagekit)
            .headers(msgId: id, timestamp: Int64(Date().timeIntervalSince1970), payload: body)
    }

    func webhooks(_ guardian: ReplayGuard, tolerance: Int64 = 300) throws -> ImageKitWebhooks {
        try ImageKitWebhooks.withOptions(
            webhookSecrets: [secret], options: WebhookOptions(toleranceSeconds: tolerance, replayGuard: guardian))
    }

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

    func testTheSameDeliveryTwiceIsAcceptedOnceAcrossReceivers() throws {
        // Two receivers with their own guard objects, as two processes would have, sharing one Redis.
        let a = try webhooks(try ReplayGuard.redis(url: try url(), prefix: "t1:"))
        let b = try webhooks(try ReplayGuard.redis(url: try url(), prefix: "t1:"))
        let headers = try signed("msg_twice")
        XCTAssertEqual(try a.verify(payload: body, headers: headers).replay, .recorded)
        XCTAssertEqual(code { _ = try b.unwrap(payload: self.body, headers: headers) }, "replayed")
        // Another prefix is another application: it keeps its own ids.
        let other = try webhooks(try ReplayGuard.redis(url: try url(), prefix: "t2:"))
        XCTAssertEqual(try other.verify(payload: body, headers: headers).replay, .recorded)
        XCTAssertNil(try ReplayGuard.redis(url: try url()).size())
        XCTAssertEqual(InMemoryReplayGuard().size(), 0)
    }

    func testAForgedDeliveryNeverRecordsItsId() throws {
        let webhooks = try webhooks(try ReplayGuard.redis(url: try url(), prefix: "f:"))
        let forged = try signed("msg_forged", secret: "whsec_forger")
        XCTAssertEqual(code { _ = try webhooks.verify(payload: self.body, headers: forged) }, "invalid_signature")
        XCTAssertEqual(try webhooks.verify(payload: body, headers: try signed("msg_forged")).replay, .recorded)
    }

    func testIdsExpireAfterTheTtl() throws {
        // Tolerance 1 s: ids are remembered for twice that plus a second, 3 s (Redis expires them).
        let webhooks = try webhooks(try ReplayGuard.redis(url: try url(), prefix: "e:"), tolerance: 1)
        XCTAssertEqual(try webhooks.verify(payload: body, headers: try signed("msg_ttl")).replay, .recorded)
        let again = try signed("msg_ttl")
        XCTAssertEqual(code { _ = try webhooks.verify(payload: self.body, headers: again) }, "replayed")
        Thread.sleep(forTimeInterval: 3.1)
        XCTAssertEqual(try webhooks.verify(payload: body, headers: try signed("msg_ttl")).replay, .recorded)
    }

    func testRedisStoppedMidRunFailsClosedOrOpenWithinTheTimeout() throws {
        let port = try env("HOOKSEAL_TEST_REDIS_STOPPABLE_PORT")
        guard let pid = pid_t(try env("HOOKSEAL_TEST_REDIS_STOPPABLE_PID")) else {
            return XCTFail("HOOKSEAL_TEST_REDIS_STOPPABLE_PID is not a pid")
        }
        let stoppable = "redis://127.0.0.1:\(port)/"
        let closed = try webhooks(try ReplayGuard.redis(url: stoppable, prefix: "s:", timeoutMs: 300))
        let open = try webhooks(try ReplayGuard.redis(url: stoppable, prefix: "s:", timeoutMs: 300, failureMode: .failOpen))
        XCTAssertEqual(try closed.verify(payload: body, headers: try signed("msg_1")).replay, .recorded)
        XCTAssertEqual(try open.verify(payload: body, headers: try signed("msg_2")).replay, .recorded)

        // Frozen: connections open but nothing answers, so only the timeout ends each call.
        XCTAssertEqual(kill(pid, SIGSTOP), 0)
        var start = Date()
        let h3 = try signed("msg_3")
        XCTAssertEqual(code { _ = try closed.verify(payload: self.body, headers: h3) }, "replay_guard_unavailable")
        XCTAssertEqual(try open.verify(payload: body, headers: try signed("msg_4")).replay, .unavailable)
        // A hang check, not a benchmark: each call is bounded by the 300 ms timeout.
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)

        // Stopped: connections refused. (scripts/with-redis.sh thaws and reaps it at the end.)
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        // kill() returns before the process is gone: wait until a fresh guard finds no server.
        let probe = try webhooks(try ReplayGuard.redis(url: stoppable, prefix: "probe:", timeoutMs: 100))
        var refused = false
        for i in 0..<500 where !refused {
            let h = try signed("probe_\(i)")
            refused = code { _ = try probe.verify(payload: self.body, headers: h) } == "replay_guard_unavailable"
            if !refused { Thread.sleep(forTimeInterval: 0.01) }
        }
        XCTAssertTrue(refused, "redis-server did not stop")
        start = Date()
        let h5 = try signed("msg_5")
        do {
            _ = try closed.unwrap(payload: body, headers: h5)
            XCTFail("accepted while Redis is down")
        } catch WebhookError.ReplayGuardUnavailable(let message) {
            XCTAssertTrue(message.contains("127.0.0.1:\(port)"), message)
        }
        let accepted = try open.unwrapHeaders(
            payload: body, headers: try signed("msg_6").map { HeaderPair(name: $0.key, value: $0.value) })
        XCTAssertEqual(accepted.event.eventType, "file.deleted")
        XCTAssertEqual(accepted.verification.replay, .unavailable)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        // A forgery is still refused as a forgery, not as a guard failure.
        let forged = try signed("msg_7", secret: "whsec_forger")
        XCTAssertEqual(code { _ = try closed.verify(payload: self.body, headers: forged) }, "invalid_signature")
    }

    func testConcurrentDeliveriesAcceptEachMessageOnce() throws {
        let url = try url()
        let messages = try (0..<200).map { try signed("msg_c\($0)") }
        let receivers = try (0..<8).map { _ in try webhooks(try ReplayGuard.redis(url: url, prefix: "c:")) }
        let lock = NSLock()
        var accepted = 0
        var other: [String] = []
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for round in 0..<5 {
                for i in 0..<200 {
                    let headers = messages[(i + 37 * (t + round)) % 200]
                    let outcome = code { _ = try receivers[t].verify(payload: self.body, headers: headers) }
                    lock.lock()
                    switch outcome {
                    case nil: accepted += 1
                    case "replayed": break
                    case let c?: other.append(c)
                    }
                    lock.unlock()
                }
            }
        }
        XCTAssertEqual(accepted, 200)
        XCTAssertEqual(other, [])
    }

    func testTheImageKitEntryPointReadsHooksealReplayGuard() throws {
        let url = try url()
        XCTAssertEqual(replayGuardEnv(), "HOOKSEAL_REPLAY_GUARD")
        defer { unsetenv("HOOKSEAL_REPLAY_GUARD") }
        setenv("HOOKSEAL_REPLAY_GUARD", url, 1)
        let a = try ImageKitWebhooks(webhookSecret: secret)
        let b = try ImageKitWebhooks.withOptions(webhookSecrets: [secret], options: WebhookOptions())
        let headers = try signed("msg_env")
        XCTAssertEqual(try a.verify(payload: body, headers: headers).replay, .recorded)
        XCTAssertEqual(code { _ = try b.verify(payload: self.body, headers: headers) }, "replayed")
        // A guard in code wins over the variable; the Standard Webhooks class never reads it.
        XCTAssertEqual(try webhooks(InMemoryReplayGuard()).verify(payload: body, headers: headers).replay, .recorded)
        let std = try Webhook.withOptions(secrets: [secret], options: WebhookOptions(keyMode: .imagekit))
        XCTAssertEqual(try std.verify(payload: body, headers: headers).replay, .notChecked)

        setenv("HOOKSEAL_REPLAY_GUARD", "memcached://nope", 1)
        XCTAssertEqual(code { _ = try ImageKitWebhooks(webhookSecret: self.secret) }, "replay_guard_unavailable")
        setenv("HOOKSEAL_REPLAY_GUARD", "off", 1)
        XCTAssertEqual(try ImageKitWebhooks(webhookSecret: secret).verify(payload: body, headers: headers).replay, .notChecked)
        XCTAssertNil(try replayGuardFromSpec(spec: "off"))
        let fromSpec = try XCTUnwrap(try replayGuardFromSpec(spec: "memory:50"))
        XCTAssertEqual(try webhooks(fromSpec).verify(payload: body, headers: headers).replay, .recorded)
        XCTAssertEqual(code { _ = try self.webhooks(fromSpec).verify(payload: self.body, headers: headers) }, "replayed")
    }
}
