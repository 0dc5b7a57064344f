import Foundation
import SealOFD
import SealTestSupport
import Testing

/// Hostile packages built in the test with Python's zipfile (and byte patches to headers, as an attacker would).
@Suite("OFD package guards")
struct OFDPackageTests {
    static let ofdXML = #"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
    static let documentXML = #"<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#

    /// Runs `body` (Python, with `zipfile`, `zlib`, `struct`, `sys` imported and `path` the output) and returns the file.
    func craft(_ directory: TemporaryDirectory, _ name: String, _ body: String) throws -> URL {
        let path = directory.path(name)
        let script = "import sys, zipfile, zlib, struct, warnings\nwarnings.simplefilter('ignore')\npath = sys.argv[1]\n" + body
        let result = try PythonTools.run(script: script, [path])
        #expect(result.succeeded, "\(result.stderr)")
        return URL(fileURLWithPath: path)
    }

    /// A package with `members` (name, text) written by zipfile, deflated.
    func members(_ directory: TemporaryDirectory, _ name: String, _ members: [(String, String)], link: String? = nil) throws -> URL {
        let list = try String(decoding: JSONSerialization.data(withJSONObject: members.map { [$0.0, $0.1] }), as: UTF8.self)
        return try craft(directory, name, """
            import json
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
                for n, t in json.loads(\(String(reflecting: list))):
                    info = zipfile.ZipInfo(n)
                    info.create_system = 3
                    info.external_attr = ((0o120777 if n == \(String(reflecting: link ?? "")) else 0o100644) << 16)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(info, t)
            """)
    }

    @Test("a well-formed package reads: files by path as stored, directories skipped")
    func reads() throws {
        let directory = try TemporaryDirectory()
        let url = try members(directory, "ok.ofd", [
            ("OFD.xml", Self.ofdXML), ("Doc_0/", ""), ("Doc_0/Document.xml", Self.documentXML), ("Doc_0/Pages/Page_0/Content.xml", "<x/>"),
        ])
        let package = try OFDPackage(contentsOf: url)
        #expect(package.paths == ["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"])
        #expect(package.file("OFD.xml") == Array(Self.ofdXML.utf8))
        #expect(package.file("ofd.xml") == nil)
        let file = try OFDFile(package)
        #expect(file.bodies[0].document.pages.map(\.baseLoc.path) == ["Doc_0/Pages/Page_0/Content.xml"])
        #expect(file.bodies[0].signatures == nil)
        let fromData = try OFDPackage(data: Data(contentsOf: url))
        #expect(fromData.paths == package.paths)
    }

    @Test("zip-slip, absolute paths, backslashes, NUL, symlinks, duplicate names (also by case) are refused, naming the member")
    func refusesUnsafeMembers() throws {
        let directory = try TemporaryDirectory()
        let cases: [(String, [(String, String)], String?, OFDPackageError)] = [
            ("slip.ofd", [("OFD.xml", "x"), ("Doc_0/../../etc/cron.d/x", "x")], nil, .unsafePath("Doc_0/../../etc/cron.d/x")),
            ("parent.ofd", [("../OFD.xml", "x")], nil, .unsafePath("../OFD.xml")),
            ("absolute.ofd", [("/etc/passwd", "x")], nil, .unsafePath("/etc/passwd")),
            ("backslash.ofd", [("Doc_0\\..\\..\\x", "x")], nil, .unsafePath("Doc_0\\..\\..\\x")),
            ("dot.ofd", [("Doc_0/./Document.xml", "x")], nil, .unsafePath("Doc_0/./Document.xml")),
            ("link.ofd", [("OFD.xml", "x"), ("Doc_0/Document.xml", "/etc/shadow")], "Doc_0/Document.xml", .link("Doc_0/Document.xml")),
            ("duplicate.ofd", [("OFD.xml", "one"), ("OFD.xml", "two")], nil, .duplicateMember("OFD.xml")),
            ("case.ofd", [("OFD.xml", "one"), ("Doc_0/a.xml", "x"), ("doc_0/A.XML", "y")], nil, .caseDuplicateMember("Doc_0/a.xml", "doc_0/A.XML")),
        ]
        for (name, list, link, expected) in cases {
            let url = try members(directory, name, list, link: link)
            #expect(throws: expected, "\(name)") { try OFDPackage(contentsOf: url) }
        }
        // zipfile cuts names at NUL: write 'aXb' and patch both headers.
        let nul = try craft(directory, "nul.ofd", """
            with zipfile.ZipFile(path, 'w') as z:
                z.writestr('Doc_0/aXb.xml', 'x')
            data = open(path, 'rb').read().replace(b'aXb', b'a\\x00b')
            open(path, 'wb').write(data)
            """)
        #expect(throws: OFDPackageError.unsafePath("Doc_0/a\u{0}b.xml")) { try OFDPackage(contentsOf: nul) }
        #expect(OFDPackageError.unsafePath("../OFD.xml").description.contains("'../OFD.xml'"))
    }

