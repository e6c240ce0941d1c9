FROM node:20-alpine
RUN curl -fsSL https://internal.example/cert.pem -o /tmp/c.pem
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
ENV NPM_CONFIG_STRICT_SSL=true
ARG PIP_INDEX_URL=https://pypi.internal/simple
RUN dnf config-manager --setopt=vendor.sslverify=1 --save
