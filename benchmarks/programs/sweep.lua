local function log1p(x) return math.log(1 + x) end
local function series(u, v) return 1 - (1 - u) * (1 - v) end
local function k_of_n(k, n, u)
  local a, total, c = 1 - u, 0, 1
  for j = 0, k - 1 do total = total + c * a^j * u^(n - j); c = c * (n - j) / (j + 1) end
  return total
end
local best = 1.0
for i = 1, 300000 do
  local u = 1 - (0.99 + i / 300000000)
  local d = series(u, u) * k_of_n(2, 3, u)
  if d < best then best = d end
end
print(string.format("%.6f", -math.log(best, 10)))
