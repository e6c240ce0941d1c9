FROM debian:12
USER app
RUN make
# expect
USER root
CMD ["/bin/server"]
