// swift-tools-version:5.9
// A user's package depending on the released Hookseal package (make test-dist-swift): it must
// build with a plain `swift build`, no linker flags, once the native tarball is in /usr/local.
import PackageDescription

let package = Package(
    name: "consumer",
    dependencies: [.package(path: "../Hookseal")],
    targets: [
        .executableTarget(name: "consumer", dependencies: [.product(name: "Hookseal", package: "Hookseal")]),
    ]
)
