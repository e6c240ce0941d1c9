FROM python:3.12-slim
WORKDIR /app
# expect
COPY id_rsa /root/.ssh/id_rsa
# expect
COPY --chown=app:app .aws /home/app/.aws
# expect
ADD certs/server.key config/.env /app/
COPY . /app
USER app
