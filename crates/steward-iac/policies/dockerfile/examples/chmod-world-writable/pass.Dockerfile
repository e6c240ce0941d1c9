FROM alpine:3.20
RUN chmod 755 /app/server && chmod 644 /app/config.yml
RUN chmod u+w /data
