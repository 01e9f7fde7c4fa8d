import Foundation
import XCTest

@testable import Hookseal

/// The records against the one schema (schema/imagekit-events.json, read in place), by Mirror on
/// every sample: each payload case and each record reached has exactly the schema's members,
/// optional exactly where the schema makes a member optional.
final class SchemaParityTests: XCTestCase {
    static let schemaURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/imagekit-events.json")

    /// The Swift name of a JSON member: `type` is `kind` (as in the core), then lowerCamelCase.
    func swiftName(_ json: String) -> String {
        if json == "type" { return "kind" }
        var snake = ""
        let chars = Array(json.replacingOccurrences(of: "-", with: "_"))
        for (i, c) in chars.enumerated() {
            let prevLower = i > 0 && (chars[i - 1].isLowercase || chars[i - 1].isNumber)
            let acronymEnd = i > 0 && chars[i - 1].isUppercase && i + 1 < chars.count && chars[i + 1].isLowercase
            if c.isUppercase && (prevLower || acronymEnd) { snake.append("_") }
            snake.append(c)
        }
        let parts = snake.lowercased().split(separator: "_").map(String.init)
        return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func isOptional(_ v: Any) -> Bool { Mirror(reflecting: v).displayStyle == .optional }

    func unwrapped(_ v: Any) -> Any? {
        let m = Mirror(reflecting: v)
        guard m.displayStyle == .optional else { return v }
        return m.children.first.map(\.value)
    }

    /// Checks `value` (a record) against `fields`, then every record inside it.
    func walk(_ value: Any, _ fields: [[String: Any]], _ objects: [String: Any], _ where_: String, _ seen: inout Set<String>) {
        let children = Mirror(reflecting: value).children.map { ($0.label ?? "?", $0.value) }
        var want: [String: Bool] = [:]
        for f in fields { want[swiftName(f["name"] as! String)] = !(f["required"] as! Bool) }
        XCTAssertEqual(Set(children.map(\.0)), Set(want.keys), where_)
        for (label, child) in children {
            guard let optional = want[label] else { continue }
            XCTAssertEqual(isOptional(child), optional, "\(where_).\(label) optional")
            let f = fields.first { swiftName($0["name"] as! String) == label }!
            var type = f["type"] as! String
            let isArray = type.hasSuffix("[]")
            if isArray { type.removeLast(2) }
            guard let object = objects[type] as? [String: Any], let present = unwrapped(child) else { continue }
            seen.insert(type)
            let items: [Any] = isArray ? (present as! [Any]) : [present]
            for item in items {
                walk(item, object["fields"] as! [[String: Any]], objects, "\(where_).\(label)", &seen)
            }
        }
    }

    func testEveryPayloadAndRecordHasExactlyTheSchemaMembers() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as! [String: Any]
        let objects = schema["objects"] as! [String: Any]
        var seen = Set<String>()
        for e in schema["events"] as! [[String: Any]] {
            let type = e["type"] as! String
            let event = try unsafeUnwrap(payload: Data(sampleBody(eventType: type)!.utf8))
            let fields = e["fields"] as! [[String: Any]]
            guard let (label, associated) = Mirror(reflecting: event.payload).children.first.map({ ($0.label, $0.value) }) else {
                return XCTFail("\(type): no payload case")
            }
            XCTAssertEqual(label.map { $0.prefix(1).uppercased() + $0.dropFirst() }, e["name"] as? String, type)
            // Associated values come as a labelled tuple (or, on some Swift versions, one alone as
            // the value itself).
            if Mirror(reflecting: associated).displayStyle != .tuple && fields.count == 1 {
                let f = fields[0]
                seen.insert(f["type"] as! String)
                walk(associated, (objects[f["type"] as! String] as! [String: Any])["fields"] as! [[String: Any]], objects, type, &seen)
            } else {
                walk(associated, fields, objects, type, &seen)
            }
        }
        // Every object is reached by some sample but one: no published body has extensionStatus.
        XCTAssertEqual(Set(objects.keys).subtracting(seen), ["ExtensionStatus"])
    }
}
