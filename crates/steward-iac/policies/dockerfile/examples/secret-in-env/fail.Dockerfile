FROM python:3.12-slim
ENV APP_ENV=prod \
# expect
    DB_PASSWORD="s3cr3t-Pa55"
# expect
ARG GITHUB_TOKEN=ghp_exampleexampleexample
