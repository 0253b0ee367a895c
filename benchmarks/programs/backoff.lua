local function fmt(s)
  if s == 0 then return "0s" end
  if s < 60 then return string.format("%gs", s) end
  local ms = math.floor(s * 1000 + 0.5); local parts = {}
  for _, u in ipairs({{31536000000, "y"}, {86400000, "d"}, {3600000, "h"}, {60000, "m"}}) do
    if ms >= u[1] then parts[#parts + 1] = string.format("%d%s", ms // u[1], u[2]); ms = ms % u[1] end
  end
  if ms > 0 then parts[#parts + 1] = string.format("%gs", ms / 1000) end
  return table.concat(parts, " ")
end
local cells, total = {}, 0.0
local widths = {7, 4, 5}
for attempt = 1, 100000 do
  local wait = 0.0
  if attempt > 1 then wait = math.min(60.0, 2.0 ^ math.min(attempt - 2, 1000)) end
  total = total + wait
  local row = {tostring(attempt), fmt(wait), fmt(total)}
  for i = 1, 3 do if #row[i] > widths[i] then widths[i] = #row[i] end end
  cells[#cells + 1] = row
end
local function pad(s, w) return string.rep(" ", w - #s) .. s end
local out = {pad("attempt", widths[1]) .. "  " .. pad("wait", widths[2]) .. "  " .. pad("total", widths[3])}
for _, r in ipairs(cells) do out[#out + 1] = pad(r[1], widths[1]) .. "  " .. pad(r[2], widths[2]) .. "  " .. pad(r[3], widths[3]) end
print(table.concat(out, "\n"))
