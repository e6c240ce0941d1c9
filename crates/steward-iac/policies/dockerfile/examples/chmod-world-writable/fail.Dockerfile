FROM alpine:3.20
# expect
RUN chmod -R 777 /app
# expect
RUN chmod o+w /var/log/app.log
