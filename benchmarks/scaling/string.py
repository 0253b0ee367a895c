# `s = s + "x"` as written; in a function CPython grows the string in place when nothing else holds
# it (at the top level of a script, Python 3.11 copies it each time: quadratic).
def build(n):
    s = ""
    for i in range(1, n + 1):
        s = s + "x"
    return len(s)
total = 0
for rep in range(reps):
    total = total + build(n)
print(total // reps)
