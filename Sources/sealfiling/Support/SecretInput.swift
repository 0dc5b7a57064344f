import Foundation
import SealCrypto
import SealPKI
#if canImport(Glibc)
import Glibc
#endif

/// Secrets sealfiling reads: from a file private to its owner, or typed at the terminal without echo; never argv.
enum SecretInput {
    /// Why a secret could not be read.
    enum Problem: Error, CustomStringConvertible {
        case empty(source: String)
        case noTerminal(what: String, option: String)

        var description: String {
            switch self {
            case .empty(let source): return "the passphrase from \(source) is empty"
            case .noTerminal(let what, let option): return "no terminal to ask for \(what): give it with \(option) FILE (a file only you can read)"
            }
        }
    }

    /// The first line of `file`, or (with no file) a line typed at /dev/tty with echo off.
    static func secret(file: String?, what: String, option: String) throws -> SecretBytes {
        if let file {
            var bytes = try ProtectedFile.readSecret(file, limit: 64 << 10)
            if let newline = bytes.firstIndex(where: { $0 == 0x0a || $0 == 0x0d }) {
                for index in newline..<bytes.count { bytes[index] = 0 }
                bytes.removeSubrange(newline...)
            }
            guard !bytes.isEmpty else { throw Problem.empty(source: file) }
            return SecretBytes(consuming: &bytes)
        }
        return try prompt("Passphrase for \(what): ", what: what, option: option)
    }

    private static func prompt(_ prompt: String, what: String, option: String) throws -> SecretBytes {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Problem.noTerminal(what: what, option: option) }
        defer { close(descriptor) }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { throw Problem.noTerminal(what: what, option: option) }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        guard tcsetattr(descriptor, TCSANOW, &silent) == 0 else { throw Problem.noTerminal(what: what, option: option) }
        defer {
            _ = tcsetattr(descriptor, TCSANOW, &original)
            _ = "\n".withCString { write(descriptor, $0, 1) }
        }
        _ = prompt.withCString { write(descriptor, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == 0x0a || byte == 0x0d { break }
            bytes.append(byte)
        }
        byte = 0
        guard !bytes.isEmpty else { throw Problem.empty(source: "the terminal") }
        return SecretBytes(consuming: &bytes)
    }
}
