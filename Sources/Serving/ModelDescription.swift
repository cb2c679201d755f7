/// The body of `GET /model`.
struct ModelDescription: Encodable {
    struct Column: Encodable {
        var name: String
        var type: String
    }

    struct Member: Encodable {
        var trial: Int?
        var algorithm: String
        var weight: Double
    }

    var directory: String
    var formatVersion: Int
    var target: String
    var task: String
    var metric: String
    var classes: [String]
    var threshold: Double?
    var columns: [Column]
    var members: [Member]
    var loadSeconds: Double
}
