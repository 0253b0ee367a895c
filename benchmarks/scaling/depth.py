import sys
sys.setrecursionlimit(30000)
def down(k):
    return 0 if k == 0 else 1 + down(k - 1)
total = 0
for rep in range(reps):
    total = total + down(n)
print(total // reps)