    @Test("a member claiming 2 GB and a package of 100,000 members are refused quickly, without inflating")
    func refusesHugeClaims() throws {
        let directory = try TemporaryDirectory()
        // A small deflated member whose local and central headers claim 2 GiB uncompressed.
        let big = try craft(directory, "big.ofd", """
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('OFD.xml', 'x' * 1000)
            data = bytearray(open(path, 'rb').read())
            local = data.find(b'PK\\x03\\x04'); central = data.find(b'PK\\x01\\x02')
            struct.pack_into('<I', data, local + 22, 2**31)
            struct.pack_into('<I', data, central + 24, 2**31)
            open(path, 'wb').write(bytes(data))
            """)
        let clock = ContinuousClock()
        var start = clock.now
        #expect(throws: OFDPackageError.memberTooLarge("OFD.xml", limit: 64 << 20)) { try OFDPackage(contentsOf: big) }
        #expect(clock.now - start < .milliseconds(500), "\(clock.now - start)")

        let many = try craft(directory, "many.ofd", """
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
                for i in range(100000):
                    z.writestr('Doc_0/Res/%06d.xml' % i, '')
            """)
        start = clock.now
        #expect(throws: OFDPackageError.tooManyMembers(count: 10_001, limit: 10_000)) { try OFDPackage(contentsOf: many) }
        #expect(clock.now - start < .seconds(3), "\(clock.now - start)")
    }

