with open("long.yaml", "w") as f:
    f.write("questions:\n  - {id: q1, type: short, stem: \"" + "长" * (34 * 1024 * 1024) + "\", bogus: 1}\n")
