-- `..`, the direct counterpart of hadr's + (for 1 000 pieces; the scaling series uses table.concat).
local total = 0
for rep = 1, 600 do
  local s = ""
  for i = 1, 1000 do s = s .. "k" .. tostring(i) .. "," end
  total = total + #s
end
print(string.format("%d", total))
