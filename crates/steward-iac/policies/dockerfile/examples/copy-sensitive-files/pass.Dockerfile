FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=secret,id=pip,target=/root/.pip/pip.conf pip install -r requirements.txt
COPY config/.env.example /app/.env.example
COPY --from=build /out/app.pem.pub /app/
COPY certs/server.crt /app/certs/
USER app
