local function run(n)
  local r = {count = 0, sum = 0, last = 0}
  for i = 1, n do r = {count = r.count + 1, sum = r.sum + i, last = i} end
  return r.count
end
local total = 0
for rep = 1, reps do total = total + run(n) end
print(string.format("%d", total // reps))
