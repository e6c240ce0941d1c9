# expect: CWE-94
import os

limits = eval(os.environ.get("LIMITS", "{}"))
