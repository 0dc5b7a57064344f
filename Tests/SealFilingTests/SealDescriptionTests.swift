import Foundation
import SealBundle
import SealFiling
import SealTestSupport
import Testing
import SealStation

/// One seal description from the station's record to the bundle and the online record.
@Suite("SealDescription: one value from the station to the online record")
struct SealDescriptionTests {
    @Test("a filing.json exported by a station decodes and encodes back byte for byte; the online record holds the same description")
    func roundTrip() throws {
        let office = try FilingFixture()
        _ = try office.issueUnitSeal()
        _ = try office.issuePersonalSeal()
        let exported = try office.export()
        let files = try BundleArchive.read(URL(fileURLWithPath: exported.path))
        let filings = files.filter { $0.path.hasSuffix("/filing.json") }
        #expect(filings.count == 2)
        let bundle = try #require(office.outcome(exported).bundle)
        for file in filings {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let filing = try decoder.decode(SealFiling.self, from: Data(file.bytes))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            #expect(Array(try encoder.encode(filing)) + [0x0A] == file.bytes, "\(file.path)")
            // The keys are flat, as older bundles have them.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
            #expect(object["esID"] as? String == filing.esID && object["sealSM3"] as? String == filing.sealSM3 && object["seal"] == nil)
            let entry = try #require(bundle.seals.first { $0.filing.esID == filing.esID })
            #expect(entry.filing == filing)
            #expect(try FiledSealRecord(entry, stationID: "station", bundleSequence: 1).seal == filing.seal)
        }
    }

    @Test("a filing.json without issuedBy is malformed, as before")
    func issuedByRequired() throws {
        let json = #"{"creditCode":"91110108MA00000070","esID":"11010800000001","holderCertificateSM3":"00","imageDPI":300,"issuedAt":"2026-09-21T00:00:00Z","kind":"unit","name":"章","pngSM3":"00","sealSM3":"00","state":"issued","stationSealID":1,"svgSM3":"00","template":"round-42","unitName":"单位","validFrom":"2026-09-21T00:00:00Z","validTo":"2027-09-21T00:00:00Z"}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(throws: DecodingError.self) { try decoder.decode(SealFiling.self, from: Data(json.utf8)) }
        let complete = json.replacingOccurrences(of: #""imageDPI""#, with: #""issuedBy":"甲","imageDPI""#)
        #expect(try decoder.decode(SealFiling.self, from: Data(complete.utf8)).issuedBy == "甲")
    }
}
