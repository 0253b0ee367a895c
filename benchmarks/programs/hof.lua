local function compose(f, g) return function(x) return f(g(x)) end end
local function twice(f) return function(x) return f(f(x)) end end
local function reduce(xs, acc, f) for _, x in ipairs(xs) do acc = f(acc, x) end return acc end
local inc = function(x) return x + 1 end
local h = compose(twice(inc), function(x) return x * 2 end)
local xs = {}
for i = 0, 9 do xs[#xs + 1] = i end
local total = 0
for i = 1, 50000 do total = total + reduce(xs, 0, function(acc, x) return acc + h(x + i) end) end
print(string.format("%d", total))
