-- k_of_n on the unavailability (the terms with fewer than k working), as hadr keeps it exact.
local function k_of_n(k, n, u)
  local a, total, c = 1 - u, 0, 1
  for j = 0, k - 1 do total = total + c * a^j * u^(n - j); c = c * (n - j) / (j + 1) end
  return total
end
local target, total = 1e-5, 0
for i = 1, 10000 do
  local u = 1 - (0.9 + i * 0.099 / 10000)
  for k = 1, 4 do
    local n = k
    while k_of_n(k, n, u) > target do n = n + 1 end
    total = total + n
  end
end
print(string.format("%d", total))
