local function down(k) if k == 0 then return 0 else return 1 + down(k - 1) end end
local total = 0
for rep = 1, reps do total = total + down(n) end
print(string.format("%d", total // reps))
