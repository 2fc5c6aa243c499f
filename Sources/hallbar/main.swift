import Foundation

let status = Hallbar.main(Array(CommandLine.arguments.dropFirst()))
Console.flush()
exit(status)
