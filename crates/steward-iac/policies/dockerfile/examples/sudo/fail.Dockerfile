FROM ubuntu:24.04
# expect
RUN sudo apt-get update
