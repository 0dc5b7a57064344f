/// A file sent with a form (multipart/form-data): the name the browser gave it and its bytes.
struct Upload: Sendable {
    /// The file name as sent, reduced to its last path component; never used as a path on the station.
    let filename: String
    let bytes: [UInt8]
}
