# Credentials written into the template.
package steward.iac.cloudformation.hardcoded_credentials

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/hardcoded-credentials",
    "title": "Credentials written into the template",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-798"
    ],
    "owasp": "A07",
    "requirements": [
        "STW-SECRETS-001",
        "STW-SECRETS-008"
    ],
    "description": "A database master password, a cache auth token, a broker, directory or IAM user password is a literal in the template, or the default of the parameter it references, so it is in the repository, in the stack's template in CloudFormation and in every copy of both.",
    "remediation": "Use a dynamic reference (`{{resolve:secretsmanager:...}}`), `ManageMasterUserPassword: true` for RDS, or a `NoEcho` parameter without a default that the deployment fills from a secrets manager.",
    "formats": [
        "cloudformation"
    ]
}

# Where each resource type keeps a secret, under Properties.
secret_paths := {
	"AWS::RDS::DBInstance": [["MasterUserPassword"]],
	"AWS::RDS::DBCluster": [["MasterUserPassword"]],
	"AWS::Redshift::Cluster": [["MasterUserPassword"]],
	"AWS::DocDB::DBCluster": [["MasterUserPassword"]],
	"AWS::DMS::Endpoint": [["Password"]],
	"AWS::DirectoryService::MicrosoftAD": [["Password"]],
	"AWS::DirectoryService::SimpleAD": [["Password"]],
	"AWS::ElastiCache::ReplicationGroup": [["AuthToken"]],
	"AWS::IAM::User": [["LoginProfile", "Password"]],
	"AWS::OpenSearchService::Domain": [["AdvancedSecurityOptions", "MasterUserOptions", "MasterUserPassword"]],
	"AWS::Elasticsearch::Domain": [["AdvancedSecurityOptions", "MasterUserOptions", "MasterUserPassword"]],
}

deny contains {"msg": sprintf("%s %s sets %s to %s", [r.Type, name, concat(".", p), how(v)]), "path": array.concat(["Resources", name, "Properties"], p)} if {
	some name, r in data.steward.lib.cloudformation.all_resources
	some p in secret_paths[r.Type]
	v := object.get(cfn.props(r), p, null)
	cfn.literal_secret(v)
}

deny contains {"msg": sprintf("broker %s sets a user's password to %s", [name, how(u.Password)]), "path": ["Resources", name, "Properties", "Users", i, "Password"]} if {
	some name, r in cfn.resources("AWS::AmazonMQ::Broker")
	some i, u in cfn.list(cfn.props(r).Users)
	cfn.literal_secret(u.Password)
}

how(v) := "a literal" if is_string(v)

how(v) := sprintf("parameter %s, whose default is a literal", [v.Ref]) if is_object(v)
