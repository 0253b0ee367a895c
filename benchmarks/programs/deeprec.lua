local function down(n) if n == 0 then return 0 else return n + down(n - 1) end end
local total = 0
for rep = 1, 100 do total = total + down(10000) end
print(string.format("%d", total))
