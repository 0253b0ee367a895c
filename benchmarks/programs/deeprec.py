import sys
sys.setrecursionlimit(20000)
def down(n):
    return 0 if n == 0 else n + down(n - 1)
total = 0
for rep in range(100):
    total = total + down(10000)
print(total)
