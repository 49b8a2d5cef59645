# One row more than a worksheet holds (1,048,576 sheets), then a ragged
# row: with --xlsx, reading stops where the report is bound to be refused,
# so the ragged row is never reached (it used to read and grade them all,
# then refuse).
with open('big.csv', 'w') as f:
    f.write('candidate_id,name,form,1,2,3,4,5,6,7.1,7.2\n')
    row = ',n,A,T,C,ACD,ACD,ABC,5,10,5\n'
    for i in range(1048576):
        f.write('c%d' % i + row)
    f.write('ragged,row\n')
