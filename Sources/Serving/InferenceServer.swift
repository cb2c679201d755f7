import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import NIOPosix
import Prometheus
import Synchronization
import Tabular

/// `automl serve`: the SageMaker inference container contract over a saved model.
///
/// `GET /ping` answers 200 once the model is loaded (503 while it loads); `POST /invocations`
/// predicts the rows of a CSV, JSON or JSON Lines body and answers in the `Accept`ed format;
/// `GET /model` describes the model; `GET /metrics` gives request counts by endpoint and status,
/// latencies, rows predicted and the model's load time in Prometheus text format. Every refusal is a 4xx with a JSON body
/// `{"error": ..., "status": ...}`; the server goes on serving. SIGTERM and SIGINT stop accepting
/// connections, let requests in flight finish, then end the process.
public struct InferenceServer: Sendable {
    public let settings: ServerSettings
    private let model = ModelHolder()
    private let logger: Logger

    public init(settings: ServerSettings) {
        self.settings = settings
        var logger = Logger(label: "automl.serve")
        logger.logLevel = .info
        self.logger = logger
    }

    /// Loads the model, listens and serves until a signal ends it; `onListening` gets the port
    /// bound (useful with port 0).
    /// - Throws: an unreadable model or a port that cannot be bound.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let registry = Self.metricsRegistry
        let router = Router()
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        let model = self.model
        let settings = self.settings
        let logger = self.logger
        let rowsPredicted = Counter(label: "automl_rows_predicted_total")
        let loadSeconds = Gauge(label: "automl_model_load_seconds")
        router.get("metrics") { _, _ -> Response in
            Self.text(registry.emitToString(), type: "text/plain; version=0.0.4")
        }
        router.get("ping") { _, _ -> Response in
            model.current == nil ? Self.error(InvocationError(status: 503, "the model is still loading")) : Response(status: .ok)
        }
        router.get("model") { _, _ -> Response in
            guard let served = model.current else { return Self.error(InvocationError(status: 503, "the model is still loading")) }
            return Self.text(served.description(), type: "application/json")
        }
        router.post("invocations") { request, context -> Response in
            do {
                guard let served = model.current else {
                    throw InvocationError(status: 503, "the model is still loading; retry when /ping answers 200")
                }
                let format = try InvocationFormat.ofRequest(contentType: request.headers[.contentType])
                let answer = try InvocationFormat.ofResponse(accept: request.headers[.accept], fallback: format)
                let body = try await Self.collect(request.body, limit: settings.maximumBodyBytes)
                let table = try InvocationRows.table(body, format: format, columns: served.columns)
                let prediction = try served.predict(table)
                rowsPredicted.increment(by: prediction.rowCount)
                return Self.text(InvocationResponse.render(prediction, keys: settings.outputKeys, format: answer), type: answer.rawValue)
            } catch let error as InvocationError {
                if error.status >= 500 { logger.error("request \(context.id): \(error.message)") }
                return Self.error(error)
            } catch {
                logger.error("request \(context.id): \(error)")
                return Self.error(InvocationError(status: 500, "internal error (request \(context.id)); the server log has the details"))
            }
        }
        let group = Self.eventLoops(settings.workers)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "automl"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? settings.port) },
            eventLoopGroupProvider: .shared(group),
            logger: logger)
        let notice = await ShutdownNotice.watch(logger: logger)
        defer { notice.cancel() }
        // The server answers /ping with 503 while the model loads; a model that cannot be read ends
        // the server (the task group cancels it, which shuts it down gracefully).
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await app.runService() }
            tasks.addTask {
                // Read on a thread of NIO's blocking pool, not on an event loop: a slow disk must
                // not stall the connections that loop serves (they get 503 meanwhile).
                let served = try await NIOThreadPool.singleton.runIfActive { try ServedModel.load(from: settings.modelDirectory) }
                model.set(served)
                loadSeconds.record(served.loadSeconds)
                logger.info("model loaded from \(settings.modelDirectory) in \(String(format: "%.3f", served.loadSeconds)) s")
            }
            do {
                while try await tasks.next() != nil {}
            } catch {
                tasks.cancelAll()
                throw error
            }
        }
    }

    /// The process's event loops, `workers` threads, which also run every Swift task of the
    /// process (NIO's singleton group installed as the concurrency executor): a request's handler
    /// runs on the loop that read it instead of hopping to the cooperative pool and back. With the
    /// pool's threads beside the loops', one-row requests at 16 connections had a p99 of 40-70 ms
    /// on 2 cores; on the loops alone, 3-4 ms (wrk, 2026-12-07).
    /// Settled once per process: a second server in the same process shares the first's loops.
    static func eventLoops(_ workers: Int) -> MultiThreadedEventLoopGroup {
        loopsInstalled.withLock { installed in
            guard !installed else { return }
            NIOSingletons.groupLoopCountSuggestion = max(1, workers)
            // Where the hook cannot be installed the tasks stay on the cooperative pool: slower, not wrong.
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            installed = true
        }
        return MultiThreadedEventLoopGroup.singleton
    }

    private static let loopsInstalled = Mutex(false)

    /// The process's metrics registry, installed as the swift-metrics backend on first use (it can
    /// be installed once per process).
    static let metricsRegistry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The body's bytes, refusing more than `limit` with 413 as soon as they pass it.
    static func collect(_ body: RequestBody, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in body {
            guard buffer.readableBytes <= limit - bytes.count else {
                throw InvocationError.tooLarge("the request body is larger than \(limit) bytes; send fewer rows per request or raise --max-body-size")
            }
            bytes += buffer.readableBytesView
        }
        return bytes
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func error(_ error: InvocationError) -> Response {
        let body = "{\"error\":\(InvocationResponse.string(error.message)),\"status\":\(error.status)}"
        return Response(
            status: HTTPResponse.Status(code: error.status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
