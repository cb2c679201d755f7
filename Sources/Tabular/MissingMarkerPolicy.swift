import Foundation

/// What a missing-value marker word (`NA`, `None`, ...) means in a column of text.
///
/// In number columns a marker is always missing. In text columns it is ambiguous: Ames Housing
/// writes `NA` for "no alley" and leaves truly unknown values empty.
public enum MissingMarkerPolicy: String, Codable, Sendable, CaseIterable {
    /// Markers in text columns are categories when the file marks missing values with empty fields
    /// elsewhere (so the marker cannot be its missing value), and missing otherwise.
    case automatic = "auto"
    /// Markers are always missing.
    case missing
    /// Markers in text columns are always categories.
    case category
}
