-- The natural Lua: a table filled in place (hadr's lists are values: append returns a new list).
local function build(n)
  local xs = {}
  for i = 1, n do xs[#xs + 1] = i end
  return #xs
end
local total = 0
for rep = 1, reps do total = total + build(n) end
print(string.format("%d", total // reps))
