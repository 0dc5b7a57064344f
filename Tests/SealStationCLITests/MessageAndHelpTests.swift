import Foundation
import SealTestSupport
import Testing

@Suite("sealstation messages, help and tables")
struct MessageAndHelpTests {
    /// Text that names library internals: source files and lines, swift-asn1 and OpenSSL names.
    static let internals = [".swift:", "SwiftASN1", "ASN1Error", "truncatedASN1Field", "EVP_", "OpenSSL", "(no OpenSSL error queued)"]

    func expectWords(_ result: ExternalTool.Result, contain expected: String, _ context: String) {
        #expect(result.status == 1, "\(context): \(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(context): \(result.stderr)")
        for name in Self.internals { #expect(!result.stderr.contains(name), "\(context): \(result.stderr)") }
    }

    @Test("a truncated seal file: the message says truncated and names the file; --debug adds the parser's report")
    func truncatedSeal() throws {
        let directory = try TemporaryDirectory()
        let seal = try SharedFixtures.ses("UserV4.esl")
        // Cut inside the header, just after it, in the middle and one byte short.
        for length in [1, 3, 4, 5, seal.count / 2, seal.count - 1] {
            let path = try directory.write("cut-\(length).esl", Array(seal.prefix(length)))
            for command in [["seal", "show", path], ["seal", "verify", path, "--no-trust-check"]] {
                expectWords(try SealStationCLI.run(command), contain: "cut-\(length).esl is truncated", "\(command) at \(length)")
            }
        }
        // The outer header made to fit a cut: the file is whole, an inner structure is truncated.
        #expect(seal[1] == 0x82)
        var inner = Array(seal.prefix(seal.count / 2))
        let content = inner.count - 4
        inner[2] = UInt8(content >> 8)
        inner[3] = UInt8(content & 0xFF)
        let innerPath = try directory.write("inner.esl", inner)
        let plain = try SealStationCLI.run(["seal", "show", innerPath])
        expectWords(plain, contain: "inner.esl cannot be read as a seal file", "inner truncation")
        #expect(plain.stderr.contains("truncated"))
        let debug = try SealStationCLI.run(["seal", "show", innerPath, "--debug"])
        #expect(debug.status == 1)
        #expect(debug.stderr.contains("inner.esl cannot be read as a seal file"))
        #expect(debug.stderr.contains("detail:") && debug.stderr.contains("ASN1Error.truncatedASN1Field") && debug.stderr.contains(".swift:"), "\(debug.stderr)")
        // --debug anywhere before the command's arguments, too.
        let early = try SealStationCLI.run(["--debug", "seal", "show", try directory.write("cut.esl", Array(seal.prefix(40)))])
        #expect(early.status == 1 && early.stderr.contains("is truncated") && early.stderr.contains("ASN1Error"), "\(early.stderr)")
    }

    @Test("a file that is not a seal: the message says so and names the file")
    func notASeal() throws {
        let directory = try TemporaryDirectory()
        let text = try directory.write("notes.esl", text: "这不是印章文件\n")
        expectWords(try SealStationCLI.run(["seal", "show", text]), contain: "notes.esl is not a seal file", "text")
        let empty = try directory.write("empty.esl", [])
        expectWords(try SealStationCLI.run(["seal", "show", empty]), contain: "empty.esl is not a seal file", "empty")
        let signature = try SharedFixtures.sesPath("SignedValueV4.dat")
        let wrongKind = try SealStationCLI.run(["seal", "show", signature])
        expectWords(wrongKind, contain: "cannot be read as a seal file", "a signature given as a seal")
        let appended = try directory.write("appended.esl", try SharedFixtures.ses("UserV4.esl") + Array("trailer".utf8))
        expectWords(try SealStationCLI.run(["seal", "show", appended]), contain: "7 bytes follow", "appended bytes")
        let signatureCut = try directory.write("cut.dat", Array(try SharedFixtures.ses("SignedValueV4.dat").prefix(100)))
        expectWords(try SealStationCLI.run(["signature", "show", signatureCut]), contain: "cut.dat is truncated", "truncated signature")
    }

    @Test("a truncated or damaged certificate: words only; --debug adds the detail")
    func truncatedCertificate() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pass", text: "station passphrase")
        let ca = try SealStationCLI.run(["ca", "init", "--dir", directory.path("ca"), "--name", "测试CA", "--passphrase-file", directory.path("pass")])
        #expect(ca.status == 0, "\(ca.stderr)")
        let der = try directory.read("ca/ca-cert.der")
        for length in [2, 4, 100, der.count - 1] {
            let path = try directory.write("cert-\(length).der", Array(der.prefix(length)))
            expectWords(try SealStationCLI.run(["cert", "show", path]), contain: "cert-\(length).der is truncated", "cert cut at \(length)")
            let debug = try SealStationCLI.run(["cert", "show", path, "--debug"])
            #expect(debug.status == 1 && debug.stderr.contains("detail:"), "\(debug.stderr)")
        }
        // A certificate as PEM with its Base64 damaged, and a certificate whose signature field is cut off inside.
        let pem = try String(decoding: directory.read("ca/ca-cert.pem"), as: UTF8.self).replacingOccurrences(of: "M", with: "*")
        let damaged = try directory.write("damaged.pem", text: pem)
        expectWords(try SealStationCLI.run(["cert", "show", damaged]), contain: "damaged.pem cannot be read as an X.509 certificate", "damaged PEM")
        var inner = Array(der.prefix(der.count - 20))
        #expect(inner[1] == 0x82)
        let content = inner.count - 4
        inner[2] = UInt8(content >> 8)
        inner[3] = UInt8(content & 0xFF)
        let innerPath = try directory.write("inner.der", inner)
        expectWords(try SealStationCLI.run(["cert", "show", innerPath]), contain: "inner.der cannot be read as an X.509 certificate", "inner")
        let verify = try SealStationCLI.run(["cert", "verify", "--ca", directory.path("ca"), innerPath])
        expectWords(verify, contain: "inner.der cannot be read as an X.509 certificate", "cert verify")
        let debug = try SealStationCLI.run(["cert", "show", innerPath, "--debug"])
        #expect(debug.stderr.contains("ASN1Error"), "\(debug.stderr)")
    }

