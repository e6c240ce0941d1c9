FROM ubuntu:24.04
RUN useradd -m -s /usr/sbin/nologin app && passwd -l app
RUN --mount=type=secret,id=app_pw sh -c 'echo "app:$(cat /run/secrets/app_pw)" | chpasswd'
USER app
