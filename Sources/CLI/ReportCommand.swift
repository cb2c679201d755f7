import ArgumentParser
import AutoML
import Foundation
import Tuning

/// `automl report DIR [--html]`: re-renders a finished job's reports from what it stored
/// (`profile.json`, `report-data.json`, the store), and with --html writes a self-contained HTML
/// page beside every Markdown report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a finished job's reports, and write them as self-contained HTML with --html.",
        discussion: """
            DIR is a job folder (runs/<job>). A tuning job's tuning.md and figures are rendered again \
            from the store; an automl run's exploration.md from its profile.json and its other reports \
            from report-data.json (what they were made from: trials, scores, the saved model's \
            out-of-fold predictions, explanations), with no need for the data or the store. With \
            --html, every DIR/*.md also becomes DIR/*.html with its SVG figures inlined and links \
            between reports kept.
            """
    )

    @Argument(help: "The job's folder.")
    var directory: String

    @Flag(help: "Also write self-contained HTML pages beside the Markdown reports.")
    var html = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(message: "\(directory) is not a folder; give a job's folder, such as runs/<job name>.")
        }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        var rendered: [String] = []
        if let job = try storedJob(for: folder), job.kind == .tuning {
            let definition = try TuningJobDefinition.fromJSON(job.definition)
            let trials = try storeOptions.open().trials(study: job.name)
            try TuningReport(job: job, definition: definition, trials: trials).write(to: folder.path)
            rendered.append("tuning.md")
        }
        let profile = folder.appendingPathComponent("profile.json")
        if let data = FileManager.default.contents(atPath: profile.path) {
            let exploration: Exploration
            do {
                exploration = try JSONDecoder().decode(Exploration.self, from: data)
            } catch {
                throw InputError(message: "\(profile.path) is not a profile.json automl wrote (\(error)). Run the job again to recreate it.")
            }
            try ExplorationReport(exploration).write(to: folder)
            rendered.append("exploration.md")
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(RunReportInputs.fileName).path) {
                let inputs = try RunReportInputs.read(from: folder)
                try inputs.render(to: folder, exploration: exploration)
                rendered +=
                    ["index.md", "leaderboard.md", "candidates.md"] + (inputs.insights != nil ? ["insights.md"] : [])
                    + (inputs.explanations != nil ? ["explanations.md"] : [])
            }
        }
        let markdown = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        guard !markdown.isEmpty else {
            throw InputError(message: "\(directory) holds no report (*.md); give the folder an `automl run` or `automl tune` job wrote.")
        }
        print(
            rendered.isEmpty
                ? "Nothing to re-render in \(directory) (no stored tuning job, no profile.json)."
                : "Re-rendered \(rendered.joined(separator: ", ")) in \(directory).")
        if html {
            let pages = try HTMLReport.writePages(in: folder)
            print("Wrote \(pages.count) HTML page\(pages.count == 1 ? "" : "s"): \(pages.joined(separator: ", ")).")
        }
    }

    /// The store's job whose output folder is `folder`, if the store has one.
    func storedJob(for folder: URL) throws -> JobRecord? {
        guard storeOptions.exists else { return nil }
        return try storeOptions.open().jobs().first { URL(fileURLWithPath: $0.outputDirectory).standardizedFileURL.path == folder.path }
    }
}
