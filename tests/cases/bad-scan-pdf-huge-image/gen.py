# A 70 KB PDF whose one page is a 24000 x 24000 1-bit image (72 MB
# packed to almost nothing): decoded, it takes gigabytes.
import zlib

w = h = 24000
data = zlib.compress(bytes(w // 8 * h), 9)
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
        b'/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
        b'<< /Type /XObject /Subtype /Image /Width %d /Height %d '
        b'/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode '
        b'/Length %d >>\nstream\n' % (w, h, len(data)) + data +
        b'\nendstream',
        b'<< /Length 33 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream']
out = b'%PDF-1.4\n'
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
xref = len(out)
out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
out += b''.join(b'%010d 00000 n \n' % o for o in offs)
out += (b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n'
        % (len(objs) + 1, xref))
open('huge.pdf', 'wb').write(out)
