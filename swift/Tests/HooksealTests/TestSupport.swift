import Foundation

// Helpers the vector test and the differential runner share.

/// Bytes from lowercase or uppercase hex (the vectors' and the cases' `bodyHex`).
func hex(_ s: String) -> Data {
    var d = Data(capacity: s.utf8.count / 2)
    var high: UInt8?
    for c in s.utf8 {
        let n = c <= 57 ? c - 48 : (c | 0x20) - 87
        if let h = high {
            d.append(h << 4 | n)
            high = nil
        } else {
            high = n
        }
    }
    return d
}

/// JSON name -> Swift property name, as the generated records spell them.
func propertyName(_ json: String) -> String {
    switch json {
    case "type": return "kind"
    case "AITags": return "aiTags"
    default:
        let parts = json.split(separator: "_").map(String.init)
        return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// Unwraps an Optional held in an `Any` (nested ones too).
func unwrapped(_ v: Any) -> Any? {
    let m = Mirror(reflecting: v)
    guard m.displayStyle == .optional else { return v }
    return m.children.first.map { unwrapped($0.value) } ?? nil
}
