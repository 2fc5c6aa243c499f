import Foundation
import PackagePlugin

/// Embeds every `Migrations/NNNN_description.sql` of the package into the target that
/// uses this plugin, as Swift source generated at build time. The files stay the only
/// source of the schema; the binary carries them and needs nothing beside it.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "Migrations")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".sql") }.sorted().map { directory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) migrations",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [output.path, directory.path] + inputs.map(\.path),
                inputFiles: inputs + [directory],
                outputFiles: [output]
            )
        ]
    }
}
