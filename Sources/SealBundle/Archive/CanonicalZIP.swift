import Foundation

/// SealStation's canonical ZIP form, written in one pass (linear in members and bytes): for each member a local
/// file header (version 2.0, UTF-8 names flag, stored, the fixed modification time, CRC-32 and sizes) and its bytes;
/// then the central directory (made by UNIX 3.0 — version 789 —, mode 0644 regular files) and the end record, with
/// no comment, extra fields or ZIP64. These are the bytes ZIPFoundation 0.9.20 writes for the same members
/// (`BundleArchiveTests` compares them), without its rewriting of the whole central directory for every member
/// added, which made a 60,000-member bundle take minutes to write or to check.
enum CanonicalZIP {
    /// At most 65,534 entries, 4 GiB offsets and sizes: beyond that ZIP64 would be needed, which bundles never use.
    static let maximumEntries = 0xFFFE

    /// The archive bytes of `files` with modification time `date` (UTC, DOS format, two-second precision).
    static func bytes(_ files: [BagItBag.File], date: Date) throws -> Data {
        guard files.count <= maximumEntries else { throw BundleArchiveError.tooManyMembers("the bundle", count: files.count, limit: maximumEntries) }
        let stamp = dosDateTime(date)
        let names = files.map { Array($0.path.utf8) }
        let total = files.reduce(0) { $0 + $1.bytes.count } + names.reduce(0) { $0 + 2 * $1.count } + files.count * 76 + 22
        var out: [UInt8] = []
        out.reserveCapacity(total)
        var central: [UInt8] = []
        central.reserveCapacity(names.reduce(0) { $0 + $1.count } + files.count * 46)
        for (file, name) in zip(files, names) {
            let offset = out.count
            guard name.count <= 0xFFFF, file.bytes.count < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else {
                throw BundleArchiveError.memberTooLarge(file.path, limit: 0xFFFF_FFFE)
            }
            let member = Member(name: name, crc: Int(CRC32Checksum.checksum(file.bytes)), size: file.bytes.count)
            appendLocalHeader(member, stamp: stamp, to: &out)
            out += file.bytes
            appendCentralRecord(member, offset: offset, stamp: stamp, to: &central)
        }
        let centralOffset = out.count
        guard centralOffset < 0xFFFF_FFFF, central.count < 0xFFFF_FFFF else { throw BundleArchiveError.totalTooLarge(limit: 0xFFFF_FFFE) }
        out += central
        appendEndRecord(entries: files.count, centralSize: central.count, centralOffset: centralOffset, to: &out)
        return Data(out)
    }

    /// What the headers say of one member.
    struct Member {
        /// Its path, UTF-8.
        var name: [UInt8]
        var crc: Int
        var size: Int
    }

    /// The local file header of `member`: 30 bytes and its name.
    static func appendLocalHeader(_ member: Member, stamp: (date: Int, time: Int), to out: inout [UInt8]) {
        out += [0x50, 0x4B, 0x03, 0x04]
        append(20, 2, to: &out)            // version needed to extract: 2.0
        append(0x0800, 2, to: &out)        // general purpose flag: UTF-8 names
        append(0, 2, to: &out)             // stored
        append(stamp.time, 2, to: &out)
        append(stamp.date, 2, to: &out)
        append(member.crc, 4, to: &out)
        append(member.size, 4, to: &out)   // compressed size
        append(member.size, 4, to: &out)   // uncompressed size
        append(member.name.count, 2, to: &out)
        append(0, 2, to: &out)             // extra field length
        out += member.name
    }

    /// The central directory record of `member`, whose local header is at `offset`: 46 bytes and its name.
    static func appendCentralRecord(_ member: Member, offset: Int, stamp: (date: Int, time: Int), to central: inout [UInt8]) {
        central += [0x50, 0x4B, 0x01, 0x02]
        append(789, 2, to: &central)       // version made by: UNIX, 3.0 (ZIPFoundation's)
        append(20, 2, to: &central)
        append(0x0800, 2, to: &central)
        append(0, 2, to: &central)
        append(stamp.time, 2, to: &central)
        append(stamp.date, 2, to: &central)
        append(member.crc, 4, to: &central)
        append(member.size, 4, to: &central)
        append(member.size, 4, to: &central)
        append(member.name.count, 2, to: &central)
        append(0, 2, to: &central)         // extra field length
        append(0, 2, to: &central)         // comment length
        append(0, 2, to: &central)         // disk number start
        append(0, 2, to: &central)         // internal attributes
        append(0o100644 << 16, 4, to: &central)  // external attributes: a regular file, mode 0644
        append(offset, 4, to: &central)
        central += member.name
    }

    /// The end of central directory record: 22 bytes, no comment.
    static func appendEndRecord(entries: Int, centralSize: Int, centralOffset: Int, to out: inout [UInt8]) {
        out += [0x50, 0x4B, 0x05, 0x06]
        append(0, 2, to: &out)
        append(0, 2, to: &out)
        append(entries, 2, to: &out)
        append(entries, 2, to: &out)
        append(centralSize, 4, to: &out)
        append(centralOffset, 4, to: &out)
        append(0, 2, to: &out)             // comment length
    }

    /// `value` little-endian in `width` bytes.
    private static func append(_ value: Int, _ width: Int, to buffer: inout [UInt8]) {
        for index in 0..<width { buffer.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    /// MS-DOS date and time of `date` in UTC (years clamped to 1980…2099, seconds halved), as ZIPFoundation computes them.
    static func dosDateTime(_ date: Date) -> (date: Int, time: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = min(max(parts.year ?? 1980, 1980), 2099)
        let day = (parts.day ?? 1) + (parts.month ?? 1) * 32 + (year - 1980) * 512
        let time = (parts.second ?? 0) / 2 + (parts.minute ?? 0) * 32 + (parts.hour ?? 0) * 2048
        return (day, time)
    }
}
