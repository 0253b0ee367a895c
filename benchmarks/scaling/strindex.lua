local function scan(n)
  local parts = {}
  for i = 1, n do parts[i] = (i % 3 == 0) and "b" or "a" end
  local s = table.concat(parts)
  local c = 0
  for i = 1, #s do
    if s:sub(i, i) == "b" then c = c + 1 end
  end
  return c
end
local total = 0
for rep = 1, reps do total = total + scan(n) end
print(string.format("%d", total // reps))
