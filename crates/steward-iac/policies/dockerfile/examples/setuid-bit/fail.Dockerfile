FROM alpine:3.20
COPY helper /usr/local/bin/helper
# expect
RUN chown root:root /usr/local/bin/helper && chmod u+s /usr/local/bin/helper
# expect
RUN chmod 4755 /usr/local/bin/backup
USER 1000
