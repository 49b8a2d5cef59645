# #15 item 7: a name with terminal escapes (ESC, BEL, CSI as C1)
# reaches standard output only as visible control pictures; a note over
# Excel's 32,767 characters per cell is cut with a warning.
python3 - <<'PY'
name = "\x1b[31mRED\x1b[0m\x07\u009b2JX"
note = "长" * 40000
with open("sheets.csv", "w", encoding="utf-8", newline="") as f:
    f.write("candidate_id,name,form,1,2,3,4,5,6,7,备注\n")
    f.write('2026001,"%s",A,T,C,ACD,ACD,ABC,5,15,%s\n' % (name, note))
PY
exec "$EXAMGEN" grade --key CSM-A.key.yaml --xlsx r.xlsx --csv - sheets.csv
