/// A resolved file or REPL input: the top-level frame and its statements.
struct ResolvedChunk {
    var info: FunctionInfo
    /// Each top-level statement, and whether its value is shown (a bare expression).
    var statements: [(code: Bound, echo: Bool)]
}

/// Binds every name to a slot before running, reports unknown names with a did-you-mean
/// and checks calls of functions it knows against their parameters. It only reads the
/// global table: the loader has declared everything the input needs.
struct Resolver {
    /// How deeply the syntax tree may nest (long operator chains count too).
    static let maxDepth = 3000

    private final class Scope {
        let info: FunctionInfo
        let parent: Scope?
        var blocks: [[String: Int]] = [[:]]
        var captured: [String: Int] = [:]
        let isTopLevel: Bool
        /// Names assigned anywhere in this function's body (see `AssignedNames`).
        var assigned: Set<String> = []
        /// Slots of parameters and loop variables that are never assigned: captured by value.
        var immutable: Set<Int> = []

        init(info: FunctionInfo, parent: Scope?, isTopLevel: Bool) {
            self.info = info
            self.parent = parent
            self.isTopLevel = isTopLevel
        }

        /// Binds a parameter or loop variable in the current block.
        func bindFixed(_ name: String, _ slot: Int) {
            blocks[blocks.count - 1][name] = slot
            if !assigned.contains(name) { immutable.insert(slot) }
        }

        func newSlot() -> Int {
            let slot = info.frameSize
            info.frameSize += 1
            return slot
        }

        func lookupLocal(_ name: String) -> Int? {
            for block in blocks.reversed() {
                if let slot = block[name] { return slot }
            }
            return captured[name]
        }

        var atTopLevelBlock: Bool { isTopLevel && blocks.count == 1 }
    }

    private let file: SourceFile
    private let globals: GlobalTable
    /// Each path this file's `import` statements write → the unit the loader made for it.
    private let imports: [String: Int]
    private let natives: [String: NativeFunction]
    private var scope: Scope
    private var depth = 0
    /// Called every few thousand statements (see `Checkpoint`).
    var checkpoint: Checkpoint?
    private var statementsResolved = 0

    init(file: SourceFile, globals: GlobalTable, natives: [String: NativeFunction], imports: [String: Int]) {
        self.file = file
        self.globals = globals
        self.natives = natives
        self.imports = imports
        let info = FunctionInfo(name: "<top level>", parameters: [], doc: nil, range: SourceRange(0, 0), file: file)
        self.scope = Scope(info: info, parent: nil, isTopLevel: true)
    }

    /// Resolves a whole file or REPL input.
    mutating func resolve(_ statements: [Stmt]) throws(Diagnostic) -> ResolvedChunk {
        hoist(statements)
        scope.assigned = try AssignedNames.of(statements, checkpoint: checkpoint)
        var out: [(Bound, Bool)] = []
        for statement in statements {
            let echo = if case .expression = statement.kind { true } else { false }
            out.append((try resolve(statement), echo))
        }
        return ResolvedChunk(info: scope.info, statements: out)
    }

    /// Declares the file's top-level names first, so functions may call ones defined further down.
    func hoist(_ statements: [Stmt]) {
        for statement in statements {
            switch statement.kind {
            case .assign(let name, _, _):
                let slot = globals.declare(name)
                globals.signatures[slot] = nil
            case .function(let decl):
                if let name = decl.name {
                    let slot = globals.declare(name)
                    globals.signatures[slot] = ParameterList(
                        function: name, parameters: decl.parameters, file: file, doc: decl.doc)
                }
            default:
                break
            }
        }
        // A name both defined with `fn` and assigned with `=` has no fixed signature.
        for statement in statements {
            if case .assign(let name, _, _) = statement.kind, let slot = globals.slot(of: name) {
                globals.signatures[slot] = nil
            }
        }
    }

    // MARK: Names

    private func error(_ error: some ErrorMessage, _ range: SourceRange) -> Diagnostic {
        Diagnostic(error, file: file, range: range)
    }

    /// Finds a visible variable, capturing it through enclosing functions as needed.
    private func lookup(_ name: String) -> Slot? {
        if let slot = find(name, in: scope) { return .local(slot) }
        if let slot = globals.slot(of: name) { return .global(slot) }
        return nil
    }

