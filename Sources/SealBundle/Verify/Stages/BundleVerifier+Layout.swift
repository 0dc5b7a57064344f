extension BundleVerifier {
    /// Stage ``BundleCheck/layout``: the bag-info fields, Payload-Oxum and every data file as SealStation writes them.
    /// Passes on the parsed bundle.
    static func checkLayout(_ files: [BundleMember]) -> BundleStageResult<FilingBundle> {
        do {
            let bundle = try FilingBundle(members: files)
            return .passed(.layout, "bag-info fields, Payload-Oxum and every data file as SealStation writes them", bundle)
        } catch {
            return .failed(.layout, "\(error)")
        }
    }
}
