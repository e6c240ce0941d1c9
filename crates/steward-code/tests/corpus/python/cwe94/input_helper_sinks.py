# expect: CWE-94


def run(q):
    result = eval(q)
    return str(result)

def handler():
    v = input("value: ")
    q = "total(" + v + ")"
    return run(q)
