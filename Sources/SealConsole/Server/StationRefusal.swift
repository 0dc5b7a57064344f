/// An error the station (or a module under it) raised while doing what a request asked: shown on the error page with
/// its sentence. Errors not wrapped so — failures of the console itself — show only a generic sentence, since their
/// text may carry what an officer typed.
struct StationRefusal: Error {
    let underlying: any Error
}
