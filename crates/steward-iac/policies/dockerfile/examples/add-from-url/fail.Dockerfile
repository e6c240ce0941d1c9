FROM alpine:3.20
# expect
ADD https://example.com/tool.tar.gz /opt/
