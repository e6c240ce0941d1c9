# expect: CWE-94


def build(x):
    return "total(" + x + ")"

def handler():
    v = input("value: ")
    q = build(v)
    result = eval(q)
    return str(result)
