# expect
FROM ubuntu
RUN apt-get update
# expect
FROM nginx:latest
