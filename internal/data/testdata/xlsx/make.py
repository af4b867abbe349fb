# Writes openpyxl.xlsx and xlsxwriter.xlsx: the cells that programs write differently.
import datetime
import openpyxl
import xlsxwriter

header = ["学校代码", "学校名称", "学校类型", "小学在校生数", "体育运动场馆面积", "备注"]
rows = [
    ["3612340001", "示例县第一小学", "小学", 1443, 9611.5, "含逗号, 和\"引号\""],
    ["0012", "  前后有空格  ", "小学", 12, 0.000012, "两行\n文字"],
    ["A&B<C>", "_x0041_ 转义", "初级中学", 1e3, 1e20, True],
    [None, None, None, None, None, None],
    ["X9", "中文\t学校", "九年一贯制学校", -0.0, 12345678901234567890, False],
    ["F1", "公式", "小学", "=100*3", "=D7*10", datetime.date(2006, 9, 1)],
]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "学校"
ws.append(header)
for r in rows:
    ws.append(r)
ws["F8"] = "rich"
wb.create_sheet("说明").append(["说明"])
wb.properties.created = datetime.datetime(2025, 1, 1)
wb.properties.modified = datetime.datetime(2025, 1, 1)
wb.save("openpyxl.xlsx")

wb = xlsxwriter.Workbook("xlsxwriter.xlsx")
wb.set_properties({"created": datetime.datetime(2025, 1, 1)})
ws = wb.add_worksheet("学校")
bold = wb.add_format({"bold": True})
for c, h in enumerate(header):
    ws.write_string(0, c, h, bold)
for r, row in enumerate(rows, start=1):
    for c, v in enumerate(row):
        if v is None:
            ws.write_blank(r, c, None, bold)
        elif isinstance(v, str) and v.startswith("="):
            ws.write_formula(r, c, v, None, 300 if c == 3 else 0)
        elif isinstance(v, datetime.date):
            ws.write_datetime(r, c, datetime.datetime(v.year, v.month, v.day), wb.add_format({"num_format": "yyyy-mm-dd"}))
        else:
            ws.write(r, c, v)
ws.write_rich_string(7, 1, "甲", bold, "小学", " 部")
ws.write_string(7, 0, "R1")
ws.write_boolean(7, 3, True)
ws.write_formula(7, 4, '="3"&"000"', None, "3000")
wb.close()
