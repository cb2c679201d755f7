import Foundation

/// Derives independent seeds from a base seed and an index.
public enum SeedMixer {
    /// splitmix64 of `seed + (index + 1) · golden gamma`.
    public static func mix(_ seed: UInt64, _ index: UInt64) -> UInt64 {
        var z = seed &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
