import ArgumentParser
import Foundation
import SealCrypto
import SealOptical
import SealRender
import SealUR

extension BenchCommand {
    /// Optical transfer: how full each QR frame is, how many frames the fountain code needs, how fast frames are made.
    struct QR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "qr",
            abstract: "QR frames: payload share of the symbol's capacity, frames needed vs the minimum, frames encoded/s.",
            discussion: """
                Encodes a --bytes message (random, as incompressible as a bundle) as upper-case multipart ur:bytes
                frames of --fragment-size bytes at QR level L. Reports: the UR text per frame as a share of the
                alphanumeric capacity of the version libqrencode chose (ISO/IEC 18004 data codewords); over --trials
                runs, the frames a receiver needs to rebuild the message as a multiple of the minimum (seqLen), with no
                frame lost and with --drop of the frames lost at random; and frames encoded per second (UR part, QR
                symbol and PNG), against the frames a --fps player shows.

                Example:
                  Scripts/bench qr --bytes 200000 --fragment-size 250
                """)

        @Option(help: "Message size in bytes.") var bytes: Int = 200_000
        @Option(name: .customLong("fragment-size"), help: "Bytes per frame.") var fragmentSize: Int = QRFrameSequence.defaultFragmentSize
        @Option(help: "Fraction of frames lost at random.") var drop: Double = 0.2
        @Option(help: "Decoding trials.") var trials: Int = 20
        @Option(help: "Frames per second a player shows.") var fps: Double = 4
        @Flag(help: "Print the result as JSON.") var json = false

        /// Data codewords at level L, versions 1–40 (ISO/IEC 18004 table 7).
        static let dataCodewordsL = [
            19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324, 370, 428, 461, 523, 589, 647, 721, 795, 861, 932, 1006, 1094, 1174,
            1276, 1370, 1468, 1531, 1631, 1735, 1843, 1955, 2071, 2191, 2306, 2434, 2566, 2702, 2812, 2956,
        ]

        /// Alphanumeric characters a version holds at level L.
        static func alphanumericCapacity(version: Int) -> Int {
            let countBits = version <= 9 ? 9 : version <= 26 ? 11 : 13
            let bits = dataCodewordsL[version - 1] * 8 - 4 - countBits
            return bits / 11 * 2 + (bits % 11 >= 6 ? 1 : 0)
        }

        func run() throws {
            var generator = SystemRandomNumberGenerator()
            let message = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var encoder = try UREncoder(UniformResource(bytes: message), maxFragmentLength: fragmentSize)
            let seqLen = encoder.seqLen

            // Capacity: the longest frame text against its symbol.
            let sample = (0..<min(seqLen * 2, 200)).map { _ in encoder.nextPart().uppercased() }
            let longest = sample.max { $0.utf8.count < $1.utf8.count }!
            let symbol = try QRCodeImage(text: longest, level: "L")
            let capacity = Self.alphanumericCapacity(version: symbol.version)
            let payloadShare = Double(longest.utf8.count) / Double(capacity)

            // Frames needed, over trials: a receiver watching from the first frame with `drop` of the frames lost, and
            // one that joins after the pure frames have gone by (only mixed frames, none lost).
            func framesNeeded(loss: Double, firstSeqNum: (Int) -> UInt32) throws -> (received: Double, shown: Double) {
                var received = 0.0, shown = 0.0
                for trial in 0..<trials {
                    var fountain = try FountainEncoder(UniformResource(bytes: message).cbor, maxFragmentLength: fragmentSize,
                                                       firstSeqNum: firstSeqNum(trial))
                    var decoder = FountainDecoder()
                    var got = 0, sent = 0
                    while !decoder.isComplete {
                        let part = fountain.nextPart()
                        sent += 1
                        if Double.random(in: 0..<1, using: &generator) < loss { continue }
                        try decoder.receive(part)
                        got += 1
                    }
                    received += Double(got) / Double(seqLen)
                    shown += Double(sent) / Double(seqLen)
                }
                return (received / Double(trials), shown / Double(trials))
            }
            Measure.log(json, "decoding \(trials) trials from the first frame with \(Int(drop * 100)) % lost…")
            let lossy = try framesNeeded(loss: drop) { _ in 0 }
            Measure.log(json, "decoding \(trials) trials from mixed frames only…")
            let clean = try framesNeeded(loss: 0) { UInt32(seqLen + $0 * 7919) }

            // Frames encoded per second: UR part, QR symbol, PNG.
            Measure.log(json, "encoding frames for 3 s…")
            var frameEncoder = try UREncoder(UniformResource(bytes: message), maxFragmentLength: fragmentSize)
            let rate = try Measure.rate(for: 3) {
                _ = try QRCodeImage(text: frameEncoder.nextPart().uppercased()).png(pixelsPerModule: 4, dpi: 96)
            }

            struct Report: Encodable {
                var messageBytes: Int
                var fragmentSize: Int
                var seqLen: Int
                var frameCharacters: Int
                var qrVersion: Int
                var qrAlphanumericCapacityL: Int
                var payloadShareOfCapacity: Double
                /// Joining after the pure frames: mixed frames only, none lost.
                var framesReceivedOverMinimumMixedOnly: Double
                var framesShownOverMinimumWithLoss: Double
                var framesReceivedOverMinimumWithLoss: Double
                var loss: Double
                var framesEncodedPerSecond: Double
                var playerFramesPerSecond: Double
            }
            let report = Report(
                messageBytes: bytes, fragmentSize: fragmentSize, seqLen: seqLen, frameCharacters: longest.utf8.count, qrVersion: symbol.version,
                qrAlphanumericCapacityL: capacity, payloadShareOfCapacity: payloadShare, framesReceivedOverMinimumMixedOnly: clean.received,
                framesShownOverMinimumWithLoss: lossy.shown, framesReceivedOverMinimumWithLoss: lossy.received, loss: drop,
                framesEncodedPerSecond: rate, playerFramesPerSecond: fps)
            if json {
                try Measure.printJSON(report)
            } else {
                print("message \(bytes) bytes, fragments of \(fragmentSize) bytes: seqLen \(seqLen)")
                print(String(format: "frame payload  %d characters in a version-%d-L symbol holding %d: %.1f %% of capacity",
                             longest.utf8.count, symbol.version, capacity, payloadShare * 100))
                print(String(format: "frames needed  from the first frame with %.0f %% lost: %.3f × the minimum shown (%.3f × received)",
                             drop * 100, lossy.shown, lossy.received))
                print(String(format: "               joining after the pure frames (mixed only, none lost): %.3f × received", clean.received))
                print(String(format: "frames encoded %.1f /s (UR part + QR + PNG) vs %.1f /s a player shows = %.1f× real time",
                             rate, fps, rate / fps))
            }
        }
    }
}
