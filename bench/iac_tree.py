#!/usr/bin/env python3
"""Generate a tree of IaC files for timing `steward scan --engines iac` against Checkov.

Usage: bench/iac_tree.py OUT_DIR [N_FILES]   (default 2000: a fifth each of Dockerfiles,
compose files, Kubernetes manifests, Terraform modules and CloudFormation templates)
"""
import os
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000

DOCKERFILE = """FROM node:{i}-alpine
RUN apk add --no-cache curl && curl -fsSL https://example.com/i.sh | sh
ENV API_TOKEN=tok{i}abcdef LOG_LEVEL=info
COPY . /app
USER {user}
CMD ["node", "/app/server.js"]
"""

COMPOSE = """services:
  web{i}:
    image: example/web:{i}
    ports: ["8080:80"]
  db{i}:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: {pw}
    ports:
      - "5432:5432"
  cache{i}:
    image: redis:7.2
"""

K8S = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-{i}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          image: example/api:{i}
          securityContext:
            privileged: {priv}
            runAsNonRoot: true
          resources:
            limits: {{memory: 256Mi, cpu: 500m}}
---
apiVersion: v1
kind: Service
metadata:
  name: api-{i}
spec:
  type: LoadBalancer
  ports:
    - port: 443
"""

TF = """resource "aws_s3_bucket" "b{i}" {{
  bucket = "acme-{i}"
  acl    = "{acl}"
}}

resource "aws_security_group" "sg{i}" {{
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["{cidr}"]
  }}
}}

resource "aws_db_instance" "db{i}" {{
  engine              = "postgres"
  storage_encrypted   = {enc}
  publicly_accessible = false
}}
"""

CFN = """AWSTemplateFormatVersion: "2010-09-09"
Description: service {i}
Resources:
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${{AWS::StackName}}-assets-{i}"
      AccessControl: {acl}
      VersioningConfiguration:
        Status: Enabled
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Join [" ", [admin, !Ref AWS::StackName]]
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: {cidr}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      MasterUsername: app
      MasterUserPassword: "{{{{resolve:secretsmanager:db-{i}:SecretString:password}}}}"
      StorageEncrypted: {enc}
      PubliclyAccessible: false
"""

for i in range(n):
    kind = i % 5
    d = os.path.join(out, f"svc{i // 5:04d}")
    os.makedirs(d, exist_ok=True)
    odd = i % 10 < 5
    if kind == 0:
        path, body = "Dockerfile", DOCKERFILE.format(i=20, user="root" if odd else "app")
    elif kind == 1:
        path, body = "docker-compose.yml", COMPOSE.format(i=i, pw="postgres" if odd else "${PG}")
    elif kind == 2:
        path, body = "deploy.yaml", K8S.format(i=i, priv="true" if odd else "false")
    elif kind == 3:
        path, body = "main.tf", TF.format(
            i=i, acl="public-read" if odd else "private",
            cidr="0.0.0.0/0" if odd else "10.0.0.0/8", enc="false" if odd else "true")
    else:
        path, body = "stack.yaml", CFN.format(
            i=i, acl="PublicRead" if odd else "Private",
            cidr="0.0.0.0/0" if odd else "10.0.0.0/8", enc="false" if odd else "true")
    # steward:ignore[code/python/path-traversal] the output directory is the bench user's own argument
    with open(os.path.join(d, path), "w") as f:
        f.write(body)
