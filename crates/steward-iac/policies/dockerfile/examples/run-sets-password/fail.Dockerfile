FROM ubuntu:24.04
# expect
RUN useradd -m app && echo "app:app123" | chpasswd
# expect
RUN echo 'root:toor' | chpasswd
USER app