    private func find(_ name: String, in scope: Scope) -> Int? {
        if let slot = scope.lookupLocal(name) { return slot }
        guard let parent = scope.parent, let outer = find(name, in: parent) else { return nil }
        let slot = scope.newSlot()
        scope.captured[name] = slot
        scope.info.captureSources.append(outer)
        scope.info.captureSlots.append(slot)
        if parent.immutable.contains(outer) {
            // Never reassigned: the closure keeps a copy of the value, no cell.
            scope.immutable.insert(slot)
            scope.info.captureByValue.append(true)
        } else {
            parent.info.cellSlots.insert(outer)
            scope.info.cellSlots.insert(slot)
            scope.info.captureByValue.append(false)
        }
        return slot
    }

    private func visibleNames() -> [String] {
        var names = Set(globals.names).union(Library.names)
        var s: Scope? = scope
        while let current = s {
            for block in current.blocks { names.formUnion(block.keys) }
            names.formUnion(current.captured.keys)
            s = current.parent
        }
        return Array(names)
    }

    private func unknown(_ name: String, _ range: SourceRange) -> Diagnostic {
        error(NameError.unknownName(name, suggestion: Suggestion.closest(to: name, among: visibleNames())), range)
    }

    /// The slot a new variable gets in the current block.
    private func declare(_ name: String) -> Slot {
        if scope.atTopLevelBlock { return .global(globals.declare(name)) }
        let slot = scope.newSlot()
        scope.blocks[scope.blocks.count - 1][name] = slot
        return .local(slot)
    }

    // MARK: Statements

    private mutating func resolve(_ statement: Stmt) throws(Diagnostic) -> Bound {
        statementsResolved &+= 1
        if statementsResolved & 4095 == 0 { try checkpoint?() }
        switch statement.kind {
        case .expression(let expr):
            return try resolve(expr)
        case .assign(let name, let nameRange, let valueExpr):
            if Keyword(rawValue: name) != nil {
                throw error(NameError.reservedWord(name), nameRange)
            }
            let value = try resolve(valueExpr)
            if let existing = lookup(name) {
                if case .global(let g) = existing {
                    globals.signatures[g] = nil
                    return Bound(.write(existing, value, define: scope.atTopLevelBlock), statement.range)
                }
                return Bound(.write(existing, value, define: false), statement.range)
            }
            return Bound(.write(declare(name), value, define: true), statement.range)
        case .function(let decl):
            let name = decl.name ?? "<fn>"
            let slot: Slot
            if scope.atTopLevelBlock {
                slot = .global(globals.declare(name))
            } else if let existing = scope.blocks.last?[name] {
                slot = .local(existing)
            } else {
                slot = declare(name)
            }
            let info = try function(decl, name: name)
            return Bound(.defineFunction(slot, info), statement.range)
        case .importFile(let path, _):
            guard scope.atTopLevelBlock, let unit = imports[path] else {
                throw error(NameError.importNotAtTopLevel, statement.range)
            }
            return Bound(.runUnit(unit), statement.range)
        }
    }

    private mutating func function(_ decl: FunctionDecl, name: String) throws(Diagnostic) -> FunctionInfo {
        let info = FunctionInfo(name: name, parameters: decl.parameters, doc: decl.doc, range: decl.range, file: file)
        guard let bodyExpr = decl.body else {
            guard let native = natives[name] else {
                throw error(NameError.missingBody(name), decl.range)
            }
            if native.parameterCount != decl.parameters.count {
                throw error(
                    NameError.builtinParameterCount(
                        name, implemented: native.parameterCount, declared: decl.parameters.count),
                    decl.range)
            }
            info.native = native
            info.frameSize = decl.parameters.count
            try resolveDefaults(decl, into: info)
            return info
        }
        let outer = scope
        scope = Scope(info: info, parent: outer, isTopLevel: false)
        defer { scope = outer }
        scope.assigned = try AssignedNames.of(bodyExpr, checkpoint: checkpoint)
        for parameter in decl.parameters {
            scope.bindFixed(parameter.name, scope.newSlot())
        }
        try resolveDefaults(decl, into: info)
        info.body = try resolve(bodyExpr)
        return info
    }

    private mutating func resolveDefaults(_ decl: FunctionDecl, into info: FunctionInfo) throws(Diagnostic) {
        if info.native != nil {
            // A builtin's defaults see only each other, through a frame of their own.
            let outer = scope
            scope = Scope(info: info, parent: nil, isTopLevel: false)
            defer { scope = outer }
            for (i, parameter) in decl.parameters.enumerated() { scope.blocks[0][parameter.name] = i }
            info.defaults = try decl.parameters.map { (p) throws(Diagnostic) in
                try p.defaultValue.map { (e) throws(Diagnostic) in try resolve(e) }
            }
            info.frameSize = max(info.frameSize, decl.parameters.count)
            return
        }
        info.defaults = try decl.parameters.map { (p) throws(Diagnostic) in
            try p.defaultValue.map { (e) throws(Diagnostic) in try resolve(e) }
        }
    }

