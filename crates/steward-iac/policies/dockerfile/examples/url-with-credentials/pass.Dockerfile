FROM golang:1.22
RUN --mount=type=secret,id=git_token git clone https://github.com/example/private.git /src
ENV DATABASE_URL=postgres://db.internal:5432/app
ENV PROXY=http://${PROXY_USER}:${PROXY_PASS}@proxy.internal:3128
USER 1000
