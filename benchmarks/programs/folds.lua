local function fold(list, init, f) local acc = init for _, x in ipairs(list) do acc = f(acc, x) end return acc end
local xs = {1, 2, 3, 4, 5}
local total = 0
for i = 1, 600000 do total = total + fold(xs, 0, function(acc, x) return acc + x * i end) end
print(string.format("%d", total))
