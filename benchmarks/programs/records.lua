local function span(i) return {id = i, start = i * 2, stop = i * 2 + i / 4, ok = i > 10} end
local total, count = 0, 0
for i = 1, 1000000 do
  local r = span(i)
  total = total + (r.stop - r.start)
  if r.ok then count = count + 1 end
end
print(string.format("%.12g %d", total, count))
