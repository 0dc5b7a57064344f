import Foundation
import SealCrypto
#if canImport(Glibc)
import Glibc
#endif

/// Reads a secret from the controlling terminal with echo switched off.
enum TerminalPrompt {
    /// Prompts on /dev/tty and reads one line without echo; `what` names the secret ("passphrase for the station
    /// keys") and `option` the option that gives it from a file instead.
    /// - Throws: `CLIError.noPassphraseSource` naming `option` when there is no terminal (scripts give the file).
    static func readSecret(prompt: String, what: String, option: String) throws -> SecretBytes {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError.noPassphraseSource(what: what, option: option) }
        defer { close(descriptor) }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { throw CLIError.noPassphraseSource(what: what, option: option) }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        guard tcsetattr(descriptor, TCSANOW, &silent) == 0 else {
            throw CLIError.terminal(String(cString: strerror(errno)))
        }
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
        guard !bytes.isEmpty else { throw CLIError.emptyPassphrase(source: "the terminal") }
        return SecretBytes(consuming: &bytes)
    }
}
