FROM debian:12-slim
# expect
RUN echo "deb [trusted=yes] http://repo.example.com/apt stable main" > /etc/apt/sources.list.d/vendor.list
# expect
RUN apt-get update && apt-get install -y --allow-unauthenticated vendor-agent

FROM alpine:3.20
# expect
RUN apk add --no-cache --allow-untrusted /tmp/vendor.apk

FROM rockylinux:9
# expect
RUN rpm -i --nodigest --noverify /tmp/vendor.rpm
