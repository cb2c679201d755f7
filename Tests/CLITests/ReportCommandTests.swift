import Foundation
import TestSupport
import Testing
import Tuning

/// `automl report DIR [--html]`: re-rendering from what a job stored gives the same reports; HTML
/// pages stand alone (figures inlined, links between pages) and render in a real browser.
@Suite(.processSlot) struct ReportCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-report") }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func quickRun(_ name: String) async throws -> String {
        let run = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("penguins_train"), "--target", "species", "--time-limit", "5m", "--max-candidates", "2", "--parallel",
                "1",
                "--algorithms", "linear,gbdt", "--job-name", name, "--store", directory.path("automl.sqlite"), "--output", directory.path(name),
            ], currentDirectory: directory.url.path)
        #expect(run.status == 0, "\(run.standardError)")
        return directory.path(name)
    }

    @Test func aRunsReportsRenderAgainAndAsStandAloneHTML() async throws {
        let folder = try await quickRun("penguins")
        let reports = ["exploration", "index", "leaderboard", "candidates", "insights", "explanations"]
        var before: [String: String] = [:]
        for name in reports {
            before[name] = try String(contentsOfFile: "\(folder)/\(name).md", encoding: .utf8)
            try FileManager.default.removeItem(atPath: "\(folder)/\(name).md")
        }
        // Neither the data nor the store is needed: the job's folder holds what its reports came from.
        let report = try await runProcess(Fixtures.automlBinary, ["report", folder, "--html", "--store", directory.path("elsewhere.sqlite")])
        #expect(report.status == 0, "\(report.standardError)")
        #expect(
            report.standardOutput.contains("Re-rendered exploration.md, index.md, leaderboard.md, candidates.md, insights.md, explanations.md"),
            "\(report.standardOutput)")
        #expect(report.standardOutput.contains("Wrote 6 HTML pages"))
        for name in reports {
            #expect(try String(contentsOfFile: "\(folder)/\(name).md", encoding: .utf8) == before[name], "\(name).md rendered again, identical")
        }
        for page in ["index", "insights", "explanations", "leaderboard", "candidates", "exploration"] {
            let html = try String(contentsOfFile: "\(folder)/\(page).html", encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"), "\(page)")
            #expect(!html.contains("src=\"figures/"), "\(page): every figure inlined")
            #expect(!html.contains(".md\""), "\(page): links point at the HTML pages")
        }
        // Every figure of the run renders (rsvg-convert, when installed).
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert") {
            let figures = try FileManager.default.contentsOfDirectory(atPath: folder + "/figures").filter { $0.hasSuffix(".svg") }
            #expect(figures.count > 10)
            for name in figures {
                let outcome = try await runProcess("/usr/bin/rsvg-convert", ["-o", directory.path("figure.png"), "\(folder)/figures/\(name)"])
                #expect(outcome.status == 0, "\(name): \(outcome.standardError)")
            }
        }
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(index.contains("<table>") && index.contains("href=\"insights.html\""))
        #expect(try String(contentsOfFile: folder + "/insights.html", encoding: .utf8).contains("<svg"))
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (Debian: chromium); CI installs it"))
    func theIndexPageRendersInHeadlessChromium() async throws {
        let folder = try await quickRun("browser")
        #expect(try await runProcess(Fixtures.automlBinary, ["report", folder, "--html", "--store", directory.path("automl.sqlite")]).status == 0)
        let screenshot = directory.path("index.png")
        // Bounded: a browser that cannot start must fail the test, not hang the suite.
        let browser = try await runProcess(
            "/usr/bin/timeout",
            [
                "120", try #require(Self.chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--window-size=1200,1600", "--screenshot=\(screenshot)", "file://\(folder)/insights.html",
            ])
        #expect(browser.status == 0, "\(browser.standardError)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        // A blank page compresses to a few kilobytes; text, tables and charts do not.
        #expect(png.count > 40_000, "\(png.count) bytes")
    }

    @Test func aTuningJobsReportIsRenderedFromTheStore() async throws {
        let job = Fixtures.packageRoot.appendingPathComponent("examples/shell/job.yaml").path
        let folder = directory.path("tuned")
        let run = try await runProcess(
            Fixtures.automlBinary, ["tune", "--config", job, "--store", directory.path("automl.sqlite"), "--output", folder, "--max-trials", "3"],
            currentDirectory: directory.url.path)
        #expect(run.status == 0, "\(run.standardError)")
        let before = try String(contentsOfFile: folder + "/tuning.md", encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/tuning.md")
        let report = try await runProcess(
            Fixtures.automlBinary, ["report", folder, "--store", directory.path("automl.sqlite")], currentDirectory: directory.url.path)
        #expect(report.status == 0 && report.standardOutput.contains("Re-rendered tuning.md"), "\(report.standardOutput) \(report.standardError)")
        #expect(try String(contentsOfFile: folder + "/tuning.md", encoding: .utf8) == before)
    }

    @Test func badFoldersAreRefused() async throws {
        let nowhere = try await runProcess(Fixtures.automlBinary, ["report", directory.path("nowhere")])
        #expect(nowhere.status == 2 && nowhere.standardError.contains("is not a folder"), "\(nowhere.standardError)")
        let empty = directory.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try await runProcess(Fixtures.automlBinary, ["report", empty, "--store", directory.path("automl.sqlite")])
        #expect(none.status == 2 && none.standardError.contains("holds no report"), "\(none.standardError)")

        // A run folder whose stored data is damaged: refused with the file and what to do.
        let folder = try await quickRun("damaged")
        try Data("{\"formatVersion\": 1, \"rows\": ".utf8).write(to: URL(fileURLWithPath: folder + "/report-data.json"))
        let damaged = try await runProcess(Fixtures.automlBinary, ["report", folder, "--store", directory.path("automl.sqlite")])
        #expect(
            damaged.status == 2 && damaged.standardError.contains("report-data.json")
                && damaged.standardError.contains("is not the report data of an automl run"),
            "\(damaged.standardError)")
        try Data("not json".utf8).write(to: URL(fileURLWithPath: folder + "/profile.json"))
        let profile = try await runProcess(Fixtures.automlBinary, ["report", folder, "--store", directory.path("automl.sqlite")])
        #expect(
            profile.status == 2 && profile.standardError.contains("profile.json is not a profile.json automl wrote")
                && profile.standardError.contains("Run the job again"),
            "\(profile.standardError)")
    }
}
