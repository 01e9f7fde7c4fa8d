import Foundation
import XCTest

@testable import Hookseal

/// Runs every case of every shared vector file (tests/vectors, read in place) through the Swift
/// API and asserts each file's numberOfTests.
final class VectorsTests: XCTestCase {
    static let vectorsDir = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tests/vectors")

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    func testEverySharedVector() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.vectorsDir.path)
            .filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 7, "vector files in \(Self.vectorsDir.path)")
        var total = 0
        for name in files {
            let data = try Data(contentsOf: Self.vectorsDir.appendingPathComponent(name))
            let doc = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            XCTAssertEqual(doc["schema"] as? String, "hookseal-vectors-v1", name)
            let tests = doc["tests"] as! [[String: Any]]
            var ran = 0
            var failures: [String] = []
            for c in tests {
                do {
                    try runCase(c)
                } catch {
                    failures.append("tcId \(c["tcId"]!) (\(c["comment"] ?? "")): \(error)")
                }
                ran += 1
            }
            XCTAssert(failures.isEmpty, "\(name): \(failures.count) failing cases:\n" + failures.joined(separator: "\n"))
            XCTAssertEqual(ran, (doc["numberOfTests"] as! NSNumber).intValue, "\(name): ran \(ran) cases")
            print("swift vectors \(name): \(ran) cases passed")
            total += ran
        }
        print("swift vectors: \(total) cases in \(files.count) files")
    }

    // MARK: - case runner

    func body(_ o: [String: Any]) -> Data? {
        if let b = o["body"] as? String { return Data(b.utf8) }
        if let h = o["bodyHex"] as? String { return hex(h) }
        if let r = o["bodyRepeat"] as? [String: Any] {
            return Data(String(repeating: r["chunk"] as! String, count: (r["count"] as! NSNumber).intValue).utf8)
        }
        return nil
    }

    func keys(_ c: [String: Any]) throws -> [WebhookKey] {
        try (c["keys"] as? [[String: Any]] ?? []).map { k in
            // A secret given as bytes: in Swift that is `WebhookKey.fromBytes`, whatever key mode
            // the rest of the configuration uses (the core's rule).
            if let b = k["bytesHex"] as? String { return try WebhookKey.fromBytes(bytes: hex(b)) }
            switch k["mode"] as! String {
            case "raw": return try WebhookKey.fromBytes(bytes: hex(k["hex"] as! String))
            case "imagekit": return try WebhookKey.parse(secret: k["secret"] as! String, mode: .imagekit)
            case "standard": return try WebhookKey.parse(secret: k["secret"] as! String, mode: .standard)
            case let m: throw Failure("unknown key mode \(m)")
            }
        }
    }

    func options(_ c: [String: Any]) -> WebhookOptions {
        let o = c["options"] as? [String: Any] ?? [:]
        return WebhookOptions(
            toleranceSeconds: (o["tolerance"] as? NSNumber)?.int64Value ?? 300,
            legacy: (o["legacy"] as? Bool) ?? false,
            maxPayloadBytes: (o["maxPayloadBytes"] as? NSNumber)?.int64Value ?? 1_048_576,
            replayGuard: (o["replayGuard"] as? Bool) == true ? InMemoryReplayGuard() : nil
        )
    }

    /// Runs `block` and checks its outcome against `want`'s result, code and keyIndex.
    @discardableResult
    func expect<T>(_ want: [String: Any], keyIndex: (T) -> Int32? = { _ in nil }, _ block: () throws -> T) throws -> T? {
        let result = want["result"] as! String
        let got: T
        do {
            got = try block()
        } catch let e as WebhookError {
            if result == "ok" { throw Failure("expected ok, got \(e.code): \(e.message)") }
            let code = want["code"] as! String
            if e.code != code { throw Failure("expected \(code), got \(e.code) (\(e.message))") }
            return nil
        }
        if result != "ok" { throw Failure("expected \(want["code"]!), got ok") }
        if let k = want["keyIndex"] as? NSNumber, keyIndex(got) != k.int32Value {
            throw Failure("keyIndex \(String(describing: keyIndex(got))), want \(k)")
        }
        return got
    }

    func runCase(_ c: [String: Any]) throws {
        let op = c["operation"] as! String
        switch op {
        case "build":
            try expect(c) { try Webhook.withKeys(keys: try keys(c), options: options(c)) }
        case "verify", "unwrap":
            // Both entry points share one core verifier; run one through each.
            let ks = try keys(c)
            let opts = options(c)
            let standard = op == "verify" ? try Webhook.withKeys(keys: ks, options: opts) : nil
            let imagekit = op == "unwrap" ? try ImageKitWebhooks.withKeys(keys: ks, options: opts) : nil
            var step = c
            let deliveries = [c] + (c["then"] as? [[String: Any]] ?? [])
            for (i, next) in deliveries.enumerated() {
                if i > 0 {
                    // A later delivery inherits what it does not override.
                    let bodyKeys = ["body", "bodyHex", "bodyRepeat"]
                    if bodyKeys.contains(where: { next[$0] != nil }) { bodyKeys.forEach { step[$0] = nil } }
                    step["keyIndex"] = nil
                    step["code"] = nil
                    for (k, v) in next { step[k] = v }
                }
                let payload = body(step)!
                let headers = (step["headers"] as! [[String]]).map { HeaderPair(name: $0[0], value: $0[1]) }
                let now = (step["now"] as! NSNumber).int64Value
                do {
                    if let standard {
                        try expect(step, keyIndex: { (v: Verification) in v.keyIndex }) {
                            try standard.verifyHeaders(payload: payload, headers: headers, now: now)
                        }
                    } else if let got = try expect(step, keyIndex: { (v: VerifiedEvent) in v.verification.keyIndex }, {
                        try imagekit!.unwrapHeaders(payload: payload, headers: headers, now: now)
                    }), let want = step["event"] as? [String: Any] {
                        try checkEvent(got.event, want, payload)
                    }
                } catch let f as Failure {
                    throw Failure("delivery \(i): \(f)")
                }
            }
        case "unsafe_unwrap":
            let payload = body(c)!
            if let got = try expect(c, { try unsafeUnwrap(payload: payload) }) {
                try checkEvent(got, c["event"] as! [String: Any], payload)
            }
        case "sign", "sign_legacy":
            let payload = body(c)!
            let ts = (c["timestamp"] as! NSNumber).int64Value
            if let sig = try expect(c, {
                let signer = try WebhookSigner.fromKey(key: try keys(c)[0])
                return op == "sign"
                    ? try signer.sign(msgId: c["msgId"] as! String, timestamp: ts, payload: payload)
                    : try signer.signLegacy(timestampMs: ts, payload: payload)
            }), sig != c["signature"] as? String {
                throw Failure("signature \(sig), want \(c["signature"]!)")
            }
        default:
            throw Failure("unknown operation \(op)")
        }
    }

    func checkEvent(_ event: WebhookEvent, _ want: [String: Any], _ payload: Data) throws {
        func check(_ ok: Bool, _ what: @autoclosure () -> String) throws { if !ok { throw Failure(what()) } }
        try check(event.raw == String(decoding: payload, as: UTF8.self), "raw is the body as sent")
        try check(event.eventType == want["type"] as? String, "type \(event.eventType)")
        try check(event.id == want["id"] as? String, "id \(String(describing: event.id))")
        let known = want["known"] as! Bool
        try check(event.isKnown == known, "known")
        if case .unknown = event.payload { try check(!known, "payload case") } else { try check(known, "payload case") }
        try check(event.createdAtMs == (want["createdAtMs"] as? NSNumber)?.int64Value, "createdAtMs \(String(describing: event.createdAtMs))")
        let raw = try JSONSerialization.jsonObject(with: Data(event.raw.utf8))
        for (path, expected) in want["fields"] as! [String: Any] {
            let got = rawPath(raw, path)
            try check(got.map { canon($0) } == canon(expected), "raw \(path) = \(String(describing: got)), want \(expected)")
            // Known events expose the field through the typed payload too (camelCase properties).
            if known, ["data", "request", "timings"].contains(path.split(separator: ".").first.map(String.init) ?? "") {
                let typed = try typedPath(event.payload, path)
                try check(typed.map { canon($0) } == canon(expected), "typed \(path) = \(String(describing: typed)), want \(expected)")
            }
        }
    }

    func rawPath(_ v: Any, _ path: String) -> Any? {
        var cur: Any? = v
        for k in path.split(separator: ".").map(String.init) {
            switch cur {
            case let o as [String: Any]: cur = o[k]
            case let a as [Any]: cur = Int(k).flatMap { $0 < a.count ? a[$0] : nil }
            default: return nil
            }
        }
        return cur
    }

    /// Walks the typed payload by reflection, so every listed field is checked, not a chosen few.
    func typedPath(_ payload: EventPayload, _ path: String) throws -> Any? {
        let segments = path.split(separator: ".").map(String.init)
        guard let caseValue = Mirror(reflecting: payload).children.first?.value else {
            throw Failure("payload \(payload) has no associated values for \(path)")
        }
        // One associated value (`data`) is reflected as itself, several as a labelled tuple.
        var cur: Any?
        if Mirror(reflecting: caseValue).displayStyle == .tuple {
            guard let child = Mirror(reflecting: caseValue).children.first(where: { $0.label == segments[0] }) else {
                throw Failure("no \(segments[0]) in \(payload)")
            }
            cur = unwrapped(child.value)
        } else {
            guard segments[0] == "data" else { throw Failure("no \(segments[0]) in \(payload)") }
            cur = unwrapped(caseValue)
        }
        for k in segments.dropFirst() {
            guard let c = cur else { return nil }
            switch c {
            case let s as String: // metadata objects are JSON text
                cur = rawPath(try JSONSerialization.jsonObject(with: Data(s.utf8)), k)
            case let a as [Any]:
                cur = Int(k).flatMap { $0 < a.count ? unwrapped(a[$0]) : nil }
            default:
                let name = propertyName(k)
                guard let child = Mirror(reflecting: c).children.first(where: { $0.label == name }) else {
                    throw Failure("no typed property \(name) on \(type(of: c)) for \(path)")
                }
                cur = unwrapped(child.value)
            }
        }
        return cur
    }

    /// A comparable form of a JSON or typed value: strings, booleans and numbers (as Double).
    func canon(_ v: Any) -> String {
        if let s = v as? String { return "s:" + s }
        if type(of: v) == Bool.self || String(describing: type(of: v)).contains("Boolean") {
            return "b:\(v as! Bool)"
        }
        if let d = v as? Double { return "n:\(d)" }
        if let n = v as? NSNumber { return "n:\(n.doubleValue)" }
        return "?:\(v)"
    }
}
