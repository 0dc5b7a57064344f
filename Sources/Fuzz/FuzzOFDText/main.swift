// libFuzzer harness: `ofd from-text` over arbitrary bytes, as the command runs it: `OFDTextDocument(text:face:info:)`
// with the Song face (UTF-8 and control-character checks, line breaking, page limits, the font subset), the ZIP
// through ZIPFoundation, and the package read back with `OFDFile`, which must succeed for every document made (a
// failure there is a finding: the harness traps).
// The first byte, when it is odd, makes the rest up to the first line feed the title.
import FuzzSupport
import Foundation
import SealFonts
import SealOFD

let face: OpenTypeFace = {
    do {
        return try FontSource.songTrueType.open()
    } catch {
        Fuzz.fail("FuzzOFDText needs the Song face: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOFDText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = Fuzz.bytes(data, size)
    var title: String?
    if let first = bytes.first, first & 1 == 1 {
        let rest = bytes.dropFirst()
        let end = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        title = String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
        bytes = Array(rest[end...].dropFirst())
    }
    let info = OFDDocInfo(docID: "0123456789abcdef0123456789abcdef", title: title, creationDate: Date(timeIntervalSince1970: 1_780_000_000))
    guard let document = try? OFDTextDocument(text: bytes, face: face, info: info) else { return 0 }
    let package: [UInt8]
    do {
        package = try document.package(modificationDate: info.creationDate)
    } catch {
        fatalError("a laid-out document could not be zipped: \(error)")
    }
    do {
        let file = try OFDFile(try OFDPackage(data: Data(package)))
        guard file.bodies.first?.document.pages.count == document.pages.count else { fatalError("the page count changed on reading back") }
        for member in document.members where member.path.hasSuffix(".xml") {
            _ = try OFDXMLParser.parse(member.bytes, file: member.path)
        }
    } catch {
        fatalError("a written OFD does not read back: \(error)")
    }
    return 0
}

Fuzz.run(fuzzOFDText)
