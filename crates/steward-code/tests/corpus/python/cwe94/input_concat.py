# expect: CWE-94

def handler():
    v = input("value: ")
    q = "total(" + v + ")"
    result = eval(q)
    return str(result)
