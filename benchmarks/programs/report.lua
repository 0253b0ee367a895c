-- The table formatted as hadr prints one: columns two spaces apart, numbers right-aligned, text left.
local rows = {}
for i = 1, 50000 do
  local errors = i // 7
  rows[#rows + 1] = {id = i, service = "svc-" .. i, requests = i * 37, errors = errors, ratio = errors / (i * 37)}
end
local names = {"id", "service", "requests", "errors", "ratio"}
local function cell(v) if type(v) == "string" then return v else return string.format("%.12g", v) end end
local cells, widths = {}, {}
for c, name in ipairs(names) do widths[c] = #name end
for r, row in ipairs(rows) do
  local line = {}
  for c, name in ipairs(names) do
    line[c] = cell(row[name])
    if #line[c] > widths[c] then widths[c] = #line[c] end
  end
  cells[r] = line
end
local right = {}
for c, name in ipairs(names) do right[c] = type(rows[1][name]) ~= "string" end
local function line(values)
  local parts = {}
  for c, v in ipairs(values) do
    local pad = string.rep(" ", widths[c] - #v)
    parts[c] = right[c] and pad .. v or v .. pad
  end
  return table.concat(parts, "  ")
end
local out = {line(names)}
for _, r in ipairs(cells) do out[#out + 1] = line(r) end
print(table.concat(out, "\n"))
