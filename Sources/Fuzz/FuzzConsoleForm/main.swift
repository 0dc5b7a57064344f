// libFuzzer harness: the console's form reader over arbitrary bodies, as every POST reaches it: the first byte picks
// the content type (even: application/x-www-form-urlencoded; odd: multipart/form-data with the boundary
// "sealfuzzboundary"), the rest is the body. Refusals are ConsoleFormError values; anything else — a trap, a hang, an
// error of another type — is a finding.
import FuzzSupport
import Foundation
import Hummingbird
import SealConsole

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConsoleForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let type = first & 1 == 1 ? "multipart/form-data; boundary=sealfuzzboundary" : "application/x-www-form-urlencoded"
    do {
        let form = try ConsoleForm.parse(ByteBuffer(bytes: bytes.dropFirst()), contentType: type)
        // What was read is within what was sent.
        let total = form.files.values.reduce(0) { $0 + $1.bytes.count } + form.fields.values.reduce(0) { $0 + $1.utf8.count }
        if total > bytes.count * 3 { Fuzz.fail("the form holds \(total) bytes from a body of \(bytes.count)") }
    } catch {
        // A typed refusal (ConsoleFormError): the body is not a form, or has too many parts.
        _ = error.description
    }
    return 0
}

Fuzz.run(fuzzConsoleForm)