    /// Every command whose help the tests check (each has an example).
    static let commands: [[String]] = [
        ["demo"], ["keygen"], ["ca", "init"], ["cert", "issue"], ["cert", "import"], ["cert", "verify"], ["cert", "show"], ["csr"],
        ["seal", "make"], ["seal", "show"], ["seal", "verify"], ["sign"], ["verify"], ["signature", "show"], ["render"],
        ["init"], ["officer", "add"], ["officer", "passwd"], ["officer", "disable"], ["officer", "enable"], ["officer", "unlock"], ["officer", "list"], ["apply"], ["approve"], ["reject"], ["issue"],
        ["change"], ["revoke"], ["use", "request"], ["use", "approve"], ["use", "list"], ["use", "sign"], ["use", "log"], ["list"],
        ["show"], ["query"], ["audit", "show"], ["audit", "verify"], ["audit", "checkpoint"], ["backup"], ["restore"], ["serve"],
        ["token", "list"], ["token", "show"], ["token", "objects"], ["export"], ["bundle"], ["bundle", "verify"],
        ["bundle", "frames"], ["manifest"], ["manifest", "check"],
        ["templates"], ["templates", "show"], ["templates", "pin"],
        ["crl", "issue"], ["crl", "list"], ["crl", "show"], ["maker", "renew"], ["ofd", "from-text"], [],
    ]

    /// `sealstation COMMAND --help` on a terminal `columns` wide.
    func help(_ command: [String], columns: Int) throws -> ExternalTool.Result {
        try ExternalTool.run("setsid", ["-w", SealStationCLI.binary.path] + command + ["--help"], environment: ["COLUMNS": "\(columns)"])
    }

