total = 0
for rep in range(1, 1201):
    s = ""
    for i in range(1, 1001):
        s = f"{s}k{i},"
    total = total + len(s)
print(total)
