/// What the front end (parser, loader, resolver, compiler) calls every few thousand
/// tokens or statements, so that a time limit or an interrupt stops a long input before
/// it runs: it throws the limit's error, and does nothing otherwise.
typealias Checkpoint = () throws(Diagnostic) -> Void