    @Test("every example in every command's help is one whole command on one line, even on a narrow terminal", arguments: commands)
    func examplesOnOneLine(command: [String]) throws {
        let result = try help(command, columns: 60)
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Example") }, "\(command): no example")
        var examples = 0
        for line in lines[(start + 1)...] {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            // Each line of the example block is a command of its own: it starts with the program, ends with no
            // continuation, and its quotes are balanced.
            #expect(line.hasPrefix("  sealstation ") || line.hasPrefix("  SEALSTATION_"), "\(command): \(line)")
            #expect(!line.hasSuffix("\\"), "\(command): \(line)")
            #expect(line.filter { $0 == "'" }.count % 2 == 0 && line.filter { $0 == "\"" }.count % 2 == 0, "\(command): \(line)")
            if !command.isEmpty { #expect(line.contains("sealstation \(command.joined(separator: " "))"), "\(command): \(line)") }
            examples += 1
        }
        #expect(examples > 0, "\(command)")
    }

    @Test("help paragraphs are flowing text: unwrapped, every line ends a sentence or an item", arguments: commands)
    func flowingParagraphs(command: [String]) throws {
        let result = try help(command, columns: 4000)
        #expect(result.status == 0)
        let overview = result.stdout.components(separatedBy: "\nUSAGE:")[0]
        for line in overview.components(separatedBy: "\n") where !line.isEmpty && !line.hasPrefix("  ") {
            let last = try #require(line.last)
            // A hard wrap leaves a line ending inside a sentence: a letter, a comma, a digit.
            #expect(".:;)）。`".contains(last) || line.contains("sealstation "), "\(command): a paragraph is broken after \"\(line.suffix(40))\"")
        }
    }

    /// The root help's groups, as `sealstation --help` must show them: heading, then the commands in order.
    static let commandGroups: [(heading: String, commands: [String])] = [
        ("STATION WORKFLOW SUBCOMMANDS:", ["demo", "init", "officer", "apply", "approve", "reject", "issue", "change", "revoke", "use",
                                           "list", "show", "query", "audit", "templates", "backup", "restore", "crl", "maker", "serve"]),
        ("FILING SUBCOMMANDS:", ["export", "bundle", "manifest"]),
        ("BUILDING BLOCK SUBCOMMANDS:", ["keygen", "ca", "cert", "csr", "render", "seal", "sign", "verify", "signature", "ofd"]),
        ("TOKEN SUBCOMMANDS:", ["token"]),
    ]

    @Test("sealstation --help lists the root commands in four groups: station workflow, filing, building blocks, tokens")
    func groupedRootHelp() throws {
        let result = try help([], columns: 4000)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        // Every section heading after the options, in order: the four groups and nothing ungrouped.
        let options = try #require(lines.firstIndex(of: "OPTIONS:"), "\(result.stdout)")
        let headings = lines[options...].filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") }
        #expect(headings == ["OPTIONS:"] + Self.commandGroups.map(\.heading), "\(result.stdout)")
        for group in Self.commandGroups {
            let start = try #require(lines.firstIndex(of: group.heading)) + 1
            let section = lines[start...].prefix { !$0.isEmpty }
            // A command's line starts two spaces in with its name; a wrapped abstract is indented further.
            let names = section.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
                .map { String($0.dropFirst(2).prefix { $0 != " " }) }
            #expect(names == group.commands, "\(group.heading)\n\(section.joined(separator: "\n"))")
        }
        // Each command is still reached by its name.
        for name in Self.commandGroups.flatMap(\.commands) {
            let command = try help([name], columns: 4000)
            #expect(command.status == 0, "\(name): \(command.stderr)")
            #expect(command.stdout.contains("sealstation \(name)"), "\(name): \(command.stdout)")
        }
    }

    @Test("tables pad by display width: each column starts at the same display column with Chinese, fullwidth and combining text")
    func tableAlignment() throws {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "other"] { try directory.write("\(name).pass", text: "\(name) passphrase 2026\n") }
        let db = directory.path("station/registry.sqlite")
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass"), "--db", db]
        #expect(try SealStationCLI.run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file",
                                        directory.path("admin.pass"), "--station-passphrase-file", directory.path("station.pass"), "--db", db]).status == 0)
        for (name, role) in [("欧阳审批员", "approver"), ("Ｆｕｌｌ", "auditor"), ("E\u{301}lise Dupont", "operator"), ("王", "operator")] {
            let added = try SealStationCLI.run(["officer", "add", "--name", name, "--role", role, "--new-passphrase-file", directory.path("other.pass")] + admin)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let listed = try SealStationCLI.run(["officer", "list"] + admin)
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = listed.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 6, "\(listed.stdout)")
        let starts = rows.map(Self.cellStarts)
        #expect(starts.allSatisfy { $0.count == 4 }, "\(listed.stdout)")
        #expect(Set(starts).count == 1, "columns start at \(starts):\n\(listed.stdout)")
    }

    /// Terminal columns of `text` for the characters this test uses: CJK ideographs and fullwidth forms two,
    /// combining marks none, others one.
    static func columns(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            if scalar.properties.generalCategory == .nonspacingMark { return total }
            let wide = (0x4E00...0x9FFF).contains(scalar.value) || (0xFF01...0xFF60).contains(scalar.value)
            return total + (wide ? 2 : 1)
        }
    }

    /// The display column at which each cell of a table row starts (cells are separated by two or more spaces).
    static func cellStarts(_ row: String) -> [Int] {
        var starts: [Int] = [], column = 0, index = row.startIndex, inCell = false
        while index < row.endIndex {
            let rest = row[index...]
            if rest.hasPrefix("  ") {
                inCell = false
                let spaces = rest.prefix { $0 == " " }
                column += spaces.count
                index = spaces.endIndex
                continue
            }
            if !inCell { starts.append(column); inCell = true }
            column += columns(row[index...index])
            index = row.index(after: index)
        }
        return starts
    }
}
