FROM ubuntu:24.04
RUN apt-get install -y openssh-server
# expect
EXPOSE 80 22/tcp
