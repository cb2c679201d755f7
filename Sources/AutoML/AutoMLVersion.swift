/// The version of automl that reports and models state, and `automl --version` prints.
public enum AutoMLVersion {
    public static let current = "0.2.0"
}
