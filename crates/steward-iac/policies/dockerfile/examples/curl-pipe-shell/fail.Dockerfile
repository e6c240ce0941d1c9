FROM ubuntu:24.04
# expect
RUN curl -fsSL https://get.example.com/install.sh | bash
# expect
RUN apt-get update && \
    wget -qO- https://example.com/setup | sudo sh -
