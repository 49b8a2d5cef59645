with open("o.yaml", "w") as f:
    f.write("questions:\n  - id: many\n    type: single\n    stem: s\n    answer: A\n    options:\n")
    for i in range(10000):
        f.write("      - option %d\n" % i)
