local rows = {}
for i = 0, 1999 do rows[#rows + 1] = {t = i * i / 4, host = "h" .. i, ok = true} end
local total, big = 0, 0
for rep = 1, 500 do
  for i = 2, #rows do
    local gap = rows[i].t - rows[i - 1].t
    total = total + gap
    if gap > 25 then big = big + 1 end
  end
end
print(string.format("%.12g %d", total, big))
