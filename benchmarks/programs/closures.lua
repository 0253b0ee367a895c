local function counter(step)
  local n = 0
  return function()
    n = n + step
    return n
  end
end
local total = 0
for rep = 1, 15000 do
  local next = counter(rep)
  for i = 1, 100 do total = total + next() end
end
print(string.format("%d", total))