    private mutating func block(_ statements: [Stmt]) throws(Diagnostic) -> [Bound] {
        scope.blocks.append([:])
        defer { scope.blocks.removeLast() }
        var out: [Bound] = []
        for statement in statements { out.append(try resolve(statement)) }
        return out
    }

    // MARK: Expressions

    private mutating func resolve(_ expr: Expr) throws(Diagnostic) -> Bound {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw error(NameError.tooDeep(limit: Self.maxDepth), expr.range)
        }
        let range = expr.range
        switch expr.kind {
        case .literal(let literal):
            return Bound(.literal(literal), range)
        case .template(let segments):
            var out: [BoundSegment] = []
            for segment in segments {
                switch segment {
                case .text(let text): out.append(.text(text))
                case .expr(let e): out.append(.expr(try resolve(e)))
                }
            }
            return Bound(.template(out), range)
        case .name(let name):
            guard let slot = lookup(name) else { throw unknown(name, range) }
            return Bound(.read(slot, name: name), range)
        case .list(let items):
            var out: [Bound] = []
            for item in items { out.append(try resolve(item)) }
            return Bound(.list(out), range)
        case .record(let fields):
            var values: [Bound] = []
            for field in fields { values.append(try resolve(field.value)) }
            return Bound(.record(names: fields.map(\.name), values: values), range)
        case .unary(let op, let operand):
            return Bound(.unary(op, try resolve(operand)), range)
        case .binary(let op, let left, let right):
            return Bound(.binary(op, try resolve(left), try resolve(right)), range)
        case .and(let left, let right):
            return Bound(.and(try resolve(left), try resolve(right)), range)
        case .or(let left, let right):
            return Bound(.or(try resolve(left), try resolve(right)), range)
        case .convert(let value, let target):
            return Bound(.convert(try resolve(value), target), range)
        case .range(let low, let high):
            return Bound(.range(try resolve(low), try resolve(high)), range)
        case .call(let callee, let arguments):
            return try call(callee, arguments, range)
        case .index(let base, let index):
            return Bound(.index(try resolve(base), try resolve(index)), range)
        case .field(let base, let name, _):
            return Bound(.field(try resolve(base), name), range)
        case .function(let decl):
            return Bound(.function(try function(decl, name: "<fn>")), range)
        case .ifElse(let condition, let thenBranch, let elseBranch):
            let c = try resolve(condition)
            scope.blocks.append([:])
            let t = try resolve(thenBranch)
            scope.blocks.removeLast()
            scope.blocks.append([:])
            defer { scope.blocks.removeLast() }
            let e = try elseBranch.map { (x) throws(Diagnostic) in try resolve(x) }
            return Bound(.ifElse(c, t, e), range)
        case .block(let statements):
            return Bound(.block(try block(statements)), range)
        case .forIn(let name, _, let sequence, let body):
            let seq = try resolve(sequence)
            scope.blocks.append([:])
            defer { scope.blocks.removeLast() }
            let slot = scope.newSlot()
            scope.bindFixed(name, slot)
            let bodyBound = Bound(.block(try block(body)), range)
            return Bound(.forIn(slot: slot, sequence: seq, body: bodyBound), range)
        case .whileLoop(let condition, let body):
            let c = try resolve(condition)
            return Bound(.whileLoop(c, Bound(.block(try block(body)), range)), range)
        }
    }

    private mutating func call(_ callee: Expr, _ arguments: [CallArgument], _ range: SourceRange) throws(Diagnostic)
        -> Bound
    {
        let target = try resolve(callee)
        var values: [Bound] = []
        for argument in arguments { values.append(try resolve(argument.value)) }
        var calleeName: String?
        if case .name(let name) = callee.kind { calleeName = name }
        if case .read(.global(let g), _) = target.kind, let parameters = globals.signatures[g] {
            let labels = arguments.compactMap(\.label)
            do {
                _ = try ArgumentBinding.bind(parameters, positional: arguments.count - labels.count, labels: labels)
            } catch {
                throw self.error(error, error.argument.map { arguments[$0].range } ?? range)
            }
            // An argument marked `@diagram` keeps its block diagram, each part labelled as written.
            for (i, argument) in arguments.enumerated() {
                let name = argument.label ?? (i < parameters.names.count ? parameters.names[i] : "")
                if parameters.diagram.contains(name) { values[i] = Bound(.structural(values[i]), values[i].range) }
            }
        }
        return Bound(.call(target, values, labels: arguments.map(\.label), calleeName: calleeName), range)
    }
}
