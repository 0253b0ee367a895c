-- string.format, Lua's nearest to interpolation.
local total = 0
for rep = 1, 1200 do
  local s = ""
  for i = 1, 1000 do s = string.format("%sk%d,", s, i) end
  total = total + #s
end
print(string.format("%d", total))
