FROM nginx:1.27
HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1
