// swift-tools-version: 6.1
// automl — an AutoML engine: profile a CSV, tune every built-in learner, report, predict.
// Module map and data flow: ARCHITECTURE.md. Native libraries (Debian): libopenblas-dev,
// liblapacke-dev, libsqlite3-dev.
import PackageDescription

let package = Package(
    name: "automl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "automl", targets: ["CLI"]),
        .library(name: "Tabular", targets: ["Tabular"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Tuning", targets: ["Tuning"]),
        .library(name: "Learners", targets: ["Learners"]),
        .library(name: "AutoML", targets: ["AutoML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // SHA-256 of training files for the reports' reproduction section.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Markdown to HTML for `automl report --html`.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // The store for many machines (`--store postgresql://...`), and TLS to it.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The HTTP server of `automl serve` (SwiftNIO underneath).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `GET /metrics` of `automl serve`: swift-metrics recorded, exposed in Prometheus text format.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // CBLAS + LAPACKE from OpenBLAS. Debian's OpenBLAS is built without LAPACKE, so the module
        // map links both `openblas` and `lapacke`.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        // Tabular's correlation kernel multiplies row blocks through LinearAlgebra's BLAS products
        // (a departure from DESIGN.md's "data and nothing else"; see ARCHITECTURE.md).
        .target(name: "Tabular", dependencies: ["LinearAlgebra"]),
        .target(
            name: "Tuning",
            dependencies: [
                "LinearAlgebra", "Tabular", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Learners", dependencies: ["Tabular", "LinearAlgebra", "Tuning"]),
        .target(
            name: "AutoML",
            dependencies: [
                "Learners", "Tabular", "Tuning", "LinearAlgebra", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Ink", package: "Ink"),
            ]
        ),
        // `automl serve`: the SageMaker inference container contract over a saved model.
        .target(
            name: "Serving",
            dependencies: [
                "AutoML", "Learners", "Tabular", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "AutoML", "Learners", "Tabular", "Tuning", "CMalloc", "Serving",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz entry: replays saved inputs in an ordinary build; libFuzzer's target under scripts/build-fuzzer.sh.
        .executableTarget(name: "automl-fuzz", dependencies: ["AutoML", "Tabular"], path: "Fuzz", exclude: ["Seeds"]),
        .target(
            name: "TestSupport",
            dependencies: [
                "Tuning", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ], path: "Tests/TestSupport"),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LearnersTests", dependencies: ["Learners", "Tabular", "Tuning", "TestSupport"]),
        // A tuning process the crash-safety test kills with SIGKILL and resumes.
        .executableTarget(name: "tuning-probe", dependencies: ["Tuning"], path: "Tests/TuningProbe"),
        .testTarget(
            name: "TuningTests",
            dependencies: [
                "Tuning", "Tabular", "TestSupport", "tuning-probe", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(name: "AutoMLTests", dependencies: ["AutoML", "Learners", "Tabular", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "AutoML", "TestSupport", "Tuning", "automl-fuzz"]),
        .testTarget(name: "ServingTests", dependencies: ["Serving", "AutoML", "Learners", "Tabular", "TestSupport"]),
    ]
)
