-- Durations as float seconds; `to m` becomes / 60.
local total, longest, d = 0.0, 0.0, 1.0
for i = 1, 440000 do
  d = math.min(d * 2, 1800.0)
  local w = math.max(d - 10.0, 5.0)
  total = total + w / 60
  longest = math.max(longest, w, 60.0)
  if d == 1800.0 then d = 1.0 end
end
local hours = math.floor(total / 60 * 1000 + 0.5) / 1000
print(string.format("%.12g %.12g", hours, longest))
