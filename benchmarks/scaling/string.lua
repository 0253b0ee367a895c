-- The natural Lua for many appends: pieces in a table, then table.concat (`s = s .. "x"` copies the
-- whole string each time: quadratic).
local function build(n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = "x" end
  return #table.concat(parts)
end
local total = 0
for rep = 1, reps do total = total + build(n) end
print(string.format("%d", total // reps))
