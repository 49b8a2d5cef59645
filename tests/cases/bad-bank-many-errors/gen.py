# two banks with 50,000 mistakes each, loaded in reverse name order
for name, first in (("a.yaml", 0), ("b.yaml", 50000)):
    with open(name, "w") as f:
        f.write("questions:\n")
        for i in range(first, first + 50000):
            f.write("  - {id: q%d, type: short, stem: s, bogus: 1}\n" % i)
