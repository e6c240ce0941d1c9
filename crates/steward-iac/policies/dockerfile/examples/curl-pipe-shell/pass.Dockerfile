FROM ubuntu:24.04
RUN curl -fsSLo install.sh https://get.example.com/install.sh && sha256sum -c install.sha256 && sh install.sh
RUN curl -s https://example.com/data.json | jq .
