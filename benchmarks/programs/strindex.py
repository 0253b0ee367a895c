lines = [f"line {i}: latency={i * 7}ms status=ok" for i in range(1, 2001)]
def digits(s):
    c = 0
    i = 0
    while i < len(s):
        if s[i] in "0123456789":
            c = c + 1
        i = i + 1
    return c
total = 0
for rep in range(60):
    for line in lines:
        total = total + digits(line)
print(total)
