FROM nginx:1.27-alpine
EXPOSE 8080 8443/tcp
USER nginx
