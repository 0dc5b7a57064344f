public import Foundation

/// Text for the values the views' label–value rows show.
public enum ViewText {
    /// ISO 8601 text for a date, in UTC (the form the JSON uses too).
    public static func date(_ date: Date) -> String { date.formatted(.iso8601) }
}
