//! Odd but possible inputs: no panic, no policy evaluation error, and parse errors only
//! where the file really is malformed.

use steward_iac::{Format, IacEngine};

const CASES: &[(Format, &str, bool)] = &[
    (Format::Dockerfile, "", false),
    (Format::Dockerfile, "# only a comment\n", false),
    (Format::Dockerfile, "FROM scratch\n", false),
    (
        Format::Dockerfile,
        "ARG BASE=alpine\nFROM ${BASE}\nUSER\n",
        false,
    ),
    (Format::Dockerfile, "FROM alpine\nRUN echo \\\n", false),
    (
        Format::Dockerfile,
        "FROM alpine\nRUN <<EOF\nno terminator\n",
        false,
    ),
    (Format::Dockerfile, "FROM alpine\nENV\nEXPOSE\nADD\n", false),
    (
        Format::Dockerfile,
        "FROM alpine\nCMD [\"unterminated\n",
        false,
    ),
    (Format::Dockerfile, "RUN echo before from\n", true),
    (Format::Compose, "", false),
    (Format::Compose, "services:\n", false),
    (Format::Compose, "services: [1, 2]\n", false),
    (
        Format::Compose,
        "services:\n  a:\n  b: 3\n  c:\n    image: 7\n    ports: [null, {}, \"x:y:z:w\", \"[::1]:5432:5432\"]\n    environment: [\"NOEQ\", 5]\n    volumes: [3]\n    cap_add: [7]\n",
        false,
    ),
    (
        Format::Compose,
        "services:\n  a: {image: 'mongo', environment: {MONGO_INITDB_ROOT_PASSWORD: null}}\n",
        false,
    ),
    (
        Format::Compose,
        "services:\n  a:\n    image: [broken\n",
        true,
    ),
    (Format::Kubernetes, "apiVersion: v1\nkind: Pod\n", false),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Pod\nspec:\n  containers: null\n  volumes: [{}]\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - {}\n    - name: a\n      env: [{name: X}, 5]\n      securityContext: {capabilities: {add: [3]}}\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Service\nspec:\n  type: NodePort\n  ports: [{port: x}, {targetPort: http}]\n",
        false,
    ),
    (
        Format::Kubernetes,
        "---\n---\napiVersion: v1\nkind: List\nitems: []\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Pod\nspec: {containers: [\n",
        true,
    ),
    (Format::Terraform, "", false),
    (Format::Terraform, "resource \"aws_s3_bucket\" {}\n", false),
    (
        Format::Terraform,
        "resource \"aws_security_group\" \"a\" {\n  ingress {\n    from_port = var.p\n    to_port = \"x\"\n    cidr_blocks = [var.c, 5, \"0.0.0.0/0\"]\n  }\n}\n",
        false,
    ),
    (
        Format::Terraform,
        "resource \"aws_s3_bucket_policy\" \"p\" {\n  policy = \"not json\"\n}\nresource \"aws_iam_policy\" \"q\" {\n  policy = jsonencode({Statement = {Effect = \"Allow\", Action = 5}})\n}\n",
        false,
    ),
    (
        Format::Terraform,
        "resource \"azurerm_network_security_rule\" \"r\" {\n  direction = \"Inbound\"\n  access = \"Allow\"\n  source_address_prefix = \"*\"\n  destination_port_range = var.port\n}\n",
        false,
    ),
    (
        Format::Terraform,
        "locals {\n  a = 1\n}\nlocals {\n  b = 2\n}\nmodule \"m\" {\n  source = \"./m\"\n}\n",
        false,
    ),
    (Format::Terraform, "resource \"a\" \"b\" {\n", true),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Secret\ndata: [1, 2]\nstringData: 5\n---\napiVersion: v1\nkind: Secret\ndata: {a: 5, b: null}\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nrules: [5, {resources: secrets, verbs: 3}, {resources: [pods/exec], verbs: create}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nroleRef: 5\nsubjects: [3, {name: 4}]\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Service\nspec: {type: NodePort, externalIPs: 5, ports: [{port: \"22\"}], loadBalancerSourceRanges: 3}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {labels: 5, namespace: 3}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nspec: null\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: v1\nkind: Pod\nmetadata: {annotations: [1]}\nspec:\n  automountServiceAccountToken: 3\n  securityContext: {sysctls: x, seccompProfile: 3, windowsOptions: 1}\n  containers:\n    - name: a\n      image: 5\n      imagePullPolicy: 3\n      securityContext: {capabilities: {drop: ALL}, procMount: 1, appArmorProfile: x}\n",
        false,
    ),
    (
        Format::Kubernetes,
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {annotations: x, labels: 3}\n---\napiVersion: v1\nkind: Pod\nmetadata: {annotations: 5}\nspec:\n  containers:\n    - name: kube-apiserver\n      image: [1]\n      command: kube-apiserver --anonymous-auth=true\n      args: [5, null, \"--insecure-port\", \"--=x\"]\n",
        false,
    ),
    (
        Format::Compose,
        "services:\n  a:\n    build: .\n    security_opt: x\n    cap_drop: ALL\n    devices: [5, {source: 3}]\n    logging: none\n    user: 0\n    read_only: yes\n    volumes: [\"/:/host\", {type: bind, source: 5}]\n    ports: [\"22:22\", {target: 22, published: \"x\"}]\n  b:\n    build: {args: [5, \"TOKEN\"]}\n",
        false,
    ),
    (Format::Ansible, "", false),
    (Format::Ansible, "- hosts: all\n", false),
    (
        Format::Ansible,
        "- hosts: all\n  become: 7\n  vars: [1]\n  roles: [x, {role: y, db_password: 5}, 3]\n  tasks:\n    - 5\n    - {}\n    - name: only a name\n    - block: null\n    - get_url: [1]\n      args: 3\n    - shell: {cmd: [1]}\n    - file: {mode: [7], path: 3}\n    - action: {module: 5}\n    - user: {password: 9}\n",
        false,
    ),
    (
        Format::Ansible,
        "- name: t\n  uri: url=\"unterminated validate_certs=no\n  no_log: maybe\n",
        false,
    ),
    (Format::Ansible, "a: 1\nenvironment: 3\n", false),
    (
        Format::Ansible,
        "- uri: {url: 5, headers: x, body: 5, password: [1]}\n  loop: 3\n- uri: {url: \"http://a\", headers: [1], body: {a: {b: {c: {d: {e: {password: x}}}}}}}\n- sudoers: {commands: 5, nopassword: x}\n- ini_file: {path: 5, option: 5, value: {}}\n- apt_repository: {repo: 5, trusted: [1]}\n- git: {accept_hostkey: [1], repo: 5}\n- yum_repository: {gpgcheck: {}}\n- ufw: {default: 5, policy: [1], direction: 3}\n- service: {name: 5, state: 3, enabled: {}}\n- lineinfile: {path: /etc/ssh/sshd_config, line: 5}\n- user: {password: 5}\n- file: {path: /x, mode: {a: 1}}\n- debug: {msg: 5, var: 3}\n- set_fact: {password: null}\n",
        false,
    ),
    (Format::Ansible, "- hosts: all\n  tasks: [\n", true),
    (Format::CloudFormation, "", false),
    (
        Format::CloudFormation,
        "AWSTemplateFormatVersion: x\nResources: 5\n",
        false,
    ),
    (
        Format::CloudFormation,
        "AWSTemplateFormatVersion: x\nParameters: 3\nGlobals: {Function: 4}\nResources:\n  A: 5\n  B: {Type: 7}\n  C: {Type: AWS::S3::Bucket, Properties: [1]}\n  D: {Type: AWS::EC2::SecurityGroup, Properties: {SecurityGroupIngress: [null, 3, {CidrIp: 5, IpProtocol: [1], FromPort: x}, {CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: '22', ToPort: !Ref P}]}}\n  E: {Type: AWS::IAM::Role, Properties: {Policies: [3, {PolicyDocument: '{\"Statement\": 5}'}, {PolicyDocument: {Statement: {Effect: Allow, Action: [3], Resource: 4}}}]}}\n  F: {Type: AWS::S3::BucketPolicy, Properties: {PolicyDocument: {Statement: [null, {Effect: Allow, Principal: [\"*\"]}]}}}\n  G: {Type: AWS::Lambda::Function, Properties: {Environment: {Variables: [1]}}}\n  H: {Type: AWS::RDS::DBInstance, Properties: {MasterUserPassword: {Ref: 5}, BackupRetentionPeriod: x}}\n  I: {Type: AWS::AmazonMQ::Broker, Properties: {Users: 3}}\n  J: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: 5, DefaultActions: [1]}}\n",
        false,
    ),
    (
        Format::CloudFormation,
        "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: !Ref}\n  R: !Unknown {Type: AWS::SNS::Topic}\n",
        false,
    ),
    (
        Format::CloudFormation,
        "{\"Resources\": {\"Q\": [1, 2}\n",
        true,
    ),
    (
        Format::CloudFormation,
        "AWSTemplateFormatVersion: x\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n   bad: indent\n",
        true,
    ),
    (Format::TerraformPlan, "{}", false),
    (
        Format::TerraformPlan,
        "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": [1, {\"address\": 3}, {\"address\": \"a.b\", \"type\": \"aws_s3_bucket\", \"name\": \"b\", \"index\": [1], \"values\": 5}], \"child_modules\": [{\"address\": 7}]}}, \"configuration\": {\"root_module\": {\"resources\": 3}}}",
        false,
    ),
    (
        Format::TerraformPlan,
        "{\"format_version\": \"1.2\", \"resource_changes\": [null, {\"change\": {\"actions\": [\"delete\"], \"after\": null}}, {\"address\": \"aws_db_instance.d\", \"type\": \"aws_db_instance\", \"name\": \"d\", \"change\": {\"actions\": [\"update\"], \"after\": {\"publicly_accessible\": \"yes\"}, \"after_sensitive\": 4}}]}",
        false,
    ),
    (
        Format::TerraformPlan,
        "{\"format_version\": \"1.2\",\n",
        true,
    ),
];

#[test]
fn odd_inputs_neither_panic_nor_break_policies() {
    // The interpreter, which reports a policy's evaluation error; the compiled policies
    // a scan runs would only drop the failing rule body.
    let engine = IacEngine::new().unwrap().interpreted();
    let mut failures = Vec::new();
    for (i, (format, text, malformed)) in CASES.iter().enumerate() {
        let (findings, errors) = engine.check_text(*format, &format!("case{i}"), text);
        for e in errors {
            failures.push(format!("case {i} ({format:?}): {e}"));
        }
        let parse_errors = findings
            .iter()
            .filter(|f| f.rule_id == "iac/parse-error")
            .count();
        if (parse_errors > 0) != *malformed {
            failures.push(format!(
                "case {i} ({format:?}): {parse_errors} parse errors, malformed = {malformed}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn odd_inputs_give_the_same_findings_compiled_and_interpreted() {
    let compiled = IacEngine::new().unwrap();
    let interpreted = IacEngine::new().unwrap().interpreted();
    let json = |engine: &IacEngine, format: Format, path: &str, text: &str| {
        let mut found: Vec<String> = engine
            .scan_text(format, path, text)
            .iter()
            .map(|f| serde_json::to_string(f).unwrap())
            .collect();
        found.sort();
        found
    };
    for (i, (format, text, _)) in CASES.iter().enumerate() {
        let path = format!("case{i}");
        assert_eq!(
            json(&compiled, *format, &path, text),
            json(&interpreted, *format, &path, text),
            "case {i} ({format:?})"
        );
    }
}

#[test]
fn a_policy_that_fails_on_a_file_is_reported_not_dropped() {
    let broken = r#"package users.broken

__rego_metadata__ := {"id": "iac/users/broken", "title": "Broken", "severity": "high", "formats": ["compose"]}

deny contains {"msg": "x"} if {
	some s in input.networks
	s == 1
}
"#;
    let engine =
        IacEngine::with_policies(vec![("users/broken.rego".into(), broken.into())]).unwrap();
    let text = "services:\n  db:\n    image: postgres\n    ports: [\"5432:5432\"]\nnetworks:\n";
    let findings = engine.scan_text(Format::Compose, "compose.yml", text);
    let error = findings
        .iter()
        .find(|f| f.rule_id == "iac/policy-error")
        .expect("the failing policy is reported");
    assert!(
        error.message.contains("iac/users/broken"),
        "{}",
        error.message
    );
    // The built-in policies' results still stand beside it.
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id == "iac/compose/database-port-published")
    );
}
