#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a closure on a POSIX thread of its own (1 MiB stack) while the caller goes on;
/// `join()` waits for it and returns what it returned.
///
/// This is what `Foundation.Thread` plus a semaphore did, without loading Foundation.
/// Joining is the synchronisation: everything the closure wrote is visible after `join()`.
/// When no thread can be started, the closure runs in `join()` instead (slower, same result).
///
/// ```swift
/// let digest = BackgroundThread { Result { try Importer.fileDigest(path: p, fileName: p) } }
/// // … import the rows …
/// let hex = try digest.join().get()
/// ```
final class BackgroundThread<Value>: @unchecked Sendable {
    #if canImport(Glibc)
    private var thread = pthread_t()
    #else
    private var thread: pthread_t?
    #endif
    private var started = false
    private var body: (() -> Value)?
    private var value: Value?

    /// Starts `body` on a new thread.
    init(_ body: @escaping () -> Value) {
        self.body = body
        started = launch()
    }

    /// Creates the thread; false when the system refuses.
    private func launch() -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&thread, &attributes, backgroundThreadEntry, context)
        pthread_attr_destroy(&attributes)
        if rc != 0 { Unmanaged<BackgroundThread>.fromOpaque(context).release() }
        return rc == 0
    }

    /// Waits for the closure to finish (runs it here if no thread could be started) and
    /// returns its value; later calls return the same value. Call it from one thread.
    func join() -> Value {
        if started {
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            if let thread { pthread_join(thread, nil) }
            #endif
            started = false
        } else if body != nil {
            run()
        }
        // `run` has stored the value before the thread ended or right above.
        return value!
    }

    fileprivate func run() {
        guard let body else { return }
        value = body()
        self.body = nil
    }
}

/// What a run needs without knowing its value type.
private protocol Runnable: AnyObject { func run() }
extension BackgroundThread: Runnable {}

/// The thread's start routine: takes over the reference `launch` retained and runs it.
#if canImport(Glibc)
private func backgroundThreadEntry(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    runBackgroundThread(context)
    return nil
}
#else
private func backgroundThreadEntry(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    runBackgroundThread(context)
    return nil
}
#endif

private func runBackgroundThread(_ context: UnsafeMutableRawPointer) {
    let thread = Unmanaged<AnyObject>.fromOpaque(context).takeRetainedValue() as? any Runnable
    thread?.run()
}
