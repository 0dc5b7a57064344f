// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SealStation",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sealstation", targets: ["sealstation"]),
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
    ],
    targets: [
        // C at the edge: the system OpenSSL 3 (libcrypto only).
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]
        ),

        .systemLibrary(name: "CZlibSystem", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // PKCS#11 header from p11-kit; modules are dlopen()ed at run time.
        .systemLibrary(name: "CPKCS11", pkgConfig: "p11-kit-1", providers: [.apt(["libp11-kit-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libzbar, to read QR manifests back from images (scans, the printed sheet).
        .systemLibrary(name: "CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),

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
        // The registry: one SQLite file through GRDB (officers, applications, seals, uses); identifier checks.
        .target(
            name: "SealRegistry", dependencies: ["SealCrypto", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings
        ),
        // Seals and signatures: make (v4), read (v1/v4/v5) and verify, over SealASN1, SealCrypto and SealPKI.
        .target(name: "SealSES", dependencies: ["SealASN1", "SealCrypto", "SealPKI"], swiftSettings: swiftSettings),

        // Key custody on PKCS#11 tokens (SoftHSM2 in tests) with per-vendor SM2 mechanism profiles.
        .target(
            name: "SealToken",
            dependencies: ["CPKCS11", "SealCrypto", .product(name: "Yams", package: "Yams"), .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),

        // Filing bundles (备案包): BagIt bags with SHA-256 and SM3 manifests, signed tag manifests; no C.
        .target(
            name: "SealBundle",
            dependencies: [
                "SealCrypto", "SealPKI", "SealSES", "SealASN1", "SealRegistry", "SealRender", "SealUR",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // Uniform Resources (BCR-2020-005) with Bytewords and the fountain code, for moving bundles through QR frames.
        .target(name: "SealUR", dependencies: ["SealCrypto"], swiftSettings: swiftSettings),

        // The station: workflows over the registry, PKI, seals and rendering; no C.
        .target(
            name: "SealStation",
            dependencies: [
                "SealRegistry", "SealCrypto", "SealPKI", "SealSES", "SealRender", "SealASN1", "SealToken", "SealBundle",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "sealstation",
            dependencies: [
                "SealCrypto", "SealPKI", "SealASN1", "SealSES", "SealRender", "SealRegistry", "SealStation", "SealToken", "SealBundle",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sealstation-bench",
            dependencies: [
                "SealCrypto", "SealPKI", "SealSES", "SealRender", "SealRegistry", "SealStation", "SealToken", "SealBundle", "SealUR",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // Helpers shared by the tests: running outside tools (openssl…) and temporary directories.
        .target(
            name: "SealTestSupport", dependencies: ["SealCrypto", "SealPKI", "SealToken"], path: "Tests/SealTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealASN1Tests", dependencies: ["SealASN1", "SealCrypto", "SealTestSupport"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealSESTests", dependencies: ["SealSES", "SealASN1", "SealCrypto", "SealPKI", "SealTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealRenderTests", dependencies: ["SealRender", "SealTestSupport"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealStationTests",
            dependencies: ["SealStation", "SealRegistry", "SealSES", "SealCrypto", "SealRender", "SealBundle", "SealPKI", "SealUR", "SealTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealTokenTests",
            dependencies: ["SealToken", "SealCrypto", "SealPKI", "SealStation", "SealRegistry", "SealRender", "SealSES", "SealTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealBundleTests", dependencies: ["SealBundle", "SealCrypto", "SealSES", "SealPKI", "SealUR", "SealRender", "SealTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SealURTests", dependencies: ["SealUR"], swiftSettings: swiftSettings),
        .testTarget(name: "SealCryptoTests", dependencies: ["SealCrypto", "SealTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SealPKITests", dependencies: ["SealPKI", "SealCrypto", "SealTestSupport"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SealStationCLITests",
            dependencies: ["sealstation", "SealCrypto", "SealPKI", "SealTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
