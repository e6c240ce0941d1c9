FROM alpine:3.20
# expect
RUN wget -q http://downloads.example.com/tool-1.2.tar.gz -O /tmp/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
# expect
ADD http://downloads.example.com/agent.bin /usr/local/bin/agent
# expect
RUN pip install --index-url http://pypi.internal.example.com/simple app
USER 1000
