FROM alpine:3.20
RUN wget -q https://downloads.example.com/tool-1.2.tar.gz -O /tmp/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
RUN curl -fsS http://localhost:8080/health || true
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://downloads.example.com/agent.bin /usr/local/bin/agent
USER 1000
