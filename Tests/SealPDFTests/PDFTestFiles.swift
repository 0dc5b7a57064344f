import Foundation
import SealTestSupport

/// PDFs made by tools we did not write, for the reader and verifier: a one-page document from PyMuPDF, a P-256 test
/// CA and signer from the openssl CLI, and signatures from pyHanko's CLI (all installed by Scripts/setup).
struct PDFTestFiles {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("sealpdf-test")
    }

    var pyhanko: String { URL(fileURLWithPath: PythonTools.python).deletingLastPathComponent().appendingPathComponent("pyhanko").path }

    /// A one-page A4 PDF with a line of text, written by PyMuPDF (with object streams and a cross-reference stream
    /// when `objectStreams`).
    func document(_ name: String = "in.pdf", pages: Int = 1, objectStreams: Bool = false) throws -> String {
        let path = directory.path(name)
        let script = """
            import sys, pymupdf
            d = pymupdf.open()
            for i in range(int(sys.argv[2])):
                d.new_page().insert_text((72, 72), "SealStation test page %d" % (i + 1))
            d.save(sys.argv[1], use_objstms=int(sys.argv[3]))
            """
        let result = try PythonTools.run(script: script, [path, String(pages), objectStreams ? "1" : "0"])
        guard result.succeeded else { throw ToolFailure(tool: "PyMuPDF", output: result.stderr) }
        return path
    }

    /// A P-256 CA (`ca.pem`) and a signer issued by it (`leaf.pem`, `leaf.key`), made with the openssl CLI.
    func p256Signer() throws {
        let dir = directory.url
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "3650", "-subj", "/C=CN/O=SealStation Test/CN=Test Root P-256", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ], in: dir)
        try openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
            "-subj", "/C=CN/O=SealStation Test/CN=Test Signer",
        ], in: dir)
        try directory.write("ext", text: "keyUsage=critical,digitalSignature,nonRepudiation\n")
        try openssl([
            "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "leaf.pem", "-days", "365",
            "-extfile", "ext",
        ], in: dir)
    }

    /// `input` signed by pyHanko's CLI with the P-256 signer into `output`, a visible field `field` on page 1.
    func pyhankoSign(_ input: String, _ output: String, field: String) throws {
        let result = try ExternalTool.run(pyhanko, [
            "sign", "addsig", "--field", "1/300,100,413,213/\(field)", "pemder", "--key", directory.path("leaf.key"),
            "--cert", directory.path("leaf.pem"), "--chain", directory.path("ca.pem"), "--no-pass", input, output,
        ])
        guard result.succeeded else { throw ToolFailure(tool: "pyhanko sign addsig", output: result.stdout + result.stderr) }
    }

    private func openssl(_ arguments: [String], in directory: URL) throws {
        let result = try ExternalTool.run("openssl", arguments, currentDirectory: directory)
        guard result.succeeded else { throw ToolFailure(tool: "openssl \(arguments[0])", output: result.stderr) }
    }

    struct ToolFailure: Error, CustomStringConvertible {
        let tool: String
        let output: String
        var description: String { "\(tool) failed: \(output)" }
    }
}
