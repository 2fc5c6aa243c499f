// Shared helpers for the libFuzzer harnesses in Fuzz/ (not a SwiftPM target).
// Each harness is compiled together with Sources/Ledger as module `Ledger`:
//   swiftc -sanitize=fuzzer,address -parse-as-library -module-name Ledger \
//       Sources/Ledger/*.swift Sources/Ledger/*/*.swift Fuzz/FuzzSupport.swift Fuzz/FuzzX.swift
// A property failure calls `fuzzFail`, which aborts so that libFuzzer saves the input.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints what went wrong to stderr and aborts (libFuzzer records the crashing input).
func fuzzFail(_ message: String) -> Never {
    let text = "FUZZ PROPERTY FAILED: " + message + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    abort()
}

/// Copies libFuzzer's input into an array.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}
