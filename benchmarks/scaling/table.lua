local function scan(n)
  local rows = {}
  for i = 0, n - 1 do rows[#rows + 1] = {t = i * 2, v = i} end
  local s = 0
  for i = 2, n do s = s + (rows[i].t - rows[i - 1].t) end
  return s
end
local total = 0
for rep = 1, reps do total = total + scan(n) end
print(string.format("%d", total // reps))
