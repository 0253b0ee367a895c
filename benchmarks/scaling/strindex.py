def scan(n):
    s = "".join(map(lambda i: "b" if i % 3 == 0 else "a", range(1, n + 1)))
    c = 0
    for i in range(len(s)):
        if s[i] == "b":
            c = c + 1
    return c
total = 0
for rep in range(reps):
    total = total + scan(n)
print(total // reps)
