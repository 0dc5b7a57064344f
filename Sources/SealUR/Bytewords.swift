/// Bytewords (BCR-2020-012): each byte one of 256 four-letter English words, chosen so that the first and last
/// letters alone identify it ("minimal" form, the one URs use), with a CRC-32 of the data appended (big-endian).
public enum Bytewords {
    /// The encodings.
    public enum Style: Sendable {
        /// Four-letter words separated by spaces.
        case standard
        /// Four-letter words separated by '-'.
        case uri
        /// First and last letters, no separator.
        case minimal
    }

    /// The 256 words, in byte order.
    public static let words: [String] = [
        "able acid also apex aqua arch atom aunt away axis back bald barn belt beta bias",
        "blue body brag brew bulb buzz calm cash cats chef city claw code cola cook cost",
        "crux curl cusp cyan dark data days deli dice diet door down draw drop drum dull",
        "duty each easy echo edge epic even exam exit eyes fact fair fern figs film fish",
        "fizz flap flew flux foxy free frog fuel fund gala game gear gems gift girl glow",
        "good gray grim guru gush gyro half hang hard hawk heat help high hill holy hope",
        "horn huts iced idea idle inch inky into iris iron item jade jazz join jolt jowl",
        "judo jugs jump junk jury keep keno kept keys kick kiln king kite kiwi knob lamb",
        "lava lazy leaf legs liar limp lion list logo loud love luau luck lung main many",
        "math maze memo menu meow mild mint miss monk nail navy need news next noon note",
        "numb obey oboe omit onyx open oval owls paid part peck play plus poem pool pose",
        "puff puma purr quad quiz race ramp real redo rich road rock roof ruby ruin runs",
        "rust safe saga scar sets silk skew slot soap solo song stub surf swan taco task",
        "taxi tent tied time tiny toil tomb toys trip tuna twin ugly undo unit urge user",
        "vast very veto vial vibe view visa void vows wall wand warm wasp wave waxy webs",
        "what when whiz wolf work yank yawn yell yoga yurt zaps zero zest zinc zone zoom",
    ].flatMap { $0.split(separator: " ").map(String.init) }

    /// Minimal pair (first and last letter, lower case) → byte.
    private static let byPair: [UInt16: UInt8] = {
        var table: [UInt16: UInt8] = [:]
        for (index, word) in words.enumerated() {
            let scalars = Array(word.utf8)
            table[UInt16(scalars[0]) << 8 | UInt16(scalars[3])] = UInt8(index)
        }
        return table
    }()

    /// `bytes` followed by their CRC-32, as words.
    public static func encode(_ bytes: [UInt8], style: Style) -> String {
        let data = bytes + CRC32.bigEndianBytes(bytes)
        switch style {
        case .standard: return data.map { words[Int($0)] }.joined(separator: " ")
        case .uri: return data.map { words[Int($0)] }.joined(separator: "-")
        case .minimal:
            var text = ""
            text.reserveCapacity(data.count * 2)
            for byte in data {
                let word = words[Int(byte)]
                text.append(word.first!)
                text.append(word.last!)
            }
            return text
        }
    }

    /// The bytes of `text` after checking its CRC-32 (letters in either case).
    /// - Throws: `URError.invalidBytewords` for a word that is not one, `.checksumMismatch` for a wrong checksum.
    public static func decode(_ text: String, style: Style) throws -> [UInt8] {
        let lower = Array(text.lowercased().utf8)
        var data: [UInt8] = []
        func byte(_ first: UInt8, _ last: UInt8, whole: [UInt8]?) throws -> UInt8 {
            guard let value = byPair[UInt16(first) << 8 | UInt16(last)] else {
                throw URError.invalidBytewords("\"\(String(decoding: whole ?? [first, last], as: UTF8.self))\" is not a byteword")
            }
            if let whole, Array(words[Int(value)].utf8) != whole {
                throw URError.invalidBytewords("\"\(String(decoding: whole, as: UTF8.self))\" is not a byteword")
            }
            return value
        }
        switch style {
        case .minimal:
            guard lower.count % 2 == 0 else { throw URError.invalidBytewords("an odd number of letters") }
            data.reserveCapacity(lower.count / 2)
            var index = 0
            while index < lower.count {
                data.append(try byte(lower[index], lower[index + 1], whole: nil))
                index += 2
            }
        case .standard, .uri:
            let separator: UInt8 = style == .standard ? 0x20 : 0x2D
            for token in lower.split(separator: separator) {
                guard token.count == 4 else { throw URError.invalidBytewords("\"\(String(decoding: token, as: UTF8.self))\" is not four letters") }
                data.append(try byte(token[token.startIndex], token[token.startIndex + 3], whole: Array(token)))
            }
        }
        guard data.count >= 5 else { throw URError.invalidBytewords("too short: \(data.count) bytes, a checksum alone takes 4") }
        let body = Array(data[..<(data.count - 4)])
        guard Array(data[(data.count - 4)...]) == CRC32.bigEndianBytes(body) else { throw URError.checksumMismatch }
        return body
    }
}
