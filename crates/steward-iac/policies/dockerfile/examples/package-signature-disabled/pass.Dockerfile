FROM debian:12-slim
RUN curl -fsSL https://repo.example.com/key.gpg | gpg --dearmor -o /etc/apt/keyrings/vendor.gpg \
 && echo "deb [signed-by=/etc/apt/keyrings/vendor.gpg] https://repo.example.com/apt stable main" > /etc/apt/sources.list.d/vendor.list \
 && apt-get update && apt-get install -y --no-install-recommends vendor-agent
