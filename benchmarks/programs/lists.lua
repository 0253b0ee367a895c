-- hadr's lists are values (append returns a new list); Lua builds the same list the natural way,
-- table.insert in place; map and filter are written out (Lua has none), sort takes a comparator.
local function map(xs, f) local out = {} for i = 1, #xs do out[i] = f(xs[i]) end return out end
local function filter(xs, keep) local out = {} for i = 1, #xs do if keep(xs[i]) then out[#out + 1] = xs[i] end end return out end
local total = 0
for rep = 1, 3000 do
  local xs = {}
  for i = 1, 300 do table.insert(xs, (i * 7919 + rep) % 1000) end
  local ys = map(xs, function(x) return x * 3 + 1 end)
  local zs = filter(ys, function(y) return y > 1000 end)
  table.sort(zs, function(a, b) return -a < -b end)
  local s = 0
  for i = 1, #zs do s = s + zs[i] end
  total = total + zs[1] - zs[#zs] + #zs + s
end
print(string.format("%d", total))
