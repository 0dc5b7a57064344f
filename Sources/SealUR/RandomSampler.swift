/// Walker–Vose alias sampling of a discrete distribution, step for step as the reference builds its tables (the
/// fountain's degree choice must agree bit for bit between encoder and decoder).
struct RandomSampler: Sendable {
    private let probabilities: [Double]
    private let aliases: [Int]

    init(_ weights: [Double]) {
        let count = weights.count
        var sum = 0.0
        for weight in weights { sum += weight }
        var scaled = weights.map { ($0 * Double(count)) / sum }
        var small: [Int] = [], large: [Int] = []
        for index in (0..<count).reversed() {
            if scaled[index] < 1 { small.append(index) } else { large.append(index) }
        }
        var probabilities = [Double](repeating: 0, count: count)
        var aliases = [Int](repeating: 0, count: count)
        while !small.isEmpty && !large.isEmpty {
            let a = small.removeLast(), g = large.removeLast()
            probabilities[a] = scaled[a]
            aliases[a] = g
            scaled[g] = scaled[g] + (scaled[a] - 1.0)
            if scaled[g] < 1 { small.append(g) } else { large.append(g) }
        }
        while let index = large.popLast() { probabilities[index] = 1.0 }
        while let index = small.popLast() { probabilities[index] = 1.0 }
        self.probabilities = probabilities
        self.aliases = aliases
    }

    /// One draw (two doubles from `rng`).
    func next(_ rng: inout Xoshiro256StarStar) -> Int {
        let r1 = rng.nextDouble(), r2 = rng.nextDouble()
        // r1 can be exactly 1.0 (next() near 2⁶⁴ rounds up; the reference leaves that undefined): stay in range.
        let index = min(Int((Double(probabilities.count) * r1).rounded(.towardZero)), probabilities.count - 1)
        return r2 < probabilities[index] ? index : aliases[index]
    }
}
