extension Display {
    /// A rectangle of terminal cells that pictures are drawn into: each cell one column,
    /// a wide character's second column held as an empty cell. `anchor` is the row where
    /// a diagram's line enters on the left and leaves on the right.
    struct Grid {
        private(set) var cells: [[String]]
        let width: Int
        var anchor: Int

        var height: Int { cells.count }

        init(width: Int, height: Int, anchor: Int = 0) {
            self.width = max(0, width)
            cells = Array(repeating: Array(repeating: " ", count: max(0, width)), count: max(0, height))
            self.anchor = anchor
        }

        /// Writes text from a cell rightwards; what falls outside is dropped.
        mutating func put(_ text: String, row: Int, column: Int) {
            guard row >= 0, row < height else { return }
            var c = column
            for character in text {
                let w = Display.columns(of: character)
                if w == 0 { continue }
                if c >= 0, c + w <= width {
                    cells[row][c] = String(character)
                    if w == 2 { cells[row][c + 1] = "" }
                }
                c += w
            }
        }

        /// The cell's text (" " when blank).
        func at(_ row: Int, _ column: Int) -> String {
            guard row >= 0, row < height, column >= 0, column < width else { return " " }
            return cells[row][column]
        }

        /// Copies another grid in with its top-left corner at (row, column); its blank cells
        /// leave what is under them.
        mutating func paste(_ grid: Grid, row: Int, column: Int) {
            for r in 0..<grid.height where row + r >= 0 && row + r < height {
                for c in 0..<grid.width where column + c >= 0 && column + c < width {
                    let cell = grid.cells[r][c]
                    if cell != " " { cells[row + r][column + c] = cell }
                }
            }
        }

        /// A horizontal run of one character.
        mutating func line(_ glyph: String, row: Int, from: Int, to: Int) {
            guard from <= to else { return }
            for c in from...to { put(glyph, row: row, column: c) }
        }

        /// A vertical run of one character.
        mutating func column(_ glyph: String, column: Int, from: Int, to: Int) {
            guard from <= to else { return }
            for r in from...to { put(glyph, row: r, column: column) }
        }

        /// The rows as text, without trailing spaces.
        var lines: [String] {
            cells.map { row in
                var text = row.joined()
                while text.hasSuffix(" ") { text.removeLast() }
                return text
            }
        }
    }
}
