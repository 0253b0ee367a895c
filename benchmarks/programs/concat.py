total = 0
for rep in range(1, 601):
    s = ""
    for i in range(1, 1001):
        s = s + "k" + str(i) + ","
    total = total + len(s)
print(total)
