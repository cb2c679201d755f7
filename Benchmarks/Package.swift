// swift-tools-version: 6.1
// Benchmarks for automl, kept out of the main package so `swift build` and `swift test` never
// compile them. Run through the scripts in ../benchmarks-data/, always in release mode.
import PackageDescription

let package = Package(
    name: "automl-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "automl", path: "..")],
    targets: [
        .executableTarget(name: "IngestBenchmark", dependencies: [.product(name: "Tabular", package: "automl")]),
        .executableTarget(
            name: "LearnerBenchmark",
            dependencies: [
                .product(name: "AutoML", package: "automl"), .product(name: "Learners", package: "automl"),
                .product(name: "Tabular", package: "automl"), .product(name: "Tuning", package: "automl"),
            ]),
        .executableTarget(name: "TunerBenchmark", dependencies: [.product(name: "Tuning", package: "automl")]),
        .executableTarget(name: "StoreBenchmark", dependencies: [.product(name: "Tuning", package: "automl")]),
        .executableTarget(
            name: "ExplainBenchmark",
            dependencies: [.product(name: "Learners", package: "automl"), .product(name: "Tabular", package: "automl")]),
    ]
)
