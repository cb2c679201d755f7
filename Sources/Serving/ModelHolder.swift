import Synchronization

/// The loaded model, once there is one; read by every request.
final class ModelHolder: Sendable {
    private let model = Mutex<ServedModel?>(nil)

    var current: ServedModel? { model.withLock { $0 } }

    func set(_ served: ServedModel) { model.withLock { $0 = served } }
}
