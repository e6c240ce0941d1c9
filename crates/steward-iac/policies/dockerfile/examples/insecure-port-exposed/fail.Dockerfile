FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends vsftpd tigervnc-standalone-server
# expect
EXPOSE 21
# expect
EXPOSE 5900/tcp 8080
USER ftp
