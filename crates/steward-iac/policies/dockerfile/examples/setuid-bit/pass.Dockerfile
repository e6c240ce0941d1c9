FROM alpine:3.20
COPY helper /usr/local/bin/helper
RUN chmod 0755 /usr/local/bin/helper && setcap cap_net_bind_service=+ep /usr/local/bin/helper
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true
USER 1000
