import Foundation
import XCTest

@testable import Hookseal

/// The Swift runner of the cross-language differential run (tests/differential/README.md): cases
/// (JSON lines) in, one answer per case out, through the Swift API. Runs only when
/// tests/differential/run.sh sets HOOKSEAL_DIFF_CASES and HOOKSEAL_DIFF_OUT; skipped otherwise.
/// The typed view reads every schema member through the generated records by Mirror (date-times
/// left out); members the schema types `object` are JSON text in Swift, answered as that JSON.
final class DifferentialRunnerTests: XCTestCase {
    static let schemaURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/imagekit-events.json")

    var objects: [String: Any] = [:]
    var events: [String: [[String: Any]]] = [:]

    func typed(_ record: Any, _ fields: [[String: Any]]) -> [String: Any] {
        let children = Dictionary(Mirror(reflecting: record).children.map { ($0.label ?? "", $0.value) },
                                  uniquingKeysWith: { a, _ in a })
        var out: [String: Any] = [:]
        for f in fields {
            let t = f["type"] as! String
            if t == "date-time" { continue }
            let name = f["name"] as! String
            out[name] = children[propertyName(name)].flatMap { unwrapped($0) }.map { convert($0, t) } ?? NSNull()
        }
        return out
    }

    func convert(_ v: Any, _ t: String) -> Any {
        if t.hasSuffix("[]") {
            let item = String(t.dropLast(2))
            return (v as! [Any]).map { unwrapped($0).map { convert($0, item) } ?? NSNull() }
        }
        if let o = objects[t] as? [String: Any] {
            return typed(v, o["fields"] as! [[String: Any]])
        }
        if t == "object", let s = v as? String {
            return (try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed])) ?? s
        }
        return v
    }

    func eventAnswer(_ e: WebhookEvent) -> [String: Any] {
        var a: [String: Any] = [
            "type": e.eventType, "id": e.id ?? NSNull(), "known": e.isKnown,
            "createdAtMs": e.createdAtMs ?? NSNull(),
        ]
        guard e.isKnown, let fields = events[e.eventType],
              let caseValue = Mirror(reflecting: e.payload).children.first?.value
        else {
            a["typed"] = NSNull()
            return a
        }
        // One associated value is reflected as itself, several as a labelled tuple.
        var t: [String: Any]
        if Mirror(reflecting: caseValue).displayStyle == .tuple {
            t = typed(caseValue, fields)
        } else {
            let f = fields[0]
            t = [f["name"] as! String: convert(caseValue, f["type"] as! String)]
        }
        t["id"] = e.id ?? NSNull()
        t["type"] = e.eventType
        a["typed"] = t
        return a
    }

    func key(_ k: [String: Any]) throws -> WebhookKey {
        if let b = k["bytesHex"] as? String { return try WebhookKey.fromBytes(bytes: hex(b)) }
        switch k["mode"] as! String {
        case "raw": return try WebhookKey.fromBytes(bytes: hex(k["hex"] as! String))
        case "imagekit": return try WebhookKey.parse(secret: k["secret"] as! String, mode: .imagekit)
        default: return try WebhookKey.parse(secret: k["secret"] as! String, mode: .standard)
        }
    }

    func answer(_ c: [String: Any]) -> [String: Any] {
        let body = hex(c["bodyHex"] as! String)
        do {
            let op = c["operation"] as! String
            if op == "unsafe_unwrap" {
                return ["result": "ok", "event": eventAnswer(try unsafeUnwrap(payload: body))]
            }
            let o = c["options"] as? [String: Any] ?? [:]
            let options = WebhookOptions(
                toleranceSeconds: (o["tolerance"] as? NSNumber)?.int64Value ?? 300,
                legacy: (o["legacy"] as? Bool) ?? false,
                maxPayloadBytes: (o["maxPayloadBytes"] as? NSNumber)?.int64Value ?? 1_048_576,
                replayGuard: nil
            )
            let keys = try (c["keys"] as! [[String: Any]]).map(key)
            let headers = (c["headers"] as! [[String]]).map { HeaderPair(name: $0[0], value: $0[1]) }
            let now = (c["now"] as! NSNumber).int64Value
            if op == "verify" {
                let v = try Webhook.withKeys(keys: keys, options: options).verifyHeaders(payload: body, headers: headers, now: now)
                return ["result": "ok", "keyIndex": v.keyIndex]
            }
            let v = try ImageKitWebhooks.withKeys(keys: keys, options: options).unwrapHeaders(payload: body, headers: headers, now: now)
            return ["result": "ok", "keyIndex": v.verification.keyIndex, "event": eventAnswer(v.event)]
        } catch let e as WebhookError {
            return ["result": "error", "code": e.code]
        } catch {
            return ["result": "error", "code": "unexpected: \(error)"]
        }
    }

    func testDifferential() throws {
        let env = ProcessInfo.processInfo.environment
        guard let casesPath = env["HOOKSEAL_DIFF_CASES"], let outPath = env["HOOKSEAL_DIFF_OUT"] else {
            throw XCTSkip("only in the differential run (HOOKSEAL_DIFF_CASES, HOOKSEAL_DIFF_OUT)")
        }
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as! [String: Any]
        objects = schema["objects"] as! [String: Any]
        for e in schema["events"] as! [[String: Any]] {
            events[e["type"] as! String] = e["fields"] as? [[String: Any]]
        }
        let text = try String(contentsOfFile: casesPath, encoding: .utf8)
        var out = Data()
        var n = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let c = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            var a = answer(c)
            a["tcId"] = c["tcId"]
            out.append(try JSONSerialization.data(withJSONObject: a, options: [.sortedKeys]))
            out.append(0x0A)
            n += 1
        }
        try out.write(to: URL(fileURLWithPath: outPath))
        print("swift differential: \(n) cases answered")
    }
}
