FROM node:20-alpine
RUN curl -fsSL https://internal.example/cert.pem -o /tmp/c.pem
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
