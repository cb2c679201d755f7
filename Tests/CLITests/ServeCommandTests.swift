import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `automl serve` end to end: a real model, the real server on a free loopback port, real HTTP.
@Suite(.processSlot) struct ServeCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-serve") }

    /// A penguins model (multiclass) from a short run.
    func trainedModel() async throws -> String {
        let run = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("penguins_train"), "--target", "species", "--time-limit", "5m", "--max-candidates", "2",
                "--parallel", "1", "--algorithms", "linear,gbdt", "--job-name", "served", "--store", directory.path("automl.sqlite"),
                "--output", directory.path("served"),
            ], currentDirectory: directory.url.path)
        #expect(run.status == 0, "\(run.standardError)")
        return directory.path("served/model")
    }

    /// A running server and the base URL it listens on.
    struct Server {
        let process: LaunchedProcess
        let base: String
        let log: URL
    }

    func serve(_ model: String, _ extra: [String] = []) throws -> Server {
        let log = directory.url.appendingPathComponent("serve-\(UUID().uuidString).log")
        let process = try launchProcess(
            Fixtures.automlBinary, ["serve", "--model", model, "--port", "0"] + extra, currentDirectory: directory.url, log: log)
        var base: String?
        waitFor(60) {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard let range = text.range(of: #"listening on (http://127\.0\.0\.1:\d+)"#, options: .regularExpression) else { return false }
            base = String(text[range].dropFirst("listening on ".count))
            return true
        }
        guard let base else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [
                    NSLocalizedDescriptionKey: "the server never said where it listens: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"
                ])
        }
        return Server(process: process, base: base, log: log)
    }

    /// One HTTP exchange: the status, the body as text and the Content-Type.
    func send(
        _ server: Server, _ path: String, method: String = "POST", body: Data? = nil, contentType: String? = nil, accept: String? = nil
    ) async throws -> (status: Int, body: String, type: String?) {
        var request = URLRequest(url: URL(string: server.base + path)!)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let accept { request.setValue(accept, forHTTPHeaderField: "Accept") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
    }

    /// A GET answered over a raw loopback connection, synchronously (for `waitFor` conditions):
    /// the status code and the body; nil when the server does not answer.
    func get(port: Int, _ path: String) -> (status: Int, body: String)? {
        guard let connection = try? LoopbackConnection(port: port),
            (try? connection.send(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))) != nil
        else { return nil }
        let reply = String(decoding: connection.receiveAll(), as: UTF8.self)
        guard let status = Int(reply.dropFirst("HTTP/1.1 ".count).prefix(3)) else { return nil }
        return (status, reply.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// POST requests the server is handling now, from its `/metrics`.
    func activePosts(port: Int) -> Int {
        let line = get(port: port, "/metrics")?.body.split(separator: "\n").first {
            $0.hasPrefix("http_server_active_requests") && $0.contains("http_request_method=\"POST\"")
        }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? -1
    }

    @Test func servesTheSameAnswersAsBatchAndRefusesBadRequestsWithoutFalling() async throws {
        let model = try await trainedModel()
        let testFile = Fixtures.sharedDataset("penguins_test")
        let batch = try await runProcess(
            Fixtures.automlBinary, ["predict", "--model", model, "--input", testFile, "--output", directory.path("batch.csv")])
        #expect(batch.status == 0, "\(batch.standardError)")
        let batchRows = try String(contentsOfFile: directory.path("batch.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

        let server = try serve(model, ["--max-body-size", "64KB", "--inference-output", "predicted_label,probabilities,labels"])
        defer { kill(server.process.processIdentifier, SIGKILL) }
        #expect(try await send(server, "/ping", method: "GET").status == 200)
        let described = try await send(server, "/model", method: "GET")
        #expect(
            described.status == 200 && described.body.contains("\"name\":\"island\"") && described.body.contains("\"task\":\"multiclass\""),
            "\(described.body)")

        // The test file as it is (its header names the training columns, and the target is ignored).
        let body = try Data(contentsOf: URL(fileURLWithPath: testFile))
        let answer = try await send(server, "/invocations", body: body, contentType: "text/csv", accept: "application/jsonlines")
        #expect(answer.status == 200 && answer.type == "application/jsonlines", "\(answer.body)")
        let lines = answer.body.split(separator: "\n")
        #expect(lines.count == batchRows.count)
        for (line, row) in zip(lines, batchRows) {
            // Byte for byte: the label and every probability as `automl predict` wrote them.
            #expect(line.hasPrefix("{\"predicted_label\":\"\(row[0])\",\"probabilities\":[\(row[1...].joined(separator: ","))]"), "\(line) vs \(row)")
        }

        // The same rows without a header, in training column order, as CSV and as JSON arrays.
        let training = try String(contentsOfFile: testFile, encoding: .utf8).split(separator: "\n")
        let header = training[0].split(separator: ",").map(String.init)
        let target = try #require(header.firstIndex(of: "species"))
        let headerless = training.dropFirst().map { line -> String in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells.remove(at: target)
            return cells.joined(separator: ",")
        }
        let csv = try await send(
            server, "/invocations", body: Data((headerless.joined(separator: "\n") + "\n").utf8), contentType: "text/csv", accept: "text/csv")
        #expect(
            csv.status == 200 && csv.body.split(separator: "\n").map { String($0.prefix { $0 != "," }) } == batchRows.map { $0[0] },
            "\(csv.body.prefix(300))")
        let first = try #require(headerless.first)
        let json =
            "{\"instances\": [["
            + first.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) != nil ? String($0) : $0.isEmpty ? "null" : "\"\($0)\"" }
            .joined(separator: ",") + "]]}"
        let fromJSON = try await send(server, "/invocations", body: Data(json.utf8), contentType: "application/json", accept: "application/json")
        #expect(
            fromJSON.status == 200 && fromJSON.body.hasPrefix("{\"predictions\":[{\"predicted_label\":\"\(batchRows[0][0])\""),
            "\(json) → \(fromJSON.body)")

        // Many clients at once.
        let single = Data((header.joined(separator: ",") + "\n" + training[1] + "\n").utf8)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 { group.addTask { try await self.send(server, "/invocations", body: single, contentType: "text/csv").status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 32 && statuses.allSatisfy { $0 == 200 }, "\(statuses)")

        // Prometheus metrics: rows predicted (the test file twice, one JSON row, 32 single rows),
        // the model's load time, and requests by endpoint and status.
        let metrics = try await send(server, "/metrics", method: "GET")
        let rowsLine = metrics.body.split(separator: "\n").first { $0.hasPrefix("automl_rows_predicted_total ") }
        let rows = rowsLine.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        #expect(metrics.status == 200 && rows == Double(2 * batchRows.count + 33), "\(metrics.body)")
        #expect(metrics.body.contains("automl_model_load_seconds") && metrics.body.contains("/invocations"), "\(metrics.body)")

        // Bad requests: a 4xx with a JSON error each, and the server goes on.
        let refusals: [(Data, String?, String?, Int, String)] = [
            (Data("x".utf8), "application/xml", nil, 415, "Content-Type 'application/xml' is not supported"),
            (single, "text/csv", "text/html", 406, "names no type this server writes"),
            (Data(repeating: 65, count: 100_000), "text/csv", nil, 413, "larger than 65536 bytes"),
            (Data(), "text/csv", nil, 400, "the request body is empty"),
            (Data("{\"instances\": [{\"island\": \"Biscoe\"}]}".utf8), "application/json", nil, 400, "no instance has the columns"),
            (Data("{\"instances\": [".utf8), "application/json", nil, 400, "not valid JSON"),
            (Data("1,2\n".utf8), "text/csv", nil, 400, "the first row has 2 fields and no header line"),
        ]
        for (payload, type, accept, status, message) in refusals {
            let refused = try await send(server, "/invocations", body: payload, contentType: type, accept: accept)
            #expect(refused.status == status && refused.type == "application/json" && refused.body.contains(message), "\(status): \(refused.body)")
        }
        #expect(try await send(server, "/ping", method: "GET").status == 200, "still serving after the refusals")

        // The access log: one line per request with its status and latency.
        let accessLog = try String(contentsOf: server.log, encoding: .utf8).split(separator: "\n").filter { $0.contains("http.path=/invocations") }
        for status in [200, 400, 406, 413, 415] {
            #expect(
                accessLog.contains { $0.contains("http.status=\(status)") && $0.contains("http.method=POST") && $0.contains("http.duration_ms=") },
                "no access log line with status \(status): \(accessLog.suffix(3))")
        }
        #expect(accessLog.count == 3 + 32 + refusals.count, "\(accessLog.count) access log lines")

        // SIGTERM with a request in flight: half its body sent, the signal, then the rest. The
        // request is answered, then the server ends by itself.
        let port = try #require(Int(server.base.split(separator: ":").last ?? ""))
        let connection = try LoopbackConnection(port: port)
        let payload = Array(single)
        let head =
            "POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        try connection.send(Array(head.utf8) + payload[0..<(payload.count / 2)])
        waitFor(30) { activePosts(port: port) == 1 }
        #expect(activePosts(port: port) == 1, "the half-sent request reached a handler")
        let logText = { (try? String(contentsOf: server.log, encoding: .utf8)) ?? "" }
        kill(server.process.processIdentifier, SIGTERM)
        waitFor(30) { logText().contains("finishing requests in flight") }
        #expect(logText().contains("finishing requests in flight"), "the server said it is stopping: \(logText())")
        try connection.send(Array(payload[(payload.count / 2)...]))
        let reply = String(decoding: connection.receiveAll(), as: UTF8.self)
        let answered = reply.components(separatedBy: "\r\n\r\n").last ?? ""
        #expect(reply.hasPrefix("HTTP/1.1 200") && answered.hasPrefix("\(batchRows[0][0]),"), "\(reply)")
        await server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0, "\((try? String(contentsOf: server.log, encoding: .utf8)) ?? "")")

        // While the model is being read the server answers 503, and 200 once it is read. Its
        // manifest here is a named pipe, so reading it waits until the test writes the manifest.
        let slow = directory.path("slow-model")
        try FileManager.default.copyItem(atPath: model, toPath: slow)
        let manifestPath = slow + "/manifest.json"
        let manifest = try Array(Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        try FileManager.default.removeItem(atPath: manifestPath)
        #expect(mkfifo(manifestPath, 0o600) == 0)
        let loading = try serve(slow)
        defer { kill(loading.process.processIdentifier, SIGKILL) }
        #expect(try await send(loading, "/ping", method: "GET").status == 503)
        #expect(try await send(loading, "/model", method: "GET").status == 503)
        let early = try await send(loading, "/invocations", body: single, contentType: "text/csv")
        #expect(early.status == 503 && early.body.contains("still loading"), "\(early)")
        // Opening the pipe without blocking succeeds once the server has it open for reading.
        var pipe: Int32 = -1
        waitFor(30) {
            pipe = open(manifestPath, O_WRONLY | O_NONBLOCK)
            return pipe >= 0
        }
        try #require(pipe >= 0, "the server never opened its manifest")
        #expect(manifest.withUnsafeBytes { write(pipe, $0.baseAddress, $0.count) } == manifest.count)
        close(pipe)
        let loadingPort = try #require(Int(loading.base.split(separator: ":").last ?? ""))
        waitFor(30) { get(port: loadingPort, "/ping")?.status == 200 }
        #expect(try await send(loading, "/ping", method: "GET").status == 200)
        let served = try await send(loading, "/invocations", body: single, contentType: "text/csv")
        #expect(served.status == 200 && served.body == "\(batchRows[0][0])\n", "\(served)")
    }

    @Test func badServeOptionsExitWithTwo() async throws {
        let cases: [([String], String)] = [
            (["serve", "--model", directory.path("nowhere")], "no model directory at"),
            (["serve", "--model", directory.path(""), "--port", "70000"], "--port must be from 0 to 65535"),
            (["serve", "--model", directory.path(""), "--inference-output", "score"], "'score' is not an output key"),
            (["serve", "--model", directory.path(""), "--max-body-size", "0"], "--max-body-size"),
            (["serve", "--model", directory.path(""), "--workers", "0"], "--workers must be from 1 to 256"),
            (["serve", "--model", directory.path("")], "not an automl model manifest"),
        ]
        try FileManager.default.createDirectory(atPath: directory.path(""), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: directory.path("manifest.json")))
        for (arguments, message) in cases {
            let outcome = try await runProcess(Fixtures.automlBinary, arguments)
            #expect(outcome.status == 2 && outcome.standardError.contains(message), "\(arguments): \(outcome.status) \(outcome.standardError)")
        }
        // The keys from the environment, as SageMaker passes them, are checked the same way.
        let fromEnvironment = try await runProcess(
            "/usr/bin/env", ["SAGEMAKER_INFERENCE_OUTPUT=predicted_label,score", Fixtures.automlBinary, "serve", "--model", directory.path("")])
        #expect(
            fromEnvironment.status == 2 && fromEnvironment.standardError.contains("SAGEMAKER_INFERENCE_OUTPUT: 'score' is not an output key"),
            "\(fromEnvironment.standardError)")
    }
}
