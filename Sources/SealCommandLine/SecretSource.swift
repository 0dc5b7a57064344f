#if canImport(Glibc)
import Glibc
#endif
// termios: with some dependency graphs (a release build beside Hummingbird) its Glibc definition is attributed to
// CoreFoundation's clang module.
import CoreFoundation
public import SealCrypto
import SealPKI

/// Where both programs read passphrases and PINs from: the first line of a file private to its owner, or a line typed
/// on the controlling terminal with echo off. Never argv.
public enum SecretSource {
    /// Why a secret could not be read.
    public enum Problem: Error, Equatable, CustomStringConvertible, Sendable {
        /// No terminal to prompt on (a script, a service): `option` gives the secret from a file instead.
        case noTerminal(what: String, option: String)
        /// The terminal could not be switched to no-echo.
        case terminal(String)
        /// The file's first line, or the line typed, is empty.
        case empty(source: String)

        public var description: String {
            switch self {
            case .noTerminal(let what, let option): return "no \(what): there is no terminal to prompt on; give \(option) FILE"
            case .terminal(let reason): return "the terminal cannot be switched to no-echo input: \(reason)"
            case .empty(let source): return "the passphrase from \(source) is empty"
            }
        }
    }

    /// The first line of `file`, without its line ending; the bytes read are zeroed. The file must be private to
    /// its owner (a passphrase or PIN others can read is refused, naming `chmod 600`).
    public static func firstLine(of file: String) throws -> SecretBytes {
        var bytes = try ProtectedFile.readSecret(file, limit: 64 << 10)
        if let newline = bytes.firstIndex(where: { $0 == 0x0a || $0 == 0x0d }) {
            for index in newline..<bytes.count { bytes[index] = 0 }
            bytes.removeSubrange(newline...)
        }
        guard !bytes.isEmpty else { throw Problem.empty(source: file) }
        return SecretBytes(consuming: &bytes)
    }

    /// Prompts with `prompt` on /dev/tty and reads one line without echo; `what` names the secret ("passphrase for the
    /// station keys") and `option` the option that gives it from a file instead.
    /// - Throws: ``Problem/noTerminal(what:option:)`` when there is no terminal (scripts give the file).
    public static func prompt(_ prompt: String, what: String, option: String) throws -> SecretBytes {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Problem.noTerminal(what: what, option: option) }
        defer { close(descriptor) }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { throw Problem.noTerminal(what: what, option: option) }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        guard tcsetattr(descriptor, TCSANOW, &silent) == 0 else { throw Problem.terminal(String(cString: strerror(errno))) }
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
