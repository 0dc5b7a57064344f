// libFuzzer harness: OFD package reading, as `verify DOC.ofd` will read a document: `OFDPackage(contentsOf:)` (archive
// guards) then `OFDFile` (OFD.xml, Document.xml, Signatures.xml through the DTD-refusing XML parser, ST_Loc), and the
// parser directly on every member that reads as XML.
import FuzzSupport
import Foundation
import SealOFD

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOFDPackage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = Fuzz.file("document.ofd", Fuzz.bytes(data, size))
    guard let package = try? OFDPackage(contentsOf: url) else { return 0 }
    _ = try? OFDFile(package)
    for path in package.paths where path.hasSuffix(".xml") {
        _ = try? OFDXMLParser.parse(package.file(path) ?? [], file: path)
    }
    return 0
}

Fuzz.run(fuzzOFDPackage)