    @Test("an inflate bomb, a header that lies about the size, totals over the limit, corrupt data and a non-ZIP are refused")
    func refusesBombsAndDamage() throws {
        let directory = try TemporaryDirectory()
        // 20 MB of zeros deflate to about 20 KB: over a 1 MiB member limit, refused from the header.
        let bomb = try craft(directory, "bomb.ofd", """
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('Doc_0/Res/zeros.bin', b'\\0' * (20 << 20))
            """)
        #expect(throws: OFDPackageError.memberTooLarge("Doc_0/Res/zeros.bin", limit: 1 << 20)) {
            try OFDPackage(contentsOf: bomb, limits: OFDPackageLimits(memberBytes: 1 << 20))
        }
        #expect(throws: OFDPackageError.inflateRatio("Doc_0/Res/zeros.bin", limit: 100)) {
            try OFDPackage(contentsOf: bomb, limits: OFDPackageLimits(inflateRatio: 100))
        }
        // The same bomb with headers claiming 1,000 bytes: inflation stops there.
        let liar = try craft(directory, "liar.ofd", """
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('Doc_0/Res/zeros.bin', b'\\0' * (20 << 20))
            data = bytearray(open(path, 'rb').read())
            local = data.find(b'PK\\x03\\x04'); central = data.find(b'PK\\x01\\x02')
            struct.pack_into('<I', data, local + 22, 1000)
            struct.pack_into('<I', data, central + 24, 1000)
            open(path, 'wb').write(bytes(data))
            """)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: OFDPackageError.corruptMember("Doc_0/Res/zeros.bin", "it inflates to more than the 1000 bytes its header says")) { try OFDPackage(contentsOf: liar) }
        #expect(clock.now - start < .seconds(1), "\(clock.now - start)")

        let total = try members(directory, "total.ofd", (0..<5).map { ("Doc_0/Res/\($0).bin", String(repeating: "B", count: 3000)) })
        #expect(throws: OFDPackageError.totalTooLarge(limit: 10_000)) { try OFDPackage(contentsOf: total, limits: OFDPackageLimits(totalBytes: 10_000)) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: total.path)[.size] as? Int)
        #expect(throws: OFDPackageError.archiveTooLarge(bytes: size, limit: 100)) { try OFDPackage(contentsOf: total, limits: OFDPackageLimits(archiveBytes: 100)) }

        // A flipped byte in stored data fails the CRC.
        let stored = try craft(directory, "crc.ofd", """
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
                z.writestr('OFD.xml', 'hello, OFD reader')
            data = open(path, 'rb').read().replace(b'hello', b'jello', 1)
            open(path, 'wb').write(data)
            """)
        #expect(throws: OFDPackageError.corruptMember("OFD.xml", "its CRC-32 does not match its content")) { try OFDPackage(contentsOf: stored) }
        let text = try directory.write("not.ofd", Array("plain text, not a ZIP".utf8))
        #expect(throws: OFDPackageError.notZIP("not.ofd")) { try OFDPackage(contentsOf: URL(fileURLWithPath: text)) }
        #expect(throws: OFDPackageError.notZIP("bytes")) { try OFDPackage(data: Data("PK".utf8), name: "bytes") }
        #expect(throws: OFDPackageError.unreadable("/dev/null is not a regular file")) { try OFDPackage(contentsOf: URL(fileURLWithPath: "/dev/null")) }
    }

    @Test("structure: XXE in OFD.xml, a missing DocRoot file, a foreign namespace, '..' out of the package and a bad page ID are refused, naming the file")
    func refusesBadStructure() throws {
        let directory = try TemporaryDirectory()
        let xxe = try members(directory, "xxe.ofd", [
            ("OFD.xml", #"<?xml version="1.0"?><!DOCTYPE ofd:OFD [<!ENTITY x SYSTEM "file:///etc/passwd">]><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>&x;</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#),
        ])
        #expect(throws: OFDXMLError.documentTypeDeclaration("OFD.xml")) { try OFDFile(contentsOf: xxe) }
        let missing = try members(directory, "missing.ofd", [("OFD.xml", Self.ofdXML)])
        #expect(throws: OFDStructureError.missingFile("Doc_0/Document.xml", referredBy: "OFD.xml")) { try OFDFile(contentsOf: missing) }
        let noOFD = try members(directory, "empty.ofd", [("Doc_0/Document.xml", Self.documentXML)])
        #expect(throws: OFDStructureError.missingFile("OFD.xml", referredBy: "the OFD package")) { try OFDFile(contentsOf: noOFD) }
        let foreign = try members(directory, "foreign.ofd", [("OFD.xml", "<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>")])
        #expect(throws: OFDStructureError.wrongNamespace("OFD.xml", "")) { try OFDFile(contentsOf: foreign) }
        let escape = try members(directory, "escape.ofd", [("OFD.xml", Self.ofdXML.replacingOccurrences(of: ">Doc_0/Document.xml<", with: ">../Document.xml<"))])
        #expect(throws: OFDStructureError.badLoc("../Document.xml", in: "OFD.xml", "'..' leads outside the package")) { try OFDFile(contentsOf: escape) }
        let badID = try members(directory, "id.ofd", [("OFD.xml", Self.ofdXML), ("Doc_0/Document.xml", Self.documentXML.replacingOccurrences(of: "ID=\"1\"", with: "ID=\"99999999999\""))])
        #expect(throws: OFDStructureError.badValue("Doc_0/Document.xml", "Page ID", "99999999999")) { try OFDFile(contentsOf: badID) }
        let negative = try members(directory, "neg.ofd", [("OFD.xml", Self.ofdXML), ("Doc_0/Document.xml", Self.documentXML.replacingOccurrences(of: "ID=\"1\"", with: "ID=\"-1\""))])
        #expect(throws: OFDStructureError.badValue("Doc_0/Document.xml", "Page ID", "-1")) { try OFDFile(contentsOf: negative) }
    }
}
