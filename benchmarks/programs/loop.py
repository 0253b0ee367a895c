s = 0.0
for i in range(1, 10000001):
    s = s + i * 0.5
print(int(s) if s == int(s) else s)
