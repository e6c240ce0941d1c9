FROM golang:1.22
# expect
RUN git clone https://ci-bot:ghp_0123456789abcdef@github.com/example/private.git /src
# expect
ENV DATABASE_URL=postgres://app:s3cret@db.internal:5432/app
USER 1000
