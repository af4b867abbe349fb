# Subset LXGW WenKai Regular to GB 2312 and rename it: the OFL reserves the names "LXGW" and
# "霞鹜" for unmodified fonts, and a subset is a Modified Version.
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
name = f["name"]
family, full, ps = "Youjun WenKai GB", "Youjun WenKai GB Regular", "YoujunWenKaiGB-Regular"
for rec in list(name.names):
    if rec.nameID in (1, 16):
        rec.string = family
    elif rec.nameID == 2 or rec.nameID == 17:
        rec.string = "Regular"
    elif rec.nameID == 3:
        rec.string = "youjun: " + ps
    elif rec.nameID == 4:
        rec.string = full
    elif rec.nameID == 6:
        rec.string = ps
    elif rec.nameID == 5:
        pass
    elif rec.nameID in (0, 7, 8, 9, 10, 11, 12, 13, 14):
        pass
    else:
        name.names.remove(rec)
name.setName("Youjun WenKai GB: the GB 2312 characters of LXGW WenKai Regular (c) 2021-2022 lxgw, renamed as the OFL's Reserved Font Names require.", 10, 3, 1, 0x409)
for rec in name.names:
    s = rec.toUnicode()
    if rec.nameID not in (0, 10, 13, 14) and ("LXGW" in s or "霞鹜" in s):
        sys.exit("reserved name left in name %d: %s" % (rec.nameID, s))
f.save(sys.argv[2])
