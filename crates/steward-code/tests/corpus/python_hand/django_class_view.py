# expect: CWE-89
from django.db import connection
from django.views import View


class Search(View):
    def get(self, request):
        q = request.GET.get("q", "")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM app_item WHERE title LIKE '%%" + q + "%%'")
            return cursor.fetchall()
