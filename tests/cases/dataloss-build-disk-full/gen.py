with open("roster.csv", "w") as f:
    f.write("id,name\n")
    for i in range(400):
        f.write("%d,考生%d\n" % (2026000 + i, i))
