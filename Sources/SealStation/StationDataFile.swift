import SealRegistry

/// One file of the station's data (a template, the vendor profile file) as read now, with the SM3 of its bytes.
struct StationDataFile {
    var item: PinnedItem
    var path: String
    /// Lower-case hex.
    var sm3: String
}
