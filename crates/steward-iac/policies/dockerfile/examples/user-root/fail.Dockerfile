FROM golang:1.22 AS build
RUN go build -o /app .
# expect
FROM alpine:3.20
COPY --from=build /app /app
ENTRYPOINT ["/app"]
