FROM alpine:3.20
# expect
ADD app.py requirements.txt /srv/
