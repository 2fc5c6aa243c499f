import Foundation
import PackagePlugin

/// Embeds every `Migrations/NNNN_description.sql` of the package into the target that
/// uses this plugin, as Swift source generated before every build.
///
/// It is a prebuild command on purpose: it lists the folder on every build, so a
/// migration added, removed or edited is always what the binary carries (a build
/// command's file list is fixed when the build is planned and goes stale). The
/// script rewrites its output only when the content changes, so an unchanged folder
/// costs no recompilation.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        return [
            .prebuildCommand(
                displayName: "Embedding Migrations/*.sql",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    package.appending(path: "Plugins/EmbedMigrations/embed-migrations.sh").path,
                    package.appending(path: "Migrations").path,
                    output.appending(path: "EmbeddedMigrations.swift").path,
                ],
                outputFilesDirectory: output)
        ]
    }
}
