import Foundation
import SealRender

/// Renderers for the threads that compare images: a `SealRenderer` owns FreeType faces and serves one thread at a
/// time, so each comparison takes one (made when none is free) and puts it back.
final class SealRendererPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [SealRenderer] = []

    /// A renderer no other thread is using; nil when none can be made (a font is missing).
    func take() -> SealRenderer? {
        if let renderer = lock.withLock({ free.popLast() }) { return renderer }
        return try? SealRenderer()
    }

    /// Gives `renderer` back for the next comparison.
    func put(_ renderer: SealRenderer) {
        lock.withLock { free.append(renderer) }
    }
}
