#!/usr/bin/env python3
"""Recall and false positives of steward's IaC engine and of Checkov on a labelled set.

bench/iac_labelled/ holds small Terraform, CloudFormation, Kubernetes, compose, Dockerfile
and Ansible files, one folder per category of issue #6, and labels.json says for each file
its category and whether it is a positive (the misconfiguration) or a negative (the safe
form). Labels say what is true of the file, not what either tool reports.

Both tools run on the whole set; each finding is mapped to categories through the tables
below (steward by policy id, Checkov by check id, one explicit entry per id). For each
category:
  recall = positive files of the category flagged with a check mapped to the category
  FP     = negative files of the category flagged with a check mapped to the category
A finding for another category in the same file counts for neither (a safe file of one
category may well hold a misconfiguration of another).

Usage: bench/iac_recall.py [--steward BIN] [--dir DIR] [--details]
       (needs `checkov` on PATH: pip install checkov; runs it offline)
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# steward policy id -> categories.
STEWARD = {
    # public storage
    "iac/terraform/s3-public-acl": ["public_storage"],
    "iac/terraform/s3-bucket-policy-public": ["public_storage"],
    "iac/terraform/s3-public-access-block-missing": ["public_storage"],
    "iac/terraform/s3-public-access-block-disabled": ["public_storage"],
    "iac/terraform/gcs-public-bucket": ["public_storage"],
    "iac/terraform/azure-storage-public-access": ["public_storage"],
    "iac/cloudformation/s3-public-acl": ["public_storage"],
    "iac/cloudformation/s3-bucket-policy-public": ["public_storage"],
    "iac/cloudformation/s3-public-access-block-missing": ["public_storage"],
    "iac/cloudformation/s3-public-access-block-disabled": ["public_storage"],
    # unencrypted storage and databases
    "iac/terraform/ebs-unencrypted": ["unencrypted_storage"],
    "iac/terraform/rds-storage-unencrypted": ["unencrypted_storage"],
    "iac/terraform/efs-unencrypted": ["unencrypted_storage"],
    "iac/terraform/elasticache-unencrypted": ["unencrypted_storage"],
    "iac/terraform/redshift-unencrypted": ["unencrypted_storage"],
    "iac/terraform/search-domain-unencrypted": ["unencrypted_storage"],
    "iac/terraform/s3-encryption-missing": ["unencrypted_storage"],
    "iac/terraform/sns-unencrypted": ["unencrypted_storage"],
    "iac/terraform/sqs-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/ebs-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/rds-storage-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/efs-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/elasticache-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/redshift-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/search-domain-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/s3-encryption-missing": ["unencrypted_storage"],
    "iac/cloudformation/sns-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/sqs-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/docdb-unencrypted": ["unencrypted_storage"],
    "iac/cloudformation/kinesis-unencrypted": ["unencrypted_storage"],
    # databases publicly accessible or open to the world on their ports
    "iac/terraform/rds-publicly-accessible": ["db_public"],
    "iac/terraform/redshift-publicly-accessible": ["db_public"],
    "iac/terraform/sg-database-port-open": ["db_public"],
    "iac/terraform/azure-nsg-database-port-open": ["db_public"],
    "iac/terraform/gcp-sql-public": ["db_public"],
    "iac/cloudformation/rds-publicly-accessible": ["db_public"],
    "iac/cloudformation/redshift-publicly-accessible": ["db_public"],
    "iac/cloudformation/sg-database-port-open": ["db_public"],
    "iac/compose/database-port-published": ["db_public"],
    "iac/kubernetes/database-service-exposed": ["db_public"],
    # hard-coded credentials in resources (generic secret checks also count for default
    # credentials, as Checkov's secret detectors do below)
    "iac/terraform/hardcoded-credentials": ["hardcoded_credentials"],
    "iac/terraform/lambda-env-secrets": ["hardcoded_credentials", "secrets_in_env"],
    "iac/cloudformation/hardcoded-credentials": ["hardcoded_credentials"],
    "iac/cloudformation/lambda-env-secrets": ["hardcoded_credentials", "secrets_in_env"],
    "iac/ansible/hardcoded-secret-in-args": ["hardcoded_credentials"],
    "iac/ansible/hardcoded-secret-in-vars": ["hardcoded_credentials"],
    "iac/ansible/user-plaintext-password": ["hardcoded_credentials"],
    "iac/kubernetes/secret-data-committed": ["hardcoded_credentials"],
    "iac/dockerfile/run-sets-password": ["hardcoded_credentials"],
    "iac/dockerfile/url-with-credentials": ["hardcoded_credentials"],
    # default credentials of well-known images
    "iac/compose/default-credentials": ["default_credentials"],
    "iac/kubernetes/default-credentials": ["default_credentials"],
    # secrets in ENV / environment
    "iac/dockerfile/secret-in-env": ["secrets_in_env", "hardcoded_credentials"],
    "iac/kubernetes/secret-in-env": [
        "secrets_in_env", "hardcoded_credentials", "default_credentials"],
    "iac/compose/secret-in-environment": [
        "secrets_in_env", "hardcoded_credentials", "default_credentials"],
    "iac/compose/secret-in-build-args": ["secrets_in_env", "hardcoded_credentials"],
    # missing logging and versioning
    "iac/terraform/s3-logging-missing": ["logging_versioning"],
    "iac/terraform/s3-versioning-disabled": ["logging_versioning"],
    "iac/terraform/cloudtrail-logging-disabled": ["logging_versioning"],
    "iac/cloudformation/s3-logging-missing": ["logging_versioning"],
    "iac/cloudformation/s3-versioning-disabled": ["logging_versioning"],
    "iac/cloudformation/cloudtrail-logging-disabled": ["logging_versioning"],
    "iac/cloudformation/api-gateway-access-logging-missing": ["logging_versioning"],
    "iac/cloudformation/cloudfront-logging-missing": ["logging_versioning"],
    "iac/cloudformation/lb-access-logging-missing": ["logging_versioning"],
    "iac/cloudformation/redshift-logging-missing": ["logging_versioning"],
    "iac/compose/logging-disabled": ["logging_versioning"],
    # IAM wildcards
    "iac/terraform/iam-wildcard-action": ["iam_wildcard"],
    "iac/terraform/iam-wildcard-resource": ["iam_wildcard"],
    "iac/cloudformation/iam-wildcard-action": ["iam_wildcard"],
    "iac/cloudformation/iam-wildcard-resource": ["iam_wildcard"],
    "iac/kubernetes/rbac-wildcard": ["iam_wildcard"],
    # security groups open to the world on admin ports
    "iac/terraform/sg-admin-port-open": ["sg_admin_open"],
    "iac/terraform/azure-nsg-admin-port-open": ["sg_admin_open"],
    "iac/terraform/gcp-firewall-open": ["sg_admin_open"],
    "iac/cloudformation/sg-admin-port-open": ["sg_admin_open"],
    "iac/compose/admin-port-published": ["sg_admin_open"],
    "iac/kubernetes/admin-port-exposed": ["sg_admin_open"],
    # KMS key rotation
    "iac/terraform/kms-rotation-disabled": ["kms_rotation"],
    "iac/cloudformation/kms-rotation-disabled": ["kms_rotation"],
    # TLS disabled
    "iac/terraform/lb-http-listener": ["tls_disabled"],
    "iac/terraform/cloudfront-http-allowed": ["tls_disabled"],
    "iac/terraform/azure-storage-insecure-transport": ["tls_disabled"],
    "iac/terraform/search-domain-https-not-enforced": ["tls_disabled"],
    "iac/cloudformation/lb-http-listener": ["tls_disabled"],
    "iac/cloudformation/cloudfront-http-allowed": ["tls_disabled"],
    "iac/cloudformation/lb-outdated-tls-policy": ["tls_disabled"],
    "iac/cloudformation/search-domain-https-not-enforced": ["tls_disabled"],
    "iac/kubernetes/ingress-without-tls": ["tls_disabled"],
    "iac/dockerfile/tls-verify-disabled": ["tls_disabled"],
    "iac/ansible/validate-certs-disabled": ["tls_disabled", "ansible_insecure"],
    # containers as root or privileged
    "iac/kubernetes/privileged": ["container_root_privileged"],
    "iac/kubernetes/run-as-root": ["container_root_privileged"],
    "iac/compose/privileged": ["container_root_privileged"],
    "iac/compose/user-root": ["container_root_privileged"],
    "iac/dockerfile/user-root": ["container_root_privileged"],
    # host namespaces and hostPath
    "iac/kubernetes/host-namespaces": ["host_namespaces"],
    "iac/kubernetes/host-path": ["host_namespaces"],
    "iac/compose/host-namespaces": ["host_namespaces"],
    "iac/compose/docker-socket": ["host_namespaces"],
    "iac/compose/sensitive-host-mount": ["host_namespaces"],
    # missing resource limits
    "iac/kubernetes/no-resource-limits": ["resource_limits"],
    "iac/compose/no-resource-limits": ["resource_limits"],
    # latest tags
    "iac/dockerfile/latest-tag": ["latest_tag"],
    "iac/kubernetes/latest-tag": ["latest_tag"],
    "iac/compose/latest-tag": ["latest_tag"],
    # Dockerfile ADD from a URL
    "iac/dockerfile/add-from-url": ["add_from_url"],
    # curl | sh
    "iac/dockerfile/curl-pipe-shell": ["curl_pipe_sh"],
    "iac/ansible/curl-pipe-shell": ["curl_pipe_sh"],
    # Ansible: certificate checks off, world-writable files
    "iac/ansible/world-writable-mode": ["ansible_insecure"],
}

# Checkov's generic secret detectors (CKV_SECRET_*) count for the three credential
# categories, like steward's secret-in-env policies above.
CHECKOV_SECRET_CATEGORIES = ["hardcoded_credentials", "secrets_in_env", "default_credentials"]

# Checkov check id -> categories (Checkov 3.3.30's titles, from `checkov --list`).
CHECKOV = {
    # public storage
    "CKV_AWS_20": ["public_storage"],  # S3 ACL allows public READ
    "CKV_AWS_57": ["public_storage"],  # S3 ACL allows public WRITE
    "CKV_AWS_70": ["public_storage"],  # S3 bucket policy allows an action with any Principal
    "CKV_AWS_283": ["public_storage"],  # IAM policy document allows any AWS principal
    "CKV_AWS_375": ["public_storage"],  # S3 bucket global view ACL
    "CKV2_AWS_6": ["public_storage"],  # S3 bucket has a public access block
    "CKV_AWS_53": ["public_storage"],  # block public ACLs
    "CKV_AWS_54": ["public_storage"],  # block public policy
    "CKV_AWS_55": ["public_storage"],  # ignore public ACLs
    "CKV_AWS_56": ["public_storage"],  # restrict public buckets
    # unencrypted storage and databases
    "CKV_AWS_3": ["unencrypted_storage"],  # EBS encrypted
    "CKV_AWS_8": ["unencrypted_storage"],  # launch configuration / instance EBS encrypted
    "CKV2_AWS_2": ["unencrypted_storage"],  # only encrypted EBS volumes attached
    "CKV_AWS_106": ["unencrypted_storage"],  # EBS default encryption
    "CKV_AWS_16": ["unencrypted_storage"],  # RDS encrypted at rest
    "CKV_AWS_96": ["unencrypted_storage"],  # Aurora encrypted at rest
    "CKV_AWS_19": ["unencrypted_storage"],  # S3 server-side encryption
    "CKV_AWS_42": ["unencrypted_storage"],  # EFS encrypted
    "CKV_AWS_29": ["unencrypted_storage"],  # ElastiCache encrypted at rest
    "CKV_AWS_64": ["unencrypted_storage"],  # Redshift encrypted
    "CKV_AWS_5": ["unencrypted_storage"],  # Elasticsearch encrypted at rest
    "CKV_AWS_26": ["unencrypted_storage"],  # SNS encrypted
    "CKV_AWS_27": ["unencrypted_storage"],  # SQS encrypted
    "CKV_AWS_74": ["unencrypted_storage"],  # DocumentDB encrypted
    "CKV_AWS_43": ["unencrypted_storage"],  # Kinesis encrypted
    # databases publicly accessible
    "CKV_AWS_17": ["db_public"],  # RDS not publicly accessible
    "CKV_AWS_87": ["db_public"],  # Redshift not publicly accessible
    "CKV_AWS_89": ["db_public"],  # DMS replication instance public
    "CKV_AWS_102": ["db_public"],  # Neptune instance public
    "CKV_AWS_277": ["db_public", "sg_admin_open"],  # SG ingress 0.0.0.0/0 on all ports
    # hard-coded credentials
    "CKV_AWS_41": ["hardcoded_credentials"],  # AWS keys in the provider
    "CKV_AWS_45": ["hardcoded_credentials", "secrets_in_env"],  # secrets in Lambda env
    "CKV_AWS_46": ["hardcoded_credentials"],  # secrets in EC2 user data
    "CKV_AWS_384": ["hardcoded_credentials"],  # secrets in Parameter Store values
    "CKV_BCW_1": ["hardcoded_credentials"],  # API token in the provider
    "CKV2_DOCKER_17": ["hardcoded_credentials"],  # chpasswd sets a password
    # missing logging and versioning
    "CKV_AWS_18": ["logging_versioning"],  # S3 access logging
    "CKV_AWS_21": ["logging_versioning"],  # S3 versioning
    "CKV_AWS_251": ["logging_versioning"],  # CloudTrail logging enabled
    "CKV_AWS_86": ["logging_versioning"],  # CloudFront access logging
    "CKV_AWS_91": ["logging_versioning"],  # ELBv2 access logging
    "CKV_AWS_92": ["logging_versioning"],  # ELB access logging
    "CKV_AWS_76": ["logging_versioning"],  # API Gateway access logging
    "CKV_AWS_95": ["logging_versioning"],  # API Gateway v2 access logging
    "CKV_AWS_71": ["logging_versioning"],  # Redshift logging
    "CKV_AWS_84": ["logging_versioning"],  # Elasticsearch logging
    "CKV_AWS_129": ["logging_versioning"],  # RDS logs
    # IAM wildcards
    "CKV_AWS_1": ["iam_wildcard"],  # full "*-*" admin privileges
    "CKV_AWS_62": ["iam_wildcard"],  # full "*-*" admin privileges
    "CKV_AWS_49": ["iam_wildcard"],  # "*" as a statement's actions
    "CKV_AWS_63": ["iam_wildcard"],  # "*" as a statement's actions
    "CKV_AWS_355": ["iam_wildcard"],  # "*" resource for restrictable actions
    "CKV_AWS_356": ["iam_wildcard"],  # "*" resource for restrictable actions
    "CKV_AWS_107": ["iam_wildcard"],  # credentials exposure without constraints
    "CKV_AWS_108": ["iam_wildcard"],  # data exfiltration without constraints
    "CKV_AWS_109": ["iam_wildcard"],  # permissions management without constraints
    "CKV_AWS_110": ["iam_wildcard"],  # privilege escalation
    "CKV_AWS_111": ["iam_wildcard"],  # write access without constraints
    "CKV_AWS_286": ["iam_wildcard"],  # privilege escalation
    "CKV_AWS_287": ["iam_wildcard"],  # credentials exposure
    "CKV_AWS_288": ["iam_wildcard"],  # data exfiltration
    "CKV_AWS_289": ["iam_wildcard"],  # permissions management / resource exposure
    "CKV_AWS_290": ["iam_wildcard"],  # write access without constraints
    "CKV2_AWS_40": ["iam_wildcard"],  # full IAM privileges
    "CKV_K8S_49": ["iam_wildcard"],  # wildcards in Roles and ClusterRoles
    # security groups open to the world on admin ports
    "CKV_AWS_24": ["sg_admin_open"],  # SG ingress 0.0.0.0/0 to port 22
    "CKV_AWS_25": ["sg_admin_open"],  # SG ingress 0.0.0.0/0 to port 3389
    "CKV_AWS_231": ["sg_admin_open"],  # NACL ingress 0.0.0.0/0 to port 3389
    "CKV_AWS_232": ["sg_admin_open"],  # NACL ingress 0.0.0.0/0 to port 22
    # KMS rotation
    "CKV_AWS_7": ["kms_rotation"],
    # TLS disabled
    "CKV_AWS_2": ["tls_disabled"],  # ALB protocol HTTPS
    "CKV_AWS_103": ["tls_disabled"],  # LB listener TLS 1.2
    "CKV_AWS_376": ["tls_disabled"],  # ELB listener uses TLS/SSL
    "CKV_AWS_378": ["tls_disabled"],  # LB does not use HTTP
    "CKV2_AWS_20": ["tls_disabled"],  # ALB redirects HTTP to HTTPS
    "CKV_AWS_34": ["tls_disabled"],  # CloudFront viewer protocol HTTPS
    "CKV_AWS_174": ["tls_disabled"],  # CloudFront viewer certificate TLS 1.2
    "CKV2_AWS_54": ["tls_disabled"],  # CloudFront secure SSL protocols
    "CKV2_AWS_72": ["tls_disabled"],  # CloudFront origin HTTPS-only
    "CKV_AWS_83": ["tls_disabled"],  # Elasticsearch enforces HTTPS
    "CKV_AWS_6": ["tls_disabled"],  # Elasticsearch node-to-node encryption
    "CKV_AWS_228": ["tls_disabled"],  # Elasticsearch TLS policy
    "CKV_AWS_30": ["tls_disabled"],  # ElastiCache in transit
    "CKV_AWS_90": ["tls_disabled"],  # DocumentDB TLS
    "CKV_AWS_105": ["tls_disabled"],  # Redshift SSL
    "CKV2_DOCKER_2": ["tls_disabled"],  # curl certificate validation
    "CKV2_DOCKER_3": ["tls_disabled"],  # wget certificate validation
    "CKV2_DOCKER_4": ["tls_disabled"],  # pip --trusted-host
    "CKV2_DOCKER_5": ["tls_disabled"],  # PYTHONHTTPSVERIFY
    "CKV2_DOCKER_6": ["tls_disabled"],  # NODE_TLS_REJECT_UNAUTHORIZED
    "CKV2_DOCKER_12": ["tls_disabled"],  # NPM_CONFIG_STRICT_SSL
    "CKV2_DOCKER_13": ["tls_disabled"],  # npm/yarn strict-ssl
    "CKV2_DOCKER_14": ["tls_disabled"],  # GIT_SSL_NO_VERIFY
    "CKV2_DOCKER_15": ["tls_disabled"],  # yum/dnf sslverify
    "CKV2_DOCKER_16": ["tls_disabled"],  # PIP_TRUSTED_HOST
    "CKV_ANSIBLE_1": ["tls_disabled", "ansible_insecure"],  # uri validate_certs
    "CKV_ANSIBLE_2": ["tls_disabled", "ansible_insecure"],  # get_url validate_certs
    "CKV_ANSIBLE_3": ["tls_disabled", "ansible_insecure"],  # yum validate_certs
    "CKV_ANSIBLE_4": ["tls_disabled", "ansible_insecure"],  # yum sslverify
    "CKV2_ANSIBLE_5": ["tls_disabled", "ansible_insecure"],  # dnf sslverify
    "CKV2_ANSIBLE_6": ["tls_disabled", "ansible_insecure"],  # dnf validate_certs
    # containers as root or privileged
    "CKV_K8S_2": ["container_root_privileged"],  # privileged (PSP)
    "CKV_K8S_16": ["container_root_privileged"],  # privileged
    "CKV_K8S_6": ["container_root_privileged"],  # root containers (PSP)
    "CKV_K8S_23": ["container_root_privileged"],  # root containers
    "CKV_DOCKER_3": ["container_root_privileged"],  # no user created
    "CKV_DOCKER_8": ["container_root_privileged"],  # last USER is root
    "CKV_AWS_334": ["container_root_privileged"],  # ECS privileged
    # host namespaces and hostPath
    "CKV_K8S_1": ["host_namespaces"],  # host PID (PSP)
    "CKV_K8S_3": ["host_namespaces"],  # host IPC (PSP)
    "CKV_K8S_4": ["host_namespaces"],  # host network (PSP)
    "CKV_K8S_17": ["host_namespaces"],  # host PID
    "CKV_K8S_18": ["host_namespaces"],  # host IPC
    "CKV_K8S_19": ["host_namespaces"],  # host network
    "CKV_K8S_27": ["host_namespaces"],  # docker socket mounted
    "CKV_AWS_335": ["host_namespaces"],  # ECS host PID
    # resource limits
    "CKV_K8S_11": ["resource_limits"],  # CPU limits
    "CKV_K8S_13": ["resource_limits"],  # memory limits
    # latest tags
    "CKV_DOCKER_7": ["latest_tag"],
    "CKV_K8S_14": ["latest_tag"],
    # ADD (from a URL)
    "CKV_DOCKER_4": ["add_from_url"],  # COPY instead of ADD
}
# Not mapped on purpose: checks about customer-managed keys (a key choice, not a lack of
# encryption), CKV_K8S_35 (it asks for secrets as files instead of secretKeyRef
# environment variables, the safe form here), CKV_K8S_40 (UID above 10000, not root),
# requests (CKV_K8S_10/12) rather than limits, digests (CKV_K8S_43) rather than `latest`.


def checkov_categories(check_id):
    if check_id.startswith("CKV_SECRET_"):
        return CHECKOV_SECRET_CATEGORIES
    return CHECKOV.get(check_id, [])


def load_labels(root):
    path = os.path.join(root, "labels.json")
    with open(path) as f:
        labels = json.load(f)
    on_disk = set()
    for d, _, files in os.walk(root):
        for name in files:
            rel = os.path.relpath(os.path.join(d, name), root)
            if rel != "labels.json":
                on_disk.add(rel)
    labelled = {row["file"] for row in labels}
    missing = sorted(labelled - on_disk)
    unlabelled = sorted(on_disk - labelled)
    if missing or unlabelled:
        sys.exit(f"labels.json and {root} disagree: labelled but missing {missing}, "
                 f"present but unlabelled {unlabelled}")
    for row in labels:
        if row["expected"] not in ("positive", "negative"):
            sys.exit(f"labels.json: {row['file']}: expected must be positive or negative")
    return labels


def run_steward(binary, root):
    out = subprocess.run(
        [binary, "scan", root, "--engines", "iac", "--no-ledger", "-f", "json"],
        capture_output=True, text=True)
    if not out.stdout.strip():
        sys.exit(f"steward printed no report (exit {out.returncode}): {out.stderr[-2000:]}")
    flagged = {}  # file -> set of categories
    ids = {}  # file -> set of policy ids
    for f in json.loads(out.stdout).get("findings", []):
        rel = os.path.normpath(f["location"]["path"])
        ids.setdefault(rel, set()).add(f["rule_id"])
        for cat in STEWARD.get(f["rule_id"], []):
            flagged.setdefault(rel, set()).add(cat)
    return flagged, ids


def run_checkov(root):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BC_SKIP_MAPPING="TRUE")
        # Checkov exits 1 when any check fails; its JSON is on stdout either way.
        out = subprocess.run(
            ["checkov", "-d", ".", "--skip-download", "-o", "json", "--quiet",
             "--framework", "terraform,cloudformation,kubernetes,dockerfile,ansible,secrets"],
            cwd=root, capture_output=True, text=True, env=env)
        del tmp
    if not out.stdout.strip():
        sys.exit(f"checkov printed no report (exit {out.returncode}): {out.stderr[-2000:]}")
    reports = json.loads(out.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    flagged, ids = {}, {}
    for r in reports:
        for c in r.get("results", {}).get("failed_checks", []):
            rel = os.path.normpath(c["file_path"].lstrip("/"))
            ids.setdefault(rel, set()).add(c["check_id"])
            for cat in checkov_categories(c["check_id"]):
                flagged.setdefault(rel, set()).add(cat)
    return flagged, ids


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # The newer of the release and debug builds (a stale release build would hide a fix).
    builds = [os.path.join(HERE, "..", "target", b, "steward") for b in ("release", "debug")]
    builds = [b for b in builds if os.path.exists(b)]
    default_bin = max(builds, key=os.path.getmtime) if builds else "steward"
    ap.add_argument("--steward", default=os.environ.get("STEWARD", default_bin))
    ap.add_argument("--dir", default=os.path.join(HERE, "iac_labelled"))
    ap.add_argument("--details", action="store_true",
                    help="list each tool's misses and false positives by file")
    args = ap.parse_args()
    root = os.path.abspath(args.dir)
    labels = load_labels(root)

    tools = {"steward": run_steward(os.path.abspath(args.steward), root),
             "checkov": run_checkov(root)}

    cats = sorted({row["category"] for row in labels})
    totals = {t: [0, 0] for t in tools}  # hits, fps
    npos_all = nneg_all = 0
    misses = {t: [] for t in tools}
    fps = {t: [] for t in tools}
    print("| category | positives | steward recall | Checkov recall | negatives "
          "| steward FP | Checkov FP |")
    print("|---|---|---|---|---|---|---|")
    for cat in cats:
        pos = [r["file"] for r in labels if r["category"] == cat and r["expected"] == "positive"]
        neg = [r["file"] for r in labels if r["category"] == cat and r["expected"] == "negative"]
        npos_all += len(pos)
        nneg_all += len(neg)
        cells = {}
        for t, (flagged, _) in tools.items():
            hit = [f for f in pos if cat in flagged.get(os.path.normpath(f), set())]
            fp = [f for f in neg if cat in flagged.get(os.path.normpath(f), set())]
            misses[t] += [f for f in pos if f not in hit]
            fps[t] += fp
            totals[t][0] += len(hit)
            totals[t][1] += len(fp)
            cells[t] = (len(hit), len(fp))
        print(f"| {cat} | {len(pos)} | {cells['steward'][0]}/{len(pos)} "
              f"| {cells['checkov'][0]}/{len(pos)} | {len(neg)} "
              f"| {cells['steward'][1]}/{len(neg)} | {cells['checkov'][1]}/{len(neg)} |")
    s, c = totals["steward"], totals["checkov"]
    print(f"| **all** | {npos_all} | {s[0]}/{npos_all} ({s[0] / npos_all:.0%}) "
          f"| {c[0]}/{npos_all} ({c[0] / npos_all:.0%}) | {nneg_all} "
          f"| {s[1]}/{nneg_all} | {c[1]}/{nneg_all} |")
    if args.details:
        for t, (_, ids) in tools.items():
            print(f"\n{t} misses:")
            for f in misses[t]:
                print(f"  {f}: {sorted(ids.get(os.path.normpath(f), []))}")
            print(f"{t} false positives:")
            for f in fps[t]:
                print(f"  {f}: {sorted(ids.get(os.path.normpath(f), []))}")


if __name__ == "__main__":
    main()
