FROM python:3.12-slim
ARG GITHUB_TOKEN
ENV DB_PASSWORD_FILE=/run/secrets/db
ENV API_KEY=${API_KEY}
RUN --mount=type=secret,id=token cat /run/secrets/token
ENV TOKEN_TTL_SECONDS=3600 PASSWORD_MIN_LENGTH=12
