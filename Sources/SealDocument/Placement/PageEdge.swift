/// The edge of the pages a riding seal (骑缝章) is cut across.
public enum PageEdge: String, Sendable, Codable, CaseIterable {
    case right, left, top, bottom
}
