// swift-tools-version:6.1
import Foundation
import PackageDescription

/// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// `SEALSTATION_PACKAGE_BUILD=1` (Scripts/package) builds the program for installation: the data is found under the
/// install prefix, so the package's resource bundle — whose generated accessor embeds the build directory — is left out.
let packageBuild = Context.environment["SEALSTATION_PACKAGE_BUILD"] == "1"

/// `SEALSTATION_FUZZ=1` (Scripts/fuzz) adds the libFuzzer harnesses under Sources/Fuzz/: one executable per entry point
/// that reads untrusted input, built with `-sanitize=fuzzer,address` into its own build path. Normal builds, `swift test`
/// and Scripts/package never see them.
let fuzzBuild = Context.environment["SEALSTATION_FUZZ"] == "1"

/// The harnesses and what each one needs (every one also uses FuzzSupport).
let fuzzHarnesses: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzSESSeal", ["SealSES", "SealCrypto", .product(name: "SwiftASN1", package: "swift-asn1")]),
    ("FuzzSESSignature", ["SealSES", "SealCrypto", .product(name: "SwiftASN1", package: "swift-asn1")]),
    ("FuzzCertificate", ["SealCrypto", "SealPKI"]),
    ("FuzzCRL", ["SealCrypto"]),
    ("FuzzPKCS8", ["SealCrypto"]),
    ("FuzzBackup", ["SealStation", "SealCrypto"]),
    ("FuzzBundleArchive", ["SealBundle"]),
    ("FuzzBundleVerify", ["SealBundle", "SealCrypto"]),
    ("FuzzFilingManifest", ["SealBundle", "SealCrypto"]),
    ("FuzzEnvelope", ["SealBundle", "SealCrypto", "SealASN1", .product(name: "SwiftASN1", package: "swift-asn1")]),
    ("FuzzUR", ["SealOptical"]),
    ("FuzzPNG", ["SealRender"]),
    ("FuzzOFDPackage", ["SealOFD"]),
    ("FuzzOFDVerify", ["SealOFD", "SealSES"]),
    ("FuzzOFDStamp", ["FuzzSealMaterial", "SealOFD", "SealDocument", "SealSES"]),
    ("FuzzOFDText", ["SealOFD", "SealFonts"]),
    ("FuzzPDFVerify", ["SealPDF", "SealSES"]),
    ("FuzzPDFRevision", ["SealPDF", "SealSES"]),
    ("FuzzPDFStamp", ["FuzzSealMaterial", "SealPDF", "SealPDFText", "SealSES", "SealCrypto", "SealDocument"]),
    ("FuzzConsoleForm", ["SealConsole", .product(name: "Hummingbird", package: "hummingbird")]),
    ("FuzzVerifyBody", ["SealFilingService", .product(name: "Hummingbird", package: "hummingbird")]),
]

let fuzzTargets: [Target] = fuzzBuild
    ? [
        // libFuzzer's driver call (header only; -sanitize=fuzzer links the library).
        .systemLibrary(name: "CLibFuzzer", path: "Sources/Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", "SealCrypto"], path: "Sources/Fuzz/FuzzSupport", swiftSettings: swiftSettings),
        // The seal the stamping harnesses stamp with.
        .target(
            name: "FuzzSealMaterial", dependencies: ["FuzzSupport", "SealCrypto", "SealSES"], path: "Sources/Fuzz/FuzzSealMaterial",
            swiftSettings: swiftSettings),
    ]
        + fuzzHarnesses.map { harness in
            .executableTarget(
                name: harness.name, dependencies: ["FuzzSupport"] + harness.dependencies, path: "Sources/Fuzz/\(harness.name)",
                swiftSettings: swiftSettings)
        }
    : []

/// SealResources is rooted at the package directory so that its resources are the top-level Templates/; everything
/// else there belongs to other targets and is excluded from it.
let resourceTargetExcludes: [String] = {
    let root = Context.packageDirectory
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    let sources = (try? FileManager.default.contentsOfDirectory(atPath: root + "/Sources")) ?? []
    return names.filter { !$0.hasPrefix(".") && $0 != "Sources" && $0 != "Templates" }
        + sources.filter { !$0.hasPrefix(".") && $0 != "SealResources" }.map { "Sources/" + $0 }
        + (packageBuild ? ["Templates"] : ["Templates/gallery"])
}()

