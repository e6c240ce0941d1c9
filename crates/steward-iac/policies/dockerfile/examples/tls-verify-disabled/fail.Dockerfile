FROM node:20-alpine
# expect
RUN curl -k https://internal.example/cert.pem -o /tmp/c.pem
# expect
RUN pip install --trusted-host pypi.internal -r requirements.txt
# expect
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# expect
ARG GIT_SSL_NO_VERIFY=false
# expect
ENV PIP_TRUSTED_HOST=pypi.internal
# expect
RUN yum-config-manager --save --setopt=vendor.sslverify=0
