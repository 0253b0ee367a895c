-- s:sub(i, i), Lua's counterpart of s[i] (a one-character string).
local lines = {}
for i = 1, 2000 do lines[#lines + 1] = string.format("line %d: latency=%dms status=ok", i, i * 7) end
local function digits(s)
  local c, i = 0, 1
  while i <= #s do
    if string.find("0123456789", s:sub(i, i), 1, true) then c = c + 1 end
    i = i + 1
  end
  return c
end
local total = 0
for rep = 1, 60 do
  for _, line in ipairs(lines) do total = total + digits(line) end
end
print(string.format("%d", total))