let package = Package(
    name: "SealStation",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sealstation", targets: ["sealstation"]),
        .executable(name: "sealfiling", targets: ["sealfiling"]),
        .executable(name: "sealstation-bench", targets: ["sealstation-bench"]),
        .library(name: "SealCrypto", targets: ["SealCrypto"]),
        .library(name: "SealPKI", targets: ["SealPKI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1", exact: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        // C at the edge: the system OpenSSL 3 (libcrypto only).
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]
        ),

        .systemLibrary(name: "CZlibSystem", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // PKCS#11 header from p11-kit; modules are dlopen()ed at run time.
        .systemLibrary(name: "CPKCS11", providers: [.apt(["libp11-kit-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libzbar, to read QR manifests back from images (scans, the printed sheet).
        .systemLibrary(name: "CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        // HarfBuzz with hb-subset: glyph advances and the font subsets embedded in the OFDs `ofd from-text` writes.
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        // libqpdf's C API, to read PDFs (cross-reference tables and streams, object streams, damaged files).
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        // poppler-glib, to find text on PDF pages (its text layout follows fonts, encodings and ToUnicode maps) when a
        // seal is placed on a keyword.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),

        // The data shipped with the program (Templates/: seal templates, PKCS#11 vendor profiles) and the one way it is
        // found: flag, environment variable, install prefix, package resources.
        .target(
            name: "SealResources", path: ".", exclude: resourceTargetExcludes,
            sources: ["Sources/SealResources"], resources: packageBuild ? [] : [.copy("Templates")],
            swiftSettings: swiftSettings + (packageBuild ? [.define("SEALSTATION_PACKAGE_BUILD")] : [])
        ),

        // SM2/SM3/ECDSA, keys, PKCS#8, X.509 and CSR over OpenSSL; the only module that sees OpenSSL pointers.
        .target(
            name: "SealCrypto",
            dependencies: ["COpenSSL", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),
        // GM/T 0031-2014 and GB/T 38540-2020 seal and signature structures, one file per production; no C.
        .target(
            name: "SealASN1", dependencies: [.product(name: "SwiftASN1", package: "swift-asn1")], swiftSettings: swiftSettings
        ),
        // The station CA, certificate profiles and chain verification; pure Swift over SealCrypto.
        .target(name: "SealPKI", dependencies: ["SealCrypto"], swiftSettings: swiftSettings),

        // Seal images: templates (YAML data), layout in millimetres, cairo/FreeType drawing to SVG, PNG and PDF.
        .target(
            name: "SealRender", dependencies: ["CCairo", "CZlibSystem", "CQREncode", "CZBar", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // How the SQLite files are opened (station registry, filing registry): WAL, foreign keys, a backup before a
        // migration, newer schemas refused.
        .target(name: "SealSQLite", dependencies: ["SealPKI", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        // The tamper-evident audit chain: records, the canonical form, chain and checkpoint verification; no C, no database.
        .target(name: "SealAudit", dependencies: ["SealCrypto"], swiftSettings: swiftSettings),
        // The registry: one SQLite file through GRDB (officers, applications, seals, uses); every read and write of the
        // station's data is a named function of it. SealSES only to backfill a seal's kind from its SES_Seal.
        .target(
            name: "SealRegistry", dependencies: ["SealAudit", "SealCrypto", "SealPKI", "SealSES", "SealSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Seals and signatures: make (v4), read (v1/v4/v5) and verify, over SealASN1, SealCrypto and SealPKI.
        .target(
            name: "SealSES", dependencies: ["SealASN1", "SealCrypto", "SealPKI", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),

        // Key custody on PKCS#11 tokens (SoftHSM2 in tests) with per-vendor SM2 mechanism profiles.
        .target(
            name: "SealToken",
            dependencies: ["CPKCS11", "SealCrypto", .product(name: "Yams", package: "Yams"), .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),

        // Filing bundles (备案包), the filing format and its verifier only: BagIt bags with SHA-256 and SM3 manifests,
        // signed tag manifests, the signed QR manifest's DER; no C but zlib's CRC-32 (Archive/CRC32Checksum.swift), no drawing
        // (images are compared through the BundleImageCheck a caller plugs in).
        .target(
            name: "SealBundle",
            dependencies: [
                "CZlibSystem", "SealAudit", "SealCrypto", "SealPKI", "SealSES", "SealASN1",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        // What every document format shares: placement of a visible seal in millimetres, the verification report of a
        // stamped document (OFD, PDF, detached); pure Swift.
        .target(name: "SealDocument", dependencies: ["SealSES", "SealCrypto"], swiftSettings: swiftSettings),
        // OFD documents (GB/T 33190): the package read through ZIPFoundation with archive guards, its XML through
        // FoundationXML with DTDs and entities refused, ST_Loc paths, the typed OFD.xml, Document.xml, Signatures.xml
        // and page content, verification (Verify/) and stamping (Stamp/: the caller makes the SES signature); no
        // drawing, no C.
        .target(
            name: "SealOFD",
            dependencies: ["SealDocument", "SealSES", "SealCrypto", "SealPKI", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        // PDF documents (ISO 32000): read through libqpdf (QPDF/ is the only code that sees its pointers), their signature
        // fields, stamping as an incremental revision (a keyword found through the PDFKeywordSearch a caller gives), and
        // verification of their CMS signatures with the GB/T 38540 SES_Signature they carry. No poppler, no cairo.
        .target(
            name: "SealPDF",
            dependencies: ["CQPDF", "SealDocument", "SealSES", "SealASN1", "SealCrypto", "SealPKI", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),
        // Text on PDF pages through poppler-glib (Poppler/ is the only code that sees its pointers; poppler links cairo):
        // the keyword search of stamping and the characters of the console's preview, for the station's side only.
        .target(name: "SealPDFText", dependencies: ["CPoppler", "SealPDF", "SealDocument"], swiftSettings: swiftSettings),
        // Font faces through HarfBuzz (the only module that sees HarfBuzz pointers): glyphs, advances, hb-subset TrueType
        // subsets, the Song face found in its Debian package; sets and embeds the text of OFDs (SealOFD's OFDFontFace).
        .target(name: "SealFonts", dependencies: ["CHarfBuzz", "SealOFD"], swiftSettings: swiftSettings),
        // Seal images checked in filing bundles: BundleImageCheck by redrawing with SealRender's templates and fonts
        // (RedrawImageCheck), and the rendering provenance of this machine that an export files.
        .target(name: "SealBundleRender", dependencies: ["SealBundle", "SealRender", "SealCrypto"], swiftSettings: swiftSettings),
        // Bundles through the air gap by light: animated QR frames of a bundle, their assembly back into the bundle,
        // and filing manifests read from QR images.
        .target(
            name: "SealOptical", dependencies: ["SealBundle", "SealUR", "SealRender", "SealPKI", "SealCrypto"], swiftSettings: swiftSettings
        ),

        // The online side's filing registry: the import policy (sequence, gaps, replays, forks, immutable seals, audit
        // overlap, identifier re-checks) as pure code over the FilingStore protocol, and its SQLite store through GRDB.
        // No rendering, no QR, no station registry.
        .target(
            name: "SealFiling",
            dependencies: ["SealBundle", "SealAudit", "SealPKI", "SealSES", "SealCrypto", "SealSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),

        // The filing registry in PostgreSQL (postgres-nio) for a city or province: the same FilingStore, imports serialised
        // per station by advisory locks, so any number of servers import into one primary.
        .target(
            name: "SealFilingPostgres",
            dependencies: [
                "SealFiling", "SealBundle", "SealAudit", "SealSES", .product(name: "PostgresNIO", package: "postgres-nio"),
                // ConnectionPoolError: the pool's own failures (no connection could be made) as they reach the store.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // multipart/form-data bodies read through MultipartKit with the guards both HTTP services need (part count, ASCII
        // header names): the console's forms and the filing service's detached signature with its document.
        .target(
            name: "SealMultipart",
            dependencies: [.product(name: "MultipartKit", package: "multipart-kit"), .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        // The online filing service: the HTTP API (Hummingbird) over any FilingStore — bundles uploaded, streamed to disk,
        // verified and imported; seals, stations and CRLs queried; seals, signatures and stamped OFDs and PDFs verified
        // against the stations' CAs and filed CRLs, with the filing status of their seals; bearer tokens of clients;
        // Prometheus metrics; its OpenAPI document. No ArgumentParser, no rendering, no poppler (PDFs through libqpdf).
        .target(
            name: "SealFilingService",
            dependencies: [
                "SealFiling", "SealBundle", "SealCrypto", "SealPKI", "SealSES", "SealDocument", "SealOFD", "SealPDF", "SealMultipart",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Uniform Resources (BCR-2020-005) with Bytewords and the fountain code, for moving bundles through QR frames.
        .target(name: "SealUR", dependencies: ["SealCrypto"], swiftSettings: swiftSettings),

        // What the CLI's --json and tables, and the web console, show of certificates, seals, signatures and the
        // registry's rows: one Encodable view per thing, one JSON form; no ArgumentParser, no rendering, no C.
        .target(
            name: "SealViews",
            dependencies: ["SealAudit", "SealCrypto", "SealASN1", "SealPKI", "SealSES", "SealRegistry", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),

        // What both programs' command lines share: help with whole examples, tables by display width, progress bars, the
        // bundle and document verification reports as text.
        .target(
            name: "SealCommandLine", dependencies: ["SealBundle", "SealDocument", "SealSES", "SealPKI", "SealCrypto", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // The station: workflows over the registry, PKI, seals and rendering; no C.
        .target(
            name: "SealStation",
            dependencies: [
                "SealAudit", "SealRegistry", "SealCrypto", "SealPKI", "SealSES", "SealRender", "SealASN1", "SealToken", "SealBundle",
                "SealBundleRender", "SealOptical", "SealDocument", "SealOFD", "SealPDF", "SealPDFText", .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),

        // The officers' console: the loopback web application (Hummingbird, Mustache templates from SealResources) over
        // an opened Station: sessions, CSRF, sign-in, the workbench and a page for every station workflow. No ArgumentParser.
        .target(
            name: "SealConsole",
            dependencies: [
                "SealStation", "SealRegistry", "SealViews", "SealResources", "SealCrypto", "SealRender", "SealToken", "SealPKI",
                "SealSES", "SealDocument", "SealOFD", "SealPDF", "SealPDFText", "SealAudit", "SealBundle", "SealBundleRender",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Mustache", package: "swift-mustache"),
                "SealMultipart", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "sealstation",
            dependencies: [
                "SealAudit", "SealCrypto", "SealPKI", "SealASN1", "SealSES", "SealRender", "SealRegistry", "SealStation", "SealToken",
                "SealBundle", "SealUR", "SealViews", "SealFiling", "SealBundleRender", "SealOptical", "SealResources", "SealCommandLine", "SealDocument",
                "SealOFD", "SealPDF", "SealFonts", "SealConsole", "SealFilingService", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The online program: verify, import, query and assemble filing bundles; links neither cairo, FreeType, HarfBuzz,
        // zbar, qrencode nor poppler (it reads QR frames as UR text, does not redraw seal images, and reads PDFs through
        // libqpdf only).
        .executableTarget(
            name: "sealfiling",
            dependencies: [
                "SealFiling", "SealFilingPostgres", "SealFilingService", "SealBundle", "SealCrypto", "SealPKI", "SealSES", "SealUR", "SealCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sealstation-bench",
            dependencies: [
                "SealAudit", "SealCrypto", "SealPKI", "SealSES", "SealRender", "SealRegistry", "SealStation", "SealToken", "SealBundle", "SealUR",
                "SealFiling", "SealFilingService", "SealFilingPostgres", "SealBundleRender", "SealOptical", "SealResources", "SealOFD", "SealPDF", "SealDocument",
                "SealFonts", "SealConsole", "SealTestSupport", "COpenSSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftASN1", package: "swift-asn1"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Helpers shared by the tests (and the benchmarks): running outside tools (openssl…), temporary directories, a
        // private PostgreSQL server.
        .target(
            name: "SealTestSupport", dependencies: ["SealCrypto", "SealPKI", "SealToken", .product(name: "SwiftASN1", package: "swift-asn1")],
            path: "Tests/SealTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealASN1Tests", dependencies: ["SealASN1", "SealCrypto", "SealTestSupport", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealSESTests",
            dependencies: ["SealSES", "SealASN1", "SealCrypto", "SealPKI", "SealTestSupport", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealRenderTests", dependencies: ["SealRender", "SealTestSupport", "SealResources"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealStationTests",
            dependencies: [
                "SealStation", "SealRegistry", "SealAudit", "SealSES", "SealCrypto", "SealRender", "SealBundle", "SealBundleRender", "SealOptical",
                "SealFiling", "SealPKI", "SealUR", "SealToken", "SealTestSupport", "SealResources", "SealOFD", "SealDocument", "SealFonts", .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealTokenTests",
            dependencies: [
                "SealToken", "SealAudit", "SealCrypto", "SealPKI", "SealStation", "SealRegistry", "SealRender", "SealSES", "SealTestSupport",
                "SealResources",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealBundleTests",
            dependencies: [
                "SealBundle", "SealOptical", "SealCrypto", "SealSES", "SealPKI", "SealASN1", "SealTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealOFDTests",
            dependencies: [
                "SealOFD", "SealFonts", "SealDocument", "SealSES", "SealCrypto", "SealPKI", "SealRender", "SealResources", "SealTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // render-ofd.py: the easyofd rendering the tests run in the venv.
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealPDFTests",
            dependencies: ["SealPDF", "SealDocument", "SealSES", "SealASN1", "SealCrypto", "SealPKI", "SealTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealViewsTests",
            dependencies: [
                "SealViews", "SealAudit", "SealCrypto", "SealPKI", "SealSES", "SealASN1", "SealRegistry", "SealTestSupport",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealFilingTests",
            dependencies: [
                "SealFiling", "SealFilingPostgres", "SealFilingService", "SealBundle", "SealStation", "SealRegistry", "SealRender", "SealCrypto", "SealPKI", "SealSES",
                "SealTestSupport", "SealResources", "SealToken", "SealDocument", "SealOFD", "SealPDF", "SealFonts", "SealAudit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealRegistryTests",
            dependencies: [
                "SealRegistry", "SealAudit", "SealCrypto", "SealPKI", "SealSES", "SealTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SealAuditTests", dependencies: ["SealAudit", "SealCrypto", "SealTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SealURTests", dependencies: ["SealUR"], swiftSettings: swiftSettings),
        .testTarget(name: "SealResourcesTests", dependencies: ["SealResources"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SealCryptoTests", dependencies: ["SealCrypto", "SealTestSupport", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealPKITests", dependencies: ["SealPKI", "SealCrypto", "SealTestSupport"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealConsoleTests",
            dependencies: [
                "SealConsole", "SealStation", "SealRegistry", "SealCrypto", "SealResources", "SealRender", "SealToken", "SealTestSupport",
                "SealOFD", "SealPDF", "SealFonts", "SealSES", "SealDocument", "SealPKI", "SealBundle",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // console-flow.py: the selenium script the real-browser test runs in the venv.
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealStationCLITests",
            dependencies: ["sealstation", "sealfiling", "SealCrypto", "SealPKI", "SealUR", "SealRender", "SealTestSupport", "SealResources"],
            swiftSettings: swiftSettings
        ),
    ] + fuzzTargets
)
